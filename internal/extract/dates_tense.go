package extract

import (
	"strings"

	"chronicle/internal/news"
)

// The functions here read the tense around a time expression word by word
// over lower-cased text. They run for every expression found, so they are
// written as scanners rather than case-insensitive regexps.

// tense is which way from the day of writing a clause points.
type tense int8

// Tenses.
const (
	tenseNone   tense = iota // no sign: the past is likelier in news
	tensePast                // a past-tense verb: "ended Jan. 31"
	tenseFuture              // a modal or a plan: "will meet on Friday"
)

// tenseOf returns the tense of the clause of a time expression given the
// lower-cased text of its clause before it and the sentence after it.
//
// A modal before the expression makes it future. An expression that opens
// its sentence dates the main clause after it ("Until Thursday, police had
// not named him"). A plan ("planned for Saturday", "scheduled") is future
// unless the clause goes on in the past ("... for Saturday was
// cancelled"). A past-tense verb right before the expression makes it past.
func tenseOf(before, after string) tense {
	wb := lowerWords(before)
	strong, weak := futureCues(wb)
	if strong {
		return tenseFuture
	}
	if fronted(trimPreposition(before)) {
		main := lowerWords(mainClause(after))
		switch {
		case futureAfter(main):
			return tenseFuture
		case pastVerb(main):
			return tensePast
		}
	}
	if weak {
		// "the rally planned for Saturday was cancelled", "lasted until
		// Monday"; but "as soon as trading opened Monday" is still ahead.
		last := wordAt(wb, len(wb)-1)
		if pastFinite(lowerWords(after[:clauseEnd(after)])) || (last == "until" || last == "till") && pastRightBefore(wb) {
			return tensePast
		}
		return tenseFuture
	}
	if pastRightBefore(wb) {
		return tensePast
	}
	if scheduleRightBefore(wb) {
		return tenseFuture
	}
	return tenseNone
}

// scheduleRightBefore reports whether the last word before a time
// expression, past "on" and an adverb in -ly, is a present-tense verb of
// dates.rules that is not made a noun by the word before it: "Arafat
// meets separately Monday", not "after the vote Monday".
func scheduleRightBefore(ws []string) bool {
	i := len(ws) - 1
	if wordAt(ws, i) == "on" {
		i--
	}
	if w := wordAt(ws, i); len(w) > 4 && strings.HasSuffix(w, "ly") {
		i--
	}
	if !dateLex().schedule[wordAt(ws, i)] {
		return false
	}
	switch w := wordAt(ws, i-1); w {
	case "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "to", "will", "would", "did", "didn't":
		return false
	default:
		return !strings.HasSuffix(w, "'s")
	}
}

// trimPreposition drops a preposition that ends before ("Until " in
// "Until Thursday, ...").
func trimPreposition(before string) string {
	t := strings.TrimRight(before, " \t")
	i := len(t)
	for i > 0 && isWordByte(t[i-1]) {
		i--
	}
	switch t[i:] {
	case "until", "by", "since", "from", "on", "in", "at", "before", "after", "for", "till":
		return t[:i]
	}
	return before
}

// clauseEnd returns where the clause that starts lower ends: at the first
// comma, semicolon, colon or full stop, else at the end.
func clauseEnd(lower string) int {
	if i := strings.IndexAny(lower, ",;:."); i >= 0 {
		return i
	}
	return len(lower)
}

// pastFinite reports whether words open with a past-tense form of "be" or
// "have" ("was cancelled", "had been postponed").
func pastFinite(ws []string) bool {
	switch wordAt(ws, 0) {
	case "was", "were", "had":
		return true
	}
	return false
}

// pastVerb reports whether words hold a past-tense auxiliary or verb
// ("had not named", "was", "ended") before any present or future one.
func pastVerb(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "was", "were", "had", "did", "said":
			return true
		case "is", "are", "has", "have", "will", "does", "do", "says":
			return false
		}
	}
	return false
}

// pastRightBefore reports whether the last word before a time expression,
// past prepositions and articles, is a past-tense verb ("terminated on",
// "ended", "lasted until"): an -ed form or a common irregular past, but
// not a plan ("scheduled for").
func pastRightBefore(ws []string) bool {
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
		w := ws[i]
		switch w {
		case "on", "in", "at", "since", "from", "of", "the", "by", "until", "till":
			continue
		case "planned", "scheduled", "postponed", "delayed", "expected", "set", "due":
			return false // plans point ahead
		case "was", "were", "had", "did", "began", "met", "held", "took", "came", "went", "fell", "rose",
			"won", "lost", "left", "made", "found", "struck", "became", "saw", "said", "told":
			return true
		}
		if i > 0 {
			switch ws[i-1] {
			case "be", "been", "being", "to", "is", "are", "will", "would":
				return false // a passive or an infinitive: "to be completed by"
			}
		}
		return len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
	}
	return false
}

// lowerWords splits lower-cased text into words of letters, digits and
// inner apostrophes ("won't", "he'll").
func lowerWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isWordByte(s[j]) || s[j] == '\'' && j+1 < len(s) && isWordByte(s[j+1]) && j > i) {
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// clauseCut returns where the clause ending at the end of lower starts:
// after the last comma, semicolon or colon, else at the first "said",
// "says", "after" or "because", else 0. A modal of another clause then
// does not date the expression.
func clauseCut(lower string) int {
	if i := lastClauseMark(lower); i >= 0 {
		return i
	}
	return conjunctionCut(lower)
}

// conjunctionCut returns where the first "said", "says", "after" or
// "because" of lower is, else 0.
func conjunctionCut(lower string) int {
	for i := 0; i < len(lower); {
		if !isWordByte(lower[i]) {
			i++
			continue
		}
		j := i
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		switch lower[i:j] {
		case "said", "says", "after", "because":
			return i
		}
		i = j
	}
	return 0
}

// lastClauseMark returns the index of the last comma, semicolon or colon
// of s that parts clauses, not digits ("15:00", "1,700"), or -1.
func lastClauseMark(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ',', ':':
			if i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
				continue
			}
			return i
		case ';':
			return i
		}
	}
	return -1
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// wordAt returns ws[i], or "" outside ws.
func wordAt(ws []string, i int) string {
	if i >= 0 && i < len(ws) {
		return ws[i]
	}
	return ""
}

// futureCues reports whether the words before a time expression in its
// clause put it in the future: strongly by a modal, "is due", "plans to";
// weakly by a plan that may since have changed ("scheduled", "planned",
// "until", "as soon as").
func futureCues(ws []string) (strong, weak bool) {
	for i, w := range ws {
		next := wordAt(ws, i+1)
		switch w {
		case "will", "won't", "shall":
			return true, false
		case "planned", "planning", "scheduled", "upcoming", "until", "postponed", "delayed":
			weak = true
		case "is", "are":
			if next == "due" || next == "to" ||
				(next == "set" || next == "expected") && wordAt(ws, i+2) == "to" {
				return true, false
			}
		case "due", "going":
			if next == "to" {
				return true, false
			}
		case "plan", "plans":
			if next == "to" {
				return true, false
			}
		case "set":
			if next == "to" && wordAt(ws, i+2) == "resume" {
				return true, false
			}
		case "to":
			if next == "be" && wordAt(ws, i+2) == "held" {
				return true, false
			}
		case "as":
			if (next == "soon" || next == "early") && wordAt(ws, i+2) == "as" {
				weak = true
			}
		case "would":
			if next == "be" {
				return true, false
			}
		}
		if strings.HasSuffix(w, "'ll") {
			return true, false
		}
	}
	return false, weak
}

// futureAfter reports whether the present-tense words after a fronted
// time expression put its clause in the future; the past-tense "planned"
// would not.
func futureAfter(ws []string) bool {
	for i, w := range ws {
		next := wordAt(ws, i+1)
		switch w {
		case "will", "won't", "shall":
			return true
		case "plan", "plans":
			if next == "to" {
				return true
			}
		case "is", "are":
			switch next {
			case "to":
				return true
			case "due", "set", "expected", "scheduled", "going":
				if wordAt(ws, i+2) == "to" {
					return true
				}
			}
		}
		if strings.HasSuffix(w, "'ll") {
			return true
		}
	}
	return false
}

// reportingCut returns where a reporting verb ("said", "told") or the end
// of a sentence or clause (".", ";") first occurs in lower, else len(lower).
func reportingCut(lower string) int {
	for i := 0; i < len(lower); {
		c := lower[i]
		if c == '.' || c == ';' {
			return i
		}
		if !isWordByte(c) {
			i++
			continue
		}
		j := i
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		switch lower[i:j] {
		case "said", "says", "told", "announced", "added":
			return i
		}
		i = j
	}
	return len(lower)
}

// presentCopula reports whether before ends in "today is", "it's", "this
// is", "marks": the clause then speaks of the day of writing.
func presentCopula(before string) bool {
	ws := lowerWords(lowerASCII(before[max(0, len(before)-30):]))
	n := len(ws)
	switch {
	case n >= 1 && (ws[n-1] == "it's" || ws[n-1] == "today's" || ws[n-1] == "marks"):
		return true
	case n >= 2 && (ws[n-1] == "is" || ws[n-1] == "marks") && (ws[n-2] == "today" || ws[n-2] == "it" || ws[n-2] == "this"):
		return true
	}
	return false
}

// afterDayComma reports whether before ends in a day of the month or a
// weekday and a comma ("Oct. 12, "), so that a following "the day before
// the crash" is in apposition to it.
func afterDayComma(before string) bool {
	t := strings.TrimRight(before, " ")
	if !strings.HasSuffix(t, ",") {
		return false
	}
	t = t[:len(t)-1]
	i := len(t)
	for i > 0 && isWordByte(t[i-1]) {
		i--
	}
	w := lowerASCII(t[i:])
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return len(strings.TrimRight(w, "stndrh")) <= 4 // "12", "3rd", "1989"
	}
	if dateLex().words[w]&cueMonth != 0 && isUpperASCII(t[i]) {
		// "28 October, the day before"
		d := strings.TrimRight(t[:i], " ")
		return d != "" && isDigit(d[len(d)-1])
	}
	return dateLex().words[w]&cueWeekday != 0
}

// countedShift reads a count of days or weeks and "before" or "after" at
// the end of lower ("the day before ", "two weeks after "): the days it
// moves the day named next, and where it starts.
func countedShift(lower string) (days, start int, ok bool) {
	type word struct {
		w          string
		start, end int
	}
	var ws []word // the last three words, last first
	i := len(lower)
	for len(ws) < 3 {
		j := i
		for j > 0 && lower[j-1] == ' ' {
			j--
		}
		k := j
		for k > 0 && isWordByte(lower[k-1]) {
			k--
		}
		if k == j || j == i && i != len(lower) {
			break
		}
		ws = append(ws, word{lower[k:j], k, j})
		i = k
	}
	if len(ws) < 2 || ws[0].end == len(lower) {
		return 0, 0, false // the count must end in a space before the day
	}
	dir := 0
	switch ws[0].w {
	case "before":
		dir = -1
	case "after":
		dir = 1
	default:
		return 0, 0, false
	}
	unit := 0
	switch ws[1].w {
	case "day", "days":
		unit = 1
	case "week", "weeks":
		unit = 7
	default:
		return 0, 0, false
	}
	// The unit needs its article or count: "the day before", "a week
	// after", "two days before"; "every day after" and "next week before"
	// name no day.
	if len(ws) < 3 {
		return 0, 0, false
	}
	n, at := 1, ws[2].start
	if c := number(ws[2].w); c > 0 {
		n = c
	} else if ws[2].w != "the" {
		return 0, 0, false
	}
	if n > 1 && !strings.HasSuffix(ws[1].w, "s") || n == 1 && strings.HasSuffix(ws[1].w, "s") {
		return 0, 0, false
	}
	return dir * n * unit, at, true
}

// coordinatedDay reads a second day of the month after a month-day date
// ending at end ("April 24 and 25", "May 3-4"): the day and its span. The
// number must end its phrase, so "April 24 and 25 people" is not one.
func coordinatedDay(lower string, end int) (int, news.Span, bool) {
	rest := lower[end:]
	i := 0
	for i < len(rest) && rest[i] == ' ' {
		i++
	}
	switch {
	case strings.HasPrefix(rest[i:], "-"):
		i++
	case strings.HasPrefix(rest[i:], "and "), strings.HasPrefix(rest[i:], "to "):
		i = i + strings.IndexByte(rest[i:], ' ') + 1
	case strings.HasPrefix(rest[i:], "through "):
		i += len("through ")
	default:
		return 0, news.Span{}, false
	}
	for i < len(rest) && rest[i] == ' ' {
		i++
	}
	j := i
	for j < len(rest) && j-i < 2 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j == i {
		return 0, news.Span{}, false
	}
	d := atoi(rest[i:j])
	k := j
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasPrefix(rest[k:], suf) {
			k += 2
			break
		}
	}
	if k < len(rest) && isWordByte(rest[k]) {
		return 0, news.Span{}, false
	}
	after := strings.TrimLeft(rest[k:], " ")
	if k < len(rest) && rest[k] == ' ' && after != "" && isWordByte(after[0]) {
		w := after
		if n := strings.IndexFunc(w, func(r rune) bool { return r > 0x7f || !isWordByte(byte(r)) }); n >= 0 {
			w = w[:n]
		}
		switch w {
		case "in", "at", "on", "for", "with", "when", "as", "and", "respectively":
		default:
			return 0, news.Span{}, false
		}
	}
	return d, news.Span{Start: end + i, End: end + k}, true
}

// nextWeek reports whether the text after a weekday puts it in the next
// week: "Monday next week", "Monday and Tuesday next week".
func nextWeek(lower string) bool {
	ws := lowerWords(lower[:min(len(lower), 40)])
	i := 0
	for i+1 < len(ws) && (ws[i] == "and" || ws[i] == "or") && dateLex().words[strings.TrimSuffix(ws[i+1], "'s")]&cueWeekday != 0 {
		i += 2
	}
	return wordAt(ws, i) == "next" && wordAt(ws, i+1) == "week"
}

// eventPhrase reports whether after opens with a noun phrase that names
// an event rather than a day: "his death", "the vote", "Smith's arrest",
// but not "Monday's vote" or "the 3 May vote", which name their day.
func eventPhrase(after string) bool {
	ws := lowerWords(lowerASCII(after[:min(len(after), 40)]))
	if len(ws) < 2 || !strings.HasPrefix(after, " ") {
		return false
	}
	switch w := ws[0]; {
	case w == "the" || w == "his" || w == "her" || w == "its" || w == "their" || w == "our" || w == "this" || w == "that":
	case strings.HasSuffix(w, "'s") && isUpperASCII(strings.TrimLeft(after, " ")[0]):
		if dateLex().words[strings.TrimSuffix(w, "'s")] != 0 {
			return false
		}
		return true
	default:
		return false
	}
	w := ws[1]
	if w[0] >= '0' && w[0] <= '9' {
		return false
	}
	return dateLex().words[strings.TrimSuffix(w, "'s")]&(cueMonth|cueWeekday|cueHoliday|cueModifier|cueAnaphor|cueDeictic) == 0
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

// appositiveTense returns the tense of the clause that a short verbless
// phrase ending just before a time expression hangs from: in "she is
// scheduled to land in Dar es Salaam, her first stop Tuesday morning" the
// stop is ahead. Only the future cues of a modal or a plan count, and
// only back to the start of the sentence or a reporting verb.
func appositiveTense(lowerBefore string) tense {
	i := lastClauseMark(lowerBefore)
	if i < 0 {
		return tenseNone
	}
	phrase := lowerBefore[i:]
	n := 0
	for w := range strings.FieldsFuncSeq(phrase, func(r rune) bool { return r > 0x7f || !isWordByte(byte(r)) }) {
		n++
		switch w {
		case "is", "are", "was", "were", "has", "have", "had", "did", "do", "does", "said", "says", "and", "but", "when", "while", "after", "before", "as":
			return tenseNone
		}
		if n > 4 || strings.HasSuffix(w, "ed") {
			return tenseNone
		}
	}
	head := lowerBefore[max(0, i-160):i]
	if j := strings.LastIndexByte(head, ';'); j >= 0 {
		head = head[j+1:]
	}
	head = head[conjunctionCut(head):]
	if strong, weak := futureCues(lowerWords(head)); strong || weak {
		return tenseFuture
	}
	return tenseNone
}

// copulaBefore reports whether before ends in "it was", "this is",
// "today is" or "it's", perhaps with an opening quotation mark: "said it
// was \"a great day\"".
func copulaBefore(before string) bool {
	t := strings.TrimRight(before, " \"'`“‘")
	ws := lowerWords(lowerASCII(t[max(0, len(t)-20):]))
	n := len(ws)
	if n == 0 || len(t) == len(strings.TrimRight(t, " ")) && len(t) == len(before) && !strings.HasSuffix(before, " ") {
		return false
	}
	switch {
	case ws[n-1] == "it's":
		return true
	case n >= 2 && (ws[n-1] == "is" || ws[n-1] == "was") && (ws[n-2] == "it" || ws[n-2] == "this" || ws[n-2] == "today"):
		return true
	}
	return false
}

// shiftAfter reports whether after goes on to count from another day: "a
// day after the vote", "a day earlier", "a days-long siege".
func shiftAfter(after string) bool {
	if after != "" && (isWordByte(after[0]) || after[0] == '-') {
		return true
	}
	ws := lowerWords(lowerASCII(after[:min(len(after), 16)]))
	switch wordAt(ws, 0) {
	case "after", "before", "earlier", "later", "ago":
		return true
	}
	return false
}

// gerundAfter reports whether lower opens with a word in -ing ("
// returning home"), which makes a "before" or "after" just before it a
// conjunction.
func gerundAfter(lower string) bool {
	w := wordAt(lowerWords(lower[:min(len(lower), 32)]), 0)
	return len(w) > 5 && strings.HasSuffix(w, "ing") && w != "morning" && w != "evening"
}

// everyBefore reports whether before ends in "each", "every" or "every
// other", which make the weekday after it a recurring one: "departing
// each Thursday".
func everyBefore(before string) bool {
	w, rest := trailingWord(before)
	switch strings.ToLower(w) {
	case "each", "every":
		return true
	case "other":
		w, _ = trailingWord(rest)
		return strings.EqualFold(w, "every")
	}
	return false
}

// trailingWord returns the last word of s, past spaces, and the text before
// it.
func trailingWord(s string) (word, before string) {
	t := strings.TrimRight(s, " ")
	i := len(t)
	for i > 0 && isWordByte(t[i-1]) {
		i--
	}
	return t[i:], t[:i]
}
