package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"chronicle/internal/news"
)

// BenchmarkSaveArticles saves batches of 100 generated articles of about
// 5 KB with 40 sentences, 10 mentions, 2 dates, 3 events and 2 quotes each
// to a database file, and reports articles/s and articles per second of
// processor time (articles/cpu-s: all the process's threads together,
// which other load on the machine does not change):
//
//   - new: every article is new;
//   - replaced: the same 100 ids again with another hash each time;
//   - unchanged: the same 100 articles again.
func BenchmarkSaveArticles(b *testing.B) {
	const size = 100
	pool := make([]*news.Article, size)
	for i := range pool {
		pool[i] = genArticle(fmt.Sprintf("p-%03d", i), i)
	}
	// batch returns the pool's articles under other ids and hashes; the
	// copies share the pool's records, which SaveArticles only reads.
	batch := func(id func(i int) string, hash func(i int) string) []*news.Article {
		out := make([]*news.Article, size)
		for i, p := range pool {
			a := *p
			a.ID, a.Hash = news.ArticleID(id(i)), hash(i)
			out[i] = &a
		}
		return out
	}
	tests := []struct {
		name string
		next func(iter int) []*news.Article
	}{
		{"new", func(iter int) []*news.Article {
			return batch(func(i int) string { return fmt.Sprintf("n-%07d-%03d", iter, i) }, func(i int) string { return "h" })
		}},
		{"replaced", func(iter int) []*news.Article {
			return batch(func(i int) string { return fmt.Sprintf("r-%03d", i) }, func(i int) string { return fmt.Sprint("h", iter) })
		}},
		{"unchanged", func(iter int) []*news.Article {
			return batch(func(i int) string { return fmt.Sprintf("u-%03d", i) }, func(i int) string { return "h" })
		}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatalf("Open() = %v", err)
			}
			defer func() {
				if err := db.Close(); err != nil {
					b.Errorf("Close() = %v", err)
				}
			}()
			if _, err := db.SaveArticles(b.Context(), tt.next(-1)); err != nil {
				b.Fatalf("SaveArticles() = %v", err)
			}
			iter := 0
			cpu := cpuTime()
			for b.Loop() {
				if _, err := db.SaveArticles(b.Context(), tt.next(iter)); err != nil {
					b.Fatalf("SaveArticles() = %v", err)
				}
				iter++
			}
			b.ReportMetric(float64(iter*size)/b.Elapsed().Seconds(), "articles/s")
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(iter*size)/cpu.Seconds(), "articles/cpu-s")
			}
		})
	}
}
