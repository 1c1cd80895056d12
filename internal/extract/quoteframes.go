package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// quoteFrame is one or more sentences of a paragraph joined where a quote
// runs across their ends.
type quoteFrame struct {
	span        news.Span
	first, last int // sentences (positions in a.Sentences)
	para        int
}

// buildFrames joins the sentences into frames.
func (sc *quoteScan) buildFrames() {
	ss := sc.a.Sentences
	join := make([]bool, len(ss)) // join[i]: sentence i continues the frame of i-1
	for _, p := range sc.pairs {
		o := p.outer()
		i := sort.Search(len(ss), func(k int) bool { return ss[k].Span.End > o.Start })
		for k := i + 1; k < len(ss) && ss[k].Span.Start < o.End; k++ {
			join[k] = true
		}
	}
	for i := 1; i < len(ss); i++ {
		if join[i] {
			continue
		}
		// The sentence after a quote runs on over the initials and
		// honorifics the splitter cut it at.
		next := ss[i].Span
		for k := i + 1; k < len(ss) && k < i+4 && sc.endsWithInitial(ss[k-1].Span, ss[k].Span); k++ {
			next.End = ss[k].Span.End
		}
		if sc.cueFollows(ss[i-1].Span, next) || sc.endsWithInitial(ss[i-1].Span, ss[i].Span) {
			join[i] = true
		}
	}
	para := 0
	for i, s := range ss {
		if s.Span.Start < 0 || s.Span.End > len(sc.text) || s.Span.Start >= s.Span.End {
			continue
		}
		if i > 0 && len(sc.frames) > 0 {
			prev := sc.frames[len(sc.frames)-1]
			gap := sc.text[min(prev.span.End, s.Span.Start):s.Span.Start]
			if strings.Contains(gap, "\n") || strings.TrimSpace(gap) != "" {
				para++
			}
			if join[i] {
				fr := &sc.frames[len(sc.frames)-1]
				fr.span.End = max(fr.span.End, s.Span.End)
				fr.last = i
				continue
			}
		}
		sc.frames = append(sc.frames, quoteFrame{span: s.Span, first: i, last: i, para: para})
	}
}

// endsWithInitial reports whether the sentence prev ends with the initial
// of a name, or an honorific, that the sentence next, on the same line,
// goes on with: "said Sen. Robert P." and "Casey Jr., a backer.".
func (sc *quoteScan) endsWithInitial(prev, next news.Span) bool {
	if prev.End > next.Start || prev.End-prev.Start < 3 || strings.ContainsAny(sc.text[prev.End:next.Start], "\n") {
		return false
	}
	t := sc.text[prev.Start:prev.End]
	n := len(t)
	if t[n-1] != '.' {
		return false
	}
	if t[n-3] != ' ' || t[n-2] < 'A' || t[n-2] > 'Z' {
		// "the mayor's niece, state Del." and "Jane Roe": an honorific
		// the splitter took for a sentence end.
		w := t[strings.LastIndexByte(t[:n-1], ' ')+1 : n-1]
		if len(w) > 4 || w == "" || w[0] < 'A' || w[0] > 'Z' || !sc.f.wordIs(strings.ToLower(w), qcHonorific) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(sc.text[next.Start:])
	return unicode.IsUpper(r)
}

// cueFollows reports whether a sentence that ends with a quote closed by
// a question or exclamation mark is continued by the next one, which
// starts with its cue: `"Why now?" she asked.`
func (sc *quoteScan) cueFollows(prev, next news.Span) bool {
	if prev.End > next.Start || strings.ContainsAny(sc.text[prev.End:next.Start], "\n") {
		return false
	}
	k := sort.Search(len(sc.pairs), func(i int) bool { return sc.pairs[i].close+sc.pairs[i].cn >= prev.End })
	if k == len(sc.pairs) || sc.pairs[k].close+sc.pairs[k].cn != prev.End || sc.pairs[k].cn == 0 {
		return false
	}
	if strings.ContainsAny(sc.text[prev.End:next.Start+min(3, next.End-next.Start)], "—―–-") {
		return true // `"..." — Jane Roe`
	}
	// `"... 'what can we do to help?'"`: the marks of a nested quote
	// stand after its end.
	in := strings.TrimRightFunc(sc.text[sc.pairs[k].open:sc.pairs[k].close], func(r rune) bool {
		return unicode.IsSpace(r) || r == '\'' || r == '’'
	})
	r, _ := utf8.DecodeLastRuneInString(in)
	if r == '.' {
		// `"... the report." Roe said.`: a sentence that is only a
		// speaker and a cue attributes the quote before it.
		// So does one that opens with a name and a reporting verb:
		// `"..." Roe told reporters on a call.`
		return sc.cueOnly(next) || sc.cueLead(next)
	}
	if r != '?' && r != '!' && r != '…' {
		return false
	}
	if sc.cueLead(next) {
		// `"...!" Roe, the head of the group, said on Friday.`
		return true
	}
	words, last := 0, ""
	for i := next.Start; i < next.End && words < 7; {
		r, n := utf8.DecodeRuneInString(sc.text[i:])
		if !isWordRune(r) {
			if r == ',' || r == ';' || r == '.' && !sc.f.wordIs(last, qcHonorific) && len(last) > 1 {
				return false // the cue must come before the clause ends
			}
			i += n
			continue
		}
		j := wordEnd(sc.text, i, next.End)
		last = sc.low[i:j]
		if lw := sc.f.lex[sc.low[i:j]]; lw != nil && len(lw.verbs) > 0 {
			return true
		}
		words++
		i = j
	}
	return false
}

// cueLead reports whether the sentence s opens with one to three
// capitalised words and a reporting verb that is no participle, the way
// a speaker signs the quote before it: "Roe told reporters on a call.",
// "Jane Roe said in a statement.".
func (sc *quoteScan) cueLead(s news.Span) bool {
	words, appos, desc := 0, false, false
	for i := s.Start; i < s.End; {
		r, n := utf8.DecodeRuneInString(sc.text[i:])
		if r == ' ' || r == '\u00a0' {
			i += n
			continue
		}
		if !isWordRune(r) {
			if r == '.' && words > 0 {
				i += n // "Sen. Roe"
				continue
			}
			if r == ',' && words > 0 && !appos {
				// "Roe, a retired teacher, said ...": past the
				// apposition.
				c := strings.Index(sc.text[i+n:s.End], ", ")
				if c < 0 || c > 150 {
					return false
				}
				i, appos = i+n+c+2, true
				continue
			}
			return false
		}
		j := wordEnd(sc.text, i, s.End)
		w := sc.low[i:j]
		if lw := sc.f.lex[w]; lw != nil && len(lw.verbs) > 0 && words > 0 && (!unicode.IsUpper(r) || appos) {
			// "Roe, the head of the group, Tweeted": a verb after the
			// apposition, whatever its case.
			return !strings.HasSuffix(w, "ing")
		}
		if appos && len(w) > 4 && strings.HasSuffix(w, "ly") {
			i = j // "..., said pleasantly"
			continue
		}
		if appos {
			return false
		}
		// "The mayor's niece, Jane Roe, shouted", "Roe's aide, John Doe,
		// said": a description before the name set off by commas.
		if words == 0 && (isNominalDeterminer(w) || w == "his" || w == "her" || w == "their" || possessive(w)) {
			desc, words, i = true, 1, j
			continue
		}
		if desc && !unicode.IsUpper(r) && words < 6 {
			words++
			i = j
			continue
		}
		if !unicode.IsUpper(r) || words == 3 || isNameStopWord(w) {
			return false
		}
		words++
		i = j
	}
	return false
}

// cueOnly reports whether the sentence s is a speaker and a reporting
// verb alone, at most four words ending with the verb: "Roe said.",
// "the minister added.".
func (sc *quoteScan) cueOnly(s news.Span) bool {
	words, verb := 0, false
	for i := s.Start; i < s.End; {
		r, n := utf8.DecodeRuneInString(sc.text[i:])
		if !isWordRune(r) {
			if r != '.' && r != ' ' && r != '\u00a0' || r == '.' && verb && strings.TrimSpace(sc.text[i+n:s.End]) != "" {
				return false
			}
			i += n
			continue
		}
		j := wordEnd(sc.text, i, s.End)
		words++
		lw := sc.f.lex[sc.low[i:j]]
		verb = lw != nil && len(lw.verbs) > 0 && words > 1
		i = j
	}
	return words <= 4 && verb
}

// Token kinds of a frame.
const (
	tokWord uint8 = iota
	tokPunct
	tokQuote
)

// qtok is a word, a punctuation mark or a whole quote of a frame.
type qtok struct {
	start, end int
	kind       uint8
	m          int      // mention index, or -1
	q          int      // pair index for a quote
	lex        *lexWord // for a word the lexicon knows
}

// frameScan is the state of one frame.
type frameScan struct {
	sc       *quoteScan
	fi       int
	toks     []qtok
	cues     []cueHit
	firstOut int // the first quote of the frame in sc.out
}

// tokenize cuts the frame into tokens; quotes are single tokens.
func (sc *quoteScan) tokenize(fr quoteFrame) []qtok {
	t := sc.text
	toks := sc.tokBuf[:0]
	defer func() { sc.tokBuf = toks[:0] }()
	pi := sort.Search(len(sc.pairs), func(k int) bool { return sc.pairs[k].open >= fr.span.Start })
	mi := sort.Search(len(sc.byPos), func(k int) bool { return sc.a.Mentions[sc.byPos[k]].Span.End > fr.span.Start })
	for i := fr.span.Start; i < fr.span.End; {
		if pi < len(sc.pairs) && sc.pairs[pi].open == i {
			p := sc.pairs[pi]
			toks = append(toks, qtok{start: p.open, end: p.close + p.cn, kind: tokQuote, m: -1, q: pi})
			i = max(i+1, p.close+p.cn)
			pi++
			continue
		}
		if c := t[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r':
				i++
				continue
			case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			default:
				toks = append(toks, qtok{start: i, end: i + 1, kind: tokPunct, m: -1, q: -1})
				i++
				pi = skipPairsBefore(sc.pairs, pi, i)
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += n
			continue
		case isWordRune(r):
			j := wordEnd(t, i, fr.span.End)
			toks = append(toks, qtok{start: i, end: j, kind: tokWord, m: -1, q: -1, lex: sc.f.lex[sc.low[i:j]]})
			i = j
		default:
			toks = append(toks, qtok{start: i, end: i + n, kind: tokPunct, m: -1, q: -1})
			i += n
		}
		pi = skipPairsBefore(sc.pairs, pi, i)
	}
	ms := sc.a.Mentions
	for k := range toks {
		if toks[k].kind == tokQuote {
			continue
		}
		for mi < len(sc.byPos) && ms[sc.byPos[mi]].Span.End <= toks[k].start {
			mi++
		}
		if mi < len(sc.byPos) {
			// A token may run past its mention by a possessive:
			// "Doe's".
			if m := ms[sc.byPos[mi]]; m.Span.Start <= toks[k].start && toks[k].start < m.Span.End && !sc.inQ[sc.byPos[mi]] {
				toks[k].m = sc.byPos[mi]
			}
		}
	}
	return toks
}

// skipPairsBefore returns the first pair at or after pi that opens at or
// after i: a mark inside a word opens no quote token.
func skipPairsBefore(pairs []quotePair, pi, i int) int {
	for pi < len(pairs) && pairs[pi].open < i {
		pi++
	}
	return pi
}

// wordEnd returns the end of the word starting at i: letters and digits
// joined by an apostrophe, a hyphen, a full stop or an ampersand.
func wordEnd(t string, i, end int) int {
	j := i
	for j < end {
		if c := t[j]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[j:])
		if isWordRune(r) {
			j += n
			continue
		}
		switch r {
		case '\'', '’', '-', '.', '&', '‑', '/':
			if j+n < end {
				if r2, _ := utf8.DecodeRuneInString(t[j+n:]); isWordRune(r2) {
					j += n
					continue
				}
			}
		}
		break
	}
	return j
}

// is reports whether token k is a word of one of the classes c.
func (fs *frameScan) is(k int, c quoteClass) bool { return fs.lexAt(k).is(c) }

// lexAt returns what the lexicon knows of token k.
func (fs *frameScan) lexAt(k int) *lexWord {
	if k < 0 || k >= len(fs.toks) || fs.toks[k].lex == nil {
		return &fs.sc.f.unknown
	}
	return fs.toks[k].lex
}

func (fs *frameScan) low(k int) string {
	if k < 0 || k >= len(fs.toks) || fs.toks[k].kind == tokQuote {
		return ""
	}
	return fs.sc.low[fs.toks[k].start:fs.toks[k].end]
}

func (fs *frameScan) word(k int) string {
	if k < 0 || k >= len(fs.toks) {
		return ""
	}
	return fs.sc.text[fs.toks[k].start:fs.toks[k].end]
}

func (fs *frameScan) isWord(k int) bool {
	return k >= 0 && k < len(fs.toks) && fs.toks[k].kind == tokWord
}

func (fs *frameScan) isPunct(k int, p string) bool {
	return k >= 0 && k < len(fs.toks) && fs.toks[k].kind == tokPunct && fs.word(k) == p
}

func (fs *frameScan) isQuote(k int) bool {
	return k >= 0 && k < len(fs.toks) && fs.toks[k].kind == tokQuote
}

func (fs *frameScan) capitalised(k int) bool {
	if !fs.isWord(k) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(fs.word(k))
	return unicode.IsUpper(r)
}

// isPronoun reports whether token k is a personal pronoun that can speak.
func (fs *frameScan) isPronoun(k int) bool {
	switch fs.low(k) {
	case "he", "she", "it", "they", "we", "i":
		return true
	}
	return false
}

// cueHit is a reporting cue of a frame with the speaker it names.
type cueHit struct {
	k, end    int // the cue's tokens
	verb      kb.SpeechVerb
	according bool
	who       *quoteSpeaker
	inverted  bool // the speaker follows the cue
	left      int  // first token of the cue and its speaker
	right     int  // token after the cue, its speaker, hearer, channel and adverbs
	content   int  // token where a reported clause starts, or -1
	used      bool // attributes a quote
	stated    bool // has been reported as a statement
}

// skipNounPhraseBack returns the determiner before the lower-case words
// of a short noun phrase that ends at token k: the "a" of "a brief
// statement". It returns k when no such word stands there.
func (fs *frameScan) skipNounPhraseBack(k int) int {
	for j := k; j >= 0 && j > k-4; j-- {
		if !fs.isWord(j) || fs.capitalised(j) || fs.isVerbLike(j) {
			return k
		}
		if fs.is(j-1, qcNounMarker) {
			return j - 1
		}
	}
	return k
}

// skipModifier returns the token after the phrase at k that modifies a
// speaker named after its cue, up to the next punctuation: `"...," said
// one person with knowledge of the talks, who ...`, `wrote a man calling
// himself Jo`. It returns k when no such phrase of at most ten words
// stands there.
func (fs *frameScan) skipModifier(k int) int {
	if !fs.isWord(k) || !fs.modifierStart(k) {
		return k
	}
	for j := k + 1; j < len(fs.toks) && j <= k+10; j++ {
		if fs.isQuote(j) {
			return k
		}
		if fs.toks[j].kind == tokPunct && !fs.isPunct(j, "-") && !(fs.isPunct(j, ".") && fs.capitalised(j-1) && fs.isWord(j+1)) {
			return j
		}
	}
	return k
}

// quoteFollows reports whether a quote opens at token k, after a comma or
// a colon.
func (fs *frameScan) quoteFollows(k int) bool {
	if fs.isPunct(k, ",") || fs.isPunct(k, ":") {
		k++
	}
	return fs.isQuote(k)
}

// phraseAt returns the length and kind of the speech phrase at token k.
func (fs *frameScan) phraseAt(k int) (int, kb.PhraseKind) {
	for _, p := range fs.lexAt(k).phrases {
		if k+len(p.Words) > len(fs.toks) {
			continue
		}
		ok := true
		for i, w := range p.Words {
			if fs.low(k+i) != w {
				ok = false
				break
			}
		}
		if ok {
			return len(p.Words), p.Kind
		}
	}
	return 0, ""
}

// skippable returns the length of the adverb or channel phrase at k, or 0.
func (fs *frameScan) skippable(k int) int {
	if !fs.isWord(k) || k > 0 && fs.capitalised(k) && !isCalendarName(fs.low(k)) {
		return 0 // "Will urged ...": a name, not an auxiliary
	}
	if n, kind := fs.phraseAt(k); n > 0 && (kind == kb.PhraseAdverb || kind == kb.PhraseChannel) {
		return n
	}
	if w := fs.low(k); len(w) > 4 && strings.HasSuffix(w, "ly") && !fs.lexAt(k).isSource {
		return 1
	}
	return 0
}

// skipForward returns the first token at or after k that no adverb or
// channel phrase covers.
func (fs *frameScan) skipForward(k int) int {
	for n := 0; n < 8 && k < len(fs.toks); n++ {
		s := fs.skippable(k)
		if s == 0 {
			// "in a statement on Monday", "on Telegram": a short phrase
			// that ends before "that", a colon or a quote.
			if e := fs.prepPhrase(k); e > k {
				k = e
				continue
			}
			break
		}
		k += s
	}
	return k
}

// prepPhrase returns the end of a short prepositional phrase at k that
// runs up to "that", a colon, a comma or a quote, or k.
func (fs *frameScan) prepPhrase(k int) int {
	if !fs.is(k, qcPrepPhrase) {
		return k
	}
	for j := k + 1; j < len(fs.toks) && j <= k+6; j++ {
		if fs.low(j) == "that" || fs.isPunct(j, ":") || fs.isQuote(j) {
			return j
		}
		if fs.isPunct(j, ",") {
			// "at a stop in Toledo, Ohio, that ...": a place after a comma.
			if e := j + 1; fs.capitalised(e) && fs.isPunct(e+1, ",") && (fs.low(e+2) == "that" || fs.isQuote(e+2)) {
				return e + 2
			}
			return j
		}
		if j > k+1 && fs.isPronoun(j) && fs.low(j) != "it" {
			return j // "said after the convention he would ..."
		}
		if !fs.isWord(j) {
			return k
		}
	}
	return k
}

// skipBack returns the last token at or before k that no adverb phrase
// covers.
func (fs *frameScan) skipBack(k int) int {
	for n := 0; n < 6 && k >= 0; n++ {
		moved := false
		for l := min(k+1, 5); l >= 1; l-- {
			if s := fs.skippable(k - l + 1); s == l {
				k -= l
				moved = true
				break
			}
		}
		if !moved {
			break
		}
	}
	return k
}

// skipAudience returns the token after the hearer of "told", "warned"
// and "asked": a mention, an object pronoun or a short noun phrase.
func (fs *frameScan) skipAudience(k int) int {
	if k >= len(fs.toks) || !fs.isWord(k) || fs.low(k) == "that" {
		return k
	}
	if m := fs.toks[k].m; m >= 0 {
		for k < len(fs.toks) && fs.toks[k].m == m {
			k++
		}
		return k
	}
	switch {
	case fs.low(k) == "her":
		if fs.isWord(k+1) && (fs.low(k+2) == "that" || fs.quoteFollows(k+2)) {
			return k + 2 // "told her supporters that", "told her aides, "...""
		}
		return k + 1
	case fs.is(k, qcHearer):
		return k + 1
	case fs.is(k, qcHearerDet):
		if fs.isWord(k+1) && fs.low(k+1) != "that" {
			if fs.isWord(k+2) && fs.low(k+2) != "that" && !fs.is(k+2, qcClauseSubject) {
				return k + 3
			}
			return k + 2
		}
	}
	return k
}

// clauseStart reports whether a reported clause without "that" starts at
// token k: a subject-like word, and at least three words to the frame's
// end.
func (fs *frameScan) clauseStart(k int) bool {
	if !fs.isWord(k) || len(fs.toks)-k < 3 {
		return false
	}
	if fs.low(k) == "about" {
		r, _ := utf8.DecodeRuneInString(fs.word(k + 1))
		return unicode.IsDigit(r) // "said about 20 people ..."
	}
	if fs.is(k, qcNotClause) {
		return false
	}
	words := 0
	for j := k; j < len(fs.toks) && words < 3; j++ {
		if fs.isWord(j) || fs.isQuote(j) {
			words++
		}
	}
	return words >= 3
}
