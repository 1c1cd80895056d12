package store

import (
	"testing"
)

func TestTallyBest(t *testing.T) {
	tests := []struct {
		name   string
		in     []string
		longer bool
		want   string
	}{
		{"empty", nil, true, ""},
		{"most frequent", []string{"UN", "United Nations", "UN"}, true, "UN"},
		{"longest on ties", []string{"UN", "United Nations"}, true, "United Nations"},
		{"first in order on ties of length", []string{"Bb", "Aa"}, true, "Aa"},
		{"first in order without length", []string{"MIL", "GOV"}, false, "GOV"},
		{"empty strings do not count", []string{"", "", "GOV"}, false, "GOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tally{}
			for _, s := range tt.in {
				tl.add(s)
			}
			if got := tl.best(tt.longer); got != tt.want {
				t.Errorf("best(%q, %v) = %q, want %q", tt.in, tt.longer, got, tt.want)
			}
		})
	}
}
