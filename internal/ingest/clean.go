package ingest

import (
	"cmp"
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/news"
)

// cleaningRules is the cleaner's rule file; its header documents the format.
//
//go:embed cleaning.rules
var cleaningRules string

// Limits of the cleaner. Lines longer than these are body text for the
// rules of that kind, which also keeps every regular expression's input
// short.
const (
	maxFurnitureLine = 400 // bytes of a line that may be page furniture
	maxInlineBytes   = 400 // bytes an inline credit may run
	maxStampLine     = 100 // bytes of a line that may be a time stamp
	maxBylineLine    = 200 // bytes of a line that may be a byline
	maxDatelineBytes = 160 // bytes a dateline may run
	bylineLines      = 8   // non-blank lines from the top where bylines are looked for
	datelineHeadings = 3   // heading lines skipped while looking for the dateline
	bodyLineBytes    = 200 // a line at least this long reads as body text
)

// Cleaner removes page furniture from the text that is coded and records what it removed.
//
// A Cleaner holds the compiled rules of cleaning.rules. It never changes
// after NewCleaner and is safe for concurrent use.
type Cleaner struct {
	furniture ruleTable                  // KIND line
	stamps    ruleTable                  // KIND timestamp
	bylines   ruleTable                  // KIND byline
	datelines ruleTable                  // KIND dateline
	roots     []inlineRoot               // what is searched for to find the triggers
	words     map[string]map[string]bool // list name → lower-case words
	zones     map[string]clockZone       // upper-case abbreviation → zone
}

// NewCleaner parses the embedded cleaning.rules. An error means the rule
// file is malformed and names the line.
func NewCleaner() (*Cleaner, error) { return parseCleaningRules(cleaningRules) }

// Clean fills a.Removed with the spans of a.Text that must not be coded:
// page furniture, bylines, the dateline and time stamps, sorted and
// non-overlapping, replacing what a.Removed held. It sets a.Byline and
// a.Dateline when they are empty and it finds one, and a.Published, when
// zero, from the first dated time stamp (else from a dated dateline).
// a.Text is never modified.
func (c *Cleaner) Clean(a *news.Article) {
	text := a.Text
	title := strings.TrimSpace(a.Title)
	var (
		out                = make([]news.Removal, 0, 16)
		published, dlDate  time.Time
		byline, dateline   string
		nonBlank, headings int
		bodyStarted        bool
	)
	for p := 0; p < len(text); {
		e := strings.IndexByte(text[p:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += p
		}
		cs, ce := trimSpan(text, p, e)
		p = e + 1
		if cs == ce {
			continue
		}
		nonBlank++
		line := text[cs:ce]
		if !bodyStarted && title != "" && strings.EqualFold(line, title) {
			continue
		}
		view := line[bulletLen(line):]
		span := news.Span{Start: cs, End: ce}
		if len(view) <= maxFurnitureLine {
			if r := c.matchLine(&c.furniture, view); r != nil {
				out = append(out, news.Removal{Span: span, Kind: news.RemovalFurniture, Rule: r.name})
				continue
			}
		}
		if len(view) <= maxStampLine {
			if r, t := c.matchStamp(view); r != nil {
				out = append(out, news.Removal{Span: span, Kind: news.RemovalTimestamp, Rule: r.name})
				if published.IsZero() {
					published = t
				}
				continue
			}
		}
		if nonBlank <= bylineLines && len(view) <= maxBylineLine {
			if r, b := c.matchByline(view); r != nil {
				out = append(out, news.Removal{Span: span, Kind: news.RemovalByline, Rule: r.name})
				if byline == "" {
					byline = b
				}
				continue
			}
		}
		if bodyStarted {
			continue
		}
		if r, n, place, date := c.matchDateline(view); r != nil {
			start := cs + len(line) - len(view)
			out = append(out, news.Removal{Span: news.Span{Start: start, End: start + n}, Kind: news.RemovalDateline, Rule: r.name})
			dateline, dlDate = place, date
			bodyStarted = true
			continue
		}
		if headings < datelineHeadings && !readsAsBody(view) {
			headings++
			continue
		}
		bodyStarted = true
	}
	out = c.inline(text, out)
	a.Removed = tidyRemovals(out)
	if a.Byline == "" {
		a.Byline = byline
	}
	if a.Dateline == "" {
		a.Dateline = dateline
	}
	if a.Published.IsZero() {
		if published.IsZero() {
			published = dlDate
		}
		a.Published = published
	}
}

// matchLine returns the first rule of t that matches the whole of s.
func (c *Cleaner) matchLine(t *ruleTable, s string) *cleanRule {
	var buf [16]int32
	for _, i := range t.candidates(s, buf[:0]) {
		if r := t.rules[i]; r.mayMatch(s) && r.re.MatchString(s) {
			return r
		}
	}
	return nil
}

// matchStamp returns the time stamp rule that matches the whole of s with
// valid fields, and the time it gives when it holds a full date.
func (c *Cleaner) matchStamp(s string) (*cleanRule, time.Time) {
	var buf [16]int32
	for _, i := range c.stamps.candidates(s, buf[:0]) {
		r := c.stamps.rules[i]
		if !r.mayMatch(s) {
			continue
		}
		m := r.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		if t, ok := c.stampTime(r, s, m); ok {
			return r, t
		}
	}
	return nil, time.Time{}
}

// matchByline returns the byline rule that matches the whole of s and the
// byline it names, checked to read as names and roles.
func (c *Cleaner) matchByline(s string) (*cleanRule, string) {
	var buf [16]int32
	for _, i := range c.bylines.candidates(s, buf[:0]) {
		r := c.bylines.rules[i]
		if !r.mayMatch(s) {
			continue
		}
		m := r.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		b := strings.TrimRight(strings.TrimSpace(r.group(s, m, "byline")), " ,;:|-–—")
		if c.readsAsByline(b) {
			return r, b
		}
	}
	return nil, ""
}

// readsAsByline reports whether b is a list of names and roles: its first
// word is not a common non-name ("By Monday"), every lower-case word is in
// the byline-lower list ("By Jane Doe, Middle East correspondent" but not
// "By then, troops had left") and it does not end a sentence.
func (c *Cleaner) readsAsByline(b string) bool {
	words := strings.Fields(b)
	if len(words) == 0 || len(words) > 20 {
		return false
	}
	lower := c.words["byline-lower"]
	for i, w := range words {
		w = strings.Trim(w, ",;:|&()/.'’\"“”-–—")
		if w == "" {
			continue
		}
		if i == 0 && c.words["not-name"][strings.ToLower(w)] {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			if i := strings.IndexAny(w, "-'’"); i > 0 {
				w = w[:i] // "al-Masri", "d'Estaing"
			}
			if !lower[strings.ToLower(w)] {
				return false
			}
		}
	}
	last := words[len(words)-1]
	if strings.ContainsAny(last[len(last)-1:], ".!?") && utf8.RuneCountInString(last) > 4 {
		return false
	}
	return true
}

// matchDateline returns the dateline rule that matches the start of s, the
// length of the dateline through its dash or colon, the place it names and
// the date it gives when it has a full date.
func (c *Cleaner) matchDateline(s string) (*cleanRule, int, string, time.Time) {
	head := s // a dateline is short: match within its first maxDatelineBytes
	if len(head) > maxDatelineBytes {
		n := maxDatelineBytes
		for n > 0 && !utf8.RuneStart(head[n]) {
			n--
		}
		head = head[:n]
	}
	var buf [16]int32
	if !strings.ContainsAny(head, "-–—:") {
		return nil, 0, "", time.Time{} // no dash or colon to end a dateline
	}
	for _, i := range c.datelines.candidates(s, buf[:0]) {
		r := c.datelines.rules[i]
		if !r.mayMatch(s) {
			continue
		}
		m := r.re.FindStringSubmatchIndex(head)
		if m == nil {
			continue
		}
		rest := strings.TrimLeftFunc(s[m[1]:], unicode.IsSpace)
		next, _ := utf8.DecodeRuneInString(rest)
		if len(rest) < 2 || !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'«([", next)) {
			continue
		}
		place := r.group(s, m, "place")
		if place != "" && !c.readsAsPlace(place) {
			continue
		}
		if r.group(s, m, "agency") == "" && !readsAsBody(s) {
			continue
		}
		var date time.Time
		if y := r.group(s, m, "year"); y != "" {
			date, _ = civilDate(y, r.group(s, m, "month"), r.group(s, m, "day"))
		}
		return r, m[1], place, date
	}
	return nil, 0, "", time.Time{}
}

// readsAsPlace reports whether the place of a dateline reads as one: its
// first word is not a common non-place ("Breaking:", "The United
// Nations:") and its lower-case words link names ("Dar es Salaam", "Deir
// al-Zour", not "Gaza on Monday").
func (c *Cleaner) readsAsPlace(place string) bool {
	for i, w := range strings.FieldsFunc(place, func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == '-' }) {
		w = strings.TrimRight(w, ".:")
		if i == 0 && c.words["not-place"][strings.ToLower(w)] {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !c.words["place-link"][w] {
			return false
		}
	}
	return true
}

// inline adds the spans of inline rules found anywhere in text to out.
func (c *Cleaner) inline(text string, out []news.Removal) []news.Removal {
	for _, root := range c.roots {
		for _, b := range asciiCases(root.lits[0][root.at]) {
			for i := root.at; i < len(text); {
				j := strings.IndexByte(text[i:], b)
				if j < 0 {
					break
				}
				i += j + 1
				pos := i - 1 - root.at
				if !slices.ContainsFunc(root.lits, func(lit string) bool { return hasPrefixFoldASCII(text[pos:], lit) }) {
					continue
				}
				if root.word && pos > 0 {
					if r, _ := utf8.DecodeLastRuneInString(text[:pos]); unicode.IsLetter(r) || unicode.IsDigit(r) {
						continue
					}
				}
				if r, ok := c.inlineAt(text, pos, root.triggers); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// inlineAt returns the removal of the first inline rule, among those of the
// triggers, that matches at text[pos:].
func (c *Cleaner) inlineAt(text string, pos int, triggers []inlineTrigger) (news.Removal, bool) {
	end := -1
	for _, t := range triggers {
		if !hasPrefixFoldASCII(text[pos:], t.lit) {
			continue
		}
		if end < 0 {
			end = strings.IndexByte(text[pos:min(len(text), pos+maxInlineBytes)], '\n')
			if end < 0 {
				end = min(len(text)-pos, maxInlineBytes)
			}
			end += pos
			for end > pos && end < len(text) && !utf8.RuneStart(text[end]) {
				end--
			}
		}
		for _, r := range t.rules {
			if !r.mayMatch(text[pos:end]) {
				continue
			}
			if m := r.re.FindStringIndex(text[pos:end]); m != nil {
				if _, e := trimSpan(text, pos, pos+m[1]); e > pos {
					return news.Removal{Span: news.Span{Start: pos, End: e}, Kind: news.RemovalFurniture, Rule: r.name}, true
				}
			}
		}
	}
	return news.Removal{}, false
}

// tidyRemovals sorts removals by position and drops those that overlap an
// earlier or longer one.
func tidyRemovals(rs []news.Removal) []news.Removal {
	slices.SortStableFunc(rs, func(a, b news.Removal) int {
		if a.Span.Start != b.Span.Start {
			return cmp.Compare(a.Span.Start, b.Span.Start)
		}
		return cmp.Compare(b.Span.End, a.Span.End)
	})
	out := rs[:0]
	end := 0
	for _, r := range rs {
		if r.Span.Start < end || r.Span.Len() <= 0 {
			continue
		}
		out = append(out, r)
		end = r.Span.End
	}
	return out
}

// stampTime checks the fields of a time stamp match and returns the time it
// gives: zero when it has no full date, ok false when a field is out of
// range (then the line is not a time stamp).
func (c *Cleaner) stampTime(r *cleanRule, s string, m []int) (time.Time, bool) {
	hour, minute := 0, 0
	if h := r.group(s, m, "hour"); h != "" {
		hour, _ = strconv.Atoi(h)
		minute, _ = strconv.Atoi(r.group(s, m, "minute"))
		if ampm := r.group(s, m, "ampm"); ampm != "" {
			if hour < 1 || hour > 12 {
				return time.Time{}, false
			}
			hour %= 12
			if lowerASCII(ampm[0]) == 'p' {
				hour += 12
			}
		}
		if hour > 23 || minute > 59 {
			return time.Time{}, false
		}
	}
	y, mo, d := r.group(s, m, "year"), r.group(s, m, "month"), r.group(s, m, "day")
	if y == "" || (d == "" && r.group(s, m, "d1") == "") {
		return time.Time{}, true
	}
	if d1 := r.group(s, m, "d1"); d1 != "" {
		var ok bool
		if mo, d, ok = dayMonthOrder(d1, r.group(s, m, "d2")); !ok {
			return time.Time{}, true
		}
	}
	date, ok := civilDate(y, mo, d)
	if !ok {
		return time.Time{}, false
	}
	if r.group(s, m, "hour") == "" {
		return date, true
	}
	off, name := c.zoneOffset(r.group(s, m, "zone"), date, hour, minute)
	return time.Date(date.Year(), date.Month(), date.Day(), hour, minute, 0, 0, time.FixedZone(name, off)), true
}

// dayMonthOrder returns the month and the day of a numeric date whose two
// first fields come in either order: the one above 12 is the day. It is
// not ok when both could be the month.
func dayMonthOrder(first, second string) (month, day string, ok bool) {
	a, _ := strconv.Atoi(first)
	b, _ := strconv.Atoi(second)
	switch {
	case a == b || a > 12:
		return second, first, true
	case b > 12:
		return first, second, true
	}
	return "", "", false
}

// civilDate returns the UTC midnight of a date given as year, month (name,
// abbreviation or number) and day, and whether it exists.
func civilDate(year, month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	mo := monthNumber(month)
	if err1 != nil || err2 != nil || mo == 0 || y < 1900 || y > 2100 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// monthNumber returns 1-12 for a month number, name or abbreviation, else 0.
func monthNumber(s string) int {
	s = strings.TrimSuffix(s, ".")
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= 12 {
			return n
		}
		return 0
	}
	if len(s) < 3 {
		return 0
	}
	i := strings.Index("janfebmaraprmayjunjulaugsepoctnovdec", strings.ToLower(s[:3]))
	if i < 0 || i%3 != 0 {
		return 0
	}
	return i/3 + 1
}

// zoneOffset returns the UTC offset in seconds and a zone name for a zone
// named in a stamp ("BST", "UK", "GMT+3", ""), at the given local date and
// time. Unknown and missing zones are UTC.
func (c *Cleaner) zoneOffset(name string, date time.Time, hour, minute int) (int, string) {
	name = strings.ToUpper(strings.Trim(name, ". "))
	base, extra := name, 0
	if i := strings.IndexAny(name, "+-"); i > 0 {
		off, err := parseOffset(name[i:])
		if err != nil {
			return 0, "UTC"
		}
		base, extra = name[:i], off
	}
	z, ok := c.zones[base]
	if !ok {
		return 0, "UTC"
	}
	off := z.offset + extra
	local := time.Date(date.Year(), date.Month(), date.Day(), hour, minute, 0, 0, time.UTC)
	switch z.dst {
	case "eu":
		utc := local.Add(-time.Duration(off) * time.Second)
		y := date.Year()
		start := lastSunday(y, time.March).Add(time.Hour)
		end := lastSunday(y, time.October).Add(time.Hour)
		if !utc.Before(start) && utc.Before(end) {
			off += 3600
		}
	case "us":
		y := date.Year()
		start := nthSunday(y, time.March, 2).Add(2 * time.Hour)
		end := nthSunday(y, time.November, 1).Add(time.Hour)
		if !local.Before(start) && local.Before(end) {
			off += 3600
		}
	}
	return off, name
}

// lastSunday returns the UTC midnight of the last Sunday of a month.
func lastSunday(year int, month time.Month) time.Time {
	t := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
	return t.AddDate(0, 0, -int(t.Weekday()))
}

// nthSunday returns the UTC midnight of the n-th Sunday of a month.
func nthSunday(year int, month time.Month, n int) time.Time {
	t := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return t.AddDate(0, 0, (7-int(t.Weekday()))%7+7*(n-1))
}

// readsAsBody reports whether a line reads as body text rather than a
// heading: it ends a sentence or is long.
func readsAsBody(s string) bool {
	if len(s) >= bodyLineBytes {
		return true
	}
	s = strings.TrimRight(s, "\"'”’)]»")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// trimSpan returns [start, end) with white space trimmed from both ends.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// bulletLen returns the length of a leading list bullet and the spaces
// after it, or 0 when s does not start with a bullet.
func bulletLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("•·▪●◦‣►▶■□*-–—>", r) {
		return 0
	}
	rest := strings.TrimLeftFunc(s[n:], unicode.IsSpace)
	if rest == "" || len(rest) == len(s)-n {
		return 0
	}
	return len(s) - len(rest)
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func lowerASCIIString(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

func isASCIILower(b byte) bool { return 'a' <= b && b <= 'z' }

// asciiCases returns b, and its upper case when b is an ASCII lower-case
// letter.
func asciiCases(b byte) []byte {
	if isASCIILower(b) {
		return []byte{b, b - 'a' + 'A'}
	}
	return []byte{b}
}

// hasPrefixFoldASCII reports whether s begins with lower, ignoring ASCII
// case; lower is ASCII lower-cased.
func hasPrefixFoldASCII(s, lower string) bool {
	return len(s) >= len(lower) && asciiEqualFold(s[:len(lower)], lower)
}

// containsFoldASCII reports whether s contains lower, ignoring ASCII case;
// lower is ASCII lower-cased and not empty, and at is the offset of the
// byte of lower to search for.
func containsFoldASCII(s, lower string, at int) bool {
	for _, c := range asciiCases(lower[at]) {
		for i := at; i < len(s); {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				break
			}
			i += j
			if start := i - at; start+len(lower) <= len(s) && asciiEqualFold(s[start:start+len(lower)], lower) {
				return true
			}
			i++
		}
	}
	return false
}

// asciiEqualFold reports whether s and lower are equal ignoring ASCII case;
// lower must be in lower case.
func asciiEqualFold(s, lower string) bool {
	for i := range len(lower) {
		if lowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}
