package resolve

import (
	"slices"
	"testing"

	"chronicle/internal/news"
)

// TestLocateSubdivisions checks that the subdivisions an article names,
// alone or at the head of another mention, choose among namesakes.
func TestLocateSubdivisions(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name, text, span, wantAdmin1 string
	}{
		{"a town without a state", "Voters in Rochester went to the polls.", "Rochester", "New York"},
		{"state officials", "Voters in Rochester went to the polls. Minnesota officials counted ballots.", "Rochester", "Minnesota"},
		{"state officials before the town", "Indiana officials said the roads were icy. Schools in Lafayette closed.", "Lafayette", "Indiana"},
		{"a state named as a place", "Voters in Springfield went to the polls, officials in Massachusetts said.", "Springfield", "Massachusetts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.run(t, tt.text, "2024-01-10")
			_, m := mention(t, a, tt.span)
			if m.Place == nil || m.Place.Admin1 != tt.wantAdmin1 {
				t.Errorf("Resolve(%q): %s = %+v, want a place in %s", tt.text, tt.span, m.Place, tt.wantAdmin1)
			}
		})
	}
}

func TestSubdivisionHints(t *testing.T) {
	p := newPipeline(t)
	a := &news.Article{Mentions: []news.Mention{
		{Text: "Lafayette", Type: news.Place, Rule: "kb:place"},
		{Text: "Indiana officials", Type: news.Person, Rule: "kb:subdivision+institution"},
		{Text: "the Texas National Guard", Type: news.Org, Rule: "kb:subdivision+institution"},
		{Text: "Ohio", Type: news.Place, Rule: "kb:subdivision", Place: &news.Location{GeoID: "US-OH", Feature: "admin1"}},
		{Text: "Indiana", Type: news.Place, Rule: "kb:subdivision"},
		{Text: "Georgia", Type: news.Country, Rule: "kb:country"},
		{Text: "Punjab", Type: news.Place, Rule: "kb:subdivision"},
	}}
	tests := []struct {
		name      string
		countries []string
		want      []string
	}{
		{"in the article's country, once per mention", []string{"USA"}, []string{"US-IN", "US-TX", "US-OH", "US-IN"}},
		{"Punjab in Pakistan", []string{"USA", "PAK"}, []string{"US-IN", "US-TX", "US-OH", "US-IN", "PK-PB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.res.subdivisionHints(a, "Lafayette", tt.countries); !slices.Equal(got, tt.want) {
				t.Errorf("subdivisionHints(%v) = %v, want %v", tt.countries, got, tt.want)
			}
		})
	}
	if got, want := p.res.placeContext(a, "Lafayette"), []string{"Indiana", "Texas", "Ohio", "Punjab"}; !slices.Equal(got, want) {
		t.Errorf("placeContext() = %v, want %v", got, want)
	}
}
