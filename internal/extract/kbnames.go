package extract

import (
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Knowledge-base names in the mention scan: names on their own, and the
// composites an anchor (a country, nationality, place, organisation or
// leader) forms with an institution or a title.

// mentionAnchor is a country, nationality, place or organisation that an
// institution or title may follow.
type mentionAnchor struct {
	i, j    int // tokens
	kind    kb.NameKind
	e       *nameEntry
	country string
}

// anchorAt returns the anchor at token i.
func (p *mentionPiece) anchorAt(i int) (mentionAnchor, bool) {
	k := p.kind(i)
	switch k {
	case kb.NameCountry, kb.NameDemonym, kb.NameMetonym, kb.NameCapital, kb.NameSubdivision, kb.NamePlace, kb.NameOrg:
	default:
		return mentionAnchor{}, false
	}
	e := p.entryOf(i, k)
	return mentionAnchor{i: i, j: p.end(i), kind: k, e: e, country: e.country}, true
}

// anchorActor returns what an anchor tells about the actor it qualifies.
func (p *mentionPiece) anchorActor(x mentionAnchor) news.Actor {
	a := news.Actor{Country: x.country}
	switch x.kind {
	case kb.NameOrg:
		a.Entity = x.e.entity
		a.Name = p.words(x.i, x.j)
	case kb.NameCapital, kb.NameSubdivision, kb.NamePlace:
		a.Name = p.words(x.i, x.j)
	}
	return a
}

// composite finds an anchor followed by an institution, a title or both:
// "Syrian government forces", "Israel's military", "Russian Foreign
// Ministry spokeswoman Maria Zakharova", "the US president".
func (p *mentionPiece) composite(i int) int {
	if end := p.leaderInstitution(i); end > i {
		return end
	}
	x, ok := p.anchorAt(i)
	if !ok {
		return i
	}
	k := x.j
	if p.possessive(k) {
		k++
	}
	if k >= len(p.toks) || !p.joined(k) {
		return i
	}
	// "Poland's current interior minister", "a former CIA official".
	former := p.fold(i-1) == "former" || p.fold(i-1) == "ex"
	for k < len(p.toks) && p.r.lex.is(p.fold(k), classModifier) && p.joined(k+1) {
		former = former || p.fold(k) == "former"
		k++
	}
	// "Hungarian and Romanian officials": the first nationality shares
	// the group of the second.
	if (p.fold(k) == "and" || p.fold(k) == "or") && x.kind == kb.NameDemonym && p.kind(k+1) == kb.NameDemonym {
		y, _ := p.anchorAt(k + 1)
		if in, end := p.institutionRun(y.j); end > y.j {
			p.emit(x.i, x.j, mentionType(in), "kb:demonym+institution", news.Actor{Country: x.country, Sector: in.Sector, Role: in.Role})
			return x.j
		}
	}
	if x.kind == kb.NameDemonym && k == x.j && p.pluralDemonym(x) {
		// "the Saudis state in the paper": a nationality written as a
		// plural noun is a people, not the adjective of an institution.
		return i
	}
	in, k2 := p.institutionRun(k)
	tEnd, t, wasFormer := p.titleRun(k2)
	switch {
	case tEnd > k2:
		actor := p.anchorActor(x)
		actor.Role, actor.Sector = titleRole(t, former || wasFormer)
		if in.Sector != "" && (actor.Sector == "" || actor.Sector == news.SectorUnknown) {
			actor.Sector = in.Sector
		}
		if nEnd, known := p.nameAt(tEnd); nEnd > tEnd {
			actor.Name = p.words(tEnd, nEnd)
			rule := "cue:title"
			if known != nil {
				rule = "kb:person"
				actor.Entity = known.entity
			}
			p.emit(x.i, nEnd, news.Person, rule, actor)
			return nEnd
		}
		if nStart, nEnd := p.appositionName(tEnd); nEnd > nStart {
			return p.emitApposed(nStart, nEnd, actor)
		}
		p.emit(x.i, tEnd, news.Person, "role-noun", actor)
		return tEnd
	case k2 > k:
		actor := p.anchorActor(x)
		actor.Sector, actor.Role = in.Sector, in.Role
		if x.kind == kb.NameOrg {
			// "Hamas fighters", "NATO troops": the organisation acts.
			p.emit(x.i, k2, news.Org, x.e.ruleInst, p.anchorActor(x))
			return k2
		}
		p.emit(x.i, k2, mentionType(in), x.e.ruleInst, actor)
		return k2
	}
	// "Chile's Ministry of Mines", "the Kenyan Red Cross Society".
	if x.kind != kb.NameOrg && p.capitalised(k) && p.kind(k) == "" {
		if end := p.orgName(k); end > k {
			actor := news.Actor{Country: x.country, Sector: p.r.lex.sector(p.fold(end - 1))}
			if actor.Sector == "" {
				actor.Sector = p.r.lex.sector(p.fold(k))
			}
			actor.Name = p.words(k, end)
			p.emit(x.i, end, news.Org, "cue:org", actor)
			return end
		}
	}
	return i
}

// leaderInstitution finds a person's institution: "the Trump
// administration", "the Assad regime", "Erdogan's government"; the
// person's country is the institution's.
func (p *mentionPiece) leaderInstitution(i int) int {
	if p.kind(i) != kb.NamePerson {
		return i
	}
	e := p.entryOf(i, kb.NamePerson)
	k := p.end(i)
	if p.possessive(k) {
		k++
	}
	if k >= len(p.toks) || !p.joined(k) || p.has(k, kb.NameTitle) && !p.has(k, kindInstitution) {
		return i
	}
	in, end := p.institutionRun(k)
	if end == k || in.Type == news.Person {
		return i
	}
	p.emit(i, end, news.Org, "kb:person+institution", news.Actor{Name: p.words(i, p.end(i)), Entity: e.entity, Sector: in.Sector, Role: in.Role})
	return end
}

func mentionType(in kb.Institution) news.EntityType {
	if in.Type == news.Person {
		return news.Person
	}
	return news.Org
}

// institutionRun returns the institution that starts at token k, joined
// with the institutions right after it ("government forces"); the last
// one decides. It returns k when there is none.
func (p *mentionPiece) institutionRun(k int) (kb.Institution, int) {
	var in kb.Institution
	for p.has(k, kindInstitution) {
		if t := p.entryOf(k, kb.NameTitle); t != nil && (!t.number || p.nameFollows(p.end(k))) {
			// "the Chilean leader", "US official Jane Roe": a title as
			// written, not a plural made from it.
			break
		}
		e := p.entryOf(k, kindInstitution)
		if e.inst.Words != "" {
			in = e.inst
		}
		k = p.end(k)
	}
	return in, k
}

// known records a knowledge-base name on its own.
func (p *mentionPiece) known(i int) int {
	k := p.kind(i)
	switch k {
	case "", kb.NameTitle, kindInstitution:
		return i
	}
	e := p.entryOf(i, k)
	j := p.end(i)
	switch k {
	case kb.NamePerson:
		if j == i+1 && p.otherBearer(i, e) {
			// "Megan Fox", or "Zimmerman" after "George Zimmerman": left
			// to the cue rules and to the later names of the article.
			return i
		}
		if j == i+1 && !p.namedBefore(e) {
			// A surname alone, with neither the full name nor a title
			// before it: a person, but which one is the resolver's call.
			p.emit(i, j, news.Person, "kb:surname", news.Actor{Name: p.words(i, j)})
			return j
		}
		p.emit(i, j, news.Person, e.kbRule, news.Actor{Name: p.words(i, j), Entity: e.entity})
	case kb.NameOrg:
		a := news.Actor{Name: p.words(i, j), Entity: e.entity, Country: e.country, Sector: e.sector}
		p.emit(i, j, news.Org, "kb:org", a)
		p.acronymAfter(j, a)
	case kb.NameCountry, kb.NameDemonym:
		if k == kb.NameDemonym && p.demonymSurname(i, j) {
			// "Cuban said", "said Cuban, who ...": a nationality alone
			// cannot speak; it is a person's surname.
			p.emit(i, j, news.Person, "cue:speech", news.Actor{Name: p.words(i, j)})
			return j
		}
		a := news.Actor{}
		if kb.IsAlpha3(e.name.Key) {
			a.Country = e.name.Key
			a.Entity = e.entity
		}
		p.emit(i, j, news.Country, e.kbRule, a)
	case kb.NameMetonym:
		a := news.Actor{Country: e.country}
		if p.placeCueBefore(i) {
			// "near Damascus": the place, not the government.
			a.Name = p.words(i, j)
			p.emit(i, j, news.Place, e.kbRule, a)
			return j
		}
		p.emit(i, j, news.Org, e.kbRule, a)
	default:
		// "Kyiv Polytechnic Institute", "Example Institute": a place
		// name that begins an organisation's name.
		if end := p.orgName(i); end > j {
			return i
		}
		// A one-word place inside a run of capitalised words is part of
		// a name: "Jam Kamal Khan", "Harry Ho-jen Tseng"; one that is the
		// surname of a person named before is that person.
		if j == i+1 && k != kb.NameCapital && !p.placeCueBefore(i) && (p.inNameRun(i) || p.earlierSurname(i)) {
			return i
		}
		// "Carson said": a town's name right before a speech verb, with
		// no place word before it, is a person's surname.
		if j == i+1 && k == kb.NamePlace && !p.placeCueBefore(i) && j < len(p.toks) && p.joined(j) && p.r.lex.is(p.fold(j), classSaid) {
			p.emit(i, j, news.Person, "cue:speech", news.Actor{Name: p.words(i, j)})
			return j
		}
		// "We", "May": a function word capitalised at the start of a
		// sentence.
		if j == i+1 && p.r.lex.is(p.fold(i), classStop) {
			return j
		}
		if end := p.placeNounAfter(j); end > j {
			j = end
		}
		p.emit(i, j, news.Place, e.kbRule, news.Actor{Name: p.words(i, p.end(i))})
	}
	return j
}

// otherBearer reports whether the one-word person name at token i, a
// surname alone, belongs to someone other than the known person e: a
// capitalised first name the knowledge base does not pair with it comes
// right before it ("Megan Fox"), or the article named earlier a different
// person with that surname ("George Zimmerman ... Zimmerman").
func (p *mentionPiece) otherBearer(i int, e *nameEntry) bool {
	if i > 0 && p.joined(i) && p.capitalised(i-1) && !p.used[i-1] && !p.hitCovers(i-1) &&
		!p.r.lex.is(p.fold(i-1), classStop|classCalendar) {
		return true
	}
	f := p.fold(i)
	for _, m := range *p.out {
		if m.Type != news.Person || m.Actor.Name == "" || m.Actor.Entity == e.entity {
			continue
		}
		n := m.Actor.Name
		if k := strings.LastIndexAny(n, " -"); k > 0 && kb.Fold(n[k+1:]) == f {
			return true
		}
	}
	return false
}

// inNameRun reports whether token i sits next to other capitalised
// words that no name of the knowledge base explains.
func (p *mentionPiece) inNameRun(i int) bool {
	before := i > 0 && p.joined(i) && p.capitalised(i-1) && !p.used[i-1] && !p.r.lex.is(p.fold(i-1), classStop) && !p.hitCovers(i-1)
	// A surname of the knowledge base after it counts: "Jenna Obama".
	after := i+1 < len(p.toks) && p.joined(i+1) && p.capitalised(i+1) && !p.r.lex.is(p.fold(i+1), classStop) &&
		(p.at[i+1] < 0 || p.kind(i+1) == kb.NamePerson && p.end(i+1) == i+2)
	return before || after
}

// hitCovers reports whether token k lies inside a name the matcher found.
func (p *mentionPiece) hitCovers(k int) bool {
	for j := k; j >= 0 && j > k-6; j-- {
		if p.at[j] >= 0 {
			return p.hits[p.at[j]].last >= k
		}
	}
	return false
}

// institution records an institution named without a country: "police",
// "the army", "rebels". A role noun ("the ministry", "the group") refers
// back to an organisation named before.
func (p *mentionPiece) institution(i int) int {
	if !p.has(i, kindInstitution) {
		if f := p.fold(i); p.fold(i-1) == "the" && p.r.lex.is(f, classGroup) && p.at[i] < 0 {
			p.emit(i-1, i+1, news.Org, "role-noun", news.Actor{})
			return i + 1
		}
		return i
	}
	in, j := p.institutionRun(i)
	if in.Words == "" || (p.r.lex.is(p.fold(i), classVague) || p.r.lex.is(in.Words, classVague)) && j == i+1 {
		return i
	}
	actor := news.Actor{Sector: in.Sector, Role: in.Role}
	if p.fold(i-1) == "the" && in.Type != news.Person {
		p.emit(i-1, j, news.Org, "role-noun", actor)
		return j
	}
	// "police in Kabul", "rebels in Darfur": the place gives the country.
	p.emit(i, j, mentionType(in), "kb:institution", actor)
	return j
}

// namedBefore reports whether the article mentioned the known person e
// earlier: by full name, or by a title and name.
func (p *mentionPiece) namedBefore(e *nameEntry) bool {
	for _, m := range *p.out {
		if m.Actor.Entity == e.entity {
			return true
		}
	}
	return false
}

// pluralDemonym reports whether the nationality x is written as a plural
// noun: "Saudis", "Israelis", but not "Swiss" or "Saudi".
func (p *mentionPiece) pluralDemonym(x mentionAnchor) bool {
	return x.j == x.i+1 && p.r.plural[p.fold(x.i)]
}

// demonymSurname reports whether the nationality at tokens [i, j) is a
// person's surname: one singular word with no article before it, right
// before a speech verb ("Cuban said") or after one at the end of its
// phrase ("said Cuban, who ...").
func (p *mentionPiece) demonymSurname(i, j int) bool {
	if j != i+1 || p.r.plural[p.fold(i)] {
		return false
	}
	switch p.fold(i - 1) {
	case "the", "a", "an", "one", "each", "every":
		return false
	}
	if j < len(p.toks) && p.joined(j) && p.r.lex.is(p.fold(j), classSaid) {
		return true
	}
	return i > 0 && p.joined(i) && p.r.lex.is(p.fold(i-1), classSaid) && (j == len(p.toks) || !p.joined(j))
}
