package extract

import (
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Quote finding reads an article after its mentions are resolved and
// reports who said what, in three passes over the text:
//
//  1. Quote marks are paired into top-level quotes (quotemarks.go):
//     straight and curly double quotes, '' and ``, single quotes (nested
//     inside double ones, or on their own as British news uses them),
//     guillemets « » and » «, „low-high“ quotes and corner brackets. A
//     quote that is still open at the end of a paragraph whose successor
//     starts with an opening mark is carried over: each paragraph's part
//     becomes a quote of its own, and the later parts take the speaker of
//     the first. One quote per paragraph keeps every quote inside the
//     sentences of one paragraph and matches how news lays such quotes
//     out.
//  2. Sentences are joined into frames where a quote runs across a
//     sentence end, and the words of each frame outside its quotes are
//     searched for reporting cues (verbs.tsv, "according to") with their
//     speaker: the mention, pronoun, source noun ("officials") or name
//     before the cue, or after it ("...," said the minister). Frames and
//     cues are in quoteframes.go, the words that name a speaker in
//     speakers.go and the actor they stand for in speakeractors.go.
//  3. Each quote is classified by where it stands: a quote that starts its
//     clause next to a cue is direct; one inside reported speech is
//     partial; a quote with no cue in its frame is direct when it is the
//     whole sentence (and then continues the speaker of the frame before,
//     when there is one, or is said by the person who opens a paragraph of
//     one sentence right before it: "Roe praised the plan.\n\n"It will
//     work."") or else a scare quote, title or nickname, which
//     never gets a speaker. Quoted words that a cue takes as its object
//     are said by the cue's subject ("is labeling the plan "a
//     giveaway"", "thanked him for "..."", "a sign that read "...""), and
//     so are those after a possessive ("Roe's "harbour first" pledge",
//     "in Roe's words, "..."") or after the name a headline opens with
//     ("Roe on the Deal: '...'"). Reported clauses ("X said the talks
//     would resume", "..., officials said", "according to X, ...") are
//     indirect (quotekinds.go).
//
// The closed word classes that clauses, speakers and titles are read with
// (words.tsv: honorifics, hearers, the words before a title, ...) come
// with the speech lexicon, like the reporting verbs.

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
	classes  quoteClass // the word classes of words.tsv it belongs to
}

// is reports whether the word belongs to one of the classes c.
func (lw *lexWord) is(c quoteClass) bool { return lw.classes&c != 0 }

// quoteClass is a set of the word classes of the speech lexicon
// (kb.WordClass), one bit each.
type quoteClass uint32

// Word classes; kb.WordClass documents each.
const (
	qcNounMarker quoteClass = 1 << iota
	qcCopula
	qcParticipleLead
	qcClauseOpener
	qcPrepPhrase
	qcHearer
	qcHearerDet
	qcNotClause
	qcClauseSubject
	qcModifier
	qcHonorific
	qcNPStop
	qcQuantifier
	qcAppositive
	qcParty
	qcVerbLike
	qcTitleCue
	qcTitleSmall
	qcOpening
	qcClauseTail
)

// quoteClassOf returns the bit of a word class of the lexicon, or 0 for a
// class the finder does not ask about.
func quoteClassOf(c kb.WordClass) quoteClass {
	switch c {
	case kb.WordNounMarker:
		return qcNounMarker
	case kb.WordCopula:
		return qcCopula
	case kb.WordParticipleLead:
		return qcParticipleLead
	case kb.WordClauseOpener:
		return qcClauseOpener
	case kb.WordPrepPhrase:
		return qcPrepPhrase
	case kb.WordHearer:
		return qcHearer
	case kb.WordHearerDet:
		return qcHearerDet
	case kb.WordNotClause:
		return qcNotClause
	case kb.WordClauseSubject:
		return qcClauseSubject
	case kb.WordModifier:
		return qcModifier
	case kb.WordHonorific:
		return qcHonorific
	case kb.WordNPStop:
		return qcNPStop
	case kb.WordQuantifier:
		return qcQuantifier
	case kb.WordAppositive:
		return qcAppositive
	case kb.WordParty:
		return qcParty
	case kb.WordVerbLike:
		return qcVerbLike
	case kb.WordTitleCue:
		return qcTitleCue
	case kb.WordTitleSmall:
		return qcTitleSmall
	case kb.WordOpening:
		return qcOpening
	case kb.WordClauseTail:
		return qcClauseTail
	}
	return 0
}

// NewQuoteFinder returns a finder that knows the reporting verbs, phrases,
// source nouns and word classes of s. With a nil lexicon it knows no
// words: it finds quotes by their marks and attributes only those
// introduced by a colon or signed after a dash.
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
	s.Words(func(w string, c kb.WordClass) { word(w).classes |= quoteClassOf(c) })
	return f
}

// wordIs reports whether the lower-case word w belongs to one of the
// classes c.
func (f *QuoteFinder) wordIs(w string, c quoteClass) bool {
	lw := f.lex[w]
	return lw != nil && lw.is(c)
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
	// the person a frame without quotes or cues opens with, who may say
	// the quote that makes up the next paragraph
	lead      *quoteSpeaker
	leadF     int
	named     []bool    // frame -> a person or body named by name is the subject of its clause
	pairQuote []int     // pair -> its quote in out, or -1
	fs        frameScan // the frame being read, reused
	tokBuf    []qtok
}

// frame finds the cues of frame fi and reports its quotes and reported
// clauses.
func (sc *quoteScan) frame(fi int) {
	fs := &sc.fs
	*fs = frameScan{sc: sc, fi: fi, toks: sc.tokenize(sc.frames[fi]), cues: fs.cues[:0], firstOut: len(sc.out)}
	fs.dropNicknames()
	fs.findCues()
	sc.named = append(sc.named, fs.namedSubject())
	for qi := range fs.toks {
		if fs.toks[qi].kind == tokQuote {
			fs.quote(qi)
		}
	}
	fs.indirect()
	// A frame whose cue reports nothing yet ("Caddell continued:")
	// introduces the speaker of the quote that follows, unless a quote of
	// its own may be what the cue was about.
	if !fs.reports() && !fs.quotedWords() {
		// "Roe praised the plan." may introduce the quote of the next
		// paragraph; so may "On "Morning Desk," Roe blamed the heat."
		if who := fs.openingSubject(); who != nil && sc.resolve(who) != nil && who.typ == news.Person {
			sc.lead, sc.leadF = who, fi
		}
	}
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
	if len(fs.cues) > 1 && fs.relativeBetween(fs.cues[len(fs.cues)-2].end, h.k) {
		// "the board issued a statement ..., which included staff
		// members suggesting ...": a cue inside a relative clause
		// reports on the statement, it does not make it.
		h = &fs.cues[len(fs.cues)-2]
	}
	if h.stated || h.used {
		return
	}
	// "Roe issued the following statement:" introduces the quote that
	// follows too.
	colon := fs.isPunct(len(fs.toks)-1, ":") && (h.right == len(fs.toks)-1 || !fs.quoteAfter(h.k))
	for _, t := range fs.toks {
		if t.kind == tokQuote && !colon {
			return
		}
	}
	if sc.resolve(h.who) != nil {
		sc.setLast(h.who, fi, fs.cueText(h))
		// "Cummings called him a master at deals." introduces the
		// quote that follows in its paragraph only.
		// "If anything, Roe argued, the rules ..." reports a statement
		// whose quote may follow in the next paragraph.
		// So does "Roe wrote in an op-ed for the Journal that ..."
		// and "the party issued a statement apologizing to Doe".
		sc.lastNear = !colon && !fs.lastContent(h.right-1) && !(fs.isPunct(h.right, ",") && (h.verb.That || h.verb.Invert)) &&
			!(h.verb.That && fs.thatAfter(h.right)) && !(h.verb.Kind == "say" && len(h.verb.Rest) > 1)
	}
}

// dropNicknames reports each nickname between a first and a last name as
// a quote of its own and takes it out of the frame's tokens, so that the
// name reads whole as a speaker: `Jane "Jo" Roe said`.
func (fs *frameScan) dropNicknames() {
	sc := fs.sc
	toks := fs.toks
	n := 0
	for n < len(toks) && !fs.nicknameAt(n) {
		n++
	}
	if n == len(toks) {
		return
	}
	for k := n; k < len(toks); k++ {
		t := toks[k]
		if fs.nicknameAt(k) {
			// `On "Face the Nation," Roe said`: a title ends a phrase.
			p := sc.pairs[t.q]
			span := trimQuoteText(sc.text, p.inner())
			if s := sc.text[span.Start:span.End]; span.Start < span.End && startsUpper(s) && len(strings.Fields(s)) <= 3 &&
				sc.f.nicknameLike(sc.text[p.open+p.on:p.close]) && !isNameStopWord(fs.low(k-1)) && !fs.is(k-1, qcOpening) {
				fs.emit(span, news.Partial, nil, "", "nickname", t.q)
				continue
			}
		}
		toks[n] = t
		n++
	}
	fs.toks = toks[:n]
}

// nicknameAt reports whether token k is a quote that may be a nickname:
// it stands between two capitalised words, set off by spaces.
func (fs *frameScan) nicknameAt(k int) bool {
	toks := fs.toks
	return toks[k].kind == tokQuote && k > 0 && k+1 < len(toks) && fs.capitalised(k-1) && fs.capitalised(k+1) &&
		toks[k-1].end < toks[k].start && toks[k].end < toks[k+1].start
}

// relativeBetween reports whether a relative clause set off by a comma
// opens between tokens i and j: ", which", ", who".
func (fs *frameScan) relativeBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if fs.isPunct(k, ",") && (fs.low(k+1) == "which" || fs.low(k+1) == "who") {
			return true
		}
	}
	return false
}

// thatAfter reports whether "that" opens a clause at or after token k,
// within the twelve tokens a cue's channel and occasion may take.
func (fs *frameScan) thatAfter(k int) bool {
	for j := k; j < len(fs.toks) && j < k+12; j++ {
		if fs.low(j) == "that" {
			return true
		}
		if fs.isQuote(j) || fs.isPunct(j, ";") {
			return false
		}
	}
	return false
}

// reports reports whether a cue of the frame reports speech: a verb that
// takes a clause or a quote after it, or "according to". Verbs that
// only take an object ("Roe praised the plan", "Roe slammed Doe") do not.
func (fs *frameScan) reports() bool {
	for i := range fs.cues {
		if v := fs.cues[i].verb; fs.cues[i].according || v.That || v.Bare || v.Invert {
			return true
		}
	}
	return false
}

// openingSubject returns the person a frame opens with as the subject of
// its clause, at its start or after an opening phrase and its comma, or
// nil.
func (fs *frameScan) openingSubject() *quoteSpeaker {
	who := fs.subjectOf(len(fs.toks), false)
	if who == nil || who.pronoun != "" && who.pronoun != "he" && who.pronoun != "she" || who.source.Noun != "" {
		return nil
	}
	if who.span.Start == fs.toks[0].start {
		return who
	}
	for k := range fs.toks {
		// `On "Face the Nation," Roe ...`: the comma may close a title.
		if fs.isPunct(k, ",") || fs.isQuote(k) && k > 0 && fs.quoteEndsWithComma(k) {
			if k+1 < len(fs.toks) && fs.toks[k+1].start == who.span.Start {
				return who
			}
			return nil
		}
	}
	return nil
}

// leadIn reports whether the quote at qi makes up a paragraph of its own
// right after a paragraph whose last frame opens with a person: "Roe
// praised the plan.\n\n"It will work."", or ends the paragraph that such
// a frame is in.
func (sc *quoteScan) leadIn(fi int) bool {
	if sc.lead == nil || sc.leadF != fi-1 || fi < 1 {
		return false
	}
	prev, cur := sc.frames[fi-1], sc.frames[fi]
	last := fi+1 >= len(sc.frames) || sc.frames[fi+1].para != cur.para
	if cur.para == prev.para {
		// "On Sunday, Roe blamed the heat. "It will pass."": the quote
		// follows the sentence about Roe in its paragraph.
		return true
	}
	if cur.para != prev.para+1 {
		return false
	}
	return last
}

// quotedBefore reports whether the frame has reported a direct quote
// with a speaker.
func (fs *frameScan) quotedBefore() bool {
	for _, q := range fs.sc.out[fs.firstOut:] {
		if q.Kind == news.Direct && q.Speaker != nil {
			return true
		}
	}
	return false
}

// quotedWords reports whether the frame holds a quote that reports
// words rather than a title, a nickname or a scare quote.
func (fs *frameScan) quotedWords() bool {
	for _, q := range fs.sc.out[fs.firstOut:] {
		if q.Kind != news.Partial || q.Speaker != nil {
			return true
		}
		switch q.Rule {
		case "scare", "title", "nickname":
		default:
			return true
		}
	}
	return false
}

// quoteAfter reports whether a quote follows token k in the frame.
func (fs *frameScan) quoteAfter(k int) bool {
	for i := k + 1; i < len(fs.toks); i++ {
		if fs.toks[i].kind == tokQuote {
			return true
		}
	}
	return false
}

// continues reports whether a quote in frame fi without a cue of its own
// continues the latest statement: the statement is in the frame before
// (in this or the previous paragraph), or two frames before in this
// paragraph with no person or body named as the subject in between.
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
	// "Roe said ... The Doe face on the posters has not hurt. "...""
	// continues Roe; "Roe said ... Doe agreed. "..."" does not.
	return !sc.named[fi-1]
}

// namedSubject reports whether a person or body named by name, not a
// pronoun nor a description, is the subject of a clause of the frame.
func (fs *frameScan) namedSubject() bool {
	who := fs.subjectOf(len(fs.toks), false)
	if who == nil || who.pronoun != "" || who.source.Noun != "" {
		return false
	}
	if who.mention < 0 {
		return who.name != ""
	}
	m := &fs.sc.a.Mentions[who.mention]
	return m.Rule != "pronoun" && (m.Type == news.Person || m.Type == news.Org)
}

// setLast records the speaker of the latest statement.
func (sc *quoteScan) setLast(who *quoteSpeaker, fi int, cue string) {
	sc.last, sc.lastF, sc.lastCue, sc.lastNear = who, fi, cue, false
	if who.typ == news.Person {
		sc.lastPerson, sc.lastPersonF = who, fi
	}
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
		if kind == news.Direct || rule == "indirect:according" || !fs.quotedBefore() {
			// `"...," Roe told Doe, after Doe said that ...`: the
			// quote's speaker stays the one a next quote continues;
			// `..., according to the Times` names the source of both.
			sc.setLast(who, fs.fi, cue)
		}
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
