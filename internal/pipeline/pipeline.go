// Package pipeline runs Chronicle's main job: it reads inputs (ingest),
// passes every article through the coding stages (clean, split,
// recognise, resolve, code, quote) and hands finished articles in batches
// to a sink, the store or a JSONL writer.
//
// Stages are plain functions over *news.Article, so later capabilities
// slot in without touching reading or storage. Work is spread over a
// bounded pool of workers; one writer batches the results into
// transactions. A failure of one input or one article is recorded and the
// run goes on; only a failing sink (the database) or a cancelled context
// stops it.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/store"
)

// Stage is one step of coding an article. Stages run in order on one
// worker; a stage reports a problem of this article by returning an error.
type Stage struct {
	Name string
	Run  func(*news.Article) error
}

// Sink receives finished articles in batches and says for each whether it
// was new, unchanged or replaced. *store.DB's SaveArticles is one.
type Sink func(ctx context.Context, arts []*news.Article) ([]store.Outcome, error)

// Known reports the stored content hashes of articles, so that unchanged
// articles skip the coding stages. It may be nil.
type Known func(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]string, error)

// Options tune a run.
type Options struct {
	Workers  int           // coding workers; 0 means one per CPU
	Readers  int           // inputs read at once; 0 means min(Workers, 4)
	Batch    int           // articles per write transaction; 0 means 128
	Flush    time.Duration // longest wait before a partial batch is written; 0 means 1 s
	Read     ingest.Options
	Known    Known
	Progress func(Stats) // called after every written batch, from one goroutine
	Now      func() time.Time
}

// Failure is one input, or one record of an input, that could not be
// read or coded.
type Failure struct {
	Input string
	Err   error
}

// Stats counts what a run did.
type Stats struct {
	Inputs       int // inputs given
	InputsFailed int // inputs that could not be read at all
	Read         int // articles read
	New          int
	Unchanged    int
	Replaced     int
	Failed       int // records that could not be read or coded
	Sentences    int // sentences in new and replaced articles
	Events       int
	Quotes       int
	Mentions     int
	Elapsed      time.Duration
}

// Stored returns the number of articles written or confirmed unchanged.
func (s Stats) Stored() int { return s.New + s.Unchanged + s.Replaced }

// Rate returns articles per second over the elapsed time.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Stored()+s.Failed) / s.Elapsed.Seconds()
}

// Pipeline reads, codes and stores articles.
type Pipeline struct {
	stages []Stage
	sink   Sink
	opt    Options
}

// New returns a pipeline that runs stages on every article and writes the
// results to sink.
func New(stages []Stage, sink Sink, opt Options) *Pipeline {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Readers <= 0 {
		opt.Readers = min(opt.Workers, 4)
	}
	if opt.Batch <= 0 {
		opt.Batch = 128
	}
	if opt.Flush <= 0 {
		opt.Flush = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Pipeline{stages: stages, sink: sink, opt: opt}
}

// Code runs the stages on one article, in order. It is what every worker
// does, and what a caller uses to code a single article without a sink.
func (p *Pipeline) Code(a *news.Article) (err error) {
	defer func() {
		// A stage that panics is a bug in Chronicle, not in the input; the
		// batch must still not die for one article, so the panic becomes
		// this article's recorded failure.
		if r := recover(); r != nil {
			err = fmt.Errorf("code article %s: internal error: %v", a.ID, r)
		}
	}()
	for _, s := range p.stages {
		if err := s.Run(a); err != nil {
			return fmt.Errorf("%s: %v", s.Name, err)
		}
	}
	return nil
}

type job struct {
	art   *news.Article
	err   error // read error of this record
	input string
}

// Run reads every input, codes its articles and writes them to the sink.
// It returns the run's statistics and every failure. The error is non-nil
// only when the sink fails or ctx is cancelled; articles already written
// stay written.
func (p *Pipeline) Run(ctx context.Context, inputs []string, stdin io.Reader) (Stats, []Failure, error) {
	start := p.opt.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	jobs := make(chan job, p.opt.Workers*4)
	done := make(chan job, p.opt.Workers*4)

	var (
		mu       sync.Mutex
		failures []Failure
		stats    = Stats{Inputs: len(inputs)}
	)
	fail := func(input string, err error) {
		mu.Lock()
		failures = append(failures, Failure{Input: input, Err: err})
		mu.Unlock()
	}

	// Readers: several inputs at once, each streamed in order.
	var readers sync.WaitGroup
	next := make(chan string)
	for range p.opt.Readers {
		readers.Go(func() {
			for in := range next {
				err := ingest.Read(ctx, in, stdin, p.opt.Read, func(it ingest.Item) error {
					j := job{art: it.Article, err: it.Err, input: in}
					if it.Article != nil && it.Article.Input != "" {
						j.input = it.Article.Input
					}
					select {
					case jobs <- j:
						return nil
					case <-ctx.Done():
						return context.Cause(ctx)
					}
				})
				if err != nil && ctx.Err() == nil {
					fail(in, err)
					mu.Lock()
					stats.InputsFailed++
					mu.Unlock()
				}
			}
		})
	}
	go func() {
		defer close(next)
		for _, in := range inputs {
			select {
			case next <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		readers.Wait()
		close(jobs)
	}()

	// Workers: code articles.
	var workers sync.WaitGroup
	for range p.opt.Workers {
		workers.Go(func() {
			for j := range jobs {
				if j.err == nil {
					j.err = p.code(ctx, j.art)
				}
				done <- j
			}
		})
	}
	go func() {
		workers.Wait()
		close(done)
	}()

	// Writer: batch finished articles into sink transactions.
	err := p.write(ctx, done, start, &stats, &mu, fail)
	if err != nil {
		cancel(err)
		for range done {
			// Drain so that workers and readers can finish.
		}
	}
	mu.Lock()
	defer mu.Unlock()
	stats.Elapsed = p.opt.Now().Sub(start)
	if err == nil && ctx.Err() != nil {
		err = context.Cause(ctx)
	}
	return stats, failures, err
}

// code skips articles stored unchanged and runs the stages on the rest.
func (p *Pipeline) code(ctx context.Context, a *news.Article) error {
	if p.opt.Known != nil && a.Hash != "" {
		known, err := p.opt.Known(ctx, []news.ArticleID{a.ID})
		if err == nil && known[a.ID] == a.Hash {
			return nil // the sink reports it unchanged
		}
	}
	return p.Code(a)
}

// failedInput names what failed: the record ("file:line") when the error
// says which, else the input.
func failedInput(j job) string {
	var ie *ingest.InputError
	if errors.As(j.err, &ie) && ie.Line > 0 {
		return fmt.Sprintf("%s:%d", ie.Input, ie.Line)
	}
	return j.input
}

func (p *Pipeline) write(ctx context.Context, done <-chan job, start time.Time, stats *Stats, mu *sync.Mutex, fail func(string, error)) error {
	batch := make([]*news.Article, 0, p.opt.Batch)
	ticker := time.NewTicker(p.opt.Flush)
	defer ticker.Stop()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// Finished work is written even after cancellation: Ctrl-C loses
		// only the articles still being read or coded.
		outcomes, err := p.sink(context.WithoutCancel(ctx), batch)
		if err != nil {
			return fmt.Errorf("store batch of %d articles: %w", len(batch), err)
		}
		mu.Lock()
		for i, o := range outcomes {
			a := batch[i]
			switch o {
			case store.New, store.Replaced:
				if o == store.New {
					stats.New++
				} else {
					stats.Replaced++
				}
				stats.Sentences += len(a.Sentences)
				stats.Events += len(a.Events)
				stats.Quotes += len(a.Quotes)
				stats.Mentions += len(a.Mentions)
			case store.Unchanged:
				stats.Unchanged++
			}
		}
		stats.Elapsed = p.opt.Now().Sub(start)
		snapshot := *stats
		mu.Unlock()
		batch = batch[:0]
		if p.opt.Progress != nil {
			p.opt.Progress(snapshot)
		}
		return nil
	}
	for {
		select {
		case j, ok := <-done:
			if !ok {
				return flush()
			}
			mu.Lock()
			stats.Read++
			mu.Unlock()
			if j.err != nil {
				fail(failedInput(j), j.err)
				mu.Lock()
				stats.Failed++
				mu.Unlock()
				continue
			}
			batch = append(batch, j.art)
			if len(batch) >= p.opt.Batch {
				if err := flush(); err != nil {
					return err
				}
			}
		case <-ticker.C:
			if err := flush(); err != nil {
				return err
			}
		}
	}
}
