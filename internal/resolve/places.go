package resolve

import (
	"slices"
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// locate resolves a place name with the article's hints: its countries,
// most mentioned first, its dateline, the other places it names and the
// first-level subdivisions among them.
func (r *Resolver) locate(name string, c *context) (news.Location, bool) {
	h := kb.Hints{Countries: c.countries(), Near: c.dateline, Context: r.placeContext(c.a, name)}
	if c.dateline != nil && c.dateline.Country != "" {
		h.Countries = append([]string{c.dateline.Country}, h.Countries...)
	}
	h.Subdivisions = r.subdivisionHints(c.a, name, h.Countries)
	return r.geo.Resolve(name, h)
}

// maxPlaceContext bounds the other place names given as context: each
// costs a gazetteer look-up on every resolution.
const maxPlaceContext = 8

// placeContext returns the article's other place names, in order, without
// repeats: the places it names and the subdivisions that anchor other
// mentions ("Minnesota" in "Minnesota officials").
func (r *Resolver) placeContext(a *news.Article, name string) []string {
	var out []string
	for i := range a.Mentions {
		if len(out) == maxPlaceContext {
			break
		}
		m := &a.Mentions[i]
		text := m.Text
		if m.Type != news.Place {
			text = r.subdivisionAnchor(m)
		}
		if text != "" && text != name && !slices.Contains(out, text) {
			out = append(out, text)
		}
	}
	return out
}

// subdivisionAnchor returns the subdivision's name at the head of a
// mention the recogniser built on one ("Minnesota officials", "the Texas
// National Guard"), or "".
func (r *Resolver) subdivisionAnchor(m *news.Mention) string {
	if !strings.HasPrefix(m.Rule, "kb:subdivision+") {
		return ""
	}
	words := strings.Fields(m.Text)
	if len(words) > 0 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	for n := min(len(words)-1, 4); n > 0; n-- {
		if head := strings.Join(words[:n], " "); len(r.geo.Subdivisions(head)) > 0 {
			return head
		}
	}
	return ""
}

// maxSubdivisionHints bounds the subdivision mentions given as hints.
const maxSubdivisionHints = 16

// subdivisionHints returns the ISO 3166-2 codes of the first-level
// subdivisions the article names besides name, once per mention, so that
// the state an article keeps naming counts most: "Texas" in "police in
// Paris, a town of 25,000 in northeast Texas", "Minnesota" in "Minnesota
// officials". A place already resolved gives its own; another the first
// first-level subdivision of its name, in one of the article's countries
// when it names any.
func (r *Resolver) subdivisionHints(a *news.Article, name string, countries []string) []string {
	var out []string
	add := func(code string) {
		if code != "" && len(out) < maxSubdivisionHints {
			out = append(out, code)
		}
	}
	for i := range a.Mentions {
		m := &a.Mentions[i]
		text := m.Text
		switch {
		case m.Type == news.Place && m.Place != nil:
			if m.Place.Feature == "admin1" && text != name {
				add(m.Place.GeoID)
			}
			continue
		case m.Type == news.Place && m.Rule == "kb:subdivision":
		default:
			text = r.subdivisionAnchor(m)
		}
		if text == "" || text == name {
			continue
		}
		for _, s := range r.geo.Subdivisions(text) {
			if s.Parent == "" && (len(countries) == 0 || slices.Contains(countries, s.Country)) {
				add(s.Code)
				break
			}
		}
	}
	return out
}

// country resolves a country named or implied by a nationality. A
// country named as a location ("in Syria") also gets a Place.
func (r *Resolver) country(c *context, i int) {
	m := &c.a.Mentions[i]
	code := r.datedName(c, i, m.Actor.Country)
	if code != m.Actor.Country {
		r.uncount(c, m.Actor.Country)
		r.count(c, code)
	}
	cn, ok := r.geo.Country(code)
	if !ok {
		if cn, _, ok = r.geo.CountryByName(m.Text); !ok {
			return
		}
	}
	m.Actor = news.Actor{Name: cn.Name, Entity: "country:" + cn.Alpha3, Country: cn.Alpha3}
	if m.Rule == "kb:demonym" && i > 0 && c.a.Mentions[i-1].Type == news.Country && c.a.Mentions[i-1].Actor.Country != "" &&
		c.a.Text[c.a.Mentions[i-1].Span.End:m.Span.Start] == " " && strings.HasSuffix(m.Text, "s") {
		// "Bosnian Serbs", "Iraqi Kurds": a people of the country named
		// first.
		m.Actor = news.Actor{Name: c.a.Text[c.a.Mentions[i-1].Span.Start:m.Span.End], Country: c.a.Mentions[i-1].Actor.Country, Sector: news.SectorCivilian}
		return
	}
	if m.Rule == "kb:demonym" && ethnicGroup(c.a, m) {
		// "ethnic Albanians in Serbia", "the Albanians of southern
		// Serbia": a people where it lives, coded as civilians of the
		// country the sentence places it in.
		m.Actor = news.Actor{Name: m.Text, Country: cn.Alpha3, Sector: news.SectorCivilian}
		if home := r.residence(c, i); home != "" {
			m.Actor.Country = home
		}
		return
	}
	if m.Rule == "kb:country" && locative(c.a, m) {
		if loc, ok := r.geo.Resolve(m.Text, kb.Hints{}); ok && loc.Country == cn.Alpha3 {
			m.Place = &loc
		} else {
			m.Place = &news.Location{Name: cn.Name, Country: cn.Alpha3, Lat: cn.Lat, Lon: cn.Lon,
				HasGeo: cn.Lat != 0 || cn.Lon != 0, GeoID: cn.Alpha3, Feature: "country"}
		}
	}
}

// datedName returns the country a name of mention i stands for when its
// reading changed in time: the reading of the article's date ("Congo" in
// 1985 is the Republic of the Congo, as the other was Zaire), or else the
// reading the article's other mentions name ("Congo" next to
// "Brazzaville"), or else code.
func (r *Resolver) datedName(c *context, i int, code string) string {
	m := &c.a.Mentions[i]
	if cc, ok := r.sov.NameOn(m.Text, c.t); ok {
		return cc
	}
	reads := r.sov.FormerReadings(m.Text)
	if len(reads) == 0 {
		return code
	}
	named := map[string]bool{}
	for j := range c.a.Mentions {
		o := &c.a.Mentions[j]
		if j != i && o.Actor.Country != "" && len(r.sov.FormerReadings(o.Text)) == 0 {
			named[o.Actor.Country] = true
		}
	}
	if !named[code] {
		for _, alt := range reads {
			if named[alt] {
				return alt
			}
		}
	}
	return code
}

// place resolves a place to its location. A capital named as an actor
// ("Tehran said") stands for its country's government.
func (r *Resolver) place(c *context, i int) {
	m := &c.a.Mentions[i]
	name := c.surface[i]
	if name == "" {
		name = m.Text
	}
	loc, ok := r.locate(name, c)
	if !ok {
		m.Actor = news.Actor{Name: strings.TrimSpace(name), Country: m.Actor.Country}
		return
	}
	m.Place = &loc
	c.known[i] = true
	m.Actor = news.Actor{Name: loc.Name, Entity: "place:" + loc.GeoID, Country: loc.Country}
	switch loc.Feature {
	case "country", "territory":
		m.Actor.Entity = "country:" + loc.Country
		if loc.Feature == "territory" {
			m.Actor.Entity = "place:" + loc.GeoID
		}
	}
	if m.Rule == "kb:capital" && !locative(c.a, m) {
		m.Actor.Sector = news.SectorGovernment
	}
}

// ethnicGroup reports whether a nationality word names an ethnic group
// rather than a state: "ethnic Albanians", "the Albanian population",
// "Albanians of southern Serbia", "Kurds in Iraq".
func ethnicGroup(a *news.Article, m *news.Mention) bool {
	if wordBefore(a, m) == "ethnic" {
		return true
	}
	rest := strings.TrimLeft(a.Text[m.Span.End:], " ")
	next, _, _ := strings.Cut(rest, " ")
	switch kb.Fold(strings.TrimRight(next, ".,;:")) {
	case "population", "minority", "community", "villagers", "inhabitants":
		return true
	case "of", "in":
		// a people named in the plural right before the place it lives
		// in: the next mention is a place a few words on
		if !strings.HasSuffix(m.Text, "s") || strings.HasSuffix(m.Text, "ss") {
			return false
		}
		for k := range a.Mentions {
			o := &a.Mentions[k]
			if o.Span.Start < m.Span.End {
				continue
			}
			gap := a.Text[m.Span.End:o.Span.Start]
			return len(strings.Fields(gap)) <= 3 && !strings.ContainsAny(gap, ",;()") &&
				(o.Type == news.Place || o.Type == news.Country) && o.Rule != "kb:demonym"
		}
	}
	return false
}

// residence returns the country of the place the sentence of mention i
// locates it in: the first place after it named with a locative or "of"
// ("in Serbia", "of southern Serbia", "near Macedonia's border"), else
// the last such place before it; "" when there is none.
func (r *Resolver) residence(c *context, i int) string {
	m := &c.a.Mentions[i]
	country := func(o *news.Mention) string {
		if o.Type != news.Place && o.Type != news.Country || o.Rule == "kb:demonym" {
			return ""
		}
		switch wordBefore(c.a, o) {
		case "in", "of", "near", "across", "inside", "throughout", "within", "around", "the",
			"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
			"southeastern", "southwestern", "northeastern", "northwestern":
		default:
			return ""
		}
		if o.Actor.Country != "" {
			return o.Actor.Country
		}
		if loc, ok := r.locate(o.Text, c); ok {
			return loc.Country
		}
		return ""
	}
	for j := i + 1; j < len(c.a.Mentions) && c.a.Mentions[j].Sentence == m.Sentence; j++ {
		if cc := country(&c.a.Mentions[j]); cc != "" {
			return cc
		}
	}
	for j := i - 1; j >= 0 && c.a.Mentions[j].Sentence == m.Sentence; j-- {
		if cc := country(&c.a.Mentions[j]); cc != "" {
			return cc
		}
	}
	return ""
}
