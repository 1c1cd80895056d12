package main

import (
	"fmt"

	"chronicle/internal/extract"
	"chronicle/internal/ingest"
	"chronicle/internal/kb"
	"chronicle/internal/news"
	"chronicle/internal/pipeline"
	"chronicle/internal/resolve"
)

// stages builds the coding stages in pipeline order: clean, split,
// recognise, resolve, date, code events, find quotes.
func stages() ([]pipeline.Stage, error) {
	cleaner, err := ingest.NewCleaner()
	if err != nil {
		return nil, fmt.Errorf("load cleaning rules: %v", err)
	}
	k, err := kb.Load()
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %v", err)
	}
	patterns, err := kb.LoadPatterns()
	if err != nil {
		return nil, fmt.Errorf("load event patterns: %v", err)
	}
	speech, err := kb.LoadSpeech()
	if err != nil {
		return nil, fmt.Errorf("load reporting verbs: %v", err)
	}
	recognizer := extract.NewRecognizer(k)
	resolver := resolve.New(k)
	coder := extract.NewCoder(patterns)
	quotes := extract.NewQuoteFinder(speech)
	return []pipeline.Stage{
		{Name: "clean", Run: func(a *news.Article) error { cleaner.Clean(a); return nil }},
		{Name: "split", Run: func(a *news.Article) error { extract.Split(a); return nil }},
		{Name: "recognise", Run: func(a *news.Article) error { recognizer.Mentions(a); return nil }},
		{Name: "resolve", Run: func(a *news.Article) error { resolver.Resolve(a); return nil }},
		{Name: "date", Run: func(a *news.Article) error { extract.Dates(a); return nil }},
		{Name: "code", Run: func(a *news.Article) error { coder.Events(a); return nil }},
		{Name: "quote", Run: func(a *news.Article) error { quotes.Quotes(a); return nil }},
	}, nil
}
