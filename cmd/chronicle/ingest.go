package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"chronicle/internal/ingest"
	"chronicle/internal/link"
	"chronicle/internal/news"
	"chronicle/internal/pipeline"
	"chronicle/internal/store"
)

func runIngest(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "ingest [flags] INPUT...\n\nReads files, folders (recursively), - (stdin) or http(s) URLs of pages and feeds,\ncodes every article and stores the result.", stdout, stderr)
	dbFlag(fs, &cfg)
	workFlags(fs, &cfg)
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "articles per write transaction")
	follow := fs.Bool("follow", false, "for feeds, fetch every item's page and code the page")
	quiet := fs.Bool("quiet", false, "print no progress, only the summary")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("ingest: no input given")
	}
	if err := cfg.Validate(); err != nil {
		return usageError("ingest: %v", err)
	}
	inputs, skipped, err := ingest.Expand(fs.Args())
	if err != nil {
		return usageError("ingest: %v", err)
	}
	printSkipped(stderr, skipped)

	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return fmt.Errorf("open database %s: %v", cfg.DB, err)
	}
	defer db.Close()

	st, err := stages()
	if err != nil {
		return err
	}
	linker, err := link.New(db, link.Options{})
	if err != nil {
		return err
	}
	// Linking profiles each article in the coding workers, in parallel,
	// so that the one goroutine that stores and links has less to do.
	st = append(st, pipeline.Stage{Name: "link profile", Run: linker.Prepare})
	prog := newProgress(stderr, *quiet)
	p := pipeline.New(st, linkedSink(db, linker), pipeline.Options{
		Workers:  cfg.Workers,
		Batch:    cfg.Batch,
		Read:     ingest.Options{MaxBytes: cfg.MaxBytes, Follow: *follow},
		Known:    db.Hashes,
		Progress: prog.update,
	})
	stats, failures, runErr := p.Run(ctx, inputs, stdin)
	prog.finish()

	// Failures are recorded in the database too, so that a later run can
	// list what is still broken; a later success clears the record.
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if err := recordFailures(context.WithoutCancel(ctx), db, inputs, failures, runErr == nil); err != nil {
		log.Error("record failures", "err", err)
	}
	printSummary(stdout, stats, cfg.DB)
	for _, f := range failures {
		fmt.Fprintf(stderr, "error: %v\n", f.Err)
	}
	if runErr != nil {
		return runErr
	}
	if len(failures) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("chronicle: %d of the inputs' records failed; the rest is stored", len(failures))}
	}
	return nil
}

// recordFailures records this run's failures and, when the run read every
// input to the end, forgets the earlier failures of those inputs, whose
// records now went through.
func recordFailures(ctx context.Context, db *store.DB, inputs []string, failures []pipeline.Failure, complete bool) error {
	failed := map[string]bool{}
	for _, f := range failures {
		failed[f.Input] = true
		if err := db.RecordFailure(ctx, f.Input, f.Err); err != nil {
			return err
		}
	}
	if !complete {
		return nil
	}
	var stale []string
	err := db.Failures(ctx, func(f store.Failure) error {
		if failed[f.Input] {
			return nil
		}
		for _, in := range inputs {
			if f.Input == in || strings.HasPrefix(f.Input, in+":") {
				stale = append(stale, f.Input)
				break
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, in := range stale {
		if err := db.ClearFailure(ctx, in); err != nil {
			return err
		}
	}
	return nil
}

// linkedSink stores a batch, then links its new and replaced articles with
// what is stored: near-duplicates, stories, events reported by several
// articles and quotes. Unchanged articles were not coded again and are
// already linked.
func linkedSink(db *store.DB, lk *link.Linker) pipeline.Sink {
	return func(ctx context.Context, arts []*news.Article) ([]store.Outcome, error) {
		out, err := db.SaveArticles(ctx, arts)
		if err != nil {
			return nil, err
		}
		changed := make([]*news.Article, 0, len(arts))
		for i, o := range out {
			if o != store.Unchanged {
				changed = append(changed, arts[i])
			}
		}
		if err := lk.LinkSaved(ctx, changed); err != nil {
			return nil, fmt.Errorf("link: %v", err)
		}
		return out, nil
	}
}

func printSummary(w io.Writer, s pipeline.Stats, db string) {
	rate := s.Rate()
	fmt.Fprintf(w, "inputs      %d (%d unreadable)\n", s.Inputs, s.InputsFailed)
	fmt.Fprintf(w, "articles    %d new, %d unchanged, %d replaced, %d failed\n", s.New, s.Unchanged, s.Replaced, s.Failed)
	fmt.Fprintf(w, "found       %d sentences, %d mentions, %d events, %d quotes\n", s.Sentences, s.Mentions, s.Events, s.Quotes)
	fmt.Fprintf(w, "time        %s (%.0f articles/s)\n", s.Elapsed.Round(time.Millisecond), rate)
	if db != "" {
		fmt.Fprintf(w, "database    %s\n", db)
	}
}

// maxSkippedListed is how many skipped files printSkipped names.
const maxSkippedListed = 20

// printSkipped names the files of folders that were not read because
// their type is unknown, so that nothing is left out silently.
func printSkipped(w io.Writer, skipped []string) {
	for i, path := range skipped {
		if i == maxSkippedListed {
			fmt.Fprintf(w, "skipped: %d more files of unknown type\n", len(skipped)-i)
			return
		}
		fmt.Fprintf(w, "skipped: %s: unknown file type (want .jsonl, .ndjson, .txt, .html, .htm, .xml, .rss, .atom or .warc, optionally .gz; name the file itself to read it by its content)\n", path)
	}
}

// isTerminal reports whether w is a terminal, for choosing between a
// progress bar and plain periodic lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && !strings.EqualFold(os.Getenv("TERM"), "dumb")
}
