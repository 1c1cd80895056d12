package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// memSink is a sink that keeps articles in memory and reports an article
// unchanged when its id and hash were seen before.
type memSink struct {
	mu    sync.Mutex
	saved map[news.ArticleID]string
	fail  error
}

func (s *memSink) save(_ context.Context, arts []*news.Article) ([]store.Outcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return nil, s.fail
	}
	if s.saved == nil {
		s.saved = map[news.ArticleID]string{}
	}
	out := make([]store.Outcome, len(arts))
	for i, a := range arts {
		old, ok := s.saved[a.ID]
		switch {
		case !ok:
			out[i] = store.New
		case old == a.Hash:
			out[i] = store.Unchanged
		default:
			out[i] = store.Replaced
		}
		s.saved[a.ID] = a.Hash
	}
	return out, nil
}

func writeInput(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun(t *testing.T) {
	in := writeInput(t,
		`{"id":"a","text":"The president met the prime minister on Monday."}`,
		`{"id":"boom","text":"This article makes a stage fail."}`,
		`{"id":"panic","text":"This article makes a stage panic."}`,
		`not json`,
		`{"id":"b","text":"Troops withdrew from the border town."}`,
	)
	var ran sync.Map
	stages := []Stage{
		{Name: "mark", Run: func(a *news.Article) error { ran.Store(a.ID, true); return nil }},
		{Name: "check", Run: func(a *news.Article) error {
			switch a.ID {
			case "boom":
				return errors.New("cannot code this")
			case "panic":
				var m map[string]int
				m["x"]++ // a bug in a stage must not end the run
			}
			return nil
		}},
	}
	sink := &memSink{}
	p := New(stages, sink.save, Options{Workers: 2, Batch: 2})
	stats, failures, err := p.Run(t.Context(), []string{in}, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if stats.New != 2 || stats.Failed != 3 || stats.Read != 5 {
		t.Errorf("Run stats = %+v, want 2 new, 3 failed, 5 read", stats)
	}
	var msgs []string
	for _, f := range failures {
		msgs = append(msgs, f.Err.Error())
	}
	sort.Strings(msgs)
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"cannot code this", "internal error", "in.jsonl:4"} {
		if !strings.Contains(joined, want) {
			t.Errorf("failures %q do not mention %q", joined, want)
		}
	}
	if _, ok := ran.Load(news.ArticleID("a")); !ok {
		t.Errorf("stage did not run on article a")
	}

	// A second run finds everything unchanged.
	stats, _, err = p.Run(t.Context(), []string{in}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Unchanged != 2 || stats.New != 0 {
		t.Errorf("second Run stats = %+v, want 2 unchanged", stats)
	}
}

func TestRunSkipsKnownArticles(t *testing.T) {
	in := writeInput(t, `{"id":"a","text":"Ministers met in Rome."}`)
	sink := &memSink{}
	coded := 0
	var mu sync.Mutex
	stages := []Stage{{Name: "count", Run: func(*news.Article) error { mu.Lock(); coded++; mu.Unlock(); return nil }}}
	known := func(_ context.Context, ids []news.ArticleID) (map[news.ArticleID]string, error) {
		sink.mu.Lock()
		defer sink.mu.Unlock()
		out := map[news.ArticleID]string{}
		for _, id := range ids {
			if h, ok := sink.saved[id]; ok {
				out[id] = h
			}
		}
		return out, nil
	}
	p := New(stages, sink.save, Options{Workers: 1, Known: known})
	for range 2 {
		if _, _, err := p.Run(t.Context(), []string{in}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if coded != 1 {
		t.Errorf("stages ran %d times over two runs of one unchanged article, want 1", coded)
	}
}

func TestRunStopsWhenTheSinkFails(t *testing.T) {
	in := writeInput(t, `{"id":"a","text":"Ministers met in Rome."}`)
	sink := &memSink{fail: errors.New("disk full")}
	_, _, err := New(nil, sink.save, Options{}).Run(t.Context(), []string{in}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Run with a failing sink = %v, want the sink's error", err)
	}
}

func TestRunRecordsUnreadableInputs(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.jsonl")
	stats, failures, err := New(nil, (&memSink{}).save, Options{}).Run(t.Context(), []string{missing}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.InputsFailed != 1 || len(failures) != 1 || !strings.Contains(failures[0].Err.Error(), "missing.jsonl") {
		t.Errorf("Run(missing) = %+v, %v; want one failure naming the input", stats, failures)
	}
}

func TestRunWithSQLite(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	in := writeInput(t,
		`{"id":"a","text":"The president met the prime minister on Monday."}`,
		`{"id":"b","text":"Troops withdrew from the border town."}`,
	)
	p := New(nil, db.SaveArticles, Options{Known: db.Hashes})
	stats, _, err := p.Run(t.Context(), []string{in}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.New != 2 {
		t.Errorf("Run stats = %+v, want 2 new", stats)
	}
	c, err := db.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 {
		t.Errorf("stored %d articles, want 2", c.Articles)
	}
}

// TestRunInterruptedThenResumed cancels a run part-way, as Ctrl-C does,
// and checks that what was coded is kept and that the next run stores the
// rest without duplicating anything.
func TestRunInterruptedThenResumed(t *testing.T) {
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"id":"a-%d","text":"Officials met in Rome on Monday, report %d said."}`, i, i))
	}
	in := writeInput(t, lines...)
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	ctx, cancel := context.WithCancel(t.Context())
	var mu sync.Mutex
	coded := 0
	stop := Stage{Name: "interrupt", Run: func(*news.Article) error {
		mu.Lock()
		defer mu.Unlock()
		if coded++; coded == 50 {
			cancel()
		}
		return nil
	}}
	p := New([]Stage{stop}, db.SaveArticles, Options{Workers: 2, Batch: 10, Known: db.Hashes})
	_, _, err = p.Run(ctx, []string{in}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Run error = %v, want context.Canceled", err)
	}
	first, err := db.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if first.Articles == 0 || first.Articles == 200 {
		t.Fatalf("after the interruption %d articles are stored, want some but not all", first.Articles)
	}

	stats, failures, err := New(nil, db.SaveArticles, Options{Known: db.Hashes}).Run(t.Context(), []string{in}, nil)
	if err != nil || len(failures) > 0 {
		t.Fatalf("resumed Run: %v %v", err, failures)
	}
	if stats.New != 200-first.Articles || stats.Unchanged != first.Articles {
		t.Errorf("resumed Run = %d new, %d unchanged; want %d new, %d unchanged", stats.New, stats.Unchanged, 200-first.Articles, first.Articles)
	}
	c, err := db.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 200 {
		t.Errorf("after resuming %d articles are stored, want 200", c.Articles)
	}
}
