package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"chronicle/internal/pipeline"
)

// progress shows a run's progress: a bar with articles/s on a terminal,
// a plain line every few seconds otherwise.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
	every time.Duration
	last  time.Time
	now   func() time.Time
	stats pipeline.Stats
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, every: 5 * time.Second, now: time.Now}
	if !quiet && isTerminal(w) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	p.last = p.now()
	return p
}

// update is the pipeline's progress callback.
func (p *progress) update(s pipeline.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stats = s
	if p.quiet {
		return
	}
	if p.bar != nil {
		// The bar is a display only: a failed redraw loses nothing.
		_ = p.bar.Set(s.Stored() + s.Failed)
		return
	}
	if now := p.now(); now.Sub(p.last) >= p.every {
		p.last = now
		fmt.Fprintf(p.w, "ingest: %d articles (%d new, %d failed), %.0f articles/s\n",
			s.Stored()+s.Failed, s.New, s.Failed, s.Rate())
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		// As in update: the bar is a display only.
		_ = p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}
