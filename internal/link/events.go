package link

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"chronicle/internal/news"
)

// report is one article's event, as event linking sees it.
type report struct {
	ev      news.Event
	art     *profile
	index   int    // the event's position in its article
	origin  string // the independent source: publisher of the article's original
	family  string
	trigger string          // the stemmed first content word of the trigger
	words   map[string]bool // content words of the evidence sentence
}

// compareReports is the canonical order of reports: articles in canonical
// order, then positions.
func compareReports(a, b *report) int {
	if c := compareArticles(a.art, b.art); c != 0 {
		return c
	}
	return cmp.Compare(a.index, b.index)
}

// clusterEvents groups the reports of one story into events: complete
// linkage, each report joining the first cluster whose every report it is
// compatible with, in canonical order. Complete linkage keeps daily
// shelling on three days three events, where a chain of adjacent days
// would make one; the canonical order makes the result independent of
// the order in which reports arrived.
func (k *knowledge) clusterEvents(rs []*report) [][]*report {
	slices.SortFunc(rs, compareReports)
	var out [][]*report
next:
	for _, r := range rs {
		for i, c := range out {
			if k.fitsAll(r, c) {
				out[i] = append(c, r)
				continue next
			}
		}
		out = append(out, []*report{r})
	}
	return out
}

func (k *knowledge) fitsAll(r *report, c []*report) bool {
	for _, o := range c {
		if !k.sameEvent(r, o) {
			return false
		}
	}
	return true
}

// sameEvent reports whether two reports can be of one event: the same type
// family, negation and modality; dates a day apart at most; the same place
// where both give one; compatible actors on each side (either side may be
// swapped for symmetric types such as meetings); and at least one positive
// match (an actor, the place, the date, the trigger word, or much of the
// sentence's words),
// so that two bare reports of "an agreement" are not taken for one.
func (k *knowledge) sameEvent(a, b *report) bool {
	ea, eb := &a.ev, &b.ev
	if a.family != b.family || ea.Negated != eb.Negated || ea.Modality != eb.Modality {
		return false
	}
	dateOK, dateSame := datesMatch(ea, eb)
	if !dateOK {
		return false
	}
	placeOK, placeSame := placesMatch(ea.Location, eb.Location)
	if !placeOK {
		return false
	}
	sa, ta := side(ea.Source, ea.Sources), side(ea.Target, ea.Targets)
	sb, tb := side(eb.Source, eb.Sources), side(eb.Target, eb.Targets)
	okS, sameS := actorsMatch(sa, sb)
	okT, sameT := actorsMatch(ta, tb)
	actorsOK, actorSame := okS && okT, sameS || sameT
	if !actorsOK && k.symmetric[ea.Type] && k.symmetric[eb.Type] {
		okS, sameS = actorsMatch(sa, tb)
		okT, sameT = actorsMatch(ta, sb)
		actorsOK, actorSame = okS && okT, sameS || sameT
	}
	if !actorsOK {
		return false
	}
	sameTrigger := a.trigger != "" && a.trigger == b.trigger
	return actorSame || placeSame || dateSame || sameTrigger || overlap(a.words, b.words) >= 0.5
}

// side returns the actors of one side of an event.
func side(first news.Actor, all []news.Actor) []news.Actor {
	if len(all) > 0 {
		return all
	}
	if first.IsZero() {
		return nil
	}
	return []news.Actor{first}
}

// actorsMatch reports whether two sides can name the same participants
// (either is unknown, or they share one), and whether they positively do.
func actorsMatch(a, b []news.Actor) (ok, same bool) {
	if len(a) == 0 || len(b) == 0 {
		return true, false
	}
	for _, x := range a {
		for _, y := range b {
			if sameActor(x, y) {
				return true, true
			}
		}
	}
	return false, false
}

// sameActor reports whether two actors are one: the same entity, or, when
// either is not resolved to an entity, the same country and sector (two
// reports say "Turkish officials" and "the Turkish foreign minister"), or
// the same name.
func sameActor(x, y news.Actor) bool {
	if x.Entity != "" && y.Entity != "" {
		return x.Entity == y.Entity
	}
	if x.Country != "" && x.Country == y.Country && (x.Sector == y.Sector || x.Sector == "" || y.Sector == "") {
		return true
	}
	return x.Name != "" && normalName(x.Name) == normalName(y.Name)
}

// datesMatch reports whether the events' dates can be one (unknown, or at
// most a day apart, or overlapping at the coarser precision), and whether
// both are known and equal.
func datesMatch(a, b *news.Event) (ok, same bool) {
	if a.Date == "" || b.Date == "" {
		return true, false
	}
	if a.Date == b.Date {
		return true, true
	}
	coarse := func(p news.Precision) bool { return p == news.PrecisionMonth || p == news.PrecisionYear }
	switch {
	case a.DatePrecision == news.PrecisionYear || b.DatePrecision == news.PrecisionYear:
		return a.Date[:min(4, len(a.Date))] == b.Date[:min(4, len(b.Date))], false
	case coarse(a.DatePrecision) || coarse(b.DatePrecision):
		return a.Date[:min(7, len(a.Date))] == b.Date[:min(7, len(b.Date))], false
	}
	ta, err1 := time.Parse(news.DateFormat, a.Date)
	tb, err2 := time.Parse(news.DateFormat, b.Date)
	if err1 != nil || err2 != nil {
		return false, false
	}
	d := ta.Sub(tb)
	return d <= 24*time.Hour && d >= -24*time.Hour, false
}

// placesMatch reports whether two locations can be one place (either is
// unknown, they are the same, or one is the region or country holding the
// other), and whether both are known and the same.
func placesMatch(a, b *news.Location) (ok, same bool) {
	if a == nil || b == nil {
		return true, false
	}
	if a.GeoID != "" && a.GeoID == b.GeoID || normalName(a.Name) == normalName(b.Name) && a.Country == b.Country {
		return true, true
	}
	if a.Country != b.Country && a.Country != "" && b.Country != "" {
		return false, false
	}
	switch {
	case a.Feature == "country" || b.Feature == "country":
		return true, false
	case a.Feature == "admin1" && a.Admin1 != "" && a.Admin1 == b.Admin1:
		return true, false
	case b.Feature == "admin1" && b.Admin1 != "" && b.Admin1 == a.Admin1:
		return true, false
	}
	return false, false
}

// overlap returns the share of the smaller word set found in the other.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// mergeEvents returns the record of one event reported by the reports of
// c, in canonical order. The first report is the representative: its id
// is the event's id, and its fields stand where the reports agree or
// where one value has to be chosen. Where reports differ:
//
//   - Date is the date most reports give, the earliest among equals, and
//     DateMin and DateMax the earliest and the latest given when they
//     differ;
//   - each quantity is the smallest reported, and quantity+"_max" the
//     largest when they differ ("killed": 12, "killed_max": 15);
//   - Type is the type most reports give, the representative's among equals;
//   - the actors are the first known in canonical order, and Sources and
//     Targets every distinct actor reported;
//   - Location is the most precise given (a city over its region);
//   - Evidence lists every report's sentences, and SourceCount counts the
//     independent sources among them: distinct publishers, copies of one
//     wire story counting once, as their original's publisher;
//   - Confidence is the highest.
//
// Every report's own values stay with it, retrievable per article.
func mergeEvents(c []*report) news.Event {
	rep := c[0]
	e := rep.ev
	e.Quantities = map[string]int{}
	e.Evidence = nil
	e.Sources, e.Targets = nil, nil

	types := map[news.EventType]int{}
	dates := map[string]int{}
	lo, hi := map[string]int{}, map[string]int{}
	origins := map[string]bool{}
	seenEv := map[string]bool{}
	var dateMin, dateMax string
	for _, r := range c {
		types[r.ev.Type]++
		if d := r.ev.Date; d != "" {
			dates[d]++
			if dateMin == "" || d < dateMin {
				dateMin = d
			}
			dateMax = max(dateMax, d)
		}
		for q, v := range r.ev.Quantities {
			if strings.HasSuffix(q, "_max") {
				q = strings.TrimSuffix(q, "_max")
				hi[q] = max(hi[q], v)
				continue
			}
			if cur, ok := lo[q]; !ok || v < cur {
				lo[q] = v
			}
			hi[q] = max(hi[q], v)
		}
		origins[r.origin] = true
		if e.Source.IsZero() {
			e.Source = r.ev.Source
		}
		if e.Target.IsZero() {
			e.Target = r.ev.Target
		}
		e.Sources = addActors(e.Sources, side(r.ev.Source, r.ev.Sources))
		e.Targets = addActors(e.Targets, side(r.ev.Target, r.ev.Targets))
		if finer(r.ev.Location, e.Location) {
			e.Location = r.ev.Location
		}
		e.Confidence = max(e.Confidence, r.ev.Confidence)
		for _, ev := range r.ev.Evidence {
			key := string(ev.Article) + "\x00" + ev.Sentence
			if !seenEv[key] {
				seenEv[key] = true
				e.Evidence = append(e.Evidence, ev)
			}
		}
	}
	if t := best(types, rep.ev.Type, func(a, b news.EventType) bool { return a == rep.ev.Type }); t != "" {
		e.Type = t
	}
	if d := best(dates, "", func(a, b string) bool { return a < b }); d != "" && d != e.Date {
		for _, r := range c {
			if r.ev.Date == d {
				e.Date, e.DatePrecision, e.DateText = d, r.ev.DatePrecision, r.ev.DateText
				break
			}
		}
	}
	e.DateMin, e.DateMax = "", ""
	if dateMin != dateMax {
		e.DateMin, e.DateMax = dateMin, dateMax
	}
	for q, v := range lo {
		e.Quantities[q] = v
		if hi[q] != v {
			e.Quantities[q+"_max"] = hi[q]
		}
	}
	e.SourceCount = len(origins)
	return e
}

// best returns the most frequent key of counts, settling ties with
// prefer(a, b), which says whether a goes before b; fallback when counts
// is empty.
func best[K cmp.Ordered](counts map[K]int, fallback K, prefer func(a, b K) bool) K {
	out, n := fallback, 0
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		c := counts[k]
		if c > n || c == n && prefer(k, out) {
			out, n = k, c
		}
	}
	return out
}

// addActors appends the actors of add that as does not hold yet.
func addActors(as, add []news.Actor) []news.Actor {
next:
	for _, a := range add {
		for _, b := range as {
			if a == b || a.Entity != "" && a.Entity == b.Entity {
				continue next
			}
		}
		as = append(as, a)
	}
	return as
}

// finer reports whether location a is more precise than b.
func finer(a, b *news.Location) bool {
	rank := func(l *news.Location) int {
		switch {
		case l == nil:
			return 0
		case l.Feature == "country":
			return 1
		case l.Feature == "admin1":
			return 2
		}
		return 3
	}
	return rank(a) > rank(b)
}

// quoteItem is one article's quote, as quote linking sees it.
type quoteItem struct {
	q     news.Quote
	art   *profile
	index int
	words map[string]bool
}

// Quotes of one statement are the same speaker's (when both are known)
// with most of the shorter quote's words in the longer one: translations
// and trimmed quotes keep most content words.
const quoteOverlap = 0.6

// clusterQuotes groups the quotes of one story into statements, with the
// same complete linkage in canonical order as events.
func clusterQuotes(qs []*quoteItem) [][]*quoteItem {
	slices.SortFunc(qs, func(a, b *quoteItem) int {
		if c := compareArticles(a.art, b.art); c != 0 {
			return c
		}
		return cmp.Compare(a.index, b.index)
	})
	var out [][]*quoteItem
next:
	for _, q := range qs {
		for i, c := range out {
			fits := true
			for _, o := range c {
				if !sameStatement(q, o) {
					fits = false
					break
				}
			}
			if fits {
				out[i] = append(c, q)
				continue next
			}
		}
		out = append(out, []*quoteItem{q})
	}
	return out
}

// minQuoteWords is the fewest content words a quote needs to be linked:
// a scare-quoted word or two is not a statement.
const minQuoteWords = 3

func sameStatement(a, b *quoteItem) bool {
	if len(a.words) < minQuoteWords || len(b.words) < minQuoteWords {
		return false
	}
	if a.q.Speaker != nil && b.q.Speaker != nil && !sameActor(*a.q.Speaker, *b.q.Speaker) {
		return false
	}
	return overlap(a.words, b.words) >= quoteOverlap
}
