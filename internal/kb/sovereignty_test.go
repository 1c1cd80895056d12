package kb

import (
	"testing"
	"time"
)

func sovDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return d
}

func TestSovereigntyOn(t *testing.T) {
	s, err := LoadSovereignty()
	if err != nil {
		t.Fatalf("LoadSovereignty() error: %v", err)
	}
	tests := []struct {
		name, code, date, want string
	}{
		{"south sudan before independence", "SSD", "2000-01-01", "SDN"},
		{"south sudan the day before", "SSD", "2011-07-08", "SDN"},
		{"south sudan on independence day", "SSD", "2011-07-09", "SSD"},
		{"kosovo under un administration", "XKX", "2003-05-01", "SRB"},
		{"kosovo after its declaration", "XKX", "2010-01-01", "XKX"},
		{"eritrea before the referendum", "ERI", "1990-06-01", "ETH"},
		{"montenegro keeps its code", "MNE", "2000-01-01", "MNE"},
		{"east timor keeps its code", "TLS", "1999-09-01", "TLS"},
		{"undated article", "SSD", "", "SSD"},
		{"a code without rules", "FRA", "1950-01-01", "FRA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.On(tt.code, sovDay(tt.date)); got != tt.want {
				t.Errorf("On(%q, %s) = %q, want %q", tt.code, tt.date, got, tt.want)
			}
		})
	}
}

func TestSovereigntyNameOn(t *testing.T) {
	s, err := LoadSovereignty()
	if err != nil {
		t.Fatalf("LoadSovereignty() error: %v", err)
	}
	tests := []struct {
		name, text, date, want string
		ok                     bool
	}{
		{"congo while zaire existed", "Congo", "1985-03-01", "COG", true},
		{"the congo, folded", "the CONGO", "1990-01-01", "COG", true},
		{"congolese while zaire existed", "Congolese", "1996-12-31", "COG", true},
		{"congo after zaire", "Congo", "1997-05-17", "", false},
		{"congo before zaire", "Congo", "1965-01-01", "", false},
		{"undated", "Congo", "", "", false},
		{"a name without rules", "France", "1985-03-01", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.NameOn(tt.text, sovDay(tt.date))
			if got != tt.want || ok != tt.ok {
				t.Errorf("NameOn(%q, %s) = %q, %v, want %q, %v", tt.text, tt.date, got, ok, tt.want, tt.ok)
			}
		})
	}
	if got := s.FormerReadings("Congo"); len(got) != 1 || got[0] != "COG" {
		t.Errorf("FormerReadings(%q) = %v, want [COG]", "Congo", got)
	}
}

func TestParseSovereigntyErrors(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"too few cells", "part\tSSD\tSDN\n"},
		{"bad country", "part\tSSD\tSudan\t\t2011-07-09\tnote\n"},
		{"bad date", "part\tSSD\tSDN\t\t9 July 2011\tnote\n"},
		{"from after until", "name\tCongo\tCOG\t1998-01-01\t1997-05-17\tnote\n"},
		{"part of itself", "part\tSDN\tSDN\t\t2011-07-09\tnote\n"},
		{"unknown kind", "region\tSSD\tSDN\t\t2011-07-09\tnote\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseSovereignty(tt.text); err == nil {
				t.Errorf("ParseSovereignty(%q) = nil error, want one", tt.text)
			}
		})
	}
}

func FuzzParseSovereignty(f *testing.F) {
	f.Add(sovereigntyTSV)
	f.Add("part\tSSD\tSDN\t\t2011-07-09\tnote\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSovereignty(text)
		if err != nil {
			return
		}
		for code := range s.parts {
			if got := s.On(code, sovDay("2000-01-01")); !IsAlpha3(got) {
				t.Errorf("On(%q) = %q, want an alpha-3 code", code, got)
			}
		}
	})
}
