package kb

import (
	"bufio"
	"cmp"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The generated files (countries.tsv, historic.tsv, subdivisions.tsv,
// places.tsv, places_alt.tsv, us_census.tsv, subdivision_points.tsv) come
// from gen/geo; its doc comment says how to fetch its inputs. places.idx,
// the gazetteer's indexes, is computed from them by TestPlacesIndex (see
// geo_index.go).
// The other files of data/geo are written by hand.
//
//go:generate go run ./gen/geo -out data/geo -cities=${CITIES500} -usatlas=${USATLAS} -admin1=${NEADMIN1}
//go:generate go test -run TestPlacesIndex -update

//go:embed data/geo/countries.tsv data/geo/countries_extra.tsv data/geo/country_names.tsv
//go:embed data/geo/historic.tsv data/geo/subdivisions.tsv data/geo/subdivision_aliases.tsv
//go:embed data/geo/place_stop.txt data/geo/regions.txt data/geo/us_census.tsv data/geo/subdivision_points.tsv
var geoFiles embed.FS

// placesTSV is the gazetteer, embedded as a string so that loading reads
// it in place.
//
//go:embed data/geo/places.tsv
var placesTSV string

// placesAltTSV holds the alternate names of the gazetteer's places, line
// for line, embedded as a string like placesTSV.
//
//go:embed data/geo/places_alt.tsv
var placesAltTSV string

// Country is an ISO 3166-1 country (or Kosovo, XKX) with the names news
// uses for it. Lat and Lon are a centre point of its populated places.
type Country struct {
	Alpha3, Alpha2 string
	Name           string // short English name, e.g. "Russia"
	Official       string // ISO official name, when it has one
	Capital        string // seat of government
	Names          []string
	Demonyms       []string
	Metonyms       []string
	// Territories are regions coded as this country although news names
	// them on their own: "Crimea" for UKR, "Gaza" for PSE.
	Territories []string
	Lat, Lon    float64
}

// Subdivision is an ISO 3166-2 subdivision. Name is the ISO name, often in
// the local language ("Donetska oblast"); Aliases are the English names
// news uses, the first being the one Resolve reports. Parent is the code
// of the first-level subdivision a second-level one belongs to.
type Subdivision struct {
	Code, Country, Type, Name string
	Parent                    string
	Aliases                   []string
}

// Geo holds countries, subdivisions and populated places. It is read-only
// after loading and safe for concurrent use.
type Geo struct {
	countries []Country
	cgeo      []bool         // countries[i] has coordinates (a country has none at 0,0)
	byCode    map[string]int // alpha-2 and alpha-3 -> countries index
	// cnames maps a folded name to the country it names and how; when a
	// name has several kinds the strongest wins (see kindRank).
	cnames      map[string]countryName
	territories []territory
	// hand holds country_names.tsv while loading, so that its names are
	// indexed before the ISO ones they override.
	hand []handName

	subs     []sub
	subCodes map[string]int
	// subIndex maps folded base names (ISO name, its bracketed alternate,
	// the name without its division word, aliases) to subdivisions.
	subIndex map[string][]int32
	// qualifiers maps folded postal and AP abbreviations of states
	// ("tx", "ill.") that only qualify a place: "Paris, Texas".
	qualifiers map[string]int32

	places gazetteer

	// geoOnce locates subdivisions and territories, which needs the
	// alternate names of the gazetteer; subsLocated says that places.idx
	// located the subdivisions already.
	geoOnce     sync.Once
	subsLocated bool
}

type handName struct {
	country int
	kind    NameKind
	name    string
}

type countryName struct {
	country   int
	kind      NameKind
	territory int // index into territories, or -1
}

type territory struct {
	name    string
	country int
	anchor  string // ISO 3166-2 code or @place
	sub     int    // subdivision index, or -1
	lat     float64
	lon     float64
	hasGeo  bool
}

type sub struct {
	Subdivision
	country  int
	parent   int // index, or -1
	seat     string
	lat, lon float64
	hasGeo   bool
	// county marks an American county of us_census.tsv, which is looked
	// up only by its full name ("Henry County") and ranked by pop.
	county bool
	// pop is the population of the places inside (set by locate, or by
	// us_census.tsv).
	pop int32
}

// kindRank orders the kinds of country names: a text that is both a
// country's name and another's metonym names the country.
func kindRank(k NameKind) int {
	switch k {
	case NameCountry:
		return 0
	case NameDemonym:
		return 2
	case NameMetonym:
		return 3
	default: // NameCapital
		return 4
	}
}

func loadGeo() (*Geo, error) { return loadGeoIndex(placesIndex) }

// loadGeoIndex loads the geography with the precomputed indexes of
// places.idx, given as index, or computes them when index does not
// belong to the data ("" never does).
func loadGeoIndex(index string) (*Geo, error) {
	g := &Geo{byCode: map[string]int{}, cnames: map[string]countryName{},
		subCodes: map[string]int{}, subIndex: map[string][]int32{}, qualifiers: map[string]int32{}}
	for _, f := range []string{"countries.tsv", "countries_extra.tsv"} {
		if err := g.readCountries(f); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(g.countries, func(a, b Country) int { return cmp.Compare(a.Alpha3, b.Alpha3) })
	g.cgeo = make([]bool, len(g.countries))
	for i, c := range g.countries {
		g.cgeo[i] = c.Lat != 0 || c.Lon != 0
		g.byCode[c.Alpha3] = i
		g.byCode[c.Alpha2] = i
	}
	if err := g.readSubdivisions(); err != nil {
		return nil, err
	}
	if err := g.readSubdivisionAliases(); err != nil {
		return nil, err
	}
	if err := g.readSubdivisionPoints(); err != nil {
		return nil, err
	}
	if err := g.readUSCensus(); err != nil {
		return nil, err
	}
	// The subdivisions' name index needs nothing of the places: it is
	// made while they load.
	var wg sync.WaitGroup
	wg.Go(g.indexSubdivisions)
	err := g.loadPlaces(index)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := g.readCountryNames(); err != nil {
		return nil, err
	}
	if err := g.readHistoric(); err != nil {
		return nil, err
	}
	if err := g.indexCountryNames(); err != nil {
		return nil, err
	}
	return g, nil
}

// readGeoTSV calls fn with the cells of every line of a data file that is not
// blank or a # comment.
func readGeoTSV(name string, fn func(line int, f []string) error) error {
	r, err := geoFiles.Open("data/geo/" + name)
	if err != nil {
		return err
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %v", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

func (g *Geo) readCountries(file string) error {
	return readGeoTSV(file, func(_ int, f []string) error {
		if len(f) < 9 {
			return fmt.Errorf("%d cells, want 9", len(f))
		}
		c := Country{Alpha3: f[0], Alpha2: f[1], Name: f[3], Official: f[4]}
		if len(c.Alpha3) != 3 || len(c.Alpha2) != 2 {
			return fmt.Errorf("bad codes %q %q", f[0], f[1])
		}
		if f[5] != "" {
			c.Name = f[5] // iso-codes' common name: "Bolivia", "Iran"
		}
		c.Names = isoCountryNames(f[3], f[4], f[5])
		c.Capital = f[6] // a GeoNames id until readCountryNames swaps in the name
		if f[7] != "" {
			lat, err1 := strconv.ParseFloat(f[7], 64)
			lon, err2 := strconv.ParseFloat(f[8], 64)
			if err1 != nil || err2 != nil || !validLatLon(lat, lon) {
				return fmt.Errorf("bad coordinates %q %q", f[7], f[8])
			}
			c.Lat, c.Lon = lat, lon
		}
		g.countries = append(g.countries, c)
		return nil
	})
}

// isoCountryNames returns the forms of ISO names that read as names: the
// name, the official name and the common name, with parenthesised parts
// split off ("Falkland Islands (Malvinas)") and inverted forms turned
// round ("Korea, Republic of" -> "Republic of Korea").
func isoCountryNames(names ...string) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, n := range names {
		if i := strings.IndexByte(n, '('); i > 0 {
			if j := strings.IndexByte(n[i:], ')'); j > 0 {
				inner := n[i+1 : i+j]
				n = strings.TrimSpace(n[:i] + n[i+j+1:])
				if !strings.Contains(inner, "part") {
					add(inner)
				}
			}
		}
		add(n)
		if i := strings.Index(n, ", "); i > 0 {
			head, tail := n[:i], n[i+2:]
			if strings.HasSuffix(tail, " of") || strings.HasSuffix(tail, " of the") || !strings.Contains(tail, " ") {
				add(tail + " " + head)
			}
		}
	}
	return out
}

func validLatLon(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// readCountryNames reads country_names.tsv into the countries and swaps
// the capitals' GeoNames ids for their names.
func (g *Geo) readCountryNames() error {
	capitals := map[int]string{}
	err := readGeoTSV("country_names.tsv", func(_ int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("%d cells, want 3 or 4", len(f))
		}
		ci, ok := g.byCode[f[0]]
		if !ok || len(f[0]) != 3 {
			return fmt.Errorf("unknown country %q", f[0])
		}
		c := &g.countries[ci]
		names := splitNames(f[2])
		hand := func(kind NameKind) {
			for _, n := range names {
				g.hand = append(g.hand, handName{ci, kind, n})
			}
		}
		switch f[1] {
		case "display":
			c.Name = names[0]
		case "name":
			c.Names = appendNew(c.Names, names...)
			hand(NameCountry)
		case "demonym":
			c.Demonyms = appendNew(c.Demonyms, names...)
			hand(NameDemonym)
		case "metonym":
			c.Metonyms = appendNew(c.Metonyms, names...)
			hand(NameMetonym)
		case "capital":
			capitals[ci] = names[0]
		case "territory":
			anchor := ""
			if len(f) > 3 {
				anchor = f[3]
			}
			for _, n := range names {
				c.Territories = appendNew(c.Territories, n)
				g.territories = append(g.territories, territory{name: n, country: ci, anchor: anchor, sub: -1})
			}
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range g.countries {
		c := &g.countries[i]
		if name, ok := capitals[i]; ok {
			c.Capital = name
			continue
		}
		c.Capital = g.places.capitals[i]
	}
	return nil
}

// readHistoric adds ISO 3166-3's withdrawn names ("Burma", "Zaire",
// "Dahomey") to the countries that succeeded them.
func (g *Geo) readHistoric() error {
	return readGeoTSV("historic.tsv", func(_ int, f []string) error {
		if len(f) < 5 {
			return fmt.Errorf("%d cells, want 5", len(f))
		}
		if ci, ok := g.byCode[f[3]]; ok {
			g.countries[ci].Names = appendNew(g.countries[ci].Names, isoCountryNames(f[2])...)
		}
		return nil
	})
}

func splitNames(s string) []string {
	var out []string
	for n := range strings.SplitSeq(s, "|") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	if out == nil {
		out = []string{""}
	}
	return out
}

func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		if n != "" && !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}

// nameForms returns the folded lookup keys of a written name: "~X" has
// none, "=the X" only "the x", and "the X" both "the x" and "x".
func nameForms(s string) []string {
	switch {
	case strings.HasPrefix(s, "~"):
		return nil
	case strings.HasPrefix(s, "="):
		return []string{Fold(s[1:])}
	}
	k := Fold(s)
	if rest, ok := strings.CutPrefix(k, "the "); ok && rest != "" {
		return []string{k, rest}
	}
	return []string{k}
}

// surface returns a written name as text shows it, without the markers of
// nameForms.
func surface(s string) string { return strings.TrimLeft(s, "~=") }

// indexCountryNames builds the name index: the hand-written names first,
// so that they override ISO names that say otherwise ("Congo" is COD,
// although ISO calls COG so), then territories, the ISO names, and the
// capitals. Two countries may not share a hand-written name of one kind.
func (g *Geo) indexCountryNames() error {
	set := func(key string, cn countryName) {
		if old, ok := g.cnames[key]; key == "" || ok && kindRank(old.kind) <= kindRank(cn.kind) {
			return
		}
		g.cnames[key] = cn
	}
	for _, h := range g.hand {
		for _, k := range nameForms(h.name) {
			if old, ok := g.cnames[k]; ok && old.kind == h.kind && old.country != h.country {
				return fmt.Errorf("country_names.tsv: %q names both %s and %s",
					h.name, g.countries[old.country].Alpha3, g.countries[h.country].Alpha3)
			}
			set(k, countryName{country: h.country, kind: h.kind, territory: -1})
		}
	}
	g.hand = nil
	for ti, t := range g.territories {
		for _, k := range nameForms(t.name) {
			if _, ok := g.cnames[k]; !ok {
				g.cnames[k] = countryName{country: t.country, kind: NameCountry, territory: ti}
			}
		}
	}
	for ci, c := range g.countries {
		for _, n := range append([]string{c.Name}, c.Names...) {
			for _, k := range nameForms(n) {
				if _, ok := g.cnames[k]; !ok {
					g.cnames[k] = countryName{country: ci, kind: NameCountry, territory: -1}
				}
			}
		}
	}
	for ci, c := range g.countries {
		if c.Capital != "" {
			set(Fold(c.Capital), countryName{country: ci, kind: NameCapital, territory: -1})
		}
	}
	return nil
}

// Country returns the country with the ISO alpha-2 or alpha-3 code, in any
// case.
func (g *Geo) Country(code string) (Country, bool) {
	i, ok := g.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// Countries returns every country, ordered by alpha-3 code.
func (g *Geo) Countries() []Country { return slices.Clone(g.countries) }

// CountryByName returns the country a name stands for and what kind of
// name it is: NameCountry for its names and territories, NameDemonym,
// NameMetonym, or NameCapital. Matching folds case, accents and
// punctuation (see Fold); a leading "the" is optional.
func (g *Geo) CountryByName(name string) (Country, NameKind, bool) {
	cn, ok := g.lookupCountryName(Fold(name))
	if !ok {
		return Country{}, "", false
	}
	return g.countries[cn.country], cn.kind, true
}

func (g *Geo) lookupCountryName(key string) (countryName, bool) {
	if cn, ok := g.cnames[key]; ok {
		return cn, true
	}
	if rest, ok := strings.CutPrefix(key, "the "); ok {
		cn, ok := g.cnames[rest]
		return cn, ok
	}
	return countryName{}, false
}

// nameThreshold is the population from which a gazetteer place is given
// to the recogniser: GeoNames' cities15000 cut, about 26,000 places
// worldwide. Below it place names collide with words and surnames far
// more often than they are news; such places are still found by Places
// and Resolve when the text or its hints call for them. Capitals and the
// seats of first-level subdivisions are given whatever their size.
const nameThreshold = 15_000

// altThreshold is the population from which a place's alternate names
// (exonyms such as "Kiev" or "Peking") are given to the recogniser too.
const altThreshold = 100_000

func (g *Geo) names(fn func(Name)) {
	// Each country, subdivision and place gives its names one after the
	// other under its own key, so a repetition can only be among the
	// names of one key (TestGeoNames checks that no other occurs).
	var seen []Name
	emit := func(text string, kind NameKind, key string) {
		text = strings.TrimSpace(text)
		if text == "" || foldsEmpty(text) {
			return
		}
		if len(seen) > 0 && seen[0].Key != key {
			seen = seen[:0]
		}
		n := Name{Text: text, Kind: kind, Key: key}
		if slices.Contains(seen, n) {
			return
		}
		seen = append(seen, n)
		fn(n)
	}
	emitForms := func(written string, kind NameKind, key string) {
		if strings.HasPrefix(written, "~") {
			return
		}
		text := surface(written)
		emit(text, kind, key)
		if rest, ok := strings.CutPrefix(text, "the "); ok && !strings.HasPrefix(written, "=") {
			emit(rest, kind, key)
		} else if rest, ok := strings.CutPrefix(text, "The "); ok && !strings.HasPrefix(written, "=") {
			emit(rest, kind, key)
		}
	}
	for _, c := range g.countries {
		emitForms(c.Name, NameCountry, c.Alpha3)
		for _, n := range c.Names {
			emitForms(n, NameCountry, c.Alpha3)
		}
		for _, n := range c.Territories {
			emitForms(n, NameCountry, c.Alpha3)
		}
		for _, n := range c.Demonyms {
			emitForms(n, NameDemonym, c.Alpha3)
		}
		for _, n := range c.Metonyms {
			emitForms(n, NameMetonym, c.Alpha3)
		}
		if c.Capital != "" {
			emit(c.Capital, NameCapital, c.Alpha3)
		}
	}
	for i := range g.subs {
		s := &g.subs[i]
		for _, v := range s.variants() {
			emit(v, NameSubdivision, s.Code)
		}
	}
	g.placeNames(emit)
}
