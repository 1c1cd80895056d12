package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/testkit"
)

// The ingest benchmarks run the whole job (read, clean, split, recognise,
// resolve, code, store in SQLite) in-process and report articles/s and the
// process's peak resident memory. Run them with
//
//	go test ./cmd/chronicle -run '^$' -bench Ingest -benchtime 1x
//
// CHRONICLE_BENCH_ARTICLES sets the size of the generated corpus (default
// 100,000 articles of about 5 KB).

const sharedData = "../../../shared/data"

func BenchmarkIngestGuardian(b *testing.B) {
	corpus, n := guardianCorpus(b)
	benchIngest(b, corpus, n)
}

// guardianCorpus writes the Guardian sample as contract JSONL and returns
// its path and number of articles; it skips when the data is absent.
func guardianCorpus(b *testing.B) (string, int) {
	b.Helper()
	src := filepath.Join(sharedData, "guardian-sdf-sample", "Guardian_SDF_sample.csv")
	f, err := os.Open(src)
	if err != nil {
		b.Skipf("../shared/data/guardian-sdf-sample not present: %v", err)
	}
	defer f.Close()
	corpus := filepath.Join(b.TempDir(), "guardian.jsonl")
	n, err := guardianToJSONL(f, corpus)
	if err != nil {
		b.Fatal(err)
	}
	return corpus, n
}

func BenchmarkIngestGenerated(b *testing.B) {
	n := 100_000
	if s := os.Getenv("CHRONICLE_BENCH_ARTICLES"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	corpus := filepath.Join(b.TempDir(), "generated.jsonl")
	if err := writeSyntheticCorpus(corpus, n, 5000); err != nil {
		b.Fatal(err)
	}
	benchIngest(b, corpus, n)
}

func benchIngest(b *testing.B, corpus string, n int) {
	b.Helper()
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		db := filepath.Join(dir, fmt.Sprintf("bench-%d.db", i))
		i++
		var out, errb strings.Builder
		err := run(b.Context(), []string{"ingest", "--quiet", "--db", db, corpus}, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
		if err != nil {
			b.Fatalf("ingest: %v\n%s", err, errb.String())
		}
		if !strings.Contains(out.String(), fmt.Sprintf("articles    %d new", n)) {
			b.Fatalf("ingest summary = %q, want %d new", out.String(), n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	if kb := testkit.PeakRSSKiB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-MB")
	}
}

// guardianToJSONL turns the Guardian sample CSV (row id, date, text,
// source) into contract JSONL and returns the number of articles.
func guardianToJSONL(r io.Reader, path string) (int, error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(out)
	cr := csv.NewReader(r)
	if _, err := cr.Read(); err != nil { // header
		return 0, err
	}
	n := 0
	enc := json.NewEncoder(w)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		if len(rec) < 4 || strings.TrimSpace(rec[2]) == "" {
			continue
		}
		if err := enc.Encode(map[string]string{"id": "guardian-" + rec[0], "published": rec[1], "text": rec[2], "source": rec[3]}); err != nil {
			return n, err
		}
		n++
	}
	if err := w.Flush(); err != nil {
		return n, err
	}
	return n, out.Close()
}

// writeSyntheticCorpus writes n articles of about size bytes each, built
// from varied news-like sentences, as contract JSONL.
func writeSyntheticCorpus(path string, n, size int) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	actors := []string{"Russian Foreign Minister Sergei Lavrov", "U.S. Secretary of State Marco Rubio", "Ukrainian President Volodymyr Zelenskiy",
		"Hamas", "the Israeli military", "Chinese President Xi Jinping", "Iranian officials", "the United Nations", "Turkish President Tayyip Erdogan",
		"the European Union", "Syrian government forces", "the Rapid Support Forces", "Kenyan police", "NATO Secretary-General Mark Rutte"}
	verbs := []string{"met", "accused", "rejected a proposal by", "spoke by phone with", "called on", "threatened", "imposed sanctions on",
		"praised", "agreed to cooperate with", "attacked", "criticised", "held talks with"}
	places := []string{"in Kyiv", "in Gaza", "in Beijing", "near Kharkiv", "in Geneva", "in the Darfur region", "in Nairobi", "in Istanbul", "in Washington"}
	days := []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday", "last week", "on 3 May"}
	var sb strings.Builder
	for i := range n {
		sb.Reset()
		sb.WriteString("GENEVA (Example Wire) - ")
		for sb.Len() < size {
			a, t := actors[rng.IntN(len(actors))], actors[rng.IntN(len(actors))]
			fmt.Fprintf(&sb, "%s %s %s %s %s, officials said. ", a, verbs[rng.IntN(len(verbs))], t, places[rng.IntN(len(places))], days[rng.IntN(len(days))])
			if rng.IntN(4) == 0 {
				fmt.Fprintf(&sb, "\"We will not accept this,\" %s said. At least %d people were killed and %d injured.\n\n", a, rng.IntN(40), rng.IntN(90))
			}
		}
		rec, err := json.Marshal(map[string]string{
			"id": fmt.Sprintf("gen-%07d", i), "source": fmt.Sprintf("outlet-%d", i%37), "published": fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
			"title": fmt.Sprintf("Generated report %d", i), "text": sb.String(),
		})
		if err != nil {
			return err
		}
		w.Write(rec)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Close()
}

// BenchmarkStages reports the cost of every coding stage per article of the
// Guardian sample (about 5 KB each), so that a slow stage shows:
//
//	go test ./cmd/chronicle -run '^$' -bench Stages -benchtime 3x
func BenchmarkStages(b *testing.B) {
	corpus, _ := guardianCorpus(b)
	var arts []*news.Article
	err := ingest.Read(b.Context(), corpus, nil, ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		arts = append(arts, it.Article)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	st, err := stages()
	if err != nil {
		b.Fatal(err)
	}
	// Sub-benchmarks run in order: each leaves the articles ready for the
	// next stage. A first pass outside the timing builds the indexes the
	// knowledge base makes on first use (about 0.3 s, once per process),
	// so that the figures are the cost per article.
	for _, s := range st {
		b.Run(s.Name, func(b *testing.B) {
			for _, a := range arts {
				if err := s.Run(a); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				for _, a := range arts {
					if err := s.Run(a); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(arts)), "µs/article")
		})
	}
}
