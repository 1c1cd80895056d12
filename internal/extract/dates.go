package extract

import (
	"regexp"
	"strings"
	"time"

	"chronicle/internal/news"
)

// Dates finds the time expressions of every sentence and resolves them to
// calendar dates against the article's published date. Relative
// expressions ("on Wednesday", "yesterday", "last week") are resolved only
// when the published date is known; absolute ones ("3 May 2024",
// "March 2013") always are. A weekday is the latest such day on or before
// publication, unless the clause speaks of the future ("will meet on
// Wednesday", "planned for Friday"), then the next such day on or after
// it. A day and month without a year ("June 1"), a holiday ("Thanksgiving
// Day", "Good Friday", holidays of dates.rules) and a month take the year
// nearest publication in the direction of the verb: "ended Jan. 31" is
// past, "will close by Dec. 15" future. Anaphoric expressions ("that day",
// "the next morning", "the previous Friday", "three days later", "until
// then", "a year earlier") resolve against the last day named before
// them, which for "that day" may be in an earlier sentence and for "a year
// earlier" must be in the same one; "the day before Monday's vote" counts
// from the day it names. "The day after his death" counts from the last
// day named in its paragraph or the one before, "overnight" from the last
// day of its sentence or the one before, and "it was a great day" is the
// last day named.
//
// The direction of a weekday or a day and month comes from its clause: a
// modal, a plan, a present-tense verb of a timetable of dates.rules
// ("Arafat meets Albright Monday"), the clause a verbless phrase hangs
// from ("is due in Nairobi, her first stop Tuesday"), or a day ahead
// named before it in the sentence ("from March 30, and from August 6").
// "This Friday" is the Friday of the week of writing, "each Friday" no
// day at all; weekends are dated by their week. "Yesterday" and "today"
// inside a quotation count from the day the sentence says it was spoken.
//
// Finding is cheap where there is nothing to find: a rule is tried only
// at the word starts just before a cue word of dates.rules (a month,
// weekday, unit, holiday ...), with a regexp anchored there, and only
// where its first byte can begin a match.
//
// The resolver is written here rather than taken from a library: the Go
// date parsers (dateparse, go-dateparser) read a whole string as one date
// and do not find expressions in running text with their spans, nor apply
// news conventions such as the weekday rule.
func Dates(a *news.Article) {
	a.Dates = a.Dates[:0]
	var fr dateFrame
	lower := lowerASCII(a.Text)
	para, nearPara, prevEnd := 0, 0, 0
	for _, s := range a.Sentences {
		if prevEnd <= s.Span.Start && strings.IndexByte(a.Text[prevEnd:s.Span.Start], '\n') >= 0 {
			para++ // sentences of one paragraph are parted by spaces only
		}
		prevEnd = max(prevEnd, s.Span.End)
		if para-nearPara > 1 {
			fr.near = time.Time{}
		}
		text := s.Text(a.Text)
		found, named := datesIn(text, s.Text(lower), a.Published, &fr)
		fr.prev = time.Time{}
		if named {
			fr.prev, fr.near, nearPara = fr.last, fr.last, para
		}
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
	reOrdinal = `(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[0-9]{1,3}(?:st|nd|rd|th))`
	reNum     = `(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})`
	rePart    = `(?:\s+(?:morning|afternoon|evening|night))?`
)

// dateRule is one kind of time expression: its pattern (matched case
// insensitively on word boundaries) and how it resolves.
type dateRule struct {
	name    string
	re      *dateRe
	resolve func(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool)
	// relative rules need a known reference date.
	relative bool
	// anchor is the kind of word every match of the rule contains; the
	// rule's regexp runs only near such words, because the regexps are the
	// costly part of dating and most sentences hold no time expression.
	anchor cue
	// lead is how many bytes before its anchor word a match may start:
	// "the 21st of " before "May". Starts further back are not tried.
	lead int
	// trail is how many bytes after the end of its anchor word a match
	// may reach: " or so from now" after "days".
	trail int
	// need is the other cues a sentence must hold for the rule to match.
	need cue
	// anaphor says what the rule resolves against instead of the
	// reference date.
	anaphor anaphor
	// reject, when set, refuses a match given the groups and the text
	// after it ("the day before the vote" is anchored on an event).
	reject func(m []string, before, after string) bool
}

// anaphor is what an anaphoric time expression refers back to.
type anaphor uint8

// Anaphors.
const (
	anaphorNone      anaphor = iota // the reference date
	anaphorSentence                 // the last day named in the sentence, else the reference date
	anaphorText                     // the last day named in the text, else the reference date
	anaphorOnly                     // the last day named in the text, else nothing
	anaphorNear                     // the last day named in the sentence or the one before, else the reference date
	anaphorParagraph                // the last day named in the paragraph or the one before, else nothing
)

// dateFrame holds the days named before a sentence that its anaphoric
// expressions may refer back to.
type dateFrame struct {
	last time.Time // the last day named in the text
	prev time.Time // the last day named in the sentence before, zero when it named none
	near time.Time // the last day named in this paragraph or the one before, zero when none
}

// cue is a kind of word that time expressions are built around.
type cue uint16

// Cues.
const (
	cueMonth    cue = 1 << iota // a capitalised month name or abbreviation
	cueWeekday                  // Monday ... Sunday
	cueDeictic                  // yesterday, today, tonight, night, morning ...
	cuePeriod                   // day(s), week(s), month(s), year(s)
	cueYear                     // 1800 ... 2099
	cueDay                      // day, morning, afternoon, evening, night
	cueShift                    // earlier, later
	cueEnd                      // end
	cueNum                      // a number of one or two digits, perhaps ordinal: 3, 21st
	cueAgo                      // ago, now
	cueAnaphor                  // previous, following
	cueModifier                 // last, this, next ...
	cueThen                     // then
	cueHoliday                  // the capitalised first word of a holiday name
	cueWeekend                  // weekend
)

// anchorSet holds the words of a sentence that carry cues.
type anchorSet struct {
	has   cue          // the cues present
	words []anchorWord // in text order
}

// anchorWord is a word that carries cues.
type anchorWord struct {
	span [2]int
	cues cue
}

// of appends to dst the spans of the words carrying c and returns it.
func (s *anchorSet) of(dst [][2]int, c cue) [][2]int {
	for _, w := range s.words {
		if w.cues&c != 0 {
			dst = append(dst, w.span)
		}
	}
	return dst
}

// anchors returns the words of text that carry cues, given text in
// lower case too.
func anchors(text, lower string) anchorSet {
	var out anchorSet
	lex := dateLex()
	for i := 0; i < len(text); {
		c := text[i]
		if !isAlnum(c) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isAlnum(text[j]) {
			j++
		}
		w := text[i:j]
		var k cue
		switch {
		case c >= '0' && c <= '9':
			digits := 0
			for digits < len(w) && w[digits] >= '0' && w[digits] <= '9' {
				digits++
			}
			if digits <= 2 {
				k = cueNum
			} else if len(w) == 4 && (w[:2] == "18" || w[:2] == "19" || w[:2] == "20") {
				k = cueYear
			}
		case len(w) <= maxCueWord && lex.mayHold(lower[i:j]):
			k = lex.words[lower[i:j]]
			if c < 'A' || c > 'Z' {
				k &^= cueMonth | cueHoliday // "may" is a verb, "new" an adjective
			}
		}
		if k != 0 {
			out.has |= k
			out.words = append(out.words, anchorWord{[2]int{i, j}, k})
		}
		i = j
	}
	return out
}

// dateRules are ordered from the most specific to the least: where two
// matches overlap, the earlier rule wins.
var dateRules = []dateRule{
	{name: "iso", lead: 4, trail: 8, anchor: cueYear, need: cueNum, re: wordRe(`(` + reYear + `)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`),
		resolve: func(m []string, _ time.Time, _ tense) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]))
		}},
	{name: "numeric", lead: 8, trail: 4, anchor: cueYear, need: cueNum, re: wordRe(`([0-3]?[0-9])[/.]([0-3]?[0-9])[/.](` + reYear + `)`),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			return numericDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), ref)
		}},
	{name: "day-month-year", lead: 48, trail: 4, anchor: cueYear, need: cueNum | cueMonth, re: wordRe(`(?:` + reWeekday + `,?\s+)?(?:the\s+)?(` + reDay + `)(?:\s+of)?[\s-]+(` + reMonth + `),?[\s-]+(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ tense) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[3]), month(m[2]), atoi(m[1]))
		}},
	{name: "month-day-year", lead: 40, trail: 4, anchor: cueYear, need: cueNum | cueMonth, re: wordRe(`(?:` + reWeekday + `,?\s+)?(` + reMonth + `)\s+(` + reDay + `),?\s+(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ tense) (time.Time, news.Precision, bool) {
			return ymd(atoi(m[3]), month(m[1]), atoi(m[2]))
		}},
	{name: "day-month", lead: 32, trail: 4, anchor: cueMonth, relative: true, need: cueNum, re: wordRe(`(?:` + reWeekday + `,?\s+)?(?:the\s+)?(` + reDay + `)(?:\s+of)?\s+(` + reMonth + `)`),
		resolve: func(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
			return nearestYear(ref, month(m[2]), atoi(m[1]), tn)
		}},
	{name: "month-day", lead: 16, trail: 8, anchor: cueMonth, relative: true, need: cueNum, re: wordRe(`(?:` + reWeekday + `,?\s+)?(` + reMonth + `)\s+(` + reDay + `)`),
		resolve: func(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
			return nearestYear(ref, month(m[1]), atoi(m[2]), tn)
		}},
	{name: "month-year", lead: 40, trail: 4, anchor: cueYear, need: cueMonth, re: wordRe(`(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?(` + reMonth + `),?\s+(?:of\s+)?(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ tense) (time.Time, news.Precision, bool) {
			t, _, ok := ymd(atoi(m[2]), month(m[1]), 1)
			return t, news.PrecisionMonth, ok
		}},
	{name: "holiday", lead: 12, trail: 32, anchor: cueHoliday, relative: true, re: wordRe(holidayPattern(dateLex())),
		resolve: resolveHoliday, reject: rejectHoliday},
	{name: "weekday-anaphoric", lead: 20, trail: 16, anchor: cueWeekday, relative: true, anaphor: anaphorText, need: cueAnaphor, re: wordRe(`(?:the\s+)?(previous|following)\s+(` + reWeekday + `)` + rePart),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			mod := "last"
			if strings.ToLower(m[1]) == "following" {
				mod = "next"
			}
			return weekday(ref, mod, dayOfWeek(m[2]), false)
		}},
	{name: "weekday", lead: 16, trail: 16, anchor: cueWeekday, relative: true, re: wordRe(`(?:(last|next|this\s+coming|coming|this|on|early|late)\s+)?(` + reWeekday + `)(?:'s)?` + rePart),
		resolve: func(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
			mod := squash(m[1])
			if mod == "coming" || mod == "this coming" {
				mod = "next"
			}
			return weekday(ref, mod, dayOfWeek(m[2]), tn == tenseFuture)
		},
		reject: func(m []string, before, _ string) bool { return m[1] == "" && everyBefore(before) }},
	{name: "deictic", lead: 20, trail: 4, anchor: cueDeictic, relative: true, re: wordRe(`(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))`),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			off := map[string]int{"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
			return ref.AddDate(0, 0, off[squash(m[1])]), news.PrecisionDay, true
		}},
	// "overnight" is the night before the day the story is at: the day
	// of writing, or in "shares closed lower Friday, depressed by
	// overnight losses" the day just named.
	{name: "overnight", lead: 4, trail: 4, anchor: cueDeictic, relative: true, anaphor: anaphorNear, re: wordRe(`overnight`),
		resolve: func(_ []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
			return day(last), news.PrecisionDay, true
		}},
	// "today is the eighth day of the strike" names the day of writing.
	{name: "ordinal-day", lead: 40, trail: 4, anchor: cueDay, relative: true, re: wordRe(`the\s+` + reOrdinal + `\s+(?:straight\s+|consecutive\s+|successive\s+|full\s+)?day`),
		resolve: func(_ []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			return day(ref), news.PrecisionDay, true
		},
		reject: func(_ []string, before, _ string) bool { return !presentCopula(before) }},
	// "on Oct. 12, the day before the crash" restates the day just named.
	{name: "appositive-day", lead: 8, trail: 8, anchor: cueDay, relative: true, anaphor: anaphorSentence, re: wordRe(`the\s+day\s+(?:before|after|of|when)`),
		resolve: func(_ []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
			return day(last), news.PrecisionDay, true
		},
		reject: func(_ []string, before, _ string) bool { return !afterDayComma(before) }},
	// "it was a great day for Poland" is the day spoken of.
	{name: "copula-day", lead: 24, trail: 4, anchor: cueDay, relative: true, anaphor: anaphorText, re: wordRe(`an?\s+(?:[a-z]+\s+){0,2}day`),
		resolve: func(_ []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
			return day(last), news.PrecisionDay, true
		},
		reject: func(_ []string, before, after string) bool {
			return !copulaBefore(before) || anaphoricAfter.MatchString(after) || shiftAfter(after)
		}},
	// "until then" refers back to the last day named; "since then" and "by
	// then" are left out, as they as often refer to a month or a year.
	{name: "then", lead: 8, trail: 4, anchor: cueThen, relative: true, anaphor: anaphorOnly, re: wordRe(`(?:until|till)\s+then`),
		resolve: func(_ []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
			return day(last), news.PrecisionDay, true
		}},
	// "the day after his death" counts from the event, taken to be on
	// the last day named, if one was named close by.
	{name: "event-day", lead: 4, trail: 8, anchor: cueDay, relative: true, anaphor: anaphorParagraph, re: wordRe(`the\s+(?:day|morning|afternoon|evening|night)\s+(before|after)`),
		resolve: func(m []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
			n := 1
			if strings.ToLower(m[1]) == "before" {
				n = -1
			}
			return day(last).AddDate(0, 0, n), news.PrecisionDay, true
		},
		reject: func(_ []string, before, after string) bool { return afterDayComma(before) || !eventPhrase(after) }},
	{name: "anaphoric-day", lead: 32, trail: 8, anchor: cueDay, relative: true, anaphor: anaphorOnly, re: wordRe(reAnaphoricDay),
		resolve: anaphoricDay, reject: rejectAnaphoricDay},
	// "two weeks ago" counts back from the day of writing.
	{name: "ago", lead: 12, trail: 20, anchor: cuePeriod, relative: true, need: cueAgo, re: wordRe(`(` + reNum + `)\s+(day|week|month|year)s?(?:\s+or\s+so)?\s+(ago|from\s+now)`),
		resolve: ago},
	// "three days later" tells a story on from the last day named, in this
	// sentence or an earlier one.
	{name: "days-later", lead: 28, trail: 4, anchor: cueShift, relative: true, anaphor: anaphorText, need: cuePeriod, re: wordRe(`(` + reNum + `)\s+(day|week)s?(?:\s+or\s+so)?\s+(earlier|later)`),
		resolve: ago},
	// "a year earlier" counts back from the day the sentence named: "up 6%
	// from a year earlier" compares with the same day a year before.
	{name: "earlier", lead: 28, trail: 4, anchor: cueShift, relative: true, anaphor: anaphorSentence, need: cuePeriod, re: wordRe(`(` + reNum + `)\s+(month|year)s?(?:\s+or\s+so)?\s+(earlier|later)`),
		resolve: ago},
	{name: "year-end", lead: 24, trail: 4, anchor: cueEnd, relative: true, need: cuePeriod, re: wordRe(`(?:(since|from|by|until|at|before|after)\s+)?(?:(last|this|next)\s+)?year[-\s]end`),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			return periodEnd(ref, "year", strings.ToLower(m[2]), strings.ToLower(m[1]))
		}},
	{name: "period-end", lead: 16, trail: 24, anchor: cueEnd, relative: true, need: cuePeriod, re: wordRe(`(?:(since|from|by|until|at|before|after)\s+)?the\s+end\s+of\s+(?:the|this|(last|next))\s+(year|month)`),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			return periodEnd(ref, strings.ToLower(m[3]), strings.ToLower(m[2]), strings.ToLower(m[1]))
		}},
	// A weekend is dated by its week, like "this week": "over the
	// weekend" is the last one, unless the clause looks ahead.
	{name: "weekend", lead: 12, trail: 4, anchor: cueWeekend, relative: true, re: wordRe(`(?:(last|this|next|past|coming|the)\s+)weekend`),
		resolve: weekend, reject: func(_ []string, _, after string) bool {
			return strings.HasPrefix(after, " of ") || strings.HasPrefix(after, "s")
		}},
	{name: "relative-period", lead: 20, trail: 4, anchor: cuePeriod, relative: true, need: cueModifier, re: wordRe(`(?:(?:earlier|later)\s+)?(last|this|next|previous|past|coming)\s+(week|month|year)`),
		resolve: func(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
			n := map[string]int{"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[strings.ToLower(m[1])]
			return shift(ref, strings.ToLower(m[2]), n)
		}},
	{name: "month", lead: 12, trail: 4, anchor: cueMonth, relative: true, re: wordRe(`(?:(early|mid|late|last|next|this|in|since|until|by|from)[\s-]+)(` + reMonth + `)`),
		resolve: func(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
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
				if tn == tenseFuture && int(mo) < int(ref.Month()) {
					y++
				} else if tn == tensePast && int(mo) > int(ref.Month()) || tn != tenseFuture && int(mo) > int(ref.Month())+1 {
					y--
				}
			}
			return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), news.PrecisionMonth, true
		}},
	{name: "year", lead: 12, trail: 4, anchor: cueYear, re: wordRe(`(?:(?:in|since|until|by|from|of|during|before|after|early|late|mid)[\s-]+)(` + reYear + `)`),
		resolve: func(m []string, _ time.Time, _ tense) (time.Time, news.Precision, bool) {
			return time.Date(atoi(m[1]), 1, 1, 0, 0, 0, 0, time.UTC), news.PrecisionYear, true
		}},
}

// isWordByte reports whether c is a word byte for \b: an ASCII letter,
// digit or underscore.
func isWordByte(c byte) bool {
	// Bit sets of the word bytes below 64 (the digits) and from 64 to 127
	// (the letters and the underscore): one shift instead of four ranges.
	const low, high = 0x3ff000000000000, 0x7fffffe87fffffe
	switch {
	case c < 64:
		return low>>c&1 != 0
	case c < 128:
		return high>>(c-64)&1 != 0
	}
	return false
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool { return c != '_' && isWordByte(c) }

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

// prepositions open a time expression without belonging to it.
var prepositions = map[string]bool{"at": true, "on": true, "in": true, "since": true, "until": true, "by": true, "from": true,
	"of": true, "during": true, "before": true, "after": true}

// findDates returns the resolved time expressions of one sentence with
// spans relative to it.
func findDates(text string, ref time.Time) []news.Date {
	out, _ := datesIn(text, lowerASCII(text), ref, &dateFrame{})
	return out
}

// datesIn returns the resolved time expressions of one sentence with spans
// relative to it, given the sentence lower-cased (ASCII only, so offsets
// agree) and the days named before the sentence, and whether the sentence
// names a day. It moves fr.last to the last day named.
func datesIn(text, lower string, ref time.Time, fr *dateFrame) ([]news.Date, bool) {
	type hit struct {
		start, end int
		rule       int
		groups     []string
	}
	var hits []hit
	anchorsOf := anchors(text, lower)
	var words [][2]int
	if anchorsOf.has == 0 {
		return nil, false
	}
	for ri, r := range dateRules {
		if r.relative && ref.IsZero() || anchorsOf.has&r.anchor == 0 || r.need&^anchorsOf.has != 0 {
			continue
		}
		words = anchorsOf.of(words[:0], r.anchor)
		if len(words) == 0 {
			continue
		}
		// Every match holds its anchor word, begins at a word start at
		// most lead bytes before it and ends at most trail bytes after.
		next := 0 // the first start not yet tried
		for _, a := range words {
			end := min(len(lower), a[1]+r.trail)
			for end < len(lower) && isWordByte(lower[end]) {
				end++
			}
			p := max(next, a[0]-r.lead)
			for ; p <= a[0]; p++ {
				if p > 0 && isWordByte(lower[p-1]) {
					continue
				}
				loc := r.re.matchAt(lower, p, end)
				if loc == nil || loc[1] == 0 {
					continue
				}
				g := make([]string, len(loc)/2)
				for i := range g {
					if loc[2*i] >= 0 {
						g[i] = text[p+loc[2*i] : p+loc[2*i+1]]
					}
				}
				e := p + loc[1]
				if r.reject == nil || !r.reject(g, text[:p], text[e:]) {
					hits = append(hits, hit{p, e, ri, g})
				}
				// Like a search for all matches, go on after this one.
				p = e - 1
			}
			next = max(next, p)
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
		before := lower[max(0, h.start-60):h.start]
		before = before[clauseCut(trimPreposition(before)):]
		tn := tenseOf(before, lower[h.end:])
		switch {
		case strings.HasPrefix(lower[h.start:h.end], "next"):
			tn = tenseFuture
		case strings.HasSuffix(lower[h.start:h.end], "'s") && tn == tenseFuture:
			tn = tenseNone // "Wednesday's ruling" is one that was made
		case tn != tenseNone:
		case inSentence.After(day(ref)) && (r.name == "day-month" || r.name == "month-day"):
			// "flights leave from March 30, and daily from August 6": a
			// day after one ahead is ahead too.
			tn = tenseFuture
		case r.name == "weekday" || r.name == "day-month" || r.name == "month-day" || r.name == "holiday":
			// Only these read the tense.
			tn = appositiveTense(lower[:h.start])
		}
		if r.name == "anaphoric-day" && h.groups[3] != "" && gerundAfter(lower[h.end:]) {
			// "later in the day before returning home": "before" opens a
			// clause and moves nothing.
			h.end -= len(h.groups[0]) - len(strings.TrimRight(h.groups[0][:len(h.groups[0])-len(h.groups[3])], " \t\n"))
			h.groups[3] = ""
		}
		base := ref
		switch r.anaphor {
		case anaphorSentence:
			if !inSentence.IsZero() {
				base = inSentence
			}
		case anaphorText:
			if !fr.last.IsZero() {
				base = fr.last
			}
		case anaphorOnly:
			if fr.last.IsZero() {
				continue
			}
			base = fr.last
		case anaphorNear:
			switch {
			case !inSentence.IsZero():
				base = inSentence
			case !fr.prev.IsZero():
				base = fr.prev
			}
		case anaphorParagraph:
			switch {
			case !inSentence.IsZero():
				base = inSentence
			case !fr.near.IsZero():
				base = fr.near
			default:
				continue
			}
		}
		t, prec, ok := r.resolve(h.groups, base, tn)
		if !ok {
			continue
		}
		rule := "date:" + r.name
		if r.name == "weekday" && nextWeek(lower[h.end:]) {
			// "on Monday and Tuesday next week"
			t = day(ref).AddDate(0, 0, 7-(int(ref.Weekday())+6)%7+(int(t.Weekday())+6)%7)
		}
		if prec == news.PrecisionDay {
			// "the day before Monday's vote", "two weeks after 3 May"
			if n, at, ok := countedShift(lower[:start]); ok && (len(out) == 0 || at >= out[len(out)-1].Span.End) {
				t, start, rule = t.AddDate(0, 0, n), at, rule+"+shift"
			}
			fr.last, inSentence = t, t
		}
		out = append(out, news.Date{
			Span:      news.Span{Start: start, End: h.end},
			Text:      text[start:h.end],
			Date:      t.Format(news.DateFormat),
			Precision: prec,
			Rule:      rule,
		})
		// "April 24 and 25": the second day shares the month.
		if r.name == "month-day" {
			if d, sp, ok := coordinatedDay(lower, h.end); ok {
				if t2, _, ok := ymd(t.Year(), t.Month(), d); ok {
					out = append(out, news.Date{
						Span:      sp,
						Text:      text[sp.Start:sp.End],
						Date:      t2.Format(news.DateFormat),
						Precision: news.PrecisionDay,
						Rule:      "date:coordinated-day",
					})
					fr.last, inSentence = t2, t2
				}
			}
		}
	}
	speechFrame(text, lower, ref, out)
	return out, !inSentence.IsZero()
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
	return after[:reportingCut(after)]
}

// reAnaphoricDay matches a day named by reference to the one before it:
// "that day", "later that day", "the next morning", "the day after".
const reAnaphoricDay = `(?:(?:earlier|later)\s+(?:in\s+)?)?(the\s+next|the\s+following|the\s+previous|the\s+same|that\s+same|that|the)\s+(day|morning|afternoon|evening|night)(?:\s+(before|after))?`

// anaphoricDay resolves a match of reAnaphoricDay against the last day
// named.
func anaphoricDay(m []string, last time.Time, _ tense) (time.Time, news.Precision, bool) {
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
func rejectAnaphoricDay(m []string, _, after string) bool {
	if squash(m[1]) != "the" && m[3] == "" {
		return false // "that day", "the next day" stand alone
	}
	return anaphoricAfter.MatchString(strings.ToLower(after[:min(len(after), 24)]))
}
