package resolve

import (
	"strings"

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
	if id, ok := strings.CutPrefix(cue.Entity, "org:"); ok {
		if o, ok := r.actors.Org(id); ok {
			m.Actor = orgActor(c, o)
			return
		}
	}
	name := c.surface[i]
	if name == "" {
		name = strings.TrimPrefix(strings.TrimPrefix(m.Text, "the "), "The ")
	}
	if o, ok := r.pickOrg(c, name, cue.Country); ok {
		m.Actor = orgActor(c, o)
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
	if a.Country == "" && cue.Name != "" && !strings.HasPrefix(cue.Entity, "person:") {
		// "Kyiv police", "Kano State government": the place's country.
		if loc, ok := r.locate(cue.Name, c); ok {
			a.Country = loc.Country
		}
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
	if m.Type == news.Org && a.Country != "" && a.Role != "" {
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
// adjective: "Britain mobilized army reservists".
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
