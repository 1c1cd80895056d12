package kb

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"time"
)

//go:embed data/geo/sovereignty.tsv
var sovereigntyTSV string

// Sovereignty holds the dated sovereignty rules of data/geo/sovereignty.tsv:
// the state a territory belonged to before it became one ("SSD" was part
// of "SDN" until 9 July 2011) and the names whose reading changed with
// the date ("Congo" was the Republic of the Congo while the Democratic
// Republic was Zaire). The file's comment states the coding rule. It is
// read-only after loading and safe for concurrent use.
type Sovereignty struct {
	parts map[string][]sovRule // alpha-3 code -> rules
	names map[string][]sovRule // folded name -> rules
}

// sovRule says that a code or name stood for country from from (zero:
// always) until the day before until.
type sovRule struct {
	country     string
	from, until time.Time
}

func (r sovRule) holds(t time.Time) bool {
	return (r.from.IsZero() || !t.Before(r.from)) && t.Before(r.until)
}

// ParseSovereignty reads sovereignty rules in the format of
// data/geo/sovereignty.tsv. It returns an error naming the line of the
// first malformed row.
func ParseSovereignty(text string) (*Sovereignty, error) {
	s := &Sovereignty{parts: map[string][]sovRule{}, names: map[string][]sovRule{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 5 {
			return nil, fmt.Errorf("sovereignty line %d: %d cells, want 5 or more", n, len(f))
		}
		r := sovRule{country: strings.TrimSpace(f[2])}
		if !IsAlpha3(r.country) {
			return nil, fmt.Errorf("sovereignty line %d: country %q is no alpha-3 code", n, r.country)
		}
		var err error
		if from := strings.TrimSpace(f[3]); from != "" {
			if r.from, err = time.Parse(time.DateOnly, from); err != nil {
				return nil, fmt.Errorf("sovereignty line %d: from: %v", n, err)
			}
		}
		if r.until, err = time.Parse(time.DateOnly, strings.TrimSpace(f[4])); err != nil {
			return nil, fmt.Errorf("sovereignty line %d: until: %v", n, err)
		}
		if !r.from.IsZero() && !r.from.Before(r.until) {
			return nil, fmt.Errorf("sovereignty line %d: from %s is not before until %s", n, f[3], f[4])
		}
		switch key := strings.TrimSpace(f[1]); f[0] {
		case "part":
			if !IsAlpha3(key) || key == r.country {
				return nil, fmt.Errorf("sovereignty line %d: part %q is no other alpha-3 code", n, key)
			}
			s.parts[key] = append(s.parts[key], r)
		case "name":
			for _, name := range strings.Split(key, "|") {
				if k := Fold(strings.TrimSpace(name)); k != "" {
					s.names[k] = append(s.names[k], r)
				}
			}
		default:
			return nil, fmt.Errorf("sovereignty line %d: kind %q, want part or name", n, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sovereignty: %v", err)
	}
	return s, nil
}

// LoadSovereignty parses the embedded data/geo/sovereignty.tsv.
func LoadSovereignty() (*Sovereignty, error) { return ParseSovereignty(sovereigntyTSV) }

// Sovereignty returns the dated sovereignty rules.
func (k *KB) Sovereignty() *Sovereignty { return k.sov }

// On returns the code of the state that held the territory coded code on
// day t: "SDN" for "SSD" before 9 July 2011, "SRB" for "XKX" before
// 17 February 2008. It returns code itself when no rule holds on t and
// when t is zero (an undated article is read as of today).
func (s *Sovereignty) On(code string, t time.Time) string {
	if s == nil || t.IsZero() {
		return code
	}
	for range 4 { // a former part of a former part
		next := code
		for _, r := range s.parts[code] {
			if r.holds(t) {
				next = r.country
				break
			}
		}
		if next == code {
			return code
		}
		code = next
	}
	return code
}

// NameOn returns the country a name stood for on day t when that differs
// from its present reading: "COG" for "Congo" between October 1971 and
// May 1997. It reports false when no rule holds.
func (s *Sovereignty) NameOn(name string, t time.Time) (string, bool) {
	if s == nil || t.IsZero() {
		return "", false
	}
	for _, r := range s.names[Fold(strings.TrimSpace(name))] {
		if r.holds(t) {
			return r.country, true
		}
	}
	return "", false
}

// FormerReadings returns the countries a name stood for at some time
// other than today ("COG" for "Congo"), so that an article's other
// countries can choose between them and the present reading.
func (s *Sovereignty) FormerReadings(name string) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, r := range s.names[Fold(strings.TrimSpace(name))] {
		out = append(out, r.country)
	}
	return out
}
