package kb

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// readSubdivisions reads the generated ISO 3166-2 table.
func (g *Geo) readSubdivisions() error {
	// The table and the counties of us_census.tsv make some 11,000
	// subdivisions: room for them all spares regrowing the slice.
	n := 0
	for _, file := range []string{"subdivisions.tsv", "us_census.tsv"} {
		b, err := geoFiles.ReadFile("data/geo/" + file)
		if err != nil {
			return err
		}
		n += bytes.Count(b, []byte{'\n'})
	}
	g.subs = make([]sub, 0, n)
	g.subCodes = make(map[string]int, n)
	err := readGeoTSV("subdivisions.tsv", func(_ int, f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("%d cells, want 6", len(f))
		}
		ci, ok := g.byCode[f[1]]
		if !ok {
			return fmt.Errorf("unknown country %q", f[1])
		}
		s := sub{Subdivision: Subdivision{Code: f[0], Country: f[1], Type: f[2], Name: f[3], Parent: f[4]},
			country: ci, parent: -1}
		if f[5] != "" {
			s.Aliases = splitNames(f[5])
		}
		g.subCodes[s.Code] = len(g.subs)
		g.subs = append(g.subs, s)
		return nil
	})
	if err != nil {
		return err
	}
	for i := range g.subs {
		if p := g.subs[i].Parent; p != "" {
			if j, ok := g.subCodes[p]; ok {
				g.subs[i].parent = j
			}
		}
	}
	return nil
}

// readSubdivisionAliases reads the hand-written English names. They go in
// front of the bracketed ISO alternates, so that the first alias is the
// English name.
func (g *Geo) readSubdivisionAliases() error {
	return readGeoTSV("subdivision_aliases.tsv", func(_ int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("%d cells, want 2 or 3", len(f))
		}
		i, ok := g.subCodes[f[0]]
		if !ok {
			return fmt.Errorf("unknown subdivision %q", f[0])
		}
		s := &g.subs[i]
		var aliases []string
		for _, a := range splitNames(f[1]) {
			if q, ok := strings.CutPrefix(a, ","); ok {
				g.qualifiers[Fold(q)] = int32(i)
				continue
			}
			aliases = append(aliases, a)
		}
		s.Aliases = appendNew(aliases, s.Aliases...)
		if len(f) > 2 {
			seat, ok := strings.CutPrefix(f[2], "@")
			if !ok {
				return fmt.Errorf("seat %q does not start with @", f[2])
			}
			s.seat = seat
		}
		return nil
	})
}

// readSubdivisionPoints reads subdivision_points.tsv: the centroids of
// the outlines of the subdivisions that Natural Earth draws. The census
// centroids of us_census.tsv, read after, replace those of the American
// states; subdivisions without an outline are placed by locate.
func (g *Geo) readSubdivisionPoints() error {
	return readGeoTSV("subdivision_points.tsv", func(_ int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("%d cells, want 3", len(f))
		}
		i, ok := g.subCodes[f[0]]
		if !ok {
			return fmt.Errorf("unknown subdivision %q", f[0])
		}
		lat, err1 := strconv.ParseFloat(f[1], 64)
		lon, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil || !validLatLon(lat, lon) {
			return fmt.Errorf("bad coordinates %q %q", f[1], f[2])
		}
		s := &g.subs[i]
		s.lat, s.lon, s.hasGeo = lat, lon, true
		return nil
	})
}

// readUSCensus reads us_census.tsv: the centroids of the American states,
// which replace the estimate that locate would make from the places, and
// the counties, which become second-level subdivisions coded "US-" and
// their FIPS code ("US-47079" for Henry County, Tennessee).
func (g *Geo) readUSCensus() error {
	ci, ok := g.byCode["USA"]
	if !ok {
		return fmt.Errorf("us_census.tsv: no country USA")
	}
	return readGeoTSV("us_census.tsv", func(_ int, f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("%d cells, want 6", len(f))
		}
		lat, err1 := strconv.ParseFloat(f[3], 64)
		lon, err2 := strconv.ParseFloat(f[4], 64)
		pop, err3 := strconv.ParseInt(f[5], 10, 32)
		if err1 != nil || err2 != nil || err3 != nil || !validLatLon(lat, lon) {
			return fmt.Errorf("bad coordinates or population %q %q %q", f[3], f[4], f[5])
		}
		if f[1] == "" {
			i, ok := g.subCodes[f[0]]
			if !ok {
				return fmt.Errorf("unknown subdivision %q", f[0])
			}
			s := &g.subs[i]
			s.lat, s.lon, s.hasGeo, s.pop = lat, lon, true, int32(pop)
			return nil
		}
		parent, ok := g.subCodes[f[1]]
		if !ok {
			return fmt.Errorf("unknown state %q", f[1])
		}
		if _, dup := g.subCodes[f[0]]; dup {
			return fmt.Errorf("duplicate code %q", f[0])
		}
		typ := "County"
		if strings.HasSuffix(f[2], " Parish") {
			typ = "Parish"
		}
		g.subCodes[f[0]] = len(g.subs)
		g.subs = append(g.subs, sub{
			Subdivision: Subdivision{Code: f[0], Country: "USA", Type: typ, Name: f[2], Parent: f[1]},
			country:     ci, parent: parent, lat: lat, lon: lon, hasGeo: true, county: true, pop: int32(pop)})
		return nil
	})
}

// isDivisionWord reports the words news puts after a subdivision's name
// ("Idlib province", "the Donetsk region") or that ISO names carry.
func isDivisionWord(w string) bool {
	switch w {
	case "region", "province", "governorate", "oblast", "oblast'", "state", "district",
		"county", "prefecture", "department", "municipality", "krai", "kray", "kraj",
		"raion", "rayon", "voivodeship", "canton", "emirate", "territory", "parish",
		"division", "sheng", "shi", "zizhiqu", "respublika", "republic", "area", "wilaya", "vilayeti":
		return true
	}
	return false
}

// genericName reports subdivision names that are words before they are
// names ("Central", "Northern", "Littoral"): they are looked up only in
// their full ISO form and never given to the recogniser bare.
func genericName(folded string) bool {
	switch folded {
	case "north", "south", "east", "west", "northern", "southern", "eastern", "western",
		"central", "centre", "center", "nord", "sud", "est", "ouest", "centre est",
		"centre nord", "centre ouest", "centre sud", "north east", "north west",
		"south east", "south west", "northeast", "northwest", "southeast", "southwest",
		"upper", "lower", "capital", "coast", "coastal", "islands", "island", "lakes",
		"littoral", "plateau", "highlands", "lowlands", "mountain", "mountains", "river",
		"valley", "city", "greater", "inner", "outer", "middle", "maritime", "interior",
		"capital district", "federal district", "the capital", "sahel", "savanes",
		"plateaux", "kara", "eastern province", "western province", "northern province",
		"southern province", "central province", "north western", "north eastern",
		"gulf", "west coast", "east coast", "north coast", "south coast":
		return true
	}
	return len(folded) < 3
}

// subBase strips a trailing division word from a folded name and reports
// whether it did: "donetska oblast" -> "donetska", "guangdong sheng" ->
// "guangdong"; "region of murcia" stays as it is.
func subBase(folded string) (string, bool) {
	words := strings.Fields(folded)
	if len(words) > 1 && isDivisionWord(words[len(words)-1]) {
		return strings.Join(words[:len(words)-1], " "), true
	}
	return folded, false
}

// keys returns the folded lookup keys of a subdivision: its names and
// aliases, their heads before a comma or parenthesis ("Adygeja,
// Respublika" -> "adygeja") and without their division word.
func (s *sub) keys() []string {
	if s.county {
		return []string{Fold(s.Name)}
	}
	var out []string
	add := func(k string) {
		if k != "" && !genericName(k) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, n := range append([]string{s.Name}, s.Aliases...) {
		if i := strings.Index(n, ", "); i > 0 {
			add(Fold(n[:i]))
		}
		if i := strings.IndexByte(n, '('); i > 0 {
			add(Fold(n[:i]))
		}
		k := Fold(n)
		add(k)
		base, _ := subBase(k)
		add(base)
		// "Xinjiang Uygur Zizhiqu" -> "xinjiang"
		if rest, ok := strings.CutSuffix(k, " zizhiqu"); ok {
			if f := strings.Fields(rest); len(f) > 1 {
				add(f[0])
			}
		}
	}
	return out
}

func (g *Geo) indexSubdivisions() {
	for i := range g.subs {
		s := &g.subs[i]
		for _, k := range s.keys() {
			g.subIndex[k] = append(g.subIndex[k], int32(i))
		}
		// Postal codes qualify places in the countries whose news uses
		// them: "Springfield, IL", "Perth, WA", "Ottawa, ON".
		switch s.Country {
		case "USA", "CAN", "AUS":
			if s.parent < 0 {
				q := strings.ToLower(s.Code[3:])
				if _, ok := g.qualifiers[q]; !ok {
					g.qualifiers[q] = int32(i)
				}
			}
		}
	}
}

// Subdivisions returns the subdivisions a name stands for, first-level
// ones first. The name may carry the words news adds: "Idlib province",
// "the Donetsk region", "Kherson Oblast".
func (g *Geo) Subdivisions(name string) []Subdivision {
	idx, _ := g.findSubs(Fold(name))
	out := make([]Subdivision, 0, len(idx))
	for _, i := range idx {
		out = append(out, g.subdivision(int(i)))
	}
	return out
}

// findSubs looks a folded name up among the subdivisions and reports
// whether the name carried a division word.
func (g *Geo) findSubs(key string) ([]int32, bool) {
	key = strings.TrimPrefix(key, "the ")
	if idx, ok := g.subIndex[key]; ok {
		return g.sortSubs(idx, false), false
	}
	base, cut := subBase(key)
	if !cut {
		return nil, false
	}
	return g.sortSubs(g.subIndex[base], true), true
}

// sortSubs orders subdivisions first-level first. After a division word
// ("the Kyiv region") cities with the status of a region come last, so
// that the region around them wins.
func (g *Geo) sortSubs(idx []int32, divWord bool) []int32 {
	rank := func(i int32) int {
		r := 0
		if g.subs[i].parent >= 0 {
			r += 2
		}
		if divWord && strings.Contains(strings.ToLower(g.subs[i].Type), "city") {
			r++
		}
		return r
	}
	idx = slices.Clone(idx)
	slices.SortStableFunc(idx, func(a, b int32) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return idx
}

func (g *Geo) subdivision(i int) Subdivision {
	s := g.subs[i].Subdivision
	s.Aliases = slices.Clone(s.Aliases)
	return s
}

// subName is the name Resolve reports for a subdivision: its first English
// alias, else its ISO name.
func (g *Geo) subName(i int) string {
	if a := g.subs[i].Aliases; len(a) > 0 {
		return a[0]
	}
	return g.subs[i].Name
}

// locate gives subdivisions and territories their coordinates, once:
// an American state at the centroid of its outline (us_census.tsv), a
// subdivision that Natural Earth outlines at the centroid of that outline
// (subdivision_points.tsv), any other subdivision at the centroid of the convex hull of the gazetteer
// places inside it, which comes closer to the middle of its area than
// their mean or the middle of their range, which crowd towards the
// towns; else at its seat (subdivision_aliases.tsv), else at the most
// populous place of its country that bears its name. A territory sits at
// its anchor.
func (g *Geo) locate() {
	g.geoOnce.Do(func() {
		if !g.subsLocated {
			g.locateSubs()
		}
		for i := range g.territories {
			t := &g.territories[i]
			switch {
			case strings.HasPrefix(t.anchor, "@"):
				if p, ok := g.placeIn(t.anchor[1:], t.country); ok {
					t.lat, t.lon, t.hasGeo = p.Lat, p.Lon, true
				}
			case t.anchor != "":
				if j, ok := g.subCodes[t.anchor]; ok {
					t.sub = j
					s := g.subs[j]
					t.lat, t.lon, t.hasGeo = s.lat, s.lon, s.hasGeo
				}
			}
		}
	})
}

// locateSubs gives the subdivisions their points and populations, as
// locate says.
func (g *Geo) locateSubs() {
	lats := make([][]float64, len(g.subs))
	lons := make([][]float64, len(g.subs))
	pops := make([]int64, len(g.subs))
	for i := range g.places.recs {
		r := &g.places.recs[i]
		if a := r.admin1; a >= 0 {
			lats[a] = append(lats[a], float64(r.lat)/1e4)
			lons[a] = append(lons[a], float64(r.lon)/1e4)
			pops[a] += int64(r.pop)
		}
	}
	for i := range g.subs {
		if s := &g.subs[i]; s.pop == 0 {
			s.pop = int32(min(pops[i], math.MaxInt32))
		}
	}
	for i := range g.subs {
		s := &g.subs[i]
		if s.hasGeo {
			continue // us_census.tsv or subdivision_points.tsv
		}
		if len(lats[i]) >= 3 {
			s.lat, s.lon, s.hasGeo = hullCentroid(lats[i], lons[i])
		}
		if !s.hasGeo && s.seat != "" {
			if p, ok := g.placeIn(s.seat, s.country); ok {
				s.lat, s.lon, s.hasGeo = p.Lat, p.Lon, true
			}
		}
		if !s.hasGeo {
			for _, k := range s.keys() {
				if p, ok := g.placeIn(k, s.country); ok {
					s.lat, s.lon, s.hasGeo = p.Lat, p.Lon, true
					break
				}
			}
		}
	}
}

// hullCentroid returns the centroid of the area of the convex hull of
// the points, which stands in for the centroid of the region they fill
// when its outline is unknown. Longitudes are scaled by the cosine of the
// mean latitude so that the hull is taken on a locally true map, and
// measured from 0 to 360 when the points straddle longitude 180
// (Chukotka, Fiji).
func hullCentroid(lats, lons []float64) (float64, float64, bool) {
	n := len(lats)
	if n == 0 {
		return 0, 0, false
	}
	if lo, hi := slices.Min(lons), slices.Max(lons); hi-lo > 180 && hi <= 180 {
		shifted := make([]float64, n)
		for i, x := range lons {
			if x < 0 {
				x += 360
			}
			shifted[i] = x
		}
		if slices.Max(shifted)-slices.Min(shifted) < hi-lo {
			lat, lon, ok := hullCentroid(lats, shifted)
			if lon > 180 {
				lon -= 360
			}
			return lat, lon, ok
		}
	}
	var mlat float64
	for _, la := range lats {
		mlat += la
	}
	mlat /= float64(n)
	k := math.Cos(mlat * math.Pi / 180)
	pts := make([][2]float64, n)
	for i := range n {
		pts[i] = [2]float64{lons[i] * k, lats[i]}
	}
	slices.SortFunc(pts, func(a, b [2]float64) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	hull := make([][2]float64, 0, 2*n)
	for _, p := range pts {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	lower := len(hull) + 1
	for i := n - 2; i >= 0; i-- {
		p := pts[i]
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	hull = hull[:len(hull)-1]
	var a, cx, cy float64
	for i := range hull {
		p, q := hull[i], hull[(i+1)%len(hull)]
		c := p[0]*q[1] - q[0]*p[1]
		a += c
		cx += (p[0] + q[0]) * c
		cy += (p[1] + q[1]) * c
	}
	if math.Abs(a) < 1e-9 {
		var x, y float64
		for _, p := range pts {
			x += p[0]
			y += p[1]
		}
		return y / float64(n), x / float64(n) / k, true
	}
	return cy / (3 * a), cx / (3 * a) / k, true
}

// placeIn returns the most populous place of a country with the name.
func (g *Geo) placeIn(name string, country int) (Place, bool) {
	for _, i := range g.findPlaces(Fold(name)) {
		if int(g.places.recs[i].country) == country {
			return g.place(i), true
		}
	}
	return Place{}, false
}

// variants returns the surface forms news writes for a subdivision: its
// names and aliases, bare and followed by "region", "province" or the
// division word of its kind, and "the X region".
func (s *sub) variants() []string {
	if s.county {
		return []string{s.Name}
	}
	var out []string
	word := strings.ToLower(s.Type)
	if f := strings.Fields(word); len(f) > 0 {
		word = f[len(f)-1]
	}
	if !isDivisionWord(word) {
		word = ""
	}
	switch {
	case s.Country == "UKR" || s.Country == "RUS" || s.Country == "BLR" || s.Country == "KAZ" || s.Country == "KGZ":
		if word == "region" || word == "" {
			word = "Oblast"
		}
	case arabicArticle(s.Country) && s.parent < 0:
		word = "governorate"
	}
	var bases []string
	for _, n := range append([]string{s.Name}, s.Aliases...) {
		n = strings.TrimSpace(strings.SplitN(n, "(", 2)[0])
		if i := strings.Index(n, ", "); i > 0 {
			n = n[:i]
		}
		if genericName(Fold(n)) {
			continue
		}
		bases = appendNew(bases, n)
		if w := strings.Fields(n); len(w) > 1 && isDivisionWord(strings.ToLower(w[len(w)-1])) {
			if b := strings.Join(w[:len(w)-1], " "); !genericName(Fold(b)) {
				bases = appendNew(bases, b)
			}
		}
	}
	for _, b := range bases {
		out = append(out, b)
		if _, cut := subBase(Fold(b)); cut {
			continue // already "X Province"
		}
		out = append(out, b+" region", "the "+b+" region", b+" province")
		if word != "" && word != "region" && word != "province" {
			out = append(out, b+" "+word)
		}
	}
	return out
}
