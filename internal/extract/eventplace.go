package extract

import "chronicle/internal/news"

// locative reports whether a mention unit follows a locative preposition
// ("in", "near", "at", "the town of").
func (s *evSentence) locative(u evUnit) bool {
	p, j := s.governedByPrep(u.first)
	if j < 0 {
		return false
	}
	return s.toks[j].is(tLOC) || p == "of" || p == "from" || p == "into" || p == "to"
}

// place finds the location mention named for the event: a place after a
// locative preposition ("in X", "near X", "the town of X", "in the X
// region"), nearest the trigger and after it first.
func (s *evSentence) place(first, last int) *evUnit {
	best := -1
	bestDist := 1 << 30
	for k := 0; k < len(s.toks); k++ {
		if s.toks[k].mention < 0 {
			continue
		}
		u := s.unitAt(k)
		k = u.last
		if !s.isPlace(u) {
			continue
		}
		p, pj := s.governedByPrep(u.first)
		if pj < 0 || !(s.toks[pj].is(tLOC) || p == "of" || p == "on" && s.placeOnly(u)) {
			continue
		}
		if p == "of" {
			// "the city of X" and "the X region" count, "the president of X" does not.
			j := s.before(u.first, 3)
			if j < 1 || !s.toks[j-1].is(tPLACEN) {
				continue
			}
		}
		var d int
		switch {
		case u.first > last:
			d = u.first - last
		case u.last < first:
			d = 2*(first-u.last) + 1
		default:
			d = 0
		}
		// stay in the clause: a reported attribution after the event does not locate it
		lo, hi := min(u.first, first), max(u.last, last)
		broken := false
		for j := lo; j <= hi; j++ {
			if s.toks[j].low == ";" || s.toks[j].is(tREPORT) && !s.toks[j].is(tNOUN) && s.toks[j].low != "according" {
				broken = true
				break
			}
		}
		if broken {
			continue
		}
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	if best < 0 {
		return nil
	}
	u := s.unitAt(best)
	return &u
}

// placeAfter returns the first place named after token from in the same
// clause behind a locative or directional preposition ("to X", "from X",
// "in X"), skipping groups named by a common noun; nil when another
// actor or the end of the clause comes first.
func (s *evSentence) placeAfter(from int) *evUnit {
	for k := from; k < len(s.toks) && k < from+15; k++ {
		t := &s.toks[k]
		if s.scopeBreak(k) || t.low == "," || s.adjunctStart(k) {
			return nil
		}
		if t.mention < 0 {
			continue
		}
		u := s.unitAt(k)
		if s.isPlace(u) && s.locative(u) {
			return &u
		}
		if !s.bare([]evUnit{u}) {
			return nil
		}
		k = u.last
	}
	return nil
}

// eventLocation returns the place a mention names.
func eventLocation(a *news.Article, m int) *news.Location {
	mm := &a.Mentions[m]
	if mm.Place != nil {
		l := *mm.Place
		if l.Name == "" {
			l.Name = mm.Text
		}
		return &l
	}
	return &news.Location{Name: mm.Text, Country: mm.Actor.Country}
}

// datelinePlace returns the resolved place of a mention inside the
// article's dateline, or nil.
func datelinePlace(a *news.Article) *news.Location {
	for _, r := range a.Removed {
		if r.Kind != news.RemovalDateline {
			continue
		}
		for i := range a.Mentions {
			if r.Span.Contains(a.Mentions[i].Span) && a.Mentions[i].Place != nil {
				return eventLocation(a, i)
			}
		}
	}
	return nil
}
