package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"chronicle/internal/news"
)

//go:embed dates.rules
var dateRulesText string

// dateLex returns the parsed dates.rules, parsed once on first use. A
// malformed file (which TestDateRules rejects) leaves the lists empty:
// the date stage then finds nothing but numeric dates.
var dateLex = sync.OnceValue(func() *dateLexicon {
	lex, err := parseDateRules(dateRulesText)
	if err != nil {
		return &dateLexicon{words: map[string]cue{}, holidays: map[string]holiday{}, schedule: map[string]bool{}}
	}
	return lex
})

// dateLexicon holds the word lists of dates.rules.
type dateLexicon struct {
	// words maps a lower-case word to the cues it carries.
	words map[string]cue
	// schedule holds the present-tense verbs of a timetable.
	schedule map[string]bool
	// holidays maps a holiday name, lower case with single spaces, to its
	// day.
	holidays map[string]holiday
	// shapes marks the length, first and last letter of every word in
	// words, so that most words of a text need no map lookup.
	shapes [maxCueWord + 1][26]uint32
}

// maxCueWord is the length of the longest cue word looked up.
const maxCueWord = 12

// addWord adds cues k to the lower-case word w.
func (lex *dateLexicon) addWord(w string, k cue) {
	lex.words[w] |= k
	if n := len(w); n > 0 && n <= maxCueWord && isLower(w[0]) && isLower(w[n-1]) {
		lex.shapes[n][w[0]-'a'] |= 1 << (w[n-1] - 'a')
	}
}

// mayHold reports whether the lower-case word w may be in words: false is
// sure, true needs the lookup.
func (lex *dateLexicon) mayHold(w string) bool {
	n := len(w)
	return n > 0 && n <= maxCueWord && isLower(w[0]) && isLower(w[n-1]) &&
		lex.shapes[n][w[0]-'a']&(1<<(w[n-1]-'a')) != 0
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// cueKind returns the cue that dates.rules calls name.
func cueKind(name string) (cue, bool) {
	switch name {
	case "month":
		return cueMonth, true
	case "weekday":
		return cueWeekday, true
	case "deictic":
		return cueDeictic, true
	case "day":
		return cueDay, true
	case "period":
		return cuePeriod, true
	case "shift":
		return cueShift, true
	case "end":
		return cueEnd, true
	case "ago":
		return cueAgo, true
	case "anaphor":
		return cueAnaphor, true
	case "modifier":
		return cueModifier, true
	case "then":
		return cueThen, true
	case "weekend":
		return cueWeekend, true
	}
	return 0, false
}

func parseDateRules(src string) (*dateLexicon, error) {
	lex := &dateLexicon{words: map[string]cue{}, holidays: map[string]holiday{}, schedule: map[string]bool{}}
	for n, line := range strings.Split(src, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("date rules line %d: want a kind and words", n+1)
		}
		switch f[0] {
		case "cue":
			k, ok := cueKind(f[1])
			if !ok {
				return nil, fmt.Errorf("date rules line %d: unknown cue %q", n+1, f[1])
			}
			for _, w := range f[2:] {
				lex.addWord(strings.ToLower(w), k)
			}
		case "schedule":
			for _, w := range f[1:] {
				lex.schedule[strings.ToLower(w)] = true
			}
		case "holiday":
			h, err := parseHoliday(f[1])
			if err != nil {
				return nil, fmt.Errorf("date rules line %d: %v", n+1, err)
			}
			_, names, _ := strings.Cut(line, f[1])
			for name := range strings.SplitSeq(names, "|") {
				name = strings.Join(strings.Fields(strings.ToLower(name)), " ")
				if name == "" {
					return nil, fmt.Errorf("date rules line %d: empty holiday name", n+1)
				}
				lex.holidays[name] = h
				lex.addWord(firstWord(name), cueHoliday)
			}
		default:
			return nil, fmt.Errorf("date rules line %d: unknown kind %q", n+1, f[0])
		}
	}
	return lex, nil
}

// firstWord returns the leading run of letters and digits of s, the way
// anchors reads words.
func firstWord(s string) string {
	i := 0
	for i < len(s) && isWordByte(s[i]) && s[i] != '_' {
		i++
	}
	return s[:i]
}

// holiday is a day that recurs every year, computed for a given year.
type holiday struct {
	easter bool         // counted from Western Easter
	month  time.Month   // the fixed month, or the month of the n-th weekday
	day    int          // the fixed day, or 0 for an n-th weekday
	nth    int          // which weekday of the month, -1 for the last
	wd     time.Weekday // the weekday counted
	offset int          // days added
}

// parseHoliday reads the WHEN of a holiday line: "12-25", "11/4/thu",
// "11/1/mon+1", "easter-2".
func parseHoliday(s string) (holiday, error) {
	var h holiday
	base, off := s, ""
	if i := strings.LastIndexAny(s, "+-"); i > 0 && (strings.HasPrefix(s, "easter") || i > strings.LastIndex(s, "/") && strings.Contains(s, "/")) {
		base, off = s[:i], s[i:]
	}
	if off != "" {
		n, err := strconv.Atoi(off)
		if err != nil {
			return h, fmt.Errorf("holiday offset %q: %v", s, err)
		}
		h.offset = n
	}
	if base == "easter" {
		h.easter = true
		return h, nil
	}
	if m, d, ok := strings.Cut(base, "-"); ok && !strings.Contains(base, "/") {
		mo, err1 := strconv.Atoi(m)
		dd, err2 := strconv.Atoi(d)
		if err1 != nil || err2 != nil || mo < 1 || mo > 12 || dd < 1 || dd > 31 {
			return h, fmt.Errorf("holiday day %q", s)
		}
		h.month, h.day = time.Month(mo), dd
		return h, nil
	}
	parts := strings.Split(base, "/")
	if len(parts) != 3 {
		return h, fmt.Errorf("holiday %q: want MM-DD, MM/N/WD or easter", s)
	}
	mo, err1 := strconv.Atoi(parts[0])
	n, err2 := strconv.Atoi(parts[1])
	wd := slices.IndexFunc([]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, func(w string) bool { return w == parts[2] })
	if err1 != nil || err2 != nil || mo < 1 || mo > 12 || n < -1 || n > 5 || n == 0 || wd < 0 {
		return h, fmt.Errorf("holiday %q: want MM/N/WD", s)
	}
	h.month, h.nth, h.wd = time.Month(mo), n, time.Weekday(wd)
	return h, nil
}

// in returns the holiday's day in year y.
func (h holiday) in(y int) time.Time {
	var t time.Time
	switch {
	case h.easter:
		t = easter(y)
	case h.day > 0:
		t = time.Date(y, h.month, h.day, 0, 0, 0, 0, time.UTC)
	case h.nth < 0:
		t = time.Date(y, h.month+1, 0, 0, 0, 0, 0, time.UTC) // the last day of the month
		t = t.AddDate(0, 0, -((int(t.Weekday()) - int(h.wd) + 7) % 7))
	default:
		t = time.Date(y, h.month, 1, 0, 0, 0, 0, time.UTC)
		t = t.AddDate(0, 0, (int(h.wd)-int(t.Weekday())+7)%7+7*(h.nth-1))
	}
	return t.AddDate(0, 0, h.offset)
}

// easter returns Western Easter Sunday of year y by the anonymous
// Gregorian computus (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// holidayPattern returns the pattern of the holiday rule: an optional
// modifier, a holiday name of dates.rules, an optional year. Longer names
// come first so that "christmas day" wins over "christmas".
func holidayPattern(lex *dateLexicon) string {
	names := make([]string, 0, len(lex.holidays))
	for n := range lex.holidays {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	for i, n := range names {
		n = regexp.QuoteMeta(n)
		n = strings.ReplaceAll(n, " ", `\s+`)
		names[i] = strings.ReplaceAll(n, "'", `(?:'|’)`)
	}
	if len(names) == 0 {
		names = []string{`\x00`} // matches nothing in text
	}
	return `(?:(last|next|this|on)\s+)?(` + strings.Join(names, "|") + `)(?:,?\s+(` + reYear + `))?`
}

// holidayName returns the dates.rules key of a matched holiday name.
func holidayName(s string) string {
	return squash(strings.ReplaceAll(s, "’", "'"))
}

// resolveHoliday resolves a match of holidayPattern: the holiday in the
// year named, else the last one before ref or the next one after it for
// "last" and "next", the one of ref's year for "this", and the nearest
// one otherwise.
func resolveHoliday(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
	if m[2] == "" || m[2][0] < 'A' || m[2][0] > 'Z' {
		return time.Time{}, "", false // "a good friday", "new year's resolutions"
	}
	h, ok := dateLex().holidays[holidayName(m[2])]
	if !ok {
		return time.Time{}, "", false
	}
	if m[3] != "" {
		return h.in(atoi(m[3])), news.PrecisionDay, true
	}
	ref = day(ref)
	switch strings.ToLower(m[1]) {
	case "last":
		t := h.in(ref.Year())
		if !t.Before(ref) {
			t = h.in(ref.Year() - 1)
		}
		return t, news.PrecisionDay, true
	case "next":
		t := h.in(ref.Year())
		if !t.After(ref) {
			t = h.in(ref.Year() + 1)
		}
		return t, news.PrecisionDay, true
	case "this":
		return h.in(ref.Year()), news.PrecisionDay, true
	}
	return nearest(ref, func(y int) (time.Time, bool) { return h.in(y), true }, tn)
}

// rejectHoliday refuses "Independence Day" after a country or people
// ("Ukraine's Independence Day", "Israeli Independence Day"): only the
// United States' one is known.
func rejectHoliday(m []string, before, _ string) bool {
	if !strings.HasPrefix(holidayName(m[2]), "independence") || m[1] != "" {
		return false
	}
	before = strings.TrimRight(before, " ")
	i := len(before)
	for i > 0 && (isWordByte(before[i-1]) || before[i-1] == '\'') {
		i--
	}
	w := before[i:]
	return w != "" && w[0] >= 'A' && w[0] <= 'Z' && w != "On" && w != "The"
}
