package main

import (
	"bytes"
	"testing"

	"github.com/parquet-go/parquet-go"

	"chronicle/internal/news"
)

func TestParquetWriter(t *testing.T) {
	tests := []struct {
		name    string
		zero    any
		records []any
		column  string
	}{
		{"events", news.Event{}, []any{
			news.Event{ID: "e1", Article: "a1", Type: news.Assault, Confidence: 0.8, Quantities: map[string]int{"killed": 3},
				Source: news.Actor{Name: "Russian forces", Country: "RUS", Sector: news.SectorMilitary}},
			news.Event{ID: "e2", Article: "a1", Type: news.Consult, Negated: true},
		}, "confidence"},
		{"places with coordinates", news.PlaceRecord{}, []any{
			(&news.Article{ID: "a", Mentions: []news.Mention{{Text: "Kyiv", Place: &news.Location{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52, HasGeo: true}}}}).PlaceRecords()[0],
		}, "lat"},
		{"no stories", news.Story{}, nil, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			pw, err := newParquetWriter(&buf, tt.zero)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tt.records {
				if err := pw.Write(r); err != nil {
					t.Fatalf("Write(%v): %v", r, err)
				}
			}
			if err := pw.Close(); err != nil {
				t.Fatal(err)
			}
			f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatalf("written file does not open: %v", err)
			}
			if got := f.NumRows(); got != int64(len(tt.records)) {
				t.Errorf("NumRows() = %d, want %d", got, len(tt.records))
			}
			if _, ok := f.Schema().Lookup(tt.column); !ok {
				t.Errorf("schema %v has no column %q", f.Schema(), tt.column)
			}
		})
	}
}
