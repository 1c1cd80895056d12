package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/pipeline"
	"chronicle/internal/store"
)

func runExtract(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", "extract [flags] [FILE|URL|-]\n\nCodes one input without a database and writes JSONL records to stdout: for every\narticle its article record, then its events, quotes, entities, places and dates,\neach with a \"record\" field naming its kind.", stdout, stderr)
	workFlags(fs, &cfg)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError("extract: one input at most, got %d", fs.NArg())
	}
	if err := cfg.Validate(); err != nil {
		return usageError("extract: %v", err)
	}
	input := "-"
	if fs.NArg() == 1 {
		input = fs.Arg(0)
	}
	inputs, skipped, err := ingest.Expand([]string{input})
	if err != nil {
		return usageError("extract: %v", err)
	}
	printSkipped(stderr, skipped)
	st, err := stages()
	if err != nil {
		return err
	}
	w := &jsonlSink{w: bufio.NewWriterSize(stdout, 64<<10)}
	// Articles come out in the order they were read: one worker keeps the
	// output reproducible, and a single input rarely needs more.
	p := pipeline.New(st, w.save, pipeline.Options{Workers: 1, Readers: 1, Batch: 16, Read: ingest.Options{MaxBytes: cfg.MaxBytes}})
	_, failures, runErr := p.Run(ctx, inputs, stdin)
	if err := w.w.Flush(); err != nil {
		return err
	}
	for _, f := range failures {
		fmt.Fprintf(stderr, "error: %v\n", f.Err)
	}
	if runErr != nil {
		return runErr
	}
	if len(failures) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("chronicle: %d records failed", len(failures))}
	}
	return nil
}

// jsonlSink writes every article and its records as JSON lines tagged with
// their kind.
type jsonlSink struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (s *jsonlSink) save(_ context.Context, arts []*news.Article) ([]store.Outcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]store.Outcome, len(arts))
	for i, a := range arts {
		if err := writeArticleRecords(s.w, a); err != nil {
			return nil, err
		}
		out[i] = store.New
	}
	return out, nil
}

func writeArticleRecords(w *bufio.Writer, a *news.Article) error {
	write := func(kind string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		w.WriteString(`{"record":"` + kind + `"`)
		if len(b) > 2 {
			w.WriteByte(',')
		}
		w.Write(b[1:])
		return w.WriteByte('\n')
	}
	if err := write("article", a.Record()); err != nil {
		return err
	}
	for _, e := range a.Events {
		if err := write("event", e); err != nil {
			return err
		}
	}
	for _, q := range a.Quotes {
		if err := write("quote", q); err != nil {
			return err
		}
	}
	for _, e := range a.Entities() {
		if err := write("entity", e); err != nil {
			return err
		}
	}
	for _, p := range a.PlaceRecords() {
		if err := write("place", p); err != nil {
			return err
		}
	}
	for _, d := range a.DateRecords() {
		if err := write("date", d); err != nil {
			return err
		}
	}
	return nil
}
