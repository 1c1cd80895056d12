package kb

import (
	"math"
	"strings"

	"chronicle/internal/news"
)

// Hints are what an article says about where it happens: the countries it
// names (ISO alpha-3, the dateline's country first), the first-level
// subdivisions it names (ISO 3166-2 codes, "US-TX" for "Texas") and the
// place it was filed from or is about.
type Hints struct {
	Countries    []string
	Subdivisions []string
	Near         *news.Location
}

// Scores of Resolve's candidates. A place scores the decimal logarithm of
// its population plus bonuses; the constants are in the same unit, so a
// hint is worth as much as a few hundred times the population.
const (
	scoreHintFirst   = 2.5 // the candidate is in the dateline's country
	scoreHint        = 2.0 // in another country the article names
	scoreNear        = 4.0 // within 25 km of Hints.Near; less further away
	scoreSubdivision = 5.5 // a first-level subdivision: a city of ~300,000
	scoreSubLevel2   = 4.8 // a second-level one
	scoreDivWord     = 3.0 // the text called it a region: "Idlib province"
	scoreSubHint     = 2.0 // a place inside a subdivision the article names
	// minUnhinted is the population below which a place is not taken
	// without a hint: small places bear the names of words and people.
	minUnhinted = 1_000
)

// featureScore favours the places news is about: capitals, then the seats
// of subdivisions, and disfavours parts of cities and abandoned places.
func featureScore(code string) float64 {
	switch code {
	case "PPLC":
		return 1.5
	case "PPLA":
		return 0.8
	case "PPLA2":
		return 0.3
	case "PPLX":
		return -0.3
	case "PPLH", "PPLQ", "PPLW":
		return -1
	}
	return 0
}

// Resolve returns the location a place name stands for, using the hints
// to choose among homonyms:
//   - a name of a country or of a territory coded as one ("Gaza",
//     "Crimea") gives that country, at its centre or the territory's
//     anchor (Feature "country" or "territory"), unless the article is
//     about another country that has a first-level subdivision of that
//     name ("Georgia" in an American article);
//   - a demonym ("Syrian") gives the country;
//   - otherwise subdivisions (Feature "admin1", "admin2") and gazetteer
//     places (Feature "city") compete on population, rank and the hints;
//     a place of fewer than 1,000 inhabitants needs a hint, one whose
//     name is a common word ("Of", "Mobile") a subdivision or Near hint,
//     and a short word in capitals ("EU") is taken for an acronym;
//   - failing those, a metonym ("the Kremlin") gives its country.
//
// "X, Y" restricts X to the country or subdivision Y ("Paris, Texas",
// "Springfield, Ill."). GeoID is the GeoNames id of a place, the ISO
// 3166-2 code of a subdivision and the alpha-3 code of a country.
func (g *Geo) Resolve(name string, h Hints) (news.Location, bool) {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexByte(name, ','); i > 0 {
		if loc, ok := g.resolveQualified(name[:i], name[i+1:], h); ok {
			return loc, true
		}
	}
	key := Fold(name)
	if key == "" {
		return news.Location{}, false
	}
	r := g.ranker(h)
	cn, isCountry := g.lookupCountryName(key)
	if isCountry && cn.kind == NameCountry {
		if loc, ok := g.hintedSubdivisionOver(key, cn.country, r.countries); ok {
			return loc, true
		}
		if cn.territory >= 0 {
			return g.territoryLocation(cn.territory), true
		}
		return g.countryLocation(cn.country), true
	}
	if isCountry && cn.kind == NameDemonym {
		return g.countryLocation(cn.country), true
	}
	// A metonym gives way to a place only of that very name ("Moscow",
	// "Washington"), not to one that merely lists it among its alternate
	// names (Casablanca is also "White House").
	r.primaryOnly = isCountry && cn.kind == NameMetonym
	// A short word in capitals is an acronym ("EU", "NATO"), not the
	// village of that name; subdivisions still match ("NSW").
	r.noPlaces = len(name) <= 4 && strings.ToUpper(name) == name && strings.ToLower(name) != name
	if loc, ok := g.bestCandidate(key, r, -1, -1); ok {
		return loc, true
	}
	if isCountry {
		return g.countryLocation(cn.country), true
	}
	// Abbreviations that usually only qualify a place ("Ky.", "NSW")
	// stand for their subdivision when given alone.
	if si, ok := g.qualifiers[key]; ok && looksAbbreviated(name) {
		return g.subLocation(int(si)), true
	}
	return news.Location{}, false
}

// looksAbbreviated reports whether s is written as an abbreviation: with
// a dot or in capitals.
func looksAbbreviated(s string) bool {
	return strings.ContainsRune(s, '.') || strings.ToUpper(s) == s
}

// ranker holds what ranking candidates needs from the hints.
type ranker struct {
	countries   map[int]float64 // country index -> bonus
	subs        map[int]bool    // hinted subdivision indexes
	near        *news.Location
	primaryOnly bool
	noPlaces    bool
}

func (g *Geo) ranker(h Hints) ranker {
	r := ranker{countries: g.hintSet(h), near: h.Near}
	for _, code := range h.Subdivisions {
		if i, ok := g.subCodes[strings.ToUpper(code)]; ok {
			if r.subs == nil {
				r.subs = map[int]bool{}
			}
			r.subs[i] = true
		}
	}
	return r
}

// hintSet maps hinted country indexes to their bonus.
func (g *Geo) hintSet(h Hints) map[int]float64 {
	if len(h.Countries) == 0 {
		return nil
	}
	m := make(map[int]float64, len(h.Countries))
	for k, code := range h.Countries {
		ci, ok := g.byCode[strings.ToUpper(code)]
		if !ok {
			continue
		}
		if _, dup := m[ci]; dup {
			continue
		}
		if k == 0 {
			m[ci] = scoreHintFirst
		} else {
			m[ci] = scoreHint
		}
	}
	return m
}

// hintedSubdivisionOver returns a first-level subdivision named key in a
// hinted country, when the country named key is not hinted itself.
func (g *Geo) hintedSubdivisionOver(key string, country int, hints map[int]float64) (news.Location, bool) {
	if len(hints) == 0 {
		return news.Location{}, false
	}
	if _, ok := hints[country]; ok {
		return news.Location{}, false
	}
	subs, _ := g.findSubs(key)
	for _, i := range subs {
		s := &g.subs[i]
		if _, ok := hints[s.country]; ok && s.parent < 0 {
			return g.subLocation(int(i)), true
		}
	}
	return news.Location{}, false
}

// resolveQualified resolves "X, Y" when Y is a country or a subdivision
// and X a place in it.
func (g *Geo) resolveQualified(x, y string, h Hints) (news.Location, bool) {
	xk, yk := Fold(x), Fold(y)
	if xk == "" || yk == "" {
		return news.Location{}, false
	}
	r := g.ranker(h)
	if cn, ok := g.lookupCountryName(yk); ok && (cn.kind == NameCountry || cn.kind == NameDemonym) {
		r.countries = map[int]float64{cn.country: scoreHintFirst}
		return g.bestCandidate(xk, r, cn.country, -1)
	}
	if si, ok := g.qualifiers[yk]; ok {
		return g.bestCandidate(xk, r, g.subs[si].country, int(si))
	}
	subs, _ := g.findSubs(yk)
	for _, si := range subs {
		if loc, ok := g.bestCandidate(xk, r, g.subs[si].country, int(si)); ok {
			return loc, true
		}
	}
	return news.Location{}, false
}

// bestCandidate ranks the subdivisions and places named key. When country
// is not -1 only candidates in that country count, and when admin is not
// -1 only places inside that subdivision (or with no known subdivision)
// and the subdivision's own children.
func (g *Geo) bestCandidate(key string, r ranker, country, admin int) (news.Location, bool) {
	key = strings.TrimPrefix(key, "the ")
	best, bestScore := news.Location{}, math.Inf(-1)
	subs, divWord := g.findSubs(key)
	if len(subs) > 0 {
		g.locate()
	}
	stopped := g.places.stop[key]
	for _, si := range subs {
		s := &g.subs[si]
		if country >= 0 && s.country != country || admin >= 0 && s.parent != admin {
			continue
		}
		hinted := r.countries[s.country]
		if stopped && !divWord && hinted == 0 && country < 0 {
			continue
		}
		// "York County" in an American article is no English borough:
		// a name found only by dropping its division word must be in a
		// country the article names, when it names any.
		if divWord && len(r.countries) > 0 && hinted == 0 && country < 0 {
			continue
		}
		score := scoreSubdivision
		if s.parent >= 0 {
			score = scoreSubLevel2
		}
		if divWord {
			score += scoreDivWord
		}
		score += hinted
		if s.hasGeo {
			score += nearScore(r.near, s.lat, s.lon)
		}
		if score > bestScore {
			best, bestScore = g.subLocation(int(si)), score
		}
	}
	placeKey := key
	if divWord {
		// "Bakhmut district": no subdivision of that name, so the town;
		// but a county or parish is no town of its name.
		w := strings.Fields(key)
		if last := w[len(w)-1]; last == "county" || last == "parish" {
			return best, bestScore > math.Inf(-1)
		}
		placeKey, _ = subBase(key)
	}
	stopped = g.places.stop[placeKey]
	var idx []int32
	switch {
	case r.noPlaces:
	case r.primaryOnly:
		idx = g.places.primary.lookup(hashKey(placeKey))
	default:
		idx = g.findPlaces(placeKey)
	}
	for _, i := range idx {
		p := &g.places.recs[i]
		if country >= 0 && int(p.country) != country || admin >= 0 && p.admin1 >= 0 && int(p.admin1) != admin {
			continue
		}
		near := nearScore(r.near, float64(p.lat)/1e4, float64(p.lon)/1e4)
		if p.admin1 >= 0 && r.subs[int(p.admin1)] {
			near += scoreSubHint
		}
		bonus := r.countries[int(p.country)] + near
		// Small places need a hint, and places named like common words
		// ("Of", "Mobile") a hint closer than their country.
		if country < 0 && (bonus == 0 && p.pop < minUnhinted || stopped && near == 0) {
			continue
		}
		line := g.places.text[p.off:p.end]
		score := math.Log10(float64(p.pop)+100) + featureScore(line[strings.LastIndexByte(line, '\t')+1:]) + bonus
		if score > bestScore {
			best, bestScore = g.placeLocation(i), score
		}
	}
	return best, bestScore > math.Inf(-1)
}

// nearScore is the bonus for lying near the hinted place.
func nearScore(near *news.Location, lat, lon float64) float64 {
	if near == nil || !near.HasGeo {
		return 0
	}
	switch d := Distance(near.Lat, near.Lon, lat, lon); {
	case d < 25:
		return scoreNear
	case d < 100:
		return scoreNear - 1
	case d < 300:
		return scoreNear - 2.5
	}
	return 0
}

// Distance returns the great-circle distance in kilometres between two
// points given in degrees.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088 // mean Earth radius, km
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

func (g *Geo) countryLocation(ci int) news.Location {
	c := &g.countries[ci]
	return news.Location{Name: c.Name, Country: c.Alpha3, Lat: c.Lat, Lon: c.Lon,
		HasGeo: g.cgeo[ci], GeoID: c.Alpha3, Feature: "country"}
}

func (g *Geo) territoryLocation(ti int) news.Location {
	g.locate()
	t := &g.territories[ti]
	if t.sub >= 0 {
		loc := g.subLocation(t.sub)
		loc.Name = surface(t.name)
		return loc
	}
	return news.Location{Name: surface(t.name), Country: g.countries[t.country].Alpha3,
		Lat: t.lat, Lon: t.lon, HasGeo: t.hasGeo, Feature: "territory"}
}

func (g *Geo) subLocation(si int) news.Location {
	g.locate()
	s := &g.subs[si]
	loc := news.Location{Name: g.subName(si), Country: s.Subdivision.Country,
		Lat: s.lat, Lon: s.lon, HasGeo: s.hasGeo, GeoID: s.Code, Feature: "admin1"}
	loc.Admin1 = loc.Name
	if s.parent >= 0 {
		loc.Admin1 = g.subName(s.parent)
		loc.Feature = "admin2"
	}
	return loc
}

func (g *Geo) placeLocation(i int32) news.Location {
	p := g.place(i)
	return news.Location{Name: p.Name, Country: p.Country, Admin1: p.Admin1,
		Lat: p.Lat, Lon: p.Lon, HasGeo: true, GeoID: p.ID, Feature: "city"}
}
