package link

import (
	"math"
	"slices"
	"strings"
	"testing"

	"chronicle/internal/news"
)

// factArticle returns an article of lines, one sentence each, in which
// every occurrence of each of people is a person mention.
func factArticle(text string, people ...string) *news.Article {
	a := &news.Article{ID: "a", Hash: "h", Text: text}
	at := 0
	for i, line := range strings.Split(text, "\n") {
		a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: at, End: at + len(line)}})
		at += len(line) + 1
	}
	for _, p := range people {
		for from := 0; ; {
			i := strings.Index(text[from:], p)
			if i < 0 {
				break
			}
			start := from + i
			a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: start, End: start + len(p)}, Text: p,
				Type: news.Person, Ref: -1, Actor: news.Actor{Name: p}})
			from = start + len(p)
		}
	}
	slices.SortFunc(a.Mentions, func(x, y news.Mention) int { return x.Span.Start - y.Span.Start })
	return a
}

func loadTestKnowledge(t testing.TB) *knowledge {
	t.Helper()
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestOrdinalOf(t *testing.T) {
	k := loadTestKnowledge(t)
	tests := []struct {
		word string
		want int64
		ok   bool
	}{
		{"81st", 81, true},
		{"22nd", 22, true},
		{"3rd", 3, true},
		{"86th", 86, true},
		{"seventh", 7, true},
		{"twelfth", 12, true},
		{"first", 0, false}, // more often someone's turn than which happening
		{"second", 0, false},
		{"0th", 0, false},
		{"th", 0, false},
		{"1990s", 0, false},
		{"86", 0, false},
		{"north", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got, ok := k.ordinalOf(tt.word)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ordinalOf(%q) = %d, %v, want %d, %v", tt.word, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSurname(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Hugh Jackman", "jackman"},
		{"Martin Luther King Jr.", "king"},
		{"Madonna", "madonna"},
		{"Sammy Davis, Jr.", "davis"},
		{"  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := surname(tt.name); got != tt.want {
				t.Errorf("surname(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestHeadEnd(t *testing.T) {
	long := strings.Repeat("word ", headWords) + "beyond the head"
	short := "A short text of six words."
	tests := []struct {
		name, text, wantRest string // wantRest: the text after the head
	}{
		{"long", long, "beyond the head"},
		{"short", short, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span := news.Span{Start: 0, End: len(tt.text)}
			got := tt.text[headEnd(tokens(tt.text, []news.Span{span}), span):]
			if got != tt.wantRest {
				t.Errorf("headEnd(%q) leaves %q after the head, want %q", tt.text, got, tt.wantRest)
			}
		})
	}
}

// readableFact is a fact with the word it is keyed by, for tests.
type readableFact struct {
	kind factKind
	word string // the thing an ordinal counts, or the surname of a person
	val  int64
}

// readFacts returns facts in readable form, given the words they may be
// keyed by.
func readFacts(fs []fact, words []string) []readableFact {
	byHash := map[uint64]string{}
	for _, w := range words {
		byHash[hashString(w)] = w
		byHash[hashString(w)>>1] = w
	}
	var out []readableFact
	for _, f := range fs {
		switch f.kind {
		case factOrdinal:
			out = append(out, readableFact{f.kind, byHash[f.key], f.val})
		default:
			out = append(out, readableFact{f.kind, byHash[uint64(f.val)], 0})
		}
	}
	slices.SortFunc(out, func(a, b readableFact) int {
		if a.kind != b.kind {
			return int(a.kind) - int(b.kind)
		}
		return strings.Compare(a.word, b.word)
	})
	return out
}

func TestFacts(t *testing.T) {
	k := loadTestKnowledge(t)
	filler := strings.Repeat("The crowd cheered as the champion walked out of the ring. ", 5)
	tests := []struct {
		name   string
		text   string
		people []string
		want   []readableFact
	}{
		{
			name: "ordinals and names of the head",
			text: "Champion stops challenger in sixth round\n" +
				"Ivan Petrenko stopped Tom Harlow in the 6th round of their title fight in Bern on Saturday.\n" +
				"Petrenko thanked the crowd.",
			people: []string{"Ivan Petrenko", "Tom Harlow", "Petrenko"},
			want: []readableFact{
				{factOrdinal, "round", 6},
				{factLeadName, "harlow", 0},
				{factLeadName, "petrenko", 0},
				{factHeadName, "harlow", 0},
				{factHeadName, "petrenko", 0},
			},
		},
		{
			name: "hyphenated ordinal",
			text: "The academy named its host for the 86th-annual ceremony.",
			want: []readableFact{{factOrdinal, "annual", 86}},
		},
		{
			name:   "details past the head are background",
			text:   "Ivan Petrenko won.\n" + filler + "\nHe lost to Tom Harlow in the seventh round in 2009.",
			people: []string{"Ivan Petrenko", "Tom Harlow"},
			want: []readableFact{
				{factLeadName, "petrenko", 0},
				{factHeadName, "petrenko", 0},
			},
		},
		{
			name: "an ordinal before a stopword or a number",
			text: "He came 5th of 20 runners, and 7th 2009.",
		},
		{
			name: "nothing stated",
			text: "Rain fell across the region on Monday.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := factArticle(tt.text, tt.people...)
			toks := tokens(a.Text, []news.Span{{Start: 0, End: len(a.Text)}})
			span := news.Span{Start: 0, End: len(a.Text)}
			fs := k.facts(a, toks, span, k.leadEnd(a, toks, span))
			if !slices.IsSortedFunc(fs, compareFacts) {
				t.Errorf("facts(%q) are not sorted", tt.text)
			}
			got := readFacts(fs, []string{"round", "annual", "runner", "petrenko", "harlow"})
			if !slices.Equal(got, tt.want) {
				t.Errorf("facts(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestConflict(t *testing.T) {
	k := loadTestKnowledge(t)
	factsOf := func(text string, people ...string) []fact {
		a := factArticle(text, people...)
		toks := tokens(a.Text, []news.Span{{Start: 0, End: len(a.Text)}})
		span := news.Span{Start: 0, End: len(a.Text)}
		return k.facts(a, toks, span, k.leadEnd(a, toks, span))
	}
	host81 := factsOf("Dana Reyes will host the 81st Academy Awards, the academy said on Friday.", "Dana Reyes")
	host81b := factsOf("Organisers named Dana Reyes as host of the 81st Academy Awards in February.", "Dana Reyes")
	host86 := factsOf("Sam Okafor will host the 86th Academy Awards, the academy said on Friday.", "Sam Okafor")
	host86reyes := factsOf("Sam Okafor will host the 86th Academy Awards after Dana Reyes hosted it twice.", "Sam Okafor", "Dana Reyes")
	round6 := factsOf("The champion won in the 6th round on Saturday, his promoter said.")
	day3 := factsOf("The strike went into its 3rd day on Saturday, the union said.")
	none := factsOf("The academy said on Friday that the ceremony would be shorter.")
	tests := []struct {
		name string
		a, b []fact
		want float64
	}{
		{"one happening, same details", host81, host81b, 0},
		{"different edition and host", host81, host86, penaltyOrdinal + penaltyName},
		{"different edition, earlier host named in the head", host81, host86reyes, penaltyOrdinal},
		{"ordinals of different things", round6, day3, 0},
		{"one states no details", host81, none, 0},
		{"no facts", nil, host86, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := conflict(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("conflict(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := conflict(tt.b, tt.a); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("conflict(%v, %v) = %v, want %v (symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

// TestConflictSeparatesLookAlikes checks that two reports of look-alike
// happenings, alike enough in their features to be linked, are no longer
// linked once their facts disagree, while two reports of one happening
// stay linked.
func TestConflictSeparatesLookAlikes(t *testing.T) {
	k := loadTestKnowledge(t)
	profileOf := func(text string, people ...string) *segment {
		return &k.newProfile(factArticle(text, people...)).segs[0]
	}
	first := profileOf("Ivan Petrenko stops Tom Harlow in the 7th round to keep heavyweight title belts\n"+
		"Ivan Petrenko kept his heavyweight title belts on Saturday night, stopping Tom Harlow in the 7th round before a sold-out arena.\n"+
		"The champion dropped the challenger twice with his left hook.", "Ivan Petrenko", "Tom Harlow", "Petrenko", "Harlow")
	same := profileOf("Petrenko retains heavyweight belts with 7th round stoppage of Harlow\n"+
		"Heavyweight champion Ivan Petrenko stopped Tom Harlow in the 7th round on Saturday to keep his title belts.\n"+
		"Harlow was dropped twice by left hooks before the referee stepped in.", "Ivan Petrenko", "Tom Harlow", "Petrenko", "Harlow")
	other := profileOf("Petrenko defends heavyweight belts against Mendes\n"+
		"Joe Mendes lasted until the 5th round against champion Ivan Petrenko, who kept his heavyweight title belts in Riga.\n"+
		"Mendes had not lost in six years.", "Ivan Petrenko", "Joe Mendes", "Petrenko", "Mendes")
	if s := first.similarity(same); s < DefaultThreshold {
		t.Errorf("similarity(two reports of one fight) = %.2f, want >= %.2f", s, DefaultThreshold)
	}
	if a := first.alike(other); a < DefaultThreshold {
		t.Fatalf("alike(reports of two fights) = %.2f, want >= %.2f for the test to mean something", a, DefaultThreshold)
	}
	if s := first.similarity(other); s >= DefaultThreshold {
		t.Errorf("similarity(reports of two fights) = %.2f, want < %.2f", s, DefaultThreshold)
	}
}

func BenchmarkConflict(b *testing.B) {
	k := loadTestKnowledge(b)
	a := factArticle("Ivan Petrenko stopped Tom Harlow in the 6th round of their 3rd fight, said Ana Ruiz.", "Ivan Petrenko", "Tom Harlow", "Ana Ruiz")
	o := factArticle("Ivan Petrenko stopped Joe Mendes in the 5th round of their 2nd fight, said Ana Ruiz.", "Ivan Petrenko", "Joe Mendes", "Ana Ruiz")
	pa, po := k.newProfile(a), k.newProfile(o)
	for b.Loop() {
		conflict(pa.segs[0].facts, po.segs[0].facts)
	}
}
