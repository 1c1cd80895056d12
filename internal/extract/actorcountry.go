package extract

import "chronicle/internal/news"

// domestic gives the non-state actors of one side that have no country
// the country of the state authority on the other side: a government, police force,
// court or legislature acts on, and is addressed by, groups of its own
// country ("police dispersed demonstrators", "the government accepted
// demands from rebels", "teachers called off their strike after talks
// with the government").
func (s *evSentence) domestic(side []news.Actor, units []evUnit, other []news.Actor) {
	country := ""
	for _, a := range other {
		switch a.Sector {
		case news.SectorGovernment, news.SectorPolice, news.SectorJudiciary, news.SectorLegislator:
		default:
			continue
		}
		if a.Country == "" || a.Country == "IGO" || a.Country == "UNO" || a.Country == "NGO" || country != "" && a.Country != country {
			return
		}
		country = a.Country
	}
	if country == "" {
		return
	}
	// Only a non-state group faces its own authority: "Western
	// governments accused X" are not X's.
	nonState := make([]news.Actor, len(side))
	copy(nonState, side)
	for i := range nonState {
		if stateSector(nonState[i].Sector) {
			nonState[i].Role = "" // local leaves actors without a role alone
		}
	}
	s.local(nonState, units, country)
	for i := range side {
		side[i].Country = nonState[i].Country
	}
}

// stateSector reports whether a sector is an arm of a state.
func stateSector(sec news.Sector) bool {
	switch sec {
	case news.SectorGovernment, news.SectorPolice, news.SectorJudiciary, news.SectorLegislator, news.SectorMilitary, news.SectorSpy:
		return true
	}
	return false
}

// local gives the actors of one side that are unnamed groups with no
// country ("inmates", "a mob", "police") the country c, where the event
// happens or whose authority they face. Named people and organisations
// keep an empty country: a name the knowledge base does not hold may be
// a foreigner's. So do troops, tanks and warplanes, which often fight
// abroad.
func (s *evSentence) local(side []news.Actor, units []evUnit, c string) {
	if c == "" || c == "IGO" || c == "UNO" || c == "NGO" {
		return
	}
	for i := range side {
		if side[i].Country != "" || i >= len(units) || side[i].Entity != "" || side[i].Role == "" || side[i].Sector == news.SectorMilitary {
			continue
		}
		side[i].Country = c
	}
}

// movesMeans reports whether acts of type t send, offer, keep or withdraw
// the actor's own people or goods, so that a bare group in their object
// is the means and not the recipient.
func movesMeans(t news.EventType) bool {
	switch t {
	case news.Mobilize, news.Retreat, news.Aid, news.Agree, news.Reject, news.Threaten, news.Concede:
		return true
	}
	return false
}

// ownCountry reports whether the only recipient of an event is a place or
// country mention in the source's own country and the act is one that
// such a place does not receive: a pledge, a demand or a retreat.
// Coercive acts keep it: a curfew or a state of siege in the actor's own
// country aims at its people.
func (s *evSentence) ownCountry(ev news.Event, tr *evTrigger) bool {
	switch ev.Type {
	case news.Agree, news.Request, news.Retreat:
	default:
		return false
	}
	if len(ev.Sources) == 0 || len(ev.Targets) != 1 || len(tr.tgt) != 1 || ev.Sources[0].Country == "" || len(tr.src) == 0 || s.bare(tr.src[:1]) {
		return false // a bare group's country may only be the context's
	}
	u := tr.tgt[0]
	if u.last+1 < len(s.toks) && s.toks[u.last+1].is(tCAP) {
		return false // "the Montenegro Assembly": a body the name is part of
	}
	return s.isPlace(u) && s.mention(u).Actor.Sector == "" && ev.Targets[0].Country == ev.Sources[0].Country
}

// soleCountry returns the one country that the sentence's mentions
// name, or "" when they name none, several, or an international body.
func (s *evSentence) soleCountry() string {
	country := ""
	for k := 0; k < len(s.toks); k++ {
		m := s.toks[k].mention
		if m < 0 {
			continue
		}
		u := s.unitAt(k)
		k = u.last
		c := eventActor(s.a, m).Country
		if pl := s.a.Mentions[m].Place; c == "" && pl != nil {
			c = pl.Country
		}
		switch {
		case c == "":
		case c == "IGO" || c == "UNO" || c == "NGO" || country != "" && c != country:
			return ""
		default:
			country = c
		}
	}
	return country
}

// unknownOf gives the actors of one side that have no country, no entry
// in the knowledge base and a sector of domestic politics (opposition,
// party, rebels, unions) the country c. Officials, troops, gunmen and
// civilians may be foreigners and keep an empty country.
func (s *evSentence) unknownOf(side []news.Actor, units []evUnit, c string) {
	for i := range side {
		switch side[i].Sector {
		case news.SectorOpposition, news.SectorParty, news.SectorRebel, news.SectorLabour:
		default:
			continue
		}
		if side[i].Country == "" && side[i].Entity == "" && i < len(units) {
			side[i].Country = c
		}
	}
}
