package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"chronicle/internal/pipeline"
)

func TestProgressPlainLines(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false) // a buffer is not a terminal: plain lines
	now := time.Date(2025, 6, 11, 9, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	p.last = now
	s := pipeline.Stats{New: 10, Elapsed: 2 * time.Second}
	p.update(s)
	if buf.Len() != 0 {
		t.Errorf("progress printed %q before its interval passed", buf.String())
	}
	now = now.Add(6 * time.Second)
	s.New, s.Elapsed = 100, 8*time.Second
	p.update(s)
	if got := buf.String(); !strings.Contains(got, "100 articles (100 new, 0 failed)") || !strings.Contains(got, "articles/s") {
		t.Errorf("progress line = %q, want the count and the rate", got)
	}
	p.finish()
}

func TestProgressQuiet(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, true)
	p.now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	p.update(pipeline.Stats{New: 5})
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("quiet progress printed %q", buf.String())
	}
}
