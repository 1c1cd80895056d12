package news

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRecordsWriteNullsNotEmptyStrings(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"actor", Actor{Name: "Hamas", Country: "PSE"}, `{"name":"Hamas","entity":null,"country":"PSE","sector":null,"role":null}`},
		{"span", Span{3, 9}, `[3,9]`},
		{"story", Story{ID: "s1"}, `{"id":"s1","title":null,"articles":[],"first":null,"last":null}`},
		{"date", DateRecord{Article: "a", Text: "Wednesday", Date: "2025-08-20", Span: Span{1, 10}},
			`{"article":"a","text":"Wednesday","date":"2025-08-20","span":[1,10],"precision":null,"rule":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("json.Marshal(%v) = %s, want %s", tt.v, b, tt.want)
			}
		})
	}
}

func TestEventRoundTrip(t *testing.T) {
	e := Event{
		ID: "e1", Article: "a1", Type: Consult, Mode: "visit", CAMEO: "042",
		Source:  Actor{Name: "Sergey Lavrov", Country: "RUS", Sector: SectorGovernment},
		Target:  Actor{Name: "China", Country: "CHN"},
		Sources: []Actor{{Name: "Sergey Lavrov", Country: "RUS", Sector: SectorGovernment}},
		Targets: []Actor{{Name: "China", Country: "CHN"}},
		Date:    "2025-08-20", DatePrecision: PrecisionDay, DateText: "on Wednesday", DateMin: "2025-08-19", DateMax: "2025-08-20",
		Location:    &Location{Name: "Beijing", Country: "CHN", Lat: 39.9, Lon: 116.4, HasGeo: true},
		Quantities:  map[string]int{"killed": 3},
		Evidence:    []Evidence{{Article: "a1", Sentence: "Lavrov visited Beijing on Wednesday.", Span: Span{0, 36}, Source: "example"}},
		SourceCount: 1, Rule: "consult/visit", Confidence: 0.9, Trigger: Span{7, 14},
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"type":"CONSULT"`, `"cameo":"042"`, `"sources":1`, `"date_text":"on Wednesday"`, `"negated":false`, `"date_min":"2025-08-19"`, `"date_max":"2025-08-20"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("json.Marshal(event) = %s, want it to contain %s", b, key)
		}
	}
	var got Event
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e, got); diff != "" {
		t.Errorf("event round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestArticleRecordPublished(t *testing.T) {
	tests := []struct {
		name string
		pub  time.Time
		want string
	}{
		{"unknown", time.Time{}, "null"},
		{"date only", time.Date(2025, 8, 20, 0, 0, 0, 0, time.UTC), `"2025-08-20"`},
		{"time", time.Date(2025, 8, 20, 14, 3, 0, 0, time.UTC), `"2025-08-20T14:03:00Z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal((&Article{ID: "x", Published: tt.pub}).Record())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `"published":`+tt.want) {
				t.Errorf("Record().Published in %s, want %s", b, tt.want)
			}
		})
	}
}
