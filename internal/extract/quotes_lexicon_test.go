package extract

import (
	"testing"

	"chronicle/internal/kb"
)

// TestQuoteClassOf checks that every word class of the speech lexicon
// has a bit of its own in the finder.
func TestQuoteClassOf(t *testing.T) {
	s, err := kb.LoadSpeech()
	if err != nil {
		t.Fatalf("kb.LoadSpeech() = %v", err)
	}
	bits := map[quoteClass]kb.WordClass{}
	s.Words(func(_ string, c kb.WordClass) {
		b := quoteClassOf(c)
		if b == 0 || b&(b-1) != 0 {
			t.Fatalf("quoteClassOf(%q) = %b, want one bit", c, b)
		}
		if o, ok := bits[b]; ok && o != c {
			t.Fatalf("quoteClassOf(%q) = quoteClassOf(%q) = %b", c, o, b)
		}
		bits[b] = c
	})
	if len(bits) == 0 {
		t.Errorf("Words gave no word class")
	}
}

// TestQuoteFinderWords checks that the finder reads the word classes of
// the lexicon, and knows none without one.
func TestQuoteFinderWords(t *testing.T) {
	s, err := kb.LoadSpeech()
	if err != nil {
		t.Fatalf("kb.LoadSpeech() = %v", err)
	}
	f, bare := NewQuoteFinder(s), NewQuoteFinder(nil)
	tests := []struct {
		word  string
		class quoteClass
		want  bool
	}{
		{"mr", qcHonorific, true},
		{"sen", qcHonorific, true},
		{"reporters", qcHearer, true},
		{"so-called", qcTitleCue, true},
		{"said", qcClauseTail, true},
		{"said", qcNounMarker, false},
		{"minister", qcHonorific | qcHearer, true},
		{"walked", qcNPStop, false},
	}
	for _, tt := range tests {
		if got := f.wordIs(tt.word, tt.class); got != tt.want {
			t.Errorf("wordIs(%q, %b) = %v, want %v", tt.word, tt.class, got, tt.want)
		}
		if bare.wordIs(tt.word, tt.class) {
			t.Errorf("without a lexicon wordIs(%q, %b) = true, want false", tt.word, tt.class)
		}
	}
}
