package extract_test

import (
	"testing"
	"time"

	"chronicle/internal/news"
)

// TestEventPlacesResolved codes sentences through recognition and
// resolution and checks the events' places: a nationality names who,
// never where.
func TestEventPlacesResolved(t *testing.T) {
	st := newEventStack(t)
	tests := []struct {
		name string
		text string
		want string // the first event's place, "" for none
	}{
		{"adjective before the attack", "At least 12 people were killed in Israeli strikes across the Gaza Strip on Thursday, health officials said.", "Gaza Strip"},
		{"people as the target", "Soldiers fired at Palestinians near Hebron on Friday, witnesses said.", "Hebron"},
		{"country name stays a place", "Gunmen attacked a convoy in Niger on Monday, the army said.", "Niger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{ID: "t", Text: tt.text, Published: time.Date(2025, 6, 14, 0, 0, 0, 0, time.UTC)}
			st.code(a)
			if len(a.Events) == 0 {
				t.Fatalf("Events(%q) coded nothing", tt.text)
			}
			got := ""
			if l := a.Events[0].Location; l != nil {
				got = l.Name
			}
			if got != tt.want {
				t.Errorf("Events(%q) place = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
