package ingest

import "testing"

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"title", "Minister resigns over leak\n\nThe defence minister resigned on Friday.", "Minister resigns over leak"},
		{"blank line with spaces", "Minister resigns over leak\n  \nThe defence minister resigned.", "Minister resigns over leak"},
		{"full stop", "The defence minister resigned on Friday.\n\nHe denied wrongdoing.", ""},
		{"no blank line", "Minister resigns over leak\nThe defence minister resigned on Friday.", ""},
		{"single line", "Minister resigns over leak", ""},
		{"nothing after", "Minister resigns over leak\n\n", ""},
		{"too long", longLine(200) + "\n\nBody.", ""},
		{"just short enough", longLine(199) + "\n\nBody.", longLine(199)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTitle(tt.text); got != tt.want {
				t.Errorf("textTitle(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func longLine(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\ufeffTitle\r\n\r\nBody\r\n", "Title\n\nBody"},
		{"old\rmac\rlines", "old\nmac\nlines"},
		{"  \n kept inside  \n\n", "kept inside"},
	}
	for _, tt := range tests {
		if got := normalizeText(tt.in); got != tt.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLooksBinary(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"text", "Ceasefire talks resume in Geneva.\n", false},
		{"utf-8", "Praça da Independência, São Tomé — 2025", false},
		{"latin-1 text", "Pra\xe7a da Independ\xeancia in S\xe3o Tom\xe9 on Monday evening", false},
		{"nul", "abc\x00def", true},
		{"control bytes", "\x01\x02\x03\x04abc", true},
		{"cut rune at the end", "Kraków\xc3", false},
	}
	for _, tt := range tests {
		if got := looksBinary([]byte(tt.in)); got != tt.want {
			t.Errorf("looksBinary(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
