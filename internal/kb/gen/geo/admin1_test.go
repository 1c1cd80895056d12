package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// square returns the closed ring of a square with its south-west corner
// at lon, lat and sides of d degrees, counter-clockwise.
func square(lon, lat, d float64) [][2]float64 {
	return [][2]float64{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}
}

func TestAreaCentroid(t *testing.T) {
	tests := []struct {
		name             string
		outs             []outline
		wantLat, wantLon float64
		wantOK           bool
	}{
		{"square", []outline{{rings: [][][2]float64{square(10, -1, 2)}}}, 0, 11, true},
		{"clockwise square", []outline{{rings: [][][2]float64{reversed(square(10, -1, 2))}}}, 0, 11, true},
		{"hole pulls away", []outline{{rings: [][][2]float64{square(0, -2, 4), square(0, -2, 2)}}}, 0.333, 2.333, true},
		{"two islands", []outline{{rings: [][][2]float64{square(0, -1, 2)}}, {rings: [][][2]float64{square(20, -1, 2)}}}, 0, 11, true},
		{"across longitude 180", []outline{{rings: [][][2]float64{square(178, -1, 2)}}, {rings: [][][2]float64{square(-180, -1, 2)}}}, 0, 180, true},
		{"no area", []outline{{rings: [][][2]float64{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}}}}, 0, 0, false},
		{"nothing", nil, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lat, lon, ok := areaCentroid(tt.outs)
			if ok != tt.wantOK || ok && (math.Abs(lat-tt.wantLat) > 0.01 || math.Abs(math.Mod(lon-tt.wantLon+540, 360)-180) > 0.01) {
				t.Errorf("areaCentroid(%s) = %.3f, %.3f, %v, want %.3f, %.3f, %v", tt.name, lat, lon, ok, tt.wantLat, tt.wantLon, tt.wantOK)
			}
		})
	}
}

func reversed(r [][2]float64) [][2]float64 {
	out := make([][2]float64, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

func TestContains(t *testing.T) {
	a := &admin1Area{outlines: []outline{{rings: [][][2]float64{square(0, 0, 4), square(1, 1, 2)},
		minX: 0, minY: 0, maxX: 4, maxY: 4}}}
	tests := []struct {
		name     string
		lat, lon float64
		want     bool
	}{
		{"inside", 0.5, 0.5, true},
		{"in the hole", 2, 2, false},
		{"outside the box", 5, 2, false},
		{"inside again past the hole", 3.5, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.contains(tt.lat, tt.lon); got != tt.want {
				t.Errorf("contains(%v, %v) = %v, want %v", tt.lat, tt.lon, got, tt.want)
			}
		})
	}
}

// TestReadAdmin1 reads a hand-made admin-1 file: an outline the places
// vouch for, one they contradict (a code Natural Earth gives an older
// division), two without places, vouched for or not by their names, and
// a subdivision drawn only through its children.
func TestReadAdmin1(t *testing.T) {
	polygon := func(code, name string, rings ...[][2]float64) string {
		var rs []string
		for _, r := range rings {
			var pts []string
			for _, p := range r {
				pts = append(pts, fmt.Sprintf("[%g,%g]", p[0], p[1]))
			}
			rs = append(rs, "["+strings.Join(pts, ",")+"]")
		}
		return fmt.Sprintf(`{"type":"Feature","properties":{"iso_3166_2":%q,"name":%q,"name_alt":"Alt|Other"},`+
			`"geometry":{"type":"Polygon","coordinates":[%s]}}`, code, name, strings.Join(rs, ","))
	}
	features := []string{
		polygon("QA-AA", "Aland", square(10, 10, 2)),
		polygon("QA-BB", "Bland", square(30, 30, 2)),
		polygon("QA-CC", "Cland", square(40, 40, 2)),
		polygon("QA-DD", "Elsewhere", square(50, 50, 2)),
		polygon("QB-C1", "One", square(0, 0, 1)),
		polygon("QB-C2", "Two", square(2, 0, 1)),
		`{"type":"Feature","properties":{"iso_3166_2":"-99","name":"Nowhere"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}`,
		`{"type":"Feature","properties":{"iso_3166_2":"QA-AA","name":"Aland"},"geometry":null}`,
	}
	path := filepath.Join(t.TempDir(), "admin1.json")
	write(t, path, `{"type":"FeatureCollection","features":[`+strings.Join(features, ",\n")+`]}`)
	is := &iso{subByCode: map[string]int{}}
	for _, s := range []subdivision{
		{Code: "QA-AA", Name: "Aland"},
		{Code: "QA-BB", Name: "Bland"},
		{Code: "QA-CC", Name: "Cland Province"},
		{Code: "QA-DD", Name: "Dland"},
		{Code: "QB-PP", Name: "Parent"},
		{Code: "QB-C1", Name: "One", Parent: "PP"},
		{Code: "QB-C2", Name: "Two", Parent: "QB-PP"},
	} {
		is.subByCode[s.Code] = len(is.subdivisions)
		is.subdivisions = append(is.subdivisions, s)
	}
	places := []placePoint{
		{"QA-AA", 11, 11}, {"QA-AA", 11.5, 10.5}, {"QA-AA", 20, 20},
		{"QA-BB", 12, 12}, {"QA-BB", 30.5, 30.5}, {"QA-BB", 13, 13},
		{"QB-PP", 0.5, 0.5}, {"QB-PP", 0.5, 2.5},
	}
	got, err := readAdmin1(path, is, places, map[string][]string{"QA-DD": {"Dee"}})
	if err != nil {
		t.Fatalf("readAdmin1() error: %v", err)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, fmt.Sprintf("%s %s %s", p.code, coord(p.lat), coord(p.lon)))
	}
	want := []string{"QA-AA 11 11", "QA-CC 41 41", "QB-C1 0.5 0.5", "QB-C2 0.5 2.5", "QB-PP 0.5001 1.5"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("readAdmin1() = %q, want %q", lines, want)
	}
}

func TestReadPlacePointsAndAliases(t *testing.T) {
	// Without the cities table the outlines are checked against the
	// places.tsv already in the output folder.
	dir := t.TempDir()
	write(t, filepath.Join(dir, "places.tsv"), "# header\n1\tAtown\t\tQAA\tQA-AA\t11\t11\t100\tPPL\n")
	write(t, filepath.Join(dir, "subdivision_aliases.tsv"), "# code\tnames\nQA-AA\tAy|,Qualifier\n")
	pts, err := readPlacePoints(filepath.Join(dir, "places.tsv"))
	if err != nil {
		t.Fatalf("readPlacePoints() error: %v", err)
	}
	if want := (placePoint{"QA-AA", 11, 11}); len(pts) != 1 || pts[0] != want {
		t.Errorf("readPlacePoints() = %v, want [%v]", pts, want)
	}
	aliases, err := readAliases(filepath.Join(dir, "subdivision_aliases.tsv"))
	if err != nil {
		t.Fatalf("readAliases() error: %v", err)
	}
	if got := aliases["QA-AA"]; len(got) != 1 || got[0] != "Ay" {
		t.Errorf("readAliases()[QA-AA] = %q, want [Ay]", got)
	}
}

// FuzzParseOutlines feeds arbitrary coordinates to the outline parser and
// the geometry built on it, which must not panic and must give points on
// the globe.
func FuzzParseOutlines(f *testing.F) {
	f.Add("Polygon", `[[[0,0],[1,0],[1,1],[0,1],[0,0]]]`, 0.5, 0.5)
	f.Add("MultiPolygon", `[[[[178,-1],[180,-1],[180,1],[178,1],[178,-1]]],[[[-180,-1],[-178,-1],[-178,1],[-180,1],[-180,-1]]]]`, 0.0, 179.0)
	f.Add("Polygon", `[[[0,0],[4,0],[4,4],[0,4],[0,0]],[],[[1,1]]]`, 2.0, 2.0)
	f.Add("Point", `[0,0]`, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, typ, raw string, lat, lon float64) {
		outs, err := parseOutlines(typ, []byte(raw))
		if err != nil {
			return
		}
		a := &admin1Area{outlines: outs}
		a.contains(lat, lon)
		if la, lo, ok := areaCentroid(outs); ok && (math.IsNaN(la) || math.IsNaN(lo) || math.Abs(la) > 90 || math.Abs(lo) > 180) {
			t.Errorf("areaCentroid(%s %s) = %v, %v, want a point on the globe", typ, raw, la, lo)
		}
	})
}
