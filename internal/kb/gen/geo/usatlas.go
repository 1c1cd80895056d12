package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
)

// atlas is the part of a TopoJSON topology (us-atlas' counties-10m.json)
// that the tool reads: quantized, delta-encoded arcs and the polygons of
// the states and counties built from them.
type atlas struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// usArea is a state or county of the US Census atlas with the centroid
// of its outline and the population of its gazetteer places.
type usArea struct {
	code, parent, name string
	lat, lon           float64
	pop                int
}

// readUSAtlas reads the states and counties of us-atlas' counties-10m.json
// (US Census Bureau cartographic boundaries, public domain) and returns
// them with the centroids of their outlines. States are coded by ISO
// 3166-2 ("US-TX"), found by their names; counties by "US-" and their
// five-digit FIPS code ("US-48001"), named with the word their state uses
// ("Anderson County", "Orleans Parish"). Alaska's boroughs, the
// territories' municipalities and Virginia's independent cities are left
// out: their names are the names of towns.
func readUSAtlas(path string, is *iso) ([]usArea, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a atlas
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	arcs := a.decodeArcs()
	stateCode := map[string]string{} // FIPS -> ISO code
	var out []usArea
	for _, g := range a.Objects["states"].Geometries {
		code := is.usState(g.Properties.Name)
		if code == "" {
			return nil, fmt.Errorf("%s: state %q matches no ISO subdivision", path, g.Properties.Name)
		}
		stateCode[g.ID] = code
		lat, lon, err := a.centroid(arcs, g.Type, g.Arcs)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, g.Properties.Name, err)
		}
		out = append(out, usArea{code: code, name: g.Properties.Name, lat: lat, lon: lon})
	}
	for _, g := range a.Objects["counties"].Geometries {
		if len(g.ID) != 5 {
			return nil, fmt.Errorf("%s: county id %q is no FIPS code", path, g.ID)
		}
		parent, ok := stateCode[g.ID[:2]]
		if !ok {
			return nil, fmt.Errorf("%s: county %s: unknown state", path, g.ID)
		}
		word := countyWord(g.ID)
		if word == "" {
			continue
		}
		lat, lon, err := a.centroid(arcs, g.Type, g.Arcs)
		if err != nil {
			return nil, fmt.Errorf("%s: county %s: %v", path, g.ID, err)
		}
		out = append(out, usArea{code: "US-" + g.ID, parent: parent,
			name: clean(g.Properties.Name) + " " + word, lat: lat, lon: lon})
	}
	slices.SortFunc(out, func(x, y usArea) int {
		// States first, then counties.
		if c := cmp.Compare(len(x.code), len(y.code)); c != 0 {
			return c
		}
		return cmp.Compare(x.code, y.code)
	})
	return out, nil
}

// countyWord is the word that follows the name of the county with the
// FIPS code, or "" for the areas readUSAtlas leaves out.
func countyWord(fips string) string {
	state, county := fips[:2], fips[2:]
	switch state {
	case "02", "11", "60", "66", "69", "72", "78":
		return ""
	case "22":
		return "Parish"
	case "24", "29", "32", "51":
		if county >= "510" {
			return "" // independent cities
		}
	}
	return "County"
}

// usState returns the ISO code of the US subdivision with the name.
func (is *iso) usState(name string) string {
	for _, s := range is.subdivisions {
		if strings.HasPrefix(s.Code, "US-") && fold(s.Name) == fold(name) {
			return s.Code
		}
	}
	switch fold(name) {
	case "commonwealth of the northern mariana islands":
		return "US-MP"
	case "united states virgin islands":
		return "US-VI"
	}
	return ""
}

// decodeArcs turns the quantized, delta-encoded arcs into longitudes and
// latitudes.
func (a *atlas) decodeArcs() [][][2]float64 {
	out := make([][][2]float64, len(a.Arcs))
	sx, sy := a.Transform.Scale[0], a.Transform.Scale[1]
	tx, ty := a.Transform.Translate[0], a.Transform.Translate[1]
	for i, arc := range a.Arcs {
		var x, y float64
		pts := make([][2]float64, len(arc))
		for j, d := range arc {
			x += d[0]
			y += d[1]
			pts[j] = [2]float64{x*sx + tx, y*sy + ty}
		}
		out[i] = pts
	}
	return out
}

// centroid returns the area centroid of a Polygon or MultiPolygon, on a
// map whose longitudes are scaled by the cosine of the middle latitude.
// Holes wind the other way round and so subtract themselves.
func (a *atlas) centroid(arcs [][][2]float64, typ string, raw json.RawMessage) (float64, float64, error) {
	var polys [][][]int
	switch typ {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(raw, &p); err != nil {
			return 0, 0, err
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(raw, &polys); err != nil {
			return 0, 0, err
		}
	default:
		return 0, 0, fmt.Errorf("geometry %q", typ)
	}
	var rings [][][2]float64
	minLat, maxLat := math.Inf(1), math.Inf(-1)
	for _, p := range polys {
		for _, ring := range p {
			var pts [][2]float64
			for _, k := range ring {
				arc := arcs[max(k, ^k)]
				if k < 0 {
					arc = slices.Clone(arc)
					slices.Reverse(arc)
				}
				for _, q := range arc {
					// The Aleutians cross longitude 180: keep Alaska
					// in one piece, west of it.
					if q[0] > 0 {
						q[0] -= 360
					}
					pts = append(pts, q)
					minLat, maxLat = min(minLat, q[1]), max(maxLat, q[1])
				}
			}
			rings = append(rings, pts)
		}
	}
	if len(rings) == 0 {
		return 0, 0, fmt.Errorf("no rings")
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	var area, cx, cy float64
	for _, r := range rings {
		for i := range r {
			p, q := r[i], r[(i+1)%len(r)]
			c := p[0]*k*q[1] - q[0]*k*p[1]
			area += c
			cx += (p[0] + q[0]) * k * c
			cy += (p[1] + q[1]) * c
		}
	}
	if math.Abs(area) < 1e-12 {
		return 0, 0, fmt.Errorf("no area")
	}
	lat, lon := cy/(3*area), cx/(3*area)/k
	if lon < -180 {
		lon += 360
	}
	return lat, lon, nil
}

// countPopulation sums the population of the gazetteer places of each
// area; GeoNames gives American places the FIPS code of their county as
// admin2.
func countPopulation(areas []usArea, places []place) {
	pop := map[string]int{}
	for _, p := range places {
		if p.country != "USA" {
			continue
		}
		pop[p.admin1] += p.pop
		if p.admin2 != "" {
			pop[p.admin1+"/"+p.admin2] += p.pop
		}
	}
	for i := range areas {
		a := &areas[i]
		key := a.code
		if a.parent != "" {
			key = a.parent + "/" + a.code[len(a.code)-3:]
		}
		a.pop = pop[key]
	}
}

// writeUSAreas writes us_census.tsv.
func writeUSAreas(w io.Writer, areas []usArea) error {
	fmt.Fprintln(w, "# US states and counties: centroids of the US Census Bureau's cartographic boundaries (public domain, via npm us-atlas),")
	fmt.Fprintln(w, "# population summed over the GeoNames places inside; generated by internal/kb/gen/geo, see NOTICE. Do not edit.")
	fmt.Fprintln(w, "# code\tstate code (counties)\tname\tlat\tlon\tpopulation")
	for _, a := range areas {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\n", a.code, a.parent, a.name, coord(a.lat), coord(a.lon), a.pop)
	}
	return nil
}
