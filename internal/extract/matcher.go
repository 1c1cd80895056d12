package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
)

// The matcher finds knowledge-base names in text in one pass. Text and
// names are cut into tokens the same way and every token gets three keys:
//
//   - fold: kb.Fold without dots and apostrophes ("Erdoğan" -> "erdogan");
//   - soft: fold with the spelling differences of transliteration evened
//     out (q/k, ph/f, x/ks, w/v, y/i, e/a, o/u, h after a consonant,
//     doubled letters, a leading g/k): "Qaddafi", "Gadhafi" and "Kadhafi"
//     all become "kadafi", "Mohammed" and "Muhammad" "muhamad";
//   - skeleton: soft without its vowels after the first letter, the key
//     of the token trie ("kdf", "mhmd").
//
// A walk of the trie over skeletons finds candidates cheaply; a candidate
// is kept when every token's fold is equal (an exact match), or, for
// capitalised names, when every soft key is equal or differs only by
// vowels (a variant match: "Aleksandr" for "Alexander"). Exact matches
// hide variant ones on the same span.

// caseRule says how a name's tokens must be written in the text.
type caseRule uint8

const (
	caseAny     caseRule = iota // role words, institutions: any case
	caseCapital                 // names: content tokens start upper case
	caseUpper                   // acronyms: letters all upper case
)

// shape is how a text token is written.
type shape uint8

const (
	shapeLower shape = iota // "minister", "al"
	shapeTitle              // "Putin"
	shapeUpper              // "NATO", "US", "U.S."
	shapeOther              // digits, other scripts without case
)

// token is one word of text: its byte span and its keys, which index the
// scan's key buffer.
type token struct {
	start, end int
	fold, soft [2]int32 // offsets into the key buffer
	id         uint32   // skeleton id in the matcher's vocabulary, 0 when absent
	shape      shape
	hyphen     bool // joined to the previous token by a hyphen: "al-Assad"
}

// entry is one surface name the matcher looks for.
type entry struct {
	name kb.Name
	fold []string // per token
	soft []string
	rule caseRule
}

// matcher is a token trie over skeleton keys. It is immutable after
// newMatcher and safe for concurrent use.
type matcher struct {
	vocab   map[string]uint32 // skeleton -> token id (from 1)
	next    map[uint64]uint32 // node<<32 | token id -> child node
	final   [][]int32         // node -> entries ending there
	entries []entry
}

// hit is a run of tokens that spells one or more names.
type hit struct {
	first, last int     // token indexes, inclusive
	entries     []int32 // indexes into matcher.entries
	exact       bool    // every token's fold equals the name's
}

// newMatcher indexes names. Leading "the" is dropped; an inner "al"/"el"
// article is made optional ("Bashar al-Assad" also matches "Bashar
// Assad").
func newMatcher(names []kb.Name) *matcher {
	m := &matcher{
		vocab: make(map[string]uint32),
		next:  make(map[uint64]uint32),
		final: [][]int32{nil},
	}
	seen := make(map[string]bool)
	var sc scan
	for _, n := range names {
		sc.reset(n.Text)
		toks := sc.tokens(n.Text, 0, len(n.Text))
		if len(toks) > 0 && sc.foldOf(toks[0]) == "the" {
			toks = toks[1:]
		}
		if len(toks) == 0 {
			continue
		}
		for _, variant := range articleVariants(&sc, toks) {
			e := entry{name: n, rule: ruleFor(n, n.Text, &sc, variant)}
			for _, t := range variant {
				e.fold = append(e.fold, sc.foldOf(t))
				e.soft = append(e.soft, sc.softOf(t))
			}
			key := string(n.Kind) + "\x00" + n.Key + "\x00" + strings.Join(e.fold, " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			m.add(e)
		}
	}
	return m
}

// articleVariants returns toks, and toks without inner "al"/"el" tokens
// when it has any.
func articleVariants(sc *scan, toks []token) [][]token {
	var without []token
	dropped := false
	for i, t := range toks {
		if i > 0 && i < len(toks)-1 && isArabicArticle(sc.foldOf(t)) {
			dropped = true
			continue
		}
		without = append(without, t)
	}
	if !dropped {
		return [][]token{toks}
	}
	return [][]token{toks, without}
}

func isArabicArticle(fold string) bool { return fold == "al" || fold == "el" }

// ruleFor decides how a name must be written: role words and institution
// words in any case, acronyms in capitals, other names capitalised.
func ruleFor(n kb.Name, text string, sc *scan, toks []token) caseRule {
	if n.Kind == kb.NameTitle {
		return caseAny
	}
	letters, upper := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && letters == upper && len(toks) <= 2 && letters <= 6 {
		return caseUpper
	}
	return caseCapital
}

func (m *matcher) add(e entry) {
	node := uint32(0)
	var skel []byte
	for _, s := range e.soft {
		skel = skeleton(skel[:0], s)
		id, ok := m.vocab[string(skel)]
		if !ok {
			id = uint32(len(m.vocab) + 1)
			m.vocab[string(skel)] = id
		}
		k := uint64(node)<<32 | uint64(id)
		child, ok := m.next[k]
		if !ok {
			child = uint32(len(m.final))
			m.final = append(m.final, nil)
			m.next[k] = child
		}
		node = child
	}
	m.entries = append(m.entries, e)
	m.final[node] = append(m.final[node], int32(len(m.entries)-1))
}

// find returns the names spelled by toks, longest first and then leftmost,
// without overlaps.
func (m *matcher) find(sc *scan, toks []token) []hit {
	var all []hit
	for i := range toks {
		if toks[i].id == 0 {
			continue
		}
		node := uint32(0)
		var best hit
		found := false
		for j := i; j < len(toks) && toks[j].id != 0; j++ {
			child, ok := m.next[uint64(node)<<32|uint64(toks[j].id)]
			if !ok {
				break
			}
			node = child
			if len(m.final[node]) == 0 {
				continue
			}
			if h, ok := m.verify(sc, toks, i, j, m.final[node]); ok {
				best, found = h, true
			}
		}
		if found {
			all = append(all, best)
		}
	}
	return longestFirst(all)
}

// longestFirst keeps the longest hits (leftmost among equals) that do
// not overlap, in text order.
func longestFirst(all []hit) []hit {
	if len(all) < 2 {
		return all
	}
	taken := make([]bool, len(all))
	for {
		best := -1
		for i, h := range all {
			if taken[i] || h.first < 0 {
				continue
			}
			if best < 0 || h.last-h.first > all[best].last-all[best].first {
				best = i
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
		for i := range all {
			if !taken[i] && all[i].first >= 0 && all[i].first <= all[best].last && all[i].last >= all[best].first {
				all[i].first = -1
			}
		}
	}
	out := all[:0]
	for i, h := range all {
		if taken[i] {
			out = append(out, h)
		}
	}
	return out
}

// verify checks the entries that end at token j against toks[i..j].
func (m *matcher) verify(sc *scan, toks []token, i, j int, cands []int32) (hit, bool) {
	h := hit{first: i, last: j}
	var variants []int32
	for _, c := range cands {
		e := &m.entries[c]
		if !caseFits(e, toks[i:j+1], sc) {
			continue
		}
		exact, ok := true, true
		for k := range e.fold {
			t := toks[i+k]
			if sc.foldOf(t) == e.fold[k] {
				continue
			}
			exact = false
			if e.rule != caseCapital || !softClose(sc.softOf(t), e.soft[k]) {
				ok = false
				break
			}
		}
		switch {
		case !ok:
		case exact:
			h.entries = append(h.entries, c)
		default:
			variants = append(variants, c)
		}
	}
	if len(h.entries) > 0 {
		h.exact = true
		return h, true
	}
	if len(variants) > 0 {
		h.entries = variants
		return h, true
	}
	return h, false
}

// caseFits applies the entry's case rule to the text tokens. Inner
// particles ("of", "al", "bin", "de") may be lower case in any name.
func caseFits(e *entry, toks []token, sc *scan) bool {
	switch e.rule {
	case caseUpper:
		for _, t := range toks {
			if t.shape != shapeUpper && t.shape != shapeOther {
				return false
			}
		}
	case caseCapital:
		for k, t := range toks {
			if t.shape != shapeLower {
				continue
			}
			if k == 0 || !isParticle(e.fold[k]) {
				return false
			}
		}
	}
	return true
}

// isParticle reports whether a folded word may stay lower case inside a
// proper name.
func isParticle(w string) bool {
	switch w {
	case "al", "el", "ul", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des",
		"la", "le", "van", "von", "der", "den", "ter", "y", "e", "of", "the", "and", "for", "on", "in", "s", "d",
		"en", "et", "und", "zu", "bu", "abu", "ben", "wa", "ad", "ar", "as", "an", "at", "az", "ash":
		return true
	}
	return false
}

// softClose reports whether two soft keys differ only by a few vowels:
// transliterations disagree on vowels far more than on consonants.
func softClose(a, b string) bool {
	if a == b {
		return len(a) >= 4
	}
	short := min(len(a), len(b))
	if short < 6 {
		return false
	}
	budget := 1 // in half points: one vowel change
	if short >= 8 {
		budget = 2
	}
	return vowelDistance(a, b, budget) <= budget
}

// vowelDistance is an edit distance in half points in which a vowel
// change costs 1 and a consonant change 2; it stops counting past limit.
func vowelDistance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + editCost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + editCost(a[i-1])
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				if isVowel(a[i-1]) && isVowel(b[j-1]) {
					sub++
				} else {
					sub += 2
				}
			}
			cur[j] = min(sub, prev[j]+editCost(a[i-1]), cur[j-1]+editCost(b[j-1]))
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func editCost(c byte) int {
	if isVowel(c) {
		return 1
	}
	return 2
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// scan holds the keys of the tokens of one text. It is reused across the
// sentences of an article and is not safe for concurrent use.
type scan struct {
	text string
	keys []byte
	tmp  []byte
	m    *matcher
}

func (sc *scan) reset(text string) {
	sc.text = text
	sc.keys = sc.keys[:0]
}

func (sc *scan) foldOf(t token) string { return string(sc.keys[t.fold[0]:t.fold[1]]) }
func (sc *scan) softOf(t token) string { return string(sc.keys[t.soft[0]:t.soft[1]]) }

// word returns the token's text as written.
func (sc *scan) word(t token) string { return sc.text[t.start:t.end] }

// tokens cuts text[start:end] into tokens. Words are runs of letters,
// digits and combining marks; a run of single letters joined by dots is
// one word ("U.S.", "U.N."); apostrophes and hyphens end a word.
func (sc *scan) tokens(text string, start, end int) []token {
	var toks []token
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWordByte(c) {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		j := wordEnd(text, i, end)
		if j == i {
			i++
			continue
		}
		j = acronymEnd(text, i, j, end)
		t := token{start: i, end: j}
		t.hyphen = i > 0 && (text[i-1] == '-' || hasDashBefore(text, i))
		sc.addKeys(&t, text[i:j])
		toks = append(toks, t)
		i = j
	}
	return toks
}

func hasDashBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r == '‐' || r == '‑'
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(text string, i, end int) int {
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWordByte(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	return i
}

// acronymEnd extends a one-letter word over following ".X" pairs and a
// final dot: "U.S." and "U.S.A." are single words.
func acronymEnd(text string, start, j, end int) int {
	if j-start != 1 || j+2 > end || text[j] != '.' || !isASCIILetter(text[j+1]) {
		return j
	}
	k := j
	for k+2 <= end && text[k] == '.' && isASCIILetter(text[k+1]) && (k+2 == end || !isASCIIWordByte(text[k+2])) {
		k += 2
	}
	if k < end && text[k] == '.' {
		k++
	}
	return k
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// addKeys computes the token's shape and keys and appends the keys to the
// buffer; the skeleton is looked up in the matcher's vocabulary when the
// scan has a matcher.
func (sc *scan) addKeys(t *token, w string) {
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
	sc.keys = appendSoft(sc.keys, sc.keys[f0:s0])
	t.soft = [2]int32{int32(s0), int32(len(sc.keys))}
	if sc.m != nil {
		sc.tmp = skeleton(sc.tmp[:0], string(sc.keys[s0:]))
		t.id = sc.m.vocab[string(sc.tmp)]
	}
}

// shapeOf classifies how a word is written.
func shapeOf(w string) shape {
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

// appendSoft appends the soft key of a folded word to dst. The fold may
// alias dst's spare capacity only before the append point, which is how
// addKeys calls it.
func appendSoft(dst, fold []byte) []byte {
	n := len(fold)
	start := len(dst)
	last := byte(0)
	emit := func(c byte) {
		if c == last && len(dst) > start {
			return
		}
		dst = append(dst, c)
		last = c
	}
	for i := 0; i < n; i++ {
		c := fold[i]
		var next byte
		if i+1 < n {
			next = fold[i+1]
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
			if len(dst) > start && last != 's' && !isVowel(last) && last >= 'a' && last <= 'z' {
				continue
			}
		}
		emit(c)
	}
	return dst
}

// skeleton appends the soft key without the vowels after its first letter.
func skeleton(dst []byte, soft string) []byte {
	for i := 0; i < len(soft); i++ {
		if i > 0 && isVowel(soft[i]) {
			continue
		}
		dst = append(dst, soft[i])
	}
	if len(dst) == 0 {
		dst = append(dst, soft...)
	}
	return dst
}
