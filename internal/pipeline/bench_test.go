package pipeline

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chronicle/internal/extract"
	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/store"
	"chronicle/internal/testkit"
)

// BenchmarkSpine measures the spine of the job on 5 KB articles: read
// JSONL, clean, split into sentences and store in SQLite, with every core.
// It reports articles/s and the process's peak resident memory.
// CHRONICLE_BENCH_ARTICLES sets the corpus size (default 20,000):
//
//	CHRONICLE_BENCH_ARTICLES=100000 go test ./internal/pipeline -run '^$' -bench Spine -benchtime 1x
func BenchmarkSpine(b *testing.B) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("CHRONICLE_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	corpus := filepath.Join(b.TempDir(), "spine.jsonl")
	writeCorpus(b, corpus, n)
	cleaner, err := ingest.NewCleaner()
	if err != nil {
		b.Fatal(err)
	}
	stages := []Stage{
		{Name: "clean", Run: func(a *news.Article) error { cleaner.Clean(a); return nil }},
		{Name: "split", Run: func(a *news.Article) error { extract.Split(a); return nil }},
	}
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		db, err := store.Open(b.Context(), filepath.Join(dir, fmt.Sprintf("spine-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		i++
		stats, failures, err := New(stages, db.SaveArticles, Options{Known: db.Hashes}).Run(b.Context(), []string{corpus}, nil)
		if err != nil || len(failures) > 0 || stats.New != n {
			b.Fatalf("Run = %+v, %v, %v; want %d new", stats, failures, err, n)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	if kb := testkit.PeakRSSKiB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-MB")
	}
}

// writeCorpus writes n news-like articles of about 5 KB as JSONL.
func writeCorpus(tb testing.TB, path string, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 9))
	subjects := []string{"The foreign minister", "Rebel forces", "The U.S. envoy", "Protesters", "Gen. Ali Hassan", "The ministry", "Police"}
	verbs := []string{"met officials in", "attacked positions near", "called for talks in", "marched through", "withdrew from", "condemned strikes on"}
	places := []string{"Kyiv", "Gaza City", "Khartoum", "Geneva", "Caracas", "Nairobi", "Manila"}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	enc := json.NewEncoder(f)
	var sb strings.Builder
	for i := range n {
		sb.Reset()
		sb.WriteString("By Jane Roe, Staff correspondent\n\nGENEVA (Example Wire) - ")
		for sb.Len() < 5000 {
			fmt.Fprintf(&sb, "%s %s %s on Monday, officials said. ", subjects[rng.IntN(len(subjects))], verbs[rng.IntN(len(verbs))], places[rng.IntN(len(places))])
			if rng.IntN(5) == 0 {
				sb.WriteString("\n\nSEE ALSO: Other news of the day\n\n")
			}
		}
		if err := enc.Encode(map[string]string{"id": fmt.Sprintf("a-%d", i), "published": "2025-06-11", "text": sb.String()}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}
