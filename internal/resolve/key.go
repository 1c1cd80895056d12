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
	var soft []byte
	for i, w := range words {
		if i > 0 && i < len(words)-1 && (w == "al" || w == "el") {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		soft = kb.AppendSoft(soft[:0], []byte(w))
		b.Write(soft)
	}
	return b.String()
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
