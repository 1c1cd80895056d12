package kb

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Place is a populated place of the gazetteer (GeoNames cities-500).
// Country is its ISO alpha-3 code, Admin1 the name of its first-level
// subdivision when known, Feature its GeoNames feature code (PPLC for a
// capital, PPLA for the seat of a first-level subdivision, PPL, ...).
type Place struct {
	ID, Name, Country, Admin1, Feature string
	Lat, Lon                           float64
	Population                         int
}

// gazetteer is the place table. The decompressed file stays in memory as
// one string; each place keeps only what ranking needs, without pointers,
// and the rest of its line is split when a Place is built. Places are
// stored most populous first, so every candidate list in file order is
// also in population order.
type gazetteer struct {
	text string
	recs []placeRec
	// primary indexes the places by the foldKey of their primary name
	// (the ASCII name).
	primary hashIndex
	stop    map[string]bool
	// regions holds the names of regions that span countries
	// (regions.txt), which no place stands for.
	regions map[string]bool
	// capitals holds the names of the places countries.tsv gives as
	// capitals, by country index.
	capitals map[int]string
	// countryPop sums the population of each country's places.
	countryPop []int64

	// The alternate names (places_alt.tsv) are read on first use. Their
	// index comes from places.idx, or is built on the first lookup when
	// places.idx does not belong to the data.
	altTextOnce sync.Once
	altText     string
	altLines    []uint32 // start of place i's line in altText
	altErr      error
	altOnce     sync.Once
	alt         hashIndex

	idOnce sync.Once
	ids    map[string]int32
}

type placeRec struct {
	off, end uint32 // the line in text
	lat, lon int32  // degrees × 10⁴
	pop      int32
	country  int16 // index into Geo.countries
	admin1   int16 // index into Geo.subs, or -1
}

// hashIndex maps name hashes to places: keys sorted, with the places of
// one key in ascending (population) order. Unlike a map it is built by a
// radix sort and holds no pointers, which keeps loading fast.
type hashIndex struct {
	keys []uint64
	vals []int32
}

// newHashIndex sorts the pairs (keys[i], vals[i]) by key, keeping the
// given order among equal keys.
func newHashIndex(keys []uint64, vals []int32) hashIndex {
	n := len(keys)
	k2, v2 := make([]uint64, n), make([]int32, n)
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		clear(count[:])
		for _, k := range keys {
			count[(k>>shift)&0xffff]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for i, k := range keys {
			d := (k >> shift) & 0xffff
			k2[count[d]], v2[count[d]] = k, vals[i]
			count[d]++
		}
		keys, k2 = k2, keys
		vals, v2 = v2, vals
	}
	return hashIndex{keys: keys, vals: vals}
}

// lookup returns the places indexed under key, in ascending order.
func (x *hashIndex) lookup(key uint64) []int32 {
	i, _ := slices.BinarySearch(x.keys, key)
	j := i
	for j < len(x.keys) && x.keys[j] == key {
		j++
	}
	return x.vals[i:j]
}

// Columns of places.tsv.
const (
	pcID = iota
	pcName
	pcASCII
	pcCountry
	pcAdmin1
	pcLat
	pcLon
	pcPopulation
	pcFeature
	pcCount
)

// loadPlaces reads the gazetteer: its places and their indexes from
// places.idx, given as index, when it belongs to the data, else by
// parsing places.tsv and folding the names.
func (g *Geo) loadPlaces(index string) error {
	pl := &g.places
	pl.text = placesTSV
	var err error
	if pl.stop, err = readNameSet("place_stop.txt"); err != nil {
		return err
	}
	if pl.regions, err = readNameSet("regions.txt"); err != nil {
		return err
	}
	if sum, err := geoDataSum(); err == nil && g.readIndex(index, sum) {
		return nil
	}
	if err := g.parsePlacesTSV(); err != nil {
		return err
	}
	g.indexPrimary()
	return nil
}

// parsePlacesTSV parses places.tsv into the places, their countries'
// populations and the capitals' names.
func (g *Geo) parsePlacesTSV() error {
	pl := &g.places
	pl.capitals = map[int]string{}
	pl.countryPop = make([]int64, len(g.countries))
	// Alpha-3 codes index a table rather than a map: this loop runs for
	// every place.
	country := make([]int16, 26*26*26)
	for i := range country {
		country[i] = -1
	}
	for ci, c := range g.countries {
		if k, ok := alphaIndex(c.Alpha3); ok {
			country[k] = int16(ci)
		}
	}
	// The text is shared out in ranges of whole lines, two per core so
	// that they balance, each parsed into its own stretch of one array,
	// and the ranges' places are then moved together in order.
	parts := min(max(2*runtime.GOMAXPROCS(0), 1), 8)
	chunks := make([]placeChunk, parts)
	all := make([]placeRec, strings.Count(pl.text, "\n")+parts)
	var wg sync.WaitGroup
	lo, base := 0, 0
	for w := range parts {
		hi := len(pl.text)
		if w < parts-1 {
			hi = max(lo, (w+1)*len(pl.text)/parts)
			if j := strings.IndexByte(pl.text[hi:], '\n'); j >= 0 {
				hi += j + 1
			} else {
				hi = len(pl.text)
			}
		}
		from, lines := lo, strings.Count(pl.text[lo:hi], "\n")+1
		buf := all[base:base:min(base+lines, len(all))]
		wg.Go(func() { chunks[w] = g.parsePlaces(pl.text, from, hi, country, buf) })
		lo, base = hi, base+lines
	}
	wg.Wait()
	n := 0
	for _, c := range chunks {
		if c.err != nil {
			return c.err
		}
		n += copy(all[n:], c.recs)
		for ci, pop := range c.countryPop {
			pl.countryPop[ci] += pop
		}
		for ci, name := range c.capitals {
			pl.capitals[ci] = name
		}
	}
	pl.recs = all[:n:n]
	return nil
}

// placeChunk holds the places of a range of places.tsv.
type placeChunk struct {
	recs       []placeRec
	countryPop []int64
	capitals   map[int]string
	err        error
}

// parsePlaces parses the lines of text from lo to hi (line starts),
// appending the places to recs, which has room for them.
func (g *Geo) parsePlaces(text string, lo, hi int, country []int16, recs []placeRec) placeChunk {
	c := placeChunk{recs: recs, countryPop: make([]int64, len(g.countries)), capitals: map[int]string{}}
	var f [pcCount]string
	for off := lo; off < hi; {
		start := off
		line := text[off:hi]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
			off += j + 1
		} else {
			off = hi
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if !splitTabs(line, f[:]) {
			c.err = fmt.Errorf("places.tsv: line at byte %d: want %d cells", start, pcCount)
			return c
		}
		r, err := g.parsePlace(f[:], country)
		if err != nil {
			c.err = fmt.Errorf("places.tsv: place %s: %v", f[pcID], err)
			return c
		}
		r.off, r.end = uint32(start), uint32(start+len(line))
		if g.countries[r.country].Capital == f[pcID] {
			c.capitals[int(r.country)] = f[pcName]
		}
		c.recs = append(c.recs, r)
		c.countryPop[r.country] += int64(r.pop)
	}
	return c
}

// readNameSet reads a data file of one name a line into a set of folded
// names.
func readNameSet(file string) (map[string]bool, error) {
	r, err := geoFiles.ReadFile("data/geo/" + file)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for line := range strings.Lines(string(r)) {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			set[Fold(line)] = true
		}
	}
	return set, nil
}

// alphaIndex maps an upper-case three-letter code to 0..26³-1.
func alphaIndex(code string) (int, bool) {
	if len(code) != 3 {
		return 0, false
	}
	k := 0
	for i := range 3 {
		c := code[i]
		if c < 'A' || c > 'Z' {
			return 0, false
		}
		k = k*26 + int(c-'A')
	}
	return k, true
}

// splitTabs splits line into exactly len(f) tab-separated cells.
func splitTabs(line string, f []string) bool {
	for i := range len(f) - 1 {
		j := strings.IndexByte(line, '\t')
		if j < 0 {
			return false
		}
		f[i], line = line[:j], line[j+1:]
	}
	if strings.IndexByte(line, '\t') >= 0 {
		return false
	}
	f[len(f)-1] = line
	return true
}

func (g *Geo) parsePlace(f []string, country []int16) (placeRec, error) {
	r := placeRec{admin1: -1}
	k, ok := alphaIndex(f[pcCountry])
	if !ok || country[k] < 0 {
		return r, fmt.Errorf("unknown country %q", f[pcCountry])
	}
	r.country = country[k]
	if a := f[pcAdmin1]; a != "" {
		si, ok := g.subCodes[a]
		if !ok {
			return r, fmt.Errorf("unknown subdivision %q", a)
		}
		r.admin1 = int16(si)
	}
	lat, ok1 := parseE4(f[pcLat])
	lon, ok2 := parseE4(f[pcLon])
	if !ok1 || !ok2 || lat < -90e4 || lat > 90e4 || lon < -180e4 || lon > 180e4 {
		return r, fmt.Errorf("bad coordinates %q %q", f[pcLat], f[pcLon])
	}
	r.lat, r.lon = lat, lon
	pop, ok := parseCount(f[pcPopulation])
	if !ok {
		return r, fmt.Errorf("bad population %q", f[pcPopulation])
	}
	r.pop = pop
	return r, nil
}

// parseCount parses a non-negative decimal integer that fits an int32.
func parseCount(s string) (int32, bool) {
	if s == "" || len(s) > 10 {
		return 0, false
	}
	var n int64
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// parseE4 parses a decimal with at most four decimals into an integer
// count of ten-thousandths, faster than strconv.ParseFloat.
func parseE4(s string) (int32, bool) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 12 {
		return 0, false
	}
	var n int64
	frac := -1
	for i := range len(s) {
		c := s[i]
		switch {
		case c == '.' && frac < 0:
			frac = 0
		case '0' <= c && c <= '9':
			if frac >= 4 {
				return 0, false
			}
			n = n*10 + int64(c-'0')
			if frac >= 0 {
				frac++
			}
		default:
			return 0, false
		}
	}
	for range 4 - max(frac, 0) {
		n *= 10
	}
	if neg {
		n = -n
	}
	return int32(n), true
}

// cells splits the stored line of place i.
func (g *Geo) cells(i int32) [pcCount]string {
	var f [pcCount]string
	r := &g.places.recs[i]
	splitTabs(g.places.text[r.off:r.end], f[:]) // checked when loading
	return f
}

func (g *Geo) place(i int32) Place {
	f := g.cells(i)
	r := &g.places.recs[i]
	p := Place{
		ID:         f[pcID],
		Name:       f[pcName],
		Country:    g.countries[r.country].Alpha3,
		Feature:    f[pcFeature],
		Lat:        float64(r.lat) / 1e4,
		Lon:        float64(r.lon) / 1e4,
		Population: int(r.pop),
	}
	if r.admin1 >= 0 {
		p.Admin1 = g.subName(int(r.admin1))
	}
	return p
}

// readAlternates finds the lines of places_alt.tsv, once, and checks
// that they match the places line for line.
func (g *Geo) readAlternates() error {
	pl := &g.places
	pl.altTextOnce.Do(func() {
		text := placesAltTSV
		lines := make([]uint32, 0, len(pl.recs))
		for off := 0; off < len(text); {
			end := strings.IndexByte(text[off:], '\n')
			if end < 0 {
				end = len(text) - off
			}
			if text[off] != '#' {
				lines = append(lines, uint32(off))
			}
			off += end + 1
		}
		if len(lines) != len(pl.recs) {
			pl.altErr = fmt.Errorf("places_alt.tsv: %d lines for %d places", len(lines), len(pl.recs))
			return
		}
		for _, k := range []int{0, len(lines) / 2, len(lines) - 1} {
			if len(lines) > 0 && g.altID(text, lines, k) != g.cells(int32(k))[pcID] {
				pl.altErr = fmt.Errorf("places_alt.tsv: line %d is not place %s", k, g.cells(int32(k))[pcID])
				return
			}
		}
		pl.altText, pl.altLines = text, lines
	})
	return pl.altErr
}

func (g *Geo) altID(text string, lines []uint32, k int) string {
	line := text[lines[k]:]
	if i := strings.IndexByte(line, '\t'); i >= 0 {
		return line[:i]
	}
	return ""
}

// alternates returns the '|'-separated alternate names of place i, or ""
// when it has none or places_alt.tsv does not match places.tsv (which
// the tests rule out for the embedded files).
func (g *Geo) alternates(i int32) string {
	if g.readAlternates() != nil {
		return ""
	}
	pl := &g.places
	line := pl.altText[pl.altLines[i]:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	_, alts, _ := strings.Cut(line, "\t")
	return alts
}

// arabicArticle lists the countries whose place names GeoNames writes with
// the Arabic article ("Ar Raqqah", "Al Hasakah") that English news often
// drops ("Raqqa", "Hasakah").
func arabicArticle(alpha3 string) bool {
	switch alpha3 {
	case "DZA", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN",
		"PSE", "QAT", "SAU", "SDN", "SYR", "TUN", "ARE", "YEM", "ISR", "TCD", "ESH":
		return true
	}
	return false
}

// indexAlternates builds the second name index, once: alternate names,
// the folded original-script name where it differs from the ASCII one,
// forms without apostrophes ("Tskhinvali" for "Ts'khinvali"), and Arab
// place names without their article.
func (g *Geo) indexAlternates() {
	pl := &g.places
	pl.altOnce.Do(func() {
		// The places are shared out in ranges among the cores, and the
		// ranges' keys joined in order, so the index is the same on
		// every machine.
		parts := min(max(runtime.GOMAXPROCS(0), 1), 8)
		keys := make([][]uint64, parts)
		vals := make([][]int32, parts)
		var wg sync.WaitGroup
		for w := range parts {
			lo, hi := w*len(pl.recs)/parts, (w+1)*len(pl.recs)/parts
			wg.Go(func() { keys[w], vals[w] = g.alternateKeys(lo, hi) })
		}
		wg.Wait()
		pl.alt = newHashIndex(slices.Concat(keys...), slices.Concat(vals...))
	})
}

// alternateKeys returns the alternate-name keys of the places lo to hi-1
// and, beside each, its place.
func (g *Geo) alternateKeys(lo, hi int) ([]uint64, []int32) {
	pl := &g.places
	allKeys := make([]uint64, 0, 2*(hi-lo))
	allVals := make([]int32, 0, 2*(hi-lo))
	var keys []uint64
	var folded []string
	for i := lo; i < hi; i++ {
		f := g.cells(int32(i))
		primary := f[pcASCII]
		if primary == "" {
			primary = f[pcName]
		}
		pk := foldKey(primary)
		keys, folded = keys[:0], folded[:0]
		add := func(k uint64) {
			if k != pk && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if f[pcASCII] != "" {
			add(foldKey(f[pcName]))
		}
		alts := g.alternates(int32(i))
		for a := range strings.SplitSeq(alts, "|") {
			if a != "" {
				add(foldKey(a))
			}
		}
		// The rarer variants need the folded text itself.
		arabic := arabicArticle(g.countries[pl.recs[i].country].Alpha3)
		if arabic || hasApostrophe(f[pcName]) || hasApostrophe(alts) {
			folded = append(folded, Fold(primary), Fold(f[pcName]))
			for a := range strings.SplitSeq(alts, "|") {
				folded = append(folded, Fold(a))
			}
			for _, k := range folded {
				if strings.IndexByte(k, '\'') >= 0 {
					add(hashKey(strings.ReplaceAll(k, "'", "")))
				}
				if art, rest, ok := strings.Cut(k, " "); arabic && ok && isArabicArticle(art) && len(rest) >= 4 {
					add(hashKey(rest))
				}
			}
		}
		for _, k := range keys {
			allKeys = append(allKeys, k)
			allVals = append(allVals, int32(i))
		}
	}
	return allKeys, allVals
}

// hasApostrophe reports whether s holds a character that Fold turns into
// an apostrophe.
func hasApostrophe(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '`':
			return true
		case 0xE2: // ‘ ’ ′: E2 80 98, E2 80 99, E2 80 B2
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x98 || s[i+2] == 0x99 || s[i+2] == 0xB2) {
				return true
			}
		case 0xCA: // ʻ ʼ: CA BB, CA BC
			if i+1 < len(s) && (s[i+1] == 0xBB || s[i+1] == 0xBC) {
				return true
			}
		}
	}
	return false
}

func isArabicArticle(w string) bool {
	switch w {
	case "al", "el", "ar", "as", "ad", "an", "az", "ash", "at", "ath", "adh":
		return true
	}
	return false
}

// findPlaces returns the places whose name or alternate name folds to key,
// most populous first. "st." and "saint" stand for each other.
func (g *Geo) findPlaces(key string) []int32 {
	out := g.findPlacesExact(key)
	for _, pre := range saintForms() {
		if rest, ok := strings.CutPrefix(key, pre[0]); ok {
			out = mergeSorted(out, g.findPlacesExact(pre[1]+rest))
		}
	}
	return out
}

// findPrimary returns the places whose primary name folds to key, with
// the abbreviations of findPlaces, in ascending order.
func (g *Geo) findPrimary(key string) []int32 {
	out := g.places.primary.lookup(hashKey(key))
	for _, pre := range saintForms() {
		if rest, ok := strings.CutPrefix(key, pre[0]); ok {
			out = mergeSorted(slices.Clone(out), g.places.primary.lookup(hashKey(pre[1]+rest)))
		}
	}
	return out
}

// saintForms returns the abbreviations of place names that stand for
// each other.
func saintForms() [9][2]string {
	return [...][2]string{{"st. ", "saint "}, {"st ", "saint "}, {"saint ", "st. "}, {"ste. ", "sainte "},
		{"ste ", "sainte "}, {"mt. ", "mount "}, {"mt ", "mount "}, {"ft. ", "fort "}, {"ft ", "fort "}}
}

func (g *Geo) findPlacesExact(key string) []int32 {
	pl := &g.places
	hk := hashKey(key)
	g.indexAlternates()
	return mergeSorted(slices.Clone(pl.primary.lookup(hk)), slices.Clone(pl.alt.lookup(hk)))
}

// mergeSorted merges two ascending lists without duplicates.
func mergeSorted(a, b []int32) []int32 {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Places returns the gazetteer places a name may stand for, most populous
// first. The name is matched against names and alternate names after
// folding (see Fold).
func (g *Geo) Places(name string) []Place {
	idx := g.findPlaces(Fold(name))
	out := make([]Place, len(idx))
	for k, i := range idx {
		out[k] = g.place(i)
	}
	return out
}

// Place returns the gazetteer place with the GeoNames id.
func (g *Geo) Place(id string) (Place, bool) {
	pl := &g.places
	pl.idOnce.Do(func() {
		pl.ids = make(map[string]int32, len(pl.recs))
		for i := range pl.recs {
			r := &pl.recs[i]
			line := pl.text[r.off:r.end]
			pl.ids[line[:strings.IndexByte(line, '\t')]] = int32(i)
		}
	})
	i, ok := pl.ids[id]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// placeNames calls emit for the places given to the recogniser: those of
// nameThreshold inhabitants or more, capitals and subdivision seats, but
// not the stop-listed words; the alternate names only for places of
// altThreshold or more, capitals and seats.
func (g *Geo) placeNames(emit func(text string, kind NameKind, key string)) {
	pl := &g.places
	for i := range pl.recs {
		r := &pl.recs[i]
		line := pl.text[r.off:r.end]
		feature := line[strings.LastIndexByte(line, '\t')+1:]
		seat := feature == "PPLC" || feature == "PPLA"
		if r.pop < nameThreshold && !seat {
			continue
		}
		f := g.cells(int32(i))
		if k := Fold(f[pcName]); pl.stop[k] || pl.regions[k] {
			continue
		}
		emit(f[pcName], NamePlace, f[pcID])
		if f[pcASCII] != "" {
			emit(f[pcASCII], NamePlace, f[pcID])
		}
		if alts := g.alternates(int32(i)); (r.pop >= altThreshold || seat) && alts != "" {
			for a := range strings.SplitSeq(alts, "|") {
				if k := Fold(a); !pl.stop[k] && !pl.regions[k] {
					emit(a, NamePlace, f[pcID])
				}
			}
		}
	}
}
