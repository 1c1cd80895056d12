package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParsePublished(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC; "" for the zero time
	}{
		{"", ""},
		{"2025-08-20", "2025-08-20T00:00:00Z"},
		{"2025-08-20T14:03:00Z", "2025-08-20T14:03:00Z"},
		{"2025-08-20T14:03:00.250+02:00", "2025-08-20T12:03:00Z"},
		{"2025-08-20T14:03:00", "2025-08-20T14:03:00Z"},
		{"2025-08-20 14:03:00", "2025-08-20T14:03:00Z"},
		{"2025-08-20 14:03", "2025-08-20T14:03:00Z"},
		{"2025-08-20T14:03:00+0300", "2025-08-20T11:03:00Z"},
		{"Wed, 20 Aug 2025 14:03:00 GMT", "2025-08-20T14:03:00Z"},
		{"Wed, 20 Aug 2025 14:03:00 +0200", "2025-08-20T12:03:00Z"},
		{"Wed, 2 Jul 2025 14:03:00 -0400", "2025-07-02T18:03:00Z"},
		{"2025/08/20", "2025-08-20T00:00:00Z"},
		{"20 August 2025", "2025-08-20T00:00:00Z"},
		{"August 20, 2025", "2025-08-20T00:00:00Z"},
		{" 2025-08-20 ", "2025-08-20T00:00:00Z"},
	}
	for _, tt := range tests {
		got, err := parsePublished(tt.in)
		if err != nil {
			t.Errorf("parsePublished(%q) error %v, want %s", tt.in, err, tt.want)
			continue
		}
		s := ""
		if !got.IsZero() {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parsePublished(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func TestParsePublishedErrors(t *testing.T) {
	for _, in := range []string{"yesterday", "2025-13-01", "20/08/2025", "2025-08-20T25:00:00Z", "1724160000"} {
		_, err := parsePublished(in)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
			t.Errorf("parsePublished(%q) error = %v, want one naming the value", in, err)
		}
	}
}

func TestLineReader(t *testing.T) {
	type line struct {
		text    string
		tooLong bool
	}
	tests := []struct {
		name string
		in   string
		max  int64
		want []line
	}{
		{"lines", "a\nbb\n\nccc", 10, []line{{"a", false}, {"bb", false}, {"", false}, {"ccc", false}}},
		{"crlf", "a\r\nb\r\n", 10, []line{{"a", false}, {"b", false}}},
		{"too long", "short\n" + strings.Repeat("x", 25) + "\nafter\n", 10, []line{{"short", false}, {"", true}, {"after", false}}},
		{"exactly max", strings.Repeat("y", 10) + "\n", 10, []line{{strings.Repeat("y", 10), false}}},
		{"empty", "", 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A 16-byte buffer makes long lines span several reads.
			lr := lineReader{br: bufio.NewReaderSize(strings.NewReader(tt.in), 16), max: tt.max}
			var got []line
			for {
				b, tooLong, err := lr.next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, line{string(b), tooLong})
				if lr.n != len(got) {
					t.Errorf("line number = %d, want %d", lr.n, len(got))
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(line{})); diff != "" {
				t.Errorf("lines of %q (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// checkFuzzItems checks what any reader may emit: articles with text, an
// id, a hash and valid UTF-8, or *InputErrors with increasing lines.
func checkFuzzItems(t *testing.T, in []byte, items []Item, err error) {
	t.Helper()
	var ie *InputError
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("read(%q) = %v, want nil or an *InputError", in, err)
	}
	for _, it := range items {
		if it.Err != nil {
			if !errors.As(it.Err, &ie) {
				t.Errorf("read(%q): item error %v is not an *InputError", in, it.Err)
			}
			continue
		}
		a := it.Article
		if a == nil || a.Text == "" || a.ID == "" || a.Hash == "" || a.Input == "" {
			t.Fatalf("read(%q) emitted an incomplete article %+v", in, a)
		}
		for _, s := range []string{a.Text, a.Title, a.URL, a.Source, a.Author, string(a.ID)} {
			if !utf8.ValidString(s) {
				t.Errorf("read(%q) emitted invalid UTF-8 %q", in, s)
			}
		}
	}
}

// fuzzReader returns a reader of small inputs that collects what it emits.
func fuzzReader(t *testing.T, items *[]Item) *reader {
	return &reader{ctx: t.Context(), opt: Options{MaxBytes: 64 << 10}.withDefaults(), name: "fuzz",
		emit: func(it Item) error { *items = append(*items, it); return nil }}
}

func FuzzReadJSONL(f *testing.F) {
	b, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	// Lines rather than the whole file keep the minimising of new inputs,
	// which runs the HTML extractor thousands of times, short.
	for _, line := range bytes.Split(b, []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`{"id":null,"text":"a","html":"<p>b</p>","published":"2025-02-30"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var items []Item
		err := fuzzReader(t, &items).readJSONL(bufio.NewReader(bytes.NewReader(in)))
		checkFuzzItems(t, in, items, err)
	})
}

// BenchmarkReadJSONL measures streaming a JSONL input of 1,000 articles
// through Read.
func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 1000 {
		rec := map[string]string{
			"id":        fmt.Sprintf("bench-%d", i),
			"url":       fmt.Sprintf("https://www.meridianpost.example/world/2025/08/%02d/story-%d", i%28+1, i),
			"title":     fmt.Sprintf("Border talks enter day %d", i),
			"published": "2025-08-20T09:30:00Z",
			"text": strings.Repeat(fmt.Sprintf("Negotiators from both governments met for the %dth time in Geneva on Wednesday, "+
				"officials said, as shelling continued along the front line.\n\n", i), 8),
		}
		line, err := json.Marshal(rec)
		if err != nil {
			b.Fatal(err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	in := buf.Bytes()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		n := 0
		err := Read(b.Context(), "-", bytes.NewReader(in), Options{}, func(it Item) error {
			if it.Err != nil {
				return it.Err
			}
			n++
			return nil
		})
		if err != nil || n != 1000 {
			b.Fatalf("Read = %v after %d articles, want 1000", err, n)
		}
	}
}
