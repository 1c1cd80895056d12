package kb

import (
	"slices"
	"strings"
	"testing"

	"chronicle/internal/news"
)

func TestVerbForms(t *testing.T) {
	tests := []struct {
		name      string
		lemma     string
		irregular []string
		want      []string
	}{
		{"regular", "attack", nil, []string{"attack", "attacks", "attacked", "attacking"}},
		{"silent e", "seize", nil, []string{"seize", "seizes", "seized", "seizing"}},
		{"consonant y", "deny", nil, []string{"deny", "denies", "denied", "denying"}},
		{"vowel y", "deploy", nil, []string{"deploy", "deploys", "deployed", "deploying"}},
		{"doubling", "ban", nil, []string{"ban", "bans", "banned", "banning"}},
		{"no doubling of w", "vow", nil, []string{"vow", "vows", "vowed", "vowing"}},
		{"two syllables", "visit", nil, []string{"visit", "visits", "visited", "visiting"}},
		{"sibilant", "push", nil, []string{"push", "pushes", "pushed", "pushing"}},
		{"ie", "die", nil, []string{"die", "dies", "died", "dying"}},
		{"ee", "free", nil, []string{"free", "frees", "freed", "freeing"}},
		{"irregular", "meet", []string{"met"}, []string{"meet", "meets", "meeting", "met"}},
		{"irregular with participle", "withdraw", []string{"withdrew", "withdrawn"}, []string{"withdraw", "withdraws", "withdrawing", "withdrew", "withdrawn"}},
		{"listed doubling", "expel", []string{"expelled", "expelling"}, []string{"expel", "expels", "expelled", "expelling"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VerbForms(tt.lemma, tt.irregular)
			if !sameSet(got, tt.want) {
				t.Errorf("VerbForms(%q, %q) = %q, want %q", tt.lemma, tt.irregular, got, tt.want)
			}
		})
	}
}

func TestNounForms(t *testing.T) {
	tests := []struct {
		noun      string
		irregular []string
		want      []string
	}{
		{"attack", nil, []string{"attack", "attacks"}},
		{"clash", nil, []string{"clash", "clashes"}},
		{"casualty", nil, []string{"casualty", "casualties"}},
		{"talks", []string{"talks"}, []string{"talks"}},
	}
	for _, tt := range tests {
		if got := NounForms(tt.noun, tt.irregular); !sameSet(got, tt.want) {
			t.Errorf("NounForms(%q, %q) = %q, want %q", tt.noun, tt.irregular, got, tt.want)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestParsePatterns(t *testing.T) {
	const file = "# comment\n" +
		"x.meet\tV\tmeet with\tmet\t-\t040\t-\tThey met with the envoy.\n" +
		"x.attack\tN\tair strike on\t-\taerial\t195\tmilitary\tAn air strike on the depot.\n" +
		"x.gap\tV\tlaunch ... at\tlaunched\t-\t190\t-\tThey launched rockets at the town.\n" +
		"x.opt\tP\tready (to)\t-\t-\t030\t-\tThey are ready to talk.\n" +
		"x.head\tN\tstate+ of emergency\t-\t-\t1724\t-\tA state of emergency.\n"
	got, err := ParsePatterns("x.tsv", news.Consult, strings.NewReader(file))
	if err != nil {
		t.Fatalf("ParsePatterns: %v", err)
	}
	if len(got) != 5 {
		t.Fatalf("ParsePatterns read %d patterns, want 5", len(got))
	}
	tests := []struct {
		i     int
		word  int
		forms []string
		head  bool
	}{
		{0, 0, []string{"meet", "meets", "meeting", "met"}, true},
		{0, 1, []string{"with"}, false},
		{1, 1, []string{"strike", "strikes"}, true},
		{1, 2, []string{"on"}, false},
		{2, 0, []string{"launch", "launches", "launching", "launched"}, true},
		{4, 0, []string{"state", "states"}, true},
		{4, 2, []string{"emergency"}, false},
	}
	for _, tt := range tests {
		w := got[tt.i].Words[tt.word]
		if !sameSet(w.Forms, tt.forms) || w.Head != tt.head {
			t.Errorf("pattern %s word %d = %q head %v, want %q head %v", got[tt.i].ID, tt.word, w.Forms, w.Head, tt.forms, tt.head)
		}
	}
	if g := got[2].Words[1]; g.Gap != MaxGap {
		t.Errorf("gap word = %+v, want Gap %d", g, MaxGap)
	}
	if o := got[3].Words[1]; !o.Optional {
		t.Errorf("optional word = %+v, want Optional", o)
	}
	if got[0].Type != news.Consult || got[1].Mode != "aerial" || got[1].Context != "military" || got[0].CAMEO != "040" {
		t.Errorf("pattern fields = %+v, %+v", got[0], got[1])
	}
}

func TestParsePatternsErrors(t *testing.T) {
	tests := []struct {
		name, line string
	}{
		{"columns", "x.a\tV\tmeet\n"},
		{"kind", "x.a\tQ\tmeet\t-\t-\t040\t-\tThey met.\n"},
		{"no example", "x.a\tV\tmeet\t-\t-\t040\t-\t-\n"},
		{"leading gap", "x.a\tV\t... meet\t-\t-\t040\t-\tThey met.\n"},
		{"trailing gap", "x.a\tV\tmeet ...\t-\t-\t040\t-\tThey met.\n"},
		{"two heads", "x.a\tN\tair+ strike+\t-\t-\t195\t-\tAn air strike.\n"},
		{"forms on phrase", "x.a\tP\tready to\tx\t-\t030\t-\tReady to talk.\n"},
		{"empty alternative", "x.a\tV\tmeet|\t-\t-\t040\t-\tThey met.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParsePatterns("x.tsv", news.Consult, strings.NewReader(tt.line)); err == nil {
				t.Errorf("ParsePatterns(%q) = nil error, want one", tt.line)
			}
		})
	}
}

func TestLoadPatterns(t *testing.T) {
	p, err := LoadPatterns()
	if err != nil {
		t.Fatalf("LoadPatterns: %v", err)
	}
	counts := make(map[news.EventType]int)
	for _, pt := range p.All() {
		counts[pt.Type]++
		if pt.Type != "" && pt.CAMEO == "" {
			t.Errorf("%s: pattern %s has no CAMEO code", pt.Source, pt.ID)
		}
		if pt.Type != "" && pt.Mode != "" {
			if _, ok := p.modes[pt.Type][pt.Mode]; !ok && pt.Mode != "" {
				t.Errorf("%s: pattern %s: mode %q is not a mode of %s in modes.tsv", pt.Source, pt.ID, pt.Mode, pt.Type)
			}
		}
	}
	total := 0
	for _, typ := range news.EventTypes() {
		if counts[typ] < 50 {
			t.Errorf("%s has %d patterns, want at least 50", typ, counts[typ])
		}
		total += counts[typ]
		if _, ok := p.Type(typ); !ok {
			t.Errorf("Type(%s) missing", typ)
		}
	}
	if total < 1500 {
		t.Errorf("dictionary has %d event patterns, want at least 1500", total)
	}
	t.Logf("%d event patterns, %d blocking entries", total, counts[""])
}

func TestCodebook(t *testing.T) {
	p, err := LoadPatterns()
	if err != nil {
		t.Fatalf("LoadPatterns: %v", err)
	}
	tests := []struct {
		typ   news.EventType
		mode  string
		quad  int
		score float64
	}{
		{news.Consult, "visit", 1, 4},
		{news.Consult, "", 1, 2.5},
		{news.Accuse, "", 3, -3},
		{news.Accuse, "allege", 3, -3.5},
		{news.Assault, "unconventional", 4, -10},
		{news.Aid, "no-such-mode", 2, 10},
		{news.Sanction, "expel", 4, -5.5},
	}
	for _, tt := range tests {
		ti, _ := p.Type(tt.typ)
		if got := p.Score(tt.typ, tt.mode); got != tt.score || ti.Quad != tt.quad {
			t.Errorf("Score(%s, %q) = %v quad %d, want %v quad %d", tt.typ, tt.mode, got, ti.Quad, tt.score, tt.quad)
		}
	}
	walks := []struct {
		scheme, label string
		want          news.EventType
	}{
		{"plover-legacy", "DEMAND", news.Request},
		{"plover-legacy", "disapprove", news.Accuse},
		{"plover-legacy", "FIGHT", news.Assault},
		{"plover-legacy", "INVESTIGATE", news.Accuse},
		{"acled", "AIR_STRIKE", news.Assault},
		{"acled", "PEACE_PROTEST", news.Protest},
		{"acled", "ARREST", news.Coerce},
	}
	for _, tt := range walks {
		c, ok := p.Crosswalk(tt.scheme, tt.label)
		if !ok || len(c.Types) == 0 || c.Types[0] != tt.want {
			t.Errorf("Crosswalk(%q, %q) = %+v, %v, want %s", tt.scheme, tt.label, c, ok, tt.want)
		}
	}
	if c, ok := p.Crosswalk("acled", "NATURAL_DISASTER"); !ok || len(c.Types) != 0 {
		t.Errorf("Crosswalk(acled, NATURAL_DISASTER) = %+v, %v, want no types", c, ok)
	}
}
