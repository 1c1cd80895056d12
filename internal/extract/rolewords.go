package extract

import (
	"strings"

	"chronicle/internal/news"
)

// weapon reports whether a mention unit names weapons ("drones", "two
// ballistic missiles"): its last word is a weapon noun.
func (s *evSentence) weapon(u evUnit) bool {
	return s.toks[u.last].is(tWEAPON)
}

// adjunctStart reports whether token k opens an adjunct that ends a
// verb's object region: a temporal or causal preposition or conjunction
// ("after talks with X", "following an attack by X", "as X threatened")
// or a participle or finite verb after a noun, which starts a reduced
// relative or a new clause ("techniques used against X", "as battles
// raged in X").
func (s *evSentence) adjunctStart(k int) bool {
	switch s.toks[k].low {
	case "after", "following", "before", "since", "during", "despite", "amid", "amidst", "as", "when", "whereas", "unless", "if":
		return true
	}
	return false
}

// purposeStart reports whether token k opens a purpose infinitive ("to
// allow elections"), which ends the object region of an act that does not
// take an act as its content.
func (s *evSentence) purposeStart(k int) bool {
	if s.toks[k].low != "to" || k+1 >= len(s.toks) {
		return false
	}
	n := &s.toks[k+1]
	return n.is(tVERB) && !n.is(tNOUN|tPAST|tING|tCAP) && n.mention < 0
}

// owned reports whether a mention unit is a generic group after a
// possessive pronoun: "its troops", "their forces".
func (s *evSentence) owned(u evUnit) bool {
	if u.first == 0 {
		return false
	}
	if r := s.mention(u).Rule; r != "kb:institution" && r != "role-noun" && !s.generic(u) {
		return false
	}
	switch s.toks[u.first-1].low {
	case "its", "their", "his", "her", "our":
		return true
	}
	return false
}

// ofActor reports whether the "of" at token j hangs off a noun of an act
// ("the blockade of", "the withdrawal of") rather than a place noun ("the
// town of") or a name.
func (s *evSentence) ofActor(j int) bool {
	if j < 1 || s.toks[j].low != "of" {
		return false
	}
	p := &s.toks[j-1]
	return p.mention < 0 && !p.is(tPLACEN|evClosedClass|tDET|tNUM|tNUMW|tTIME|tROLE|tCAP) && len(p.low) > 3
}

// crowd reports whether one of the units names protesters: "protesters",
// "demonstrators", "rioters", "the crowd".
func (s *evSentence) crowd(us []evUnit) bool {
	for _, u := range us {
		for k := u.first; k <= u.last; k++ {
			switch s.toks[k].low {
			case "protesters", "protestors", "demonstrators", "rioters", "marchers", "crowd", "crowds", "mob", "mobs", "protester", "demonstrator", "rioter":
				return true
			}
		}
	}
	return false
}

// afterVerb reports whether the preposition at j follows a verb that
// takes an act as its complement ("engaged in fighting", "were
// converging for a rally"), across a time word.
func (s *evSentence) afterVerb(j int) bool {
	k := j - 1
	for k >= 0 && s.toks[k].is(tTIME|tDATE|tADV) {
		k--
	}
	if k < 0 {
		return false
	}
	t := &s.toks[k]
	return t.is(tLIGHT) || t.is(tING) && !t.is(tNOUN) && t.mention < 0 && (s.toks[j].low == "for" || s.toks[j].low == "to")
}

// nounModifier reports whether a mention hangs off a noun by "of" or
// "from": "activists from X", "supporters of X".
func (s *evSentence) nounModifier(u evUnit) bool {
	p, j := s.governedByPrep(u.first)
	if p != "of" && p != "from" || j < 1 {
		return false
	}
	t := &s.toks[j-1]
	return t.mention < 0 && !t.is(evClosedClass|tVERB|tPAST|tREPORT|tTIME|tNUM)
}

// generic reports whether a mention is a common noun with no country
// ("troops", "the military", "refugees") rather than a name.
func (s *evSentence) generic(u evUnit) bool {
	if s.actor(u).Country != "" {
		return false
	}
	for k := u.first; k <= u.last; k++ {
		if s.toks[k].is(tCAP) && !s.toks[k].is(tDET) && k > 0 {
			return false
		}
	}
	return true
}

// reportingVerbOf returns the reporting verb whose "that" clause holds
// the verb at k ("told reporters that the tariffs were unfair"), or -1.
func (s *evSentence) reportingVerbOf(k int) int {
	for j := k - 1; j > 0 && j >= k-12; j-- {
		t := &s.toks[j]
		if t.low == ";" || t.low == ":" || t.low == "," {
			return -1
		}
		if !t.is(tCOMP) {
			continue
		}
		for r := j - 1; r >= 0 && r >= j-4; r-- {
			if v := &s.toks[r]; v.is(tREPORT) && !v.is(tNOUN) && v.mention < 0 && v.low != "according" {
				return r
			}
		}
		return -1
	}
	return -1
}

// bare reports whether every unit is a group named by a common noun alone
// ("troops", "the force", "humanitarian workers"), with no name or
// nationality of its own.
func (s *evSentence) bare(us []evUnit) bool {
	for _, u := range us {
		if r := s.mention(u).Rule; r != "kb:institution" && r != "role-noun" {
			return false
		}
		for k := u.first; k <= u.last; k++ {
			if s.toks[k].is(tCAP) && k > 0 {
				return false
			}
		}
	}
	return true
}

// detachedAgent finds the agent of a passive that a parenthetical
// separates from its verb: "X has been accused of misusing funds, much
// of it believed to have been embezzled, by government officials". The
// "by" must follow the comma that closes a parenthetical opened after
// the verb.
func (s *evSentence) detachedAgent(from int) []evUnit {
	opened := false
	for k := from; k+1 < len(s.toks); k++ {
		t := &s.toks[k]
		if t.low == ";" || !opened && t.is(tREPORT) && !t.is(tNOUN) && t.low != "according" {
			return nil // a trailing attribution, not a parenthetical
		}
		if t.low != "," {
			continue
		}
		if opened && s.toks[k+1].is(tAGENT) {
			return s.agent(k + 1)
		}
		opened = true
	}
	return nil
}

// measureNoun reports whether w counts or times what an "of" after it
// names: "ten days of talks", "a series of raids", "a wave of strikes".
func measureNoun(w string) bool {
	switch w {
	case "days", "weeks", "months", "hours", "years", "day", "week", "series", "wave", "round", "spate", "string":
		return true
	}
	return false
}

// announcing reports whether w is a verb by which an actor makes an act
// public as its own: "announced a ceasefire", "declared a boycott".
func announcing(w string) bool {
	switch w {
	case "announce", "announces", "announced", "announcing", "declare", "declares", "declared", "declaring", "proclaim", "proclaims", "proclaimed":
		return true
	}
	return false
}

// firstVerb returns the first finite verb of the sentence before token
// end that no mention holds, or -1.
func (s *evSentence) firstVerb(end int) int {
	for k := range end {
		t := &s.toks[k]
		if t.mention < 0 && t.is(tVERB|tPAST) && !t.is(tNOUN|tPREP|tDET|tADJ|tCAP) && k > 0 {
			return k
		}
	}
	return -1
}

// borderNoun reports whether w names a border, whose "with" phrase names
// the country on its other side: "the border with X", "its frontier
// with X".
func borderNoun(w string) bool {
	switch w {
	case "border", "borders", "frontier", "frontiers", "boundary":
		return true
	}
	return false
}

// accusing reports whether acts of type t are aimed at a wrongdoer: an
// accusation, an investigation or a protest.
func accusing(t news.EventType) bool {
	return t == news.Accuse || t == news.Protest
}

// reducedVictim reports whether the mention unit u, in the object region
// that starts at token from, sits in a reduced relative clause after a
// noun and is not its agent: in "a hearing into techniques used against
// X" X suffers what is investigated, while in "an inquiry into crimes
// committed by X" X did it.
func (s *evSentence) reducedVictim(from int, u evUnit) bool {
	if p, _ := s.governedByPrep(u.first); p == "by" {
		return false
	}
	for k := max(from, 1); k < u.first; k++ {
		t, n := &s.toks[k], &s.toks[k-1]
		if t.is(tPAST) && !t.is(tNOUN|tBE|tHAVE|tREPORT|tCAP) && t.mention < 0 &&
			n.mention < 0 && !n.is(evClosedClass|tVERB|tDET|tPOSS|tADV|tNUM|tNUMW|tTIME|tCAP) {
			return true
		}
	}
	return false
}

// joined reports whether a mention unit is the object of "join": a
// partner in the act ("joined X in condemning Y").
func (s *evSentence) joined(u evUnit) bool {
	j := s.before(u.first, 3)
	if j > 0 && s.toks[j].low == "of" && s.toks[j-1].is(tNUM|tNUMW) {
		j = s.before(j, 3) // "joined thousands of X"
	}
	return j >= 0 && s.toks[j].mention < 0 && strings.HasPrefix(s.toks[j].low, "join")
}

// languageName reports whether the unit is a nationality word that names
// a language ("the Russian language", "Kurdish-language broadcasts"),
// which is no actor.
func (s *evSentence) languageName(u evUnit) bool {
	k := u.last + 1
	if k < len(s.toks) && s.toks[k].low == "-" {
		k++
	}
	return k < len(s.toks) && (s.toks[k].low == "language" || s.toks[k].low == "languages")
}
