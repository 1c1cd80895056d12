package extract

import (
	"slices"
	"strings"
	"unicode"

	"chronicle/internal/kb"
	"chronicle/internal/news"
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

// tokenShape is how a text token is written.
type tokenShape uint8

const (
	shapeLower tokenShape = iota // "minister", "al"
	shapeTitle                   // "Putin"
	shapeUpper                   // "NATO", "US", "U.S."
	shapeOther                   // digits, other scripts without case
)

// nameToken is one word of text: its byte span and its keys, which index the
// scan's key buffer.
type nameToken struct {
	start, end int
	fold, soft [2]int32 // offsets into the key buffer
	id         uint32   // skeleton id among personal names, 0 when absent
	sid        uint32   // soft id among other names, 0 when absent
	word       uint32   // fold id among role words and institutions, 0 when absent
	shape      tokenShape
}

// nameEntry is one surface name the matcher looks for.
type nameEntry struct {
	name kb.Name
	fold []string // per token
	soft []string
	rule caseRule
	// number is set on the singular or plural made from a role word or
	// institution: "officials" made from the title "Official".
	number bool

	// What the recogniser knows of the name, looked up once.
	entity   string // "person:<id>", "org:<id>", "country:<alpha-3>"
	kbRule   string // "kb:<kind>"
	ruleInst string // "kb:<kind>+institution"
	country  string
	sector   news.Sector
	inst     kb.Institution
	title    kb.Title
}

// nameMatcher is a token trie over skeleton keys. It is immutable after
// newNameMatcher and safe for concurrent use.
type nameMatcher struct {
	vocab map[string]uint32 // skeleton -> token id (from 1), for personal names
	softs map[string]uint32 // soft key -> token id (from 1<<30), for other names
	words map[string]uint32 // fold -> token id (from 1<<31), for role words and institutions
	inner map[string]bool   // lower-case words inside names: "al", "of"
	// lowBloom holds a bit for every word of words and inner, so that
	// most lower-case text words are dismissed without a map lookup.
	lowBloom [1 << 10]uint64
	next     map[uint64]uint32 // node<<32 | token id -> child node
	final    [][]int32         // node -> entries ending there
	kids     []bool            // node -> it has children
	roots    [3][]uint32       // children of the root by vocabulary and id
	entries  []nameEntry
}

// nameHit is a run of tokens that spells one or more names.
type nameHit struct {
	first, last int     // token indexes, inclusive
	entries     []int32 // indexes into matcher.entries
	exact       bool    // every token's fold equals the name's
}

// newNameMatcher indexes names. Leading "the" is dropped; an inner "al"/"el"
// article is made optional ("Bashar al-Assad" also matches "Bashar
// Assad").
func newNameMatcher(names []kb.Name) *nameMatcher {
	// Sized for the names and a quarter more (variants without "al",
	// singulars and plurals): grown as it goes, the slice of entries
	// alone would copy its large elements about twice over.
	n := len(names) + len(names)/4
	m := &nameMatcher{
		vocab:   make(map[string]uint32),
		softs:   make(map[string]uint32, n),
		words:   make(map[string]uint32),
		inner:   map[string]bool{"al": true, "el": true},
		next:    make(map[uint64]uint32, n),
		final:   append(make([][]int32, 0, n), nil),
		kids:    append(make([]bool, 0, n), false),
		entries: make([]nameEntry, 0, n),
	}
	for w := range m.inner {
		m.markLow([]byte(w))
	}
	seen := make(map[string]bool, n)
	var sc nameScan
	var soft []byte
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
			e := nameEntry{name: n, rule: caseRuleFor(n, n.Text, &sc, variant)}
			for _, t := range variant {
				e.fold = append(e.fold, sc.foldOf(t))
			}
			forms := [][]string{e.fold}
			if e.rule == caseAny {
				forms = numberForms(e.fold)
			}
			for fi, fold := range forms {
				key := string(n.Kind) + "\x00" + n.Key + "\x00" + strings.Join(fold, " ")
				if seen[key] {
					continue
				}
				seen[key] = true
				f := e
				f.fold = fold
				f.number = fi > 0
				f.soft = make([]string, len(fold))
				for k, w := range fold {
					soft = kb.AppendSoft(soft[:0], []byte(w))
					f.soft[k] = string(soft)
				}
				m.add(f)
			}
		}
	}
	return m
}

// articleVariants returns toks, and toks without inner "al"/"el" tokens
// when it has any.
func articleVariants(sc *nameScan, toks []nameToken) [][]nameToken {
	var without []nameToken
	dropped := false
	for i, t := range toks {
		if i > 0 && i < len(toks)-1 && isArabicArticle(sc.foldOf(t)) {
			dropped = true
			continue
		}
		without = append(without, t)
	}
	if !dropped {
		return [][]nameToken{toks}
	}
	return [][]nameToken{toks, without}
}

func isArabicArticle(fold string) bool { return fold == "al" || fold == "el" }

// numberForms returns a role word or institution with its last word as
// written, in the singular and in the plural: "officials", "official";
// "soldier", "soldiers"; "authority", "authorities".
func numberForms(fold []string) [][]string {
	out := [][]string{fold}
	last := fold[len(fold)-1]
	with := func(w string) {
		if w == last || len(w) < 3 {
			return
		}
		f := append(slices.Clone(fold[:len(fold)-1]), w)
		out = append(out, f)
	}
	switch {
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		with(last[:len(last)-3] + "y")
	case strings.HasSuffix(last, "men"):
		with(last[:len(last)-3] + "man")
	case strings.HasSuffix(last, "man"):
		with(last[:len(last)-3] + "men")
	case strings.HasSuffix(last, "ss") || strings.HasSuffix(last, "sh") || strings.HasSuffix(last, "ch") || strings.HasSuffix(last, "x"):
		with(last + "es")
	case strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "us") && len(last) > 3:
		with(last[:len(last)-1])
	case strings.HasSuffix(last, "y") && len(last) > 2 && !isSoftVowel(last[len(last)-2]):
		with(last[:len(last)-1] + "ies")
	case !strings.HasSuffix(last, "s"):
		with(last + "s")
	}
	return out
}

// caseRuleFor decides how a name must be written: role words and institution
// words in any case, acronyms in capitals, other names capitalised.
func caseRuleFor(n kb.Name, text string, sc *nameScan, toks []nameToken) caseRule {
	if n.Kind == kb.NameTitle || n.Kind == kindInstitution {
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

// Token ids of the three vocabularies lie in disjoint ranges.
const (
	softBase = 1 << 30
	wordBase = 1 << 31
)

// add puts an entry in the trie: role words and institutions under their
// folds (they must match exactly), personal names under their skeletons
// (they may differ in vowels), other names under their soft keys.
func (m *nameMatcher) add(e nameEntry) {
	node := uint32(0)
	var skel []byte
	for k, s := range e.soft {
		if e.rule != caseAny && k > 0 && isNameParticle(e.fold[k]) {
			m.inner[e.fold[k]] = true
			m.markLow([]byte(e.fold[k]))
		}
		var id uint32
		switch {
		case e.rule == caseAny:
			id = intern(m.words, e.fold[k], wordBase)
		case e.name.Kind == kb.NamePerson:
			skel = appendSkeleton(skel[:0], []byte(s))
			id = intern(m.vocab, string(skel), 0)
		default:
			id = intern(m.softs, s, softBase)
		}
		child, ok := m.child(node, id)
		if !ok {
			child = uint32(len(m.final))
			m.final = append(m.final, nil)
			m.kids = append(m.kids, false)
			m.kids[node] = true
			if node == 0 {
				v, i := rootIndex(id)
				for len(m.roots[v]) <= i {
					m.roots[v] = append(m.roots[v], 0)
				}
				m.roots[v][i] = child
			} else {
				m.next[uint64(node)<<32|uint64(id)] = child
			}
		}
		node = child
	}
	m.entries = append(m.entries, e)
	m.final[node] = append(m.final[node], int32(len(m.entries)-1))
	if e.rule == caseAny {
		for _, f := range e.fold {
			m.markLow([]byte(f))
		}
	}
}

// markLow sets the bloom bits of a lower-case word.
func (m *nameMatcher) markLow(w []byte) {
	h := bloomHash(w)
	m.lowBloom[h>>6&(1<<10-1)] |= 1 << (h & 63)
	m.lowBloom[h>>22&(1<<10-1)] |= 1 << (h >> 16 & 63)
}

// mayBeLow reports whether w may be a role word or an inner particle.
func (m *nameMatcher) mayBeLow(w []byte) bool {
	h := bloomHash(w)
	return m.lowBloom[h>>6&(1<<10-1)]&(1<<(h&63)) != 0 && m.lowBloom[h>>22&(1<<10-1)]&(1<<(h>>16&63)) != 0
}

// bloomHash is FNV-1a.
func bloomHash(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// rootIndex returns the vocabulary of a token id and its index there.
func rootIndex(id uint32) (int, int) {
	switch {
	case id >= wordBase:
		return 2, int(id - wordBase)
	case id >= softBase:
		return 1, int(id - softBase)
	}
	return 0, int(id)
}

// child returns the node reached from node by token id.
func (m *nameMatcher) child(node, id uint32) (uint32, bool) {
	if node == 0 {
		v, i := rootIndex(id)
		if i < len(m.roots[v]) && m.roots[v][i] != 0 {
			return m.roots[v][i], true
		}
		return 0, false
	}
	if !m.kids[node] {
		return 0, false
	}
	c, ok := m.next[uint64(node)<<32|uint64(id)]
	return c, ok
}

// intern returns the id of key in vocab, adding it when absent.
func intern(vocab map[string]uint32, key string, base int) uint32 {
	id, ok := vocab[key]
	if !ok {
		id = uint32(base + len(vocab) + 1)
		vocab[key] = id
	}
	return id
}

// find returns the names spelled by toks, longest first and then leftmost,
// without overlaps.
func (m *nameMatcher) find(sc *nameScan, toks []nameToken) []nameHit {
	all := sc.hits[:0]
	sc.ents = sc.ents[:0]
	for i := range toks {
		var best nameHit
		found := false
		if toks[i].word != 0 {
			best, found = m.walk(sc, toks, i, func(t *nameToken) uint32 { return t.word })
		}
		if toks[i].shape == shapeLower {
			if found {
				all = append(all, best)
			}
			continue
		}
		if toks[i].sid != 0 {
			if h, ok := m.walk(sc, toks, i, func(t *nameToken) uint32 { return t.sid }); ok && (!found || h.last > best.last) {
				best, found = h, true
			}
		}
		if toks[i].id != 0 {
			if h, ok := m.walk(sc, toks, i, func(t *nameToken) uint32 { return t.id }); ok && (!found || h.last > best.last) {
				best, found = h, true
			}
		}
		if found {
			all = append(all, best)
		}
	}
	sc.hits = all
	return sc.longestFirst(all)
}

// walk follows the trie from token i with the ids id gives and returns
// the longest verified hit.
func (m *nameMatcher) walk(sc *nameScan, toks []nameToken, i int, id func(*nameToken) uint32) (nameHit, bool) {
	node := uint32(0)
	var best nameHit
	found := false
	for j := i; j < len(toks); j++ {
		t := id(&toks[j])
		if t == 0 {
			break
		}
		child, ok := m.child(node, t)
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
	return best, found
}

// longestFirst keeps the longest hits (leftmost among equals) that do
// not overlap, in text order.
func (sc *nameScan) longestFirst(all []nameHit) []nameHit {
	if len(all) < 2 {
		return all
	}
	order := sc.order[:0]
	n := 0
	for i := range all {
		order = append(order, i)
		n = max(n, all[i].last+1)
	}
	sc.order = order
	slices.SortStableFunc(order, func(x, y int) int {
		return (all[y].last - all[y].first) - (all[x].last - all[x].first)
	})
	taken := slices.Grow(sc.taken[:0], n)[:n]
	clear(taken)
	sc.taken = taken
	for _, i := range order {
		h := &all[i]
		for k := h.first; k <= h.last; k++ {
			if taken[k] {
				h.first = -1
				break
			}
		}
		if h.first < 0 {
			continue
		}
		for k := h.first; k <= h.last; k++ {
			taken[k] = true
		}
	}
	out := all[:0]
	for _, h := range all {
		if h.first >= 0 {
			out = append(out, h)
		}
	}
	return out
}

// verify checks the entries that end at token j against toks[i..j].
func (m *nameMatcher) verify(sc *nameScan, toks []nameToken, i, j int, cands []int32) (nameHit, bool) {
	h := nameHit{first: i, last: j}
	start := len(sc.ents)
	sc.variants = sc.variants[:0]
	for _, c := range cands {
		switch m.check(sc, toks, i, &m.entries[c]) {
		case matchExact:
			sc.ents = append(sc.ents, c)
		case matchVariant:
			sc.variants = append(sc.variants, c)
		}
	}
	if len(sc.ents) > start {
		h.entries = sc.ents[start:len(sc.ents):len(sc.ents)]
		h.exact = true
		return h, true
	}
	if len(sc.variants) > 0 {
		sc.ents = append(sc.ents, sc.variants...)
		h.entries = sc.ents[start:len(sc.ents):len(sc.ents)]
		return h, true
	}
	return h, false
}

// How a name matches the text.
const (
	matchNone = iota
	matchExact
	matchVariant
)

// check matches one entry against the tokens from i.
func (m *nameMatcher) check(sc *nameScan, toks []nameToken, i int, e *nameEntry) int {
	if !caseRuleFits(e, toks[i:i+len(e.fold)], sc) {
		return matchNone
	}
	exact := true
	for k := range e.fold {
		t := toks[i+k]
		f := sc.keys[t.fold[0]:t.fold[1]]
		if string(f) == e.fold[k] || isArabicArticle(string(f)) && isArabicArticle(e.fold[k]) {
			continue
		}
		exact = false
		soft := sc.keys[t.soft[0]:t.soft[1]]
		if e.rule != caseCapital || len(f) < 6 && !sameVowels(string(f), e.fold[k]) {
			return matchNone
		}
		if e.name.Kind != kb.NamePerson && (string(soft) != e.soft[k] || len(soft) < 4) || !softClose(soft, e.soft[k]) {
			return matchNone
		}
	}
	if exact {
		return matchExact
	}
	if e.name.Kind == kb.NamePerson && len(e.fold) == 1 {
		// A surname alone must have the same soft spelling ("Kadhafi",
		// "Gaddafi"); vowels may not differ: "Rehman" is not "Rahmon".
		t := toks[i]
		if string(sc.keys[t.soft[0]:t.soft[1]]) != e.soft[0] {
			return matchNone
		}
	}
	return matchVariant
}

// caseRuleFits applies the entry's case rule to the text tokens. Inner
// particles ("of", "al", "bin", "de") may be lower case in any name.
func caseRuleFits(e *nameEntry, toks []nameToken, sc *nameScan) bool {
	switch e.rule {
	case caseUpper:
		// "NATO" may be written "Nato", but "US" never "Us".
		for k, t := range toks {
			if t.shape != shapeUpper && t.shape != shapeOther && (t.shape != shapeTitle || len(e.fold[k]) < 4) {
				return false
			}
		}
	case caseCapital:
		for k, t := range toks {
			if t.shape != shapeLower {
				continue
			}
			if k == 0 || !isNameParticle(e.fold[k]) {
				return false
			}
		}
	}
	return true
}

// isNameParticle reports whether a folded word may stay lower case inside a
// proper name.
func isNameParticle(w string) bool {
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
func softClose(a []byte, b string) bool {
	if string(a) == b {
		return len(a) >= 4
	}
	short := min(len(a), len(b))
	if short < 6 || a[0] != b[0] {
		return false
	}
	budget := 1 // in half points: one vowel change
	if short >= 8 {
		budget = 2
	}
	if absInt(len(a)-len(b)) > budget {
		return false
	}
	return vowelDistance(a, b, budget) <= budget
}

// sameVowels reports whether two folded words have the same vowels in the
// same order, y counting as i: short names may differ in consonant
// spelling ("Asad", "Assad") but not in vowels ("Potin" is not "Putin").
func sameVowels(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !isFoldVowel(a[i]) {
			i++
		}
		for j < len(b) && !isFoldVowel(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		x, y := a[i], b[j]
		if x == 'y' {
			x = 'i'
		}
		if y == 'y' {
			y = 'i'
		}
		if x != y {
			return false
		}
		i++
		j++
	}
}

func isFoldVowel(c byte) bool { return isSoftVowel(c) || c == 'y' }

// vowelDistance is an edit distance in half points in which a vowel
// change costs 1 and a consonant change 2; it stops counting past limit.
func vowelDistance(a []byte, b string, limit int) int {
	if absInt(len(a)-len(b)) > limit {
		return limit + 1
	}
	var rows [2][48]int
	if len(b)+1 > len(rows[0]) {
		return limit + 1
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + editCost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + editCost(a[i-1])
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				if isSoftVowel(a[i-1]) && isSoftVowel(b[j-1]) {
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
	if isSoftVowel(c) {
		return 1
	}
	return 2
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func isSoftVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
