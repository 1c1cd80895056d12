package extract

import "testing"

func TestEventDateCarry(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name, text, want string // want: the date of the last event
	}{
		{"past tense takes the carried date", "In <2013|2013-01-01>, {Serbia|COUNTRY|SRB} signed a deal with {Kosovo|COUNTRY|XKX}. {Serbia|COUNTRY|SRB} accused {Kosovo|COUNTRY|XKX} of breaking it.", "2013-01-01"},
		{"present tense leaves an old carried date", "In <2013|2013-01-01>, {Serbia|COUNTRY|SRB} signed a deal with {Kosovo|COUNTRY|XKX}. Now {Serbia|COUNTRY|SRB} accuses {Kosovo|COUNTRY|XKX} of breaking it.", "2024-05-08"},
		{"present tense keeps a recent carried date", "On <Monday|2024-05-06>, {Serbia|COUNTRY|SRB} signed a deal with {Kosovo|COUNTRY|XKX}. {Serbia|COUNTRY|SRB} accuses {Kosovo|COUNTRY|XKX} of breaking it.", "2024-05-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(t, tt.text)
			c.Events(a)
			if len(a.Events) == 0 {
				t.Fatalf("Events(%q) = none", tt.text)
			}
			if got := a.Events[len(a.Events)-1].Date; got != tt.want {
				t.Errorf("Events(%q): last event dated %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}
