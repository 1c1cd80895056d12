package extract

import (
	"slices"
	"strings"

	"chronicle/internal/news"
)

// civilianGroup reports whether the unit names a group of unarmed
// civilians: a plural or collective noun ("residents", "youth", "a mob")
// whose actor is of a civilian sector or of none.
func (s *evSentence) civilianGroup(u evUnit) bool {
	switch s.actor(u).Sector {
	case "", news.SectorCivilian, news.SectorEducation, news.SectorLabour, news.SectorAgri, news.SectorOpposition,
		news.SectorParty, news.SectorReligious, news.SectorSocial, news.SectorRefugee, news.SectorBusiness:
	default:
		return false
	}
	for k := u.first; k <= u.last; k++ {
		w := s.toks[k].low
		switch w {
		case "youth", "people", "mob", "crowd", "public", "villagers", "residents", "locals", "supporters", "students", "workers":
			return true
		}
		if k == u.last && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !s.toks[k].is(tCAP) {
			return true
		}
	}
	return false
}

func evSourceIsPlace(src []evUnit, m int) bool {
	for _, u := range src {
		if u.m == m {
			return true
		}
	}
	return false
}

// officialProtester reports whether an actor that "protested" is a state,
// an official body or an organisation rather than a crowd.
func officialProtester(a news.Actor, m *news.Mention) bool {
	switch a.Sector {
	case news.SectorGovernment, news.SectorJudiciary, news.SectorLegislator, news.SectorMilitary, news.SectorPolice, news.SectorSpy:
		return true
	}
	// a country by its name ("China protested"), not a people by a
	// demonym ("ethnic Albanians protested")
	country := m.Type == news.Country && (strings.EqualFold(m.Text, a.Name) || len(m.Text) <= 4 && strings.ToUpper(m.Text) == m.Text)
	return country || a.Country == "IGO" || a.Country == "NGO" || a.Country == "UNO"
}

// counted reports whether the unit is a number of people ("up to 100
// ethnic Albanians", "thousands of Kurds"), a crowd rather than a state.
func (s *evSentence) counted(u evUnit) bool {
	k := u.first - 1
	if k >= 0 && s.toks[k].low == "ethnic" {
		return true
	}
	if k >= 1 && s.toks[k].low == "of" {
		k--
	}
	return k >= 0 && s.toks[k].is(tNUM|tNUMW)
}

// peacekeepers reports whether the unit, or the words next to it, name
// peacekeepers: "NATO peacekeeping troops", "UN peacekeepers".
func (s *evSentence) peacekeepers(u evUnit) bool {
	for k := max(0, u.first-2); k <= u.last+1 && k < len(s.toks); k++ {
		if strings.HasPrefix(s.toks[k].low, "peacekeep") {
			return true
		}
	}
	return false
}

// trailingAttribution reports whether the unit u and the verb at v,
// right after it, follow a comma that closes a clause of their words:
// "The authorities are failing refugees, a rights group protested".
func (s *evSentence) trailingAttribution(u evUnit, v int) bool {
	if u.last >= v {
		return false
	}
	for k := u.last + 1; k < v; k++ {
		if !s.toks[k].is(tADV) {
			return false
		}
	}
	k := s.before(u.first, 3)
	if k < 3 || s.toks[k].low != "," {
		return false
	}
	// the words before the comma are a clause: they hold a verb
	for j := range k {
		t := &s.toks[j]
		if t.mention < 0 && (t.is(tBE|tHAVE|tMODAL) && !t.is(tPREP) || t.is(tVERB) && !t.is(tNOUN|tPREP)) {
			return true
		}
	}
	return false
}

// distinctCountries counts the different countries among actors.
func distinctCountries(as []news.Actor) int {
	var seen []string
	for _, a := range as {
		if a.Country != "" && !slices.Contains(seen, a.Country) {
			seen = append(seen, a.Country)
		}
	}
	return len(seen)
}

// eventActor returns the actor a mention names, following resolved
// references ("he", "the minister") to the mention they refer to.
func eventActor(a *news.Article, m int) news.Actor {
	mm := &a.Mentions[m]
	act := mm.Actor
	cur := mm
	for n := 0; act.IsZero() && cur.Ref >= 0 && cur.Ref < len(a.Mentions) && cur.Ref != m && n < 8; n++ {
		cur = &a.Mentions[cur.Ref]
		act = cur.Actor
	}
	if act.Name == "" {
		act.Name = cur.Text
		if act.Name == "" {
			act.Name = mm.Text
		}
	}
	if act.Country == "" {
		if cur.Place != nil {
			act.Country = cur.Place.Country
		}
	}
	return act
}

// actor returns the actor of a mention unit. An actor without a country
// takes the country of a name or nationality right before it in the same
// noun phrase: "Kenyan deputy minister Jane Doe", "Israel's
// high court", "Israeli helicopters and tanks", or, for a person, of one
// in an apposition after the name.
func (s *evSentence) actor(u evUnit) news.Actor {
	act := eventActor(s.a, u.m)
	if act.Sector == news.SectorGovernment && policeModified(s.a.Mentions[u.m].Text) {
		act.Sector = news.SectorPolice // "senior police officials"
	}
	if act.Country != "" {
		return act
	}
	for k, n := u.first-1, 0; k >= 0 && n < 5; k, n = k-1, n+1 {
		t := &s.toks[k]
		if t.mention >= 0 {
			if c := eventActor(s.a, t.mention).Country; c != "" {
				act.Country = c
			}
			return act
		}
		if (t.low == "and" || t.low == "or") && k > 0 && n < 3 && s.toks[k-1].mention < 0 && !s.toks[k-1].is(evClosedClass|tVERB|tREPORT|tCAP|tPUNCT|tNUM) {
			continue // "Israeli helicopters and tanks": the nationality modifies both
		}
		if t.is(evClosedClass|tVERB|tREPORT) && t.low != "'s" && t.low != "'" {
			break
		}
	}
	// "doctors from American aid groups", "members of the Syrian parliament"
	for k := u.last + 1; k < len(s.toks) && k <= u.last+5; k++ {
		t := &s.toks[k]
		if k == u.last+1 && t.low != "of" && t.low != "from" {
			break
		}
		if t.mention >= 0 {
			act.Country = eventActor(s.a, t.mention).Country
			break
		}
		if t.is(evClosedClass|tVERB|tREPORT) && k > u.last+1 {
			break
		}
	}
	if act.Country == "" && s.a.Mentions[u.m].Type == news.Person {
		act.Country = s.appositionCountry(u)
	}
	return act
}

// armed reports whether every unit names police or armed forces.
func (s *evSentence) armed(us []evUnit) bool {
	for _, u := range us {
		switch s.actor(u).Sector {
		case news.SectorPolice, news.SectorMilitary, news.SectorParamil:
		default:
			return false
		}
	}
	return true
}

// policeModified reports whether a mention's words name officials of the
// police: "police officials", "the police authorities".
func policeModified(text string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(text)) {
		if w == "police" || w == "cops" {
			return true
		}
	}
	return false
}

// appositionCountry returns the country of a name or nationality in an
// apposition after a person ("Jane Roe, the United Nations relief
// coordinator, said"), or "".
func (s *evSentence) appositionCountry(u evUnit) string {
	k := u.last + 1
	if k+1 >= len(s.toks) || s.toks[k].low != "," || !s.toks[k+1].is(tDET) {
		return ""
	}
	for k += 2; k < len(s.toks) && k <= u.last+10; k++ {
		t := &s.toks[k]
		if t.low == "," || t.is(tVERB|tREPORT) && t.mention < 0 {
			return ""
		}
		if t.mention >= 0 && t.mention != u.m {
			return eventActor(s.a, t.mention).Country
		}
	}
	return ""
}

// actors returns the actors of mention units.
func (s *evSentence) actors(us []evUnit) []news.Actor {
	out := make([]news.Actor, 0, len(us))
	for _, u := range us {
		out = append(out, s.actor(u))
	}
	return out
}
