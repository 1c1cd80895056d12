package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chronicle/internal/store"
)

// chronicle runs the command line in-process with its own environment.
func chronicle(t testing.TB, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(string) string { return "" }
	err = run(t.Context(), args, getenv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// jsonLines decodes every line of s as a JSON object.
func jsonLines(t testing.TB, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func TestIngestExamplesAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "chronicle.db")
	out, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", db, "../../examples")
	if err != nil {
		t.Fatalf("ingest examples: %v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
	if !strings.Contains(out, "articles") {
		t.Errorf("ingest summary = %q, want an articles line", out)
	}

	out, _, err = chronicle(t, "", "export", "--db", db, "--what", "articles")
	if err != nil {
		t.Fatalf("export articles: %v", err)
	}
	arts := jsonLines(t, out)
	// 8 JSONL records, 1 text file, 1 HTML page, 3 feed items, 2 WARC pages.
	if len(arts) != 15 {
		t.Fatalf("export articles: %d records, want 15", len(arts))
	}
	ids := map[string]bool{}
	for _, a := range arts {
		id, _ := a["id"].(string)
		if id == "" || ids[id] {
			t.Errorf("article id %q empty or repeated", id)
		}
		ids[id] = true
		for _, k := range []string{"url", "source", "title", "published", "dateline", "byline", "story", "duplicate_of"} {
			if _, ok := a[k]; !ok {
				t.Errorf("article %s has no %q field", id, k)
			}
			if a[k] == "" {
				t.Errorf("article %s: %q is an empty string, want null or a value", id, k)
			}
		}
	}
	if !ids["wire-2025-0611-lavrov-wang"] {
		t.Errorf("the JSONL id was not kept as the article id: %v", ids)
	}

	// Re-ingesting changes nothing.
	out, _, err = chronicle(t, "", "ingest", "--quiet", "--db", db, "../../examples")
	if err != nil {
		t.Fatalf("second ingest: %v", err)
	}
	if !strings.Contains(out, "0 new, 15 unchanged, 0 replaced, 0 failed") {
		t.Errorf("second ingest summary = %q, want 15 unchanged", out)
	}
	out, _, err = chronicle(t, "", "export", "--db", db, "--what", "articles")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(jsonLines(t, out)); n != 15 {
		t.Errorf("after re-ingest: %d articles, want 15", n)
	}

	for _, kind := range kinds {
		for _, format := range []string{"jsonl", "csv", "parquet"} {
			file := filepath.Join(t.TempDir(), kind+"."+format)
			if _, errOut, err := chronicle(t, "", "export", "--db", db, "--what", kind, "--format", format, "-o", file); err != nil {
				t.Errorf("export %s as %s: %v (%s)", kind, format, err, errOut)
				continue
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "csv":
				if !bytes.HasPrefix(b, []byte("id,")) && !bytes.HasPrefix(b, []byte("article,")) {
					t.Errorf("export %s as csv starts %q, want a header", kind, firstLine(b))
				}
			case "parquet":
				if !bytes.HasPrefix(b, []byte("PAR1")) {
					t.Errorf("export %s as parquet does not start with the Parquet magic", kind)
				}
			}
		}
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

func TestIngestReplacesChangedArticle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	in := filepath.Join(dir, "a.jsonl")
	write := func(text string) {
		t.Helper()
		line, _ := json.Marshal(map[string]string{"id": "a-1", "published": "2025-08-20", "text": text})
		if err := os.WriteFile(in, append(line, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("The minister met his counterpart in Paris on Monday. They discussed trade.")
	if _, _, err := chronicle(t, "", "ingest", "--quiet", "--db", db, in); err != nil {
		t.Fatal(err)
	}
	write("The minister cancelled his trip to Paris.")
	out, _, err := chronicle(t, "", "ingest", "--quiet", "--db", db, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "0 new, 0 unchanged, 1 replaced") {
		t.Errorf("summary = %q, want 1 replaced", out)
	}
	out, _, err = chronicle(t, "", "export", "--db", db, "--what", "articles")
	if err != nil {
		t.Fatal(err)
	}
	arts := jsonLines(t, out)
	if len(arts) != 1 || arts[0]["text"] != "The minister cancelled his trip to Paris." || arts[0]["sentences"] != float64(1) {
		t.Errorf("after replacement: %v, want the one new version with 1 sentence", arts)
	}
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	good := `{"id":"ok-1","text":"Officials met in Geneva on Monday."}` + "\n" +
		`{"id":"bad-json"` + "\n" +
		`{"id":"no-text"}` + "\n" +
		`{"id":"ok-2","text":"Protesters gathered in Nairobi."}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "mixed.jsonl"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "binary.txt"), []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte{0xff, 0xd8, 0xff, 0xe0}, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", db, dir)
	if code := exitCode(err); code != 1 {
		t.Fatalf("ingest with bad input: exit %d (%v), want 1", code, err)
	}
	for _, want := range []string{"mixed.jsonl:2", "mixed.jsonl:3", "binary.txt", "empty.txt", "skipped: " + filepath.Join(dir, "photo.jpg")} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "2 new") {
		t.Errorf("summary = %q, want the 2 good articles stored", out)
	}
	// Running again stores nothing twice.
	out, _, _ = chronicle(t, "", "ingest", "--quiet", "--db", db, dir)
	if !strings.Contains(out, "0 new, 2 unchanged") {
		t.Errorf("second run summary = %q, want 2 unchanged", out)
	}
}

func TestIngestStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	out, errOut, err := chronicle(t, `{"id":"s-1","text":"The army said it repelled an attack near Goma."}`+"\n", "ingest", "--quiet", "--db", db, "-")
	if err != nil {
		t.Fatalf("ingest -: %v (%s)", err, errOut)
	}
	if !strings.Contains(out, "1 new") {
		t.Errorf("summary = %q, want 1 new", out)
	}
}

func TestExtract(t *testing.T) {
	out, errOut, err := chronicle(t, "", "extract", "../../examples/wire.jsonl")
	if err != nil {
		t.Fatalf("extract: %v (%s)", err, errOut)
	}
	n := 0
	for _, rec := range jsonLines(t, out) {
		if rec["record"] == "article" {
			n++
		}
	}
	if n != 8 {
		t.Errorf("extract wrote %d article records, want 8", n)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"no command", nil, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"ingest without input", []string{"ingest"}, 2},
		{"ingest bad flag", []string{"ingest", "--nope", "x"}, 2},
		{"export bad kind", []string{"export", "--what", "cats"}, 2},
		{"export bad format", []string{"export", "--what", "events", "--format", "xml"}, 2},
		{"extract two inputs", []string{"extract", "a", "b"}, 2},
		{"help", []string{"help"}, 0},
		{"ingest help", []string{"ingest", "--help"}, 0},
		{"export help", []string{"export", "-h"}, 0},
		{"extract help", []string{"extract", "--help"}, 0},
		{"version", []string{"version"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := chronicle(t, "", tt.args...)
			if got := exitCode(err); got != tt.wantCode {
				t.Errorf("chronicle %v: exit %d (%v), want %d", tt.args, got, err, tt.wantCode)
			}
		})
	}
}

func TestExportMissingDatabase(t *testing.T) {
	_, _, err := chronicle(t, "", "export", "--db", filepath.Join(t.TempDir(), "none.db"), "--what", "events")
	if err == nil {
		t.Fatal("export from a missing database succeeded, want an error")
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	db := filepath.Join(t.TempDir(), "c.db")
	err := run(ctx, []string{"ingest", "--quiet", "--db", db, "../../examples"}, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
	if err == nil {
		t.Errorf("ingest with a cancelled context succeeded, want the cancellation")
	}
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if _, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", db, "../../examples/wire.jsonl"); err != nil {
		t.Fatalf("ingest: %v (%s)", err, errOut)
	}
	gold := filepath.Join(dir, "gold.jsonl")
	line := `{"record":"event","article":"wire-2025-0612-gaza-talks","type":"REJECT","source":{"country":"PSE"}}` + "\n"
	if err := os.WriteFile(gold, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := chronicle(t, "", "eval", "--db", db, "--gold", gold)
	if err != nil {
		t.Fatalf("eval: %v (%s)", err, errOut)
	}
	if !strings.Contains(out, "precision") || !strings.Contains(out, "event+actors") {
		t.Errorf("eval output = %q, want a table with an event+actors row", out)
	}
	if _, _, err := chronicle(t, "", "eval", "--db", db); exitCode(err) != 2 {
		t.Errorf("eval without --gold: exit %d, want 2", exitCode(err))
	}
}

func TestExplain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if _, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", db, "../../examples/wire.jsonl"); err != nil {
		t.Fatalf("ingest: %v (%s)", err, errOut)
	}
	out, _, err := chronicle(t, "", "export", "--db", db, "--what", "events")
	if err != nil {
		t.Fatal(err)
	}
	events := jsonLines(t, out)
	if len(events) == 0 {
		t.Fatal("no events coded from examples/wire.jsonl")
	}
	id, _ := events[0]["id"].(string)
	out, errOut, err := chronicle(t, "", "explain", "--db", db, id)
	if err != nil {
		t.Fatalf("explain %s: %v (%s)", id, err, errOut)
	}
	for _, want := range []string{"event      " + id, "sentence", "rule", "source"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := chronicle(t, "", "explain", "--db", db, "no-such-event"); err == nil {
		t.Error("explain of an unknown event succeeded, want an error")
	}
}

// TestEvalHandCodedExamples codes the example wire copy and scores it
// against the hand-coded gold in testdata/wire.gold.jsonl, failing below the
// committed floors.
func TestEvalHandCodedExamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if _, errOut, err := chronicle(t, "", "ingest", "--quiet", "--db", db, "../../examples/wire.jsonl"); err != nil {
		t.Fatalf("ingest: %v (%s)", err, errOut)
	}
	out, errOut, err := chronicle(t, "", "eval", "--db", db, "--gold", "testdata/wire.gold.jsonl")
	if err != nil {
		t.Fatalf("eval: %v (%s)", err, errOut)
	}
	t.Logf("chronicle eval --gold cmd/chronicle/testdata/wire.gold.jsonl:\n%s", out)
	floors := map[string]float64{"event": 0.85, "event+actors": 0.6}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 7 {
			continue
		}
		floor, ok := floors[f[0]]
		if !ok {
			continue
		}
		var recall float64
		if _, err := fmt.Sscan(f[5], &recall); err != nil {
			t.Fatalf("eval row %q: %v", line, err)
		}
		if recall < floor {
			t.Errorf("%s recall %.3f below the committed floor %.2f", f[0], recall, floor)
		}
		delete(floors, f[0])
	}
	if len(floors) > 0 {
		t.Errorf("eval printed no row for %v", floors)
	}
}

func TestIngestRecordsAndClearsFailures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	in := filepath.Join(dir, "a.jsonl")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(in, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	failures := func() []string {
		t.Helper()
		s, err := store.Open(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var out []string
		if err := s.Failures(t.Context(), func(f store.Failure) error { out = append(out, f.Input); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	write(`{"id":"a","text":"Troops withdrew from the town."}` + "\n" + `{"id":"b"` + "\n")
	if _, _, err := chronicle(t, "", "ingest", "--quiet", "--db", db, in); exitCode(err) != 1 {
		t.Fatalf("ingest with a bad line: %v, want exit 1", err)
	}
	if got, want := failures(), []string{in + ":2"}; !slices.Equal(got, want) {
		t.Errorf("failures after a bad line = %v, want %v", got, want)
	}
	write(`{"id":"a","text":"Troops withdrew from the town."}` + "\n" + `{"id":"b","text":"Talks resumed."}` + "\n")
	if _, _, err := chronicle(t, "", "ingest", "--quiet", "--db", db, in); err != nil {
		t.Fatalf("ingest after the fix: %v", err)
	}
	if got := failures(); len(got) != 0 {
		t.Errorf("failures after the fix = %v, want none", got)
	}
}
