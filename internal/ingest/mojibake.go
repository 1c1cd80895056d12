package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mojibake is UTF-8 text that some program on its way decoded as
// Windows-1252 (or Latin-1) and encoded again as UTF-8: "’" arrives as
// "â€™", "é" as "Ã©", "£" as "Â£". News dumps scraped from old sites are
// full of it, and every stage after reading would see "â€œwe demand"
// instead of a quotation mark. No Go module repairs it; the repair here is
// the core of the well-known method: a run of characters that, mapped back
// to their Windows-1252 bytes, forms exactly one valid multi-byte UTF-8
// sequence is replaced by the character it encodes. A lead character
// (U+00C2 to U+00F4, the bytes that start a sequence) must be followed by
// exactly the continuation characters its sequence needs, so ordinary
// accented text ("São Paulo", "café", "Ärzte") never changes.
//
// Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90,
// 0x9D); decoders turn them into the C1 control of the same number, which
// is mapped back, or into U+FFFD, which loses the byte. Of those, only
// "â€" followed by U+FFFD is common: it is the closing double quotation
// mark (E2 80 9D), and it is restored as such.

// maxMojibakePasses bounds how many layers of mojibake are undone: text
// mis-decoded twice reads "Ã¢â‚¬â„¢" for "’".
const maxMojibakePasses = 2

// repairMojibake returns s with mojibake repaired (see above), or s itself
// when it holds none. s must be valid UTF-8.
func repairMojibake(s string) string {
	repaired := false
	for range maxMojibakePasses {
		r, changed := repairMojibakeOnce(s)
		if !changed {
			break
		}
		s, repaired = r, true
	}
	if repaired {
		// A no-break space (C2 A0) arrives as "Â" and a no-break space,
		// which later tools often turn into a plain one. In text with
		// mojibake elsewhere, "Â " is that space.
		s = strings.ReplaceAll(s, "\u00c2 ", "\u00a0")
	}
	return s
}

// repairMojibakeOnce undoes one layer of mojibake.
func repairMojibakeOnce(s string) (string, bool) {
	// Every lead character U+00C2..U+00F4 is encoded as 0xC3 0x82..0xB4.
	if strings.IndexByte(s, 0xC3) < 0 {
		return s, false
	}
	var b strings.Builder
	written, changed := 0, false
	var seq [4]byte
	for i := 0; i < len(s); {
		lead, size := utf8.DecodeRuneInString(s[i:])
		n := sequenceLen(lead)
		if n == 0 {
			i += size
			continue
		}
		seq[0] = byte(lead)
		j, k := i+size, 1
		for ; k < n && j < len(s); k++ {
			r, rs := utf8.DecodeRuneInString(s[j:])
			c, ok := continuationByte(r)
			if !ok && r == utf8.RuneError && rs == 3 && k == 2 && seq[0] == 0xE2 && seq[1] == 0x80 {
				c, ok = 0x9D, true // "â€" + U+FFFD: the closing double quotation mark
			}
			if !ok {
				break
			}
			seq[k] = c
			j += rs
		}
		if k < n {
			i += size
			continue
		}
		r, rs := utf8.DecodeRune(seq[:n])
		if r == utf8.RuneError || rs != n || r < 0xA0 {
			i += size
			continue
		}
		if !changed {
			b.Grow(len(s))
			changed = true
		}
		b.WriteString(s[written:i])
		b.WriteRune(r)
		i, written = j, j
	}
	if !changed {
		return s, false
	}
	b.WriteString(s[written:])
	return b.String(), true
}

// sequenceLen returns the length of the UTF-8 sequence that the byte of a
// lead character starts, or 0 when r is no lead character.
func sequenceLen(r rune) int {
	switch {
	case r >= 0xC2 && r <= 0xDF:
		return 2
	case r >= 0xE0 && r <= 0xEF:
		return 3
	case r >= 0xF0 && r <= 0xF4:
		return 4
	}
	return 0
}

// continuationByte returns the byte 0x80..0xBF whose Windows-1252 or
// Latin-1 decoding is r.
func continuationByte(r rune) (byte, bool) {
	switch {
	case r >= 0x80 && r <= 0xBF: // Latin-1, and the C1 controls of undefined bytes
		return byte(r), true
	case r < 0x100:
		return 0, false
	}
	c, ok := charmap.Windows1252.EncodeRune(r)
	return c, ok && c >= 0x80 && c <= 0x9F
}
