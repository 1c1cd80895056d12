package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/news"
)

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
