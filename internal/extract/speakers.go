package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// quoteSpeaker is the words that name a speaker in a frame.
type quoteSpeaker struct {
	span    news.Span
	mention int    // the mention that names the speaker, or -1
	pronoun string // "he", "it", "they", ... when no mention covers it
	source  kb.SpeechSource
	name    string      // the words, when no mention covers them
	of      int         // mention of the body a source speaks for ("a spokesman for X"), or -1
	actor   *news.Actor // resolved
	typ     news.EntityType
}

// clauseSubject returns the subject of the clause a participle cue at k
// hangs from: the last mention or pronoun before it that opens a clause
// (at the frame's start, after a comma or a conjunction) and is followed
// by a verb-like lower-case word. "During the speech, Roe attacked
// Doe ..., saying ..." gives Roe.
func (fs *frameScan) clauseSubject(k int) *quoteSpeaker { return fs.subjectOf(k, false) }

// subjectOf returns the subject clauseSubject does; with embedded set, the
// subject of a clause after "that", "when" or "because" may be it too.
func (fs *frameScan) subjectOf(k int, embedded bool) *quoteSpeaker {
	var best *quoteSpeaker
	if who, e := fs.speakerAfter(0); who != nil && who.source.Noun != "" && e < k {
		best = who // "Small groups of protesters marched ..."
	}
	for i := 0; i < k; i++ {
		if !fs.isWord(i) {
			continue
		}
		opens := i == 0 || fs.isPunct(i-1, ",") || fs.isQuote(i-1) && i > 1 && fs.quoteEndsWithComma(i-1) || fs.low(i-1) == "and" || fs.low(i-1) == "but" || embedded && fs.is(i-1, qcClauseOpener)
		m := fs.toks[i].m
		if opens && m < 0 && !fs.isPronoun(i) && fs.nameWord(i) && !(sentenceAdverb(fs.low(i)) && fs.isPunct(i+1, ",")) {
			// "Dean, a former chairman, poked at ...": a name the
			// recogniser left out.
			// The name may be the whole run of capitalised words before
			// a verb ("Valastro praised Christie's ...").
			run := i
			for run < min(i+4, k) && (fs.nameWord(run) || fs.isPunct(run, ".") && run > i) {
				run++
			}
			n0, n1 := fs.lastName(i, min(i+4, k))
			if n0 != i && (fs.isVerbLike(run) || strings.HasSuffix(fs.low(run), "ed")) {
				n0, n1 = fs.lastName(i, run)
			}
			if n0 == i && n1 > i && (fs.isPunct(n1, ",") || fs.isWord(n1) && !fs.capitalised(n1)) {
				best = &quoteSpeaker{span: fs.spanOf(n0, n1), mention: -1, name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}
				i = n1 - 1
				continue
			}
		}
		if opens && m < 0 && !fs.isPronoun(i) && i > 0 && fs.isPunct(i-1, ",") {
			// "Even before Roe spoke, his campaign sent out a text": a
			// source noun opens the main clause after an opening one.
			if j := fs.sourceHeadAt(i); j > 0 && j+1 < k && fs.isWord(j+1) && !fs.capitalised(j+1) && (fs.isVerbLike(j+1) || strings.HasSuffix(fs.low(j+1), "ed")) {
				if who, l := fs.speakerEndingAt(j); who != nil && l >= i {
					best = who
					i = j
					continue
				}
			}
		}
		if opens && m < 0 && !fs.isPronoun(i) {
			// "Republican presidential nominee Jane Roe issued ...": a
			// person named after a description.
			j := i
			for j < k && j < i+5 && fs.isWord(j) && fs.toks[j].m < 0 && !fs.isVerbLike(j) && !fs.modifierStart(j) && !strings.HasSuffix(fs.low(j), "ed") {
				j++
			}
			// "himself a Doe voter": a name after "a" modifies the noun
			// that follows it; "the Doe campaign" speaks for Doe.
			if mj := fs.mentionAt(j); j > i && j < k && mj >= 0 && fs.sc.a.Mentions[mj].Type == news.Person && fs.sc.a.Mentions[mj].Rule != "pronoun" && !possessive(fs.low(fs.mentionEnd(j)-1)) && fs.low(j-1) != "a" && fs.low(j-1) != "an" {
				if e := fs.mentionEnd(j); fs.isWord(e) && !fs.capitalised(e) && !fs.modifierStart(e) {
					best = &quoteSpeaker{span: fs.spanOf(i, e), mention: mj, of: -1}
					i = e - 1
					continue
				}
			}
			// "Ferry captain Olsen wrote ...": one name after a role noun.
			if n0, n1 := fs.lastName(i, j); n0 > i && n1 == j && (n1-n0 >= 2 || n0-1 > i && fs.isWord(n0-1) && !fs.capitalised(n0-1) && fs.lexAt(n0-1).isSource) && fs.isWord(j) && !fs.capitalised(j) && !fs.modifierStart(j) {
				best = &quoteSpeaker{span: fs.spanOf(i, n1), mention: -1, name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}
				i = n1 - 1
				continue
			}
		}
		if !opens || m < 0 && !fs.isPronoun(i) {
			continue
		}
		e := i + 1
		if m >= 0 {
			e = fs.mentionEnd(i)
		}
		if c := fs.bracketEnd(e); m >= 0 && c > e && (fs.isPunct(c, ",") || fs.isWord(c) && !fs.capitalised(c)) {
			// "Sen. Jane Roe (Vt.), who ..., named ...": past the
			// bracket after the name.
			if who := fs.speakerAt(i, e); who != nil {
				best = who
			}
			i = c - 1
			continue
		}
		if fs.isPunct(e, ",") && (i == 0 || fs.isPunct(i-1, ",") && m >= 0 && fs.isWord(e+1) && !fs.capitalised(e+1)) {
			// "Dean, a former chairman, ..."; "The Home Secretary,
			// Yvette Cooper, has ...".
			if who := fs.speakerAt(i, e); who != nil {
				best = who
			}
			i = e - 1
			continue
		}
		if fs.isWord(e) && !fs.capitalised(e) && !fs.modifierStart(e) && fs.low(e) != "and" {
			if who := fs.speakerAt(i, e); who != nil {
				best = who
			}
		}
		i = e - 1
	}
	return best
}

// bracketEnd returns the token after a short bracket that opens at token
// k ("(R-Ohio)", "(Vt.)"), or k when none does.
func (fs *frameScan) bracketEnd(k int) int {
	if !fs.isPunct(k, "(") {
		return k
	}
	for j := k + 1; j < len(fs.toks) && j <= k+8; j++ {
		if fs.isPunct(j, ")") {
			return j + 1
		}
		if fs.isQuote(j) || fs.isPunct(j, "(") {
			return k
		}
	}
	return k
}

// colonSpeaker returns the speaker of a quote after the colon at token c
// when no cue names one: the name that is all the words before it, as in
// a transcript ("Rep. Jane Roe (R-Ohio): "..."), or the subject of the
// clause before it ("Roe is rolling out a new message: "It's about
// me."").
func (fs *frameScan) colonSpeaker(c int) *quoteSpeaker {
	if who, i := fs.speakerBefore(c - 1); who != nil && i == 0 && who.pronoun == "" {
		return who
	}
	if who := fs.fromSpeaker(c); who != nil {
		return who
	}
	return fs.subjectOf(c, true)
}

// speakerAt returns the mention or pronoun of tokens [i, e) as a speaker.
func (fs *frameScan) speakerAt(i, e int) *quoteSpeaker {
	who := &quoteSpeaker{span: fs.spanOf(i, e), mention: fs.toks[i].m, of: -1}
	if fs.isPronoun(i) && e == i+1 {
		who.pronoun = fs.low(i)
	}
	if who.mention >= 0 && fs.sc.a.Mentions[who.mention].Type == news.Place {
		// "Jordan told ...": a place name that is the surname of a
		// person the article names is that person.
		if t := fs.sc.text[who.span.Start:who.span.End]; e == i+1 && (fs.sc.personBySurname(t) >= 0 || fs.sc.speakerBySurname(t) != "") {
			return &quoteSpeaker{span: who.span, mention: -1, name: t, of: -1}
		}
		if t := fs.sc.text[who.span.Start:who.span.End]; e == i+1 && fs.sc.fullNameBefore(t, who.span.Start) != "" {
			// "... by Buddy Valastro. Valastro praised ...": the name
			// written in full before.
			return &quoteSpeaker{span: who.span, mention: -1, name: fs.sc.fullNameBefore(t, who.span.Start), of: -1}
		}
		return nil
	}
	return who
}

// mentionStart returns the first token of the mention at token k.
func (fs *frameScan) mentionStart(k int) int {
	m := fs.toks[k].m
	for k > 0 && fs.toks[k-1].m == m {
		k--
	}
	return k
}

// mentionEnd returns the token after the mention at token k.
func (fs *frameScan) mentionEnd(k int) int {
	m := fs.toks[k].m
	for k < len(fs.toks) && fs.toks[k].m == m {
		k++
	}
	return k
}

func (fs *frameScan) spanOf(i, j int) news.Span {
	return news.Span{Start: fs.toks[i].start, End: fs.toks[j-1].end}
}

// speakerBefore returns the speaker whose words end at token j, and its
// first token: a mention, a pronoun, a source noun phrase ("three
// officials", "a source close to the talks"), a name, or the head of an
// apposition ("Jane Roe, 45, ..."; "the governor, Ana Silva, ...").
func (fs *frameScan) speakerBefore(j int) (*quoteSpeaker, int) {
	return fs.speakerBeforeDepth(j, 0)
}

func (fs *frameScan) speakerBeforeDepth(j, depth int) (*quoteSpeaker, int) {
	if j < 0 || j >= len(fs.toks) {
		return nil, -1
	}
	if fs.isPunct(j, ",") && fs.isPunct(j-1, ")") {
		j-- // "Gov. Jane Roe (R-Ohio), said"
	}
	if fs.isPunct(j, ")") {
		// "Rep. Gwen Moore (D-Wis.) said": skip the bracket.
		k := j - 1
		for k >= 0 && k > j-12 && !fs.isPunct(k, "(") {
			k--
		}
		if k <= 0 || !fs.isPunct(k, "(") {
			return nil, -1
		}
		j = k - 1
	}
	if fs.isPunct(j, ",") && depth < 2 {
		if who, i := fs.apposition(j, depth+1); who != nil {
			return who, i
		}
		return fs.nameAfterQuote(j)
	}
	if !fs.isWord(j) {
		return nil, -1
	}
	if fs.low(j) == "who" || fs.low(j) == "which" {
		if fs.isPunct(j-1, ",") {
			return fs.speakerBeforeDepth(fs.skipBack(j-2), depth+1)
		}
		if who, i := fs.speakerEndingAt(j - 1); who != nil && (who.mention >= 0 || who.source.Noun != "") {
			return who, i // "an architect who said"
		}
		return nil, -1
	}
	// "a source close to the talks", "a spokesman for the ministry",
	// "people familiar with the matter": a head and its modifier. The
	// leftmost head is the phrase's: "a spokesman for the Example
	// Ministry of Health".
	var best *quoteSpeaker
	bestI := -1
	for h := j - 1; h >= 0 && h >= j-8; h-- {
		if !fs.isWord(h) && !fs.isPunct(h, "-") && !fs.isPunct(h, ".") {
			break
		}
		if fs.toks[h].m >= 0 && fs.toks[h].m == fs.toks[h+1].m || !fs.modifierStart(h+1) {
			continue
		}
		who, i := fs.speakerEndingAt(h)
		if who == nil || who.mention < 0 && who.source.Noun == "" || who.pronoun != "" {
			continue
		}
		if who.source.Noun != "" || who.mention >= 0 && fs.sc.a.Mentions[who.mention].Actor.Name == "" {
			who.of = fs.bodyIn(h+1, j+1) // a role without a name speaks for its body
		}
		who.span.End = fs.toks[j].end
		best, bestI = who, i
	}
	if best != nil {
		return best, bestI
	}
	if who, i := fs.speakerEndingAt(j); who != nil {
		return who, i
	}
	return nil, -1
}

// modifierStart reports whether token k begins a phrase after a speaker's
// head noun: "a source close to the talks".
func (fs *frameScan) modifierStart(k int) bool {
	if w := fs.low(k); len(w) > 5 && strings.HasSuffix(w, "ing") {
		return true // "protesters marching through the streets"
	}
	return fs.is(k, qcModifier)
}

// bodyIn returns the body a speaker's modifier names among tokens [i, j)
// ("a spokesman for the ministry", "an aide to Smith"), or -1. A country
// or a place after "in" is where the speaker is, not whom they speak for.
func (fs *frameScan) bodyIn(i, j int) int {
	m := fs.mentionIn(i, j)
	if m >= 0 && fs.sc.a.Mentions[m].Type == news.Person && fs.is(i, qcPrepPhrase) && fs.low(i) != "to" && fs.low(i) != "from" {
		return -1 // "an article in the academic journal": where, not whom
	}
	if m < 0 || fs.sc.a.Mentions[m].Type == news.Org || fs.sc.a.Mentions[m].Type == news.Person {
		return m
	}
	switch fs.low(i) {
	case "for", "of", "from", "representing":
		return m
	}
	return -1
}

// mentionIn returns the first mention of an organisation, country or
// person among tokens [i, j), or -1.
func (fs *frameScan) mentionIn(i, j int) int {
	for k := i; k < j && k < len(fs.toks); k++ {
		if m := fs.toks[k].m; m >= 0 {
			switch fs.sc.a.Mentions[m].Type {
			case news.Org, news.Country, news.Person:
				return m
			}
		}
	}
	return -1
}

// speakerEndingAt returns the speaker whose head word is token j.
func (fs *frameScan) speakerEndingAt(j int) (*quoteSpeaker, int) {
	if !fs.isWord(j) {
		return nil, -1
	}
	if m := fs.toks[j].m; m >= 0 {
		i := fs.mentionStart(j)
		if fs.mentionEnd(j) != j+1 {
			return nil, -1
		}
		if mm := &fs.sc.a.Mentions[m]; mm.Type == news.Place && !isCapitalMetonym(mm) || i > 0 && fs.nameWord(i-1) && fs.nameMention(i-1) && mm.Type != news.Person {
			// "Graham said", "Cameron Easley said": a place name stands
			// for a person.
			for i > 0 && j-i < 3 && fs.nameWord(i-1) && !fs.is(i-1, qcHonorific) && fs.nameMention(i-1) {
				i--
			}
			return &quoteSpeaker{span: fs.spanOf(i, j+1), mention: -1, name: fs.sc.text[fs.toks[i].start:fs.toks[j].end], of: -1}, i
		}
		// "a senior U.S. official", "three Israeli officials": the words
		// before a group mention belong to it.
		i = fs.extendDeterminers(i)
		return &quoteSpeaker{span: fs.spanOf(i, j+1), mention: m, of: -1}, i
	}
	w := fs.low(j)
	if fs.isPronoun(j) {
		return &quoteSpeaker{span: fs.spanOf(j, j+1), mention: -1, pronoun: w, of: -1}, j
	}
	if (w == "them" || w == "us") && fs.low(j-1) == "of" && fs.isWord(j-2) {
		// "one of them": one of the group named before.
		p := "they"
		if w == "us" {
			p = "we"
		}
		return &quoteSpeaker{span: fs.spanOf(j-2, j+1), mention: -1, pronoun: p, of: -1}, j - 2
	}
	if lw := fs.lexAt(j); lw.isSource || strings.HasSuffix(w, "-year-old") {
		src := lw.source
		if !lw.isSource {
			src = kb.SpeechSource{Noun: "year-old", Kind: kb.SourcePerson} // "the 43-year-old"
		}
		i := j
		for i > 0 && j-i < 5 && fs.isWord(i-1) && fs.npWord(i-1) {
			i--
			if w := fs.low(i); w == "a" || w == "an" || w == "the" || w == "this" {
				break // "held up a sign": the phrase opens with its article
			}
		}
		who := &quoteSpeaker{span: fs.spanOf(i, j+1), mention: fs.mentionIn(i, j), source: src, name: fs.word(j), of: -1}
		// "Roe's team", "the ministry's statement": the possessor.
		if m := who.mention; m >= 0 {
			if e := fs.sc.a.Mentions[m].Span.End; e+3 <= len(fs.sc.text) && (fs.sc.text[e:e+2] == "'s" || fs.sc.text[e:e+3] == "’s") {
				who.of = m
			}
		}
		return who, i
	}
	if fs.capitalised(j) && !isNameStopWord(w) && (!isCalendarName(w) || fs.nameWord(j-1)) {
		i := j
		for i > 0 && j-i < 3 && fs.nameWord(i-1) && !fs.is(i-1, qcHonorific) && fs.nameMention(i-1) {
			i--
		}
		name := fs.sc.text[fs.toks[i].start:fs.toks[j].end]
		// "Mr. King", "Sen. Jane Roe": the honorific belongs to the name.
		if fs.isPunct(i-1, ".") && fs.is(i-2, qcHonorific) {
			i -= 2
		} else if fs.is(i-1, qcHonorific) {
			i--
		}
		return &quoteSpeaker{span: fs.spanOf(i, j+1), mention: -1, name: name, of: -1}, i
	}
	return nil, -1
}

// nameMention reports whether token k is outside mentions or in a place
// or country mention, which a longer personal name may hold ("Cameron
// Easley", "Douglas Holtz-Eakin").
func (fs *frameScan) nameMention(k int) bool {
	m := fs.toks[k].m
	if m < 0 {
		return true
	}
	t := fs.sc.a.Mentions[m].Type
	return (t == news.Place || t == news.Country) && fs.mentionStart(k) == k && fs.mentionEnd(k) == k+1
}

// isCapitalMetonym reports whether a place mention stands for its
// government ("Washington said"): a capital or a country.
func isCapitalMetonym(m *news.Mention) bool {
	return strings.Contains(m.Rule, "capital") || strings.Contains(m.Rule, "metonym")
}

// npWord reports whether token k may stand before a source noun in its
// noun phrase: a determiner, a number, an adjective or a nationality.
func (fs *frameScan) npWord(k int) bool {
	if m := fs.toks[k].m; m >= 0 {
		t := fs.sc.a.Mentions[m].Type
		w := fs.low(k)
		return t == news.Country || t == news.Org || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
	}
	lw := fs.lexAt(k)
	return !lw.is(qcNPStop) && len(lw.verbs) == 0
}

// extendDeterminers moves i back over the determiners and numbers before
// a mention: "three officials", "a senior".
func (fs *frameScan) extendDeterminers(i int) int {
	for n := 0; n < 3 && i > 0 && fs.isWord(i-1) && fs.toks[i-1].m < 0; n++ {
		if fs.is(i-1, qcQuantifier) {
			i--
			continue
		}
		if _, err := strconv.Atoi(fs.low(i - 1)); err == nil {
			i--
			continue
		}
		break
	}
	return i
}

// apposition reads the speaker before a comma: the head of "X, who ...,"
// or "X, a spokeswoman,", or the name in "the governor, Ana Silva,".
func (fs *frameScan) apposition(j, depth int) (*quoteSpeaker, int) {
	c2 := -1
	for k := j - 1; k >= 0 && k >= j-25; k-- {
		if fs.isPunct(k, ",") {
			c2 = k
			break
		}
		if fs.isPunct(k, ";") || fs.isPunct(k, ":") {
			return nil, -1
		}
	}
	if c2 < 1 || c2 == j-1 {
		return nil, -1
	}
	// "the governor, Ana Silva, said": the apposition is the name.
	if m := fs.toks[c2+1].m; m >= 0 && fs.mentionEnd(c2+1) == j && fs.sc.a.Mentions[m].Type == news.Person &&
		fs.sc.a.Mentions[m].Actor.Name != "" {
		return &quoteSpeaker{span: fs.spanOf(c2+1, j), mention: m, of: -1}, c2 + 1
	}
	if n0, n1 := fs.lastName(c2+1, j); n0 == c2+1 && n1 == j && n1-n0 >= 2 && fs.isWord(c2-1) && !fs.capitalised(c2-1) && fs.lexAt(c2-1).isSource {
		// "Bloomberg's pollster, Douglas Schoen, says": a role and the
		// name of the one who holds it.
		return &quoteSpeaker{span: fs.spanOf(n0, n1), mention: fs.personIn(n0, n1), name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}, n0
	}
	if fs.appositive(c2 + 1) {
		// "Scott Pruitt, the attorney general of Oklahoma, one of the
		// states suing, said": the head of the first phrase speaks.
		if depth < 2 {
			if who, i := fs.apposition(c2, depth+1); who != nil {
				return who, i
			}
		}
		if who, i := fs.speakerBeforeDepth(c2-1, depth+1); who != nil {
			return who, i
		}
	}
	// "His former partner, Lawrence B. Cummings, called him ...".
	if n0, n1 := fs.lastName(c2+1, j); n1 == j && n1-n0 >= 2 && n0 <= c2+3 {
		return &quoteSpeaker{span: fs.spanOf(c2+1, j), mention: fs.personIn(n0, n1), name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}, c2 + 1
	}
	return nil, -1
}

// nameAfterQuote returns the speaker named right after a quote whose
// description runs over several commas up to the comma at token j:
// `"...," Mr. Roe, now 81 and retired in Dayton, Ohio, said`. It returns
// nil and -1 when no quote stands shortly before j.
func (fs *frameScan) nameAfterQuote(j int) (*quoteSpeaker, int) {
	q := -1
	for k := j - 1; k >= 0 && k >= j-25; k-- {
		if fs.isQuote(k) {
			q = k
			break
		}
		if fs.isPunct(k, ";") || fs.isPunct(k, ":") {
			return nil, -1
		}
	}
	if q < 0 {
		return nil, -1
	}
	s := q + 1
	if fs.isPunct(s, ",") {
		s++
	}
	c := s
	for c < j && !fs.isPunct(c, ",") {
		c++
	}
	e := c - 1
	if fs.isPunct(e, ".") && fs.capitalised(e-1) {
		e--
	}
	switch fs.low(e) {
	case "jr", "sr", "ii", "iii":
		e-- // "James B. Roe Jr., the director of ..."
	}
	if c >= j || e < s {
		return nil, -1
	}
	who, i := fs.speakerEndingAt(e)
	if who == nil || i < s || i > s+4 || who.pronoun != "" || who.source.Noun != "" {
		return nil, -1
	}
	for k := s; k < i; k++ {
		if !fs.nameWord(k) && !fs.isPunct(k, ".") {
			return nil, -1 // "John Q. Doe": first names the mention left out
		}
	}
	who.span.Start = fs.toks[s].start
	if who.mention >= 0 && fs.sc.a.Mentions[who.mention].Type != news.Person {
		return nil, -1
	}
	return who, i
}

// personIn returns the person mention among tokens [i, j), or -1.
func (fs *frameScan) personIn(i, j int) int {
	for k := i; k < j; k++ {
		if m := fs.toks[k].m; m >= 0 && fs.sc.a.Mentions[m].Type == news.Person && fs.sc.a.Mentions[m].Rule != "pronoun" {
			return m
		}
	}
	return -1
}

// appositive reports whether the words at k begin an apposition or a
// relative clause.
func (fs *frameScan) appositive(k int) bool {
	if !fs.isWord(k) {
		return false
	}
	if fs.is(k, qcAppositive) {
		return true
	}
	w := fs.low(k)
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return true
	}
	if strings.Contains(w, "-") && len(w) <= 8 {
		return true // "R-Ky.", "D-Mass."
	}
	if fs.is(k, qcParty) {
		return true // "Steve Cohen, Democrat of Tennessee, told ..."
	}
	if fs.toks[k].m >= 0 {
		return true
	}
	return !fs.capitalised(k)
}

// speakerAfter returns the speaker whose words start at token k ("said
// Foreign Minister Sergey Lavrov", "said a spokesman for the ministry")
// and the token after them.
func (fs *frameScan) speakerAfter(k int) (*quoteSpeaker, int) {
	if !fs.isWord(k) || fs.isVerbLike(k) && !fs.nameStart(k) || fs.low(k) == "of" || fs.low(k) == "for" {
		return nil, k
	}
	if fs.low(k+1) == "of" && fs.is(k, qcQuantifier) && !isNominalDeterminer(fs.low(k)) || fs.low(k) == "one" && fs.low(k+1) == "of" {
		// "said one of those advisers": a member of the group speaks.
		j := k + 2
		if fs.low(j) == "the" || fs.low(j) == "those" || fs.low(j) == "these" || fs.low(j) == "his" || fs.low(j) == "her" || fs.low(j) == "their" {
			j++
		}
		if who, e := fs.speakerAfter(j); who != nil && who.pronoun == "" {
			w := *who
			w.span.Start = fs.toks[k].start
			return &w, e
		}
		return nil, k
	}
	if w := fs.low(k); (w == "one" || w == "another") && (k+1 == len(fs.toks) || fs.toks[k+1].kind == tokPunct) {
		// `"...," read one.`, `"...," tweeted another.`: one of the
		// speakers or writings named before.
		return &quoteSpeaker{span: fs.spanOf(k, k+1), mention: -1, source: kb.SpeechSource{Noun: w, Kind: kb.SourcePerson}, name: fs.word(k), of: -1}, k + 1
	}
	if fs.isPronoun(k) {
		if k+1 < len(fs.toks) && fs.toks[k+1].kind != tokPunct {
			return nil, k // "said she was worried": the clause's subject
		}
		return &quoteSpeaker{span: fs.spanOf(k, k+1), mention: fs.toks[k].m, pronoun: fs.low(k), of: -1}, k + 1
	}
	// The noun phrase runs to punctuation (but the full stop of "Leonard
	// E. Burman"), a preposition or a clause word.
	e := k
	for e < len(fs.toks) && e < k+8 {
		if fs.isWord(e) {
			// A word inside the mention that runs on is a name's ("said
			// White House Press Secretary Josh Earnest").
			inName := e > k && fs.toks[e].m >= 0 && fs.toks[e].m == fs.toks[e-1].m
			if e > k && !inName && (fs.low(e) == "for" || fs.low(e) == "of") && fs.roleOfName(e) {
				e += 2 // "said master of ceremonies Jane Roe"
				continue
			}
			if e > k && !inName && (fs.isVerbLike(e) || fs.low(e) == "for" || fs.low(e) == "of") {
				break
			}
			if e > k && fs.lexAt(e-1).isSource && !fs.capitalised(e) && strings.HasSuffix(fs.low(e), "ed") {
				break // "a spokesman faxed editors": the verb after the head
			}
			e++
			continue
		}
		if (fs.isPunct(e, ".") || fs.isPunct(e, "-")) && fs.toks[e].start == fs.toks[e-1].end && fs.isWord(e+1) && fs.capitalised(e+1) {
			e++
			continue
		}
		break
	}
	if e == k {
		return nil, k
	}
	ms := fs.sc.a.Mentions
	// A person named in it, the last name of capitalised words, a source
	// noun, an organisation: in that order.
	for h := e - 1; h >= k; h-- {
		if m := fs.toks[h].m; m >= 0 && ms[m].Type == news.Person && ms[m].Rule != "pronoun" && fs.mentionStart(h) >= k {
			return &quoteSpeaker{span: fs.spanOf(k, e), mention: m, of: -1}, e
		}
	}
	if n0, n1 := fs.lastName(k, e); n1 > n0 {
		if m := fs.toks[n0].m; m >= 0 && fs.mentionStart(n0) == n0 && fs.mentionEnd(n0) == n1 && ms[m].Type != news.Place {
			return &quoteSpeaker{span: fs.spanOf(k, e), mention: m, of: -1}, e
		}
		return &quoteSpeaker{span: fs.spanOf(k, e), mention: -1, name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}, e
	}
	for h := e - 1; h >= k; h-- {
		lw := fs.lexAt(h)
		if !lw.isSource {
			continue
		}
		if h < e-1 && fs.nominal(k, e-1) {
			// "said a former campaign staffer": the source noun is a
			// modifier of the phrase's head.
			return fs.nominalSpeaker(k, e-1), e
		}
		src := lw.source
		who := &quoteSpeaker{span: fs.spanOf(k, h+1), mention: fs.mentionIn(k, h), source: src, name: fs.word(h), of: -1}
		end := h + 1
		if fs.modifierStart(end) && fs.low(end) != "with" {
			// "a person with knowledge of the talks" speaks for no one.
			stop := end
			for stop < len(fs.toks) && stop < end+6 && fs.isWord(stop) {
				stop++
			}
			if who.of = fs.bodyIn(end, stop); who.of >= 0 {
				end = fs.mentionEnd(fs.firstTokOf(who.of, end))
				who.span.End = fs.toks[end-1].end
			}
		}
		return who, end
	}
	if m := fs.mentionIn(k, e); m >= 0 {
		return &quoteSpeaker{span: fs.spanOf(k, e), mention: m, of: -1}, e
	}
	if fs.nominal(k, e-1) {
		// `"...," said the 43-year-old`, `said a retired teacher`.
		return fs.nominalSpeaker(k, e-1), e
	}
	return nil, k
}

// roleOfName reports whether the "of" or "for" at token k joins a role
// of two nouns that a person's name follows: "master of ceremonies Jane
// Roe", "head of security John Doe"; not "a spokesman for Jane Roe".
func (fs *frameScan) roleOfName(k int) bool {
	if fs.lexAt(k-1).isSource || !fs.isWord(k+1) || fs.capitalised(k+1) || fs.isVerbLike(k+1) {
		return false
	}
	m := fs.mentionAt(k + 2)
	return m >= 0 && fs.mentionStart(k+2) == k+2 && fs.sc.a.Mentions[m].Type == news.Person && fs.sc.a.Mentions[m].Rule != "pronoun"
}

// nameStart reports whether the capitalised word at k begins a name
// although the lexicon knows it as a verb: "said Will Doyle", "said State
// Senator Jane Roe".
func (fs *frameScan) nameStart(k int) bool {
	return fs.capitalised(k) && (fs.toks[k].m >= 0 || fs.capitalised(k+1))
}

// isVerbLike reports words that cannot stand inside a speaker's name:
// verbs, conjunctions and prepositions that start a new clause.
func (fs *frameScan) isVerbLike(k int) bool {
	lw := fs.lexAt(k)
	return lw.is(qcVerbLike) || len(lw.verbs) > 0
}

// lastName returns the tokens of the last run of capitalised words among
// [k, e) that can be a name: not a sentence word, a month or a day, with
// an honorific or an initial inside.
func (fs *frameScan) lastName(k, e int) (int, int) {
	n1 := e
	for n1 > k && !fs.nameWord(n1-1) {
		n1--
	}
	n0 := n1
	for n0 > k && (fs.nameWord(n0-1) || fs.isPunct(n0-1, ".") && fs.nameWord(n0-2)) {
		n0--
	}
	for n0 < n1 && fs.is(n0, qcHonorific) {
		n0++
		if fs.isPunct(n0, ".") {
			n0++
		}
	}
	return n0, n1
}

// nameWord reports whether token k is a capitalised word that may belong
// to a name.
func (fs *frameScan) nameWord(k int) bool {
	if !fs.capitalised(k) {
		return false
	}
	w := fs.low(k)
	if (w == "a" || w == "an") && !fs.isPunct(k+1, ".") {
		return false // the article opening a sentence, not an initial
	}
	return !isNameStopWord(w) && !isCalendarName(w) || fs.is(k, qcHonorific)
}

// firstTokOf returns the first token at or after k inside mention m.
func (fs *frameScan) firstTokOf(m, k int) int {
	for k < len(fs.toks) && fs.toks[k].m != m {
		k++
	}
	return min(k, len(fs.toks)-1)
}

// possessive reports whether the word w ends with 's.
func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// mentionAt returns the mention of token k, or -1.
func (fs *frameScan) mentionAt(k int) int {
	if k < 0 || k >= len(fs.toks) {
		return -1
	}
	return fs.toks[k].m
}
