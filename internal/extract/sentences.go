package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/news"
)

// The sentence splitter is written here rather than taken from a library.
// Every later stage points at sentence spans, so the splitter must return
// byte offsets into the original text, skip the cleaner's removed spans
// and never let one sentence run across them, and it must read news copy
// as it is: headlines and list items without full stops, bullets,
// live-blog fragments, quotes that run over several sentences, and the
// abbreviations and initials of wire copy. The Go sentence splitters at
// hand (neurosnap/sentences and prose, both Punkt) decide from a trained
// model that is hard to correct for one abbreviation, and know nothing of
// line structure (headlines, list items) or of spans to skip; they would
// also be a new module. The rules below are short, linear in the text, and
// their word lists live in sentences.rules.

//go:embed sentences.rules
var sentenceRules string

// Limits of the splitter.
const (
	// maxSentenceBytes is where a run without sentence-ending punctuation
	// is cut, so that later stages stay linear in the sentence length.
	maxSentenceBytes = 1000
	// minSentenceCut is how far into such a run the cut looks for white
	// space before cutting inside a word.
	minSentenceCut = 200
)

// sentenceLex returns the parsed sentences.rules, parsed once on first use.
// A malformed file (which TestSentenceRules rejects) leaves the lists
// empty: the splitter then treats every full stop as an ending.
var sentenceLex = sync.OnceValue(func() *sentenceLexicon {
	lex, err := parseSentenceRules(sentenceRules)
	if err != nil {
		return newSentenceLexicon()
	}
	return lex
})

// abbrevKind is how a full stop after an abbreviation is read.
type abbrevKind uint8

const (
	abbrevNone    abbrevKind = iota
	abbrevTitle              // never ends a sentence
	abbrevMaybe              // ends one only before a starter
	abbrevNumeric            // does not end one before a digit
)

// sentenceLexicon holds the word lists of sentences.rules in lower case.
type sentenceLexicon struct {
	kinds    map[string]abbrevKind
	starters map[string]bool
	// stop marks the bytes at which the splitter looks closer: ASCII
	// sentence punctuation and the first bytes of the non-ASCII enders
	// and bullets.
	stop [256]bool
}

func newSentenceLexicon() *sentenceLexicon {
	lex := &sentenceLexicon{kinds: map[string]abbrevKind{}, starters: map[string]bool{}}
	for _, r := range ".!?…‼⁇⁈⁉。！？؟۔•" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		lex.stop[b[0]] = true
	}
	return lex
}

func parseSentenceRules(src string) (*sentenceLexicon, error) {
	lex := newSentenceLexicon()
	for n, line := range strings.Split(src, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		var kind abbrevKind
		switch f[0] {
		case "title":
			kind = abbrevTitle
		case "abbrev":
			kind = abbrevMaybe
		case "numeric":
			kind = abbrevNumeric
		case "starter":
		default:
			return nil, fmt.Errorf("sentence rules line %d: unknown kind %q", n+1, f[0])
		}
		if len(f) == 1 {
			return nil, fmt.Errorf("sentence rules line %d: no words", n+1)
		}
		for _, w := range f[1:] {
			w = strings.ToLower(w)
			if kind == abbrevNone {
				lex.starters[w] = true
			} else {
				lex.kinds[w] = kind
			}
		}
	}
	return lex, nil
}

// Sentences splits text into sentences with byte offsets, skipping the removed spans.
//
// Sentence spans are trimmed of white space and of a leading list bullet,
// hold at least one letter or digit, never cross a removed span, never
// overlap and come in text order; Index counts from 0. A blank line always
// ends a sentence, and so does a line break between lines that are not one
// sentence wrapped over two (a headline, a list item). A full stop before
// a lower-case word ends no sentence, except in text written all in lower
// case (see caseless). Runs without an ending are cut at maxSentenceBytes,
// at white space where there is some.
func Sentences(text string, removed []news.Removal) []news.Sentence {
	s := splitter{text: text, lex: sentenceLex(), lines: make([]sentLine, 0, 32), caseless: caseless(text)}
	s.out = make([]news.Sentence, 0, len(text)/100+1)
	spans := make([]news.Span, 0, len(removed))
	for _, r := range removed {
		sp := news.Span{Start: max(r.Span.Start, 0), End: min(r.Span.End, len(text))}
		if sp.Start < sp.End {
			spans = append(spans, sp)
		}
	}
	if !slices.IsSortedFunc(spans, func(a, b news.Span) int { return a.Start - b.Start }) {
		slices.SortFunc(spans, func(a, b news.Span) int { return a.Start - b.Start })
	}
	pos := 0
	for _, sp := range spans {
		if sp.Start > pos {
			s.segment(pos, sp.Start)
		}
		pos = max(pos, sp.End)
	}
	if pos < len(text) {
		s.segment(pos, len(text))
	}
	return s.out
}

// Split sets a.Sentences from a.Text and a.Removed.
func Split(a *news.Article) { a.Sentences = Sentences(a.Text, a.Removed) }

// splitter holds the state of one Sentences call.
type splitter struct {
	text  string
	lex   *sentenceLexicon
	out   []news.Sentence
	lines []sentLine // the non-blank lines of the current paragraph
	// caseless is set for text written without capitals at the start of
	// its sentences (lower-cased wire copy, some feeds and transcripts),
	// where a full stop ends a sentence before a lower-case word too.
	caseless bool
}

// caseless reports whether text is written in lower case: full stops
// followed by a space are mostly followed by a lower-case word, which in
// ordinary prose happens only after abbreviations ("etc. and").
func caseless(text string) bool {
	lower, upper := 0, 0
	for i := 0; i+2 < len(text); {
		j := strings.Index(text[i:], ". ")
		if j < 0 {
			break
		}
		k := i + j + 2
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) {
			switch c := text[k]; {
			case 'a' <= c && c <= 'z':
				lower++
			case 'A' <= c && c <= 'Z':
				upper++
			}
		}
		i = k
	}
	return lower >= caselessMinStops && lower > caselessRatio*upper
}

// A text is caseless when at least caselessMinStops full stops are
// followed by a lower-case word, and more than caselessRatio times as
// many as by a capital.
const (
	caselessMinStops = 3
	caselessRatio    = 3
)

// sentLine is a line of text trimmed of white space: [start, end).
type sentLine struct{ start, end int }

// segment splits text[a:b], a stretch between removed spans, paragraph by
// paragraph.
func (s *splitter) segment(a, b int) {
	for a < b && !utf8.RuneStart(s.text[a]) {
		a++
	}
	for b > a && b < len(s.text) && !utf8.RuneStart(s.text[b]) {
		b--
	}
	s.lines = s.lines[:0]
	for p := a; p < b; {
		e := strings.IndexByte(s.text[p:b], '\n')
		if e < 0 {
			e = b
		} else {
			e += p
		}
		if cs, ce := s.trim(p, e); cs < ce {
			s.lines = append(s.lines, sentLine{cs, ce})
		} else {
			s.paragraph()
		}
		p = e + 1
	}
	s.paragraph()
}

// paragraph splits the collected lines, which no blank line separates, at
// line breaks that end a sentence and then within lines.
func (s *splitter) paragraph() {
	ls := s.lines
	if len(ls) == 0 {
		return
	}
	wrapped := s.wrapped(ls)
	start := ls[0].start
	for k := 1; k < len(ls); k++ {
		if s.breaks(ls[k-1], ls[k], wrapped) {
			s.run(start, ls[k-1].end)
			start = ls[k].start
		}
	}
	s.run(start, ls[len(ls)-1].end)
	s.lines = s.lines[:0]
}

// wrapped reports whether the lines are one paragraph hard-wrapped at a
// fixed width: three or more lines of similar length, at least one of them
// continued by a line that starts in lower case.
func (s *splitter) wrapped(ls []sentLine) bool {
	if len(ls) < 3 {
		return false
	}
	longest := 0
	for _, l := range ls[:len(ls)-1] {
		longest = max(longest, l.end-l.start)
	}
	if longest < 40 || longest > 200 {
		return false
	}
	continued := false
	for k, l := range ls[:len(ls)-1] {
		if (l.end-l.start)*10 < longest*6 || s.listItem(ls[k+1]) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(s.text[ls[k+1].start:]); unicode.IsLower(r) {
			continued = true
		}
	}
	return continued
}

// breaks reports whether the line break between prev and next ends a
// sentence. It does before a list item, and otherwise unless the paragraph
// is hard-wrapped, next starts in lower case, or prev ends with a comma,
// semicolon, dash, or a colon that introduces a quote.
func (s *splitter) breaks(prev, next sentLine, wrapped bool) bool {
	if s.listItem(next) {
		return true
	}
	if wrapped {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s.text[next.start:next.end])
	if unicode.IsLower(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s.text[prev.start:prev.end])
	switch last {
	case ',', ';', '-', '–', '—', '(':
		return false
	case ':':
		return !opensQuotation(first)
	}
	return true
}

// listItem reports whether a line starts with a bullet ("• ", "- ") or a
// list number ("1. ", "12) ", "(3) ", "(a) ", "b) "; not "a. ", which is
// too often an initial).
func (s *splitter) listItem(l sentLine) bool {
	t := s.text[l.start:l.end]
	if s.bulletLen(t) > 0 {
		return true
	}
	i, paren := 0, strings.HasPrefix(t, "(")
	if paren {
		i = 1
	}
	j := i
	for j < len(t) && j-i < 3 && sentDigit(t[j]) {
		j++
	}
	digits := j > i
	if !digits && j < len(t) && sentLowerLetter(t[j]) {
		j++
	}
	if j == i || j+1 >= len(t) || t[j+1] != ' ' {
		return false
	}
	switch t[j] {
	case ')':
		return true
	case '.':
		return digits && !paren
	}
	return false
}

// bulletLen returns the length of a leading bullet and the white space
// after it, or 0.
func (s *splitter) bulletLen(t string) int {
	r, n := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '·', '▪', '●', '◦', '‣', '►', '▶', '■', '□', '*', '-', '–', '—', '>':
	default:
		return 0
	}
	rest := strings.TrimLeftFunc(t[n:], unicode.IsSpace)
	if len(rest) == len(t)-n {
		return 0
	}
	return len(t) - len(rest)
}

// run splits text[a:b], lines joined into one stretch of prose, at the
// punctuation that ends sentences.
func (s *splitter) run(a, b int) {
	t := s.text
	start := a
	for i := a; i < b; {
		c := t[i]
		if !s.lex.stop[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c == '.' || c == '!' || c == '?' {
				end, next, ok := s.ending(a, start, i, b)
				if ok {
					s.emit(start, end)
					start = next
				}
				i = max(end, i+1)
				continue
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:b])
		switch {
		case isSentenceEnder(r):
			end, next, ok := s.ending(a, start, i, b)
			if ok {
				s.emit(start, end)
				start = next
			}
			i = max(end, i+n)
			continue
		case r == '•' && i > start && t[i-1] == ' ' && i+n < b && t[i+n] == ' ':
			s.emit(start, i) // "Headline one • Headline two"
			start = i + n
		}
		i += n
	}
	s.emit(start, b)
}

// ending decides whether the punctuation at text[i] ends the sentence that
// began at start, within the run [a, b). It returns where the sentence
// ends (after the punctuation and any closing quotes and brackets), where
// the next one starts, and whether this is an ending; when it is not, end
// is where scanning goes on.
func (s *splitter) ending(a, start, i, b int) (end, next int, ok bool) {
	t := s.text
	j := i
	for j < b {
		r, n := utf8.DecodeRuneInString(t[j:b])
		if r != '.' && r != '!' && r != '?' && !isSentenceEnder(r) {
			break
		}
		j += n
	}
	k := j
	for k < b {
		r, n := utf8.DecodeRuneInString(t[k:b])
		if !strings.ContainsRune("\"')]}”’»›」』）", r) {
			break
		}
		k += n
	}
	if k == b {
		return k, b, true
	}
	if last, _ := utf8.DecodeLastRuneInString(t[i:j]); isFullWidthEnder(last) {
		return k, k, true // "。" needs no space after it
	}
	r, _ := utf8.DecodeRuneInString(t[k:b])
	if !unicode.IsSpace(r) {
		return j, 0, false // "3.5", "U.S.-led", "example.com"
	}
	n := k
	for n < b {
		r, w := utf8.DecodeRuneInString(t[n:b])
		if !unicode.IsSpace(r) {
			break
		}
		n += w
	}
	if n == b {
		return k, b, true
	}
	nextRune, _ := utf8.DecodeRuneInString(t[n:b])
	if unicode.IsLower(nextRune) && (!s.caseless || j-i != 1 || t[i] != '.') {
		return k, 0, false // `"... win," he said`, "etc. and", "p.m. on"
	}
	if j-i != 1 || t[i] != '.' {
		return k, n, true // "!", "?", "...", "…"
	}
	ws := i
	for ws > start && i-ws < 40 {
		r, w := utf8.DecodeLastRuneInString(t[start:ws])
		if unicode.IsSpace(r) {
			break
		}
		ws -= w
	}
	tok := strings.TrimLeft(t[ws:i], "\"'(“‘[«")
	if tok == "" {
		return k, n, true
	}
	if ws == start && len(tok) <= 3 && (sentDigits(tok) || len(tok) == 1) && start == s.lineStart(start, a) {
		return k, 0, false // list number "1. ", "a. " at the start of a line
	}
	switch s.abbrev(tok) {
	case abbrevTitle:
		return k, 0, false
	case abbrevNumeric:
		if unicode.IsDigit(nextRune) {
			return k, 0, false
		}
		return k, n, true
	case abbrevMaybe:
		return k, n, !unicode.IsLower(nextRune) && s.starts(n, b)
	}
	if isInitialsToken(tok) {
		return k, n, !unicode.IsLower(nextRune) && s.starts(n, b)
	}
	return k, n, true
}

// lineStart returns where the line holding position p begins, no earlier
// than a.
func (s *splitter) lineStart(p, a int) int {
	i := strings.LastIndexByte(s.text[a:p], '\n')
	if i < 0 {
		return a
	}
	ls, _ := s.trim(a+i+1, p)
	return ls
}

// abbrev returns the kind of an abbreviation written without its final
// full stop.
func (s *splitter) abbrev(tok string) abbrevKind {
	var buf [16]byte
	if len(tok) > len(buf) {
		return abbrevNone
	}
	for i := range len(tok) {
		buf[i] = sentLower(tok[i])
	}
	return s.lex.kinds[string(buf[:len(tok)])]
}

// starts reports whether the word at p begins a new sentence after an
// abbreviation or initial: it is a starter, or a quote opens there.
func (s *splitter) starts(p, b int) bool {
	r, _ := utf8.DecodeRuneInString(s.text[p:b])
	if opensQuotation(r) {
		return true
	}
	var buf [16]byte
	n := 0
	for i := p; i < b && n < len(buf); i++ {
		c := s.text[i]
		if !('a' <= sentLower(c) && sentLower(c) <= 'z') {
			break
		}
		buf[n] = sentLower(c)
		n++
	}
	return n > 0 && s.lex.starters[string(buf[:n])]
}

// emit adds text[a:b] as a sentence, or as several when it is longer than
// maxSentenceBytes.
func (s *splitter) emit(a, b int) {
	a, b = s.trim(a, b)
	if a < b {
		a += s.bulletLen(s.text[a:b])
	}
	for b-a > maxSentenceBytes {
		cut := s.cut(a)
		s.add(a, cut)
		a, b = s.trim(cut, b)
	}
	s.add(a, b)
}

// cut returns where to cut a long run that starts at a: at the last white
// space within maxSentenceBytes, else at the last rune start.
func (s *splitter) cut(a int) int {
	limit := a + maxSentenceBytes
	for i := limit; i > a+minSentenceCut; i-- {
		if c := s.text[i]; c == ' ' || c == '\n' || c == '\t' {
			return i
		}
	}
	for limit > a+1 && !utf8.RuneStart(s.text[limit]) {
		limit--
	}
	return limit
}

// add appends text[a:b], trimmed, when it holds a letter or digit.
func (s *splitter) add(a, b int) {
	a, b = s.trim(a, b)
	if a >= b || strings.IndexFunc(s.text[a:b], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return
	}
	s.out = append(s.out, news.Sentence{Index: len(s.out), Span: news.Span{Start: a, End: b}})
}

// trim returns [a, b) without surrounding white space.
func (s *splitter) trim(a, b int) (int, int) {
	for a < b {
		c := s.text[a]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
				break
			}
			a++
			continue
		}
		r, n := utf8.DecodeRuneInString(s.text[a:b])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		a += n
	}
	for b > a {
		c := s.text[b-1]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
				break
			}
			b--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s.text[a:b])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		b -= n
	}
	return a, b
}

// isSentenceEnder reports whether r is non-ASCII sentence-ending punctuation.
func isSentenceEnder(r rune) bool {
	switch r {
	case '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉', '؟', '۔':
		return true
	}
	return false
}

// isFullWidthEnder reports whether r is sentence-ending punctuation of
// scripts written without spaces between sentences.
func isFullWidthEnder(r rune) bool { return r == '。' || r == '！' || r == '？' }

// opensQuotation reports whether r can open a quotation.
func opensQuotation(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '„', '‹', '「', '『':
		return true
	}
	return false
}

// isInitialsToken reports whether tok, less its final full stop, is one or
// more single letters joined by full stops: "W", "J.R.R", "a.m". A single
// letter must be a capital.
func isInitialsToken(tok string) bool {
	for i := 0; ; {
		r, n := utf8.DecodeRuneInString(tok[i:])
		if !unicode.IsLetter(r) || (i == 0 && n == len(tok) && !unicode.IsUpper(r)) {
			return false
		}
		i += n
		if i == len(tok) {
			return true
		}
		if tok[i] != '.' || i+1 == len(tok) {
			return false
		}
		i++
	}
}

func sentDigits(s string) bool {
	for i := range len(s) {
		if !sentDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func sentDigit(c byte) bool { return '0' <= c && c <= '9' }

func sentLowerLetter(c byte) bool { return 'a' <= c && c <= 'z' }

func sentLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
