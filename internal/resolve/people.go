package resolve

import (
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// person resolves a named person: a knowledge-base person chosen by
// name, date and context, or a person known only from the text, whose
// entity id is the variant key of the name.
func (r *Resolver) person(c *context, i int) {
	m := &c.a.Mentions[i]
	name := c.surface[i]
	if name == "" {
		name = m.Text
	}
	if j := c.earlierNamed(i, name); j >= 0 {
		c.refer(i, j)
		return
	}
	cue := m.Actor
	if p, ok := r.pickPerson(c, name, cue); ok && (m.Rule != surnameRule || c.bareSurnameFits(p) || r.leaderBySurname(c, name, p)) {
		m.Actor = r.personActor(c, p, cue)
		c.known[i] = true
		return
	}
	m.Actor = news.Actor{Name: strings.TrimSpace(name), Entity: "person:" + VariantKey(name),
		Country: cue.Country, Sector: cue.Sector, Role: cue.Role}
	if m.Actor.Country == "" {
		m.Actor.Country = c.governedBy(i)
	}
	if m.Actor.Country == "" {
		m.Actor.Country = c.titleCountry(i)
	}
	if m.Actor.Country == "" && (stateSector(cue.Sector) || r.stateOffice(cue.Role) || domesticSector(cue.Sector)) {
		// "former president Jane Roe" in an article about Chile: a
		// state office, present or past, or a place in
		// its politics ("opposition leader") is one of the article's
		// country.
		if m.Actor.Country = c.dominant(); m.Actor.Country == "" {
			c.late = append(c.late, i)
		}
	}
}

// domesticSector reports sectors of a country's own politics: opposition
// and parties.
func domesticSector(s news.Sector) bool {
	return s == news.SectorOpposition || s == news.SectorParty
}

// titleCountry returns the country of a role noun that names person
// mention i's office right before or after the name: "the Minister for
// Home Affairs Jane Roe", "Jane Roe, the Chilean minister". It returns ""
// when there is none.
func (c *context) titleCountry(i int) string {
	m := &c.a.Mentions[i]
	fits := func(o *news.Mention) bool {
		return o.Type == news.Person && o.Rule == "role-noun" && o.Sentence == m.Sentence && !pluralRole(o.Text) &&
			kb.IsAlpha3(o.Actor.Country) && !nonState(o.Actor.Country)
	}
	if i > 0 {
		if o := &c.a.Mentions[i-1]; fits(o) && o.Span.End <= m.Span.Start && portfolio(c.a.Text[o.Span.End:m.Span.Start]) {
			return o.Actor.Country
		}
	}
	if i+1 < len(c.a.Mentions) {
		if o := &c.a.Mentions[i+1]; fits(o) && o.Span.Start >= m.Span.End {
			gap := strings.TrimSpace(c.a.Text[m.Span.End:o.Span.Start])
			if gap == "," || gap == ", the" || gap == ", a" {
				return o.Actor.Country
			}
		}
	}
	return ""
}

// portfolio reports whether the words between a title and a name belong
// to the title: nothing, or "for" or "of" and a portfolio of at most four
// capitalised words ("for Home Affairs", "of Foreign Affairs").
func portfolio(gap string) bool {
	words := strings.Fields(gap)
	if len(words) == 0 {
		return true
	}
	if len(words) > 5 || words[0] != "for" && words[0] != "of" {
		return false
	}
	for _, w := range words[1:] {
		if w != "and" && (w[0] < 'A' || w[0] > 'Z') {
			return false
		}
	}
	// "for" alone: the recogniser took the portfolio into the name
	return true
}

// stateOffice reports whether a role, with or without "former", is an
// office of a state: "former President", "Interior Minister".
func (r *Resolver) stateOffice(role string) bool {
	role = strings.TrimPrefix(strings.TrimPrefix(role, "former "), "Former ")
	if role == "" {
		return false
	}
	t, ok := r.actors.Title(role)
	return ok && stateSector(t.Sector)
}

// governedBy returns the country of a government or state body named
// right before person mention i and joined to it by "of": "the military
// government of General Jane Roe", "the cabinet of Prime Minister Jane
// Roe". It returns "" otherwise.
func (c *context) governedBy(i int) string {
	if i == 0 {
		return ""
	}
	o, m := &c.a.Mentions[i-1], &c.a.Mentions[i]
	if o.Type != news.Org || o.Sentence != m.Sentence || o.Span.End > m.Span.Start || !stateSector(o.Actor.Sector) ||
		!kb.IsAlpha3(o.Actor.Country) || nonState(o.Actor.Country) {
		return ""
	}
	if strings.TrimSpace(c.a.Text[o.Span.End:m.Span.Start]) != "of" {
		return ""
	}
	return o.Actor.Country
}

// surnameRule is the recogniser's rule for a known person's surname
// standing alone, with no full name or title before it in the article.
const surnameRule = "kb:surname"

// bareSurnameFits reports whether a surname standing alone may be the
// known person p: only when p holds a role on the article's date or the
// article names p's country, so that a "Fox" reporting for a local
// station is not a former president of Mexico.
func (c *context) bareSurnameFits(p kb.Person) bool {
	_, ok := p.RoleAt(c.t)
	return ok || c.counts[p.Country] > 0
}

// leaderBySurname reports whether a surname standing alone names p as a
// present or past head of state or government ("Blair said", "Trump
// wrote" years after they left office): only when the surname is not a
// common family or given name, so that a "Brown" or a "Kim" stays
// anyone.
func (r *Resolver) leaderBySurname(c *context, name string, p kb.Person) bool {
	f := kb.Fold(strings.TrimSpace(name))
	if strings.Contains(f, " ") || r.actors.CommonSurname(f) || r.actors.GivenName(f) {
		return false
	}
	return p.LedBefore(c.t)
}

// earlierNamed returns the latest earlier person mention whose name ends
// with name ("Pérez" after "Juan Pérez", "Jane Roe" again), or -1. Only
// one-word names and names repeated without their cue are linked this
// way; full kb names link through their entity.
func (c *context) earlierNamed(i int, name string) int {
	words := strings.Fields(kb.Fold(name))
	if len(words) == 0 {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		o := &c.a.Mentions[j]
		if o.Type != news.Person || o.Ref >= 0 || o.Rule == "pronoun" || o.Rule == "role-noun" {
			continue
		}
		for _, full := range []string{c.surface[j], o.Actor.Name} {
			fw := strings.Fields(kb.Fold(full))
			if len(fw) > len(words) && hasSuffix(fw, words) || len(fw) == len(words) && hasSuffix(fw, words) && c.a.Mentions[i].Actor.Entity == "" {
				return j
			}
		}
	}
	return -1
}

func hasSuffix(full, tail []string) bool {
	if len(tail) > len(full) {
		return false
	}
	off := len(full) - len(tail)
	for k, w := range tail {
		if full[off+k] != w {
			return false
		}
	}
	return true
}

// pickPerson chooses among the knowledge-base people a name may stand
// for: the one who held a role on the article's date, whose country the
// cue or the article names, whose role the cue names.
func (r *Resolver) pickPerson(c *context, name string, cue news.Actor) (kb.Person, bool) {
	var cands []kb.Person
	hint, _ := strings.CutPrefix(cue.Entity, "person:")
	for _, p := range r.actors.PeopleByName(name) {
		if p.ID == hint || nameFits(name, p) {
			cands = append(cands, p)
		}
	}
	if hint != "" && !hasPerson(cands, hint) {
		if p, ok := r.actors.Person(hint); ok {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return kb.Person{}, false
	}
	one := len(strings.Fields(name)) == 1
	best, bestScore, tie := -1, -1, false
	for k, p := range cands {
		s := 0
		exact := p.ID == hint || namedExactly(name, p)
		if exact {
			s += 4
		}
		if _, ok := p.RoleAt(c.t); ok {
			s += 4
		}
		if cue.Country != "" && servedIn(p, cue.Country) {
			s += 3
		}
		if c.counts[p.Country] > 0 {
			s += 2
		}
		if cue.Role != "" && r.heldRole(p, cue.Role) {
			s += 2
		}
		switch {
		case s > bestScore:
			best, bestScore, tie = k, s, false
		case s == bestScore:
			tie = true
		}
	}
	p := cands[best]
	if one && cue.Country != "" && !servedIn(p, cue.Country) {
		// "King Hassan of Morocco" is not a Hassan of another country.
		return kb.Person{}, false
	}
	// A surname alone that fits several people, or fits one who has
	// nothing to do with the article, is left unresolved.
	if one && !namedExactly(name, p) && p.ID != hint && (tie || bestScore < 6 && (len(cands) > 1 || bestScore < 4 && !r.leaderBySurname(c, name, p))) {
		return kb.Person{}, false
	}
	return p, true
}

func hasPerson(ps []kb.Person, id string) bool {
	for _, p := range ps {
		if p.ID == id {
			return true
		}
	}
	return false
}

// namedExactly reports whether name is the person's name or an alias,
// compared through Fold.
func namedExactly(name string, p kb.Person) bool {
	f := strings.TrimPrefix(kb.Fold(name), "the ")
	if kb.Fold(p.Name) == f {
		return true
	}
	for _, al := range p.Aliases {
		if kb.Fold(al) == f {
			return true
		}
	}
	return false
}

// nameFits reports whether a name found through a surname index fits the
// person: the same name or alias, a spelling variant of it, or a full
// name whose first word (or initial) agrees: "Juan Pérez" does not fit
// "Carlos Pérez".
func nameFits(name string, p kb.Person) bool {
	if namedExactly(name, p) {
		return true
	}
	words := strings.Fields(kb.Fold(name))
	key := VariantKey(name)
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if VariantKey(n) == key {
			return true
		}
		if len(words) == 1 {
			continue
		}
		nw := strings.Fields(kb.Fold(n))
		if len(nw) < 2 {
			continue
		}
		a, b := strings.TrimSuffix(words[0], "."), nw[0]
		if a == b || len(a) == 1 && strings.HasPrefix(b, a) || VariantKey(a) == VariantKey(b) {
			return true
		}
	}
	return len(words) == 1
}

// servedIn reports whether the person is of country or held a role there.
func servedIn(p kb.Person, country string) bool {
	if p.Country == country {
		return true
	}
	for _, r := range p.Roles {
		if r.Country == country {
			return true
		}
	}
	return false
}

// heldRole reports whether the person ever held the role a title names.
func (r *Resolver) heldRole(p kb.Person, role string) bool {
	want := r.canonicalRole(role)
	for _, ro := range p.Roles {
		if r.canonicalRole(ro.Title) == want {
			return true
		}
	}
	return false
}

// canonicalRole returns the folded canonical role of a title or role,
// without a leading "former".
func (r *Resolver) canonicalRole(role string) string {
	role = strings.TrimPrefix(role, "former ")
	if t, ok := r.actors.Title(role); ok && t.Role != "" {
		return kb.Fold(t.Role)
	}
	return kb.Fold(role)
}

// personActor returns the actor a knowledge-base person is on the
// article's date: the role then held (the one the cue names when several
// are), or the former official's last role.
func (r *Resolver) personActor(c *context, p kb.Person, cue news.Actor) news.Actor {
	a := news.Actor{Name: p.Name, Entity: "person:" + p.ID, Country: p.Country}
	if ro, ok := r.roleOn(c, p, cue.Role); ok {
		a.Role, a.Sector = ro.Title, ro.Sector
		if ro.Country != "" {
			a.Country = ro.Country
		}
		if a.Sector == news.SectorUnknown || a.Sector == "" {
			a.Sector = cue.Sector
		}
	} else {
		a.Sector = p.SectorAt(c.t)
		if a.Sector == news.SectorElite {
			if last, ok := lastRoleBefore(p, c); ok {
				a.Role = "former " + last.Title
				if !nonState(last.Country) {
					a.Country = last.Country
				}
			}
		}
		if a.Sector == "" {
			a.Sector, a.Role = cue.Sector, cue.Role
		}
	}
	if strings.HasPrefix(cue.Role, "former ") && a.Sector != news.SectorElite {
		a.Sector = news.SectorElite
		a.Role = cue.Role
	}
	return a
}

// roleOn returns the role the person held on the article's date,
// preferring the one the cue names.
func (r *Resolver) roleOn(c *context, p kb.Person, cueRole string) (kb.Role, bool) {
	if cueRole != "" && !strings.HasPrefix(cueRole, "former ") {
		want := r.canonicalRole(cueRole)
		for _, ro := range p.Roles {
			if r.canonicalRole(ro.Title) == want && !c.t.Before(ro.Start) && (ro.End.IsZero() || !c.t.After(ro.End)) {
				return ro, true
			}
		}
	}
	return p.RoleAt(c.t)
}

// lastRoleBefore returns the latest role that ended before the article's
// date.
func lastRoleBefore(p kb.Person, c *context) (kb.Role, bool) {
	var best kb.Role
	found := false
	for _, ro := range p.Roles {
		if ro.End.IsZero() || ro.End.After(c.t) {
			continue
		}
		if !found || ro.End.After(best.End) {
			best, found = ro, true
		}
	}
	return best, found
}

// stateSector reports sectors whose members act for a state, so that an
// unnamed country may be taken from the article.
func stateSector(s news.Sector) bool {
	switch s {
	case news.SectorGovernment, news.SectorMilitary, news.SectorPolice, news.SectorJudiciary,
		news.SectorLegislator, news.SectorSpy:
		return true
	}
	return false
}

// roleNoun resolves "the minister", "the US president", "the foreign
// minister of Iran", "the Chilean leader": to an earlier mention of a
// person with that role (and country), or to whoever held the office on
// the article's date.
func (r *Resolver) roleNoun(c *context, i int) {
	m := &c.a.Mentions[i]
	cue := m.Actor
	if pluralRole(m.Text) {
		// "the ministers", "leaders of the Group of Seven": a group,
		// never one office holder. "The leaders" after "leaders of
		// the G7" are those; else the events coder finds whom it
		// means.
		for j := i - 1; j >= 0 && c.inWindow(i, j, 8); j-- {
			o := &c.a.Mentions[j]
			if o.Type == m.Type && o.Rule == m.Rule && pluralRole(o.Text) && r.roleMatches(cue.Role, o.Actor.Role) {
				c.refer(i, j)
				return
			}
		}
		return
	}
	if j := c.apposedTo(i); j >= 0 {
		// "Mike Pompeo, the US secretary of state": the role noun is the
		// person it stands next to.
		c.refer(i, j)
		return
	}
	for j := i - 1; j >= 0 && c.inWindow(i, j, 8); j-- {
		o := &c.a.Mentions[j]
		if !individual(o) || o.Actor.Name == "" {
			continue
		}
		if r.roleMatches(cue.Role, o.Actor.Role) && (cue.Country == "" || cue.Country == o.Actor.Country) {
			c.refer(i, j)
			return
		}
	}
	country := cue.Country
	if country == "" {
		country = c.dominant()
	}
	if country != "" && cue.Role != "" && !strings.HasPrefix(cue.Role, "former ") {
		for _, title := range r.officeTitles(cue.Role) {
			if p, ok := r.actors.Holder(country, title, c.t); ok {
				m.Actor = r.personActor(c, p, news.Actor{Role: title})
				return
			}
		}
	}
	if m.Actor.Country == "" && stateSector(cue.Sector) {
		m.Actor.Country = c.dominant()
	}
}

// pluralRole reports whether a role noun phrase names several people:
// its head, the last word before any "of", "for" or other preposition,
// is a plural ("the ministers", "leaders of the G7"; not "the
// commissioner for human rights").
func pluralRole(text string) bool {
	words := strings.Fields(strings.ToLower(text))
	head := ""
	for _, w := range words {
		if w == "of" || w == "for" || w == "to" || w == "at" || w == "in" || w == "on" {
			break
		}
		head = w
	}
	return len(head) > 3 && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") && !strings.HasSuffix(head, "'s")
}

// rolePerson resolves a person known by a role alone ("an official"):
// the cue's role and sector, and the article's country for a state role.
func (r *Resolver) rolePerson(c *context, i int) {
	m := &c.a.Mentions[i]
	if m.Actor.Country == "" && stateSector(m.Actor.Sector) {
		m.Actor.Country = c.dominant()
	}
}

// apposedTo returns the person named right before mention i with only a
// comma between ("Jane Roe, the minister"), or -1.
func (c *context) apposedTo(i int) int {
	if i == 0 {
		return -1
	}
	o, m := &c.a.Mentions[i-1], &c.a.Mentions[i]
	if !individual(o) || o.Actor.Name == "" || o.Sentence != m.Sentence || o.Span.End > m.Span.Start {
		return -1
	}
	if strings.TrimSpace(c.a.Text[o.Span.End:m.Span.Start]) != "," {
		return -1
	}
	return i - 1
}

// officeTitles returns the offices a role noun may name: a leader is the
// head of state or of government.
func (r *Resolver) officeTitles(role string) []string {
	if r.canonicalRole(role) == "leader" {
		return []string{"President", "Prime Minister", "Supreme Leader", "King", "Emir", "Sultan", "Chancellor"}
	}
	return []string{role}
}

// roleMatches reports whether a role noun can refer to a person with the
// given role: the same canonical role, a generic word of it ("the
// minister" for the interior minister), or a leader for a head of state
// or government.
func (r *Resolver) roleMatches(noun, role string) bool {
	if noun == "" || role == "" {
		return false
	}
	n, ro := r.canonicalRole(noun), r.canonicalRole(role)
	if n == ro {
		return true
	}
	switch n {
	case "leader":
		switch ro {
		case "president", "prime minister", "king", "queen", "emir", "sultan", "supreme leader", "chancellor",
			"chief executive", "first minister", "chief minister":
			return true
		}
		return strings.HasSuffix(ro, " leader")
	case "president", "prime minister":
		return false
	}
	if !strings.Contains(n, " ") {
		for _, w := range strings.Fields(ro) {
			if w == n {
				return true
			}
		}
	}
	return false
}

// pronoun links "he" or "she" to the person it most likely refers to: the
// first person named earlier in the same sentence, or else the first
// person of the latest of the two sentences before.
func (r *Resolver) pronoun(c *context, i int) {
	sent, first := -1, -1
	for j := i - 1; j >= 0 && c.inWindow(i, j, 2); j-- {
		o := &c.a.Mentions[j]
		if !individual(o) {
			continue
		}
		if sent >= 0 && o.Sentence != sent {
			break
		}
		sent, first = o.Sentence, j
	}
	if first >= 0 {
		c.refer(i, first)
	}
}

// individual reports whether a mention names one person: not a group
// ("Ukrainian officials") and not an unresolved pronoun.
func individual(m *news.Mention) bool {
	return m.Type == news.Person && !strings.Contains(m.Rule, "institution") && (m.Actor.Name != "" || m.Actor.Role != "")
}
