package kb

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameKind says what a surface name in the knowledge base stands for.
type NameKind string

// Kinds of names.
const (
	NameCountry     NameKind = "country"     // "France", "the Russian Federation"
	NameDemonym     NameKind = "demonym"     // "French", "Syrian"
	NameMetonym     NameKind = "metonym"     // "the Kremlin", "Downing Street"
	NameCapital     NameKind = "capital"     // a capital city
	NameSubdivision NameKind = "subdivision" // an ISO 3166-2 subdivision
	NamePlace       NameKind = "place"       // a populated place of the gazetteer
	NamePerson      NameKind = "person"
	NameOrg         NameKind = "org"
	NameTitle       NameKind = "title" // a role word or title: "President", "Foreign Minister", "Gen."
)

// Name is one surface form the recognisers look for, with the key of what
// it names: a country code, a place id, a person or organisation id.
type Name struct {
	Text string
	Kind NameKind
	Key  string
}

// Names calls fn for every surface name in the knowledge base.
func (k *KB) Names(fn func(Name)) {
	k.geo.names(fn)
	k.actors.names(fn)
}

// Fold normalises a name for matching: lower case, diacritics removed,
// apostrophes and dashes unified, punctuation other than inner dots
// dropped and whitespace collapsed. "Erdoğan" and "erdogan" fold alike,
// as do "Côte d’Ivoire" and "Cote d'Ivoire".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\u2019' || r == '\u2018' || r == '`' || r == '\u02bc' || r == '\'':
			b.WriteByte('\'')
			space = false
			continue
		case r == 'ı':
			r = 'i'
		case r == 'ø' || r == 'Ø':
			r = 'o'
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == 'ß':
			b.WriteString("ss")
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '&' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}
