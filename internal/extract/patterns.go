package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// evTag is a set of grammatical tags of one token: the closed-class tags of
// the lexicon (kb data/patterns/grammar/lexicon.tsv) and the tags the
// tokenizer and the dictionary derive.
type evTag uint64

const (
	tDET evTag = 1 << iota
	tPOSS
	tPRON
	tSUBJ
	tPREP
	tLOC
	tAGENT
	tCONJ
	tSUB
	tREL
	tCOMP
	tBE
	tHAVE
	tDO
	tMODAL
	tFUT
	tHYPO
	tOBLIG
	tNEG
	tNEGV
	tPLAN
	tCOND
	tREPORT
	tADV
	tTIME
	tNUMW
	tAPPROX
	tROLE
	tPLACEN
	tPERSONN
	tOPEN    // an open-class word the suffix rules must leave alone ("assembly")
	tLIGHT   // a verb that takes an act as its object ("engaged in", "took part in")
	tADJ     // a participle that before a bare noun is an adjective ("armed youths")
	tWEAPON  // a weapon noun: the means of an attack, never its target
	tADDRESS // a reporting verb whose object is the addressee ("told reporters")

	tPUNCT   // punctuation
	tNUM     // digits
	tCAP     // starts with an upper-case letter
	tMENTION // inside a mention
	tDATE    // inside a date expression of the sentence
	tVERB    // a surface form of a V pattern head
	tNOUN    // a surface form of an N pattern head
	tPAST    // a past or past-participle form (-ed or irregular)
	tING     // an -ing form
)

// evLexTag returns the tag a lexicon tag name stands for.
func evLexTag(name string) (evTag, bool) {
	switch name {
	case "DET":
		return tDET, true
	case "POSS":
		return tPOSS, true
	case "PRON":
		return tPRON, true
	case "SUBJ":
		return tSUBJ, true
	case "PREP":
		return tPREP, true
	case "LOC":
		return tLOC, true
	case "AGENT":
		return tAGENT, true
	case "CONJ":
		return tCONJ, true
	case "SUB":
		return tSUB, true
	case "REL":
		return tREL, true
	case "COMP":
		return tCOMP, true
	case "BE":
		return tBE, true
	case "HAVE":
		return tHAVE, true
	case "DO":
		return tDO, true
	case "MODAL":
		return tMODAL, true
	case "FUT":
		return tFUT, true
	case "HYPO":
		return tHYPO, true
	case "OBLIG":
		return tOBLIG, true
	case "NEG":
		return tNEG, true
	case "NEGV":
		return tNEGV, true
	case "PLAN":
		return tPLAN, true
	case "COND":
		return tCOND, true
	case "REPORT":
		return tREPORT, true
	case "ADV":
		return tADV, true
	case "TIME":
		return tTIME, true
	case "NUMW":
		return tNUMW, true
	case "APPROX":
		return tAPPROX, true
	case "ROLE":
		return tROLE, true
	case "PLACEN":
		return tPLACEN, true
	case "PERSONN":
		return tPERSONN, true
	case "OPEN":
		return tOPEN, true
	case "LIGHT":
		return tLIGHT, true
	case "ADJ":
		return tADJ, true
	case "WEAPON":
		return tWEAPON, true
	case "ADDRESS":
		return tADDRESS, true
	}
	return 0, false
}

// evClosedClass are the tags of words that never sit inside a noun phrase
// the matcher may skip.
const evClosedClass = tPREP | tCONJ | tSUB | tREL | tPRON | tBE | tHAVE | tDO | tMODAL | tNEG | tPUNCT

// evToken is one word or punctuation mark of a sentence.
type evToken struct {
	start, end int    // byte offsets into the article text
	text       string // as written
	low        string // lower case, curly apostrophes straightened
	tags       evTag
	mention    int // index into Article.Mentions, or -1
}

func (t *evToken) is(x evTag) bool { return t.tags&x != 0 }

// evElem is a compiled pattern element.
type evElem struct {
	forms []string
	opt   bool
	gap   int
	head  bool
}

// evRule is a compiled dictionary pattern.
type evRule struct {
	id      string
	typ     news.EventType // empty: blocks a non-event phrase
	kind    kb.PatternKind
	mode    string
	cameo   string
	context string
	elems   []evElem
	words   int // number of word elements, the match's weight
	gaps    int // number of explicit gaps
	order   int // position in the dictionary, to break ties
}

// evDict is the compiled pattern index.
type evDict struct {
	first map[string][]*evRule // surface form of the first element -> rules
	lex   map[string]evTag
	rules []*evRule
}

// compileDict indexes the dictionary by the surface forms of each pattern's
// first word and builds the tagger's lexicon. Lexicon tags the coder does
// not know are ignored (TestLexiconTags keeps the data clean).
func compileDict(p *kb.Patterns) *evDict {
	d := &evDict{first: make(map[string][]*evRule), lex: make(map[string]evTag)}
	for _, e := range p.Lexicon() {
		for _, name := range e.Tags {
			x, _ := evLexTag(name)
			d.lex[e.Word] |= x
		}
	}
	for i, pt := range p.All() {
		r := &evRule{id: pt.ID, typ: pt.Type, kind: pt.Kind, mode: pt.Mode, cameo: pt.CAMEO, context: pt.Context, order: i}
		for _, w := range pt.Words {
			r.elems = append(r.elems, evElem{forms: w.Forms, opt: w.Optional, gap: w.Gap, head: w.Head})
			if w.Gap == 0 {
				r.words++
			} else {
				r.gaps++
			}
			if w.Head && pt.Kind == kb.PatternVerb {
				for _, f := range w.Forms {
					d.lex[f] |= tVERB
				}
				for _, f := range w.Past {
					d.lex[f] |= tPAST
				}
			}
			if w.Head && pt.Kind == kb.PatternNoun {
				for _, f := range w.Forms {
					d.lex[f] |= tNOUN
				}
			}
		}
		for _, f := range r.elems[0].forms {
			d.first[f] = append(d.first[f], r)
		}
		d.rules = append(d.rules, r)
	}
	return d
}

// evTokenize splits the sentence [start, end) of text into tokens.
func evTokenize(text string, start, end int, toks []evToken) []evToken {
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := evWordEnd(text, i, end)
			toks = evAppendWord(text, i, j, toks)
			i = j
			continue
		}
		// An apostrophe that starts a clitic ('s, 'll) joins the letters after it.
		if (r == '\'' || r == '\u2019') && i+size < end {
			if n, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(n) {
				j := evWordEnd(text, i+size, end)
				if j-(i+size) <= 2 {
					toks = append(toks, evNewToken(text, i, j))
					i = j
					continue
				}
			}
		}
		toks = append(toks, evToken{start: i, end: i + size, text: text[i : i+size], low: text[i : i+size], tags: tPUNCT, mention: -1})
		i += size
	}
	return toks
}

// evWordEnd returns the end of the word starting at i: letters and digits
// joined by inner hyphens, apostrophes, dots between letters (U.S.) and
// digit group separators (1,200 and 3.5).
func evWordEnd(text string, i, end int) int {
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j += size
			continue
		}
		if j+size < end && (r == '-' || r == '\'' || r == '\u2019' || r == '.' || r == ',') {
			n, _ := utf8.DecodeRuneInString(text[j+size:])
			p, _ := utf8.DecodeLastRuneInString(text[i:j])
			switch {
			case r == '-' && (unicode.IsLetter(n) || unicode.IsDigit(n)):
				j += size
				continue
			case (r == '\'' || r == '\u2019') && unicode.IsLetter(n) && unicode.IsLetter(p):
				j += size
				continue
			case r == '.' && unicode.IsLetter(n) && unicode.IsLetter(p) && j-i <= 3:
				// U.S., U.N.: a dot after a short letter group, then the final dot.
				j += size
				continue
			case (r == ',' || r == '.') && unicode.IsDigit(n) && unicode.IsDigit(p):
				j += size
				continue
			}
		}
		if r == '.' && j > i && j-i <= 3 && strings.Count(text[i:j], ".") > 0 {
			j += size // the final dot of an abbreviation with inner dots
		}
		break
	}
	return j
}

// evAppendWord adds the word [i, j), splitting off the clitics n't, 's,
// 'll, 're, 've, 'd and 'm.
func evAppendWord(text string, i, j int, toks []evToken) []evToken {
	w := strings.ToLower(strings.ReplaceAll(text[i:j], "\u2019", "'"))
	if strings.HasSuffix(w, "n't") && len(w) > 3 {
		k := j - len("n't")
		if strings.HasSuffix(text[i:j], "n\u2019t") {
			k = j - len("n\u2019t")
		}
		toks = append(toks, evNewToken(text, i, k))
		return append(toks, evNewToken(text, k, j))
	}
	if a := strings.LastIndexByte(w, '\''); a > 0 && len(w)-a <= 3 {
		suf := w[a:]
		switch suf {
		case "'s", "'ll", "'re", "'ve", "'d", "'m":
			k := j - (len(text[i:j]) - strings.LastIndexAny(text[i:j], "'\u2019"))
			toks = append(toks, evNewToken(text, i, k))
			return append(toks, evNewToken(text, k, j))
		}
	}
	return append(toks, evNewToken(text, i, j))
}

func evNewToken(text string, i, j int) evToken {
	s := text[i:j]
	low := strings.ToLower(strings.ReplaceAll(s, "\u2019", "'"))
	t := evToken{start: i, end: j, text: s, low: low, mention: -1}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		t.tags |= tCAP
	}
	if unicode.IsDigit(r) {
		t.tags |= tNUM
	}
	return t
}

// tagTokens adds lexicon and dictionary tags.
func (d *evDict) tagTokens(toks []evToken) {
	for i := range toks {
		t := &toks[i]
		if t.is(tPUNCT) {
			continue
		}
		t.tags |= d.lex[t.low]
		if t.low == "may" && t.is(tCAP) && i > 0 {
			// "in May": the month, not the modal.
			t.tags = t.tags&^(tMODAL|tHYPO) | tTIME
		}
		if !t.is(evClosedClass | tOPEN) {
			if strings.HasSuffix(t.low, "ing") && (len(t.low) > 5 || t.is(tVERB)) {
				t.tags |= tING
			}
			if strings.HasSuffix(t.low, "ed") && len(t.low) > 4 {
				t.tags |= tPAST
			}
			if strings.HasSuffix(t.low, "ly") && len(t.low) > 4 && !t.is(tNOUN|tVERB) && (!t.is(tCAP) || i == 0) {
				t.tags |= tADV
			}
		}
	}
}

// evMatch is one dictionary match in a sentence.
type evMatch struct {
	rule  *evRule
	first int   // first matched token
	last  int   // last matched token
	head  int   // the head token
	words []int // matched word tokens (gap and skipped tokens excluded)
}

// evSkippable returns how many tokens from i the matcher may skip between
// two pattern words: modifiers, numbers, names, dates and "on Monday".
func evSkippable(toks []evToken, i int) int {
	if i >= len(toks) {
		return 0
	}
	t := &toks[i]
	if t.mention >= 0 {
		j := i
		for j+1 < len(toks) && toks[j+1].mention == t.mention {
			j++
		}
		return j - i + 1
	}
	if t.is(tDATE | tTIME) {
		return 1
	}
	if t.is(tPREP) && i+1 < len(toks) && toks[i+1].is(tDATE|tTIME) {
		return 2
	}
	if t.low == "'s" || t.low == "-" || t.low == "'" || t.low == "\u2019" {
		return 1
	}
	if t.is(evClosedClass) || t.is(tREPORT|tNEGV) {
		return 0
	}
	if t.is(tVERB) && !t.is(tNOUN|tPAST|tING) && !strings.HasSuffix(t.low, "s") {
		return 0 // a plain verb form starts a new phrase
	}
	if t.is(tVERB) && t.is(tPAST|tING) && (i == 0 || !toks[i-1].is(tDET|tPOSS|tNUM|tNUMW)) {
		return 0 // a finite verb, not a participle modifier ("the disputed")
	}
	return 1
}

// matchAt returns the best match of the dictionary at token i, if any.
func (d *evDict) matchAt(toks []evToken, i int, words, bestWords []int, blocking bool, consumed []bool) (evMatch, bool) {
	var best evMatch
	found := false
	for _, r := range d.first[toks[i].low] {
		if (r.typ == "") != blocking {
			continue
		}
		end, ws, ok := evMatchRule(r, toks, i, words[:0])
		if !ok || usesAny(ws, consumed) {
			continue
		}
		head := evHeadToken(r, ws)
		if toks[head].mention >= 0 && r.kind != kb.PatternPhrase || !evKindFits(r, toks, i, head) {
			continue
		}
		if found && !betterMatch(r, end-i, ws, best) {
			continue
		}
		bestWords = append(bestWords[:0], ws...)
		best = evMatch{rule: r, first: i, last: end, head: head, words: bestWords}
		found = true
	}
	return best, found
}

func usesAny(ws []int, consumed []bool) bool {
	for _, w := range ws {
		if consumed[w] {
			return true
		}
	}
	return false
}

// matches finds the dictionary matches of a sentence, left to right and
// longest first. Blocking entries are matched first so that the words of
// a non-event phrase ("fight corruption") are never part of a trigger.
func (d *evDict) matches(toks []evToken) []evMatch {
	var out []evMatch
	consumed := make([]bool, len(toks))
	var buf, best [16]int
	for _, blocking := range []bool{true, false} {
		for i := range toks {
			if consumed[i] || toks[i].is(tPUNCT) {
				continue
			}
			if _, ok := d.first[toks[i].low]; !ok {
				continue
			}
			m, ok := d.matchAt(toks, i, buf[:0], best[:0], blocking, consumed)
			if !ok {
				continue
			}
			m.words = append([]int(nil), m.words...)
			for _, w := range m.words {
				consumed[w] = true
			}
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b evMatch) int { return a.first - b.first })
	return out
}

// betterMatch reports whether rule r matching span tokens from its first
// word beats best: more pattern words first, then fewer explicit gaps,
// then fewer skipped tokens; the earlier dictionary entry wins a full tie.
func betterMatch(r *evRule, span int, ws []int, best evMatch) bool {
	if r.words != best.rule.words {
		return r.words > best.rule.words
	}
	if r.gaps != best.rule.gaps {
		return r.gaps < best.rule.gaps
	}
	return span < best.last-best.first
}

func evHeadToken(r *evRule, ws []int) int {
	k := 0
	for _, e := range r.elems {
		if e.gap > 0 {
			continue
		}
		if e.head {
			if k < len(ws) {
				return ws[k]
			}
		}
		if !e.opt {
			k++
		}
	}
	return ws[0]
}

// evMatchRule matches r starting at token i; it returns the last matched
// token and the word tokens. Optional words that are absent leave no
// entry in words, so matched optional words are recorded too.
func evMatchRule(r *evRule, toks []evToken, i int, words []int) (int, []int, bool) {
	m := ruleMatcher{r: r, toks: toks}
	end, ws, ok := m.rec(0, i, words)
	if !ok {
		return 0, nil, false
	}
	// A pattern that ends in a preposition does not match "on Monday".
	last := r.elems[len(r.elems)-1]
	if len(last.forms) > 0 && toks[end].is(tPREP) && end+1 < len(toks) && toks[end+1].is(tDATE|tTIME) {
		return 0, nil, false
	}
	return end, ws, true
}

// ruleMatcher matches one rule by backtracking over its elements.
type ruleMatcher struct {
	r    *evRule
	toks []evToken
}

func (m *ruleMatcher) rec(e, t int, words []int) (int, []int, bool) {
	r, toks := m.r, m.toks
	if e == len(r.elems) {
		return words[len(words)-1], words, true
	}
	el := &r.elems[e]
	if el.gap > 0 {
		for g := 0; g <= el.gap; g++ {
			if g > 0 {
				k := t + g - 1
				if k >= len(toks) || toks[k].is(tPUNCT) && toks[k].low != "-" || toks[k].is(tSUB|tREL) {
					break
				}
			}
			if end, ws, ok := m.rec(e+1, t+g, words); ok {
				return end, ws, true
			}
		}
		return 0, nil, false
	}
	// Implicit skip of up to three modifier units before this word (not
	// before the first word). A name counts as one unit but its words may
	// be pattern words ("expelled two Russian diplomats" where "Russian
	// diplomats" is a name).
	pos := t
	for skips := 0; ; {
		if pos < len(toks) && evHasForm(el.forms, toks[pos].low) {
			if end, ws, ok := m.rec(e+1, pos+1, append(words, pos)); ok {
				return end, ws, true
			}
		}
		if e == 0 || pos >= len(toks) {
			break
		}
		if toks[pos].mention >= 0 && pos+1 < len(toks) && toks[pos+1].mention == toks[pos].mention {
			pos++
			continue
		}
		if skips == 3 {
			break
		}
		n := evSkippable(toks, pos)
		if n == 0 || toks[pos].mention >= 0 && particleElem(el) {
			break // "protest to" must not reach across a name
		}
		if toks[pos].mention >= 0 {
			n = 1
		}
		pos += n
		skips++
	}
	if el.opt {
		return m.rec(e+1, t, words)
	}
	return 0, nil, false
}

// particleElem reports whether a pattern element is a preposition or
// particle ("to" in "protest to", "on" in "call on").
func particleElem(el *evElem) bool {
	for _, f := range el.forms {
		switch f {
		case "to", "on", "upon", "for", "with", "against", "at", "from", "of", "into", "in", "off", "out", "up", "down", "over", "about":
		default:
			return false
		}
	}
	return len(el.forms) > 0
}

func evHasForm(forms []string, w string) bool {
	for _, f := range forms {
		if f == w {
			return true
		}
	}
	return false
}

// evKindFits checks that the head token reads as the part of speech the
// pattern expects: a verb for V patterns, a noun for N patterns. A head
// after other words of an N pattern is a noun ("missile attack").
func evKindFits(r *evRule, toks []evToken, first, h int) bool {
	switch r.kind {
	case kb.PatternVerb:
		return evVerbal(toks, h)
	case kb.PatternNoun:
		return h > first || !evVerbal(toks, h)
	}
	return true
}

// evVerbal guesses from the context whether the token at h is a verb.
func evVerbal(toks []evToken, h int) bool {
	t := &toks[h]
	p := h - 1
	for p >= 0 && toks[p].is(tADV) && !toks[p].is(tDET|tPREP) {
		p--
	}
	var prev *evToken
	if p >= 0 {
		prev = &toks[p]
	}
	plural := t.is(tNOUN) && strings.HasSuffix(t.low, "s") && !t.is(tPAST|tING)
	if evAttributive(toks, h, p) {
		return false
	}
	switch {
	case prev == nil:
		// "Ousted president X": a sentence-initial participle before a noun
		// or name is an adjective.
		if t.is(tPAST) && h+1 < len(toks) && !toks[h+1].is(tDET|tPREP|tPRON|tNUM|tNUMW|tPUNCT|tADV) {
			return false
		}
	case prev.is(tDET | tPOSS):
		return false
	case prev.is(tNUM | tNUMW):
		// "three attacks", but "thousands protested", "hundreds march"
		return t.is(tPAST) || strings.HasSuffix(prev.low, "s") && !plural
	case prev.low == "to":
		return !plural || !t.is(tNOUN)
	case prev.is(tMODAL | tDO | tNEG | tSUBJ | tHAVE):
		return true
	case prev.is(tBE):
		return t.is(tPAST | tING)
	case prev.is(tPREP):
		// "by attacking"; "guilty of violating the truce", "jailed for
		// attacking a convoy": a gerund with an object after a
		// preposition of cause; "in seeking a settlement" is an aim.
		return t.is(tING) && !t.is(tNOUN) && (prev.is(tAGENT) || (prev.low == "of" || prev.low == "for") && h+1 < len(toks) && (toks[h+1].is(tDET|tPOSS) && !toks[h+1].is(tREL) || toks[h+1].mention >= 0))
	}
	if !t.is(tNOUN) {
		return t.is(tVERB)
	}
	if !t.is(tVERB) {
		return false
	}
	// Both readings: look right. An object after the word makes it a verb
	// ("attacked the", "shelled Juba"); a preposition after a plain or
	// plural form makes it a noun ("attacks on", "talks with").
	if h+1 < len(toks) {
		n := &toks[h+1]
		switch {
		case n.is(tDET|tPOSS|tNUM|tNUMW) && !n.is(tREL) || n.mention >= 0 || n.is(tPRON) && !n.is(tSUBJ):
			return true
		case n.is(tPREP) && !t.is(tPAST):
			return false
		}
	}
	switch {
	case t.is(tPAST):
		return true
	case t.is(tING):
		return prev != nil && (prev.low == "," || prev.is(tCONJ))
	}
	if prev == nil {
		return false
	}
	// "Rebels attack", "Israel attacks": after a name or a people noun;
	// "banks charge": after an unknown plural noun.
	if prev.mention >= 0 && !looksDemonym(prev.low) || prev.is(tPERSONN|tROLE) || prev.is(tCAP) && p > 0 {
		return true
	}
	if !plural && !prev.is(evClosedClass|tVERB|tNOUN|tTIME) && strings.HasSuffix(prev.low, "s") && !strings.HasSuffix(prev.low, "ss") {
		return true
	}
	return prev.is(tREL | tCONJ)
}

// evAttributive reports whether an adjective-prone participle at h
// ("armed", "disputed") modifies the bare noun after it: "six armed men",
// ", armed youths burnt". After its subject ("Iran armed rebels") or a
// verb it joins ("trained and armed rebels") it stays a verb. p is the
// index of the word before h across adverbs, or -1.
func evAttributive(toks []evToken, h, p int) bool {
	t := &toks[h]
	if !t.is(tADJ) || !t.is(tPAST) || h+1 >= len(toks) {
		return false
	}
	n := &toks[h+1]
	if n.is(evClosedClass|tDET|tPOSS|tNUM|tNUMW|tADV|tTIME|tDATE) || n.is(tCAP) && n.mention < 0 {
		return false
	}
	if p < 0 {
		return true
	}
	prev := &toks[p]
	switch {
	case prev.is(tCONJ):
		return p == 0 || !toks[p-1].is(tPAST|tVERB)
	case prev.low == ",", prev.is(tDET | tPOSS | tNUM | tNUMW | tPREP):
		return true
	}
	return false
}

// looksDemonym guesses whether a word is a nationality adjective.
func looksDemonym(w string) bool {
	for _, s := range []string{"ian", "an", "ish", "ese", "i", "ic", "ch", "ean"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
