package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAlternates(t *testing.T) {
	tests := []struct {
		name  string
		p     place
		field string
		want  []string
	}{
		{"keeps Latin exonyms", place{name: "Kyiv", pop: 2_000_000}, "Kiev,Kiew,Київ,Kyiv", []string{"Kiev", "Kiew"}},
		{"drops codes, digits and lower case", place{name: "Paris", pop: 2_000_000}, "PAR,Paris 01,la ge si,Lutetia", []string{"Lutetia"}},
		{"drops short names and fold duplicates", place{name: "Gaza", pop: 400_000}, "Gaz,Ghazzah,Ghazzah,Ghāzzah", []string{"Ghazzah"}},
		{"caps a village", place{name: "Aa", pop: 10}, "Bbbb,Cccc,Dddd", []string{"Bbbb", "Cccc"}},
		{"prefers ASCII and close spellings under the cap", place{name: "Zaporizhzhya", pop: 10},
			"Saporischschja,Zaporizhzhia,Zaporižžja", []string{"Zaporizhzhia", "Saporischschja"}},
		{"empty", place{name: "X"}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := alternates(tt.p, tt.field)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("alternates(%q, %q) = %q, want %q", tt.p.name, tt.field, got, want)
			}
		})
	}
}

func TestSubName(t *testing.T) {
	tests := []struct {
		in, name, alt string
	}{
		{"Lleida [Lérida]", "Lleida", "Lérida"},
		{"Alacant*", "Alacant", ""},
		{"Galicia [Galicia]", "Galicia", ""},
		{"Donetska oblast", "Donetska oblast", ""},
	}
	for _, tt := range tests {
		if name, alt := subName(tt.in); name != tt.name || alt != tt.alt {
			t.Errorf("subName(%q) = %q, %q, want %q, %q", tt.in, name, alt, tt.name, tt.alt)
		}
	}
}

func TestCoord(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{48.85341, "48.8534"},
		{-0.00001, "0"},
		{2.5, "2.5"},
		{-95.55551, "-95.5555"},
		{10, "10"},
	}
	for _, tt := range tests {
		if got := coord(tt.in); got != tt.want {
			t.Errorf("coord(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"kiev", "kyiv", 2},
		{"", "abc", 3},
		{"same", "same", 0},
		{"zaporizhzhia", "zaporizhzhya", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestRun generates the files from a small hand-made iso-codes folder and
// cities table.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	iso := filepath.Join(dir, "iso")
	out := filepath.Join(dir, "out")
	for _, d := range []string{iso, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	countries := make([]string, 0, 240)
	// The tool refuses a table with fewer than 240 countries; pad it with
	// made-up codes after the two that matter.
	countries = append(countries,
		`{"alpha_2":"FR","alpha_3":"FRA","name":"France","numeric":"250","official_name":"French Republic"}`,
		`{"alpha_2":"US","alpha_3":"USA","name":"United States","numeric":"840"}`)
	for i := range 240 {
		a := string(rune('A'+i/26)) + string(rune('A'+i%26))
		countries = append(countries, `{"alpha_2":"Q`+a[1:]+`","alpha_3":"Z`+a+`","name":"Test `+a+`","numeric":"999"}`)
	}
	write(t, filepath.Join(iso, "iso_3166-1.json"), `{"3166-1":[`+strings.Join(countries, ",")+`]}`)
	write(t, filepath.Join(iso, "iso_3166-2.json"), `{"3166-2":[
		{"code":"US-TX","name":"Texas","type":"State"},
		{"code":"FR-IDF","name":"Île-de-France","type":"Metropolitan region"},
		{"code":"FR-75C","name":"Paris","type":"Metropolitan collectivity with special status","parent":"IDF"}]}`)
	write(t, filepath.Join(iso, "iso_3166-3.json"), `{"3166-3":[
		{"alpha_2":"FX","alpha_3":"FXX","alpha_4":"FXFR","name":"France, Metropolitan","withdrawal_date":"1997-07-14"}]}`)
	write(t, filepath.Join(out, "subdivision_aliases.tsv"), "FR-IDF\tParis region\t@Paris\n")
	row := func(cells ...string) string { return strings.Join(cells, "\t") + "\n" }
	cities := row("2988507", "Paris", "Paris", "Lutetia,PAR", "48.85341", "2.3488", "P", "PPLC", "FR", "", "11", "75", "", "", "2138551", "", "42", "Europe/Paris", "2024-01-01") +
		row("4717560", "Paris", "Paris", "", "33.66094", "-95.55551", "P", "PPLA2", "US", "", "TX", "277", "", "", "24782", "", "183", "America/Chicago", "2017-03-09")
	citiesPath := filepath.Join(dir, "cities500.txt")
	write(t, citiesPath, cities)
	// A square Texas with two square counties, one drawn with its arc
	// reversed, and an Alaskan borough that the tool leaves out.
	atlasPath := filepath.Join(dir, "counties-10m.json")
	write(t, atlasPath, `{"type":"Topology","transform":{"scale":[1,1],"translate":[-100,30]},
		"arcs":[[[0,0],[4,0],[0,4],[-4,0],[0,-4]],[[3,3],[1,0],[0,1],[-1,0],[0,-1]]],
		"objects":{
			"states":{"type":"GeometryCollection","geometries":[
				{"type":"Polygon","arcs":[[0]],"id":"48","properties":{"name":"Texas"}}]},
			"counties":{"type":"GeometryCollection","geometries":[
				{"type":"Polygon","arcs":[[1]],"id":"48277","properties":{"name":"Lamar"}},
				{"type":"MultiPolygon","arcs":[[[-2]]],"id":"48001","properties":{"name":"Anderson"}}]}}}`)

	var stderr strings.Builder
	if err := run([]string{"-iso", iso, "-cities", citiesPath, "-usatlas", atlasPath, "-out", out}, &stderr); err != nil {
		t.Fatalf("run() error: %v\n%s", err, stderr.String())
	}
	places := read(t, filepath.Join(out, "places.tsv"))
	wantPlaces := "2988507\tParis\t\tFRA\tFR-IDF\t48.8534\t2.3488\t2138551\tPPLC\n" +
		"4717560\tParis\t\tUSA\tUS-TX\t33.6609\t-95.5555\t24782\tPPLA2\n"
	if !strings.HasSuffix(places, wantPlaces) {
		t.Errorf("places.tsv = %q, want it to end with %q", places, wantPlaces)
	}
	alt := read(t, filepath.Join(out, "places_alt.tsv"))
	if want := "2988507\tLutetia\n4717560\t\n"; !strings.HasSuffix(alt, want) {
		t.Errorf("places_alt.tsv = %q, want it to end with %q", alt, want)
	}
	countriesTSV := read(t, filepath.Join(out, "countries.tsv"))
	if !strings.Contains(countriesTSV, "FRA\tFR\t250\tFrance\tFrench Republic\t\t2988507\t") {
		t.Errorf("countries.tsv lacks France with its capital:\n%s", countriesTSV)
	}
	subs := read(t, filepath.Join(out, "subdivisions.tsv"))
	if !strings.Contains(subs, "FR-75C\tFRA\tMetropolitan collectivity with special status\tParis\tFR-IDF\t\n") {
		t.Errorf("subdivisions.tsv lacks Paris under FR-IDF:\n%s", subs)
	}
	if hist := read(t, filepath.Join(out, "historic.tsv")); !strings.Contains(hist, "FXX\tFXFR\tFrance, Metropolitan\tFRA\t1997-07-14\n") {
		t.Errorf("historic.tsv lacks FXX:\n%s", hist)
	}
	census := read(t, filepath.Join(out, "us_census.tsv"))
	wantCensus := "US-TX\t\tTexas\t32\t-98\t24782\n" +
		"US-48001\tUS-TX\tAnderson County\t33.5\t-96.5\t0\n" +
		"US-48277\tUS-TX\tLamar County\t33.5\t-96.5\t24782\n"
	if !strings.HasSuffix(census, wantCensus) {
		t.Errorf("us_census.tsv = %q, want it to end with %q", census, wantCensus)
	}
}

func TestCountyWord(t *testing.T) {
	tests := []struct{ fips, want string }{
		{"48277", "County"},
		{"48507", "County"},
		{"22071", "Parish"},
		{"51760", ""},
		{"51059", "County"},
		{"02020", ""},
		{"72127", ""},
	}
	for _, tt := range tests {
		if got := countyWord(tt.fips); got != tt.want {
			t.Errorf("countyWord(%q) = %q, want %q", tt.fips, got, tt.want)
		}
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMatchSeatWords(t *testing.T) {
	is := &iso{subdivisions: []subdivision{
		{Code: "KR-26", Name: "Busan-gwangyeoksi"},
		{Code: "KR-11", Name: "Seoul-teukbyeolsi"},
		{Code: "MA-04", Name: "Rabat-Salé-Kénitra"},
		{Code: "MA-09", Name: "Souss-Massa"},
		{Code: "VN-70", Name: "Vĩnh Phúc"},
		{Code: "VN-22", Name: "Nghệ An"},
		{Code: "KZ-AST", Name: "Nur-Sultan"},
		{Code: "PS-JRH", Name: "Jericho"},
		{Code: "PS-BTH", Name: "Bethlehem"},
		{Code: "PS-HBN", Name: "Hebron"},
		{Code: "PS-NBS", Name: "Nablus"},
		{Code: "PS-QQA", Name: "Qalqilya"},
	}}
	row := func(id, name, alts, feature, cc, admin1 string) []string {
		r := make([]string, numCols)
		r[colID], r[colName], r[colASCII], r[colAlternates] = id, name, name, alts
		r[colFeature], r[colCountry], r[colAdmin1] = feature, cc, admin1
		return r
	}
	rows := [][]string{
		row("1", "Busan", "Pusan", "PPLA", "KR", "10"),
		row("2", "Seoul", "", "PPLC", "KR", "11"),
		// An alternate name that meets another region does not count
		// beside the seat's own name.
		row("3", "Kenitra", "Massa", "PPLA", "MA", "04"),
		row("4", "Agadir", "", "PPLA", "MA", "09"),
		row("5", "Vinh", "", "PPLA", "VN", "58"),
		row("6", "Astana", "Akmola,Nur-Sultan", "PPLC", "KZ", "05"),
		// GeoNames divides the West Bank as one: no governorate is it.
		row("7", "Jericho", "", "PPLA", "PS", "WE"),
	}
	m := map[string]string{"KR.11": "KR-11"}
	is.matchSeatWords(rows, m)
	want := map[string]string{"KR.11": "KR-11", "KR.10": "KR-26", "MA.04": "MA-04", "KZ.05": "KZ-AST"}
	if len(m) != len(want) {
		t.Errorf("matchSeatWords() = %v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("matchSeatWords()[%q] = %q, want %q", k, m[k], v)
		}
	}
}
