package link

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

// rep builds a report of an event in an article published at day d of
// March 2025.
func rep(k *knowledge, id news.ArticleID, source string, d int, e news.Event) *report {
	e.Article = id
	return &report{ev: e, art: &profile{id: id, source: source, published: time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC)},
		origin: source, family: k.familyOf(e.Type)}
}

func TestSameEvent(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	police := news.Actor{Name: "police", Country: "SOM", Sector: news.SectorPolice}
	shabaab := news.Actor{Name: "al-Shabaab", Entity: "org:al-shabaab", Country: "SOM", Sector: news.SectorRebel}
	egypt := news.Actor{Name: "Egypt", Entity: "country:EGY", Country: "EGY"}
	ethiopia := news.Actor{Name: "Ethiopia", Entity: "country:ETH", Country: "ETH"}
	mogadishu := &news.Location{Name: "Mogadishu", Country: "SOM", GeoID: "53654", Feature: "city"}
	kismayo := &news.Location{Name: "Kismayo", Country: "SOM", GeoID: "55671", Feature: "city"}
	somalia := &news.Location{Name: "Somalia", Country: "SOM", Feature: "country"}
	attack := news.Event{Type: news.Assault, Source: shabaab, Date: "2025-03-03", DatePrecision: news.PrecisionDay, Location: mogadishu}
	with := func(e news.Event, f func(*news.Event)) news.Event { f(&e); return e }
	tests := []struct {
		name string
		a, b news.Event
		want bool
	}{
		{"same report", attack, attack, true},
		{"neighbouring types", attack, with(attack, func(e *news.Event) { e.Type = news.Coerce }), true},
		{"other family", attack, with(attack, func(e *news.Event) { e.Type = news.Protest }), false},
		{"a day apart", attack, with(attack, func(e *news.Event) { e.Date = "2025-03-04" }), true},
		{"a week apart", attack, with(attack, func(e *news.Event) { e.Date = "2025-03-10" }), false},
		{"month precision", attack, with(attack, func(e *news.Event) { e.Date, e.DatePrecision = "2025-03-01", news.PrecisionMonth }), true},
		{"other city", attack, with(attack, func(e *news.Event) { e.Location = kismayo }), false},
		{"city within country", attack, with(attack, func(e *news.Event) { e.Location = somalia }), true},
		{"other attacker", attack, with(attack, func(e *news.Event) { e.Source = police }), false},
		{"unknown attacker, same place", attack, with(attack, func(e *news.Event) { e.Source = news.Actor{} }), true},
		{"negated", attack, with(attack, func(e *news.Event) { e.Negated = true }), false},
		{
			"meeting, sides swapped",
			news.Event{Type: news.Consult, Source: egypt, Target: ethiopia},
			news.Event{Type: news.Consult, Source: ethiopia, Target: egypt},
			true,
		},
		{
			"accusation, sides swapped",
			news.Event{Type: news.Accuse, Source: egypt, Target: ethiopia},
			news.Event{Type: news.Accuse, Source: ethiopia, Target: egypt},
			false,
		},
		{
			"nothing in common but the type",
			news.Event{Type: news.Agree},
			news.Event{Type: news.Agree},
			false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := rep(k, "a", "s1", 3, tt.a), rep(k, "b", "s2", 3, tt.b)
			if got := k.sameEvent(a, b); got != tt.want {
				t.Errorf("sameEvent(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := k.sameEvent(b, a); got != tt.want {
				t.Errorf("sameEvent(%v, %v) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestClusterEvents(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	shelling := func(date string) news.Event {
		return news.Event{Type: news.Assault, Date: date, DatePrecision: news.PrecisionDay,
			Location: &news.Location{Name: "Kharkiv", Country: "UKR", GeoID: "706483", Feature: "city"}}
	}
	// Shelling reported on three days in a row is three events: complete
	// linkage does not chain the 1st to the 3rd through the 2nd.
	rs := []*report{
		rep(k, "c", "s", 3, shelling("2025-03-03")),
		rep(k, "a", "s", 1, shelling("2025-03-01")),
		rep(k, "b", "s", 2, shelling("2025-03-02")),
		rep(k, "d", "t", 1, shelling("2025-03-01")),
	}
	var got [][]news.ArticleID
	for _, c := range k.clusterEvents(rs) {
		var ids []news.ArticleID
		for _, r := range c {
			ids = append(ids, r.art.id)
		}
		got = append(got, ids)
	}
	want := [][]news.ArticleID{{"a", "d", "b"}, {"c"}} // canonical order: by publication
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clusterEvents() (-want +got):\n%s", diff)
	}
}

func TestMergeEvents(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	ev := func(id news.ArticleID, date string, killed int, q map[string]int) news.Event {
		if q == nil {
			q = map[string]int{}
		}
		q["killed"] = killed
		return news.Event{ID: "ev-" + string(id), Type: news.Assault, Date: date, DatePrecision: news.PrecisionDay, Quantities: q,
			Evidence: []news.Evidence{{Article: id, Sentence: "sentence of " + string(id)}}, Confidence: 0.5}
	}
	wire := rep(k, "wire", "wire-service", 3, ev("wire", "2025-03-03", 12, map[string]int{"injured": 20}))
	copy1 := rep(k, "copy", "daily", 3, ev("copy", "2025-03-03", 12, nil))
	copy1.origin = "wire-service" // a copy of the wire story
	other := rep(k, "other", "gazette", 4, ev("other", "2025-03-02", 15, nil))
	other.ev.Confidence = 0.9
	got := mergeEvents([]*report{wire, copy1, other})
	if got.ID != "ev-wire" {
		t.Errorf("ID = %q, want the first report's, ev-wire", got.ID)
	}
	if got.Date != "2025-03-03" {
		t.Errorf("Date = %q, want the date most reports give, 2025-03-03", got.Date)
	}
	if got.DateMin != "2025-03-02" || got.DateMax != "2025-03-03" {
		t.Errorf("DateMin, DateMax = %q, %q, want the range the reports give, 2025-03-02 to 2025-03-03", got.DateMin, got.DateMax)
	}
	if agree := mergeEvents([]*report{wire, copy1}); agree.DateMin != "" || agree.DateMax != "" {
		t.Errorf("reports of one date: DateMin, DateMax = %q, %q, want none", agree.DateMin, agree.DateMax)
	}
	if want := map[string]int{"killed": 12, "killed_max": 15, "injured": 20}; !cmp.Equal(got.Quantities, want) {
		t.Errorf("Quantities = %v, want %v", got.Quantities, want)
	}
	if got.SourceCount != 2 {
		t.Errorf("SourceCount = %d, want 2 (the copy counts as the wire)", got.SourceCount)
	}
	if len(got.Evidence) != 3 {
		t.Errorf("Evidence has %d sentences, want 3", len(got.Evidence))
	}
	if got.Confidence != 0.9 {
		t.Errorf("Confidence = %v, want the highest, 0.9", got.Confidence)
	}
}

func TestSameStatement(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	minister := &news.Actor{Name: "Habtamu Itefa", Entity: "person:habtamu-itefa", Country: "ETH", Sector: news.SectorGovernment}
	other := &news.Actor{Name: "Hani Sewilam", Entity: "person:hani-sewilam", Country: "EGY", Sector: news.SectorGovernment}
	q := func(text string, sp *news.Actor) *quoteItem {
		return &quoteItem{q: news.Quote{Text: text, Speaker: sp}, art: &profile{id: "a"}, words: k.wordSet(text)}
	}
	full := "We will not accept any limits on our future projects upstream on the Nile"
	tests := []struct {
		name string
		a, b *quoteItem
		want bool
	}{
		{"trimmed", q(full, minister), q("We will not accept any limits on our future projects", minister), true},
		{"translated", q(full, minister), q("Ethiopia will accept no limits on its future upstream projects", minister), true},
		{"speaker unknown", q(full, minister), q("We will not accept any limits on our future projects", nil), true},
		{"other speaker", q(full, minister), q(full, other), false},
		{"other words", q(full, minister), q("The talks were frank and we hope to meet again soon", minister), false},
		{"too short", q("frank", minister), q("frank", minister), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameStatement(tt.a, tt.b); got != tt.want {
				t.Errorf("sameStatement(%q, %q) = %v, want %v", tt.a.q.Text, tt.b.q.Text, got, tt.want)
			}
		})
	}
}
