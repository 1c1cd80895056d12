package main

import (
	"path/filepath"
	"strings"
	"testing"

	"chronicle/internal/link"
	"chronicle/internal/news"
	"chronicle/internal/store"
)

// linkedDB ingests testdata/linked.jsonl (a wire story, a copy of it, an
// independent report of the same explosion, and an unrelated article) and
// links it.
func linkedDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "linked.db")
	if _, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", path, "testdata/linked.jsonl"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := link.New(db, link.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Link(t.Context(), []news.ArticleID{"port-wire", "port-copy", "port-herald", "harvest"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestStories(t *testing.T) {
	path := linkedDB(t)
	out, errOut, err := chronicle(t, "", "stories", "--db", path)
	if err != nil {
		t.Fatalf("stories: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Explosion at Aden port kills 6 workers", "3 articles", "2025-06-02"} {
		if !strings.Contains(out, want) {
			t.Errorf("stories output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "tea growers") {
		t.Errorf("stories lists a story of one article by default:\n%s", out)
	}
	id := strings.Fields(out)[0]

	out, errOut, err = chronicle(t, "", "show", "--db", path, "story", id)
	if err != nil {
		t.Fatalf("show story: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Timeline", "(copy of port-wire)", "port-herald: ", "port-copy: "} {
		if !strings.Contains(out, want) {
			t.Errorf("show story output lacks %q:\n%s", want, out)
		}
	}

	// The linked event of the story, with each report of it.
	start := strings.Index(out, "[ev-")
	if start < 0 {
		t.Fatalf("show story lists no linked event:\n%s", out)
	}
	evID := strings.TrimSuffix(strings.Fields(out[start+1:])[0], ";")
	evOut, errOut, err := chronicle(t, "", "show", "--db", path, "event", evID)
	if err != nil {
		t.Fatalf("show event: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Linked event", "Reports (3)"} {
		if !strings.Contains(evOut, want) {
			t.Errorf("show event output lacks %q:\n%s", want, evOut)
		}
	}

	// The dock workers' timeline: the one linked event, with its reports.
	out, errOut, err = chronicle(t, "", "show", "--db", path, "entity", "workers")
	if err != nil {
		t.Fatalf("show entity: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Timeline of workers: 1 events", "2025-06-02", "ASSAULT", "port-herald: "} {
		if !strings.Contains(out, want) {
			t.Errorf("show entity output lacks %q:\n%s", want, out)
		}
	}

	out, errOut, err = chronicle(t, "", "show", "--db", path, "article", "port-copy")
	if err != nil {
		t.Fatalf("show article: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Six dead in Aden port blast", "copy of: port-wire", "Events (as coded from this article)"} {
		if !strings.Contains(out, want) {
			t.Errorf("show article output lacks %q:\n%s", want, out)
		}
	}
}

func TestShowErrors(t *testing.T) {
	path := linkedDB(t)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no id", []string{"show", "--db", path, "story"}, 2},
		{"unknown kind", []string{"show", "--db", path, "planet", "x"}, 2},
		{"unknown story", []string{"show", "--db", path, "story", "st-none"}, 1},
		{"unknown event", []string{"show", "--db", path, "event", "ev-none"}, 1},
		{"unknown entity", []string{"show", "--db", path, "entity", "Nobody Atall"}, 1},
		{"missing database", []string{"stories", "--db", filepath.Join(t.TempDir(), "none.db")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := chronicle(t, "", tt.args...)
			if got := exitCode(err); got != tt.code {
				t.Errorf("chronicle %v: exit %d (%v), want %d", tt.args, got, err, tt.code)
			}
		})
	}
}

// TestPrintEvent checks the line of a linked event whose reports disagree
// on its date and its toll: both ranges are shown.
func TestPrintEvent(t *testing.T) {
	e := news.Event{ID: "a/e0", Type: news.Assault, Date: "2025-03-03", DateMin: "2025-03-02", DateMax: "2025-03-03",
		Source:     news.Actor{Name: "Army"},
		Quantities: map[string]int{"killed": 12, "killed_max": 15}, SourceCount: 2,
		Evidence: []news.Evidence{{Article: "a", Sentence: "Twelve were killed."}, {Article: "b", Sentence: "Fifteen died."}}}
	var b strings.Builder
	printEvent(&b, e)
	got := b.String()
	for _, want := range []string{"2025-03-03", "killed 12-15", "(reports date it 2025-03-02 to 2025-03-03)", "2 articles, 2 sources", "b: Fifteen died."} {
		if !strings.Contains(got, want) {
			t.Errorf("printEvent() = %q, want it to contain %q", got, want)
		}
	}
}
