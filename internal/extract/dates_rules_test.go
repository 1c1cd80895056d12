package extract

import (
	"strings"
	"testing"
	"time"
)

func TestDateRules(t *testing.T) {
	lex, err := parseDateRules(dateRulesText)
	if err != nil {
		t.Fatalf("parseDateRules(dates.rules) = %v", err)
	}
	if lex.words["wednesday"]&cueWeekday == 0 || lex.words["sept"]&cueMonth == 0 || lex.words["thanksgiving"]&cueHoliday == 0 {
		t.Errorf("dates.rules cues: wednesday=%b sept=%b thanksgiving=%b, want weekday, month, holiday",
			lex.words["wednesday"], lex.words["sept"], lex.words["thanksgiving"])
	}
	if !lex.schedule["meets"] || lex.schedule["met"] || lex.words["weekend"]&cueWeekend == 0 {
		t.Errorf("dates.rules: schedule[meets]=%v schedule[met]=%v weekend=%b, want true, false, weekend",
			lex.schedule["meets"], lex.schedule["met"], lex.words["weekend"])
	}
	for _, name := range []string{"christmas day", "new year's day", "good friday", "election day"} {
		if _, ok := lex.holidays[name]; !ok {
			t.Errorf("dates.rules holidays lack %q", name)
		}
	}
	for _, bad := range []string{"cue", "cue season spring summer", "feast 12-25 christmas",
		"holiday 13-01 nothing", "holiday 11/6/thu nothing", "holiday 11/4/xyz nothing", "holiday easter+x nothing",
		"holiday 12-25 christmas |", "holiday 12/25 christmas"} {
		if _, err := parseDateRules(bad); err == nil {
			t.Errorf("parseDateRules(%q) = nil error, want one", bad)
		}
	}
}

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"}, {1943, "1943-04-25"}, {2000, "2000-04-23"}, {2019, "2019-04-21"},
		{2024, "2024-03-31"}, {2025, "2025-04-20"}, {2038, "2038-04-25"},
	}
	for _, tt := range tests {
		if got := easter(tt.year).Format("2006-01-02"); got != tt.want {
			t.Errorf("easter(%d) = %s, want %s", tt.year, got, tt.want)
		}
	}
}

func TestHolidayIn(t *testing.T) {
	tests := []struct {
		when string
		year int
		want string
	}{
		{"12-25", 2025, "2025-12-25"},
		{"11/4/thu", 1999, "1999-11-25"},   // Thanksgiving
		{"11/1/mon+1", 1998, "1998-11-03"}, // US Election Day
		{"11/1/mon+1", 2026, "2026-11-03"},
		{"11/1/mon+1", 2027, "2027-11-02"},
		{"05/-1/mon", 2025, "2025-05-26"}, // Memorial Day
		{"09/1/mon", 2025, "2025-09-01"},  // Labor Day
		{"easter-2", 2025, "2025-04-18"},  // Good Friday
		{"easter+1", 2024, "2024-04-01"},  // Easter Monday
	}
	for _, tt := range tests {
		h, err := parseHoliday(tt.when)
		if err != nil {
			t.Fatalf("parseHoliday(%q) = %v", tt.when, err)
		}
		if got := h.in(tt.year).Format("2006-01-02"); got != tt.want {
			t.Errorf("parseHoliday(%q).in(%d) = %s, want %s", tt.when, tt.year, got, tt.want)
		}
	}
}

func TestPrefixBytes(t *testing.T) {
	tests := []struct {
		pattern string
		want    string // the bytes a match can begin with, "" for any
		pairs   string // two-byte starts that must pass, "|"-separated
		noPairs string // two-byte starts that must not, "|"-separated
	}{
		{`(?:on\s+)?monday`, "mo", "on|mo", "oo|mn|o "},
		{`(?:the\s+)?([0-9]{1,2})\s+may`, "0123456789t", "th|12|3 ", "ta|t1|3m"},
		{`(?i)x`, "Xx", "xa|X.", ""},
		{`a*`, "", "zz", ""},
	}
	for _, tt := range tests {
		first, second := prefixBytes(tt.pattern)
		var got []byte
		for b := range 128 {
			if first.has(byte(b)) {
				got = append(got, byte(b))
			}
		}
		if tt.want == "" {
			if len(got) != 128 {
				t.Errorf("prefixBytes(%q) first = %q, want every byte", tt.pattern, got)
			}
		} else if string(got) != tt.want {
			t.Errorf("prefixBytes(%q) first = %q, want %q", tt.pattern, got, tt.want)
		}
		for _, p := range strings.Split(tt.pairs, "|") {
			if len(p) == 2 && !(first.has(p[0]) && second[p[0]].has(p[1])) {
				t.Errorf("prefixBytes(%q) refuses %q, want it allowed", tt.pattern, p)
			}
		}
		for _, p := range strings.Split(tt.noPairs, "|") {
			if len(p) == 2 && first.has(p[0]) && second[p[0]].has(p[1]) {
				t.Errorf("prefixBytes(%q) allows %q, want it refused", tt.pattern, p)
			}
		}
	}
}

func TestTenseOf(t *testing.T) {
	tests := []struct {
		before, after string
		want          tense
	}{
		{"the minister will travel to beijing on ", ".", tenseFuture},
		{"", ", police had not named him.", tensePast},
		{"until ", ", police had not named him.", tensePast},
		{"on ", ", the council plans to vote.", tenseFuture},
		{"a rally planned for ", " was cancelled.", tensePast},
		{"a rally is planned for ", ".", tenseFuture},
		{"the fiscal year ended ", ", sales rose.", tensePast},
		{"they expect the sale to be completed by ", ".", tenseNone},
		{"troops met on ", ".", tensePast},
		{"talks resumed in the city on ", ".", tenseNone},
		{"the curfew lasted until ", ".", tensePast},
		{"the vote was postponed until ", ".", tenseFuture},
		{"the vote scheduled on ", ".", tenseFuture},
	}
	for _, tt := range tests {
		if got := tenseOf(tt.before, tt.after); got != tt.want {
			t.Errorf("tenseOf(%q, %q) = %d, want %d", tt.before, tt.after, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	ref := time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		m    time.Month
		d    int
		tn   tense
		want string
	}{
		{"near future without tense", time.November, 10, tenseNone, "2025-11-10"},
		{"far future without tense", time.January, 31, tenseNone, "2026-01-31"},
		{"past tense", time.January, 31, tensePast, "2025-01-31"},
		{"future tense", time.September, 30, tenseFuture, "2025-09-30"},
		{"future tense far back", time.March, 1, tenseFuture, "2026-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := nearestYear(ref, tt.m, tt.d, tt.tn)
			if !ok || got.Format("2006-01-02") != tt.want {
				t.Errorf("nearestYear(%s, %s %d, %d) = %s %v, want %s", ref.Format("2006-01-02"), tt.m, tt.d, tt.tn, got.Format("2006-01-02"), ok, tt.want)
			}
		})
	}
}

func TestIsWordByte(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
		if got := isWordByte(b); got != want {
			t.Errorf("isWordByte(%q) = %v, want %v", b, got, want)
		}
	}
}
