package kb

import (
	"math"
	"strings"
	"sync"
	"testing"
	"unicode"

	"chronicle/internal/news"
)

// testGeo loads the geography once for all tests of the package.
func testGeo(t testing.TB) *Geo {
	t.Helper()
	g, err := sharedGeo()
	if err != nil {
		t.Fatalf("loadGeo() error: %v", err)
	}
	return g
}

var sharedGeo = sync.OnceValues(loadGeo)

// geoLog names a file to which TestGeoparsingGold writes every toponym
// with its resolution, one tab-separated line each, for study of the
// misses: "ok", "far" (more than 50 km below country level), "country"
// (the wrong country) or "none". The last cell is the document's index,
// whose parity tells dev from held-out.

func TestCountry(t *testing.T) {
	g := testGeo(t)
	tests := []struct {
		name, code, want string
	}{
		{"alpha-3", "FRA", "FRA"},
		{"alpha-2 lower case", "fr", "FRA"},
		{"alpha-3 lower case", "ukr", "UKR"},
		{"Kosovo alpha-2", "XK", "XKX"},
		{"Kosovo alpha-3", "xkx", "XKX"},
		{"padded", " DE ", "DEU"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := g.Country(tt.code)
			if !ok || c.Alpha3 != tt.want {
				t.Errorf("Country(%q) = %q, %v, want %q", tt.code, c.Alpha3, ok, tt.want)
			}
		})
	}
	for _, code := range []string{"", "ZZZ", "QQ", "FRANCE"} {
		if c, ok := g.Country(code); ok {
			t.Errorf("Country(%q) = %q, want not found", code, c.Alpha3)
		}
	}
}

func TestCountryByName(t *testing.T) {
	g := testGeo(t)
	tests := []struct {
		name     string
		in       string
		want     string
		wantKind NameKind
	}{
		{"ISO name with diacritic", "Türkiye", "TUR", NameCountry},
		{"common name", "Turkey", "TUR", NameCountry},
		{"exonym", "Ivory Coast", "CIV", NameCountry},
		{"curly apostrophe", "Côte d’Ivoire", "CIV", NameCountry},
		{"ISO inverted name", "Republic of Korea", "KOR", NameCountry},
		{"historic ISO 3166-3 name", "Dahomey", "BEN", NameCountry},
		{"historic hand name", "Zaire", "COD", NameCountry},
		{"Burma", "Burma", "MMR", NameCountry},
		{"Czech Republic", "the Czech Republic", "CZE", NameCountry},
		{"Russian Federation", "Russian Federation", "RUS", NameCountry},
		{"U.S. with dots", "U.S.", "USA", NameCountry},
		{"America", "America", "USA", NameCountry},
		{"the States keeps its article", "the States", "USA", NameCountry},
		{"Britain", "Britain", "GBR", NameCountry},
		{"England codes as GBR", "England", "GBR", NameCountry},
		{"Holland", "Holland", "NLD", NameCountry},
		{"DRC", "DRC", "COD", NameCountry},
		{"Congo alone is Kinshasa", "Congo", "COD", NameCountry},
		{"Congo-Brazzaville", "Congo-Brazzaville", "COG", NameCountry},
		{"DPRK", "DPRK", "PRK", NameCountry},
		{"ROK", "ROK", "KOR", NameCountry},
		{"Republic of China", "Republic of China", "TWN", NameCountry},
		{"PRC", "People's Republic of China", "CHN", NameCountry},
		{"Vatican", "the Holy See", "VAT", NameCountry},
		{"Gaza is Palestine", "Gaza", "PSE", NameCountry},
		{"West Bank", "the West Bank", "PSE", NameCountry},
		{"Crimea is Ukraine", "Crimea", "UKR", NameCountry},
		{"Kosovo", "Kosovo", "XKX", NameCountry},
		{"Western Sahara", "Western Sahara", "ESH", NameCountry},
		{"Northern Cyprus", "Northern Cyprus", "CYP", NameCountry},
		{"Abkhazia", "Abkhazia", "GEO", NameCountry},
		{"Transnistria", "Transnistria", "MDA", NameCountry},
		{"demonym", "Syrian", "SYR", NameDemonym},
		{"plural demonym", "Israelis", "ISR", NameDemonym},
		{"Emirati", "Emirati", "ARE", NameDemonym},
		{"Emirian", "Emirian", "ARE", NameDemonym},
		{"Kiwi", "Kiwi", "NZL", NameDemonym},
		{"ambiguous Congolese", "Congolese", "COD", NameDemonym},
		{"metonym with article", "the Kremlin", "RUS", NameMetonym},
		{"metonym without article", "Kremlin", "RUS", NameMetonym},
		{"Downing Street", "Downing Street", "GBR", NameMetonym},
		{"Elysee without accent", "the Elysee", "FRA", NameMetonym},
		{"Élysée with accent", "Élysée Palace", "FRA", NameMetonym},
		{"Quai d'Orsay", "Quai d'Orsay", "FRA", NameMetonym},
		{"Foggy Bottom", "Foggy Bottom", "USA", NameMetonym},
		{"Pentagon", "the Pentagon", "USA", NameMetonym},
		{"Zhongnanhai", "Zhongnanhai", "CHN", NameMetonym},
		{"Blue House", "the Blue House", "KOR", NameMetonym},
		{"capital metonym", "Washington", "USA", NameMetonym},
		{"capital", "Tehran", "IRN", NameCapital},
		{"capital from hand file", "Ramallah", "PSE", NameCapital},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, kind, ok := g.CountryByName(tt.in)
			if !ok || c.Alpha3 != tt.want || kind != tt.wantKind {
				t.Errorf("CountryByName(%q) = %q, %q, %v, want %q, %q", tt.in, c.Alpha3, kind, ok, tt.want, tt.wantKind)
			}
		})
	}
	for _, in := range []string{"", "States", "Atlantis", "Islamic Republic", "the", "Strip"} {
		if c, kind, ok := g.CountryByName(in); ok {
			t.Errorf("CountryByName(%q) = %q, %q, want not found", in, c.Alpha3, kind)
		}
	}
}

func TestSubdivisions(t *testing.T) {
	g := testGeo(t)
	tests := []struct {
		name, in, want string // want is the first code
	}{
		{"English region", "Donetsk region", "UA-14"},
		{"Oblast capitalised", "Donetsk Oblast", "UA-14"},
		{"ISO local name", "Donetska oblast", "UA-14"},
		{"old spelling", "Kiev Oblast", "UA-32"},
		{"region of the capital", "the Kyiv region", "UA-32"},
		{"province", "Idlib province", "SY-ID"},
		{"governorate", "Idlib Governorate", "SY-ID"},
		{"bare", "Kherson", "UA-65"},
		{"Kherson region", "Kherson region", "UA-65"},
		{"English exonym", "Bavaria", "DE-BY"},
		{"US state", "Texas", "US-TX"},
		{"ISO bracketed alternate", "Lérida", "ES-L"},
		{"Chinese suffix", "Guangdong Province", "CN-GD"},
		{"American county", "Laramie County", "US-56021"},
		{"Louisiana parish", "Caddo Parish", "US-22017"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subs := g.Subdivisions(tt.in)
			if len(subs) == 0 || subs[0].Code != tt.want {
				var codes []string
				for _, s := range subs {
					codes = append(codes, s.Code)
				}
				t.Errorf("Subdivisions(%q) = %v, want %s first", tt.in, codes, tt.want)
			}
		})
	}
	for _, in := range []string{"Northern", "Central", "the region", "Atlantis province", "Henry", "Orange"} {
		if subs := g.Subdivisions(in); len(subs) != 0 {
			t.Errorf("Subdivisions(%q) = %d subdivisions, want none", in, len(subs))
		}
	}
}

func TestPlaces(t *testing.T) {
	g := testGeo(t)
	tests := []struct {
		name, in, wantID, wantCountry string
	}{
		{"capital", "Kyiv", "703448", "UKR"},
		{"exonym from alternates", "Kiev", "703448", "UKR"},
		{"most populous first", "Paris", "2988507", "FRA"},
		{"saint abbreviated", "St. Petersburg", "498817", "RUS"},
		{"apostrophe dropped", "Tskhinvali", "611403", "GEO"},
		{"Arabic article dropped", "Raqqah", "172955", "SYR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Places(tt.in)
			if len(ps) == 0 || ps[0].ID != tt.wantID || ps[0].Country != tt.wantCountry {
				t.Fatalf("Places(%q) = %v, want %s in %s first", tt.in, ps, tt.wantID, tt.wantCountry)
			}
			for i := 1; i < len(ps); i++ {
				if ps[i].Population > ps[i-1].Population {
					t.Errorf("Places(%q)[%d] has %d inhabitants, more than the one before", tt.in, i, ps[i].Population)
				}
			}
		})
	}
	if ps := g.Places("Qwxzyville"); len(ps) != 0 {
		t.Errorf("Places(%q) = %v, want none", "Qwxzyville", ps)
	}
	p, ok := g.Place("4717560")
	if !ok || p.Name != "Paris" || p.Country != "USA" || p.Admin1 != "Texas" {
		t.Errorf("Place(%q) = %+v, %v, want Paris, Texas", "4717560", p, ok)
	}
	if _, ok := g.Place("0"); ok {
		t.Errorf("Place(%q) found, want not found", "0")
	}
}

func TestResolve(t *testing.T) {
	g := testGeo(t)
	dallas := &news.Location{Lat: 32.78, Lon: -96.80, HasGeo: true}
	parisTX := &news.Location{Lat: 33.66, Lon: -95.56, HasGeo: true}
	boston := &news.Location{Lat: 42.36, Lon: -71.06, HasGeo: true}
	tests := []struct {
		name        string
		in          string
		hints       Hints
		wantCountry string
		wantFeature string
		wantID      string // GeoID, when the test pins it
	}{
		{"country", "Türkiye", Hints{}, "TUR", "country", "TUR"},
		{"exonym", "Ivory Coast", Hints{}, "CIV", "country", "CIV"},
		{"demonym", "Turkish", Hints{}, "TUR", "country", "TUR"},
		{"metonym", "the Kremlin", Hints{}, "RUS", "country", "RUS"},
		{"Kyiv", "Kyiv", Hints{}, "UKR", "city", "703448"},
		{"Kiev", "Kiev", Hints{}, "UKR", "city", "703448"},
		{"oblast", "Donetsk region", Hints{}, "UKR", "admin1", "UA-14"},
		{"city over its oblast", "Donetsk", Hints{}, "UKR", "city", "709717"},
		{"province", "Idlib province", Hints{}, "SYR", "admin1", "SY-ID"},
		{"Springfield unhinted", "Springfield", Hints{}, "USA", "city", "4250542"},
		{"Springfield with a USA hint", "Springfield", Hints{Countries: []string{"USA"}}, "USA", "city", "4250542"},
		{"Springfield near Boston", "Springfield", Hints{Countries: []string{"USA"}, Near: boston}, "USA", "city", "4951788"},
		{"Springfield in Australia", "Springfield", Hints{Countries: []string{"AUS"}}, "AUS", "city", ""},
		{"Paris", "Paris", Hints{}, "FRA", "city", "2988507"},
		{"Paris with a USA hint", "Paris", Hints{Countries: []string{"USA"}}, "FRA", "city", "2988507"},
		{"Paris, Texas", "Paris, Texas", Hints{}, "USA", "city", "4717560"},
		{"Paris, TX", "Paris, TX", Hints{}, "USA", "city", "4717560"},
		{"Paris, Tex.", "Paris, Tex.", Hints{}, "USA", "city", "4717560"},
		{"Paris datelined there", "Paris", Hints{Near: parisTX}, "USA", "city", "4717560"},
		{"Paris near Dallas in American news", "Paris", Hints{Countries: []string{"USA"}, Near: dallas}, "USA", "city", "4717560"},
		{"Springfield, Ill.", "Springfield, Ill.", Hints{}, "USA", "city", "4250542"},
		{"Gaza", "Gaza", Hints{}, "PSE", "territory", ""},
		{"Gaza Strip", "the Gaza Strip", Hints{}, "PSE", "territory", ""},
		{"Crimea", "Crimea", Hints{}, "UKR", "admin1", "UA-43"},
		{"Kosovo", "Kosovo", Hints{}, "XKX", "country", "XKX"},
		{"Georgia unhinted", "Georgia", Hints{}, "GEO", "country", "GEO"},
		{"Georgia in American news", "Georgia", Hints{Countries: []string{"USA"}}, "USA", "admin1", "US-GA"},
		{"Georgia when Georgia is named", "Georgia", Hints{Countries: []string{"USA", "GEO"}}, "GEO", "country", "GEO"},
		{"Tripoli unhinted", "Tripoli", Hints{}, "LBY", "city", ""},
		{"Tripoli in Lebanese news", "Tripoli", Hints{Countries: []string{"LBN"}}, "LBN", "city", ""},
		{"stop word qualified", "Of, Turkey", Hints{}, "TUR", "city", ""},
		{"stop word near", "Mobile", Hints{Near: &news.Location{Lat: 30.7, Lon: -88.0, HasGeo: true}}, "USA", "city", ""},
		{"acronym", "NSW", Hints{}, "AUS", "admin1", "AU-NSW"},
		{"small place with hint", "Soldeu", Hints{Countries: []string{"AND"}}, "AND", "city", ""},
		{"qualified by country", "Alexandria, Egypt", Hints{}, "EGY", "city", ""},
		{"Taiwan with a Chinese hint", "Taiwan", Hints{Countries: []string{"CHN"}}, "TWN", "country", "TWN"},
		{"Hong Kong with a Chinese hint", "Hong Kong", Hints{Countries: []string{"CHN"}}, "HKG", "country", "HKG"},
		{"seat over its governorate", "Raqqa", Hints{}, "SYR", "city", "172955"},
		{"transliteration of a seat", "Mykolaiv", Hints{}, "UKR", "city", "700569"},
		{"governorate with its word", "Raqqa governorate", Hints{}, "SYR", "admin1", "SY-RA"},
		{"state before its city", "New York", Hints{Countries: []string{"USA"}}, "USA", "admin1", "US-NY"},
		{"county, most populous unhinted", "Orange County", Hints{}, "USA", "admin2", "US-06059"},
		{"county in a hinted state", "Orange County", Hints{Subdivisions: []string{"US-FL"}}, "USA", "admin2", "US-12095"},
		{"parish", "Orleans Parish", Hints{}, "USA", "admin2", "US-22071"},
		{"county in the state named most", "Boone County", Hints{Countries: []string{"USA"},
			Subdivisions: []string{"US-IN", "US-IN", "US-IN", "US-IN", "US-IL", "US-OH", "US-KY", "US-MI"}}, "USA", "admin2", "US-18011"},
		{"Afghan province", "Kunar", Hints{}, "AFG", "admin1", "AF-KNR"},
		{"state abbreviation alone", "SA", Hints{Countries: []string{"AUS"}}, "AUS", "admin1", "AU-SA"},
		{"province located by its seat", "Prince Edward Island", Hints{}, "CAN", "admin1", "CA-PE"},
		{"county abbreviated", "Platte Co.", Hints{Subdivisions: []string{"US-NE"}}, "USA", "admin2", "US-31141"},
		{"county named bare beside counties", "Sarpy", Hints{Countries: []string{"USA"},
			Subdivisions: []string{"US-NE", "US-NE"}, Context: []string{"Douglas County", "Omaha"}}, "USA", "admin2", "US-31153"},
		{"town of the state before a county", "Omaha", Hints{Countries: []string{"USA"},
			Subdivisions: []string{"US-NE", "US-NE"}, Context: []string{"Douglas County", "Sarpy"}}, "USA", "city", "5074472"},
		{"state before a county of its name", "Iowa", Hints{Countries: []string{"USA"},
			Subdivisions: []string{"US-WI", "US-WI"}, Context: []string{"Dane County"}}, "USA", "admin1", "US-IA"},
		{"Canadian Press abbreviation", "Sask.", Hints{}, "CAN", "admin1", "CA-SK"},
		{"qualified by a Canadian Press abbreviation", "Regina, Sask.", Hints{}, "CAN", "city", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, ok := g.Resolve(tt.in, tt.hints)
			if !ok || loc.Country != tt.wantCountry || loc.Feature != tt.wantFeature || tt.wantID != "" && loc.GeoID != tt.wantID {
				t.Errorf("Resolve(%q, %+v) = %+v, %v, want %s %s %s", tt.in, tt.hints, loc, ok, tt.wantCountry, tt.wantFeature, tt.wantID)
			}
			if ok && (!loc.HasGeo || !validLatLon(loc.Lat, loc.Lon)) {
				t.Errorf("Resolve(%q) = %+v, want coordinates", tt.in, loc)
			}
		})
	}
	for _, in := range []string{"", "Of", "Mary", "Soldeu", "Qwxzyville", "the", "EU", "Levant", "the Balkans", "Europe", "Kashmir"} {
		if loc, ok := g.Resolve(in, Hints{}); ok {
			t.Errorf("Resolve(%q, no hints) = %+v, want not found", in, loc)
		}
	}
	if loc, ok := g.Resolve("Mobile", Hints{Countries: []string{"USA"}}); ok {
		t.Errorf("Resolve(%q, USA hint) = %+v, want not found: a country hint is not enough for a common word", "Mobile", loc)
	}
	if loc, ok := g.Resolve("SA", Hints{Countries: []string{"ZAF"}}); ok && loc.Country == "AUS" {
		t.Errorf("Resolve(%q, ZAF hint) = %+v, want no Australian state in South African news", "SA", loc)
	}
}

// TestResolveContext checks that the other place names of an article
// choose among namesakes.
func TestResolveContext(t *testing.T) {
	g := testGeo(t)
	tests := []struct {
		name        string
		in          string
		hints       Hints
		wantCountry string
		wantFeature string
		wantAdmin1  string
	}{
		{"Paris among Texas towns", "Paris", Hints{Countries: []string{"USA"}, Context: []string{"Sulphur Springs", "Bonham", "Texas"}}, "USA", "city", "Texas"},
		{"Paris among French cities", "Paris", Hints{Context: []string{"Lyon", "Marseille"}}, "FRA", "city", ""},
		{"Athens among Ohio towns", "Athens", Hints{Countries: []string{"USA"}, Context: []string{"Nelsonville", "Marietta", "Ohio"}}, "USA", "city", "Ohio"},
		{"Athens among Greek towns", "Athens", Hints{Context: []string{"Piraeus", "Thessaloniki"}}, "GRC", "city", ""},
		{"a town over a country of its name", "Jordan", Hints{Countries: []string{"USA"}, Context: []string{"Minnesota", "Shakopee", "Belle Plaine"}}, "USA", "city", "Minnesota"},
		{"a great country over a town", "Mexico", Hints{Countries: []string{"USA"}, Context: []string{"Maine", "Rumford"}}, "MEX", "country", ""},
		{"a country in a list of countries", "Jordan", Hints{Countries: []string{"USA", "SYR", "IRQ"}, Context: []string{"Minnesota", "Shakopee"}}, "JOR", "country", ""},
		{"a state among its towns", "Georgia", Hints{Context: []string{"Atlanta", "Macon", "Savannah"}}, "USA", "admin1", ""},
		{"a county beside its towns", "Washington County", Hints{Countries: []string{"USA"}, Context: []string{"Fayetteville", "Springdale", "Arkansas"}}, "USA", "admin2", "Arkansas"},
		{"context alone is not enough for a common word", "Mobile", Hints{Context: []string{"Birmingham", "Montgomery"}}, "", "", ""},
		{"a county named bare after its full name", "Gwinnett", Hints{Context: []string{"Gwinnett County", "Lawrenceville"}}, "USA", "admin2", "Georgia"},
		{"a town that shares its county's name", "Dallas", Hints{Context: []string{"Dallas County", "Texas"}}, "USA", "city", "Texas"},
		{"an English county", "Kent", Hints{Countries: []string{"GBR"}}, "GBR", "admin2", "England"},
		{"a town beside an English county", "Lancaster", Hints{Context: []string{"Lancashire"}}, "GBR", "city", "England"},
		{"the capital in an article that names many states", "Washington", Hints{Countries: []string{"USA"},
			Subdivisions: []string{"US-CA", "US-PA", "US-TX", "US-ND"}}, "USA", "city", "District of Columbia"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, ok := g.Resolve(tt.in, tt.hints)
			if tt.wantCountry == "" {
				if ok {
					t.Errorf("Resolve(%q, %+v) = %+v, want not found", tt.in, tt.hints, loc)
				}
				return
			}
			if !ok || loc.Country != tt.wantCountry || loc.Feature != tt.wantFeature || tt.wantAdmin1 != "" && loc.Admin1 != tt.wantAdmin1 {
				t.Errorf("Resolve(%q, %+v) = %+v, %v, want %s %s in %q", tt.in, tt.hints, loc, ok, tt.wantCountry, tt.wantFeature, tt.wantAdmin1)
			}
			if ok && !loc.HasGeo {
				t.Errorf("Resolve(%q, %+v) = %+v, want coordinates", tt.in, tt.hints, loc)
			}
		})
	}
}

func TestHullCentroid(t *testing.T) {
	tests := []struct {
		name       string
		lats, lons []float64
		lat, lon   float64
	}{
		{"square with a crowded corner", []float64{0, 0, 2, 2, 0.1, 0.2, 0.1}, []float64{0, 2, 2, 0, 0.1, 0.1, 0.2}, 1, 1},
		{"one point", []float64{5}, []float64{7}, 5, 7},
		{"across longitude 180", []float64{-1, 1, -1, 1}, []float64{179, 179, -179, -179}, 0, 180},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lat, lon, ok := hullCentroid(tt.lats, tt.lons)
			if lon == -180 {
				lon = 180
			}
			if !ok || math.Abs(lat-tt.lat) > 0.01 || math.Abs(lon-tt.lon) > 0.01 {
				t.Errorf("hullCentroid(%v, %v) = %.3f, %.3f, %v, want %v, %v", tt.lats, tt.lons, lat, lon, ok, tt.lat, tt.lon)
			}
		})
	}
	if _, _, ok := hullCentroid(nil, nil); ok {
		t.Errorf("hullCentroid(nil, nil) ok, want not")
	}
}

// TestSubdivisionPoints checks that subdivisions sit in the middle of
// their area, near the centre of the box their borders span, and not at
// their capitals or at a namesake town elsewhere.
func TestSubdivisionPoints(t *testing.T) {
	g := testGeo(t)
	g.locate()
	tests := []struct {
		code     string
		lat, lon float64 // middle of the box of its borders
		km       float64
	}{
		{"CA-AB", 54.5, -115, 100},    // not Edmonton
		{"AU-NSW", -32.5, 147.5, 100}, // not Sydney, nor Lord Howe Island
		{"GB-ENG", 52.6, -1.5, 100},   // from its counties; not London
		{"GB-MRT", 51.41, -0.19, 10},  // the London borough, not Merton in Devon
		{"FR-61", 48.6, 0.1, 40},      // Orne, in Normandy
		{"US-TX", 31.3, -99.3, 60},    // the census outline
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			i, ok := g.subCodes[tt.code]
			if !ok {
				t.Fatalf("no subdivision %s", tt.code)
			}
			s := g.subs[i]
			if d := Distance(s.lat, s.lon, tt.lat, tt.lon); !s.hasGeo || d > tt.km {
				t.Errorf("%s at %.4f, %.4f (%v), %.0f km from %v, %v, want within %.0f km", tt.code, s.lat, s.lon, s.hasGeo, d, tt.lat, tt.lon, tt.km)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 48.85, 2.35, 48.85, 2.35, 0},
		{"Paris to London", 48.8534, 2.3488, 51.5085, -0.1257, 344},
		{"quarter meridian", 0, 0, 90, 0, 10008},
		{"across the antimeridian", 0, 179.5, 0, -179.5, 111},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > 1 {
				t.Errorf("Distance(%v, %v, %v, %v) = %.1f, want %.0f", tt.lat1, tt.lon1, tt.lat2, tt.lon2, got, tt.want)
			}
		})
	}
}

// TestGeoData checks the embedded files as data: codes, names, coordinates
// and the links between the files.
func TestGeoData(t *testing.T) {
	g := testGeo(t)
	if n := len(g.countries); n < 250 {
		t.Errorf("%d countries, want every ISO 3166-1 country and Kosovo", n)
	}
	alpha2 := map[string]bool{}
	for i, c := range g.countries {
		if len(c.Alpha3) != 3 || strings.ToUpper(c.Alpha3) != c.Alpha3 || !isLetters(c.Alpha3) {
			t.Errorf("country %d: alpha-3 %q is not three capital letters", i, c.Alpha3)
		}
		if i > 0 && g.countries[i-1].Alpha3 >= c.Alpha3 {
			t.Errorf("alpha-3 %q is not unique or not in order", c.Alpha3)
		}
		if alpha2[c.Alpha2] || len(c.Alpha2) != 2 {
			t.Errorf("%s: alpha-2 %q is not unique or not two letters", c.Alpha3, c.Alpha2)
		}
		alpha2[c.Alpha2] = true
		if len(c.Demonyms) == 0 {
			t.Errorf("%s has no demonym", c.Alpha3)
		}
		if Fold(c.Name) == "" {
			t.Errorf("%s: name %q folds to nothing", c.Alpha3, c.Name)
		}
		if g.cgeo[i] && !validLatLon(c.Lat, c.Lon) {
			t.Errorf("%s: coordinates %v, %v out of range", c.Alpha3, c.Lat, c.Lon)
		}
		if c.Capital == "" && c.Alpha3 != "ATA" && c.Alpha3 != "BVT" && c.Alpha3 != "HMD" && c.Alpha3 != "IOT" && c.Alpha3 != "TKL" && c.Alpha3 != "UMI" && c.Alpha3 != "SGS" && c.Alpha3 != "ATF" {
			t.Errorf("%s has no capital", c.Alpha3)
		}
	}
	for _, tr := range g.territories {
		if _, ok := g.Resolve(surface(tr.name), Hints{}); !ok {
			t.Errorf("territory %q does not resolve", tr.name)
		}
	}
	g.locate()
	for _, tr := range g.territories {
		if tr.anchor != "" && !tr.hasGeo {
			t.Errorf("territory %q: anchor %q not found", tr.name, tr.anchor)
		}
	}
	for i := range g.subs {
		s := &g.subs[i]
		if !strings.HasPrefix(s.Code, g.countries[s.country].Alpha2+"-") {
			t.Errorf("subdivision %s is filed under %s", s.Code, s.Country)
		}
		if s.Parent != "" && s.parent < 0 {
			t.Errorf("subdivision %s: parent %s unknown", s.Code, s.Parent)
		}
		if s.seat != "" {
			if _, ok := g.placeIn(s.seat, s.country); !ok {
				t.Errorf("subdivision %s: seat %q is no place of %s", s.Code, s.seat, s.Country)
			}
		}
		if s.hasGeo && !validLatLon(s.lat, s.lon) {
			t.Errorf("subdivision %s: coordinates %v, %v out of range", s.Code, s.lat, s.lon)
		}
		if s.county && (s.parent < 0 || !s.hasGeo || g.subs[s.parent].Country != "USA") {
			t.Errorf("county %s: no state or no coordinates", s.Code)
		}
	}
	counties := 0
	for i := range g.subs {
		if g.subs[i].county {
			counties++
		}
	}
	if counties < 3000 {
		t.Errorf("%d American counties, want the whole census table", counties)
	}
	// Every subdivision with a seat or gazetteer places is located; the
	// rest are mostly municipalities of small countries that neither
	// GeoNames' divisions nor a place of their name match.
	located := 0
	for i := range g.subs {
		if s := &g.subs[i]; s.parent < 0 && !s.county && s.hasGeo {
			located++
		}
	}
	if located < 2600 {
		t.Errorf("%d first-level subdivisions located, want at least 2600", located)
	}
	for _, code := range []string{"GB-KEN", "IE-CE", "RU-AD", "CL-AR", "KR-26", "MA-04", "GH-AH", "FI-11"} {
		if s := g.subs[g.subCodes[code]]; !s.hasGeo {
			t.Errorf("subdivision %s (%s) is not located", code, s.Name)
		}
	}
	for _, code := range []string{"US-TX", "US-AK", "US-HI"} {
		s := g.subs[g.subCodes[code]]
		if !s.hasGeo || s.pop == 0 {
			t.Errorf("state %s has no census centroid or population", code)
		}
	}
	if err := g.readAlternates(); err != nil {
		t.Errorf("readAlternates() error: %v", err)
	}
	if n := len(g.places.recs); n < 150_000 {
		t.Errorf("%d places, want the whole cities-500 table", n)
	}
	ids := map[string]bool{}
	for i := range g.places.recs {
		p := g.place(int32(i))
		if ids[p.ID] {
			t.Errorf("place id %s is not unique", p.ID)
		}
		ids[p.ID] = true
		if !validLatLon(p.Lat, p.Lon) {
			t.Errorf("place %s: coordinates %v, %v out of range", p.ID, p.Lat, p.Lon)
		}
		if Fold(p.Name) == "" && p.Population >= nameThreshold {
			t.Errorf("place %s: name %q folds to nothing", p.ID, p.Name)
		}
		if i > 0 && g.places.recs[i-1].pop < g.places.recs[i].pop {
			t.Errorf("place %s is out of population order", p.ID)
		}
	}
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func TestGeoNames(t *testing.T) {
	g := testGeo(t)
	type key struct {
		text string
		kind NameKind
		key  string
	}
	got := map[key]bool{}
	emitted := map[Name]bool{}
	n := 0
	g.names(func(nm Name) {
		n++
		if emitted[nm] {
			t.Errorf("names() gave %+v twice", nm)
		}
		emitted[nm] = true
		if Fold(nm.Text) == "" {
			t.Errorf("name %+v folds to nothing", nm)
		}
		if nm.Key == "" {
			t.Errorf("name %+v has no key", nm)
		}
		got[key{Fold(nm.Text), nm.Kind, nm.Key}] = true
	})
	want := []key{
		{"France", NameCountry, "FRA"},
		{"Ivory Coast", NameCountry, "CIV"},
		{"Gaza", NameCountry, "PSE"},
		{"Syrian", NameDemonym, "SYR"},
		{"the Kremlin", NameMetonym, "RUS"},
		{"Kremlin", NameMetonym, "RUS"},
		{"the States", NameCountry, "USA"},
		{"Moscow", NameCapital, "RUS"},
		{"Donetsk region", NameSubdivision, "UA-14"},
		{"the Donetsk region", NameSubdivision, "UA-14"},
		{"Donetsk Oblast", NameSubdivision, "UA-14"},
		{"Idlib province", NameSubdivision, "SY-ID"},
		{"Idlib governorate", NameSubdivision, "SY-ID"},
		{"Texas", NameSubdivision, "US-TX"},
		{"Kyiv", NamePlace, "703448"},
		{"Kiev", NamePlace, "703448"},
		{"Paris", NamePlace, "4717560"},
	}
	for _, w := range want {
		if !got[key{Fold(w.text), w.kind, w.key}] {
			t.Errorf("names() lacks %+v", w)
		}
	}
	unwanted := []key{
		{"States", NameCountry, "USA"},
		{"Congolese", NameDemonym, "COG"},
		{"Central", NameSubdivision, "BW-CE"},
	}
	for _, w := range unwanted {
		if got[key{Fold(w.text), w.kind, w.key}] {
			t.Errorf("names() has %+v", w)
		}
	}
	for k := range got {
		if k.kind == NamePlace && (k.text == "of" || k.text == "police") {
			t.Errorf("names() has stop-listed place %+v", k)
		}
	}
	if n < 50_000 {
		t.Errorf("names() gave %d names, want the gazetteer's larger places too", n)
	}
}

// BenchmarkLoad measures loading the whole knowledge base, which must stay
// well under 300 ms.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadReady measures loading the knowledge base and the first
// place resolution with context, which builds the indexes made on first
// use (alternate names, subdivision points): the start-up cost of a run.
func BenchmarkLoadReady(b *testing.B) {
	for b.Loop() {
		k, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := k.Geo().Resolve("Springfield", Hints{Countries: []string{"USA"}, Context: []string{"Illinois", "Peoria"}}); !ok {
			b.Fatal("Springfield not resolved")
		}
	}
}

// BenchmarkLoadGeo measures loading the geography alone.
func BenchmarkLoadGeo(b *testing.B) {
	for b.Loop() {
		if _, err := loadGeo(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexAlternates measures loading the geography without
// places.idx and indexing the alternate names, which the index spares.
func BenchmarkIndexAlternates(b *testing.B) {
	for b.Loop() {
		g, err := loadGeoIndex("")
		if err != nil {
			b.Fatal(err)
		}
		g.indexAlternates()
	}
}

// BenchmarkGeoNames measures listing the names of the geography for the
// recogniser, the first time, as a run does once at start-up.
func BenchmarkGeoNames(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		g, err := loadGeo()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n := 0
		g.names(func(Name) { n++ })
		if n == 0 {
			b.Fatal("no names")
		}
	}
}

func BenchmarkPlaces(b *testing.B) {
	g := testGeo(b)
	g.indexAlternates()
	for b.Loop() {
		g.Places("Springfield")
	}
}

func BenchmarkResolve(b *testing.B) {
	g := testGeo(b)
	g.indexAlternates()
	h := Hints{Countries: []string{"USA"}}
	for b.Loop() {
		g.Resolve("Springfield", h)
		g.Resolve("Donetsk region", h)
	}
}

// BenchmarkResolveContext measures Resolve with an article's worth of
// other place names, which it reads on every call.
func BenchmarkResolveContext(b *testing.B) {
	g := testGeo(b)
	g.indexAlternates()
	h := Hints{Countries: []string{"USA"}, Context: []string{"Texas", "Dallas", "Fort Worth", "Arlington",
		"Tyler", "Sulphur Springs", "Bonham", "Sherman", "Denison", "Greenville", "Lamar County", "Red River",
		"Oklahoma", "Durant", "Hugo", "Clarksville", "Mount Pleasant", "Longview", "Marshall", "Texarkana"}}
	for b.Loop() {
		g.Resolve("Paris", h)
		g.Resolve("Athens", h)
	}
}

func TestHasApostrophe(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Ts'khinvali", true},
		{"Ts`khinvali", true},
		{"Ts’khinvali", true},
		{"Tsʼkhinvali", true},
		{"Tsʻkhinvali", true},
		{"Ts‘khinvali", true},
		{"Ts′khinvali", true},
		{"Tskhinvali", false},
		{"Tbilisi—Gori", false}, // an em dash shares the lead byte E2
		{"Şanlıurfa", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasApostrophe(tt.in); got != tt.want {
			t.Errorf("hasApostrophe(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
