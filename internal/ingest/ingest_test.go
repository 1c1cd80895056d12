package ingest

import (
	"bytes"
	"chronicle/internal/testkit"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// readItems reads one input and returns every item it emits.
func readItems(tb testing.TB, input string, stdin []byte, opt Options) ([]Item, error) {
	tb.Helper()
	var items []Item
	err := Read(tb.Context(), input, bytes.NewReader(stdin), opt, func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

// goldenItem is the golden-file form of an Item.
type goldenItem struct {
	Input     string `json:"input,omitempty"`
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Title     string `json:"title,omitempty"`
	Author    string `json:"author,omitempty"`
	Published string `json:"published,omitempty"`
	Hash      string `json:"hash,omitempty"`
	Text      string `json:"text,omitempty"`
	Error     string `json:"error,omitempty"`
}

func toGolden(items []Item) []goldenItem {
	out := []goldenItem{}
	for _, it := range items {
		if it.Err != nil {
			out = append(out, goldenItem{Error: it.Err.Error()})
			continue
		}
		a := it.Article
		g := goldenItem{Input: a.Input, ID: string(a.ID), URL: a.URL, Source: a.Source, Title: a.Title,
			Author: a.Author, Hash: a.Hash, Text: a.Text}
		if !a.Published.IsZero() {
			g.Published = a.Published.Format(time.RFC3339)
		}
		out = append(out, g)
	}
	return out
}

// checkGolden compares items with a golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, items []Item) {
	t.Helper()
	got, err := json.MarshalIndent(toGolden(items), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	testkit.Golden(t, path, got, *update)
}

// wantItem is what a test checks of one emitted item.
type wantItem struct {
	input     string
	id        string
	url       string
	source    string
	title     string
	author    string
	published string   // RFC 3339, or "" for unknown
	contains  []string // substrings of Text
	absent    []string // not in Text
	err       string   // substring of the error; the item must be an error
}

func checkItem(t *testing.T, i int, it Item, w wantItem) {
	t.Helper()
	if w.err != "" {
		if it.Err == nil || !strings.Contains(it.Err.Error(), w.err) {
			t.Errorf("item %d: error = %v, want one containing %q", i, it.Err, w.err)
		}
		var ie *InputError
		if it.Err != nil && !errors.As(it.Err, &ie) {
			t.Errorf("item %d: error %v is not an *InputError", i, it.Err)
		}
		return
	}
	if it.Err != nil {
		t.Errorf("item %d: unexpected error %v", i, it.Err)
		return
	}
	a := it.Article
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339)
	}
	if w.id == "" {
		w.id = string(ContentID(a.Title, a.Text)) // no id in the input
	}
	for _, c := range []struct{ field, got, want string }{
		{"Input", a.Input, w.input},
		{"ID", string(a.ID), w.id},
		{"URL", a.URL, w.url},
		{"Source", a.Source, w.source},
		{"Title", a.Title, w.title},
		{"Author", a.Author, w.author},
		{"Published", pub, w.published},
	} {
		if c.got != c.want {
			t.Errorf("item %d: %s = %q, want %q", i, c.field, c.got, c.want)
		}
	}
	for _, s := range w.contains {
		if !strings.Contains(a.Text, s) {
			t.Errorf("item %d: Text lacks %q:\n%s", i, s, a.Text)
		}
	}
	for _, s := range w.absent {
		if strings.Contains(a.Text, s) {
			t.Errorf("item %d: Text holds %q:\n%s", i, s, a.Text)
		}
	}
	if a.Hash != ContentHash(a.Title, a.Text) {
		t.Errorf("item %d: Hash = %q, want ContentHash of title and text", i, a.Hash)
	}
}

// pageFurniture returns text of the HTML fixtures' page furniture, which
// the extraction must leave out.
func pageFurniture() []string {
	return []string{"Advertisement", "Subscribe now", "Leave a comment", "Post comment",
		"Related stories", "Opinion", "All rights reserved", "cookies", "Most read", "Front page", "Share this article"}
}

func TestRead(t *testing.T) {
	ceasefireURL := "https://www.meridianpost.example/world/2025/08/20/ceasefire-talks-resume-geneva"
	ceasefire := wantItem{
		url: ceasefireURL, source: "The Meridian Post",
		title:  "Ceasefire talks resume in Geneva as shelling continues",
		author: "Lena Vasquez", published: "2025-08-20T00:00:00Z",
		contains: []string{
			"GENEVA — Delegations from Armenia and Azerbaijan met on Wednesday",
			"front line.\n\n\"We came here to talk",
			"Talks are scheduled to continue on Thursday.",
		},
		absent: pageFurniture(),
	}
	sanctions := wantItem{
		source: "Harbour Herald", title: "EU ministers agree new sanctions package", published: "2025-09-02T00:00:00Z",
		contains: []string{"BRUSSELS — European Union foreign ministers", "Slovakia abstained."},
		absent:   pageFurniture(),
	}
	unVote := wantItem{
		input: "testdata/crawl.warc:8", url: "https://www.meridianpost.example/world/un-general-assembly-vote",
		source: "meridianpost.example", title: "General Assembly backs call for humanitarian pause",
		published: "2025-09-05T22:14:00Z", // WARC-Date: the page has none
		contains:  []string{"NEW YORK - The United Nations General Assembly adopted"},
		absent:    []string{"Sign in", "Share this article"},
	}
	tests := []struct {
		name   string
		input  string
		golden string
		want   []wantItem
	}{
		{
			name: "jsonl", input: "testdata/articles.jsonl", golden: "testdata/articles.golden.json",
			want: []wantItem{
				{input: "testdata/articles.jsonl:1", id: "wp-001", source: "northstar-news",
					url:       "https://www.northstar-news.example/2025/08/20/ankara-grain-talks",
					title:     "Foreign ministers meet in Ankara over grain corridor",
					published: "2025-08-20T00:00:00Z",
					contains:  []string{"Wednesday to discuss reopening a Black Sea corridor for grain exports, Turkish officials said.\n\nThe talks"}},
				{input: "testdata/articles.jsonl:2", id: "wp-002", source: "Harbour Herald",
					url:       "https://www.harbourherald.example/europe/protests-tbilisi",
					title:     "Thousands rally in Tbilisi against foreign agents bill",
					published: "2025-08-19T17:15:00Z",
					contains:  []string{"TBILISI - Thousands of people marched", "European Union."},
					absent:    []string{"Home", "Europe\n"}},
				{err: "articles.jsonl:4: malformed JSON"},
				{err: "articles.jsonl:5: record has neither text nor html"},
				{err: `articles.jsonl:6: unparseable published date "next Tuesday"`},
				{err: "articles.jsonl:7: empty text"},
				{input: "testdata/articles.jsonl:8",
					id:        string(ContentID("Philippine coast guard reports water cannon incident", "MANILA - The Philippine coast guard said on Wednesday that a Chinese vessel had fired a water cannon at one of its ships near Scarborough Shoal, damaging its mast.\nChina's foreign ministry said the Philippine ship had entered Chinese waters without permission and that its coast guard had acted lawfully.")),
					url:       "https://www.meridianpost.example/asia/2025/08/20/manila-coast-guard",
					source:    "meridianpost.example",
					title:     "Philippine coast guard reports water cannon incident",
					published: "2025-08-20T14:03:00Z",
					contains:  []string{"damaging its mast.\nChina's"},
					absent:    []string{"\r"}},
				{input: "testdata/articles.jsonl:9", id: "1207", source: "Sahel Monitor",
					title: "Mali junta extends transition", published: "2025-08-19T08:00:00Z",
					contains: []string{"BAMAKO - Mali's military government"}},
				{err: "articles.jsonl:10: malformed record"},
			},
		},
		{
			name: "text", input: "testdata/summit.txt", golden: "testdata/summit.golden.json",
			want: []wantItem{{
				input: "testdata/summit.txt",
				id:    string(ContentID("African Union leaders open summit on Sahel security", mustRead(t, "testdata/summit.txt"))),
				title: "African Union leaders open summit on Sahel security",
				contains: []string{"African Union leaders open summit on Sahel security\n\nADDIS ABABA, Aug 21 - Heads of state",
					"humanitarian access."},
			}},
		},
		{
			name: "html", input: "testdata/ceasefire.html", golden: "testdata/ceasefire.golden.json",
			want: []wantItem{withInput(ceasefire, "testdata/ceasefire.html")},
		},
		{
			name: "html without canonical URL", input: "testdata/sanctions.html", golden: "testdata/sanctions.golden.json",
			want: []wantItem{withInput(sanctions, "testdata/sanctions.html")},
		},
		{
			name: "html in Latin-1", input: "testdata/election.html", golden: "testdata/election.golden.json",
			want: []wantItem{{
				input: "testdata/election.html", source: "Gulf of Guinea Review",
				title: "Opposition wins run-off in São Tomé", published: "2025-07-28T00:00:00Z",
				contains: []string{"SÃO TOMÉ - The opposition candidate", "Praça da Independência"},
				absent:   []string{"Economy"},
			}},
		},
		{
			name: "rss", input: "testdata/world.rss", golden: "testdata/world-rss.golden.json",
			want: []wantItem{
				{input: "testdata/world.rss:1", id: "meridian-2025-0820-001", url: ceasefireURL,
					source: "Meridian Post - World", title: "Ceasefire talks resume in Geneva as shelling continues",
					author: "Lena Vasquez", published: "2025-08-20T09:30:00Z",
					contains: []string{"GENEVA — Delegations", "third round of United Nations-brokered talks.\n\nBoth sides"},
					absent:   []string{"<p>", "&mdash;", "UN auspices"}},
				{input: "testdata/world.rss:2", id: "https://www.meridianpost.example/world/2025/08/19/haiti-mission",
					url:    "https://www.meridianpost.example/world/2025/08/19/haiti-mission",
					source: "Meridian Post - World", title: "Kenyan police deployed to Haiti extend mission",
					published: "2025-08-19T16:45:00Z",
					contains:  []string{"in Haiti on Tuesday, the government spokesman said."},
					absent:    []string{"<b>", "&lt;"}},
				{err: "world.rss:3: item has no text"},
				{input: "testdata/world.rss:4",
					url:    "https://www.meridianpost.example/world/2025/08/17/lithium-accord",
					id:     string(ContentID("Chile and Argentina sign lithium accord", "SANTIAGO - The presidents of Chile and Argentina signed an agreement on Sunday to coordinate lithium mining policy in the salt flats along their border.")),
					source: "Meridian Post - World", title: "Chile and Argentina sign lithium accord",
					contains: []string{"SANTIAGO - The presidents"}},
			},
		},
		{
			name: "atom", input: "testdata/world.atom", golden: "testdata/world-atom.golden.json",
			want: []wantItem{
				{input: "testdata/world.atom:1", id: "tag:harbourherald.example,2025:sanctions-package",
					url:    "https://www.harbourherald.example/europe/2025/09/02/sanctions-package",
					source: "Harbour Herald: Europe", title: "EU ministers agree new sanctions package",
					author: "Piet de Vries", published: "2025-09-02T15:20:00Z",
					contains: []string{"targeting shipping companies.\n\nHungary dropped"}},
				{input: "testdata/world.atom:2", id: "tag:harbourherald.example,2025:farmers-border",
					url:    "https://www.harbourherald.example/europe/2025/09/01/farmers-border",
					source: "Harbour Herald: Europe", title: "Polish farmers block border crossings",
					published: "2025-09-01T08:10:00Z",
					contains:  []string{"WARSAW - Farmers blocked three crossings"}},
			},
		},
		{
			name: "warc", input: "testdata/crawl.warc", golden: "testdata/crawl.golden.json",
			want: []wantItem{
				withInput(ceasefire, "testdata/crawl.warc:3"),
				withURL(withInput(sanctions, "testdata/crawl.warc:5"), "https://www.harbourherald.example/europe/2025/09/02/sanctions-package"),
				unVote,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := readItems(t, tt.input, nil, Options{})
			if err != nil {
				t.Fatalf("Read(%q) = %v, want nil", tt.input, err)
			}
			if len(items) != len(tt.want) {
				t.Fatalf("Read(%q) emitted %d items, want %d: %+v", tt.input, len(items), len(tt.want), toGolden(items))
			}
			for i, w := range tt.want {
				checkItem(t, i, items[i], w)
			}
			checkGolden(t, tt.golden, items)
		})
	}
}

func withInput(w wantItem, input string) wantItem { w.input = input; return w }

func withURL(w wantItem, url string) wantItem { w.url = url; return w }

func mustRead(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestReadGzip checks that a gzipped input, whether named .gz or sniffed on
// stdin, yields what the plain one does.
func TestReadGzip(t *testing.T) {
	tests := []struct {
		name  string
		plain string
		input string
		stdin bool
	}{
		{name: "jsonl.gz", plain: "testdata/articles.jsonl", input: "testdata/articles.jsonl.gz"},
		{name: "rss.gz", plain: "testdata/world.rss", input: "testdata/world.rss.gz"},
		{name: "warc.gz with a member per record", plain: "testdata/crawl.warc", input: "testdata/crawl.warc.gz"},
		{name: "warc.gz on stdin", plain: "testdata/crawl.warc", input: "testdata/crawl.warc.gz", stdin: true},
		{name: "jsonl.gz on stdin", plain: "testdata/articles.jsonl", input: "testdata/articles.jsonl.gz", stdin: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := readItems(t, tt.plain, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			input, stdin, name := tt.input, []byte(nil), tt.input
			if tt.stdin {
				input, name = "-", "stdin"
				stdin, err = os.ReadFile(tt.input)
				if err != nil {
					t.Fatal(err)
				}
			}
			got, err := readItems(t, input, stdin, Options{})
			if err != nil {
				t.Fatalf("Read(%q) = %v, want nil", input, err)
			}
			w, g := toGolden(want), toGolden(got)
			for i := range w {
				w[i].Input = strings.Replace(w[i].Input, tt.plain, name, 1)
				w[i].Error = strings.Replace(w[i].Error, tt.plain, name, 1)
			}
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("Read(%q) differs from Read(%q) (-want +got):\n%s", input, tt.plain, diff)
			}
		})
	}
}

// TestReadSniff checks that stdin and unknown extensions are read in the
// format their bytes show.
func TestReadSniff(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		fixture   string
		wantFirst string // Input of the first article
		wantTitle string
	}{
		{"jsonl", "testdata/articles.jsonl", "NAME:1", "Foreign ministers meet in Ankara over grain corridor"},
		{"html", "testdata/ceasefire.html", "NAME", "Ceasefire talks resume in Geneva as shelling continues"},
		{"rss", "testdata/world.rss", "NAME:1", "Ceasefire talks resume in Geneva as shelling continues"},
		{"atom", "testdata/world.atom", "NAME:1", "EU ministers agree new sanctions package"},
		{"warc", "testdata/crawl.warc", "NAME:3", "Ceasefire talks resume in Geneva as shelling continues"},
		{"text", "testdata/summit.txt", "NAME", "African Union leaders open summit on Sahel security"},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(tt.fixture)
		if err != nil {
			t.Fatal(err)
		}
		unknown := filepath.Join(dir, tt.name+".dat")
		if err := os.WriteFile(unknown, b, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, in := range []struct{ input, name string }{{"-", "stdin"}, {unknown, unknown}} {
			t.Run(tt.name+" "+in.name, func(t *testing.T) {
				items, err := readItems(t, in.input, b, Options{})
				if err != nil {
					t.Fatalf("Read(%q) = %v, want nil", in.input, err)
				}
				if len(items) == 0 || items[0].Article == nil {
					t.Fatalf("Read(%q) = %+v, want an article first", in.input, toGolden(items))
				}
				a := items[0].Article
				if want := strings.Replace(tt.wantFirst, "NAME", in.name, 1); a.Input != want {
					t.Errorf("Read(%q): Input = %q, want %q", in.input, a.Input, want)
				}
				if a.Title != tt.wantTitle {
					t.Errorf("Read(%q): Title = %q, want %q", in.input, a.Title, tt.wantTitle)
				}
			})
		}
	}
}

func gzipBytes(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("The delegation left Vienna without an agreement. ", 30)
	tests := []struct {
		name     string
		file     string // written under dir; "" for none
		content  []byte
		opt      Options
		wantLine int
		want     string // substring of the error
	}{
		{name: "missing file", file: "", want: "no such file"},
		{name: "empty text", file: "empty.txt", content: nil, want: "empty input"},
		{name: "blank html", file: "blank.html", content: []byte("  \n\t\n"), want: "empty input"},
		{name: "empty jsonl.gz", file: "empty.jsonl.gz", content: gzipBytes(t, nil), want: "empty input"},
		{name: "binary", file: "photo.txt", content: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"), want: "binary content"},
		{name: "binary without NUL", file: "noise.jsonl", content: bytes.Repeat([]byte{0x01, 0x02, 0xff, 0xfe, 'a'}, 50), want: "binary content"},
		{name: "invalid UTF-8", file: "latin1.txt", content: []byte("Kiev talks\n\nThe minister met his counterpart in K\xf6ln on Monday."), wantLine: 3, want: "invalid UTF-8 at byte"},
		{name: "too big text", file: "big.txt", content: []byte(big), opt: Options{MaxBytes: 1000}, want: "larger than 1000 bytes"},
		{name: "too big html", file: "big.html", content: []byte("<html><body><p>" + big + "</p></body></html>"), opt: Options{MaxBytes: 1000}, want: "larger than 1000 bytes"},
		{name: "bad gzip", file: "articles.jsonl.gz", content: []byte("this is not gzip at all"), want: "unreadable gzip"},
		{name: "truncated gzip", file: "cut.txt.gz", content: gzipBytes(t, []byte(big))[:40], want: "unexpected EOF"},
		{name: "html without text", file: "nav.html", content: []byte("<html><body><nav></nav><script>var a=1;</script></body></html>"), want: "no article text found"},
		{name: "not a feed", file: "broken.rss", content: []byte("<rss><channel><item><title>Cut"), want: "parse feed"},
		{name: "not a warc", file: "notes.warc", content: []byte("These are notes, not an archive.\n"), wantLine: 1, want: "not a WARC 1.0 or 1.1 record"},
		{name: "warc without length", file: "nolen.warc", content: []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n"), wantLine: 1, want: "bad Content-Length"},
		{name: "truncated warc", file: "cut.warc", content: []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n"), wantLine: 1, want: "truncated record"},
		{name: "folder", file: "sub", want: "is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := filepath.Join(dir, "missing.jsonl")
			if tt.file != "" {
				input = filepath.Join(dir, tt.file)
				var err error
				if tt.file == "sub" {
					err = os.MkdirAll(input, 0o755)
				} else {
					err = os.WriteFile(input, tt.content, 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			items, err := readItems(t, input, nil, tt.opt)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Read(%q) = %v (items %+v), want an *InputError", input, err, toGolden(items))
			}
			if ie.Input != input || ie.Line != tt.wantLine || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read(%q) = %q (line %d), want input %q, line %d and %q", input, err, ie.Line, input, tt.wantLine, tt.want)
			}
			if len(items) != 0 {
				t.Errorf("Read(%q) emitted %+v, want nothing", input, toGolden(items))
			}
		})
	}
}

// TestReadRecordErrors checks errors of single records: reading goes on
// after them and they name the line.
func TestReadRecordErrors(t *testing.T) {
	good := `{"id":"ok","text":"Protesters gathered outside the parliament in Belgrade."}`
	long := `{"id":"long","text":"` + strings.Repeat("Talks in Doha resumed. ", 60) + `"}`
	warcRecord := func(typ, block string) string {
		return "WARC/1.1\r\nWARC-Type: " + typ + "\r\nWARC-Target-URI: https://news.example/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
			strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
	}
	page := "<html><body><article><p>" + strings.Repeat("Election officials in Lusaka began counting ballots on Friday evening. ", 8) + "</p></article></body></html>"
	tests := []struct {
		name     string
		file     string
		content  string
		opt      Options
		wantErrs map[int]string // line → substring of the error
		wantIDs  []string       // ids of the articles, in order
	}{
		{
			name: "jsonl line errors", file: "mixed.jsonl",
			content: good + "\n" +
				"{\"id\":\"bad-utf8\",\"text\":\"Caf\xe9\"}\n" +
				"\n" +
				`{"id": true, "text": "x"}` + "\n" +
				`{"id":"typed","text":42}` + "\n" +
				`{"id":"x","text":"x"} trailing` + "\n" +
				long + "\n" +
				`{"id":"last","text":"The vote was postponed.","published":"2025-13-45"}` + "\n" +
				`{"id":"end","text":"No newline at the end."}`,
			opt: Options{MaxBytes: 1000},
			wantErrs: map[int]string{
				2: "invalid UTF-8 at byte 28",
				4: "malformed record: id is true, want a string or a number",
				5: "malformed record: text is a JSON number, want a string",
				6: "malformed JSON",
				7: "line longer than 1000 bytes",
				8: `unparseable published date "2025-13-45"`,
			},
			wantIDs: []string{"ok", "end"},
		},
		{
			name: "warc record errors", file: "mixed.warc",
			content: warcRecord("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n"+page) +
				warcRecord("response", "garbage status\r\n\r\n"+page) +
				warcRecord("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+strings.Repeat("x", 2000)) +
				warcRecord("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><nav></nav></body></html>") +
				warcRecord("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page),
			opt: Options{MaxBytes: 1500},
			wantErrs: map[int]string{
				1: `unsupported Content-Encoding "br"`,
				2: "bad HTTP status line",
				3: "record larger than 1500 bytes",
				4: "no article text found",
			},
			wantIDs: []string{string(ContentID("", strings.TrimSpace(strings.Repeat("Election officials in Lusaka began counting ballots on Friday evening. ", 8))))},
		},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := filepath.Join(dir, tt.file)
			if err := os.WriteFile(input, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			items, err := readItems(t, input, nil, tt.opt)
			if err != nil {
				t.Fatalf("Read(%q) = %v, want nil", input, err)
			}
			gotErrs := map[int]string{}
			var gotIDs []string
			for _, it := range items {
				if it.Err != nil {
					var ie *InputError
					if !errors.As(it.Err, &ie) {
						t.Fatalf("item error %v is not an *InputError", it.Err)
					}
					gotErrs[ie.Line] = it.Err.Error()
					continue
				}
				gotIDs = append(gotIDs, string(it.Article.ID))
			}
			for line, want := range tt.wantErrs {
				if !strings.Contains(gotErrs[line], want) {
					t.Errorf("Read(%q): error of line %d = %q, want one containing %q", input, line, gotErrs[line], want)
				}
			}
			if len(gotErrs) != len(tt.wantErrs) {
				t.Errorf("Read(%q): errors %v, want lines %v", input, gotErrs, tt.wantErrs)
			}
			if diff := cmp.Diff(tt.wantIDs, gotIDs); diff != "" {
				t.Errorf("Read(%q): article ids (-want +got):\n%s", input, diff)
			}
		})
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin io.Reader
		want  string
	}{
		{"none", nil, "stdin: no standard input"},
		{"empty", strings.NewReader(""), "stdin: empty input"},
		{"binary", strings.NewReader("\x00\x01\x02"), "stdin: binary content, not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(t.Context(), "-", tt.stdin, Options{}, func(Item) error { return nil })
			var ie *InputError
			if !errors.As(err, &ie) || err.Error() != tt.want {
				t.Errorf("Read(\"-\") = %v, want *InputError %q", err, tt.want)
			}
		})
	}
}

func TestReadEmitError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Read(t.Context(), "testdata/articles.jsonl", nil, Options{}, func(Item) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("Read with failing emit = %v after %d calls, want %v after 1", err, calls, stop)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := Read(ctx, "testdata/articles.jsonl", nil, Options{}, func(Item) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b/2.jsonl", "b/1.html.gz", "a.txt", "notes.md", ".hidden.jsonl", ".git/x.jsonl", "c/feed.atom", "c/crawl.warc.gz", "c/image.png"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"-", dir, "https://news.example/feed.xml", filepath.Join(dir, "notes.md"), "missing.jsonl"}
	got, skipped, err := Expand(args)
	if err != nil {
		t.Fatalf("Expand(%q) = %v", args, err)
	}
	want := []string{"-",
		filepath.Join(dir, "a.txt"), filepath.Join(dir, "b/1.html.gz"), filepath.Join(dir, "b/2.jsonl"),
		filepath.Join(dir, "c/crawl.warc.gz"), filepath.Join(dir, "c/feed.atom"),
		"https://news.example/feed.xml", filepath.Join(dir, "notes.md"), "missing.jsonl"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expand(%q) (-want +got):\n%s", args, diff)
	}
	wantSkipped := []string{filepath.Join(dir, "c/image.png"), filepath.Join(dir, "notes.md")}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("Expand(%q) skipped (-want +got):\n%s", args, diff)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want format
	}{
		{`{"id":"1"}`, formatJSONL},
		{"\ufeff  {\"text\":\"x\"}", formatJSONL},
		{"WARC/1.0\r\n", formatWARC},
		{`<?xml version="1.0"?><rss version="2.0">`, formatFeed},
		{`<?xml version="1.0"?>` + "\n<!-- generated -->\n" + `<feed xmlns="http://www.w3.org/2005/Atom">`, formatFeed},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, formatFeed},
		{"<!DOCTYPE html>\n<html>", formatHTML},
		{"<!-- cached page -->\n<HTML><head>", formatHTML},
		{`<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><html>`, formatHTML},
		{`<?xml version="1.0"?><catalog>`, formatText},
		{"Minister resigns\n\nThe minister resigned.", formatText},
		{"<?xml unterminated", formatText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("sniff(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestInputError(t *testing.T) {
	inner := errors.New("malformed JSON")
	tests := []struct {
		err  *InputError
		want string
	}{
		{&InputError{Input: "a.jsonl", Line: 7, Err: inner}, "a.jsonl:7: malformed JSON"},
		{&InputError{Input: "a.jsonl", Err: inner}, "a.jsonl: malformed JSON"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("(%+v).Error() = %q, want %q", tt.err, got, tt.want)
		}
		if !errors.Is(tt.err, inner) {
			t.Errorf("errors.Is(%v, inner) = false, want true", tt.err)
		}
	}
}
