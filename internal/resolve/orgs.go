package resolve

import (
	"strings"
	"time"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// org resolves an organisation: a knowledge-base organisation, a
// national institution named with its country ("the Russian Foreign
// Ministry"), a metonym ("the Kremlin") or an organisation known only
// from the text ("the Example Institute").
func (r *Resolver) org(c *context, i int) {
	m := &c.a.Mentions[i]
	cue := m.Actor
	if j := c.parenthesised(i); j >= 0 {
		// "the Fatherland League (Conservatives)": another name of the
		// organisation just named, not a namesake elsewhere, whose
		// country the article does not name.
		r.uncount(c, cue.Country)
		c.refer(i, j)
		return
	}
	if id, ok := strings.CutPrefix(cue.Entity, "org:"); ok {
		if o, ok := r.actors.Org(id); ok {
			m.Actor = orgActor(c, o)
			c.known[i] = true
			return
		}
	}
	name := c.surface[i]
	if name == "" {
		name = strings.TrimPrefix(strings.TrimPrefix(m.Text, "the "), "The ")
	}
	if o, ok := r.pickOrg(c, name, cue.Country); ok {
		m.Actor = orgActor(c, o)
		c.known[i] = true
		return
	}
	switch m.Rule {
	case "kb:metonym":
		m.Actor = news.Actor{Name: name, Entity: "org:" + slug(name), Country: cue.Country, Sector: cue.Sector}
		if m.Actor.Sector == "" {
			m.Actor.Sector = news.SectorGovernment
		}
	default:
		m.Actor = news.Actor{Name: name, Entity: "org:" + slug(name), Country: cue.Country, Sector: cue.Sector, Role: cue.Role}
		if m.Actor.Country == "" {
			m.Actor.Country = r.placeCountry(c, i)
		}
		if m.Actor.Country == "" {
			// An organisation the knowledge base does not know is most
			// often one of the country the article is about.
			m.Actor.Country = c.dominant()
		}
		if m.Actor.Country == "" {
			c.late = append(c.late, i)
		}
	}
}

// orgActor returns the actor an organisation is on the article's date.
func orgActor(c *context, o kb.Org) news.Actor {
	return news.Actor{Name: o.Name, Entity: "org:" + o.ID, Country: o.Country, Sector: o.SectorAt(c.t)}
}

// pickOrg chooses among the organisations of a name the one of a country
// the cue or the article names.
func (r *Resolver) pickOrg(c *context, name, country string) (kb.Org, bool) {
	os := r.actors.OrgsByName(name)
	if len(os) == 0 {
		return kb.Org{}, false
	}
	best, bestScore := 0, -1
	for k, o := range os {
		s := 0
		if country != "" && o.Country == country {
			s += 3
		}
		s += min(c.counts[o.Country], 3)
		if s > bestScore {
			best, bestScore = k, s
		}
	}
	return os[best], true
}

// institution resolves a national institution or group: "Syrian
// government forces", "Ukrainian officials", "Kyiv police", "police",
// "Hamas fighters". Bodies get an entity id per country and role; groups
// of people get none.
func (r *Resolver) institution(c *context, i int) {
	m := &c.a.Mentions[i]
	cue := m.Actor
	if id, ok := strings.CutPrefix(cue.Entity, "org:"); ok {
		if o, ok := r.actors.Org(id); ok {
			// The organisation's members: "Hamas fighters".
			m.Actor = orgActor(c, o)
			c.known[i] = true
			return
		}
	}
	a := news.Actor{Name: strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(m.Text, "the "), "The ")),
		Country: cue.Country, Sector: cue.Sector, Role: cue.Role}
	if m.Rule == "kb:demonym+institution" && wordBefore(c.a, m) == "ethnic" {
		// "ethnic Albanian guerrillas operating in Macedonia"
		if home := r.residence(c, i); home != "" {
			a.Country = home
		}
	}
	if _, ok := strings.CutPrefix(cue.Entity, "person:"); ok && a.Country == "" {
		// "the Trump administration": the leader's country.
		if p, ok := r.pickPerson(c, cue.Name, cue); ok {
			a.Country = r.personActor(c, p, news.Actor{}).Country
		}
	}
	if (a.Country == "" || m.Rule == "kb:place+institution") && cue.Name != "" && !strings.HasPrefix(cue.Entity, "person:") && leaderBody(cue.Role) {
		// "the Obama administration", "the Blair government": a leader's
		// surname before a government names the leader's country, unless
		// the name is a capital or a country's region ("the Khartoum
		// government", "the Kano State government"): a town that shares
		// the surname gives way.
		if cc := r.leaderCountry(c, cue.Name); cc != "" && !r.seatOfGovernment(cue.Name) {
			a.Country = cc
		}
	}
	if a.Country == "" && cue.Name != "" && !strings.HasPrefix(cue.Entity, "person:") {
		// "Kyiv police", "Kano State government": the place's country.
		if loc, ok := r.locate(cue.Name, c); ok {
			a.Country = loc.Country
		}
	}
	if a.Country == "" && a.Sector == news.SectorMilitary {
		// "Nepali peacekeeping troops", "NATO stabilisation troops"
		a.Country = c.forceOf(i)
	}
	if a.Country == "" && a.Sector == news.SectorMilitary && multinational(c.a, m) {
		// "a multinational force", "an international stabilisation force":
		// troops of several states under an international mandate.
		a.Country = "IGO"
	}
	if a.Country == "" {
		a.Country = c.ownerCountry(i)
	}
	if a.Country == "" {
		a.Country = c.modifierCountry(i)
	}
	if a.Country == "" {
		a.Country = r.placeCountry(c, i)
	}
	if a.Country == "" && stateSector(a.Sector) {
		a.Country = c.dominant()
	}
	if m.Type == news.Org && a.Country != "" && !nonState(a.Country) && a.Role != "" {
		a.Entity = "org:" + a.Country + "-" + slug(a.Role)
	}
	m.Actor = a
}

// groupNoun resolves "the group", "the ministry", "the government": to an
// earlier organisation of the same sector, or to the article's country's
// institution.
func (r *Resolver) groupNoun(c *context, i int) {
	m := &c.a.Mentions[i]
	cue := m.Actor
	for j := i - 1; j >= 0 && c.inWindow(i, j, 6); j-- {
		o := &c.a.Mentions[j]
		if o.Type != news.Org || o.Actor.Entity == "" {
			continue
		}
		if cue.Sector != "" && o.Actor.Sector != cue.Sector || !sameInstitution(cue.Role, o.Actor.Role) {
			continue
		}
		c.refer(i, j)
		return
	}
	if main := c.dominant(); cue.Sector != "" && main != "" && stateSector(cue.Sector) {
		m.Actor.Country = main
		if cue.Role != "" {
			m.Actor.Entity = "org:" + main + "-" + slug(cue.Role)
		}
	}
}

// placeCountry returns the country of a place named with a locative cue
// in the same sentence as mention i ("police in Kabul"), or "".
func (r *Resolver) placeCountry(c *context, i int) string {
	m := &c.a.Mentions[i]
	for j := i + 1; j < len(c.a.Mentions) && c.a.Mentions[j].Sentence == m.Sentence; j++ {
		o := &c.a.Mentions[j]
		if o.Type != news.Place && o.Type != news.Country || !locative(c.a, o) {
			continue
		}
		if o.Actor.Country != "" {
			return o.Actor.Country
		}
		name := o.Actor.Name
		if name == "" {
			name = o.Text
		}
		if loc, ok := r.locate(name, c); ok {
			return loc.Country
		}
	}
	return ""
}

// ownerCountry returns the country of the owner a possessive pronoun
// names before mention i: "his administration" is the government of the
// person last named, "its army" that of the country or organisation last
// named. It returns "" when there is no such pronoun.
func (c *context) ownerCountry(i int) string {
	m := &c.a.Mentions[i]
	w := wordBefore(c.a, m)
	if w != "his" && w != "her" && w != "its" && w != "their" {
		return ""
	}
	for j := i - 1; j >= 0 && c.inWindow(i, j, 2); j-- {
		o := &c.a.Mentions[j]
		switch {
		case o.Actor.Country == "":
		case (w == "his" || w == "her") && individual(o):
			return o.Actor.Country
		case w == "its" && (o.Type == news.Country || o.Type == news.Org):
			return o.Actor.Country
		case w == "their" && o.Type != news.Place:
			return o.Actor.Country
		}
	}
	return ""
}

// modifierCountry returns the country of a nationality or country that
// modifies mention i from right before it, joined by a hyphenated
// participle or one lower-case adjective: "Vietnamese-led forces",
// "Irish nationalist guerrillas". It returns "" otherwise.
func (c *context) modifierCountry(i int) string {
	if i == 0 {
		return ""
	}
	m, o := &c.a.Mentions[i], &c.a.Mentions[i-1]
	if o.Type != news.Country || o.Actor.Country == "" || o.Span.End > m.Span.Start {
		return ""
	}
	gap := c.a.Text[o.Span.End:m.Span.Start]
	if g, ok := strings.CutPrefix(gap, "-"); ok {
		// "-led ", "-backed ", "-based "
		w, rest, _ := strings.Cut(g, " ")
		if rest != "" || !strings.HasSuffix(w, "ed") {
			return ""
		}
		return o.Actor.Country
	}
	w := strings.TrimSpace(gap)
	if gap == " " || w != "" && !strings.ContainsAny(w, " ,;:()\"") && strings.ToLower(w) == w && strings.HasPrefix(gap, " ") && strings.HasSuffix(gap, " ") && !functionWord(w) && !verbLike(w) {
		return o.Actor.Country
	}
	return ""
}

// verbLike reports whether a lower-case word may be a verb rather than an
// adjective: "France deployed army units".
func verbLike(w string) bool {
	for _, suf := range []string{"ed", "s", "ing"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// functionWord reports whether w is a word that separates two phrases
// rather than modifying the second: "and", "of", "in", "said".
func functionWord(w string) bool {
	switch w {
	case "and", "or", "of", "in", "on", "at", "to", "from", "by", "with", "for", "against", "the", "a", "an",
		"said", "says", "told", "than", "as", "near", "after", "before", "while", "but", "nor", "into", "over":
		return true
	}
	return false
}

// sameInstitution reports whether a role noun of an institution ("the
// ministry") can stand for an organisation with the given role ("Foreign
// Ministry"): the nouns agree in their last word. A group noun ("the
// group") has no role and stands for any organisation.
func sameInstitution(noun, role string) bool {
	if noun == "" {
		return true
	}
	last := func(s string) string {
		f := strings.Fields(strings.ToLower(s))
		if len(f) == 0 {
			return ""
		}
		return f[len(f)-1]
	}
	return last(noun) == last(role)
}

// leaderBody reports whether an institution's role is a government that
// news names after its leader: "the Obama administration", "the Blair
// government", "the Assad regime".
func leaderBody(role string) bool {
	switch kb.Fold(role) {
	case "government", "administration", "regime", "cabinet":
		return true
	}
	return false
}

// leaderCountry returns the country of the people called name (a surname)
// who led a state's government or were its head by the article's date,
// or else at any time (the knowledge base may know only a later leader
// of the family), when they are all of one country; "" otherwise.
func (r *Resolver) leaderCountry(c *context, name string) string {
	people := r.actors.PeopleByName(name)
	if cc := leadersCountry(people, c.t); cc != "" {
		return cc
	}
	return leadersCountry(people, time.Time{})
}

// leadersCountry returns the one country of the people who led a
// government by t (at any time when t is zero), or "".
func leadersCountry(people []kb.Person, t time.Time) string {
	country := ""
	for _, p := range people {
		if !p.LedBefore(t) || p.Country == "" {
			continue
		}
		if country != "" && country != p.Country {
			return ""
		}
		country = p.Country
	}
	return country
}

// seatOfGovernment reports whether a name is a country, a capital or a
// first-level subdivision, which stand for a government themselves.
func (r *Resolver) seatOfGovernment(name string) bool {
	if _, kind, ok := r.geo.CountryByName(name); ok && kind != kb.NameDemonym {
		return true
	}
	for _, s := range r.geo.Subdivisions(name) {
		if s.Parent == "" {
			return true
		}
	}
	return false
}

// parenthesised returns the organisation named right before mention i
// when mention i is all that stands in brackets after it ("the Fatherland
// League (Conservatives)"), or -1.
func (c *context) parenthesised(i int) int {
	if i == 0 {
		return -1
	}
	o, m := &c.a.Mentions[i-1], &c.a.Mentions[i]
	if o.Type != news.Org || o.Sentence != m.Sentence || o.Span.End > m.Span.Start || o.Actor.Name == "" {
		return -1
	}
	if strings.TrimSpace(c.a.Text[o.Span.End:m.Span.Start]) != "(" || !strings.HasPrefix(strings.TrimLeft(c.a.Text[m.Span.End:], " "), ")") {
		return -1
	}
	return i - 1
}

// multinational reports whether the two words before a mention make the
// force it names one of several states: "peacekeeping", "multinational",
// "international" ("a multinational force", "an international
// stabilisation force").
func multinational(a *news.Article, m *news.Mention) bool {
	before := a.Text[:m.Span.Start]
	if k := strings.LastIndexAny(before, ".;:!?\n"); k >= 0 {
		before = before[k+1:]
	}
	words := strings.Fields(before)
	for k := len(words) - 1; k >= 0 && k >= len(words)-2; k-- {
		switch kb.Fold(strings.Trim(words[k], ",\"“”()")) {
		case "peacekeeping", "peace-keeping", "multinational", "multi-national", "international":
			return true
		}
	}
	return false
}

// forceOf returns the country of the nation or organisation named right
// before a force with at most one lower-case word between ("Nepali
// peacekeeping troops", "NATO stabilisation troops"), or "".
func (c *context) forceOf(i int) string {
	if i == 0 {
		return ""
	}
	o, m := &c.a.Mentions[i-1], &c.a.Mentions[i]
	if o.Type != news.Country && o.Type != news.Org || o.Sentence != m.Sentence || o.Span.End > m.Span.Start || o.Actor.Country == "" {
		return ""
	}
	gap := strings.Fields(c.a.Text[o.Span.End:m.Span.Start])
	if len(gap) > 1 || len(gap) == 1 && (strings.ToLower(gap[0]) != gap[0] || functionWord(gap[0]) || strings.ContainsAny(gap[0], ",;:()") ||
		// a verb between: "France deployed army units"
		strings.HasSuffix(gap[0], "ed") || strings.HasSuffix(gap[0], "s")) {
		return ""
	}
	return o.Actor.Country
}
