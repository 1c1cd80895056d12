package extract

// The calendar arithmetic of the date rules: counting days, weeks and
// years from a reference day, and reading the numbers and names of dates.

import (
	"strconv"
	"strings"
	"time"

	"chronicle/internal/news"
)

// weekend returns the Monday of the week whose weekend a match of the
// weekend rule names: "this weekend" is the one of ref's week, "last" and
// "next" the ones before and after, "the weekend" the last one begun by
// ref, or the next one to come in the future tense.
func weekend(m []string, ref time.Time, tn tense) (time.Time, news.Precision, bool) {
	ref = day(ref)
	wd := (int(ref.Weekday()) + 6) % 7 // 0 Monday ... 6 Sunday
	monday := ref.AddDate(0, 0, -wd)
	n := 0
	switch strings.ToLower(m[1]) {
	case "last", "past":
		n = -1
	case "next":
		n = 1
	case "coming":
		if wd == 6 {
			n = 1
		}
	case "the":
		switch {
		case tn == tenseFuture && wd == 6:
			n = 1
		case tn != tenseFuture && wd < 5:
			n = -1
		}
	}
	return monday.AddDate(0, 0, 7*n), news.PrecisionWeek, true
}

// ago moves ref by a count of days, weeks, months or years.
func ago(m []string, ref time.Time, _ tense) (time.Time, news.Precision, bool) {
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
	case "this":
		// "this Friday" is the Friday of ref's week, Monday to Sunday,
		// unless the clause looks ahead past it: "will meet this Monday".
		monday := ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
		t := monday.AddDate(0, 0, (int(wd)+6)%7)
		if future && t.Before(ref) {
			t = t.AddDate(0, 0, 7)
		}
		return t, news.PrecisionDay, true
	}
	if future {
		fwd := (int(wd) - int(ref.Weekday()) + 7) % 7
		return ref.AddDate(0, 0, fwd), news.PrecisionDay, true
	}
	return ref.AddDate(0, 0, -back), news.PrecisionDay, true
}

// nearestYear puts a day and month without a year in the year that makes
// it closest to ref, by nearest.
func nearestYear(ref time.Time, m time.Month, d int, tn tense) (time.Time, news.Precision, bool) {
	ref = day(ref)
	return nearest(ref, func(y int) (time.Time, bool) {
		t, _, ok := ymd(y, m, d)
		return t, ok
	}, tn)
}

// nearest returns the day of the year before, of or after ref's, as given
// by in, that is closest to ref. News reports the past more than the
// future, so a future day counts as twice as far unless the sentence speaks
// of the future, when past days count as twice as far; in the past tense
// only days up to ref count.
func nearest(ref time.Time, in func(year int) (time.Time, bool), tn tense) (time.Time, news.Precision, bool) {
	var best time.Time
	bestCost := time.Duration(1<<63 - 1)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t, ok := in(y)
		if !ok || tn == tensePast && t.After(ref) {
			continue
		}
		cost := t.Sub(ref)
		if cost < 0 {
			cost = -cost
			if tn == tenseFuture {
				cost *= 2
			}
		} else if tn != tenseFuture {
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
