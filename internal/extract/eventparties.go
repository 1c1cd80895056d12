package extract

import (
	"slices"
	"strings"

	"chronicle/internal/news"
)

// attackNationality finds, in the clause after token from, a phrase
// "in|by|from [a] NATIONALITY [modifier] NOUN" whose noun is an attack or
// a weapon ("in Israeli strikes", "by a Russian drone attack"), or the
// same with an armed force for the nationality ("in police firing"), and
// returns the nationality's or the force's unit.
func (s *evSentence) attackNationality(from int) (evUnit, bool) {
	for k := from; k < len(s.toks) && k < from+4; k++ {
		t := &s.toks[k]
		if s.scopeBreak(k) || t.low == "," {
			break
		}
		cause := t.low == "to" && k > 0 && (s.toks[k-1].low == "due" || s.toks[k-1].low == "owing")
		if t.low != "in" && t.low != "by" && t.low != "from" && !cause {
			continue // "died in police firing", "deaths due to police firing"
		}
		j := k + 1
		for j < len(s.toks) && s.toks[j].is(tDET|tNUM|tNUMW) {
			j++
		}
		if j >= len(s.toks) || s.toks[j].mention < 0 {
			return evUnit{}, false
		}
		u := s.unitAt(j)
		armed := !s.nationality(u)
		if armed && !s.armedModifier(u) {
			return evUnit{}, false
		}
		for n := u.last + 1; n < len(s.toks) && n <= u.last+3; n++ {
			if s.toks[n].is(tNOUN|tWEAPON) || armed && n == u.last+1 && strings.HasSuffix(s.toks[n].low, "ing") {
				return u, true // "police firing", "army shelling"
			}
			if s.toks[n].mention >= 0 || s.toks[n].is(evClosedClass) {
				break
			}
		}
		return evUnit{}, false
	}
	return evUnit{}, false
}

// armedModifier reports whether u is an armed force or group named as the
// modifier of the noun after it ("in police firing", "in army shelling",
// "by rebel attacks"): the bearer of arms is the attacker as a
// nationality is ("in Israeli strikes").
func (s *evSentence) armedModifier(u evUnit) bool {
	switch s.actor(u).Sector {
	case news.SectorPolice, news.SectorMilitary, news.SectorRebel, news.SectorUnarmed:
	default:
		return false
	}
	k := u.last + 1
	return k < len(s.toks) && s.toks[k].mention < 0 && !s.toks[k].is(evClosedClass|tNUM|tREPORT|tPERSONN)
}

// groupAnaphor reports whether the subject of the verb group at vg is a
// plural role noun with no name of its own: a mention such as "the
// ministers" that resolves to no entity, or, with no mention, a phrase
// "the two leaders", "both sides" right before the verb.
func (s *evSentence) groupAnaphor(vg int, src []evUnit) bool {
	if len(src) == 1 {
		u := src[0]
		m := s.mention(u)
		if m.Rule != "role-noun" || m.Ref >= 0 || s.actor(u).Entity != "" || u.last+1 < len(s.toks) && s.toks[u.last+1].low == "of" {
			return false
		}
		w := s.toks[u.last].low
		return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !s.toks[u.last].is(tCAP)
	}
	if len(src) > 0 || vg < 2 {
		return false
	}
	switch s.toks[vg-2].low {
	case "two", "both", "three":
	default:
		return false
	}
	w := s.toks[vg-1].low
	return len(w) > 3 && strings.HasSuffix(w, "s") && s.toks[vg-1].mention < 0 && !s.toks[vg-1].is(evClosedClass|tCAP)
}

// previousParties returns the parties of the latest meeting, agreement
// or joint act coded before sentence index sent, within three sentences,
// that has two or more: its coordinated sources, else its sources and
// targets; or nil.
func previousParties(a *news.Article, sent int) []news.Actor {
	for i := len(a.Events) - 1; i >= 0; i-- {
		e := &a.Events[i]
		if e.Sentence >= sent {
			continue
		}
		if e.Sentence < sent-3 {
			return nil
		}
		if e.Negated || !symmetric(e.Type) && e.Type != news.Cooperate {
			continue
		}
		if len(e.Sources) > 1 {
			return slices.Clone(e.Sources) // "X and Y agreed to ... The two leaders"
		}
		if len(e.Sources)+len(e.Targets) >= 2 {
			ps := make([]news.Actor, 0, len(e.Sources)+len(e.Targets))
			ps = append(ps, e.Sources...)
			return append(ps, e.Targets...)
		}
	}
	return nil
}

// symmetric reports whether acts of type t are mutual, so that
// coordinated subjects act on each other.
func symmetric(t news.EventType) bool {
	return t == news.Consult || t == news.Agree
}

// dropSelf removes from targets, and from their units, every actor that
// is also a source: an actor does not act on itself ("talks between X and
// Y" coded next to "X's programme" names X once). A nationality on either
// side ("Serbian extremists", "Syrian Kurds") stands for a group of the
// country, not the state, and is kept.
func (s *evSentence) dropSelf(sources, targets []news.Actor, srcUnits, units []evUnit) ([]news.Actor, []evUnit) {
	if len(sources) == 0 || len(targets) == 0 || slices.ContainsFunc(srcUnits, s.nationality) {
		return targets, units
	}
	keptA, keptU := targets[:0:0], units[:0:0]
	for i, t := range targets {
		if slices.ContainsFunc(sources, func(a news.Actor) bool { return sameActor(a, t) }) && (i >= len(units) || !s.nationality(units[i])) {
			continue
		}
		keptA = append(keptA, t)
		if i < len(units) {
			keptU = append(keptU, units[i])
		}
	}
	if len(keptA) == 0 {
		return nil, nil
	}
	return keptA, keptU
}

// nationality reports whether a country mention is a nationality
// adjective of a noun after it ("Serbian extremists"), not the country's
// name.
func (s *evSentence) nationality(u evUnit) bool {
	m := s.mention(u)
	w := s.toks[u.last].low
	if m.Type != news.Country || !looksDemonym(w) {
		return false
	}
	if strings.EqualFold(m.Text, eventActor(s.a, u.m).Name) && !strings.HasSuffix(w, "ian") && !strings.HasSuffix(w, "ese") && !strings.HasSuffix(w, "ish") && !strings.HasSuffix(w, "ean") {
		return false // "Iran", "Sudan": a name that only ends like a nationality
	}
	k := u.last + 1
	if k >= len(s.toks) || s.toks[k].mention >= 0 {
		return false
	}
	n := &s.toks[k]
	return !n.is(evClosedClass|tNUM|tREPORT) && (!n.is(tVERB) || n.is(tNOUN|tWEAPON))
}

// sameActor reports whether two actors are one: the same knowledge base
// entity in the same sector ("Croatia" and "Croatian extremists" share a
// country, not an actor), or, without one, the same name and country. A
// generic body takes its country's entity ("the state government" of a
// province and the national one), so bodies must share the name too.
func sameActor(a, b news.Actor) bool {
	if a.Entity != "" || b.Entity != "" {
		named := strings.EqualFold(a.Name, b.Name) || strings.HasPrefix(a.Entity, "country:") || strings.HasPrefix(a.Entity, "person:")
		return a.Entity == b.Entity && a.Sector == b.Sector && named
	}
	return a.Name != "" && strings.EqualFold(a.Name, b.Name) && a.Country == b.Country
}
