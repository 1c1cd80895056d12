package extract

import (
	"time"

	"chronicle/internal/news"
)

// openingDate returns the index in a.Dates of the first date expression
// of a short article's first sentence, or -1 when the article is longer
// or does not open with a date.
func openingDate(a *news.Article, dates map[int][]int) int {
	if len(a.Sentences) == 0 || len(a.Sentences) > shortArticle {
		return -1
	}
	for _, d := range dates[a.Sentences[0].Index] {
		if a.Dates[d].Date != "" {
			return d
		}
	}
	return -1
}

// lastDate returns the index in a.Dates of the last resolved date
// expression among dates, or -1.
func lastDate(a *news.Article, dates []int) int {
	best := -1
	for _, d := range dates {
		if a.Dates[d].Date == "" {
			continue
		}
		if best < 0 || a.Dates[d].Span.Start > a.Dates[best].Span.Start {
			best = d
		}
	}
	return best
}

// evDatesBySentence groups date indices by the sentence whose span holds
// them.
func evDatesBySentence(a *news.Article) map[int][]int {
	out := make(map[int][]int)
	for i, d := range a.Dates {
		for _, s := range a.Sentences {
			if s.Span.Contains(d.Span) {
				out[s.Index] = append(out[s.Index], i)
				break
			}
		}
	}
	return out
}

// setEventDate gives the event the date expression of its sentence nearest the
// trigger, else the date the sentence carries over (unless stale, see
// staleCarry), else the article's published date.
func setEventDate(ev *news.Event, a *news.Article, dates []int, trig int, s *evSentence) {
	best := -1
	bestDist := 0
	pos := s.toks[trig].start
	for _, d := range dates {
		dt := &a.Dates[d]
		if dt.Date == "" {
			continue
		}
		dist := dt.Span.Start - pos
		if dist < 0 {
			dist = pos - dt.Span.End
		}
		if best < 0 || dist < bestDist {
			best, bestDist = d, dist
		}
	}
	if best < 0 && s.carry >= 0 && s.carry < len(a.Dates) && !staleCarry(a, &a.Dates[s.carry], s) {
		best = s.carry
	}
	if best >= 0 {
		dt := &a.Dates[best]
		ev.Date, ev.DatePrecision, ev.DateText = dt.Date, dt.Precision, dt.Text
		return
	}
	if !a.Published.IsZero() {
		ev.Date = a.Published.In(time.UTC).Format(news.DateFormat)
		if a.Published.Location() != time.UTC && a.Published.Hour() == 0 && a.Published.Minute() == 0 {
			ev.Date = a.Published.Format(news.DateFormat)
		}
		ev.DatePrecision = news.PrecisionDay
	}
}

// staleCarryDays is how long before publication a carried date must lie
// for a sentence without a past tense to leave it.
const staleCarryDays = 30

// staleCarry reports whether a date carried over from an earlier sentence
// does not hold for sentence s: s has no verb in the past tense, and the
// date lies more than staleCarryDays before publication. "Obama declared
// an end to the war in 2013. Trump says troops must leave." speaks of
// now in its second sentence, not of 2013.
func staleCarry(a *news.Article, d *news.Date, s *evSentence) bool {
	if a.Published.IsZero() || d.Date == "" {
		return false
	}
	t, err := time.Parse(news.DateFormat, d.Date)
	if err != nil || a.Published.Sub(t) < staleCarryDays*24*time.Hour {
		return false
	}
	for k := range s.toks {
		switch tk := &s.toks[k]; {
		case tk.is(tPAST) && !tk.is(tNOUN|tADJ):
			return false
		case tk.low == "was" || tk.low == "were" || tk.low == "had" || tk.low == "did" || tk.low == "ago":
			return false
		}
	}
	return true
}
