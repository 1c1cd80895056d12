package kb

import (
	"maps"
	"math"
	"slices"
	"strings"

	"chronicle/internal/news"
)

// Hints are what an article says about where it happens: the countries it
// names (ISO alpha-3, the dateline's country first), the first-level
// subdivisions it names (ISO 3166-2 codes, "US-TX" for "Texas", once per
// mention, so that the one it names most weighs most), the place it was
// filed from or is about, and the other place names it uses, as written
// (the name being resolved may be among them).
type Hints struct {
	Countries    []string
	Subdivisions []string
	Near         *news.Location
	Context      []string
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
	maxSubHints      = 2.0 // the most named subdivisions that each earn it whole
	scoreCounty      = 1.0 // an American county, over its population
	// scoreAlternate is added to a place known by the name only as an
	// alternate name unlike its own: "Victoria" is first the Australian
	// state and the Canadian city, only then an old name of Hong Kong's
	// centre. Spelling variants ("Mykolaiv", "Raqqa") cost nothing.
	scoreAlternate = -1.0
	// scoreNamesake favours the seat of a subdivision of its name.
	scoreNamesake = 1.0
	// scoreStatePop is added to the decimal logarithm of a first-level
	// subdivision's population, when that beats scoreSubdivision: "New
	// York" is the state before the city, which it names only as an
	// alternate, and "Ontario" the province before the Californian city.
	scoreStatePop = -0.5
	// minSupport is the support from Hints.Context that serves a small
	// place as a hint, about one neighbouring town named beside it.
	minSupport = 0.5
	// minOverride is the support from Hints.Context that a place needs
	// to win over a country of its name that neither the hints nor the
	// context name.
	minOverride = 1.2
	// maxOverrideCountries is the most countries an article may name for
	// a place to win over a country of its name: in a list of countries
	// "Lebanon" is one more.
	maxOverrideCountries = 2
	// scoreCountryName is what a country's name scores over the decimal
	// logarithm of its population when a place of that name competes:
	// "Mexico" beside "Rumford" is still the country, not the town in
	// Maine.
	scoreCountryName = 1.5
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
//   - otherwise subdivisions (Feature "admin1", "admin2", American
//     counties among them) and gazetteer places (Feature "city") compete
//     on population, rank (capitals and seats first, parts of cities
//     last), the hints and the support of the other place names of
//     Hints.Context, which favours readings near each other; a place of
//     fewer than 1,000 inhabitants needs a hint, one whose name is a
//     common word ("Of", "Mobile") a subdivision or Near hint, a short
//     word in capitals ("EU") is taken for an acronym, and the name of a
//     region that spans countries ("Balkans", "Levant") gives no town;
//   - failing those, a metonym ("the Kremlin") gives its country.
//
// A country's name gives way to a place of that name only when the
// context supports the place, neither the hints nor the context support
// the country, and the article names at most two countries ("Jordan"
// beside "Shakopee" in a Minnesotan article).
//
// A bare name that Hints.Context also gives as an American county
// ("DeKalb" beside "DeKalb County") is that county, or the town of the
// name inside it. In an article that names counties, a bare name that is
// a county of the state the article is mostly about and no place of that
// state is that county ("Sarpy" beside "Douglas County" in Nebraskan
// news); "Platte Co." is Platte County.
//
// "X, Y" restricts X to the country or subdivision Y ("Paris, Texas",
// "Springfield, Ill."). GeoID is the GeoNames id of a place, the ISO
// 3166-2 code of a subdivision, "US-" and the FIPS code of an American
// county ("US-47079"), and the alpha-3 code of a country.
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
	// "Platte Co." is Platte County: local news abbreviates the word.
	if rest, ok := strings.CutSuffix(key, " co."); ok {
		key = rest + " county"
	}
	if loc, ok := g.countyShorthand(key, h); ok {
		return loc, true
	}
	r := g.ranker(h)
	if loc, ok := g.countyOfHintedState(key, r, h.Context); ok {
		return loc, true
	}
	r.ctx = g.newPlaceContext(h.Context, key)
	if r.ctx != nil && r.ctx.dominant >= 0 && r.countries[r.ctx.dominant] == 0 {
		// The country where the other names lie is as good as named.
		if r.countries == nil {
			r.countries = map[int]float64{}
		}
		r.countries[r.ctx.dominant] = scoreHint
	}
	cn, isCountry := g.lookupCountryName(key)
	if isCountry && cn.kind == NameCountry {
		if loc, ok := g.hintedSubdivisionOver(key, cn.country, r.countries); ok {
			return loc, true
		}
		// "Jordan" beside "Shakopee" and "Belle Plaine" in an article
		// that names no country of that name is the Minnesota town.
		if r.ctx != nil && r.countries[cn.country] == 0 && cn.territory < 0 && len(r.countries) <= maxOverrideCountries {
			if c := g.rank(key, r, -1, -1); c.ok && c.support >= minOverride && r.ctx.countrySupport(cn.country) == 0 &&
				c.score > math.Log10(float64(g.places.countryPop[cn.country])+100)+scoreCountryName {
				return c.loc, true
			}
		}
		if cn.territory >= 0 {
			return g.territoryLocation(cn.territory), true
		}
		return g.countryLocation(cn.country), true
	}
	if isCountry && cn.kind == NameDemonym {
		return g.countryLocation(cn.country), true
	}
	// Regions that span countries are no town of their name; a
	// subdivision of the name ("Punjab") still counts.
	if g.places.regions[strings.TrimPrefix(key, "the ")] {
		r.noPlaces = true
	}
	// A metonym gives way to a place only of that very name ("Moscow",
	// "Washington"), not to one that merely lists it among its alternate
	// names (Casablanca is also "White House").
	r.primaryOnly = isCountry && cn.kind == NameMetonym
	if r.primaryOnly {
		// and its country is as good as named: "Washington" is the
		// American capital before an English town.
		r.countries = maps.Clone(r.countries)
		if r.countries == nil {
			r.countries = map[int]float64{}
		}
		r.countries[cn.country] = max(r.countries[cn.country], scoreHintFirst)
	}
	// A short word in capitals is an acronym ("EU", "NATO"), not the
	// village of that name; subdivisions still match ("NSW").
	r.noPlaces = r.noPlaces || len(name) <= 4 && strings.ToUpper(name) == name && strings.ToLower(name) != name
	if loc, ok := g.bestCandidate(key, r, -1, -1); ok {
		return loc, true
	}
	if isCountry {
		return g.countryLocation(cn.country), true
	}
	// Abbreviations that usually only qualify a place ("Ky.", "NSW")
	// stand for their subdivision when given alone, unless the article
	// is about other countries: "SA" in South African news is no
	// Australian state.
	if si, ok := g.qualifiers[key]; ok && looksAbbreviated(name) && (len(r.countries) == 0 || r.countries[g.subs[si].country] > 0) {
		return g.subLocation(int(si)), true
	}
	return news.Location{}, false
}

// countyRadius is how far from the centre of a county a place of the
// county's name may lie to be the town the bare name means.
const countyRadius = 40

// countyShorthand resolves a bare name that the article also writes as
// a county ("DeKalb" beside "DeKalb County", "Kanawha" beside "Kanawha
// County"): news shortens a county's name once it has given it whole.
// The name is the county, unless a place of that name lies in it, as
// the seat often does ("Dallas" beside "Dallas County" is the city).
func (g *Geo) countyShorthand(key string, h Hints) (news.Location, bool) {
	key = strings.TrimPrefix(key, "the ")
	for _, c := range h.Context {
		rest, ok := strings.CutPrefix(strings.TrimPrefix(Fold(c), "the "), key+" ")
		if !ok || rest != "county" && rest != "parish" {
			continue
		}
		loc, ok := g.Resolve(c, h)
		if !ok || !loc.HasGeo || loc.Feature != "admin2" {
			return news.Location{}, false
		}
		for _, i := range g.findPlaces(key) {
			p := &g.places.recs[i]
			if Distance(loc.Lat, loc.Lon, float64(p.lat)/1e4, float64(p.lon)/1e4) <= countyRadius {
				return g.placeLocation(i), true
			}
		}
		return loc, true
	}
	return news.Location{}, false
}

// countyOfHintedState resolves a bare name that is a county of a state
// the article is mostly about (one that earns the whole scoreSubHint)
// and no place of that state, in an article that names counties: local
// news lists them by their names alone ("Douglas, Sarpy and Lancaster
// counties"). Names of countries, metonyms ("Washington") and names of
// states ("Iowa County") keep their own reading.
func (g *Geo) countyOfHintedState(key string, r ranker, context []string) (news.Location, bool) {
	if len(r.subs) == 0 || strings.HasSuffix(key, " county") || strings.HasSuffix(key, " parish") {
		return news.Location{}, false
	}
	counties := false
	for _, c := range context {
		if c := Fold(c); strings.HasSuffix(c, " county") || strings.HasSuffix(c, " parish") || strings.HasSuffix(c, " co.") {
			counties = true
			break
		}
	}
	if !counties {
		return news.Location{}, false
	}
	if _, ok := g.lookupCountryName(key); ok {
		return news.Location{}, false
	}
	if subs, _ := g.findSubs(key); len(subs) > 0 && g.subs[subs[0]].parent < 0 {
		return news.Location{}, false
	}
	for _, word := range []string{" county", " parish"} {
		for _, si := range g.subIndex[key+word] {
			s := &g.subs[si]
			if !s.county || s.parent < 0 || r.subs[s.parent] < scoreSubHint {
				continue
			}
			for _, i := range g.findPlaces(key) {
				if int(g.places.recs[i].admin1) == s.parent {
					return news.Location{}, false
				}
			}
			return g.subLocation(int(si)), true
		}
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
	subs        map[int]float64 // hinted subdivision index -> bonus of a place inside
	near        *news.Location
	ctx         *placeContext
	primaryOnly bool
	noPlaces    bool
}

func (g *Geo) ranker(h Hints) ranker {
	r := ranker{countries: g.hintSet(h), near: h.Near}
	n := 0
	for _, code := range h.Subdivisions {
		if i, ok := g.subCodes[strings.ToUpper(code)]; ok {
			if r.subs == nil {
				r.subs = map[int]float64{}
			}
			r.subs[i]++
			n++
		}
	}
	// An article that names many subdivisions says less about each: a
	// place in one of two named states is likely, in one of eight less so,
	// unless the article names that one more often than the others.
	for i, k := range r.subs {
		r.subs[i] = scoreSubHint * min(1, maxSubHints*k/float64(n))
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
		// ISO lists some countries as subdivisions of another as well
		// ("Taiwan" as CN-TW, "Guam" as US-GU): the country they are
		// stays what their name means.
		if s.Code[3:] == g.countries[country].Alpha2 {
			continue
		}
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
	c := g.rank(key, r, country, admin)
	return c.loc, c.ok
}

// choice is the winner of rank, with the support that Hints.Context lent
// it.
type choice struct {
	loc     news.Location
	ok      bool
	score   float64
	support float64
}

func (g *Geo) rank(key string, r ranker, country, admin int) choice {
	key = strings.TrimPrefix(key, "the ")
	best := choice{score: math.Inf(-1)}
	take := func(score, support float64, loc func() news.Location) {
		if score > best.score {
			best = choice{loc: loc(), ok: true, score: score, support: support}
		}
	}
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
		switch {
		case s.county:
			score = math.Log10(float64(s.pop)+100) + scoreCounty
		case s.parent >= 0:
			score = scoreSubLevel2
		case s.pop > 0:
			score = max(score, math.Log10(float64(s.pop))+scoreStatePop)
		}
		if s.parent >= 0 {
			score += r.subs[s.parent]
		}
		if divWord {
			score += scoreDivWord
		}
		score += hinted
		var support float64
		if s.hasGeo {
			score += nearScore(r.near, s.lat, s.lon)
			if s.parent < 0 {
				support = r.ctx.support(s.lat, s.lon, -1, int(si), s.country)
			} else {
				support = r.ctx.support(s.lat, s.lon, s.parent, -1, s.country)
			}
		}
		take(score+scoreContext*support, support, func() news.Location { return g.subLocation(int(si)) })
	}
	placeKey := key
	if divWord {
		// "Bakhmut district": no subdivision of that name, so the town;
		// but a county or parish is no town of its name.
		w := strings.Fields(key)
		if last := w[len(w)-1]; last == "county" || last == "parish" {
			return best
		}
		placeKey, _ = subBase(key)
	}
	stopped = g.places.stop[placeKey]
	var idx, primary []int32
	switch {
	case r.noPlaces:
	case r.primaryOnly:
		idx = g.places.primary.lookup(hashKey(placeKey))
		primary = idx
	default:
		idx = g.findPlaces(placeKey)
		primary = g.findPrimary(placeKey)
	}
	for _, i := range idx {
		p := &g.places.recs[i]
		if country >= 0 && int(p.country) != country || admin >= 0 && p.admin1 >= 0 && int(p.admin1) != admin {
			continue
		}
		lat, lon := float64(p.lat)/1e4, float64(p.lon)/1e4
		near := nearScore(r.near, lat, lon)
		if p.admin1 >= 0 {
			near += r.subs[int(p.admin1)]
		}
		bonus := r.countries[int(p.country)] + near
		support := r.ctx.support(lat, lon, int(p.admin1), -1, int(p.country))
		// Small places need a hint, and places named like common words
		// ("Of", "Mobile") a hint closer than their country.
		if country < 0 && (bonus == 0 && support < minSupport && p.pop < minUnhinted || stopped && near == 0) {
			continue
		}
		score := math.Log10(float64(p.pop)+100) + featureScore(g.feature(i)) + bonus + scoreContext*support
		if _, found := slices.BinarySearch(primary, i); !found && g.otherName(i, placeKey) {
			score += scoreAlternate
		}
		// The seat of a subdivision of its name is what the name means
		// without a division word: "Raqqa" is the city.
		if p.admin1 >= 0 && !divWord && g.feature(i) == "PPLA" && slices.Contains(subs, int32(p.admin1)) {
			score += scoreNamesake
		}
		take(score, support, func() news.Location { return g.placeLocation(i) })
	}
	return best
}

// otherName reports whether key, a name of place i, is a name of its own
// rather than a spelling of the primary one: more than a third of its
// letters differ.
func (g *Geo) otherName(i int32, key string) bool {
	f := g.cells(i)
	name := f[pcASCII]
	if name == "" {
		name = f[pcName]
	}
	primary := Fold(name)
	return 3*editDistance(primary, key) > max(len(primary), len(key))
}

// editDistance is the Levenshtein distance between two strings, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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

// feature returns the GeoNames feature code of place i.
func (g *Geo) feature(i int32) string {
	r := &g.places.recs[i]
	line := g.places.text[r.off:r.end]
	return line[strings.LastIndexByte(line, '\t')+1:]
}

func (g *Geo) placeLocation(i int32) news.Location {
	p := g.place(i)
	return news.Location{Name: p.Name, Country: p.Country, Admin1: p.Admin1,
		Lat: p.Lat, Lon: p.Lon, HasGeo: true, GeoID: p.ID, Feature: "city"}
}
