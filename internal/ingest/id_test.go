package ingest

import (
	"strings"
	"testing"
)

func TestContentHash(t *testing.T) {
	base := ContentHash("Talks resume in Geneva", "Delegations met on Wednesday.")
	tests := []struct {
		name        string
		title, text string
		same        bool // same hash as base
	}{
		{"identical", "Talks resume in Geneva", "Delegations met on Wednesday.", true},
		{"case", "TALKS RESUME IN GENEVA", "delegations met on wednesday.", true},
		{"white space", "  Talks resume\tin Geneva ", "Delegations\n\nmet  on\u00a0Wednesday.\n", true},
		{"title moved into text", "", "Talks resume in Geneva\nDelegations met on Wednesday.", true},
		{"other words", "Talks resume in Geneva", "Delegations met on Thursday.", false},
		{"other title", "Talks stall in Geneva", "Delegations met on Wednesday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ContentHash(tt.title, tt.text)
			if (got == base) != tt.same {
				t.Errorf("ContentHash(%q, %q) = %s, base %s: want same %v", tt.title, tt.text, got, base, tt.same)
			}
		})
	}
	if len(base) != 32 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Errorf("ContentHash(...) = %q, want 32 lower-case hex digits", base)
	}
}

func TestContentHashNFC(t *testing.T) {
	composed := ContentHash("", "S\u00e3o Tom\u00e9")     // precomposed ã, é
	decomposed := ContentHash("", "Sa\u0303o Tome\u0301") // a + tilde, e + acute
	if composed != decomposed {
		t.Errorf("ContentHash of NFC %s != of NFD %s, want equal", composed, decomposed)
	}
}

func TestContentID(t *testing.T) {
	title, text := "Talks resume in Geneva", "Delegations met on Wednesday."
	id := string(ContentID(title, text))
	if want := "h" + ContentHash(title, text)[:16]; id != want {
		t.Errorf("ContentID(%q, %q) = %q, want %q", title, text, id, want)
	}
}

func TestHostOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Reuters.com/world/europe/", "reuters.com"},
		{"http://news.example:8080/a", "news.example"},
		{"/relative/path", ""},
		{"", ""},
		{"::not a url", ""},
	}
	for _, tt := range tests {
		if got := hostOf(tt.in); got != tt.want {
			t.Errorf("hostOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
