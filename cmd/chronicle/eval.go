package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"chronicle/internal/eval"
	"chronicle/internal/news"
	"chronicle/internal/store"
)

func runEval(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", "eval --gold FILE\n\nScores what is stored against a hand-coded gold file and prints precision, recall\nand F1 per kind. The gold file is JSON lines in the shape extract writes (each\nrecord with a \"record\" field naming its kind); see README.md, section Evaluation.", stdout, stderr)
	dbFlag(fs, &cfg)
	goldPath := fs.String("gold", "", "gold `file` (JSON lines)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *goldPath == "" || fs.NArg() > 0 {
		return usageError("eval: --gold FILE is required, and nothing else")
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		return err
	}
	defer f.Close()
	gold, err := eval.ReadGold(f, *goldPath)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	got, err := storedSet(ctx, db)
	if err != nil {
		return err
	}
	return eval.Write(stdout, eval.Compare(gold, got))
}

// storedSet reads every stored record that eval scores.
func storedSet(ctx context.Context, db *store.DB) (*eval.Set, error) {
	s := &eval.Set{}
	steps := []func() error{
		func() error {
			return db.Events(ctx, func(e news.Event) error { s.Events = append(s.Events, e); return nil })
		},
		func() error {
			return db.Quotes(ctx, func(q news.Quote) error { s.Quotes = append(s.Quotes, q); return nil })
		},
		func() error {
			return db.Entities(ctx, func(e news.Entity) error { s.Entities = append(s.Entities, e); return nil })
		},
		func() error {
			return db.Places(ctx, func(p news.PlaceRecord) error { s.Places = append(s.Places, p); return nil })
		},
		func() error {
			return db.Dates(ctx, func(d news.DateRecord) error { s.Dates = append(s.Dates, d); return nil })
		},
		func() error {
			return db.Stories(ctx, func(st news.Story) error { s.Stories = append(s.Stories, st); return nil })
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("read stored records: %v", err)
		}
	}
	return s, nil
}
