package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// kinds are the record kinds of export, in the contract's order.
var kinds = []string{"articles", "events", "quotes", "entities", "places", "dates", "stories"}

func runExport(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "export --what KIND [--format jsonl|csv|parquet] [-o FILE]\n\nWrites every stored record of KIND: "+strings.Join(kinds, ", ")+".", stdout, stderr)
	dbFlag(fs, &cfg)
	what := fs.String("what", "", "record `kind`: "+strings.Join(kinds, ", "))
	format := fs.String("format", "jsonl", "output `format`: jsonl, csv or parquet")
	out := fs.String("o", "", "write to `file` instead of stdout")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("export: unexpected argument %q", fs.Arg(0))
	}
	if !validKind(*what) {
		return usageError("export: --what must be one of %s, not %q", strings.Join(kinds, ", "), *what)
	}
	if *format != "jsonl" && *format != "csv" && *format != "parquet" {
		return usageError("export: --format must be jsonl, csv or parquet, not %q", *format)
	}
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()

	w := stdout
	var f *os.File
	if *out != "" && *out != "-" {
		f, err = os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close() // second close after the checked one below is harmless
		w = f
	}
	var rw interface {
		Write(any) error
		Close() error
	}
	if *format == "parquet" {
		pw, err := newParquetWriter(w, zeroRecord(*what))
		if err != nil {
			return fmt.Errorf("export %s: %v", *what, err)
		}
		rw = pw
	} else {
		rw = newRecordWriter(w, *format, zeroRecord(*what))
	}
	if err := exportKind(ctx, db, *what, rw.Write); err != nil {
		return fmt.Errorf("export %s: %v", *what, err)
	}
	if err := rw.Close(); err != nil {
		return fmt.Errorf("export %s: %v", *what, err)
	}
	if f != nil {
		return f.Close()
	}
	return nil
}

func validKind(k string) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// exportKind streams every stored record of kind to emit.
func exportKind(ctx context.Context, db *store.DB, kind string, emit func(any) error) error {
	switch kind {
	case "articles":
		return db.Articles(ctx, func(a *news.Article) error { return emit(a.Record()) })
	case "events":
		return db.Events(ctx, func(e news.Event) error { return emit(e) })
	case "quotes":
		return db.Quotes(ctx, func(q news.Quote) error { return emit(q) })
	case "entities":
		return db.Entities(ctx, func(e news.Entity) error { return emit(e) })
	case "places":
		return db.Places(ctx, func(p news.PlaceRecord) error { return emit(p) })
	case "dates":
		return db.Dates(ctx, func(d news.DateRecord) error { return emit(d) })
	case "stories":
		return db.Stories(ctx, func(s news.Story) error { return emit(s) })
	}
	return fmt.Errorf("unknown kind %q", kind)
}

// zeroRecord returns an empty record of kind, whose fields name the CSV
// columns when there is nothing to export.
func zeroRecord(kind string) any {
	switch kind {
	case "articles":
		return (&news.Article{}).Record()
	case "events":
		return news.Event{}
	case "quotes":
		return news.Quote{}
	case "entities":
		return news.Entity{}
	case "places":
		return news.PlaceRecord{}
	case "dates":
		return news.DateRecord{}
	case "stories":
		return news.Story{}
	}
	return nil
}
