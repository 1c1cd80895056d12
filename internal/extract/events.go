package extract

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Coder codes PLOVER events from an article's sentences. It is safe for
// concurrent use.
//
// The coder is a dictionary coder over a shallow parse, in the line of
// TABARI and PETRARCH but without a full parser. Each sentence is split
// into tokens and tagged by a small rule-based tagger: closed-class words
// come from a lexicon (kb data/patterns/grammar/lexicon.tsv), open-class
// words are told apart by suffix rules, by whether the dictionary knows
// them as verb or noun heads, and by their left neighbour ("the attack" is
// a noun, "to attack" and "rebels attacked" are verbs). The event
// dictionary (kb data/patterns/*.tsv, one file per PLOVER type) is matched
// longest first; between pattern words the matcher skips up to three
// modifiers, names and dates ("imposed new EU sanctions on"). Roles come
// from clause structure around the trigger: the subject is the nearest
// mention to the left that is not the object of a preposition or another
// verb, the object the first mention to the right in the same clause,
// "by X" gives the agent of a passive or a nominal trigger, coordination
// ("X and Y") and "between X and Y" give several actors. Negation,
// modality, the event's place and date come from the same clause.
//
// A trained tagger or parser would handle more constructions, but none can
// be shipped with the binary, and the one Go POS model we could embed
// (prose) tags about 85,000 tokens a second, which alone would hold the
// coder below 4,000 sentences a second. The dictionary coder runs at tens
// of thousands of sentences a second per core, every event names the rule
// and the words that produced it, and its knowledge is data that analysts
// can read and extend.
//
// Rules the coder follows where the codebook leaves room:
//   - Cooperative acts that are only planned ("will meet", "plans to send
//     aid") are coded AGREE and planned retreats CONCEDE, as the PLOVER
//     manual asks; planned or conditional coercion ("will impose a
//     curfew", "will withdraw unless") is THREATEN, since the manual codes
//     the single category an act with an auxiliary mode amounts to. Every
//     such event keeps its Modality, and hypothetical acts ("could attack")
//     keep their type with Modality "hypothetical". A cooperative act
//     offered on a condition ("would meet the envoy if ...") is AGREE.
//   - A refusal stated with a negated modal of will or ability ("will not
//     accept more refugees", "would not meet the demands") is REJECT, not
//     a negated AGREE or CONCEDE; "did not accept" stays negated.
//   - A trigger inside the content of a verbal act is not coded on its own:
//     "agreed to withdraw" is AGREE, "refused to sign" REJECT, "accused X of
//     shelling" ACCUSE, "marched to demand reforms" PROTEST; the content
//     gives the act its mode ("demanded talks" REQUEST meet) and a pledge
//     of force is a threat ("vowed to attack" THREATEN), unless the pledge
//     names its own content ("offered troops to help him oust X", "agreed
//     to lift the embargo" stay AGREE). An order to submit to a
//     restriction is the restriction ("ordered the paper to suspend
//     publication" COERCE). A noun trigger that
//     is the object of a verb trigger ("condemned the attack") and a
//     purpose clause ("opened fire to disperse them") are not coded either.
//   - Acts in background clauses (relative, adverbial or reported asides)
//     and acts with nobody named give way to the sentence's main,
//     attributed events; noun triggers with no actor and no count ("the
//     attack was widely seen as ...") and questions are not coded.
//   - Triggers of one type in one sentence whose actors do not conflict are
//     one event ("killed three and wounded five in an attack"). A
//     participle after a comma shares the main clause's source.
//   - A state, court or organisation that "protested" is ACCUSE disapprove
//     (a diplomatic protest), as is a protest that attributes the words
//     before it ("X is failing refugees, a rights group protested"); a
//     counted crowd ("up to 100 ethnic Albanians") protests in the street.
//     Protesters who fight are PROTEST riot; a military move by forces of
//     several countries is COOPERATE; peacekeepers who "arrived in" a
//     country are AID, not a visit.
//   - A riot act (codebook/riots.tsv: stoning, vandalising, torching,
//     clashing) by a group of civilians who are not called protesters
//     ("residents pelted the police with stones") is an ASSAULT and,
//     beside it, a PROTEST riot event on the same trigger with no counts;
//     so is a crowd's weapon used with nobody named ("stones were thrown
//     at the police").
//   - The event's date is the date expression of its sentence nearest the
//     trigger (historical dates keep their own date). A sentence with no
//     date expression carries the date forward: its events take the last
//     date expression of the nearest earlier sentence of the same
//     paragraph that has one (a line break ends a paragraph) or, in a
//     short article (at most shortArticle sentences) whose first sentence
//     holds a date ("16 January." on a line of its own), that first date.
//     DateText is then the expression used. Otherwise the event takes the
//     article's published date at day precision with an empty DateText.
//   - The place is the place mention the clause names for the event ("in
//     X", "near X", "the town of X"), else the resolved place of the
//     article's dateline, else none. When no actor is the recipient, the
//     place named in the trigger's object ("shelled the town of X",
//     "lifted the curfew in X") is, as in the PLOVER gold records; meetings
//     other than visits never take their place as recipient.
//   - A noun trigger after a verb of announcing has the announcer as
//     source ("X announced a suspension of flights"), and a measure
//     phrase does not hide the light verb ("launched ten days of war
//     games"). A participle after a comma takes the main clause's
//     subject even when the main verb codes nothing, and a clause after
//     ", but" with no subject of its own takes the first clause's.
//   - A protest with no named protester whose place is known gets a
//     "protesters" source (sector CVL) of the place's country.
//   - An opposition group, party, rebel group or union the knowledge base
//     does not hold takes the country of a sentence that names only one
//     (not in meetings and visits, which bring foreigners).
//   - An assault with no named attacker whose place is known gets an
//     "unidentified attackers" source (sector UAF) of the place's country,
//     as the PLOVER manual codes "unknown gunmen" and roadside bombs; a
//     passive arrest or investigation with no agent ("was arrested in
//     X") gets the police or the authorities of the place's country.
//   - Roles keep to the phrase: a comma joins actors only in a list that
//     "and" or "or" closes ("X, the minister said" names no second
//     actor), the actor's own forces ("withdraw its troops from X") are
//     no recipient, "the blockade of X" aims at X, a resignation has no
//     recipient, and a generic object ("troops") gives way to a named one
//     only before an adjunct ("after", "following", "as").
//   - Weapons are the means, never the recipient ("launched 40 drones at
//     X" aims at X); an attack noun's nationality or armed force is the
//     attacker ("were killed in Israeli strikes", "in police firing"); a description before a name is the
//     name ("the paramilitary X", "the Iran-backed X"); the addressee of
//     "told" is no actor of what was told.
//   - No actor is its own recipient. Coordinated subjects of a meeting or
//     agreement act on each other ("X and Y held talks" is X towards Y),
//     and a plural role noun with no name ("the two leaders", "the
//     ministers") means the parties of the article's latest meeting or
//     agreement in the three sentences before.
//   - A protest that attributes the words before it is aimed at their
//     subject. The agent of the act an accusation or protest is about is
//     its target ("an inquiry into crimes committed by X"); a victim in a
//     reduced relative is not ("techniques used against X"); a participle
//     such as "alleged" before a noun ends no clause. A protest's content
//     outranks its place as recipient, the place stands when the actor
//     itself drops out of the object, a border's neighbour ("X's border
//     with Y") is no party, a nationality after "of" names actors, not a
//     place, and the forces an actor mobilises are the means, not the
//     recipient.
//   - A sentence-initial imperative ("Welcome to our coverage") and a
//     thing that "does not meet the demands" code nothing.
//   - Police acts are often written as nouns or in the passive: an armed
//     force before an attack noun is the attacker ("died in police
//     firing", "deaths due to police firing"); a passive arrest, raid,
//     dispersal, crowd-control act or criminal charge with no agent
//     that the police report ("20 were arrested, police said") is
//     theirs, but a killing they report is not; forces "deployed" with
//     nobody named for sending them are the ones that move; a past form
//     of a verb that always takes an object, right after a noun and
//     with none of its own ("activists arrested from the city"), is a
//     reduced passive.
//   - Counts of killed, injured, arrested, protesters and of drones,
//     missiles, shells and rockets go to the nearest event of a fitting
//     type; vague amounts count as their lower bound ("dozens" 24).
type Coder struct {
	p    *kb.Patterns
	dict *evDict
}

// NewCoder returns a coder that uses the patterns p. With nil patterns it
// codes nothing.
func NewCoder(p *kb.Patterns) *Coder {
	c := &Coder{p: p}
	if p != nil {
		c.dict = compileDict(p)
	}
	return c
}

// Events sets a.Events to the events coded from a.Sentences, using
// a.Mentions for actors and places and a.Dates for dates.
func (c *Coder) Events(a *news.Article) {
	a.Events = nil
	if c.dict == nil || len(a.Sentences) == 0 {
		return
	}
	a.Events = make([]news.Event, 0, len(a.Sentences)/2+1)
	var pool []evTrigger
	mentions := evMentionsBySentence(a)
	dates := evDatesBySentence(a)
	var toks []evToken
	opening := openingDate(a, dates)
	carry, prevEnd := -1, -1
	for _, sent := range a.Sentences {
		if sent.Span.Start < 0 || sent.Span.End > len(a.Text) || sent.Span.Start >= sent.Span.End {
			continue
		}
		if prevEnd >= 0 && prevEnd <= sent.Span.Start && strings.Contains(a.Text[prevEnd:sent.Span.Start], "\n") {
			carry = -1
		}
		prevEnd = sent.Span.End
		sentCarry := carry
		if sentCarry < 0 {
			sentCarry = opening
		}
		if d := lastDate(a, dates[sent.Index]); d >= 0 {
			carry = d
		}
		if isQuestion(a.Text[sent.Span.Start:sent.Span.End]) {
			continue
		}
		toks = evTokenize(a.Text, sent.Span.Start, sent.Span.End, toks[:0])
		if len(toks) == 0 {
			continue
		}
		evMarkSpans(toks, a, mentions[sent.Index], dates[sent.Index])
		c.dict.tagTokens(toks)
		s := &evSentence{a: a, p: c.p, toks: toks, reported: -1, carry: sentCarry}
		for k := range toks {
			if toks[k].is(tREPORT) && !toks[k].is(tNOUN) && toks[k].low != "according" {
				s.reported = k
				break
			}
		}
		pool = c.code(s, sent, dates[sent.Index], pool)
	}
	if len(a.Events) == 0 {
		a.Events = nil
	}
}

// riotEvent returns the PROTEST riot event that stands beside an assault
// when the act is a riot act and every source is a group of civilians.
func (c *Coder) riotEvent(s *evSentence, tr *evTrigger) (news.Event, bool) {
	ev := tr.ev
	riot, unnamed := c.p.RiotAct(tr.rule.id)
	if ev.Type != news.Assault || ev.Negated || ev.Modality != "" || !riot || len(tr.src) == 0 && !unnamed {
		return news.Event{}, false
	}
	if len(tr.src) == 0 {
		ev.Source, ev.Sources = news.Actor{}, nil // no "unidentified attackers"
	}
	for _, u := range tr.src {
		if !s.civilianGroup(u) {
			return news.Event{}, false
		}
	}
	ev.Type, ev.Mode, ev.CAMEO = news.Protest, "riot", "145"
	ti, _ := c.p.Type(ev.Type)
	ev.Quad = ti.Quad
	ev.Intensity = c.p.Score(ev.Type, ev.Mode)
	ev.Quantities = nil
	ev.Confidence = max(0, tr.ev.Confidence-0.05)
	// The assault holds the trigger's id; the riot takes the one of its end.
	ev.ID = eventID(s.a.ID, ev.Sentence, ev.Trigger.End)
	return ev, true
}

// isQuestion reports whether a sentence asks rather than tells.
func isQuestion(text string) bool {
	t := strings.TrimRight(text, " \t\n\"'\u201d\u2019)")
	return strings.HasSuffix(t, "?")
}

// evMentionsBySentence groups mention indices by the sentence whose span
// holds them.
func evMentionsBySentence(a *news.Article) map[int][]int {
	out := make(map[int][]int)
	for i, m := range a.Mentions {
		for _, s := range a.Sentences {
			if s.Span.Contains(m.Span) || s.Span.Overlaps(m.Span) && m.Sentence == s.Index {
				out[s.Index] = append(out[s.Index], i)
				break
			}
		}
	}
	return out
}

// shortArticle is the most sentences an article may have for the date of
// its first sentence to carry over to every undated sentence.
const shortArticle = 6

// evMarkSpans ties tokens to the mentions and dates over them.
func evMarkSpans(toks []evToken, a *news.Article, mentions, dates []int) {
	for _, m := range mentions {
		sp := a.Mentions[m].Span
		for k := range toks {
			if toks[k].start < sp.End && sp.Start < toks[k].end && toks[k].mention < 0 {
				toks[k].mention = m
				toks[k].tags |= tMENTION
			}
		}
	}
	for _, d := range dates {
		sp := a.Dates[d].Span
		for k := range toks {
			if toks[k].start < sp.End && sp.Start < toks[k].end {
				toks[k].tags |= tDATE
			}
		}
	}
}

// evTrigger is a dictionary match being coded.
type evTrigger struct {
	evMatch
	nominal    bool
	suppressed bool
	governed   *evTrigger // the trigger whose content this one is
	sub        bool       // stands in a background clause
	weakTarget bool       // the target is the place the clause names
	ev         news.Event
	src, tgt   []evUnit
}

// code finds and codes the events of one sentence and appends them to
// the article's events. pool is scratch space for the triggers, returned
// for reuse.
func (c *Coder) code(s *evSentence, sent news.Sentence, dates []int, pool []evTrigger) []evTrigger {
	mts := c.dict.matches(s.toks)
	pool = slices.Grow(pool[:0], len(mts))
	trs := make([]*evTrigger, 0, len(mts))
	for _, mt := range mts {
		if mt.rule.typ == "" {
			continue // a blocking entry
		}
		nominal := mt.rule.kind == kb.PatternNoun || mt.rule.kind == kb.PatternPhrase && phraseNominal(s.toks, mt.head)
		pool = append(pool, evTrigger{evMatch: mt, nominal: nominal})
		trs = append(trs, &pool[len(pool)-1])
	}
	if len(trs) == 0 {
		return pool
	}
	c.suppress(s, trs)
	qs := findQuantities(s.toks)
	var evs []*evTrigger
	var prev *evTrigger
	for _, tr := range trs {
		if tr.suppressed {
			continue
		}
		if c.build(s, sent, tr, dates, prev) {
			evs = append(evs, tr)
			prev = tr
		}
	}
	evs = s.mergeEvents(evs)
	for _, q := range qs {
		attachQty(evs, q)
	}
	for _, tr := range evs {
		if tr.ev.Type == news.Protest && tr.ev.Quantities[QtyProtesters] == 0 {
			if n, ok := crowdSize(s.toks, tr.first); ok {
				if tr.ev.Quantities == nil {
					tr.ev.Quantities = make(map[string]int)
				}
				tr.ev.Quantities[QtyProtesters] = n
			}
		}
	}
	// Noun triggers with nobody named and nothing counted code nothing.
	kept := evs[:0]
	for _, tr := range evs {
		if tr.nominal && tr.src == nil && tr.tgt == nil && len(tr.ev.Quantities) == 0 {
			continue
		}
		kept = append(kept, tr)
	}
	evs = kept
	mainEvent, actorEvent := false, false
	for _, tr := range evs {
		if !tr.nominal && !tr.sub {
			mainEvent = true
		}
		if tr.src != nil || tr.tgt != nil && !tr.weakTarget {
			actorEvent = true
		}
	}
	for _, tr := range evs {
		// A noun trigger beside a main-clause verb trigger is mostly
		// background ("after 12 days of battles", "to oversee a
		// ceasefire"); it stands when it
		// names both sides itself ("an Israeli strike on Gaza") or carries
		// what the sentence is about ("began a hunger strike to demand").
		if tr.nominal && mainEvent && (tr.src == nil || tr.tgt == nil) && (tr.governed == nil || tr.src == nil) {
			continue
		}
		// Background clauses and acts nobody is named for give way to the
		// sentence's main, attributed events.
		if tr.sub && mainEvent || actorEvent && tr.src == nil && (tr.tgt == nil || tr.weakTarget) {
			continue
		}
		tr.ev.Confidence = eventConfidence(tr)
		s.a.Events = append(s.a.Events, tr.ev)
		if ev, ok := c.riotEvent(s, tr); ok {
			s.a.Events = append(s.a.Events, ev)
		}
	}
	return pool
}

// suppress marks triggers that are the content of an earlier verbal
// trigger: complements of governing types and noun objects of any verb.
func (c *Coder) suppress(s *evSentence, trs []*evTrigger) {
	for i, b := range trs {
		for _, a := range trs[:i] {
			if a.suppressed && a.rule.typ == b.rule.typ {
				continue
			}
			ti, _ := c.p.Type(a.rule.typ)
			gap := b.first - a.last
			if gap <= 0 || s.brokenBetween(a.last+1, b.first) {
				continue
			}
			infinitive := !b.nominal && b.first > 0 && s.toks[b.first-1].low == "to"
			switch {
			case a.nominal && !s.toks[a.head].is(tOBLIG):
				// a noun governs its "to" complement only: "a plan to attack"
				if ti.Governs && infinitive && gap <= 6 {
					b.suppressed = true
					if a.governed == nil {
						a.governed = b
					}
				}
				// "a walkout in protest at the detention of X": a noun in a
				// phrase after a noun trigger is its topic.
				if b.nominal && gap <= 6 {
					if p, _ := s.governedByPrep(b.first); p != "" {
						b.suppressed = true
					}
				}
			case ti.Governs || s.toks[a.head].is(tOBLIG):
				b.suppressed = true
				if a.governed == nil || a.governed.nominal && !b.nominal && infinitive {
					// "ordered the opposition paper to suspend
					// publication": the infinitive is the content.
					a.governed = b
				}
			case b.nominal && gap <= 6 && a.rule.typ != b.rule.typ:
				b.suppressed = true
			case infinitive && gap <= 12:
				// "opened fire to disperse them", "resigned to allow
				// elections": a purpose clause of the act before it.
				b.suppressed = true
			}
			if b.suppressed {
				break
			}
		}
	}
}

// brokenBetween reports whether tokens [i, j) hold a clause break that
// ends the scope of a governing trigger: a semicolon, a subordinator, a
// trailing attribution, or "and" before a finite verb ("condemned the
// attack and imposed sanctions").
func (s *evSentence) brokenBetween(i, j int) bool {
	for k := i; k < j; k++ {
		t := &s.toks[k]
		if s.scopeBreak(k) {
			return true
		}
		if t.is(tSUB) && !t.is(tCOMP|tPREP) && t.low != "as" {
			return true
		}
		if t.low == "and" || t.low == "," {
			n := k + 1
			for n < j && s.toks[n].is(tADV) {
				n++
			}
			if n == j && s.toks[n].is(tVERB) && s.toks[n].is(tPAST) && !s.toks[n].is(tING) {
				return true
			}
			if n < len(s.toks) && s.toks[n].is(tSUBJ) {
				return true
			}
		}
	}
	return false
}

// build fills the event of a trigger; it reports false when the trigger
// codes nothing.
func (c *Coder) build(s *evSentence, sent news.Sentence, tr *evTrigger, dates []int, prev *evTrigger) bool {
	r := tr.rule
	ti, ok := c.p.Type(r.typ)
	if !ok {
		return false
	}
	src, tgt, objPlace, passive := s.roles(tr.evMatch, tr.nominal)
	if len(tgt) == 1 && s.languageName(tgt[0]) {
		tgt = nil // "restrictions on the use of the Russian language"
	}
	vg := tr.first
	if !tr.nominal {
		vg = s.verbGroupStart(tr.first)
		if s.imperative(vg, tr.head) || s.nounUse(tr.first, tr.last) {
			return false
		}
	}
	negated, modality := s.clauseMods(vg, tr.head, tr.nominal)
	tr.sub = !tr.nominal && s.subordinate(vg) || tr.nominal && s.finiteBefore(tr.first-3, tr.first) && s.subordinate(tr.first) ||
		!tr.nominal && vg == tr.first && s.participleModifier(tr.first, tr.last)
	if (prev == nil || prev.src == nil) && s.continues(tr) && !passive {
		// "X launched rocket fire against the camps, killing 50": with
		// no coded act before it, the participle still takes the main
		// clause's subject.
		if k := s.firstVerb(tr.first - 1); k >= 0 {
			if u := s.subject(s.verbGroupStart(k)); u != nil {
				src = u
			}
		}
	}
	if prev != nil && s.continues(tr) {
		// "opened fire on the crowd, killing one and arresting 12": the
		// participle's subject is the main clause's, and so, when it
		// names none, is its object.
		if prev.src != nil {
			src = prev.src
		}
		if tgt == nil && prev.tgt != nil && !prev.weakTarget {
			tgt = prev.tgt
		}
	}
	tr.src, tr.tgt = src, tgt
	a := s.a
	ev := news.Event{
		Article:  a.ID,
		Context:  r.context,
		Negated:  negated,
		Modality: modality,
		Rule:     r.id,
		Trigger:  news.Span{Start: s.toks[tr.first].start, End: s.toks[tr.last].end},
		Sentence: sent.Index,
	}
	for _, u := range src {
		ev.Sources = append(ev.Sources, s.actor(u))
	}
	for _, u := range tgt {
		ev.Targets = append(ev.Targets, s.actor(u))
	}
	if pl := s.place(tr.first, tr.last); pl != nil {
		ev.Location = eventLocation(a, pl.m)
	} else {
		ev.Location = datelinePlace(a, sent.Span.Start)
	}
	if len(ev.Targets) == 0 && objPlace != nil && !passive && len(src) < 2 && placeIsTarget(r.typ, r.mode) && !evSourceIsPlace(src, objPlace.m) {
		ev.Targets = append(ev.Targets, s.actor(*objPlace))
		tr.tgt = []evUnit{*objPlace}
		tr.weakTarget = true
	}
	if g := tr.governed; g != nil && (len(ev.Targets) == 0 || tr.weakTarget) {
		// "marched to demand reforms by the government": a protest or an
		// appeal is aimed at whom its content is, rather than at the
		// place it happens in ("rioted at a jail in X demanding
		// independence from Y rule").
		_, gt, gp, _ := s.roles(g.evMatch, g.nominal)
		switch {
		case gt != nil && (len(ev.Targets) == 0 || !s.placeOnly(gt[0])):
			ev.Targets = nil
			for _, u := range gt {
				ev.Targets = append(ev.Targets, s.actor(u))
			}
			tr.tgt, tr.weakTarget = gt, false
		case len(ev.Targets) == 0 && gp != nil && !evSourceIsPlace(src, gp.m):
			ev.Targets = append(ev.Targets, s.actor(*gp))
			tr.tgt, tr.weakTarget = []evUnit{*gp}, true
		}
	}
	ev.Type, ev.Mode, ev.CAMEO = c.retype(s, tr, modality)
	if negated && !tr.nominal && (ev.Type == news.Agree || ev.Type == news.Concede) && s.refusal(vg, tr.head) {
		// "will not accept more refugees", "would not meet the demands":
		// a stated refusal is an act of its own, REJECT.
		ev.Type, ev.Mode, ev.CAMEO = news.Reject, refusalMode(ev.Type), "120"
		ev.Negated = false
		if ev.Modality == ModalityPlanned {
			ev.Modality = ""
		}
	}
	if !tr.nominal && s.groupAnaphor(vg, src) {
		// "X spoke with Y ... The two leaders agreed": a plural role
		// noun with no name of its own means the parties of the
		// article's previous event.
		if ps := previousParties(a, sent.Index); ps != nil {
			ev.Sources, tr.src = ps, []evUnit{}
		}
	}
	if !tr.nominal && !passive && len(ev.Sources) == 0 && decision(ev.Type) && s.thingSubject(vg) {
		// "The proposal does not meet the demands": a thing meets or
		// fails a standard; only an actor concedes or agrees.
		return false
	}
	if len(ev.Targets) == 0 && len(ev.Sources) > 1 && !tr.nominal && symmetric(ev.Type) {
		// "X and Y held talks", "X and Y agreed to ...": each party
		// acts on the other, coded as the first towards the rest.
		ev.Targets, ev.Sources = ev.Sources[1:], ev.Sources[:1]
		if len(tr.src) > 1 {
			tr.tgt, tr.src = tr.src[1:], tr.src[:1]
		}
	}
	hadTargets := len(ev.Targets) > 0
	ev.Targets, tr.tgt = s.dropSelf(ev.Sources, ev.Targets, tr.src, tr.tgt)
	if hadTargets && len(ev.Targets) == 0 && objPlace != nil && !passive && len(src) < 2 && placeIsTarget(r.typ, r.mode) && !evSourceIsPlace(src, objPlace.m) {
		// "supporters of X blocked roads in Y demanding that he be
		// reinstated": with the actor itself dropped from the object,
		// the place the clause names is the recipient.
		ev.Targets = append(ev.Targets, s.actor(*objPlace))
		tr.tgt = []evUnit{*objPlace}
		tr.weakTarget = true
	}
	if s.ownCountry(ev, tr) {
		// "promised to democratize Serbia", "completed their withdrawal
		// from the town of X": a pledge, demand or retreat in the
		// actor's own country aims at nobody else.
		ev.Targets, tr.tgt, tr.weakTarget = nil, nil, false
	}
	if ev.Type == news.Assault && len(ev.Sources) == 0 {
		// "were killed in Israeli strikes", "died in a Russian drone
		// attack": the nationality of the means is the attacker.
		if u, ok := s.attackNationality(tr.last + 1); ok {
			act := s.actor(u)
			if act.Sector == "" {
				act.Sector = news.SectorMilitary
			}
			ev.Sources, tr.src = []news.Actor{act}, []evUnit{u}
		}
	}
	if ev.Type == news.Assault && len(ev.Sources) == 0 && tr.nominal {
		// "were injured in police firing", "died in army shelling": the
		// armed force that modifies the attack noun is the attacker.
		if u, ok := s.attackNationality(max(0, tr.first-4)); ok && u.last+1 == tr.first {
			ev.Sources, tr.src = []news.Actor{s.actor(u)}, []evUnit{u}
		}
	}
	if len(ev.Sources) == 0 && ev.Type == news.Mobilize && (passive || tr.nominal) && len(tr.tgt) > 0 && s.armed(tr.tgt) {
		// "police were deployed in the town", "the deployment of
		// troops": forces sent with nobody named for sending them are
		// the ones that move.
		ev.Sources, tr.src = ev.Targets, tr.tgt
		ev.Targets, tr.tgt = nil, nil
	}
	if len(ev.Sources) == 0 && passive && !negated && policeAct(ev.Type, ev.Mode, ev.Context) {
		// "20 people were arrested, police said", "the crowd was
		// lathi-charged, the police said": the police report their own
		// arrests and crowd control when no agent is named.
		if sp := s.reporter(); len(sp) > 0 && s.actor(sp[0]).Sector == news.SectorPolice {
			ev.Sources, tr.src = []news.Actor{s.actor(sp[0])}, sp[:1]
		}
	}
	if ev.Type == news.Assault && len(ev.Sources) == 0 && !negated && ev.Location != nil && ev.Location.Country != "" {
		// "a roadside bomb near X killed three": PLOVER codes the unnamed
		// attacker as unidentified armed forces of the place's country.
		ev.Sources = append(ev.Sources, news.Actor{Name: "unidentified attackers", Country: ev.Location.Country, Sector: news.SectorUnarmed})
	}
	if ev.Type == news.Protest && len(ev.Sources) == 0 && !negated && ev.Location != nil && ev.Location.Country != "" {
		// "hundreds of thousands of people blocked streets in X": a
		// crowd nobody names are civilians of the place's country.
		ev.Sources = append(ev.Sources, news.Actor{Name: "protesters", Country: ev.Location.Country, Sector: news.SectorCivilian})
	}
	if len(ev.Sources) == 0 && passive && !negated && ev.Location != nil && ev.Location.Country != "" {
		// "X was arrested in Y", "X has been put under investigation in
		// Y": arrests and investigations are acts of the state where
		// they happen.
		switch {
		case ev.Type == news.Coerce && ev.Mode == "arrest":
			ev.Sources = append(ev.Sources, news.Actor{Name: "police", Country: ev.Location.Country, Sector: news.SectorPolice})
		case ev.Type == news.Accuse && ev.Mode == "investigate":
			ev.Sources = append(ev.Sources, news.Actor{Name: "authorities", Country: ev.Location.Country, Sector: news.SectorGovernment})
		}
	}
	s.domestic(ev.Sources, tr.src, ev.Targets)
	if !tr.weakTarget {
		s.domestic(ev.Targets, tr.tgt, ev.Sources)
	}
	if ev.Location != nil {
		s.local(ev.Sources, tr.src, ev.Location.Country)
		s.local(ev.Targets, tr.tgt, ev.Location.Country)
	}
	if ev.Type != news.Consult {
		// "Algeria's president said he is prepared to lift the ban
		// on the X front": an opposition, party, rebel group or union
		// the knowledge base does not hold, in a sentence that names
		// one country only, is of that country. Meetings and visits
		// bring foreigners, so they are left alone.
		if c := s.soleCountry(); c != "" {
			s.unknownOf(ev.Sources, tr.src, c)
			if !tr.weakTarget {
				s.unknownOf(ev.Targets, tr.tgt, c)
			}
		}
	}
	ti, _ = c.p.Type(ev.Type)
	ev.Quad = ti.Quad
	ev.Intensity = c.p.Score(ev.Type, ev.Mode)
	if len(ev.Sources) > 0 {
		ev.Source = ev.Sources[0]
	}
	if len(ev.Targets) > 0 {
		ev.Target = ev.Targets[0]
	}
	setEventDate(&ev, a, dates, tr.first, s)
	text := sent.Text(a.Text)
	ev.Evidence = []news.Evidence{{Article: a.ID, Sentence: text, Index: sent.Index, Span: sent.Span, Source: a.Source}}
	if a.Source != "" {
		ev.SourceCount = 1
	}
	ev.ID = eventID(a.ID, sent.Index, ev.Trigger.Start)
	tr.ev = ev
	return true
}

// policeAct reports whether an act of type t, mode m and context ctx is
// one the police do and report as their own: arrests, raids, curfews,
// dispersals, crowd control and criminal charges, not killings, which
// others commit too.
func policeAct(t news.EventType, m, ctx string) bool {
	return t == news.Coerce || t == news.Assault && m == "crowd-control" || t == news.Accuse && ctx == "legal"
}

// phraseNominal reports whether a phrase trigger ("ready to", "must")
// stands where a noun phrase would: after a determiner, possessive or
// preposition, or at the start of the sentence.
func phraseNominal(toks []evToken, h int) bool {
	if toks[h].is(tOBLIG) {
		return false
	}
	p := h - 1
	for p >= 0 && toks[p].is(tADV) && !toks[p].is(tDET|tPREP) {
		p--
	}
	return p < 0 || toks[p].is(tDET|tPOSS|tPREP|tNUM|tNUMW)
}

// eventID returns a stable id from the article, sentence and trigger.
func eventID(a news.ArticleID, evSentence, start int) string {
	h := fnv.New64a()
	h.Write([]byte(a))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(evSentence)))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(start)))
	return "ev-" + strconv.FormatUint(h.Sum64(), 16)
}

// continues reports whether a verbal trigger is a participle that
// continues the act before it: "..., killing", "... and arresting",
// "killing or wounding".
func (s *evSentence) continues(tr *evTrigger) bool {
	if tr.nominal || !s.toks[tr.head].is(tING) {
		return false
	}
	p := tr.first - 1
	return p >= 0 && (s.toks[p].low == "," || s.toks[p].low == "and" || s.toks[p].low == "or")
}
