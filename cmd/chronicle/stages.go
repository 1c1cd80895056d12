package main

import (
	"fmt"

	"chronicle/internal/extract"
	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/pipeline"
)

// stages builds the coding stages in pipeline order: clean, split,
// recognise, resolve, date, code, quote.
func stages() ([]pipeline.Stage, error) {
	cleaner, err := ingest.NewCleaner()
	if err != nil {
		return nil, fmt.Errorf("load cleaning rules: %v", err)
	}
	return []pipeline.Stage{
		{Name: "clean", Run: func(a *news.Article) error { cleaner.Clean(a); return nil }},
		{Name: "split", Run: func(a *news.Article) error { extract.Split(a); return nil }},
	}, nil
}
