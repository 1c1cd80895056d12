package extract

import (
	"strings"

	"chronicle/internal/news"
)

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
		if !s.isPlace(u) || s.demonym(u) {
			continue
		}
		p, pj := s.governedByPrep(u.first)
		if (pj < 0 || !(s.toks[pj].is(tLOC) || p == "of" || p == "on" && s.placeOnly(u))) && !s.appositive(u.first, 3) {
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
	if !s.geocoded(u) {
		// "in Kalo village, Tillaberi region", "in X (Y district, Z)": a
		// place the gazetteer does not know falls back to the wider area
		// named beside it.
		if w := s.placeBeside(u); w != nil {
			return w
		}
	}
	return &u
}

// appositive reports whether the phrase starting at token first stands
// in apposition to a locative phrase before it that names no place, after
// a comma or an opening bracket: "In Jaipuria College, Kolkata", "on the
// highway (Bongaigaon)". After a place ("in Cankaya, Ankara") the first
// place is the event's and the wider one only stands in for it (see
// placeBeside). depth bounds the chain of appositions followed back.
func (s *evSentence) appositive(first, depth int) bool {
	b := first - 1
	if depth == 0 || b < 1 || s.toks[b].low != "," && s.toks[b].low != "(" {
		return false
	}
	c := b - 1
	if m := s.toks[c].mention; m >= 0 {
		w := s.unitAt(c)
		if s.isPlace(w) {
			return false
		}
		if _, pj := s.governedByPrep(w.first); pj >= 0 && s.toks[pj].is(tLOC) {
			return true
		}
		return s.appositive(w.first, depth-1)
	}
	// a phrase with no mention: "on the NH-31 (X)", "near the old bridge, X"
	for e := c; e >= 0 && e >= c-4; e-- {
		t := &s.toks[e]
		if t.is(tLOC) && t.is(tPREP) || t.low == "on" {
			return true
		}
		if t.is(tPUNCT) || t.is(tVERB|tREPORT) && !t.is(tNOUN) || t.mention >= 0 {
			return false
		}
	}
	return false
}

// geocoded reports whether a mention unit is resolved to a place with
// coordinates.
func (s *evSentence) geocoded(u evUnit) bool {
	m := s.mention(u)
	return m.Place != nil && m.Place.HasGeo
}

// placeBeside returns the geocoded place that names the wider area of the
// place u right after it: "X, Y province", "X (Y, Z)", "X village of Y
// district", "X town in Y", "X in tambon Z, Y district". Only place
// nouns, capitalised names, words the lexicon does not know, commas,
// brackets, "of" and "in" may come between; nil when none follows.
func (s *evSentence) placeBeside(u evUnit) *evUnit {
	for k := u.last + 1; k < len(s.toks) && k <= u.last+8; k++ {
		t := &s.toks[k]
		if t.mention >= 0 {
			w := s.unitAt(k)
			if s.isPlace(w) && s.geocoded(w) {
				return &w
			}
			return nil
		}
		switch {
		case t.low == "," || t.low == "(" || t.low == "of" || t.low == "in" || t.low == "the":
		case t.is(tPLACEN):
		case t.is(tCAP) && !t.is(tVERB|tREPORT|evClosedClass), !t.is(tVERB | tREPORT | evClosedClass | tNOUN | tPUNCT | tNUM | tNUMW | tDATE | tTIME | tADV):
			// a smaller unit the gazetteer does not know: "in tambon
			// Kadunong, Sai Buri district", "X (Birbhum, West Bengal)"
		default:
			return nil
		}
	}
	return nil
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

// datelinePlace returns the place of an event whose sentence, starting at
// byte at, names none: the resolved place of a mention inside the
// article's dateline, else the geocoded place of the latest event coded
// so far, since a report goes on about the place it has named until it
// names another ("Police dispersed the march in Oujda. Four were
// detained."). The place carries over at most one paragraph break and
// never across a removed time stamp or furniture, which is where a live
// page's next post begins. nil when there is neither.
func datelinePlace(a *news.Article, at int) *news.Location {
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
	for i := len(a.Events) - 1; i >= 0; i-- {
		e := &a.Events[i]
		if e.Location == nil || !e.Location.HasGeo || e.Negated {
			continue
		}
		if len(e.Evidence) == 0 || !carries(a, e.Evidence[0].Span.End, at) {
			return nil
		}
		l := *e.Location
		return &l
	}
	return nil
}

// carries reports whether what the text says from byte from goes on at
// byte to: at most one paragraph break between, and no removed time
// stamp or furniture.
func carries(a *news.Article, from, to int) bool {
	if from > to {
		return true // the same sentence
	}
	if to > len(a.Text) {
		return false
	}
	if strings.Count(a.Text[from:to], "\n\n") > 1 {
		return false
	}
	for _, r := range a.Removed {
		if (r.Kind == news.RemovalTimestamp || r.Kind == news.RemovalFurniture) && r.Span.Start >= from && r.Span.Start < to {
			return false
		}
	}
	return true
}

// placeIsTarget reports whether an event of type t may take the place its
// clause names as its recipient when no actor is named ("shelled the town
// of X", "lifted the curfew in X", "arrived in X"): every type but
// meetings, whose place is only where they happen.
func placeIsTarget(t news.EventType, mode string) bool {
	if t == news.Retreat && mode == "resign" {
		return false // a resignation has no recipient
	}
	return t != news.Consult || mode == "visit"
}

// demonym reports whether a country mention is written as its people or
// their adjective ("Israeli strikes", "fired at Palestinians"), which
// names who, never where.
func (s *evSentence) demonym(u evUnit) bool {
	m := s.mention(u)
	if m.Type != news.Country || strings.EqualFold(m.Text, eventActor(s.a, u.m).Name) {
		return false
	}
	return looksDemonym(strings.TrimSuffix(s.toks[u.last].low, "s"))
}
