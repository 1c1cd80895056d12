package ingest

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestParseHTTPResponse(t *testing.T) {
	page := "<html><body><p>Aid convoys reached Darfur.</p></body></html>"
	var gz bytes.Buffer
	gz.Write(gzipBytes(t, []byte(page)))
	chunk := func(s string) string {
		return strconv.FormatInt(int64(len(s)), 16) + "\r\n" + s + "\r\n"
	}
	tests := []struct {
		name       string
		in         string
		wantStatus int
		wantType   string
		wantBody   string
		wantErr    string
	}{
		{
			name: "plain", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 999\r\n\r\n" + page,
			wantStatus: 200, wantType: "text/html", wantBody: page,
		},
		{
			name: "bare line feeds and folded header", in: "HTTP/1.0 200 OK\nContent-Type: text/html;\n charset=utf-8\n\n" + page,
			wantStatus: 200, wantType: "text/html; charset=utf-8", wantBody: page,
		},
		{
			name: "chunked", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(page[:20]) + chunk(page[20:]) + "0\r\n\r\n",
			wantStatus: 200, wantBody: page,
		},
		{
			name: "chunked header over a de-chunked body", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + page,
			wantStatus: 200, wantBody: page,
		},
		{
			name: "gzip", in: "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz.String(),
			wantStatus: 200, wantBody: page,
		},
		{
			name: "gzip header over a decoded body", in: "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + page,
			wantStatus: 200, wantBody: page,
		},
		{
			name: "malformed header line skipped", in: "HTTP/1.1 404 Not Found\r\nthis is not a header\r\nContent-Type: text/plain\r\n\r\ngone",
			wantStatus: 404, wantType: "text/plain", wantBody: "gone",
		},
		{name: "no status line", in: "<html>" + page, wantErr: "bad HTTP status line"},
		{name: "bad status", in: "HTTP/1.1 OK\r\n\r\n", wantErr: "bad HTTP status"},
		{name: "brotli", in: "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx", wantErr: "unsupported Content-Encoding"},
		{name: "gzip bomb", in: "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + string(gzipBytes(t, bytes.Repeat([]byte("a"), 5000))), wantErr: "decoded body larger than 1000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := parseHTTPResponse([]byte(tt.in), 1000)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseHTTPResponse(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseHTTPResponse(%q) error = %v", tt.in, err)
			}
			if resp.status != tt.wantStatus || resp.header.Get("Content-Type") != tt.wantType || string(resp.body) != tt.wantBody {
				t.Errorf("parseHTTPResponse(%q) = %d, %q, %q; want %d, %q, %q", tt.in,
					resp.status, resp.header.Get("Content-Type"), resp.body, tt.wantStatus, tt.wantType, tt.wantBody)
			}
		})
	}
}

func TestWantRecord(t *testing.T) {
	tests := []struct {
		typ, contentType string
		want             bool
	}{
		{"response", "application/http; msgtype=response", true},
		{"response", "application/http;msgtype=response", true},
		{"response", "", true},
		{"response", "text/dns", false},
		{"resource", "text/html", true},
		{"resource", "image/jpeg", false},
		{"request", "application/http; msgtype=request", false},
		{"warcinfo", "application/warc-fields", false},
		{"revisit", "application/http; msgtype=response", false},
	}
	for _, tt := range tests {
		h := map[string][]string{"Warc-Type": {tt.typ}}
		if tt.contentType != "" {
			h["Content-Type"] = []string{tt.contentType}
		}
		if got := wantRecord(h); got != tt.want {
			t.Errorf("wantRecord(%s, %q) = %v, want %v", tt.typ, tt.contentType, got, tt.want)
		}
	}
}

func FuzzReadWARC(f *testing.F) {
	b, err := os.ReadFile("testdata/crawl.warc")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	// Each record on its own.
	for _, rec := range bytes.SplitAfter(b, []byte("\r\n\r\nWARC/1.1")) {
		f.Add(rec)
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 30\r\n\r\n<html><body><p>a b c</p></body></html>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var items []Item
		err := fuzzReader(t, &items).readWARC(bufio.NewReader(bytes.NewReader(in)))
		checkFuzzItems(t, in, items, err)
	})
}
