package resolve

import (
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// locate resolves a place name with the article's hints: its countries,
// most mentioned first, and its dateline.
func (r *Resolver) locate(name string, c *context) (news.Location, bool) {
	h := kb.Hints{Countries: c.countries(), Near: c.dateline}
	if c.dateline != nil && c.dateline.Country != "" {
		h.Countries = append([]string{c.dateline.Country}, h.Countries...)
	}
	return r.geo.Resolve(name, h)
}

// country resolves a country named or implied by a nationality. A
// country named as a location ("in Syria") also gets a Place.
func (r *Resolver) country(c *context, i int) {
	m := &c.a.Mentions[i]
	code := m.Actor.Country
	cn, ok := r.geo.Country(code)
	if !ok {
		if cn, _, ok = r.geo.CountryByName(m.Text); !ok {
			return
		}
	}
	m.Actor = news.Actor{Name: cn.Name, Entity: "country:" + cn.Alpha3, Country: cn.Alpha3}
	if m.Rule == "kb:country" && locative(c.a, m) {
		if loc, ok := r.geo.Resolve(m.Text, kb.Hints{}); ok && loc.Country == cn.Alpha3 {
			m.Place = &loc
		} else {
			m.Place = &news.Location{Name: cn.Name, Country: cn.Alpha3, Lat: cn.Lat, Lon: cn.Lon,
				HasGeo: cn.Lat != 0 || cn.Lon != 0, GeoID: cn.Alpha3, Feature: "country"}
		}
	}
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
