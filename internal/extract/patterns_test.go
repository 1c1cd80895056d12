package extract

import (
	"strings"
	"sync"
	"testing"

	"chronicle/internal/kb"
)

var loadPatterns = sync.OnceValues(kb.LoadPatterns)

// testCoder returns a coder over the embedded dictionary.
func testCoder(t testing.TB) *Coder {
	t.Helper()
	p, err := loadPatterns()
	if err != nil {
		t.Fatalf("LoadPatterns: %v", err)
	}
	return NewCoder(p)
}

// triggerIDs returns the ids of the rules the coder's matcher picks in a
// sentence, blocking entries included.
func (c *Coder) triggerIDs(text string) []string {
	toks := evTokenize(text, 0, len(text), nil)
	c.dict.tagTokens(toks)
	var ids []string
	for _, m := range c.dict.matches(toks) {
		ids = append(ids, m.rule.id)
	}
	return ids
}

// TestPatternExamples checks that every dictionary entry fires on the
// example sentence written next to it.
func TestPatternExamples(t *testing.T) {
	c := testCoder(t)
	p, _ := loadPatterns()
	failed := 0
	for _, pt := range p.All() {
		ids := c.triggerIDs(pt.Example)
		found := false
		for _, id := range ids {
			if id == pt.ID {
				found = true
			}
		}
		if !found {
			failed++
			t.Errorf("%s: %s (%q) does not fire on its example %q; fired: %v", pt.Source, pt.ID, pt.Text, pt.Example, ids)
		}
	}
	if failed > 0 {
		t.Logf("%d of %d patterns fail", failed, len(p.All()))
	}
}

func TestLexiconTags(t *testing.T) {
	p, _ := loadPatterns()
	for _, e := range p.Lexicon() {
		for _, name := range e.Tags {
			if _, ok := evLexTag(name); !ok {
				t.Errorf("lexicon word %q: unknown tag %q", e.Word, name)
			}
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Rebels didn't attack.", "Rebels|did|n't|attack|."},
		{"The U.S. and Russia's envoys met.", "The|U.S.|and|Russia|'s|envoys|met|."},
		{"At least 1,200 people, 3.5 million.", "At|least|1,200|people|,|3.5|million|."},
		{"pro-government forces won\u2019t stop", "pro-government|forces|wo|n\u2019t|stop"},
		{"\u201cWe will fight,\u201d he said.", "\u201c|We|will|fight|,|\u201d|he|said|."},
	}
	for _, tt := range tests {
		toks := evTokenize(tt.in, 0, len(tt.in), nil)
		var parts []string
		for _, k := range toks {
			if tt.in[k.start:k.end] != k.text {
				t.Errorf("token %q has span [%d,%d) = %q", k.text, k.start, k.end, tt.in[k.start:k.end])
			}
			parts = append(parts, k.text)
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("evTokenize(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
