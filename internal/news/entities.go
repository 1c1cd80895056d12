package news

import "sort"

// Entities returns one record per resolved entity mentioned in the
// article: the most frequent full name (the longest on ties) is its name,
// every other spelling an alias.
func (a *Article) Entities() []Entity {
	type agg struct {
		e     Entity
		names map[string]int
		order int
	}
	byID := map[string]*agg{}
	for _, m := range a.Mentions {
		id := m.Actor.Entity
		if id == "" {
			continue
		}
		g := byID[id]
		if g == nil {
			g = &agg{e: Entity{ID: id, Type: m.Type, Articles: []ArticleID{a.ID}}, names: map[string]int{}, order: len(byID)}
			byID[id] = g
		}
		g.e.Mentions++
		if m.Ref < 0 && m.Text != "" {
			g.names[m.Text]++
		}
		if m.Actor.Name != "" {
			g.names[m.Actor.Name] += 0 // the canonical name is a candidate even when unused in text
		}
		if g.e.Country == "" {
			g.e.Country = m.Actor.Country
		}
		if g.e.Sector == "" {
			g.e.Sector = m.Actor.Sector
		}
		if g.e.Role == "" {
			g.e.Role = m.Actor.Role
		}
		if g.e.Name == "" {
			g.e.Name = m.Actor.Name
		}
	}
	out := make([]*agg, 0, len(byID))
	for _, g := range byID {
		if g.e.Name == "" {
			g.e.Name = bestName(g.names)
		}
		for n := range g.names {
			if n != g.e.Name {
				g.e.Aliases = append(g.e.Aliases, n)
			}
		}
		sort.Strings(g.e.Aliases)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	ents := make([]Entity, len(out))
	for i, g := range out {
		ents[i] = g.e
	}
	return ents
}

// bestName returns the most frequent name, the longest on ties, then the
// first in byte order so that the choice is stable.
func bestName(counts map[string]int) string {
	best, n := "", -1
	for s, c := range counts {
		if c > n || c == n && (len(s) > len(best) || len(s) == len(best) && s < best) {
			best, n = s, c
		}
	}
	return best
}
