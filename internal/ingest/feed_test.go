package ingest

import (
	"bufio"
	"bytes"
	"os"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain description, kept as it is.", "Plain description, kept as it is."},
		{"<p>First.</p><p>Second &amp; last.</p>", "First.\n\nSecond & last."},
		{"Aid &amp; reconstruction", "Aid & reconstruction"},
		{"<script>track()</script>Text", "Text"},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAbsURL(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"https://news.example/world", "/world/a", "https://news.example/world/a"},
		{"https://news.example/world/", "a", "https://news.example/world/a"},
		{"https://news.example/", "https://other.example/b", "https://other.example/b"},
		{"", "/world/a", "/world/a"},
		{"https://news.example/", "", ""},
	}
	for _, tt := range tests {
		if got := absURL(tt.base, tt.ref); got != tt.want {
			t.Errorf("absURL(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}

func FuzzReadFeed(f *testing.F) {
	// The smaller fixture and small feeds of each kind: minimising a new
	// input costs thousands of runs, so short seeds leave time to fuzz.
	b, err := os.ReadFile("testdata/world.atom")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title><link>https://n.example/</link>` +
		`<item><title>T &amp; U</title><link>/a</link><guid>g1</guid><pubDate>Wed, 20 Aug 2025 09:30:00 GMT</pubDate>` +
		`<description>&lt;p&gt;x</description><content:encoded><![CDATA[<p>y</p>]]></content:encoded></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>e</id><author><name>N</name></author>` +
		`<updated>2025-09-01T08:10:00Z</updated><content type="xhtml"><div><p>x</p></div></content></entry></feed>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>x</title><description>d</description></item></rdf:RDF>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var items []Item
		err := fuzzReader(t, &items).readFeed(bufio.NewReader(bytes.NewReader(in)))
		checkFuzzItems(t, in, items, err)
	})
}
