// Package resolve is the resolution stage of the pipeline: it turns the
// mentions that extract found in a news.Article into canonical actors and
// places through the knowledge base (kb).
//
// Input is an article whose Mentions are set; output is the same article
// with every mention's Actor (canonical name, entity id, country, sector,
// role on the article's date), Place for places and for countries named
// as locations, and Ref for later mentions that refer back to an earlier
// one ("Pérez", "the minister", "he").
//
// Entity ids are stable across articles: "person:<kb id>" for people in
// the knowledge base and "person:<variant key>" for others, so that every
// spelling of one name gets one id; "country:<alpha-3>", "org:<kb id>"
// (or "org:<country>-<institution>" for national institutions) and
// "place:<geonames id>".
//
// Ambiguity is settled by context: the dateline, the other countries of
// the article, population, and the article's date (who held an office
// that day). Countries are those of the article's date too: a place, body
// or person is coded as the state that held it then, by the rules of
// kb.Sovereignty (Juba in 2005 is in Sudan; "Congo" in 1985 is the
// Republic of the Congo). The package reads kb only; it never imports
// store, net/http or database drivers.
package resolve

import (
	"slices"
	"strings"
	"time"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Resolver resolves mentions against a knowledge base. It is safe for
// concurrent use.
type Resolver struct {
	geo    *kb.Geo
	actors *kb.Actors
	sov    *kb.Sovereignty
	now    func() time.Time // the date of articles without one
}

// New returns a resolver over k.
func New(k *kb.KB) *Resolver {
	return &Resolver{geo: k.Geo(), actors: k.Actors(), sov: k.Sovereignty(), now: time.Now}
}

// Resolve fills the Actor, Place and Ref of every mention of a. Roles are
// those held on a.Published, or today when the article has no date.
func (r *Resolver) Resolve(a *news.Article) {
	c := r.newContext(a)
	for i := range a.Mentions {
		c.surface[i] = a.Mentions[i].Actor.Name
		a.Mentions[i].Ref = -1
	}
	for i := range a.Mentions {
		m := &a.Mentions[i]
		before := m.Actor.Country
		switch {
		case strings.Contains(m.Rule, "institution"):
			r.institution(c, i)
		case m.Rule == "pronoun":
			r.pronoun(c, i)
		case m.Rule == "role-noun" && m.Type == news.Person:
			r.roleNoun(c, i)
		case m.Rule == "kb:title":
			r.rolePerson(c, i)
		case m.Rule == "role-noun":
			r.groupNoun(c, i)
		case m.Type == news.Person:
			r.person(c, i)
		case m.Type == news.Org:
			r.org(c, i)
		case m.Type == news.Country:
			r.country(c, i)
		case m.Type == news.Place:
			r.place(c, i)
		}
		if m.Ref < 0 {
			c.linkSame(i)
		}
		if m.Ref < 0 && before == "" && c.known[i] {
			r.count(c, m.Actor.Country)
		}
	}
	c.fillLate()
	r.dateSovereignty(c)
}

// dateSovereignty codes every actor and place as the state that held it
// on the article's date (kb.Sovereignty): Juba in a 2005 article is in
// Sudan, a Kosovo police force in 2003 is Serbia's.
func (r *Resolver) dateSovereignty(c *context) {
	for i := range c.a.Mentions {
		m := &c.a.Mentions[i]
		m.Actor.Country = r.sov.On(m.Actor.Country, c.t)
		if m.Place != nil {
			m.Place.Country = r.sov.On(m.Place.Country, c.t)
		}
	}
}

// context is what the resolver knows about one article.
type context struct {
	a        *news.Article
	t        time.Time
	dateline *news.Location
	counts   map[string]int // country -> mentions
	main     string         // the article's main country, or ""
	surface  []string       // the names as the recogniser found them
	known    []bool         // the mention resolved to a knowledge-base person, organisation or place
	late     []int          // mentions that take the article's country, which was not yet known
}

// uncount takes back a country the recogniser gave a mention that
// resolution read otherwise.
func (r *Resolver) uncount(c *context, cc string) {
	if !kb.IsAlpha3(cc) || nonState(cc) {
		return
	}
	k := r.sov.On(cc, c.t)
	if c.counts[k]--; c.counts[k] <= 0 {
		delete(c.counts, k)
	}
	c.main = c.mainCountry()
}

// fillLate gives the mentions that take the article's country and found
// none when they were resolved the country the whole article makes
// dominant, and copies it to the mentions that refer to them: "the
// Fatherland League" before "the Estonian parliament".
func (c *context) fillLate() {
	main := c.dominant()
	if main == "" || len(c.late) == 0 {
		return
	}
	for _, i := range c.late {
		if m := &c.a.Mentions[i]; m.Actor.Country == "" && m.Ref < 0 {
			m.Actor.Country = main
		}
	}
	for i := range c.a.Mentions {
		m := &c.a.Mentions[i]
		if m.Ref >= 0 && m.Actor.Country == "" {
			m.Actor.Country = c.a.Mentions[c.root(i)].Actor.Country
		}
	}
}

// count adds a country that resolution found (a known person's, a
// gazetteer place's) to the article's countries: "Vladimir Putin" makes
// an article about Russia as much as "Russian" does.
func (r *Resolver) count(c *context, cc string) {
	if !kb.IsAlpha3(cc) || nonState(cc) {
		return
	}
	c.counts[r.sov.On(cc, c.t)]++
	c.main = c.mainCountry()
}

func (r *Resolver) newContext(a *news.Article) *context {
	c := &context{a: a, t: a.Published, counts: map[string]int{}, surface: make([]string, len(a.Mentions)),
		known: make([]bool, len(a.Mentions))}
	if c.t.IsZero() {
		c.t = r.now()
	}
	for _, m := range a.Mentions {
		if cc := m.Actor.Country; kb.IsAlpha3(cc) && !nonState(cc) {
			c.counts[r.sov.On(cc, c.t)]++
		}
	}
	if a.Dateline != "" {
		if loc, ok := r.locate(a.Dateline, c); ok {
			c.dateline = &loc
			if loc.Country != "" {
				c.counts[r.sov.On(loc.Country, c.t)] += 2
			}
		}
	}
	c.main = c.mainCountry()
	return c
}

// mainCountry returns the dateline's country, or the country mentioned
// most when it is mentioned at least twice and more than any other.
func (c *context) mainCountry() string {
	if c.dateline != nil && c.dateline.Country != "" {
		return c.dateline.Country
	}
	best, n, second := "", 0, 0
	for cc, k := range c.counts {
		switch {
		case k > n || k == n && cc < best:
			if k > n {
				second = n
			}
			best, n = cc, k
		case k > second:
			second = k
		}
	}
	if n >= 2 && n > second || len(c.counts) == 1 {
		return best
	}
	return ""
}

// dominant returns the main country when it is the dateline's or has
// most of the article's country mentions: people and institutions named
// without a country ("the minister", "police", "MPs") are taken to be
// its only then.
func (c *context) dominant() string {
	if c.main == "" {
		return ""
	}
	if c.dateline != nil && c.dateline.Country == c.main {
		return c.main
	}
	total := 0
	for _, n := range c.counts {
		total += n
	}
	if 2*c.counts[c.main] > total {
		return c.main
	}
	return ""
}

// countries returns the article's countries, most mentioned first.
func (c *context) countries() []string {
	out := make([]string, 0, len(c.counts))
	for cc := range c.counts {
		out = append(out, cc)
	}
	slices.SortFunc(out, func(x, y string) int {
		if c.counts[x] != c.counts[y] {
			return c.counts[y] - c.counts[x]
		}
		return strings.Compare(x, y)
	})
	return out
}

// root follows Ref to the mention a chain starts from.
func (c *context) root(i int) int {
	for n := 0; c.a.Mentions[i].Ref >= 0 && n < len(c.a.Mentions); n++ {
		i = c.a.Mentions[i].Ref
	}
	return i
}

// refer links mention i to the chain of mention j and copies its actor.
func (c *context) refer(i, j int) {
	j = c.root(j)
	m := &c.a.Mentions[i]
	m.Ref = j
	m.Actor = c.a.Mentions[j].Actor
	if m.Type == news.Place || m.Type == news.Country {
		m.Place = c.a.Mentions[j].Place
	}
}

// linkSame links mention i to the first earlier mention of the same
// entity: a repeated full name, a country named twice.
func (c *context) linkSame(i int) {
	m := &c.a.Mentions[i]
	if m.Actor.Entity == "" {
		return
	}
	for j := 0; j < i; j++ {
		o := &c.a.Mentions[j]
		if o.Ref < 0 && o.Actor.Entity == m.Actor.Entity && o.Type == m.Type {
			m.Ref = j
			return
		}
	}
}

// inWindow reports whether mention j lies at most back sentences before
// mention i.
func (c *context) inWindow(i, j, back int) bool {
	return c.a.Mentions[i].Sentence-c.a.Mentions[j].Sentence <= back
}

// nonState reports the PLOVER codes of international and non-state
// actors that stand where a country code would.
func nonState(code string) bool {
	switch code {
	case "IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC":
		return true
	}
	return false
}

// wordBefore returns the folded word before the mention, "" at the start
// of the text.
func wordBefore(a *news.Article, m *news.Mention) string {
	s := strings.TrimRight(a.Text[:m.Span.Start], " \t\n\u00a0")
	i := strings.LastIndexAny(s, " \t\n(\"“,;:") + 1
	return kb.Fold(s[i:])
}

// locative reports whether the mention names a location rather than an
// actor: "in Syria", "near Gaza", "to Paris".
func locative(a *news.Article, m *news.Mention) bool {
	w := wordBefore(a, m)
	if w == "the" {
		// "in the Ivory Coast", "near the Gaza Strip"
		s := strings.TrimRight(a.Text[:m.Span.Start], " \t\n\u00a0")
		w = wordBefore(a, &news.Mention{Span: news.Span{Start: len(s) - len("the"), End: len(s)}})
	}
	switch w {
	case "in", "near", "at", "from", "to", "into", "across", "outside", "inside", "around", "toward", "towards",
		"via", "through", "throughout", "within", "visited", "visit", "entered", "left", "leaving", "reached",
		"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
		"southwestern":
		return true
	}
	return false
}
