package extract

import (
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Quote finding reads an article after its mentions are resolved and
// reports who said what, in three passes over the text:
//
//  1. Quote marks are paired into top-level quotes: straight and curly
//     double quotes, '' and ``, single quotes (nested inside double ones, or
//     on their own as British news uses them), guillemets « » and » «,
//     „low-high“ quotes and corner brackets. A quote that is still open at
//     the end of a paragraph whose successor starts with an opening mark is
//     carried over: each paragraph's part becomes a quote of its own, and
//     the later parts take the speaker of the first. One quote per
//     paragraph keeps every quote inside the sentences of one paragraph
//     and matches how news lays such quotes out.
//  2. Sentences are joined into frames where a quote runs across a
//     sentence end, and the words of each frame outside its quotes are
//     searched for reporting cues (verbs.tsv, "according to") with their
//     speaker: the mention, pronoun, source noun ("officials") or name
//     before the cue, or after it ("...," said the minister).
//  3. Each quote is classified by where it stands: a quote that starts its
//     clause next to a cue is direct; one inside reported speech is
//     partial; a quote with no cue in its frame is direct when it is the
//     whole sentence (and then continues the speaker of the frame before,
//     when there is one) or else a scare quote, title or nickname, which
//     never gets a speaker. Reported clauses ("X said the talks would
//     resume", "..., officials said", "according to X, ...") are indirect.

// QuoteFinder finds the quotes of an article and attributes them to
// speakers. It is built once from the speech lexicon and is safe for
// concurrent use.
type QuoteFinder struct {
	lex     map[string]*lexWord // lower-case word -> what the speech lexicon knows of it
	unknown lexWord             // the entry of every other word; never written
}

// lexWord is what the speech lexicon knows of one word.
type lexWord struct {
	verbs    []kb.SpeechVerb   // reporting verbs it is a form of, phrasal ones first
	phrases  []kb.SpeechPhrase // speech phrases it starts, longest first
	source   kb.SpeechSource   // the source noun it is, when isSource
	isSource bool
}

// NewQuoteFinder returns a finder that knows the reporting verbs, phrases
// and source nouns of s. With a nil lexicon it finds quotes by their marks
// only and attributes none.
func NewQuoteFinder(s *kb.Speech) *QuoteFinder {
	f := &QuoteFinder{lex: make(map[string]*lexWord)}
	if s == nil {
		return f
	}
	word := func(w string) *lexWord {
		if f.lex[w] == nil {
			f.lex[w] = &lexWord{}
		}
		return f.lex[w]
	}
	s.VerbForms(func(form string, v kb.SpeechVerb) { lw := word(form); lw.verbs = append(lw.verbs, v) })
	for _, lw := range f.lex {
		slices.SortFunc(lw.verbs, func(a, b kb.SpeechVerb) int {
			if len(a.Rest) != len(b.Rest) {
				return len(b.Rest) - len(a.Rest)
			}
			return strings.Compare(a.Cue, b.Cue)
		})
	}
	for _, p := range s.Phrases() {
		lw := word(p.Words[0])
		lw.phrases = append(lw.phrases, p)
	}
	s.Sources(func(src kb.SpeechSource) {
		for _, w := range []string{src.Noun, src.Plural} {
			if w != "" {
				lw := word(w)
				lw.source, lw.isSource = src, true
			}
		}
	})
	return f
}

// Quotes sets a.Quotes: the quotes found in a.Text outside the removed
// spans, in text order, attributed through a.Mentions (resolved) where the
// text names a speaker.
func (f *QuoteFinder) Quotes(a *news.Article) {
	a.Quotes = nil
	if a.Text == "" || len(a.Sentences) == 0 {
		return
	}
	sc := &quoteScan{f: f, a: a, text: a.Text, low: asciiLower(a.Text)}
	sc.pairMarks()
	sc.pairQuote = make([]int, len(sc.pairs))
	for i := range sc.pairQuote {
		sc.pairQuote[i] = -1
	}
	sc.out = make([]news.Quote, 0, len(sc.pairs)+len(a.Sentences)/2)
	sc.indexMentions()
	sc.buildFrames()
	for fi := range sc.frames {
		sc.frame(fi)
	}
	sc.fillCarried()
	byStart := func(x, y news.Quote) int {
		if x.Span.Start != y.Span.Start {
			return x.Span.Start - y.Span.Start
		}
		return x.Span.End - y.Span.End
	}
	if !slices.IsSortedFunc(sc.out, byStart) {
		slices.SortStableFunc(sc.out, byStart)
	}
	a.Quotes = sc.out
}

// asciiLower lowers the ASCII letters of s, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// quoteScan is the state of one Quotes call.
type quoteScan struct {
	f      *QuoteFinder
	a      *news.Article
	text   string
	low    string
	pairs  []quotePair
	frames []quoteFrame
	inQ    []bool // mention -> inside a quote
	byPos  []int  // mention indices by start
	out    []news.Quote
	// the latest attributed statement: its speaker, frame and cue
	last        *quoteSpeaker
	lastF       int
	lastCue     string
	lastNear    bool          // the statement only introduces a quote in its own paragraph
	lastPerson  *quoteSpeaker // the latest person to speak
	lastPersonF int
	pairQuote   []int     // pair -> its quote in out, or -1
	fs          frameScan // the frame being read, reused
	tokBuf      []qtok
}

// ---- pass 1: quote marks ----

type markFamily uint8

const (
	famDouble markFamily = iota + 1 // " “ ” „ '' ``
	famSingle                       // ' ‘ ’ ‚
	famAngle                        // « »
	famAngle1                       // ‹ ›
	famCorner                       // 「 」 『 』
)

// quoteMark is one quote mark in the text: a character, or two
// apostrophes or backticks that stand for a double quote.
type quoteMark struct {
	pos, n      int
	fam         markFamily
	open, close bool
	weak        bool // a closer that may be an apostrophe ("the ministers' plan")
}

// quotePair is a top-level quote: the marks at open and close (close is
// the paragraph end, with cn 0, for a quote carried to the next
// paragraph).
type quotePair struct {
	open, on  int
	close, cn int
	fam       markFamily
	carried   bool // runs to its paragraph's end without a closing mark
	cont      bool // continues the quote carried from the paragraph before
}

// inner returns the span between the marks.
func (p quotePair) inner() news.Span { return news.Span{Start: p.open + p.on, End: p.close} }

// outer returns the span with the marks.
func (p quotePair) outer() news.Span { return news.Span{Start: p.open, End: p.close + p.cn} }

// markAt classifies the quote mark at byte i, if there is one.
func (sc *quoteScan) markAt(i int) (quoteMark, bool) {
	t := sc.text
	if i >= len(t) {
		return quoteMark{}, false
	}
	r, n := utf8.DecodeRuneInString(t[i:])
	prev, _ := utf8.DecodeLastRuneInString(t[:i])
	if i == 0 {
		prev = ' '
	}
	nextAt := func(j int) rune {
		if j >= len(t) {
			return ' '
		}
		r, _ := utf8.DecodeRuneInString(t[j:])
		return r
	}
	next := nextAt(i + n)
	m := quoteMark{pos: i, n: n}
	before := isOpenContext(prev)
	after := isCloseContext(next)
	switch r {
	case '"':
		m.fam, m.open, m.close = famDouble, before || !after && !isWordRune(prev), !before || after
	case '\'':
		if next == '\'' {
			next = nextAt(i + 2)
			m.n, m.fam = 2, famDouble
			after = isCloseContext(next)
			m.open, m.close = before || !after && !isWordRune(prev), !before || after
			break
		}
		if isWordRune(prev) && isWordRune(next) {
			return m, false // an apostrophe: don't, Israel's
		}
		m.fam = famSingle
		m.open = before && isWordRune(next)
		m.close = !unicode.IsSpace(prev) && !isWordRune(next)
		m.weak = m.close && (prev == 's' || prev == 'S') && next == ' ' && isWordRune(nextAt(i+n+1))
	case '`':
		if next == '`' {
			m.n, m.fam, m.open = 2, famDouble, true
			break
		}
		m.fam, m.open = famSingle, true
	case '“':
		m.fam = famDouble
		m.close = !unicode.IsSpace(prev) && !before && after
		m.open = !m.close
	case '”':
		m.fam, m.close = famDouble, true
		m.open = before && isWordRune(next)
	case '„':
		m.fam, m.open = famDouble, true
	case '‘':
		if isWordRune(prev) && isWordRune(next) {
			return m, false
		}
		m.fam = famSingle
		m.close = !unicode.IsSpace(prev) && !before && after
		m.open = !m.close
	case '’':
		if isWordRune(prev) && isWordRune(next) {
			return m, false
		}
		m.fam = famSingle
		m.open = before && isWordRune(next)
		m.close = !unicode.IsSpace(prev) && !isWordRune(next)
		m.weak = m.close && (prev == 's' || prev == 'S') && next == ' ' && isWordRune(nextAt(i+n+1))
	case '‚':
		m.fam, m.open = famSingle, true
	case '«':
		m.fam, m.open = famAngle, true
		m.close = !unicode.IsSpace(prev) && !before && after
		m.open = !m.close
	case '»':
		m.fam, m.close = famAngle, true
		m.open = before && isWordRune(next)
	case '‹':
		m.fam = famAngle1
		m.close = !unicode.IsSpace(prev) && !before && after
		m.open = !m.close
	case '›':
		m.fam, m.close = famAngle1, true
		m.open = before && isWordRune(next)
	case '「', '『':
		m.fam, m.open = famCorner, true
	case '」', '』':
		m.fam, m.close = famCorner, true
	default:
		return m, false
	}
	return m, m.open || m.close
}

// isOpenContext reports whether a rune before a mark lets it open a
// quote: white space, an opening bracket or dash, or another mark.
func isOpenContext(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', '“', '‘', '"', '\'', '„', '‚', '«', '‹', '»', '\u00a0':
		return true
	}
	return unicode.IsSpace(r)
}

// isCloseContext reports whether a rune after a mark lets it close a
// quote: white space, punctuation or another mark.
func isCloseContext(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '\u00a0'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// pairMarks finds the top-level quotes of the text.
func (sc *quoteScan) pairMarks() {
	t := sc.text
	var stack []quoteMark
	cont := false
	removed := sortedRemovals(sc.a.Removed, len(t))
	ri := 0
	// drop ends the open quote at a paragraph end: a quote opened at the
	// start of its paragraph (or after a colon) without a closing mark runs
	// to the paragraph's end; any other is a stray mark.
	drop := func(end int) {
		if len(stack) > 0 && stack[0].fam != famSingle && opensParagraph(t, stack[0].pos) {
			sc.addPair(stack[0], trimEnd(t, stack[0].pos+stack[0].n, end), 0, true, cont)
		}
		stack, cont = stack[:0], false
	}
	for i := 0; i < len(t); {
		if ri < len(removed) && i >= removed[ri].Start {
			drop(removed[ri].Start)
			i = max(i, removed[ri].End)
			ri++
			continue
		}
		c := t[i]
		if c == '\n' {
			if len(stack) > 0 {
				j := i
				for j < len(t) && (t[j] == '\n' || t[j] == ' ' || t[j] == '\t' || t[j] == '\r') {
					j++
				}
				blank := strings.Count(t[i:j], "\n") > 1
				if nm, ok := sc.markAt(j); ok && nm.open && nm.fam == stack[0].fam {
					sc.addPair(stack[0], trimEnd(t, stack[0].pos+stack[0].n, i), 0, true, cont)
					stack, cont = stack[:0], true
				} else if blank || endsSentence(t[:i]) {
					drop(i)
				}
				i = j
				continue
			}
			i++
			continue
		}
		if c < 0x80 && c != '"' && c != '\'' && c != '`' {
			i++
			continue
		}
		m, ok := sc.markAt(i)
		if !ok {
			_, n := utf8.DecodeRuneInString(t[i:])
			i += n
			continue
		}
		i += m.n
		handled := false
		if m.close {
			for d := len(stack) - 1; d >= 0; d-- {
				if stack[d].fam != m.fam {
					continue
				}
				if m.weak && d == 0 && sc.strongCloserAhead(i, m.fam) {
					break
				}
				if d == 0 {
					sc.addPair(stack[0], m.pos, m.n, false, cont)
					cont = false
				}
				stack = stack[:d]
				handled = true
				break
			}
		}
		if handled || !m.open {
			continue
		}
		if len(stack) == 0 && m.fam == famSingle && !sc.closerAhead(i, famSingle) && !opensParagraph(t, m.pos) {
			continue // an apostrophe that opens nothing: the '90s, 'em
		}
		stack = append(stack, m)
	}
	drop(len(t))
}

// strongCloserAhead reports whether a closing mark of the family that is
// no apostrophe follows in the same paragraph before an opening one.
func (sc *quoteScan) strongCloserAhead(i int, fam markFamily) bool {
	return sc.scanAhead(i, fam, true)
}

// closerAhead reports whether any closing mark of the family follows in
// the same paragraph.
func (sc *quoteScan) closerAhead(i int, fam markFamily) bool {
	return sc.scanAhead(i, fam, false)
}

func (sc *quoteScan) scanAhead(i int, fam markFamily, strong bool) bool {
	t := sc.text
	end := min(len(t), i+2000)
	for j := i; j < end; {
		if t[j] == '\n' && j+1 < len(t) && t[j+1] == '\n' {
			return false
		}
		c := t[j]
		if c < 0x80 && c != '\'' && c != '"' {
			j++
			continue
		}
		m, ok := sc.markAt(j)
		if !ok {
			_, n := utf8.DecodeRuneInString(t[j:])
			j += n
			continue
		}
		if m.fam == fam {
			if m.close && (!strong || !m.weak) {
				return true
			}
			if strong && m.open && !m.close {
				return false
			}
		}
		j += m.n
	}
	return false
}

// addPair records a top-level quote whose text is not empty.
func (sc *quoteScan) addPair(o quoteMark, close, cn int, carried, cont bool) {
	p := quotePair{open: o.pos, on: o.n, close: close, cn: cn, fam: o.fam, carried: carried, cont: cont}
	if close < o.pos+o.n || !hasWordRune(sc.text[p.open+p.on:p.close]) {
		return
	}
	sc.pairs = append(sc.pairs, p)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// opensParagraph reports whether only white space, a dash or a colon
// stands between the paragraph start and i.
func opensParagraph(t string, i int) bool {
	j := strings.LastIndexByte(t[:i], '\n') + 1
	s := strings.TrimSpace(t[j:i])
	return s == "" || s == "—" || s == "-" || s == "–" || strings.HasSuffix(s, ":")
}

// trimEnd returns end moved back over white space, but not before start.
func trimEnd(t string, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(t[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// endsSentence reports whether s ends, before white space, with a
// sentence's end or a closing mark: a line break after it ends a
// paragraph rather than wrapping one.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\r")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', '”', '"', '’', '»', '…':
		return true
	}
	return false
}

// sortedRemovals returns the removed spans within n, sorted.
func sortedRemovals(rs []news.Removal, n int) []news.Span {
	out := make([]news.Span, 0, len(rs))
	for _, r := range rs {
		s := news.Span{Start: max(r.Span.Start, 0), End: min(r.Span.End, n)}
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b news.Span) int { return a.Start - b.Start })
	return out
}

// indexMentions marks the mentions inside quotes and orders them by
// position.
func (sc *quoteScan) indexMentions() {
	ms := sc.a.Mentions
	sc.inQ = make([]bool, len(ms))
	sc.byPos = make([]int, len(ms))
	for i, m := range ms {
		sc.byPos[i] = i
		sc.inQ[i] = sc.pairAt(m.Span.Start) >= 0
	}
	slices.SortStableFunc(sc.byPos, func(x, y int) int { return ms[x].Span.Start - ms[y].Span.Start })
}

// pairAt returns the quote whose inner span holds offset off, or -1.
func (sc *quoteScan) pairAt(off int) int {
	k := sort.Search(len(sc.pairs), func(i int) bool { return sc.pairs[i].close > off })
	if k < len(sc.pairs) && sc.pairs[k].open+sc.pairs[k].on <= off {
		return k
	}
	return -1
}

// ---- pass 2: frames and cues ----

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
		if !join[i] && sc.cueFollows(ss[i-1].Span, ss[i].Span) {
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
	in := strings.TrimRightFunc(sc.text[sc.pairs[k].open:sc.pairs[k].close], unicode.IsSpace)
	if r, _ := utf8.DecodeLastRuneInString(in); r != '?' && r != '!' && r != '…' {
		return false
	}
	words, last := 0, ""
	for i := next.Start; i < next.End && words < 7; {
		r, n := utf8.DecodeRuneInString(sc.text[i:])
		if !isWordRune(r) {
			if r == ',' || r == ';' || r == '.' && !isHonorific(last) && len(last) > 1 {
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
			// "Clinton's".
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

// cueText returns the words of the cue.
func (fs *frameScan) cueText(h *cueHit) string {
	return fs.sc.text[fs.toks[h.k].start:fs.toks[h.end-1].end]
}

// findCues finds the reporting cues of the frame.
func (fs *frameScan) findCues() {
	for k := 0; k < len(fs.toks); k++ {
		if !fs.isWord(k) {
			continue
		}
		if n, kind := fs.phraseAt(k); n > 0 && (kind == kb.PhraseAccording || kind == kb.PhraseQuoted) {
			h := cueHit{k: k, end: k + n, content: -1, according: kind == kb.PhraseAccording}
			if h.according {
				h.who, h.right = fs.speakerAfter(k + n)
				h.left, h.inverted = k, true
				// "according to figures published in February, ...".
				for j := h.right; j < len(fs.toks) && j < h.right+6 && fs.isWord(j); j++ {
					if fs.isPunct(j+1, ",") {
						h.right = j + 1
					}
				}
				if fs.isPunct(h.right, ",") {
					h.content = h.right + 1
				}
			} else {
				h.verb = kb.SpeechVerb{Cue: "say", Kind: "say"}
				h.who, h.left = fs.speakerBefore(fs.skipBack(k - 1))
				h.right = fs.skipForward(k + n)
			}
			if h.who != nil {
				fs.cues = append(fs.cues, h)
				k += n - 1
			}
			continue
		}
		for _, v := range fs.lexAt(k).verbs {
			end := k + 1
			ok := true
			for _, w := range v.Rest {
				if fs.low(end) != w {
					ok = false
					break
				}
				end++
			}
			if !ok || fs.nounUse(k) {
				continue
			}
			h := cueHit{k: k, end: end, verb: v, content: -1}
			fs.attach(&h)
			if h.who != nil {
				fs.cues = append(fs.cues, h)
				k = end - 1
			}
			break
		}
	}
}

// nounUse reports whether the cue word at k is a noun or an adjective
// here: "the report", "his claims", "so-called".
func (fs *frameScan) nounUse(k int) bool {
	p := fs.low(k - 1)
	switch p {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
		"whose", "any", "no", "every", "each", "such", "to":
		return true
	case "was", "were", "is", "are", "be", "been", "being":
		// "was said", "is called": passive; "is labeling": the speaker's.
		return !strings.HasSuffix(fs.low(k), "ing")
	}
	if strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "’s") {
		return true
	}
	return false
}

// attach finds the speaker of a verb cue and the extent of its frame.
func (fs *frameScan) attach(h *cueHit) {
	k, end := h.k, h.end
	w := fs.low(k)
	participle := strings.HasSuffix(w, "ing") && !strings.HasPrefix(h.verb.Cue, w)
	if participle {
		// "..., saying ...", "..., adding that ...": the speaker of the
		// clause before.
		if p := fs.low(k - 1); p == "while" || p == "when" || p == "after" || p == "before" || p == "by" {
			// "... looping the streets while chanting, "..."".
			if h.who = fs.clauseSubject(k); h.who != nil {
				h.left, h.right = k, fs.skipForward(end)
			}
			return
		}
		if !fs.isPunct(k-1, ",") && fs.low(k-1) != "and" {
			// "footage of Clinton asking, "...?"": the words before speak
			// when a quote follows.
			q := fs.skipForward(end)
			if fs.isPunct(q, ",") || fs.isPunct(q, ":") {
				q++
			}
			if !fs.isQuote(q) {
				return
			}
			h.who, h.left = fs.speakerBefore(k - 1)
			if h.who != nil && h.who.source.Noun == "" && (h.who.mention >= 0 || h.who.name != "") {
				h.right = fs.skipForward(end)
			} else {
				h.who = nil
			}
			return
		}
		for i := len(fs.cues) - 1; i >= 0; i-- {
			if fs.cues[i].who != nil {
				h.who, h.left = fs.cues[i].who, k
				break
			}
		}
		if h.who == nil {
			if who := fs.clauseSubject(k); who != nil {
				h.who, h.left = who, k
			}
		}
	} else {
		b := fs.skipBack(k - 1)
		inv := h.verb.Invert && (b < 0 || fs.isPunct(b, ",") || fs.isQuote(b) || fs.isPunct(b, "—"))
		if inv {
			if who, right := fs.speakerAfter(fs.skipForward(end)); who != nil && fs.endsClause(right) {
				h.who, h.inverted, h.left = who, true, k
				end = right
			}
		}
		if h.who == nil {
			h.who, h.left = fs.speakerBefore(b)
		}
		if h.who == nil && (fs.low(b) == "and" || fs.low(b) == "but") {
			// "... supports the plan but has said she will ...": the
			// subject of the first verb.
			if h.who = fs.clauseSubject(b); h.who != nil {
				h.left = k
			}
		}
		if h.who != nil && h.verb.Kind == "call" && h.who.source.Noun != "" {
			h.who = nil // "a group called ...": a name, not a speaker
			return
		}
	}
	if h.who == nil {
		return
	}
	j := fs.skipForward(end)
	if h.verb.Audience && !h.inverted {
		j = fs.skipForward(fs.skipAudience(j))
	}
	h.right = j
	switch {
	case h.verb.That && fs.low(j) == "that" && j+1 < len(fs.toks):
		h.content = j + 1
	case h.verb.Bare && fs.clauseStart(j):
		h.content = j
	}
}

// clauseSubject returns the subject of the clause a participle cue at k
// hangs from: the last mention or pronoun before it that opens a clause
// (at the frame's start, after a comma or a conjunction) and is followed
// by a verb-like lower-case word. "During the speech, Trump attacked
// Clinton ..., saying ..." gives Trump.
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
		opens := i == 0 || fs.isPunct(i-1, ",") || fs.low(i-1) == "and" || fs.low(i-1) == "but" || embedded && isClauseOpener(fs.low(i-1))
		m := fs.toks[i].m
		if opens && m < 0 && !fs.isPronoun(i) && fs.nameWord(i) {
			// "Dean, a former chairman, poked at ...": a name the
			// recogniser left out.
			if n0, n1 := fs.lastName(i, min(i+4, k)); n0 == i && n1 > i && (fs.isPunct(n1, ",") || fs.isWord(n1) && !fs.capitalised(n1)) {
				best = &quoteSpeaker{span: fs.spanOf(n0, n1), mention: -1, name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}
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
		if fs.isPunct(e, ",") && (i == 0 || fs.isPunct(i-1, ",") && m >= 0 && fs.isWord(e+1) && !fs.capitalised(e+1)) {
			// "Dean, a former chairman, ..."; "The Home Secretary,
			// Yvette Cooper, has ...".
			if who := fs.speakerAt(i, e); who != nil {
				best = who
			}
			i = e - 1
			continue
		}
		if fs.isWord(e) && !fs.capitalised(e) && !isModifierStart(fs.low(e)) && fs.low(e) != "and" {
			if who := fs.speakerAt(i, e); who != nil {
				best = who
			}
		}
		i = e - 1
	}
	return best
}

// colonSpeaker returns the speaker of a quote after the colon at token c
// when no cue names one: the name that is all the words before it, as in
// a transcript ("Rep. Jane Roe (R-Ohio): "..."), or the subject of the
// clause before it ("Obama is rolling out a new message: "It's about
// me."").
func (fs *frameScan) colonSpeaker(c int) *quoteSpeaker {
	if who, i := fs.speakerBefore(c - 1); who != nil && i == 0 && who.pronoun == "" {
		return who
	}
	return fs.subjectOf(c, true)
}

// isClauseOpener reports the words after which a clause with its own
// subject starts.
func isClauseOpener(w string) bool {
	switch w {
	case "and", "but", "that", "when", "because", "so", "while", "as", "after", "before", "then":
		return true
	}
	return false
}

// speakerAt returns the mention or pronoun of tokens [i, e) as a speaker.
func (fs *frameScan) speakerAt(i, e int) *quoteSpeaker {
	who := &quoteSpeaker{span: fs.spanOf(i, e), mention: fs.toks[i].m, of: -1}
	if fs.isPronoun(i) && e == i+1 {
		who.pronoun = fs.low(i)
	}
	if who.mention >= 0 && fs.sc.a.Mentions[who.mention].Type == news.Place {
		return nil
	}
	return who
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
	switch fs.low(k) {
	case "in", "on", "at", "during", "after", "before", "via", "through", "from", "to", "with", "late", "early":
	default:
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
	switch fs.low(k) {
	case "her":
		if fs.isWord(k+1) && fs.low(k+2) == "that" {
			return k + 2 // "told her supporters that"
		}
		return k + 1
	case "him", "them", "us", "me", "you", "reporters", "journalists", "lawmakers", "supporters",
		"parliament", "congress", "viewers", "listeners", "followers", "residents":
		return k + 1
	case "the", "a", "an", "his", "their", "its":
		if fs.isWord(k+1) && fs.low(k+1) != "that" {
			if fs.isWord(k+2) && fs.low(k+2) != "that" && !fs.clauseWord(k+2) {
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
	switch fs.low(k) {
	case "to", "so", "nothing", "something", "anything", "yes", "goodbye", "hello", "thanks", "thank",
		"sorry", "of", "in", "on", "at", "for", "with", "by", "from", "during", "after", "before", "as",
		"while", "when", "if", "whether", "what", "how", "why", "where", "who", "which", "but", "and", "or",
		"than", "into", "over", "under", "goodnight", "please", "hi", "out", "up", "more", "less", "much":
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

// clauseWord reports words that start a clause after a hearer.
func (fs *frameScan) clauseWord(k int) bool {
	switch fs.low(k) {
	case "he", "she", "it", "they", "we", "i", "there", "the", "a", "an", "this", "his", "her", "their":
		return true
	}
	return false
}

// isPronoun reports whether token k is a personal pronoun that can speak.
func (fs *frameScan) isPronoun(k int) bool {
	switch fs.low(k) {
	case "he", "she", "it", "they", "we", "i":
		return true
	}
	return false
}

// ---- speakers ----

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
		return fs.apposition(j, depth+1)
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
		if fs.toks[h].m >= 0 && fs.toks[h].m == fs.toks[h+1].m || !isModifierStart(fs.low(h+1)) {
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

// isModifierStart reports words that begin a phrase after a speaker's
// head noun.
func isModifierStart(w string) bool {
	if len(w) > 5 && strings.HasSuffix(w, "ing") {
		return true // "protesters marching through the streets"
	}
	switch w {
	case "close", "familiar", "with", "for", "of", "from", "in", "at", "on", "by", "involved", "briefed",
		"knowledgeable", "speaking", "who", "representing", "inside", "within", "near":
		return true
	}
	return false
}

// bodyIn returns the body a speaker's modifier names among tokens [i, j)
// ("a spokesman for the ministry", "an aide to Smith"), or -1. A country
// or a place after "in" is where the speaker is, not whom they speak for.
func (fs *frameScan) bodyIn(i, j int) int {
	m := fs.mentionIn(i, j)
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
			for i > 0 && j-i < 3 && fs.nameWord(i-1) && !isHonorific(fs.low(i-1)) && fs.nameMention(i-1) {
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
		}
		who := &quoteSpeaker{span: fs.spanOf(i, j+1), mention: fs.mentionIn(i, j), source: src, name: fs.word(j), of: -1}
		// "Clinton's team", "the ministry's statement": the possessor.
		if m := who.mention; m >= 0 {
			if e := fs.sc.a.Mentions[m].Span.End; e+3 <= len(fs.sc.text) && (fs.sc.text[e:e+2] == "'s" || fs.sc.text[e:e+3] == "’s") {
				who.of = m
			}
		}
		return who, i
	}
	if fs.capitalised(j) && !isNameStopWord(w) && (!isCalendarName(w) || fs.nameWord(j-1)) {
		i := j
		for i > 0 && j-i < 3 && fs.nameWord(i-1) && !isHonorific(fs.low(i-1)) && fs.nameMention(i-1) {
			i--
		}
		name := fs.sc.text[fs.toks[i].start:fs.toks[j].end]
		// "Mr. King", "Sen. Jane Roe": the honorific belongs to the name.
		if fs.isPunct(i-1, ".") && isHonorific(fs.low(i-2)) {
			i -= 2
		} else if isHonorific(fs.low(i - 1)) {
			i--
		}
		return &quoteSpeaker{span: fs.spanOf(i, j+1), mention: -1, name: name, of: -1}, i
	}
	return nil, -1
}

// isHonorific reports the titles that stand before a surname.
func isHonorific(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "prof", "rev", "sir",
		"dame", "lord", "lady", "president", "senator", "governor", "minister", "judge", "justice", "mayor":
		return true
	}
	return false
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
	w := fs.low(k)
	switch w {
	case "that", "this", "these", "those", "and", "or", "but", "said", "says", "told", "in", "on", "at", "of",
		"for", "with", "by", "from", "to", "as", "he", "she", "it", "they", "we", "i", "who", "which", "is",
		"are", "was", "were", "has", "have", "had", "not", "while", "when", "after", "before":
		return false
	}
	if len(fs.lexAt(k).verbs) > 0 {
		return false
	}
	return true
}

// extendDeterminers moves i back over the determiners and numbers before
// a mention: "three officials", "a senior".
func (fs *frameScan) extendDeterminers(i int) int {
	for n := 0; n < 3 && i > 0 && fs.isWord(i-1) && fs.toks[i-1].m < 0; n++ {
		switch w := fs.low(i - 1); w {
		case "a", "an", "the", "one", "two", "three", "four", "five", "six", "several", "many", "some", "senior",
			"top", "other", "two-", "both", "most", "more", "few", "former", "local", "unnamed":
			i--
			continue
		default:
			if _, err := strconv.Atoi(w); err == nil {
				i--
				continue
			}
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
	w := fs.low(k)
	switch w {
	case "who", "which", "a", "an", "the", "his", "her", "its", "their", "now", "then", "formerly", "himself",
		"herself", "also", "speaking", "according", "in", "at", "on", "whose", "chief", "head":
		return true
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return true
	}
	if strings.Contains(w, "-") && len(w) <= 8 {
		return true // "R-Ky.", "D-Mass."
	}
	switch w {
	case "democrat", "republican", "independent", "labour", "conservative", "liberal":
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
	if !fs.isWord(k) || fs.isVerbLike(k) || fs.low(k) == "of" || fs.low(k) == "for" {
		return nil, k
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
			if e > k && (fs.isVerbLike(e) || fs.low(e) == "for" || fs.low(e) == "of") {
				break
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
		src := lw.source
		who := &quoteSpeaker{span: fs.spanOf(k, h+1), mention: fs.mentionIn(k, h), source: src, name: fs.word(h), of: -1}
		end := h + 1
		if isModifierStart(fs.low(end)) {
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
	return nil, k
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
	for n0 < n1 && isHonorific(fs.low(n0)) {
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
	return !isNameStopWord(w) && !isCalendarName(w) || isHonorific(w)
}

// firstTokOf returns the first token at or after k inside mention m.
func (fs *frameScan) firstTokOf(m, k int) int {
	for k < len(fs.toks) && fs.toks[k].m != m {
		k++
	}
	return min(k, len(fs.toks)-1)
}

// personBySurname returns the first person mention whose name ends with
// the word w, or -1.
func (sc *quoteScan) personBySurname(w string) int {
	if len(w) < 3 {
		return -1
	}
	for i, m := range sc.a.Mentions {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		n := m.Actor.Name
		if strings.HasSuffix(n, w) && (len(n) == len(w) || n[len(n)-len(w)-1] == ' ') {
			return i
		}
	}
	return -1
}

// resolve returns the actor a speaker names, or nil when the text does
// not say who it is.
func (sc *quoteScan) resolve(who *quoteSpeaker) *news.Actor {
	if who == nil {
		return nil
	}
	if who.actor != nil {
		return who.actor
	}
	var a news.Actor
	ms := sc.a.Mentions
	switch {
	case who.source.Noun != "":
		a = sc.sourceActor(who)
	case who.mention >= 0 && ms[who.mention].Rule == "pronoun":
		got, ok := sc.pronounAntecedent(who.mention, who.span.Start, news.Person)
		if !ok {
			return nil
		}
		a = got
		if r := ms[who.mention].Ref; a.Name == "" && r >= 0 && r < len(ms) {
			a.Name = roleName(ms[r].Text) // "he" after "the minister"
		}
	case who.mention >= 0 && who.of >= 0:
		// "the spokesman for the ministry": the body speaks.
		a = ms[who.of].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.of].Text)
		}
		a.Role = strings.ToLower(roleName(ms[who.mention].Text))
	case who.mention >= 0:
		m := &ms[who.mention]
		a = m.Actor
		if a.Name == "" {
			a.Name = roleName(m.Text)
		}
	case who.pronoun == "i":
		// Outside quotes, "I" is the writer.
		name := sc.a.Author
		if name == "" {
			name = sc.a.Byline
		}
		if name == "" {
			return nil
		}
		a = news.Actor{Name: name}
	case who.pronoun == "we":
		return nil // the writer's side, or a group the sentence does not name
	case who.pronoun != "":
		typ := news.EntityType("")
		if who.pronoun == "he" || who.pronoun == "she" {
			typ = news.Person
		}
		got, ok := sc.pronounAntecedent(-1, who.span.Start, typ)
		if !ok {
			return nil
		}
		a = got
	default:
		if m := sc.personBySurname(lastWord(who.name)); m >= 0 {
			a = ms[m].Actor
		} else {
			a = news.Actor{Name: who.name}
		}
	}
	if a.IsZero() {
		return nil
	}
	who.actor = &a
	who.typ = news.Person
	switch {
	case who.mention >= 0 && ms[who.mention].Rule != "pronoun":
		who.typ = ms[who.mention].Type
		if strings.Contains(ms[who.mention].Rule, "institution") {
			who.typ = news.Org // a group speaks like a body: "they said"
		}
	case who.source.Kind == kb.SourceOrg || who.source.Noun != "" && strings.EqualFold(who.name, who.source.Plural):
		who.typ = news.Org
	case who.pronoun == "it" || who.pronoun == "they":
		who.typ = news.Org
	}
	return who.actor
}

func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

// roleName returns the name of an actor known only by a role or group
// noun: "the minister" gives "minister".
func roleName(text string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		text = strings.TrimPrefix(text, d)
	}
	return text
}

// sourceActor returns the actor of a source noun phrase: the body it
// speaks for, or the group itself with the country and sector the phrase
// gives.
func (sc *quoteScan) sourceActor(who *quoteSpeaker) news.Actor {
	ms := sc.a.Mentions
	if who.of >= 0 && (who.source.Kind != kb.SourcePerson || who.source.Sector == "" || ms[who.of].Type == news.Org) {
		a := ms[who.of].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.of].Text)
		}
		if who.source.Kind == kb.SourcePerson {
			a.Role = strings.ToLower(who.name)
		}
		return a
	}
	if who.source.Kind == kb.SourceDocument {
		// "the ruling said": the document stands for its unnamed author.
		return news.Actor{Name: roleName(sc.text[who.span.Start:who.span.End])}
	}
	if who.source.Kind == kb.SourceOrg && who.mention >= 0 && ms[who.mention].Type == news.Org {
		// "the United Nations humanitarian office": the body named.
		a := ms[who.mention].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.mention].Text)
		}
		return a
	}
	a := news.Actor{Name: strings.ToLower(who.name), Sector: who.source.Sector}
	if who.mention >= 0 {
		m := ms[who.mention].Actor
		a.Country = m.Country
		if m.Sector != "" && (m.Entity == "" || ms[who.mention].Type != news.Country) {
			a.Sector = m.Sector
		}
	}
	return a
}

// pronounAntecedent returns the actor a speaking pronoun stands for: the
// resolver's, unless the nearest person before it stands inside a quote
// (the resolver does not know quotes); else the speaker of the statement
// before, or the nearest fitting mention outside quotes in the three
// sentences before. It reports false when there is none.
func (sc *quoteScan) pronounAntecedent(mi, off int, typ news.EntityType) (news.Actor, bool) {
	ms := sc.a.Mentions
	if mi >= 0 && ms[mi].Ref >= 0 && !ms[mi].Actor.IsZero() {
		near := -1
		for k := mi - 1; k >= 0 && ms[mi].Sentence-ms[k].Sentence <= 2; k-- {
			if ms[k].Type == news.Person && ms[k].Rule != "pronoun" && !strings.Contains(ms[k].Rule, "institution") {
				near = k
				break
			}
		}
		if near < 0 || !sc.inQ[near] {
			return ms[mi].Actor, true
		}
	}
	if l := sc.last; l != nil && l.actor != nil && (typ == "" || l.typ == typ) {
		return *l.actor, true
	}
	cur := sc.sentenceOf(off)
	sent, best := -1, -1
	for p := len(sc.byPos) - 1; p >= 0; p-- {
		k := sc.byPos[p]
		m := &ms[k]
		if m.Span.Start >= off || sc.inQ[k] || m.Rule == "pronoun" {
			continue
		}
		if sent >= 0 && m.Sentence != sent || cur >= 0 && sc.a.Sentences[cur].Index-m.Sentence > 3 {
			break
		}
		switch {
		case typ == news.Person && (m.Type != news.Person || strings.Contains(m.Rule, "institution") || m.Actor.IsZero()):
			continue
		case typ == "" && (m.Type == news.Place || m.Type == news.Person && !strings.Contains(m.Rule, "institution")):
			continue
		}
		sent, best = m.Sentence, k
	}
	if best < 0 {
		// No one fits nearby: the person who spoke last, if any.
		if l := sc.lastPerson; typ == news.Person && l != nil && l.actor != nil && sc.frames[sc.lastPersonF].para == sc.frames[min(sc.frameOf(off), len(sc.frames)-1)].para {
			return *l.actor, true
		}
		return news.Actor{}, false
	}
	a := ms[best].Actor
	if a.Name == "" {
		a.Name = roleName(ms[best].Text)
	}
	return a, true
}

// frameOf returns the frame that holds offset off, or len(frames).
func (sc *quoteScan) frameOf(off int) int {
	return sort.Search(len(sc.frames), func(i int) bool { return sc.frames[i].span.End > off })
}

// sentenceOf returns the position in a.Sentences of the sentence that
// holds offset off, or of the first after it; -1 when there is none.
func (sc *quoteScan) sentenceOf(off int) int {
	ss := sc.a.Sentences
	k := sort.Search(len(ss), func(i int) bool { return ss[i].Span.End > off })
	if k == len(ss) {
		return -1
	}
	return k
}

// ---- pass 3: quotes and statements ----

// frame finds the cues of frame fi and reports its quotes and reported
// clauses.
func (sc *quoteScan) frame(fi int) {
	fs := &sc.fs
	*fs = frameScan{sc: sc, fi: fi, toks: sc.tokenize(sc.frames[fi]), cues: fs.cues[:0], firstOut: len(sc.out)}
	fs.findCues()
	for qi := range fs.toks {
		if fs.toks[qi].kind == tokQuote {
			fs.quote(qi)
		}
	}
	fs.indirect()
	// A frame whose cue reports nothing yet ("Caddell continued:")
	// introduces the speaker of the quote that follows, unless a quote of
	// its own may be what the cue was about.
	if len(fs.cues) == 0 {
		// "Cooper went further:" introduces the quote that follows.
		if n := len(fs.toks); n > 1 && fs.isPunct(n-1, ":") {
			if who := fs.subjectOf(n-1, true); who != nil && sc.resolve(who) != nil {
				sc.setLast(who, fi, "")
			}
		}
		return
	}
	h := &fs.cues[len(fs.cues)-1]
	if h.stated || h.used {
		return
	}
	colon := fs.isPunct(h.right, ":") && h.right == len(fs.toks)-1
	for _, t := range fs.toks {
		if t.kind == tokQuote && !colon {
			return
		}
	}
	if sc.resolve(h.who) != nil {
		sc.setLast(h.who, fi, fs.cueText(h))
		// "Cummings called him a master at deals." introduces the
		// quote that follows in its paragraph only.
		sc.lastNear = !colon && !fs.lastContent(h.right-1)
	}
}

// continues reports whether a quote in frame fi without a cue of its own
// continues the latest statement: the statement is in the frame before
// (in this or the previous paragraph), or two frames before in this
// paragraph with no one else named in between.
func (sc *quoteScan) continues(fi int) bool {
	if sc.last == nil || sc.lastF < fi-2 {
		return false
	}
	cur, prev := sc.frames[fi], sc.frames[sc.lastF]
	if sc.lastNear && cur.para != prev.para {
		return false
	}
	if sc.lastF >= fi-1 {
		return cur.para-prev.para <= 1
	}
	if cur.para != prev.para {
		return false
	}
	mid := sc.frames[fi-1].span
	for _, k := range sc.byPos {
		m := &sc.a.Mentions[k]
		if m.Span.Start >= mid.End {
			break
		}
		if m.Span.Start >= mid.Start && !sc.inQ[k] && m.Rule != "pronoun" && (m.Type == news.Person || m.Type == news.Org) {
			return false
		}
	}
	return true
}

// setLast records the speaker of the latest statement.
func (sc *quoteScan) setLast(who *quoteSpeaker, fi int, cue string) {
	sc.last, sc.lastF, sc.lastCue, sc.lastNear = who, fi, cue, false
	if who.typ == news.Person {
		sc.lastPerson, sc.lastPersonF = who, fi
	}
}

// quote classifies and reports the quote at token qi.
func (fs *frameScan) quote(qi int) {
	sc := fs.sc
	p := sc.pairs[fs.toks[qi].q]
	span := trimQuoteText(sc.text, p.inner())
	if span.Start >= span.End {
		return
	}
	opens := fs.opensClause(qi)
	pre, sep := fs.preCue(qi)
	post := fs.postCue(qi)
	upper := startsUpper(sc.text[span.Start:span.End])
	if post != nil && (sep == ":" || endsWithStop(sc.text[p.open+p.on:p.close])) {
		post = nil // `X wrote: "A." His aide added ...`: a new sentence
	}
	switch {
	case post != nil && opens:
		post.used = true
		fs.emit(span, news.Direct, post.who, fs.cueText(post), "direct:cue-after", fs.toks[qi].q)
	case pre != nil && (sep == ":" || sep == "," || sep == "" && upper && fs.endsQuoteClause(qi) && !titleCase(sc.text[span.Start:span.End])):
		pre.used = true
		fs.emit(span, news.Direct, pre.who, fs.cueText(pre), "direct:cue-before", fs.toks[qi].q)
	case post == nil && fs.dashSigned(qi) != nil:
		fs.emit(span, news.Direct, fs.dashSigned(qi), "", "direct:signed", fs.toks[qi].q)
	case fs.isPunct(qi-1, ":") && fs.wholeClause(qi) && len(fs.cues) == 0 && fs.colonSpeaker(qi-1) != nil:
		fs.emit(span, news.Direct, fs.colonSpeaker(qi-1), "", "direct:colon", fs.toks[qi].q)
	case opens && (fs.wholeClause(qi) || fs.quoteEndsWithComma(qi)) && !titleCase(sc.text[span.Start:span.End]):
		if sc.continues(fs.fi) && !fs.isDash(qi+1) {
			fs.emit(span, news.Direct, sc.last, sc.lastCue, "direct:continued", fs.toks[qi].q)
			return
		}
		fs.emit(span, news.Direct, nil, "", "direct:unattributed", fs.toks[qi].q)
	default:
		if rule := fs.nameQuote(qi, span); rule != "" {
			fs.emit(span, news.Partial, nil, "", rule, fs.toks[qi].q)
			return
		}
		if h := fs.nearestCue(qi); h != nil {
			fs.emit(span, news.Partial, h.who, fs.cueText(h), "partial:cue", fs.toks[qi].q)
			return
		}
		fs.emit(span, news.Partial, nil, "", "scare", fs.toks[qi].q)
	}
}

// trimQuoteText trims white space and a trailing comma from the words
// between the marks: in `"...," she said` the comma is the reporter's.
func trimQuoteText(t string, s news.Span) news.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(t[s.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	s.End = trimEnd(t, s.Start, s.End)
	for s.End > s.Start && (t[s.End-1] == ',' || t[s.End-1] == ';') {
		s.End = trimEnd(t, s.Start, s.End-1)
	}
	return s
}

// endsWithStop reports whether the words of a quote end with a full stop.
func endsWithStop(s string) bool {
	return strings.HasSuffix(strings.TrimRightFunc(s, unicode.IsSpace), ".")
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// opensClause reports whether the quote at qi starts its clause: it
// opens the frame, or follows a colon, a dash, a bracket, another quote
// or a comma after one.
func (fs *frameScan) opensClause(qi int) bool {
	if qi == 0 {
		return true
	}
	if fs.isQuote(qi - 1) {
		return true
	}
	if fs.toks[qi-1].kind == tokPunct {
		switch fs.word(qi - 1) {
		case ":", ";", "…":
			return true
		case "—", "–", "-", "(", "[":
			// "welcome the governor - "my new best friend."": an
			// apposition unless a sentence starts.
			p := fs.sc.pairs[fs.toks[qi].q]
			return startsUpper(fs.sc.text[p.open+p.on : p.close])
		case ",":
			return fs.isQuote(qi-2) || fs.cueEndsAt(qi-1)
		}
	}
	return false
}

// cueEndsAt reports whether a cue group ends right before token k.
func (fs *frameScan) cueEndsAt(k int) bool {
	for i := range fs.cues {
		if fs.cues[i].right == k {
			return true
		}
	}
	return false
}

// preCue returns the cue right before the quote at qi and what separates
// them: ":", ",", "that" or nothing.
func (fs *frameScan) preCue(qi int) (*cueHit, string) {
	for i := range fs.cues {
		h := &fs.cues[i]
		switch {
		case h.right == qi:
			return h, ""
		case h.right == qi-1 && (fs.isPunct(qi-1, ":") || fs.isPunct(qi-1, ",")):
			return h, fs.word(qi - 1)
		case h.right == qi-1 && fs.low(qi-1) == "that":
			return h, "that"
		}
	}
	return nil, ""
}

// postCue returns the cue that follows the quote at qi: "...," she said;
// "...," said the minister; "...," Jane Roe, a spokeswoman, said.
// The speaker may carry words the cue's subject search left out: "Trump
// lawyer Marc Kasowitz", "IMF chief economist Maury Obstfeld".
func (fs *frameScan) postCue(qi int) *cueHit {
	from := qi + 1
	if fs.isPunct(from, ",") || fs.isPunct(from, "—") {
		from++
	}
	for i := range fs.cues {
		h := &fs.cues[i]
		if h.left < from || h.left > from+5 {
			continue
		}
		ok := true
		for k := from; k < h.left; k++ {
			if !fs.isWord(k) && !fs.isPunct(k, ".") && !fs.isPunct(k, "-") || fs.isVerbLike(k) {
				ok = false
				break
			}
		}
		if ok {
			if h.left > from && !h.inverted {
				who := *h.who
				who.span.Start = fs.toks[from].start
				h.who = &who
				h.left = from
			}
			return h
		}
	}
	return nil
}

// isVerbLike reports words that cannot stand inside a speaker's name:
// verbs, conjunctions and prepositions that start a new clause.
func (fs *frameScan) isVerbLike(k int) bool {
	switch fs.low(k) {
	case "and", "but", "or", "as", "when", "while", "after", "before", "because", "if", "is", "are", "was", "were",
		"has", "have", "had", "will", "would", "to", "that", "which", "who", "in", "on", "at", "with", "by", "from":
		return true
	}
	return len(fs.lexAt(k).verbs) > 0
}

// dashSigned returns the name after a dash that signs the quote at qi:
// "..." — Jane Roe.
func (fs *frameScan) dashSigned(qi int) *quoteSpeaker {
	if qi+2 >= len(fs.toks) || fs.toks[qi+1].kind != tokPunct {
		return nil
	}
	if !fs.isDash(qi + 1) {
		return nil
	}
	who, e := fs.speakerAfter(qi + 2)
	if who == nil || who.pronoun != "" || !fs.lastContent(e-1) && !fs.isPunct(e, ",") {
		return nil
	}
	return who
}

// endsQuoteClause reports whether the clause ends with the quote at qi:
// punctuation follows, or the quote's words end a sentence.
func (fs *frameScan) endsQuoteClause(qi int) bool {
	return fs.lastContent(qi) || fs.isPunct(qi+1, ",") || fs.wholeClause(qi)
}

// isDash reports whether token k is a dash.
func (fs *frameScan) isDash(k int) bool {
	if k < 0 || k >= len(fs.toks) || fs.toks[k].kind != tokPunct {
		return false
	}
	switch fs.word(k) {
	case "—", "―", "–", "-":
		return true
	}
	return false
}

// lastContent reports whether only punctuation follows the quote at qi.
func (fs *frameScan) lastContent(qi int) bool {
	for k := qi + 1; k < len(fs.toks); k++ {
		if fs.toks[k].kind != tokPunct {
			return false
		}
	}
	return true
}

// wholeClause reports whether the quote at qi is a sentence of its own:
// nothing but punctuation follows, or its words end a sentence.
func (fs *frameScan) wholeClause(qi int) bool {
	if fs.lastContent(qi) {
		return true
	}
	p := fs.sc.pairs[fs.toks[qi].q]
	in := strings.TrimRightFunc(fs.sc.text[p.open+p.on:p.close], unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(in)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// nearestCue returns the cue whose reported words may hold the quote at
// qi: the nearest cue before it ("said the talks were "constructive"",
// "called them "deplorables""), or else the first cue after it that
// reports no clause of its own after it ("... "a disaster," she said").
// It returns nil when no cue may report the quote.
func (fs *frameScan) nearestCue(qi int) *cueHit {
	var best *cueHit
	for i := range fs.cues {
		h := &fs.cues[i]
		switch {
		case h.k < qi:
			best = h
		case best == nil && h.content < 0:
			return h
		}
	}
	return best
}

// nameFollows reports whether the quote at qi is the name a "call" cue
// ending at token e gives: only a short object and adverbials stand
// between ("called them in an article last week, "..."").
func (fs *frameScan) nameFollows(e, qi int) bool {
	if qi-e > 8 {
		return false
	}
	for k := e; k < qi; k++ {
		if fs.isQuote(k) || fs.isPunct(k, ";") || fs.isPunct(k, ":") || fs.isPunct(k, ".") {
			return false
		}
	}
	return true
}

// nameQuote returns "title" or "nickname" when the quote at qi names
// something rather than reports words: a title after "dubbed", "the film"
// or in title case, a nickname between a first and a last name.
func (fs *frameScan) nameQuote(qi int, span news.Span) string {
	prev := fs.low(qi - 1)
	if fs.capitalised(qi-1) && fs.capitalised(qi+1) && fs.toks[qi-1].end < fs.toks[qi].start {
		return "nickname"
	}
	switch prev {
	case "so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "called", "film", "book", "song",
		"show", "album", "movie", "series", "program", "programme", "novel", "play", "documentary", "slogan",
		"hashtag", "operation", "headline", "article", "column", "memoir", "podcast", "episode", "motto",
		"chant", "chants", "poem", "painting", "exhibition", "magazine", "newspaper", "website", "blog", "site":
		for i := range fs.cues {
			if fs.cues[i].end == qi && fs.cues[i].verb.Kind == "call" && prev != "so-called" {
				return "" // "she called them "deplorables"": her word
			}
		}
		return "title"
	case "as":
		if fs.low(qi-2) == "known" {
			return "title"
		}
	}
	if titleCase(fs.sc.text[span.Start:span.End]) {
		return "title"
	}
	return ""
}

// titleCase reports whether s reads as a title: at most eight words,
// every word but the small ones capitalised, and no sentence punctuation
// but a full stop after three words or more ('All Bets Are Off.').
func titleCase(s string) bool {
	words, caps := 0, 0
	for w := range strings.FieldsSeq(s) {
		words++
		if words > 8 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			caps++
		case words > 1 && isSmallTitleWord(w):
		default:
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == '.' && words >= 3 && caps >= 3 {
		return true
	}
	return caps > 0 && r != '.' && r != '!' && r != '?' && r != ','
}

func isSmallTitleWord(w string) bool {
	if len(w) > 4 {
		return false
	}
	switch strings.ToLower(w) {
	case "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "de", "la",
		"le", "du", "des", "el", "al", "vs", "vs.", "v.", "is", "are", "as", "but", "nor":
		return true
	}
	return false
}

// indirect reports the reported clauses of the frame's cues that
// attribute no quote: "X said (that) ...", "..., X said", "according to X,
// ...", "..., according to X".
func (fs *frameScan) indirect() {
	n := len(fs.toks)
	end := n
	for end > 0 && fs.toks[end-1].kind == tokPunct {
		end--
	}
	for i := range fs.cues {
		h := &fs.cues[i]
		if h.used {
			continue
		}
		rule := "indirect:that"
		from, to := -1, end
		switch {
		case h.content >= 0 && h.content < end:
			from = h.content
			for j := i + 1; j < len(fs.cues); j++ {
				if h2 := &fs.cues[j]; h2.left > from && fs.isPunct(h2.left-1, ",") && fs.tailEnds(h2) {
					to = h2.left - 1 // "..., according to a statement."
					break
				}
			}
			if h.according {
				rule = "indirect:according"
			} else if fs.low(h.content-1) != "that" {
				rule = "indirect:clause"
			}
		case h.left > 0 && fs.tailEnds(h) && !fs.isPunct(h.right, ":") && (fs.isPunct(h.left-1, ",") || fs.isQuote(h.left-1) && fs.quoteEndsWithComma(h.left-1)) && fs.clauseBefore(h.left-1):
			from, to = 0, h.left
			if fs.isPunct(h.left-1, ",") {
				to = h.left - 1
			}
			rule = "indirect:cue-after"
			if h.according {
				rule = "indirect:according"
			}
		default:
			continue
		}
		if to-from == 1 && fs.isQuote(from) || fs.words(from, to) < 3 {
			continue
		}
		span := news.Span{Start: fs.toks[from].start, End: fs.toks[to-1].end}
		span = trimQuoteText(fs.sc.text, span)
		h.stated = true
		fs.emit(span, news.Indirect, h.who, fs.cueText(h), rule, -1)
	}
}

// clauseBefore reports whether the words before token k can be a
// reported clause, not an opening phrase alone ("After the vote, she
// told reporters").
func (fs *frameScan) clauseBefore(k int) bool {
	switch fs.low(0) {
	case "after", "before", "in", "on", "at", "during", "following", "despite", "since", "with", "for", "from",
		"amid", "when", "while", "as", "asked", "speaking", "earlier", "later":
		for j := 1; j < k; j++ {
			if fs.isPunct(j, ",") {
				return true
			}
		}
		return false
	}
	return true
}

// words counts the words and quotes among tokens [i, j).
func (fs *frameScan) words(i, j int) int {
	n := 0
	for k := max(i, 0); k < j && k < len(fs.toks); k++ {
		if fs.toks[k].kind != tokPunct {
			n++
		}
	}
	return n
}

// quoteEndsWithComma reports whether the quote token k ends with a comma
// inside its marks: `... "a disaster," she said`.
func (fs *frameScan) quoteEndsWithComma(k int) bool {
	p := fs.sc.pairs[fs.toks[k].q]
	in := strings.TrimRightFunc(fs.sc.text[p.open+p.on:p.close], unicode.IsSpace)
	return strings.HasSuffix(in, ",")
}

// tailEnds reports whether the cue group h ends its clause. "According
// to X" may run to the end of the sentence.
func (fs *frameScan) tailEnds(h *cueHit) bool {
	if h.according {
		for k := h.end; k < len(fs.toks); k++ {
			if fs.isPunct(k, ",") || fs.isQuote(k) || fs.isPunct(k, ";") {
				return fs.endsClause(k)
			}
		}
		return true
	}
	return fs.endsClause(max(h.right, h.end))
}

// endsClause reports whether the clause ends at token r: only
// punctuation, a comma or a trailing phrase follows.
func (fs *frameScan) endsClause(r int) bool {
	if r >= len(fs.toks) || fs.toks[r].kind != tokWord {
		return true
	}
	if n, kind := fs.phraseAt(r); n > 0 && kind == kb.PhraseChannel {
		return true
	}
	switch fs.low(r) {
	case "in", "on", "at", "after", "before", "during", "while", "when", "as", "citing", "adding", "noting",
		"according", "without", "amid", "following", "and", "but", "because", "since", "though", "although",
		"for", "of", "from", "with", "to", "about", "who", "whose", "speaking", "referring", "told", "said":
		return true
	}
	return false
}

// emit appends a quote and, when it has a speaker, makes it the latest
// statement.
func (fs *frameScan) emit(span news.Span, kind news.QuoteKind, who *quoteSpeaker, cue, rule string, pair int) {
	sc := fs.sc
	for _, o := range sc.out[fs.firstOut:] {
		if o.Span == span {
			return // one quote per span, so that ids stay unique
		}
	}
	q := news.Quote{
		Article: sc.a.ID,
		Text:    sc.text[span.Start:span.End],
		Kind:    kind,
		Span:    span,
		Cue:     cue,
		Rule:    rule,
	}
	q.ID = quoteID(sc.a.ID, span)
	if k := sc.sentenceOf(span.Start); k >= 0 {
		s := sc.a.Sentences[k]
		q.Sentence, q.SentText = s.Index, s.Text(sc.text)
	}
	if actor := sc.resolve(who); actor != nil {
		a := *actor
		q.Speaker, q.SpeakerSpan = &a, who.span
		sc.setLast(who, fs.fi, cue)
	}
	if pair >= 0 {
		sc.pairQuote[pair] = len(sc.out)
	}
	sc.out = append(sc.out, q)
}

// quoteID returns a stable id from the article and the quote's span.
func quoteID(a news.ArticleID, s news.Span) string {
	h := fnv.New64a()
	h.Write([]byte(a))
	var buf [24]byte
	b := append(buf[:0], 0)
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(s.End), 10)
	h.Write(b)
	return string(strconv.AppendUint(append(buf[:0], "qt-"...), h.Sum64(), 16))
}

// fillCarried gives the parts of a quote carried over paragraphs the
// speaker of the part that names one: a long quote is often attributed
// only in its last paragraph.
func (sc *quoteScan) fillCarried() {
	for i := len(sc.pairs) - 2; i >= 0; i-- {
		if !sc.pairs[i].carried || !sc.pairs[i+1].cont {
			continue
		}
		qi, qn := sc.pairQuote[i], sc.pairQuote[i+1]
		if qi < 0 || qn < 0 || sc.out[qi].Speaker != nil || sc.out[qn].Speaker == nil || sc.out[qi].Kind != news.Direct {
			continue
		}
		q, n := &sc.out[qi], sc.out[qn]
		a := *n.Speaker
		q.Speaker, q.SpeakerSpan, q.Cue, q.Rule = &a, n.SpeakerSpan, n.Cue, "direct:carried"
	}
}
