package resolve

import (
	"strings"

	"chronicle/internal/kb"
)

// VariantKey returns the spelling-independent key of a personal name:
// folded, with the differences of transliteration evened out (q/k, ph/f,
// x/ks, w/v, y/i, e/a, o/u, h after a consonant, doubled letters, a
// leading g) and inner "al"/"el" articles dropped, its words joined by
// hyphens. "Muammar Gaddafi", "Moammar Qaddafi" and "Muammar al-Kadhafi"
// share the key "muamar-kadafi"; "Juan Pérez" has "juan-paraz".
func VariantKey(name string) string {
	words := strings.Fields(strings.NewReplacer(".", " ", "'", "").Replace(kb.Fold(name)))
	var b strings.Builder
	for i, w := range words {
		if i > 0 && i < len(words)-1 && (w == "al" || w == "el") {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		writeSoft(&b, w)
	}
	return b.String()
}

// writeSoft writes the soft spelling of one folded word.
func writeSoft(b *strings.Builder, w string) {
	var last byte
	wrote := false
	emit := func(c byte) {
		if wrote && c == last {
			return
		}
		b.WriteByte(c)
		last, wrote = c, true
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch c {
		case 'x':
			emit('k')
			emit('s')
			continue
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
				emit('f')
				i++
				continue
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
			if wrote && last != 's' && !isVowel(last) && last >= 'a' && last <= 'z' {
				continue
			}
		}
		emit(c)
	}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// slug returns a lowercase ASCII id part for a name: folded words joined
// by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range kb.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'':
		default:
			dash = true
		}
	}
	return b.String()
}
