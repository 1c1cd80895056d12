package kb

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"diacritics", "Erdoğan", "erdogan"},
		{"curly apostrophe", "Côte d’Ivoire", "cote d'ivoire"},
		{"dash and spaces", "Guinea-Bissau  ", "guinea bissau"},
		{"inner dots kept", "U.S.", "u.s."},
		{"dotless i", "Istanbul Kadıköy", "istanbul kadikoy"},
		{"sharp s", "Straße", "strasse"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
