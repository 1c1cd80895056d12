package extract

import (
	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Modalities of news.Event.Modality.
const (
	ModalityPlanned      = "planned"
	ModalityHypothetical = "hypothetical"
	ModalityConditional  = "conditional"
)

// evSentence is one sentence being coded: its tokens and the article.
type evSentence struct {
	a    *news.Article
	p    *kb.Patterns
	toks []evToken
	// reported is the index of the first reporting verb, or -1.
	reported int
	// carry is the index in a.Dates of the date an event of a sentence
	// with no date expression of its own takes, or -1.
	carry int
}

// evUnit is a mention as a run of tokens.
type evUnit struct {
	m           int
	first, last int
}

// unitAt returns the mention unit covering token k.
func (s *evSentence) unitAt(k int) evUnit {
	m := s.toks[k].mention
	f, l := k, k
	for f > 0 && s.toks[f-1].mention == m {
		f--
	}
	for l+1 < len(s.toks) && s.toks[l+1].mention == m {
		l++
	}
	return evUnit{m: m, first: f, last: l}
}

func (s *evSentence) mention(u evUnit) *news.Mention { return &s.a.Mentions[u.m] }

// isPlace reports whether a mention names a place rather than an actor.
// Countries are both: an actor in "Russia attacked", a place in "in Russia".
func (s *evSentence) isPlace(u evUnit) bool {
	m := s.mention(u)
	return m.Type == news.Place || m.Type == news.Country || m.Place != nil
}

func (s *evSentence) placeOnly(u evUnit) bool {
	m := s.mention(u)
	return m.Type == news.Place || m.Type == "" && m.Place != nil
}

// before returns the index of the nearest token left of k that is not a
// determiner, possessive, adverb or open-class modifier, skipping at most
// n tokens; -1 when the sentence starts first.
func (s *evSentence) before(k, n int) int {
	j := k - 1
	for ; j >= 0 && n > 0; j-- {
		t := &s.toks[j]
		if t.is(tDET|tPOSS|tADV|tNUM|tNUMW) && !t.is(tPREP|tREL) || !t.is(evClosedClass|tREPORT|tVERB|tTIME|tPLACEN) && t.mention < 0 && !t.is(tCAP) {
			n--
			continue
		}
		return j
	}
	return j
}

// governedByPrep returns the preposition that governs the noun phrase
// starting at token first, or "".
func (s *evSentence) governedByPrep(first int) (string, int) {
	j := s.before(first, 3)
	if j < 0 {
		return "", -1
	}
	t := &s.toks[j]
	if t.is(tPREP) {
		return t.low, j
	}
	if t.is(tPLACEN) {
		// "the town of X", "the X region": the preposition before the place noun.
		if j > 0 && s.toks[j-1].low == "of" {
			return s.governedByPrep(j)
		}
		return s.governedByPrep(j)
	}
	if t.mention >= 0 && j+1 < first && (s.toks[j+1].low == "'s" || s.toks[j+1].low == "\u2019s") {
		// "in X's capital Y", "in X's northern city of Y": the
		// preposition before the possessor governs the phrase.
		return s.governedByPrep(s.unitAt(j).first)
	}
	return "", -1
}

// objectish reports whether the mention unit u is the object of a
// preposition or a verb rather than a subject: "in Baghdad", "attacked
// Gaza". "Leaders of X" keeps X as a subject: the head is a role noun.
func (s *evSentence) objectish(u evUnit) bool {
	j := s.before(u.first, 3)
	if j < 0 {
		return false
	}
	t := &s.toks[j]
	switch {
	case t.is(tADDRESS) && t.mention < 0:
		// "told reporters", "informed the council": the addressee of a
		// reporting verb is its object.
		return true
	case t.low == "of":
		// "leaders of X", "thousands of X", "some of X" keep X as the actor
		k := j - 1
		return k < 0 || !s.toks[k].is(tROLE|tNUMW|tNUM|tDET|tAPPROX)
	case (t.is(tPREP) || t.is(tAGENT)) && s.newPhrase(j+1, u.first+1):
		// "according to reports the UK is ...": a determiner after a
		// noun starts a new phrase, which the preposition does not govern.
		return false
	case t.is(tPREP) || t.is(tAGENT):
		// "at least 12 X", "up to 100 X", "about 200 X": an approximation,
		// not a preposition governing X.
		if j+1 < len(s.toks) && (s.toks[j+1].is(tNUM|tNUMW) || s.toks[j+1].is(tAPPROX) && j+2 < len(s.toks) && s.toks[j+2].is(tNUM|tNUMW)) {
			return !(t.is(tAPPROX) || t.low == "at" || t.low == "to" && j > 0 && s.toks[j-1].low == "up")
		}
		return true
	case t.is(tVERB|tPAST) && !t.is(tBE|tHAVE|tREPORT) && t.mention < 0 && !t.is(tCAP):
		// "newly appointed X", "the ousted X": a participle before a name
		// modifies it.
		if j == 0 || s.toks[j-1].is(tDET|tPOSS) || s.toks[j-1].is(tADV) && (j == 1 || s.toks[j-2].is(tDET|tPUNCT)) || evAttributive(s.toks, j, j-1) {
			return false
		}
		return true
	}
	return false
}

// group extends a mention unit to the coordinated mentions around it: "the
// United States and Jordan", "Iran, Libya and Sudan".
func (s *evSentence) group(u evUnit) []evUnit {
	g := []evUnit{u}
	leftConj := false
	// leftwards
	for f := u.first; ; {
		j := f - 1
		for j >= 0 && s.toks[j].is(tDET) && !s.toks[j].is(tREL) {
			j--
		}
		if j < 1 || !(s.toks[j].low == "and" || s.toks[j].low == "," || s.toks[j].low == "or") {
			break
		}
		k := j - 1
		if k >= 0 && s.toks[k].low == "," {
			k-- // Oxford comma
		}
		if k < 0 || s.toks[k].mention < 0 {
			break
		}
		v := s.unitAt(k)
		if v.m == g[0].m {
			break
		}
		g = append([]evUnit{v}, g...)
		f = v.first
		if s.toks[j].low != "," {
			leftConj = true
		}
	}
	// rightwards; a comma joins only inside a list that "and" or "or"
	// closes: in "X, the minister said" the comma ends the phrase.
	conj := leftConj
	closed := len(g)
	for l := u.last; ; {
		j := l + 1
		if j < len(s.toks) && s.toks[j].low == "," && j+1 < len(s.toks) && (s.toks[j+1].low == "and" || s.toks[j+1].low == "or") {
			j++
		}
		if j >= len(s.toks) || !(s.toks[j].low == "and" || s.toks[j].low == "," || s.toks[j].low == "or") {
			break
		}
		k := j + 1
		for k < len(s.toks) && s.toks[k].is(tDET) && !s.toks[k].is(tREL) {
			k++
		}
		if k >= len(s.toks) || s.toks[k].mention < 0 {
			break
		}
		v := s.unitAt(k)
		g = append(g, v)
		l = v.last
		if s.toks[j].low != "," {
			conj, closed = true, len(g)
		}
	}
	if !conj {
		return []evUnit{u}
	}
	return g[:closed]
}

// passive reports whether the verbal trigger at h is in the passive:
// "was attacked", "were wounded", "killed by".
func (s *evSentence) passive(h int) bool {
	t := &s.toks[h]
	if !t.is(tPAST) || h+1 < len(s.toks) && s.toks[h+1].low == "to" {
		return false // "is opposed to", "was committed to" read as adjectives
	}
	for j := h - 1; j >= 0 && j >= h-4; j-- {
		p := &s.toks[j]
		if p.is(tBE) || p.low == "got" || p.low == "get" || p.low == "gets" {
			return true
		}
		if !p.is(tADV | tNEG) {
			break
		}
	}
	if s.reducedPassive(h) {
		return true
	}
	// reduced passive: "three soldiers killed by a roadside bomb" (but not
	// "spoke by phone")
	if h+1 < len(s.toks) && s.toks[h+1].is(tAGENT) {
		k := h + 2
		for k < len(s.toks) && s.toks[k].is(tDET|tPOSS) {
			k++
		}
		if k >= len(s.toks) || s.toks[k].mention < 0 {
			return false
		}
		p := s.before(h, 0)
		return p >= 0 && !s.toks[p].is(tHAVE)
	}
	return false
}

// reducedPassive reports whether the past form at h of a verb that
// always takes an object follows its noun with no object of its own:
// "250 activists arrested from the city", "criminals arrested recently",
// "three civilians killed in the attack".
func (s *evSentence) reducedPassive(h int) bool {
	t := &s.toks[h]
	if t.is(tING) || !objectVerb(t.low) || h == 0 {
		return false
	}
	p := h - 1
	if !(s.toks[p].mention >= 0 || s.toks[p].is(tNOUN|tPERSONN)) || s.toks[p].is(tPRON) {
		return false
	}
	if s.toks[p].mention >= 0 {
		if f := s.unitAt(p).first; f > 0 && s.toks[f-1].is(tREL) {
			return false // "the men whom police arrested"
		}
	}
	if h+1 == len(s.toks) {
		return true
	}
	n := &s.toks[h+1]
	if n.is(tAGENT|tAPPROX) || n.low == "," {
		// "by X" has a rule of its own; "X arrested, then freed";
		// "arrested over 50 workers" has its object.
		return false
	}
	return n.is(tPREP|tTIME|tDATE|tPUNCT|tSUB) && !n.is(tDET) || n.low == "recently" || n.low == "earlier" || n.low == "yesterday"
}

// objectVerb reports whether a past form is of a verb of arrest or
// killing that news copy never uses without its object: "arrested",
// "killed", "detained".
func objectVerb(w string) bool {
	switch w {
	case "arrested", "detained", "killed", "injured", "wounded", "murdered", "nabbed", "apprehended",
		"jailed", "lynched", "abducted", "kidnapped", "butchered", "slain", "massacred", "rounded", "held", "picked":
		return true
	}
	return false
}

// subject finds the actor mentions before position from (the start of a
// verb group or of a noun phrase): the nearest mention that is not the
// object of a preposition or of another verb, across relative pronouns,
// comma-delimited adverbials, and a pronoun subject of a reported clause
// ("X said it would ..." gives X).
func (s *evSentence) subject(from int) []evUnit {
	g, _ := s.subjectOr(from)
	return g
}

// subjectOr is subject that also returns, as a fallback, the first
// mention it passed over for sitting in a phrase: the passive subject of
// "a convoy for displaced families was attacked" is best the families.
func (s *evSentence) subjectOr(from int) ([]evUnit, []evUnit) {
	var skipped []evUnit
	passedPron := false
	for k := from - 1; k >= 0; k-- {
		t := &s.toks[k]
		switch {
		case t.low == ";" || t.low == ":":
			return nil, skipped
		case t.mention >= 0:
			u := s.unitAt(k)
			if s.objectish(u) || s.placeOnly(u) && s.locative(u) {
				if skipped == nil && !s.placeOnly(u) {
					skipped = []evUnit{u}
				}
				k = u.first
				continue
			}
			return s.group(u), skipped
		case t.is(tREPORT) && t.low != "according" && !t.is(tNOUN):
			if from > 0 && s.toks[from-1].low == "and" && k < from-1 {
				// "X told reporters that ... and warned that ...": the
				// second verb shares the reporting verb's subject.
				return s.subjectOr(s.verbGroupStart(k))
			}
			if !passedPron {
				return nil, skipped
			}
		case t.is(tSUBJ) || t.is(tPOSS):
			passedPron = true // "X said it would ...", "X said their forces had ..."
		case t.low == ",":
			// skip a parenthetical adverbial (", after meeting X,") or an
			// apposition ("Pakistan, a key ally of X, has refused")
			j := k - 1
			for j >= 0 && s.toks[j].low != "," && s.toks[j].low != ";" {
				j--
			}
			if j >= 0 && s.toks[j].low == "," && j+1 < k {
				first := &s.toks[j+1]
				adverbial := first.is(tSUB|tPREP) && !first.is(tREL)
				apposition := first.is(tDET) && !first.is(tREL) && j > 0 && s.toks[j-1].mention >= 0
				if adverbial || apposition {
					k = j
				}
			}
		case t.is(tSUB) && !t.is(tREL|tPREP) && t.low != "as":
			return nil, skipped
		}
	}
	return nil, skipped
}

// object finds the first actor mentions after token from, up to the end
// of the clause; mentions after a locative preposition or "by" are not
// objects. With purpose set, a purpose infinitive ends the search. It
// also returns the first place mention it passed.
func (s *evSentence) object(from int, agents, purpose bool) ([]evUnit, *evUnit) {
	var place *evUnit
	var first []evUnit
	adjunct := false
	for k := from; k < len(s.toks) && k < from+25; k++ {
		t := &s.toks[k]
		if s.scopeBreak(k) || t.low == "," && (k > from || s.attribution(k+1)) {
			break
		}
		if t.low == "and" && k+1 < len(s.toks) && s.toks[k+1].is(tVERB) && evVerbal(s.toks, k+1) {
			break
		}
		if k > from && (s.adjunctStart(k) && first != nil || purpose && s.purposeStart(k)) {
			break
		}
		if k > from && s.adjunctStart(k) && t.low != "if" && t.low != "unless" {
			adjunct = true // a condition names whom a threat aims at
		}
		if t.mention < 0 {
			continue
		}
		u := s.named(s.unitAt(k))
		p, j := s.governedByPrep(u.first)
		switch {
		case adjunct && p != "with" && p != "by" && p != "from" && p != "against" && !(s.isPlace(u) && j >= 0 && s.toks[j].is(tLOC)):
			// In an adjunct only a party to the act the adjunct names
			// stands as recipient ("called off the strike after talks
			// with X", "following an offensive by X"), not what else it
			// mentions ("following the discovery of Russian-made rockets").
		case p == "by" && !agents:
		case s.joined(u):
			// "rioted, joining thousands of demonstrators in demanding
			// X": whom an actor joins acts beside it, not on it.
		case s.weapon(u) && (s.bare([]evUnit{u}) || s.actor(u).Country == ""):
			// "fired 40 rockets at X", "launched drones and missiles
			// at X": the weapons are the means. One with a nationality
			// of its own ("destroyed 23 Iranian drones") stands for
			// that country's forces.
		case s.owned(u):
			// "withdraw its troops from X", "strengthened its forces in
			// X": the actor's own forces are not the recipient.
		case p == "of" && !s.placeOnly(u) && s.ofActor(j):
			// "the blockade of X", "the occupation of X": the country
			// the act is aimed at.
			return s.group(u), place
		case p == "with" && place != nil && j > 0 && borderNoun(s.toks[j-1].low):
			// "villages near X's border with Y", "shelled the town of
			// X near the border with Y": the neighbour names where the
			// border by the place runs, not a party to the act.
		case s.isPlace(u) && j >= 0 && (s.toks[j].is(tLOC) || p == "of" && !s.nationality(u)):
			// "the town of X" is a place; "a meeting of Palestinian
			// factions" names the factions.
			if place == nil {
				uu := u
				place = &uu
			}
		default:
			g := s.group(u)
			// A generic mention ("troops", "the military") gives way to
			// a later one that names a country: "contribute troops to X".
			if !s.generic(u) {
				return g, place
			}
			if first == nil {
				first = g
			}
			k = g[len(g)-1].last
			continue
		}
		k = u.last
	}
	return first, place
}

// attribution reports whether the words from k are a trailing
// attribution, a speaker and a reporting verb (", police said"), which
// no act before the comma takes as its object.
func (s *evSentence) attribution(k int) bool {
	if k >= len(s.toks) || s.toks[k].mention < 0 {
		return false
	}
	n := s.unitAt(k).last + 1
	return n < len(s.toks) && s.toks[n].is(tREPORT)
}

// named returns the mention a descriptive premodifier belongs to: in "the
// paramilitary Rapid Support Forces" or "the Iran-backed Houthis" the
// description or the compound adjective and the name after it are one
// actor, the name. Any other unit is returned as it is.
func (s *evSentence) named(u evUnit) evUnit {
	k := u.last + 1
	if k >= len(s.toks) || s.toks[k].mention < 0 || s.toks[k].mention == u.m {
		return u
	}
	m := s.mention(u)
	compound := s.toks[u.last].end > m.Span.End && s.a.Text[m.Span.End] == '-'
	if compound || s.bare([]evUnit{u}) && !s.toks[k].is(tWEAPON) {
		return s.unitAt(k)
	}
	return u
}

// agent finds the "by X" phrase after token from, within the clause.
func (s *evSentence) agent(from int) []evUnit {
	for k := from; k < len(s.toks) && k < from+15; k++ {
		if s.scopeBreak(k) {
			return nil
		}
		if t := &s.toks[k]; t.is(tVERB|tPAST|tING) && !t.is(tNOUN) && t.mention < 0 {
			return nil // "a bill signed by X": the agent of another verb
		}
		if !s.toks[k].is(tAGENT) {
			continue
		}
		for j := k + 1; j < len(s.toks) && j <= k+5; j++ {
			if s.toks[j].mention >= 0 {
				return s.group(s.named(s.unitAt(j)))
			}
			if s.toks[j].is(evClosedClass) {
				break
			}
		}
	}
	return nil
}

// between finds "between X and Y" or "among X, Y and Z" right after a
// nominal trigger: every participant is a source.
func (s *evSentence) between(from int) []evUnit {
	for k := from; k < len(s.toks) && k < from+4; k++ {
		t := &s.toks[k]
		if t.low == "between" || t.low == "among" || t.low == "amongst" {
			for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
				if s.toks[j].mention >= 0 {
					return s.group(s.unitAt(j))
				}
			}
			return nil
		}
		if t.is(evClosedClass) {
			return nil
		}
	}
	return nil
}

// premodifier finds a mention that modifies a nominal trigger: "an Israeli
// air strike", "Russia's attack", "the army's shelling".
func (s *evSentence) premodifier(first int) []evUnit {
	j := first - 1
	for n := 0; j >= 0 && n < 3; n++ {
		t := &s.toks[j]
		if t.mention >= 0 {
			u := s.unitAt(j)
			if p, _ := s.governedByPrep(u.first); p != "" && p != "of" {
				return nil
			}
			return s.group(u)
		}
		if t.low == "'s" {
			j--
			continue
		}
		if t.is(evClosedClass|tDET|tPOSS|tREPORT|tVERB) || t.is(tTIME) {
			return nil
		}
		j--
	}
	return nil
}

// speaker finds who the sentence reports: the subject of its reporting
// verb, the name after it ("said Foreign Minister X") or after
// "according to".
func (s *evSentence) speaker() []evUnit {
	for k := range s.toks {
		t := &s.toks[k]
		if !t.is(tREPORT) || t.is(tNOUN) {
			continue
		}
		if t.low == "according" {
			if g, _ := s.object(k+1, false, false); g != nil {
				return g
			}
			continue
		}
		if g := s.subject(s.verbGroupStart(k)); g != nil {
			return g
		}
		// inverted: "..., said the minister"
		for j := k + 1; j < len(s.toks) && j <= k+4; j++ {
			if s.toks[j].mention >= 0 {
				return s.group(s.unitAt(j))
			}
			if s.toks[j].is(evClosedClass) && !s.toks[j].is(tDET) {
				break
			}
		}
	}
	return nil
}

// reporter is speaker that also takes the body a speaker's title names:
// "superintendent of police X said" gives the police.
func (s *evSentence) reporter() []evUnit {
	if g := s.speaker(); g != nil {
		return g
	}
	for k := range s.toks {
		if t := &s.toks[k]; t.is(tREPORT) && !t.is(tNOUN) && t.low != "according" {
			_, loose := s.subjectOr(s.verbGroupStart(k))
			return loose
		}
	}
	return nil
}

// roles assigns source and target mention units to a trigger. It also
// returns the first place named in the trigger's object region ("lifted
// the curfew in X", "took control of X"), which may stand as the target.
func (s *evSentence) roles(mt evMatch, nominalHead bool) (src, tgt []evUnit, objPlace *evUnit, passive bool) {
	h := mt.head
	if s.toks[h].is(tOBLIG) {
		// "X said Y must ...": X asks Y.
		src, tgt = s.speaker(), s.subject(h)
		if src != nil && tgt != nil && sameEvUnits(src, tgt) {
			src = nil
		}
		return src, tgt, nil, false
	}
	if nominalHead {
		if g := s.between(mt.last + 1); g != nil {
			return g, nil, nil, false
		}
		src = s.premodifier(mt.first)
		if src == nil {
			src = s.agent(h + 1)
			if src != nil {
				passive = true
			}
		}
		// "an inquiry into abuses by X": the agent of the act an
		// accusation is about is its target.
		tgt, objPlace = s.object(h+1, accusing(mt.rule.typ) && src == nil, false)
		if src == nil {
			// the subject of the light verb: "X launched an attack on Y",
			// "X held talks with Y"; not inside a PP ("killed in an attack").
			j := s.before(mt.first, 3)
			if j >= 1 && s.toks[j].low == "of" && measureNoun(s.toks[j-1].low) {
				// "launched ten days of war games", "began a series of raids"
				j = s.before(j, 3)
			}
			switch {
			case j >= 0 && announcing(s.toks[j].low):
				// "X announced a suspension of flights", "X declared a
				// ceasefire": the one who announces the act does it.
				src = s.subject(s.verbGroupStart(j))
			case j >= 0 && (s.toks[j].is(tVERB|tPAST|tING) && !s.toks[j].is(tPREP) || s.toks[j].is(tPREP) && s.afterVerb(j)) || s.finiteBefore(j+1, mt.first):
				src = s.subject(mt.first)
			}
		}
		if accusing(mt.rule.typ) && tgt != nil && s.reducedVictim(h+1, tgt[0]) {
			tgt = nil
		}
		if tgt != nil && src != nil && sameEvUnits(src, tgt) {
			tgt = nil
		}
		return src, tgt, objPlace, passive
	}
	vg := s.verbGroupStart(mt.first)
	if s.passive(h) {
		tgt, loose := s.subjectOr(vg)
		if tgt == nil {
			tgt = loose
		}
		src := s.agent(h + 1)
		if src == nil {
			src = s.detachedAgent(h + 1)
		}
		if src == nil && mt.rule.typ == news.Retreat && mt.rule.mode == "disarm" && tgt != nil {
			// "the guerrillas have been demobilized": the force
			// disarmed is the one that retreats.
			return tgt, nil, nil, false
		}
		return src, tgt, nil, true
	}
	if s.toks[h].is(tING) && vg == mt.first && vg > 0 && s.reducedRelative(vg-1) {
		// "demonstrators protesting the result": the noun before is the
		// subject; when it names no actor, nobody further left does.
		src = nil
		if u := s.toks[vg-1]; u.mention >= 0 {
			src = s.group(s.unitAt(vg - 1))
		}
	} else if k, _ := s.sendPurpose(vg); k >= 0 {
		// "X sent experts to Y to investigate": the sender acts.
		src = s.subject(s.verbGroupStart(k))
	} else if k := s.coordinatedVerb(vg); k >= 0 {
		// "X is investigating crimes against Y and will bring suspects
		// to trial": the second verb shares the first one's subject.
		src = s.subject(s.verbGroupStart(k))
	} else {
		var loose []evUnit
		src, loose = s.subjectOr(vg)
		if src == nil && loose != nil && s.nounModifier(loose[0]) {
			// "activists from the opposition party staged rallies"
			src = s.group(loose[0])
		}
		if src == nil && vg > 0 && s.toks[vg-1].low == "but" {
			// "X opened its border to A, but was still refusing entry
			// to B": the second clause has the first one's subject.
			if k := s.firstVerb(vg - 1); k >= 0 {
				src = s.subject(s.verbGroupStart(k))
			}
		}
	}
	// "rejected calls by X", "accepted demands from X": for verbal acts
	// about another's words, the author of those words is the target.
	// A resignation is aimed at nobody: "resigned to allow elections in X".
	resign := mt.rule.typ == news.Retreat && mt.rule.mode == "resign"
	tgt, objPlace = s.object(h+1, agentTarget(mt.rule.typ), resign)
	if tgt != nil && tgt[0].last < mt.last && s.generic(tgt[0]) {
		// "suspended part of a military aid program for X": a generic
		// word inside the pattern is a modifier of it, not the object.
		if t2, p2 := s.object(mt.last+1, agentTarget(mt.rule.typ), resign); t2 != nil {
			tgt, objPlace = t2, p2
		}
	}
	if tgt != nil && movesMeans(mt.rule.typ) && s.bare(tgt) {
		// "contribute troops to a force in Liberia", "withdraw
		// inspectors from Iraq": the troops are the actor's means and
		// the place the recipient.
		if pl := s.placeAfter(tgt[len(tgt)-1].last + 1); pl != nil {
			tgt, objPlace = nil, pl
		} else if mt.rule.typ == news.Mobilize {
			// "ordered patrols by police", "deployed troops against
			// the rebels": the forces mobilised are the means; only a
			// named party after them is the recipient.
			if t2, _ := s.object(tgt[len(tgt)-1].last+1, false, false); t2 != nil && !s.bare(t2) {
				tgt = t2
			} else {
				tgt = nil
			}
		}
	}
	if tgt == nil && len(src) == 1 && (mt.rule.typ == news.Accuse || mt.rule.typ == news.Protest) && s.trailingAttribution(src[0], vg) {
		// "The authorities are failing refugees, a rights group
		// protested": the complaint is about the subject of the clause
		// it attributes.
		if k := s.firstVerb(src[0].first); k >= 0 {
			if g := s.subject(s.verbGroupStart(k)); g != nil && !sameEvUnits(g, src) {
				tgt = g
			}
		}
	}
	if k, dest := s.sendPurpose(vg); k >= 0 && dest != nil && (tgt == nil || s.bare(tgt) || src != nil && s.actor(tgt[0]).Country == s.actor(src[0]).Country) {
		// "sent personnel to Y to investigate the force": the
		// destination is the recipient unless the act names an actor
		// of another country than the sender's.
		tgt, objPlace = []evUnit{*dest}, nil
	}
	if accusing(mt.rule.typ) && tgt != nil && s.reducedVictim(h+1, tgt[0]) {
		tgt = nil
	}
	if mt.rule.typ == news.Accuse && tgt != nil {
		if p, _ := s.governedByPrep(tgt[0].first); p == "to" {
			// "complained to the UN over Israeli raids": the complaint
			// is addressed to the first and aimed at the second.
			if about, _ := s.object(tgt[len(tgt)-1].last+1, false, false); about != nil {
				if q, _ := s.governedByPrep(about[0].first); q == "over" || q == "about" || q == "against" {
					tgt = about
				}
			}
		}
	}
	if tgt != nil && src != nil && sameEvUnits(src, tgt) {
		tgt = nil
	}
	return src, tgt, objPlace, false
}

func agentTarget(t news.EventType) bool {
	switch t {
	case news.Request, news.Reject, news.Concede, news.Agree, news.Support, news.Accuse, news.Protest:
		return true
	}
	return false
}

func sameEvUnits(a, b []evUnit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.m == y.m {
				return true
			}
		}
	}
	return false
}
