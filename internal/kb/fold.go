package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold normalises a name for matching: lower case, diacritics removed,
// apostrophes and dashes unified, punctuation other than dots and
// ampersands dropped and whitespace collapsed. "Erdoğan" and "erdogan" fold
// alike, as do "Côte d’Ivoire" and "Cote d'Ivoire", "Guinea-Bissau" and
// "Guinea Bissau". Letters that do not decompose are spelt out the way
// English transliterates them: "ß" as "ss", "æ" as "ae", "ø" as "o".
// Folding is idempotent.
func Fold(s string) string {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return foldUnicode(s)
		}
	}
	return foldASCII(s)
}

// foldsEmpty reports whether Fold(s) is "", without building it when s
// is ASCII.
func foldsEmpty(s string) bool {
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return Fold(s) == ""
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '&', c == '\'', c == '`':
			return false
		}
	}
	return true
}

// foldASCII is Fold for pure ASCII input, which most names are; it skips
// the decomposition and allocates only the result.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := range len(s) {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&':
		case c == '\'' || c == '`':
			c = '\''
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

func foldUnicode(s string) string {
	// Decompose into a stack buffer: names are short, so this rarely
	// allocates.
	var arr [256]byte
	d := norm.NFD.AppendString(arr[:0], s)
	var b strings.Builder
	b.Grow(len(d))
	space := false
	write := func(t string) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(t)
	}
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		d = d[n:]
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case '\u2019', '\u2018', '`', '\u02bc', '\u02bb', '\u2032', '\'':
			write("'")
			continue
		case 'ı':
			r = 'i'
		case 'ø':
			r = 'o'
		case 'ł':
			r = 'l'
		case 'đ', 'ð':
			r = 'd'
		case 'ħ':
			r = 'h'
		case 'ß':
			write("ss")
			continue
		case 'æ':
			write("ae")
			continue
		case 'œ':
			write("oe")
			continue
		case 'þ':
			write("th")
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '&' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// foldKey returns a 64-bit FNV-1a hash of Fold(s), computed without
// building the folded string when s is ASCII. The gazetteer indexes its
// hundreds of thousands of names by these hashes: with 64 bits a collision
// among them has a probability of the order of 10⁻⁸, and would only add a
// candidate that ranking then weighs like any other.
func foldKey(s string) uint64 {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return hashKey(foldUnicode(s))
		}
	}
	h := uint64(fnvOffset)
	space, empty := false, true
	for i := range len(s) {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&':
		case c == '\'' || c == '`':
			c = '\''
		default:
			space = true
			continue
		}
		if space && !empty {
			h = (h ^ ' ') * fnvPrime
		}
		space, empty = false, false
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashKey is the FNV-1a hash of an already folded key.
func hashKey(key string) uint64 {
	h := uint64(fnvOffset)
	for i := range len(key) {
		h = (h ^ uint64(key[i])) * fnvPrime
	}
	return h
}

// AppendSoft appends the soft key of a folded word (see Fold) to dst: the
// spelling with the differences of transliteration evened out (q/k,
// ph/f, x/ks, c/k/s, w/v, y/i, e/a, o/u, h after a consonant, doubled
// letters, a leading g), so that Gaddafi, Qaddafi and Kadhafi share one
// key. The fold may alias dst's spare capacity only before the append
// point.
func AppendSoft(dst, fold []byte) []byte {
	n := len(fold)
	start := len(dst)
	for i := 0; i < n; i++ {
		c := fold[i]
		var next byte
		if i+1 < n {
			next = fold[i+1]
		}
		switch c {
		case 'x':
			dst = appendSoftByte(dst, start, 'k')
			c = 's'
		case 'q':
			c = 'k'
		case 'c':
			switch next {
			case 'e', 'i', 'y':
				c = 's'
			case 'k':
				continue
			default:
				c = 'k'
			}
		case 'p':
			if next == 'h' {
				c = 'f'
				i++
			}
		case 'w':
			c = 'v'
		case 'y':
			c = 'i'
		case 'e':
			c = 'a'
		case 'o':
			c = 'u'
		case 'g':
			if i == 0 {
				c = 'k'
			}
		case 'h':
			if len(dst) > start {
				if last := dst[len(dst)-1]; last != 's' && !isFoldVowel(last) && last >= 'a' && last <= 'z' {
					continue
				}
			}
		}
		dst = appendSoftByte(dst, start, c)
	}
	return dst
}

// appendSoftByte appends c unless it doubles the last letter of the key
// that starts at start.
func appendSoftByte(dst []byte, start int, c byte) []byte {
	if len(dst) > start && dst[len(dst)-1] == c {
		return dst
	}
	return append(dst, c)
}

// isFoldVowel reports whether c is a vowel of a folded word.
func isFoldVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
