package extract

import (
	"slices"
	"strings"
	"time"

	"chronicle/internal/news"
)

// speechFrame re-dates the words named from the day of speaking
// ("yesterday", "today", "tomorrow") inside a quotation whose speaker the
// sentence dates: in "\"We struck them yesterday,\" the commander said on
// Monday." yesterday is the Sunday before that Monday, not the day before
// publication. dates are those of the sentence text, in order; the speech
// is dated by a day named right after a reporting verb outside the quote.
func speechFrame(text, lower string, ref time.Time, dates []news.Date) {
	if len(dates) < 2 || !slices.ContainsFunc(dates, func(d news.Date) bool { return d.Rule == "date:deictic" }) {
		return
	}
	var said time.Time
	for _, d := range dates {
		if d.Precision != news.PrecisionDay || inQuote(text, d.Span.Start) || !reportedBefore(lower[:d.Span.Start]) {
			continue
		}
		t, err := time.Parse(news.DateFormat, d.Date)
		if err == nil {
			said = t
			break
		}
	}
	ref = day(ref)
	if said.IsZero() || said.Equal(ref) || said.After(ref) {
		return
	}
	for i := range dates {
		d := &dates[i]
		if d.Rule != "date:deictic" || !inQuote(text, d.Span.Start) {
			continue
		}
		t, err := time.Parse(news.DateFormat, d.Date)
		if err != nil {
			continue
		}
		d.Date = said.AddDate(0, 0, int(t.Sub(ref).Hours()/24)).Format(news.DateFormat)
		d.Rule += "+speech"
	}
}

// inQuote reports whether the byte at pos of a sentence is inside a
// quotation opened in the sentence: after an odd number of straight
// double quotes, or after an opening pair of backquotes or curly quote
// not yet closed.
func inQuote(text string, pos int) bool {
	open := false
	for i := 0; i < pos && i < len(text); i++ {
		switch {
		case text[i] == '"':
			open = !open
		case strings.HasPrefix(text[i:], "``"), strings.HasPrefix(text[i:], "“"):
			open = true
			i++
		case strings.HasPrefix(text[i:], "''"), strings.HasPrefix(text[i:], "”"):
			open = false
			i++
		}
	}
	return open
}

// reportedBefore reports whether one of the last three words of lower is
// a reporting verb: "said", "said on", "told reporters on".
func reportedBefore(lower string) bool {
	ws := lowerWords(lower[max(0, len(lower)-32):])
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
		switch ws[i] {
		case "said", "says", "told", "announced", "added", "declared", "stated":
			return true
		}
	}
	return false
}
