package extract

import (
	"testing"

	"chronicle/internal/news"
)

// TestMentionRules checks that the embedded mentions.rules parses without
// error and fills every list.
func TestMentionRules(t *testing.T) {
	l, err := parseMentionRules(mentionRules)
	if err != nil {
		t.Fatalf("parseMentionRules(mentions.rules) error: %v", err)
	}
	var seen mentionClass
	for _, e := range l.words {
		seen |= e.class
	}
	for c := classStop; c <= classSector; c <<= 1 {
		if seen&c == 0 {
			t.Errorf("mentions.rules: list %#x is empty", c)
		}
	}
}

func TestMentionLexicon(t *testing.T) {
	l := mentionLex()
	tests := []struct {
		name       string
		word       string
		class      mentionClass
		want       bool
		wantSector news.Sector
	}{
		{name: "stop word", word: "however", class: classStop, want: true},
		{name: "name is no stop word", word: "jones", class: classStop},
		{name: "month", word: "sept", class: classCalendar, want: true},
		{name: "speech verb", word: "told", class: classSaid, want: true},
		{name: "place preposition", word: "near", class: classPlacePrep, want: true},
		{name: "place noun", word: "governorate", class: classPlace, want: true},
		{name: "geography", word: "peninsula", class: classGeo, want: true},
		{name: "organisation head", word: "foundation", class: classOrgHead, want: true},
		{name: "group word", word: "faction", class: classGroup, want: true},
		{name: "vague institution", word: "media", class: classVague, want: true},
		{name: "role modifier", word: "outgoing", class: classModifier, want: true},
		{name: "role noun", word: "historian", class: classRole, want: true},
		{name: "in two lists", word: "valley", class: classGeo | classPlace, want: true},
		{name: "government word", word: "ministry", class: classSector, want: true, wantSector: news.SectorGovernment},
		{name: "business group", word: "group", class: classSector, want: true, wantSector: news.SectorBusiness},
		{name: "media word", word: "gazette", class: classSector, want: true, wantSector: news.SectorMedia},
		{name: "folded form only", word: "Ministry", class: classSector},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.is(tt.word, tt.class); got != tt.want {
				t.Errorf("is(%q, %#x) = %v, want %v", tt.word, tt.class, got, tt.want)
			}
			if got := l.sector(tt.word); got != tt.wantSector {
				t.Errorf("sector(%q) = %q, want %q", tt.word, got, tt.wantSector)
			}
		})
	}
}

func TestParseMentionRules(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantErr   bool
		word      string // a word the well-formed lines must still give
		wantClass mentionClass
	}{
		{name: "comments and blank lines", src: "# c\n\nstop the a\n", word: "the", wantClass: classStop},
		{name: "sector", src: "sector GOV ministry\n", word: "ministry", wantClass: classSector},
		{name: "word in two lists", src: "geo valley\nplace valley\n", word: "valley", wantClass: classGeo | classPlace},
		{name: "unknown kind", src: "stops the\nstop a\n", wantErr: true, word: "a", wantClass: classStop},
		{name: "no words", src: "role\nrole fellow\n", wantErr: true, word: "fellow", wantClass: classRole},
		{name: "sector without code", src: "sector ministry\nsaid told\n", wantErr: true, word: "told", wantClass: classSaid},
		{name: "sector without words", src: "sector GOV\n", wantErr: true},
		{name: "upper-case word", src: "stop The a\n", wantErr: true, word: "a", wantClass: classStop},
		{name: "two sectors", src: "sector GOV bank\nsector BUS bank\n", wantErr: true, word: "bank", wantClass: classSector},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseMentionRules(tt.src)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseMentionRules(%q) error = %v, want error %v", tt.src, err, tt.wantErr)
			}
			if tt.word == "" {
				return
			}
			if got := l.words[tt.word].class; got != tt.wantClass {
				t.Errorf("parseMentionRules(%q): class of %q = %#x, want %#x", tt.src, tt.word, got, tt.wantClass)
			}
		})
	}
}
