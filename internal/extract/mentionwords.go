package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"chronicle/internal/news"
)

// The closed word lists of the mention recogniser (function words,
// organisation, place and role words) live in mentions.rules, whose
// format its header describes.
//
//go:embed mentions.rules
var mentionRules string

// mentionClass is a set of the word lists of mentions.rules.
type mentionClass uint16

// The word lists of mentions.rules.
const (
	classStop      mentionClass = 1 << iota // never starts a name
	classCalendar                           // month or weekday
	classSaid                               // speech verb
	classPlacePrep                          // preposition before a place
	classPlace                              // place noun
	classGeo                                // word of geography
	classOrgHead                            // ends an organisation's name
	classGroup                              // refers back to an organisation after "the"
	classVague                              // institution too common alone
	classModifier                           // adjective before a title
	classRole                               // role noun in an apposition
	classSector                             // organisation word with a sector
	classStation                            // broadcaster before a channel number
)

// mentionClassOf returns the list a kind of mentions.rules names, or 0.
func mentionClassOf(kind string) mentionClass {
	switch kind {
	case "stop":
		return classStop
	case "calendar":
		return classCalendar
	case "said":
		return classSaid
	case "placeprep":
		return classPlacePrep
	case "place":
		return classPlace
	case "geo":
		return classGeo
	case "orghead":
		return classOrgHead
	case "group":
		return classGroup
	case "vague":
		return classVague
	case "modifier":
		return classModifier
	case "role":
		return classRole
	case "station":
		return classStation
	}
	return 0
}

// mentionWord is what mentions.rules says of one word.
type mentionWord struct {
	class  mentionClass
	sector news.Sector // set with classSector
}

// mentionLexicon holds the parsed mentions.rules: one lookup tells every
// list a word is in.
type mentionLexicon struct {
	words map[string]mentionWord
}

// is reports whether w is in any of the lists of c.
func (l *mentionLexicon) is(w string, c mentionClass) bool {
	return l.words[w].class&c != 0
}

// sector returns the sector that the organisation word w suggests, or "".
func (l *mentionLexicon) sector(w string) news.Sector {
	return l.words[w].sector
}

// parseMentionRules parses the format of mentions.rules. It keeps every
// well-formed line and reports the first malformed one, so that a bad line
// costs only its own words.
func parseMentionRules(src string) (*mentionLexicon, error) {
	l := &mentionLexicon{words: map[string]mentionWord{}}
	var first error
	fail := func(n int, format string, args ...any) {
		if first == nil {
			first = fmt.Errorf("mention rules line %d: %s", n, fmt.Sprintf(format, args...))
		}
	}
	for n, line := range strings.Split(src, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		var c mentionClass
		var sec news.Sector
		words := f[1:]
		if f[0] == "sector" {
			if len(f) < 2 || len(f[1]) != 3 || strings.ToUpper(f[1]) != f[1] {
				fail(n+1, "sector needs an upper-case code")
				continue
			}
			c, sec, words = classSector, news.Sector(f[1]), f[2:]
		} else if c = mentionClassOf(f[0]); c == 0 {
			fail(n+1, "unknown kind %q", f[0])
			continue
		}
		if len(words) == 0 {
			fail(n+1, "no words")
			continue
		}
		for _, w := range words {
			if w != strings.ToLower(w) {
				fail(n+1, "word %q is not lower case", w)
				continue
			}
			e := l.words[w]
			if sec != "" {
				if e.sector != "" && e.sector != sec {
					fail(n+1, "word %q in sectors %s and %s", w, e.sector, sec)
					continue
				}
				e.sector = sec
			}
			e.class |= c
			l.words[w] = e
		}
	}
	return l, first
}

// mentionLex returns the parsed mentions.rules, parsed once on first use.
// TestMentionRules rejects a malformed embedded file, so the error is nil
// here; were it not, the well-formed lines would still be in use.
var mentionLex = sync.OnceValue(func() *mentionLexicon {
	l, _ := parseMentionRules(mentionRules) // see above: only a malformed file errs, and a test rejects it
	return l
})

// isNameStopWord reports closed-class words that start sentences and
// never start a name.
func isNameStopWord(w string) bool { return mentionLex().is(w, classStop) }

// isCalendarName reports month and weekday names, which are capitalised
// but never places or people.
func isCalendarName(w string) bool { return mentionLex().is(w, classCalendar) }
