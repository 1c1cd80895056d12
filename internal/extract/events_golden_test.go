package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

// evTxtarFile is one file of a txtar archive.
type evTxtarFile struct {
	name string
	data []byte
}

// evParseTxtar reads the txtar format: a comment, then files each opened by
// a "-- name --" line.
func evParseTxtar(b []byte) (comment []byte, files []evTxtarFile) {
	cur := -1
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("-- ")) && bytes.HasSuffix(t, []byte(" --")) && len(t) > 6 {
			files = append(files, evTxtarFile{name: string(t[3 : len(t)-3])})
			cur = len(files) - 1
			continue
		}
		if cur < 0 {
			comment = append(comment, line...)
		} else {
			files[cur].data = append(files[cur].data, line...)
		}
	}
	return comment, files
}

func evFormatTxtar(comment []byte, files []evTxtarFile) []byte {
	var b bytes.Buffer
	b.Write(comment)
	for _, f := range files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// goldenArticle builds the article of a golden case: header lines
// ("published: 2024-05-08", "source: ...", "dateline: {KYIV|PLACE|UKR} -"),
// a blank line, then the text marked up as for TestEvents.
func goldenArticle(t *testing.T, name string, data []byte) *news.Article {
	t.Helper()
	head, body, ok := strings.Cut(string(data), "\n\n")
	if !ok {
		t.Fatalf("%s: article needs header lines, a blank line and the text", name)
	}
	var published, source, dateline string
	for _, line := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch strings.TrimSpace(k) {
		case "published":
			published = strings.TrimSpace(v)
		case "source":
			source = strings.TrimSpace(v)
		case "dateline":
			dateline = strings.TrimSpace(v) + " "
		}
	}
	body = strings.TrimSpace(body)
	a := article(t, dateline+body)
	a.ID = news.ArticleID(strings.TrimSuffix(name, ".txtar"))
	a.Source = source
	if published != "" {
		p, err := time.Parse(news.DateFormat, published)
		if err != nil {
			t.Fatalf("%s: published %q: %v", name, published, err)
		}
		a.Published = p
	} else {
		a.Published = time.Time{}
	}
	if dateline != "" {
		// The dateline is cleaned away: it is no sentence, only a place.
		end := len(article(t, dateline).Text)
		a.Removed = []news.Removal{{Span: news.Span{Start: 0, End: end - 1}, Kind: news.RemovalDateline, Rule: "test"}}
		if len(a.Sentences) > 0 {
			a.Sentences[0].Span.Start = end
		}
		for i := range a.Mentions {
			if a.Mentions[i].Span.End <= end {
				a.Mentions[i].Sentence = -1
			}
		}
	}
	return a
}

// TestGoldenEvents codes the articles of testdata/events/*.txtar and
// compares the events with want.json; -update (the package's golden-file
// flag) rewrites want.json.
func TestGoldenEvents(t *testing.T) {
	c := testCoder(t)
	files, err := filepath.Glob(filepath.Join("testdata", "events", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			comment, archive := evParseTxtar(raw)
			var art []byte
			want := -1
			for i, f := range archive {
				switch f.name {
				case "article":
					art = f.data
				case "want.json":
					want = i
				}
			}
			if art == nil {
				t.Fatalf("%s has no article", name)
			}
			a := goldenArticle(t, name, art)
			c.Events(a)
			got, err := json.MarshalIndent(a.Events, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *update {
				if want < 0 {
					archive = append(archive, evTxtarFile{name: "want.json"})
					want = len(archive) - 1
				}
				archive[want].data = got
				if err := os.WriteFile(path, evFormatTxtar(comment, archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatalf("%s has no want.json; run go test -run TestGoldenEvents -update", name)
			}
			var gotV, wantV any
			if err := json.Unmarshal(got, &gotV); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(archive[want].data, &wantV); err != nil {
				t.Fatalf("%s want.json: %v", name, err)
			}
			if diff := cmp.Diff(wantV, gotV); diff != "" {
				t.Errorf("Events(%s) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}
