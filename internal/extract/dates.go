package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"chronicle/internal/news"
)

// Dates finds the time expressions of every sentence and resolves them to
// calendar dates against the article's published date. Relative
// expressions ("on Wednesday", "yesterday", "last week") are resolved only
// when the published date is known; absolute ones ("3 May 2024",
// "March 2013") always are. A weekday is the latest such day on or before
// publication, unless the sentence speaks of the future ("will meet on
// Wednesday"), then the next such day on or after it. Anaphoric
// expressions ("that day", "the next morning", "the previous Friday", "a
// year earlier") resolve against the last day named before them, which
// for "that day" may be in an earlier sentence and for "a year earlier"
// must be in the same one.
//
// The resolver is written here rather than taken from a library: the Go
// date parsers (dateparse, go-dateparser) read a whole string as one date
// and do not find expressions in running text with their spans, nor apply
// news conventions such as the weekday rule.
func Dates(a *news.Article) {
	a.Dates = a.Dates[:0]
	var last time.Time
	for _, s := range a.Sentences {
		text := s.Text(a.Text)
		var found []news.Date
		found, last = datesIn(text, a.Published, last)
		for _, d := range found {
			d.Span.Start += s.Span.Start
			d.Span.End += s.Span.Start
			d.Sentence = s.Index
			a.Dates = append(a.Dates, d)
		}
	}
}

const (
	reWeekday = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`
	reMonth   = `(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)`
	reDay     = `(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?`
	reYear    = `(?:1[89][0-9]{2}|20[0-9]{2})`
	reNum     = `(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})`
	rePart    = `(?:\s+(?:morning|afternoon|evening|night))?`
)

// dateRule is one kind of time expression: its pattern (matched case
// insensitively on word boundaries) and how it resolves.
type dateRule struct {
	name    string
	re      *regexp.Regexp
	resolve func(m []string, ref time.Time, future bool) (time.Time, news.Precision, bool)
	// relative rules need a known reference date.
	relative bool
	// anchor is the kind of word every match of the rule contains; the
	// rule's regexp runs only near such words, because the regexps are the
	// costly part of dating and most sentences hold no time expression.
	anchor cue
	// anaphor says what the rule resolves against instead of the
	// reference date.
	anaphor anaphor
	// reject, when set, refuses a match given the groups and the text
	// after it ("the day before the vote" is anchored on an event).
	reject func(m []string, after string) bool
}

// anaphor is what an anaphoric time expression refers back to.
type anaphor uint8

// Anaphors.
const (
	anaphorNone     anaphor = iota // the reference date
	anaphorSentence                // the last day named in the sentence, else the reference date
	anaphorText                    // the last day named in the text, else the reference date
	anaphorOnly                    // the last day named in the text, else nothing
)

// cue is a kind of word that time expressions are built around.
type cue uint8

// Cues.
const (
	cueMonth   cue = 1 << iota // a capitalised month name or abbreviation
	cueWeekday                 // Monday ... Sunday
	cueDeictic                 // yesterday, today, tonight, night, morning ...
	cuePeriod                  // day(s), week(s), month(s), year(s)
	cueYear                    // 1800 ... 2099
	cueDay                     // day, morning, afternoon, evening, night
	cueShift                   // earlier, later
	cueEnd                     // end
)

// cueWords classifies lower-case words.
var cueWords = map[string]cue{
	"jan": cueMonth, "january": cueMonth, "feb": cueMonth, "february": cueMonth, "mar": cueMonth, "march": cueMonth,
	"apr": cueMonth, "april": cueMonth, "may": cueMonth, "jun": cueMonth, "june": cueMonth, "jul": cueMonth,
	"july": cueMonth, "aug": cueMonth, "august": cueMonth, "sep": cueMonth, "sept": cueMonth, "september": cueMonth,
	"oct": cueMonth, "october": cueMonth, "nov": cueMonth, "november": cueMonth, "dec": cueMonth, "december": cueMonth,
	"monday": cueWeekday, "tuesday": cueWeekday, "wednesday": cueWeekday, "thursday": cueWeekday,
	"friday": cueWeekday, "saturday": cueWeekday, "sunday": cueWeekday,
	"yesterday": cueDeictic, "today": cueDeictic, "tonight": cueDeictic, "tomorrow": cueDeictic,
	"overnight": cueDeictic, "night": cueDeictic | cueDay, "morning": cueDeictic | cueDay, "afternoon": cueDeictic | cueDay,
	"evening": cueDeictic | cueDay, "day": cuePeriod | cueDay, "days": cuePeriod,
	"earlier": cueShift, "later": cueShift, "end": cueEnd, "week": cuePeriod, "weeks": cuePeriod, "month": cuePeriod,
	"months": cuePeriod, "year": cuePeriod, "years": cuePeriod,
}

// anchors returns, for each cue, the spans of the words of text that carry
// it.
func anchors(text string) map[cue][][2]int {
	out := map[cue][][2]int{}
	for i := 0; i < len(text); {
		c := text[i]
		isAlnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }
		if !isAlnum(c) {
			i++
			continue
		}
		j := i
		for j < len(text) && isAlnum(text[j]) {
			j++
		}
		w := text[i:j]
		switch {
		case c >= '0' && c <= '9':
			if len(w) == 4 && (w[:2] == "18" || w[:2] == "19" || w[:2] == "20") {
				out[cueYear] = append(out[cueYear], [2]int{i, j})
			}
		case len(w) <= 9:
			var buf [9]byte
			for k := range len(w) {
				buf[k] = w[k] | 0x20
			}
			if k, ok := cueWords[string(buf[:len(w)])]; ok && (k != cueMonth || c >= 'A' && c <= 'Z') {
				for b := cue(1); b != 0 && b <= k; b <<= 1 {
					if k&b != 0 {
						out[b] = append(out[b], [2]int{i, j})
					}
				}
			}
		}
		i = j
	}
	return out
}

// windows returns the merged ranges of text within reach of the anchor
// words, widened to whitespace so that no word is cut.
func windows(text string, words [][2]int) [][2]int {
	var spans [][2]int
	for _, h := range words {
		i, j := max(0, h[0]-48), min(len(text), h[1]+40)
		for i > 0 && text[i-1] != ' ' && text[i-1] != '\n' {
			i--
		}
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		if n := len(spans); n > 0 && i <= spans[n-1][1] {
			spans[n-1][1] = max(spans[n-1][1], j)
			continue
		}
		spans = append(spans, [2]int{i, j})
	}
	return spans
}

// dateRules are ordered from the most specific to the least: where two
// matches overlap, the earlier rule wins.
var dateRules = []dateRule{
	{name: "iso", anchor: cueYear, re: wordRe(`(` + reYear + `)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`),
		resolve: func(m []string, _ time.Time, _ bool) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]))
		}},
	{name: "numeric", anchor: cueYear, re: wordRe(`([0-3]?[0-9])[/.]([0-3]?[0-9])[/.](` + reYear + `)`),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			return numericDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), ref)
		}},
	{name: "day-month-year", anchor: cueYear, re: wordRe(`(?:` + reWeekday + `,?\s+)?(?:the\s+)?(` + reDay + `)(?:\s+of)?[\s-]+(` + reMonth + `),?[\s-]+(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ bool) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[3]), month(m[2]), atoi(m[1]))
		}},
	{name: "month-day-year", anchor: cueYear, re: wordRe(`(?:` + reWeekday + `,?\s+)?(` + reMonth + `)\s+(` + reDay + `),?\s+(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ bool) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[3]), month(m[1]), atoi(m[2]))
		}},
	{name: "day-month", anchor: cueMonth, relative: true, re: wordRe(`(?:` + reWeekday + `,?\s+)?(?:the\s+)?(` + reDay + `)(?:\s+of)?\s+(` + reMonth + `)`),
		resolve: func(m []string, ref time.Time, future bool) (time.Time, news.Precision, bool) {
			return nearestYear(ref, month(m[2]), atoi(m[1]), future)
		}},
	{name: "month-day", anchor: cueMonth, relative: true, re: wordRe(`(?:` + reWeekday + `,?\s+)?(` + reMonth + `)\s+(` + reDay + `)`),
		resolve: func(m []string, ref time.Time, future bool) (time.Time, news.Precision, bool) {
			return nearestYear(ref, month(m[1]), atoi(m[2]), future)
		}},
	{name: "month-year", anchor: cueYear, re: wordRe(`(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?(` + reMonth + `),?\s+(?:of\s+)?(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ bool) (time.Time, news.Precision, bool) {
			t, _, ok := ymd(atoi(m[2]), month(m[1]), 1)
			return t, news.PrecisionMonth, ok
		}},
	{name: "weekday-anaphoric", anchor: cueWeekday, relative: true, anaphor: anaphorText, re: wordRe(`(?:the\s+)?(previous|following)\s+(` + reWeekday + `)` + rePart),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			mod := "last"
			if strings.ToLower(m[1]) == "following" {
				mod = "next"
			}
			return weekday(ref, mod, dayOfWeek(m[2]), false)
		}},
	{name: "weekday", anchor: cueWeekday, relative: true, re: wordRe(`(?:(last|next|this\s+coming|coming|this|on|early|late)\s+)?(` + reWeekday + `)(?:'s)?` + rePart),
		resolve: func(m []string, ref time.Time, future bool) (time.Time, news.Precision, bool) {
			mod := squash(m[1])
			if mod == "coming" || mod == "this coming" {
				mod = "next"
			}
			return weekday(ref, mod, dayOfWeek(m[2]), future)
		}},
	{name: "deictic", anchor: cueDeictic, relative: true, re: wordRe(`(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))`),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			off := map[string]int{"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
			return ref.AddDate(0, 0, off[squash(m[1])]), news.PrecisionDay, true
		}},
	{name: "anaphoric-day", anchor: cueDay, relative: true, anaphor: anaphorOnly, re: wordRe(reAnaphoricDay),
		resolve: anaphoricDay, reject: rejectAnaphoricDay},
	// "two weeks ago" counts back from the day of writing.
	{name: "ago", anchor: cuePeriod, relative: true, re: wordRe(`(` + reNum + `)\s+(day|week|month|year)s?(?:\s+or\s+so)?\s+(ago|from\s+now)`),
		resolve: ago},
	// "a year earlier" counts back from the day the sentence named.
	{name: "earlier", anchor: cueShift, relative: true, anaphor: anaphorSentence, re: wordRe(`(` + reNum + `)\s+(day|week|month|year)s?(?:\s+or\s+so)?\s+(earlier|later)`),
		resolve: ago},
	{name: "year-end", anchor: cueEnd, relative: true, re: wordRe(`(?:(since|from|by|until|at|before|after)\s+)?(?:(last|this|next)\s+)?year[-\s]end`),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			return periodEnd(ref, "year", strings.ToLower(m[2]), strings.ToLower(m[1]))
		}},
	{name: "period-end", anchor: cueEnd, relative: true, re: wordRe(`(?:(since|from|by|until|at|before|after)\s+)?the\s+end\s+of\s+(?:the|this|(last|next))\s+(year|month)`),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			return periodEnd(ref, strings.ToLower(m[3]), strings.ToLower(m[2]), strings.ToLower(m[1]))
		}},
	{name: "relative-period", anchor: cuePeriod, relative: true, re: wordRe(`(?:(?:earlier|later)\s+)?(last|this|next|previous|past|coming)\s+(week|month|year)`),
		resolve: func(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
			n := map[string]int{"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[strings.ToLower(m[1])]
			return shift(ref, strings.ToLower(m[2]), n)
		}},
	{name: "month", anchor: cueMonth, relative: true, re: wordRe(`(?:(early|mid|late|last|next|this|in|since|until|by|from)[\s-]+)(` + reMonth + `)`),
		resolve: func(m []string, ref time.Time, future bool) (time.Time, news.Precision, bool) {
			mo := month(m[2])
			if mo == 0 {
				return time.Time{}, "", false
			}
			y := ref.Year()
			switch strings.ToLower(m[1]) {
			case "last":
				if int(mo) >= int(ref.Month()) {
					y--
				}
			case "next":
				if int(mo) <= int(ref.Month()) {
					y++
				}
			default:
				if future && int(mo) < int(ref.Month()) {
					y++
				} else if !future && int(mo) > int(ref.Month())+1 {
					y--
				}
			}
			return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), news.PrecisionMonth, true
		}},
	{name: "year", anchor: cueYear, re: wordRe(`(?:(?:in|since|until|by|from|of|during|before|after|early|late|mid)[\s-]+)(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ bool) (time.Time, news.Precision, bool) {
			return time.Date(atoi(m[1]), 1, 1, 0, 0, 0, 0, time.UTC), news.PrecisionYear, true
		}},
}

// wordRe compiles a rule pattern. Rules match the ASCII-lowercased
// sentence (same byte offsets as the original), which is much faster than
// case-insensitive matching.
func wordRe(p string) *regexp.Regexp { return regexp.MustCompile(`\b` + p + `\b`) }

// lowerASCII lowers the ASCII letters of s, keeping every byte offset.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// futureRe finds the words that put a sentence's weekday or month in the
// future: a modal, "due to", "plans to", "next".
var futureRe = regexp.MustCompile(`(?i)\b(will|won't|'ll|shall|is\s+due|are\s+due|due\s+to|plans?\s+to|planned|planning|is\s+set\s+to|are\s+set\s+to|set\s+to\s+resume|scheduled|is\s+expected\s+to|are\s+expected\s+to|upcoming|to\s+be\s+held|going\s+to|is\s+to|are\s+to|as\s+(?:soon|early)\s+as|until|postponed|delayed|would\s+be)\b`)

// clauseStart finds where the clause holding a time expression begins, so
// that a modal of another clause does not make it future.
var clauseStart = regexp.MustCompile(`(?i)(?:[,;:]|\bsaid\b|\bsays\b|\bafter\b|\bbecause\b)[^,;:]*$`)

// prepositions open a time expression without belonging to it.
var prepositions = map[string]bool{"at": true, "on": true, "in": true, "since": true, "until": true, "by": true, "from": true,
	"of": true, "during": true, "before": true, "after": true}

// findDates returns the resolved time expressions of one sentence with
// spans relative to it.
func findDates(text string, ref time.Time) []news.Date {
	out, _ := datesIn(text, ref, time.Time{})
	return out
}

// datesIn returns the resolved time expressions of one sentence with spans
// relative to it, given the last day named before the sentence (zero when
// none), and the last day named once the sentence is read.
func datesIn(text string, ref, last time.Time) ([]news.Date, time.Time) {
	type hit struct {
		start, end int
		rule       int
		groups     []string
	}
	var hits []hit
	anchorsOf := anchors(text)
	if len(anchorsOf) == 0 {
		return nil, last
	}
	lower := lowerASCII(text)
	for ri, r := range dateRules {
		words := anchorsOf[r.anchor]
		if r.relative && ref.IsZero() || len(words) == 0 {
			continue
		}
		for _, w := range windows(text, words) {
			for _, loc := range r.re.FindAllStringSubmatchIndex(lower[w[0]:w[1]], -1) {
				g := make([]string, len(loc)/2)
				for i := range g {
					if loc[2*i] >= 0 {
						g[i] = text[w[0]+loc[2*i] : w[0]+loc[2*i+1]]
					}
				}
				if r.reject != nil && r.reject(g, text[w[0]+loc[1]:]) {
					continue
				}
				hits = append(hits, hit{w[0] + loc[0], w[0] + loc[1], ri, g})
			}
		}
	}
	// The most specific rule first (the table is ordered so), then the
	// longest match; keep non-overlapping hits.
	sortHits := func(i, j int) bool {
		if hits[i].rule != hits[j].rule {
			return hits[i].rule < hits[j].rule
		}
		return hits[i].end-hits[i].start > hits[j].end-hits[j].start
	}
	sortSlice(len(hits), sortHits, func(i, j int) { hits[i], hits[j] = hits[j], hits[i] })
	var kept []hit
	for _, h := range hits {
		clash := false
		for _, k := range kept {
			if h.start < k.end && k.start < h.end {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, h)
		}
	}
	sortSlice(len(kept), func(i, j int) bool { return kept[i].start < kept[j].start }, func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })

	var out []news.Date
	var inSentence time.Time // the last day named in this sentence
	for _, h := range kept {
		r := dateRules[h.rule]
		start := h.start
		// A leading preposition ("on Monday", "in 1994") is not part of
		// the expression.
		if w, rest, ok := strings.Cut(h.groups[0], " "); ok && prepositions[strings.ToLower(w)] {
			start = h.end - len(strings.TrimLeft(rest, " "))
		}
		before := text[max(0, h.start-60):h.start]
		if loc := clauseStart.FindStringIndex(before); loc != nil {
			before = before[loc[0]:]
		}
		possessive := strings.HasSuffix(strings.ToLower(h.groups[0]), "'s")
		future := !possessive && (futureRe.MatchString(before) || fronted(before) && futureAfterRe.MatchString(mainClause(text[h.end:]))) ||
			strings.HasPrefix(strings.ToLower(h.groups[0]), "next")
		base := ref
		switch r.anaphor {
		case anaphorSentence:
			if !inSentence.IsZero() {
				base = inSentence
			}
		case anaphorText:
			if !last.IsZero() {
				base = last
			}
		case anaphorOnly:
			if last.IsZero() {
				continue
			}
			base = last
		}
		t, prec, ok := r.resolve(h.groups, base, future)
		if !ok {
			continue
		}
		if prec == news.PrecisionDay {
			last, inSentence = t, t
		}
		out = append(out, news.Date{
			Span:      news.Span{Start: start, End: h.end},
			Text:      text[start:h.end],
			Date:      t.Format(news.DateFormat),
			Precision: prec,
			Rule:      "date:" + r.name,
		})
	}
	return out, last
}

// fronted reports whether a time expression opens its sentence ("On
// Tuesday, the league plans to ..."), when it dates the clause after it.
func fronted(before string) bool {
	before = strings.TrimSpace(before)
	return before == "" || before == `"` || before == "``" || strings.HasSuffix(before, "\n")
}

// mainClause returns the text after a fronted time expression up to where
// a reporting verb or the sentence ends: in "On Monday, he said they will
// ..." the future belongs to what was said, not to Monday.
func mainClause(after string) string {
	after = after[:min(len(after), 80)]
	if loc := reportingRe.FindStringIndex(after); loc != nil {
		after = after[:loc[0]]
	}
	return after
}

// futureAfterRe finds the present-tense words that put the clause after a
// fronted time expression in the future; the past-tense "planned" of
// futureRe would not.
var futureAfterRe = regexp.MustCompile(`(?i)\b(?:will|won't|'ll|shall|plans?\s+to|(?:is|are)\s+(?:due|set|expected|scheduled|going)\s+to|(?:is|are)\s+to)\b`)

// reportingRe finds a reporting verb.
var reportingRe = regexp.MustCompile(`(?i)\b(?:said|says|told|announced|added)\b|[.;]`)

// reAnaphoricDay matches a day named by reference to the one before it:
// "that day", "later that day", "the next morning", "the day after".
const reAnaphoricDay = `(?:(?:earlier|later)\s+(?:in\s+)?)?(the\s+next|the\s+following|the\s+previous|the\s+same|that\s+same|that|the)\s+(day|morning|afternoon|evening|night)(?:\s+(before|after))?`

// anaphoricDay resolves a match of reAnaphoricDay against the last day
// named.
func anaphoricDay(m []string, last time.Time, _ bool) (time.Time, news.Precision, bool) {
	mod, part, dir := squash(m[1]), strings.ToLower(m[2]), strings.ToLower(m[3])
	if mod == "the" && part != "day" && dir == "" {
		return time.Time{}, "", false // "the night" names no particular night
	}
	n := map[string]int{"the next": 1, "the following": 1, "the previous": -1, "before": -1, "after": 1}
	return day(last).AddDate(0, 0, n[mod]+n[dir]), news.PrecisionDay, true
}

// anaphoricAfter finds what makes "the day" name something other than the
// last day: a noun or clause after it ("the day of the vote", "the day
// before the attack", "the day he died", "the day's events").
var anaphoricAfter = regexp.MustCompile(`^(?:'s|\s+(?:of|when|that|which|whose|where|on|in|last|next|this|he|she|they|it|we|i|you|the|a|an|his|her|its|their|our|this|these|those|[a-z]+'s)\b)`)

// rejectAnaphoricDay refuses "the day" when it is not anaphoric.
func rejectAnaphoricDay(m []string, after string) bool {
	if squash(m[1]) != "the" && m[3] == "" {
		return false // "that day", "the next day" stand alone
	}
	return anaphoricAfter.MatchString(strings.ToLower(after[:min(len(after), 24)]))
}

// ago moves ref by a count of days, weeks, months or years.
func ago(m []string, ref time.Time, _ bool) (time.Time, news.Precision, bool) {
	n := number(m[1])
	if n < 0 {
		return time.Time{}, "", false
	}
	if dir := strings.ToLower(m[3]); dir == "ago" || dir == "earlier" {
		n = -n
	}
	ref = day(ref)
	switch strings.ToLower(m[2]) {
	case "day":
		return ref.AddDate(0, 0, n), news.PrecisionDay, true
	case "week":
		return ref.AddDate(0, 0, 7*n), news.PrecisionDay, true
	case "month":
		return ref.AddDate(0, n, 0), news.PrecisionDay, true
	}
	return ref.AddDate(n, 0, 0), news.PrecisionDay, true
}

// periodEnd returns the last day of the year or month of ref, moved by
// mod ("last", "next"). After "since" or "from" without a modifier it is
// the last such end before ref: "up 5% since year-end".
func periodEnd(ref time.Time, unit, mod, prep string) (time.Time, news.Precision, bool) {
	ref = day(ref)
	n := map[string]int{"last": -1, "next": 1}[mod]
	var end time.Time
	switch unit {
	case "year":
		end = time.Date(ref.Year()+n, 12, 31, 0, 0, 0, 0, time.UTC)
	case "month":
		end = time.Date(ref.Year(), ref.Month()+time.Month(n)+1, 0, 0, 0, 0, 0, time.UTC)
	default:
		return time.Time{}, "", false
	}
	if mod == "" && (prep == "since" || prep == "from") && !end.Before(ref) {
		switch unit {
		case "year":
			end = end.AddDate(-1, 0, 0)
		case "month":
			end = time.Date(ref.Year(), ref.Month(), 0, 0, 0, 0, 0, time.UTC)
		}
	}
	return end, news.PrecisionDay, true
}

// sortSlice is an insertion sort: sentences hold a handful of dates, and it
// keeps the result deterministic for equal keys.
func sortSlice(n int, less func(i, j int) bool, swap func(i, j int)) {
	for i := 1; i < n; i++ {
		for j := i; j > 0 && less(j, j-1); j-- {
			swap(j, j-1)
		}
	}
}

func atoi(s string) int {
	s = strings.TrimRight(strings.ToLower(s), "stndrh")
	n, _ := strconv.Atoi(s)
	return n
}

func squash(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// ymd returns a valid calendar day or false ("31 February" is not a date).
func ymd(y int, m time.Month, d int) (time.Time, news.Precision, bool) {
	if m < time.January || m > time.December || d < 1 || d > 31 {
		return time.Time{}, "", false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, "", false
	}
	return t, news.PrecisionDay, true
}

// numericDate reads a day and month written as numbers in either order
// ("6/3/2019"). A part over 12 settles the order; otherwise the reading
// closer to the reference date wins, and day-month, the order of most of
// the world's press, when there is none.
func numericDate(a, b, y int, ref time.Time) (time.Time, news.Precision, bool) {
	dm, _, okDM := ymd(y, time.Month(b), a)
	md, _, okMD := ymd(y, time.Month(a), b)
	switch {
	case okDM && !okMD:
		return dm, news.PrecisionDay, true
	case okMD && !okDM:
		return md, news.PrecisionDay, true
	case !okDM:
		return time.Time{}, "", false
	case !ref.IsZero() && absDuration(md.Sub(day(ref))) < absDuration(dm.Sub(day(ref))):
		return md, news.PrecisionDay, true
	}
	return dm, news.PrecisionDay, true
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// month reads a month name or abbreviation. It must be capitalised, as
// month names are in English text: "may" is a verb.
func month(s string) time.Month {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return 0
	}
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s[:3]) {
			return m
		}
	}
	return 0
}

func dayOfWeek(s string) time.Weekday {
	s = strings.ToLower(s)
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.ToLower(d.String()) == s {
			return d
		}
	}
	return time.Sunday
}

// weekday resolves a named weekday against ref.
func weekday(ref time.Time, mod string, wd time.Weekday, future bool) (time.Time, news.Precision, bool) {
	ref = day(ref)
	back := (int(ref.Weekday()) - int(wd) + 7) % 7 // days back to the latest such day, 0 = today
	switch mod {
	case "last":
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back), news.PrecisionDay, true
	case "next":
		fwd := (int(wd) - int(ref.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return ref.AddDate(0, 0, fwd), news.PrecisionDay, true
	}
	if future {
		fwd := (int(wd) - int(ref.Weekday()) + 7) % 7
		return ref.AddDate(0, 0, fwd), news.PrecisionDay, true
	}
	return ref.AddDate(0, 0, -back), news.PrecisionDay, true
}

// nearestYear puts a day and month without a year in the year that makes
// it closest to ref. News reports the past more than the future, so a
// future date counts as twice as far unless the sentence speaks of the
// future, when past dates count as twice as far.
func nearestYear(ref time.Time, m time.Month, d int, future bool) (time.Time, news.Precision, bool) {
	ref = day(ref)
	var best time.Time
	bestCost := time.Duration(1<<63 - 1)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t, _, ok := ymd(y, m, d)
		if !ok {
			continue
		}
		cost := t.Sub(ref)
		if cost < 0 {
			cost = -cost
			if future {
				cost *= 2
			}
		} else if !future {
			cost *= 2
		}
		if cost < bestCost {
			best, bestCost = t, cost
		}
	}
	if best.IsZero() {
		return best, "", false
	}
	return best, news.PrecisionDay, true
}

// shift moves ref by n units and returns the date at that unit's precision.
func shift(ref time.Time, unit string, n int) (time.Time, news.Precision, bool) {
	ref = day(ref)
	switch unit {
	case "day":
		return ref.AddDate(0, 0, n), news.PrecisionDay, true
	case "week":
		t := ref.AddDate(0, 0, 7*n)
		monday := (int(t.Weekday()) + 6) % 7
		return t.AddDate(0, 0, -monday), news.PrecisionWeek, true
	case "month":
		first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, n, 0), news.PrecisionMonth, true
	case "year":
		return time.Date(ref.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC), news.PrecisionYear, true
	}
	return time.Time{}, "", false
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// number reads a small count in digits or words; -1 when it is not one.
func number(s string) int {
	words := map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
	if n, ok := words[strings.ToLower(s)]; ok {
		return n
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
