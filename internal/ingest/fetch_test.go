package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// newsServer serves the HTML fixtures, a feed linking to them and a JSONL
// file, and records the User-Agent of every request.
func newsServer(t *testing.T) (srv *httptest.Server, agents func() []string) {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	file := func(path, contentType string) http.HandlerFunc {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return func(w http.ResponseWriter, r *http.Request) {
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			}
			w.Write(b)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/world/ceasefire", file("testdata/ceasefire.html", "text/html; charset=utf-8"))
	mux.Handle("/europe/sanctions", file("testdata/sanctions.html", "text/html"))
	mux.Handle("/election", file("testdata/election.html", "text/html; charset=ISO-8859-1"))
	mux.Handle("/export.jsonl", file("testdata/articles.jsonl", "application/x-ndjson"))
	mux.Handle("/mislabelled", file("testdata/world.atom", "text/plain"))
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire: World</title><link>%[1]s/</link>
<item><title>Ceasefire talks resume</title><link>%[1]s/world/ceasefire</link><guid>wire-1</guid>
  <description>Short teaser about the Geneva talks.</description><pubDate>Wed, 20 Aug 2025 10:00:00 GMT</pubDate></item>
<item><title>Removed story</title><link>/gone</link><guid>wire-2</guid><description>Teaser.</description></item>
<item><title>Sanctions package agreed</title><link>/europe/sanctions</link><guid>wire-3</guid><description>Teaser about sanctions.</description></item>
<item><title>Logo</title><link>/logo.png</link><guid>wire-4</guid><description>An image.</description></item>
</channel></rss>`, "http://"+r.Host)
	})
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("User-Agent"))
		mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func TestReadURL(t *testing.T) {
	srv, _ := newsServer(t)
	tests := []struct {
		name string
		path string
		opt  Options
		want []wantItem
	}{
		{
			name: "page with canonical URL", path: "/world/ceasefire",
			want: []wantItem{{
				input: srv.URL + "/world/ceasefire", url: "https://www.meridianpost.example/world/2025/08/20/ceasefire-talks-resume-geneva",
				source: "The Meridian Post", title: "Ceasefire talks resume in Geneva as shelling continues",
				author: "Lena Vasquez", published: "2025-08-20T00:00:00Z",
				contains: []string{"Palais des Nations"}, absent: pageFurniture(),
			}},
		},
		{
			name: "page without canonical URL", path: "/europe/sanctions",
			want: []wantItem{{
				input: srv.URL + "/europe/sanctions", url: srv.URL + "/europe/sanctions",
				source: "Harbour Herald", title: "EU ministers agree new sanctions package", published: "2025-09-02T00:00:00Z",
				contains: []string{"Slovakia abstained."},
			}},
		},
		{
			name: "charset from Content-Type", path: "/election",
			want: []wantItem{{
				input: srv.URL + "/election", url: srv.URL + "/election", source: "Gulf of Guinea Review",
				title: "Opposition wins run-off in São Tomé", published: "2025-07-28T00:00:00Z",
				contains: []string{"Praça da Independência"},
			}},
		},
		{
			name: "feed", path: "/feed.xml",
			want: []wantItem{
				{input: srv.URL + "/feed.xml:1", id: "wire-1", url: srv.URL + "/world/ceasefire", source: "Wire: World",
					title: "Ceasefire talks resume", published: "2025-08-20T10:00:00Z",
					contains: []string{"Short teaser about the Geneva talks."}},
				{input: srv.URL + "/feed.xml:2", id: "wire-2", url: srv.URL + "/gone", source: "Wire: World",
					title: "Removed story", contains: []string{"Teaser."}},
				{input: srv.URL + "/feed.xml:3", id: "wire-3", url: srv.URL + "/europe/sanctions", source: "Wire: World",
					title: "Sanctions package agreed", contains: []string{"Teaser about sanctions."}},
				{input: srv.URL + "/feed.xml:4", id: "wire-4", url: srv.URL + "/logo.png", source: "Wire: World",
					title: "Logo", contains: []string{"An image."}},
			},
		},
		{
			name: "feed followed", path: "/feed.xml", opt: Options{Follow: true},
			want: []wantItem{
				{input: srv.URL + "/feed.xml:1", id: "wire-1", url: srv.URL + "/world/ceasefire", source: "Wire: World",
					title: "Ceasefire talks resume", author: "Lena Vasquez", published: "2025-08-20T10:00:00Z",
					contains: []string{"Palais des Nations", "Talks are scheduled to continue on Thursday."},
					absent:   append(pageFurniture(), "Short teaser")},
				{err: "feed.xml:2: GET " + srv.URL + "/gone: HTTP status 404 Not Found"},
				{input: srv.URL + "/feed.xml:3", id: "wire-3", url: srv.URL + "/europe/sanctions", source: "Wire: World",
					title: "Sanctions package agreed", published: "2025-09-02T00:00:00Z",
					contains: []string{"BRUSSELS", "Slovakia abstained."}},
				{err: "feed.xml:4: GET " + srv.URL + "/logo.png: image/png is not an HTML page"},
			},
		},
		{
			name: "jsonl by Content-Type", path: "/export.jsonl",
			want: []wantItem{
				{input: srv.URL + "/export.jsonl:1", id: "wp-001", source: "northstar-news",
					url:   "https://www.northstar-news.example/2025/08/20/ankara-grain-talks",
					title: "Foreign ministers meet in Ankara over grain corridor", published: "2025-08-20T00:00:00Z",
					contains: []string{"Black Sea corridor"}},
			},
		},
		{
			name: "mislabelled feed sniffed", path: "/mislabelled",
			want: []wantItem{
				{input: srv.URL + "/mislabelled:1", id: "tag:harbourherald.example,2025:sanctions-package",
					url:    "https://www.harbourherald.example/europe/2025/09/02/sanctions-package",
					source: "Harbour Herald: Europe", title: "EU ministers agree new sanctions package",
					author: "Piet de Vries", published: "2025-09-02T15:20:00Z", contains: []string{"Hungary dropped"}},
				{input: srv.URL + "/mislabelled:2", id: "tag:harbourherald.example,2025:farmers-border",
					url:    "https://www.harbourherald.example/europe/2025/09/01/farmers-border",
					source: "Harbour Herald: Europe", title: "Polish farmers block border crossings",
					published: "2025-09-01T08:10:00Z", contains: []string{"WARSAW"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := srv.URL + tt.path
			items, err := readItems(t, input, nil, tt.opt)
			if err != nil {
				t.Fatalf("Read(%q) = %v, want nil", input, err)
			}
			if tt.name == "jsonl by Content-Type" {
				items = items[:1] // the rest is TestRead's
			}
			if len(items) != len(tt.want) {
				t.Fatalf("Read(%q) emitted %d items, want %d: %+v", input, len(items), len(tt.want), toGolden(items))
			}
			for i, w := range tt.want {
				checkItem(t, i, items[i], w)
			}
		})
	}
}

func TestReadURLErrors(t *testing.T) {
	srv, _ := newsServer(t)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"not found", srv.URL + "/nowhere", "HTTP status 404 Not Found"},
		{"binary", srv.URL + "/logo.png", "binary content"},
		{"connection refused", deadURL + "/feed.xml", "connect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := readItems(t, tt.input, nil, Options{})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Input != tt.input || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read(%q) = %v, want an *InputError naming the input with %q", tt.input, err, tt.want)
			}
			if len(items) != 0 {
				t.Errorf("Read(%q) emitted %+v, want nothing", tt.input, toGolden(items))
			}
		})
	}
}

func TestReadURLUserAgent(t *testing.T) {
	srv, agents := newsServer(t)
	opt := Options{Follow: true, UserAgent: "chronicle-test/1.0", Client: srv.Client()}
	if _, err := readItems(t, srv.URL+"/feed.xml", nil, opt); err != nil {
		t.Fatal(err)
	}
	got := agents()
	if len(got) != 5 { // the feed and its four items
		t.Fatalf("server saw %d requests, want 5", len(got))
	}
	for i, ua := range got {
		if ua != opt.UserAgent {
			t.Errorf("request %d: User-Agent = %q, want %q", i, ua, opt.UserAgent)
		}
	}
}

func TestReadURLCancelled(t *testing.T) {
	srv, agents := newsServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := Read(ctx, srv.URL+"/feed.xml", nil, Options{}, func(Item) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context = %v, want context.Canceled", err)
	}
	if n := len(agents()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}
