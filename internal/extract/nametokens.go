package extract

import (
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
)

// nameScan holds the keys of the tokens of one text. It is reused across the
// sentences of an article and is not safe for concurrent use.
type nameScan struct {
	text   string
	keys   []byte
	frozen string // a copy of keys, see freeze
	tmp    []byte
	m      *nameMatcher

	// Buffers reused by find: its hits, their entries, and the
	// bookkeeping of longestFirst.
	hits     []nameHit
	ents     []int32
	variants []int32
	order    []int
	taken    []bool
}

func (sc *nameScan) reset(text string) {
	sc.text = text
	sc.keys = sc.keys[:0]
	sc.frozen = ""
}

// foldOf returns the token's fold; after freeze it does not allocate.
func (sc *nameScan) foldOf(t nameToken) string {
	if int(t.fold[1]) <= len(sc.frozen) {
		return sc.frozen[t.fold[0]:t.fold[1]]
	}
	return string(sc.keys[t.fold[0]:t.fold[1]])
}

// freeze keeps a string copy of the keys so far, once the text is cut
// into tokens, so that the rules can read folds without allocating.
func (sc *nameScan) freeze() { sc.frozen = string(sc.keys) }

// word returns the token's text as written.
func (sc *nameScan) word(t nameToken) string { return sc.text[t.start:t.end] }

// tokens cuts text[start:end] into tokens. Words are runs of letters,
// digits and combining marks; a run of single letters joined by dots is
// one word ("U.S.", "U.N."); apostrophes and hyphens end a word.
func (sc *nameScan) tokens(text string, start, end int) []nameToken {
	return sc.appendTokens(make([]nameToken, 0, (end-start)/5+1), text, start, end)
}

// appendTokens appends the tokens of text[start:end] to toks.
func (sc *nameScan) appendTokens(toks []nameToken, text string, start, end int) []nameToken {
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isNameByte(c) {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isNameRune(r) {
				i += size
				continue
			}
		}
		j := nameWordEnd(text, i, end)
		if j == i {
			i++
			continue
		}
		j = acronymEnd(text, i, j, end)
		t := nameToken{start: i, end: j}
		sc.addKeys(&t, text[i:j])
		toks = append(toks, t)
		i = j
	}
	return toks
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// nameWordEnd returns the end of the word that starts at i.
func nameWordEnd(text string, i, end int) int {
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isNameByte(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isNameRune(r) {
			return i
		}
		i += size
	}
	return i
}

// acronymEnd extends a one-letter word over following ".X" pairs and a
// final dot: "U.S." and "U.S.A." are single words.
func acronymEnd(text string, start, j, end int) int {
	if j-start != 1 || j+2 > end || text[j] != '.' || !isLatinLetter(text[j+1]) {
		return j
	}
	k := j
	for k+2 <= end && text[k] == '.' && isLatinLetter(text[k+1]) && (k+2 == end || !isNameByte(text[k+2])) {
		k += 2
	}
	if k < end && text[k] == '.' {
		k++
	}
	return k
}

func isLatinLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// addKeys computes the token's shape and keys and appends the keys to the
// buffer; the skeleton is looked up in the matcher's vocabulary when the
// scan has a matcher.
func (sc *nameScan) addKeys(t *nameToken, w string) {
	t.shape = shapeOf(w)
	f0 := len(sc.keys)
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'A' && c <= 'Z':
				sc.keys = append(sc.keys, c+'a'-'A')
			case c == '.':
			default:
				sc.keys = append(sc.keys, c)
			}
		}
	} else {
		for _, r := range kb.Fold(w) {
			if r != '.' && r != '\'' && r != ' ' {
				sc.keys = utf8.AppendRune(sc.keys, r)
			}
		}
	}
	t.fold = [2]int32{int32(f0), int32(len(sc.keys))}
	s0 := len(sc.keys)
	if sc.m != nil {
		low := t.shape == shapeLower
		if !low || sc.m.mayBeLow(sc.keys[f0:s0]) {
			t.word = sc.m.words[string(sc.keys[f0:s0])]
		}
		if low && (s0-f0 > 5 || !sc.m.mayBeLow(sc.keys[f0:s0]) || !sc.m.inner[string(sc.keys[f0:s0])]) {
			// A lower-case word can only be a role word or a particle
			// inside a name: skip its other keys.
			t.soft = [2]int32{int32(s0), int32(s0)}
			return
		}
	}
	sc.keys = kb.AppendSoft(sc.keys, sc.keys[f0:s0])
	t.soft = [2]int32{int32(s0), int32(len(sc.keys))}
	if sc.m != nil {
		t.sid = sc.m.softs[string(sc.keys[s0:])]
		sc.tmp = appendSkeleton(sc.tmp[:0], sc.keys[s0:])
		t.id = sc.m.vocab[string(sc.tmp)]
	}
}

// shapeOf classifies how a word is written.
func shapeOf(w string) tokenShape {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return shapeOther
	}
	if !unicode.IsUpper(r) {
		if unicode.IsLower(r) {
			return shapeLower
		}
		return shapeOther
	}
	letters, upper := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters || letters == 1 && len(w) > 1 {
		return shapeUpper
	}
	return shapeTitle
}

// appendSkeleton appends the soft key without the vowels after its first letter.
func appendSkeleton(dst []byte, soft []byte) []byte {
	for i := 0; i < len(soft); i++ {
		if i > 0 && isSoftVowel(soft[i]) {
			continue
		}
		dst = append(dst, soft[i])
	}
	if len(dst) == 0 {
		dst = append(dst, soft...)
	}
	return dst
}
