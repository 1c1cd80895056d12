package resolve

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronicle/internal/extract"
	"chronicle/internal/news"
)

// dataDir is where the shared evaluation data sets live, relative to the
// package directory.
const dataDir = "../../../shared/data"

// Thresholds a little under the figures measured when they were set; a
// change that drops below them is a regression.
const (
	ngecCountryMin       = 0.92
	ngecSectorMin        = 0.74
	ngecPersonCountryMin = 0.95
	ploverRecallMin      = 0.91
	ploverPrecisionMin   = 0.95
)

// readJSONL decodes every line of a JSON-lines file into a new T.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// goldDate parses the date forms of the NGEC tests. "Today" and no date
// mean the time the tests were written, which the data set's README puts
// in 2022.
func goldDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2 January 2006", "2 Jan 2006", "January 2, 2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d
		}
	}
	return time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
}

// actorOf recognises and resolves an actor phrase (with its context
// before it) and returns the actor of the widest mention inside the
// phrase, or false when nothing was recognised.
func (p *pipeline) actorOf(phrase, context, known string, date time.Time) (news.Mention, bool) {
	text := phrase
	off := 0
	if context != "" {
		text = context + ".\n\n" + phrase
		off = len(context) + 3
	}
	a := &news.Article{Text: text, Published: date, Dateline: known}
	extract.Split(a)
	p.rec.Mentions(a)
	p.res.Resolve(a)
	best, found := news.Mention{}, false
	for _, m := range a.Mentions {
		if m.Span.Start < off || m.Rule == "pronoun" && len(a.Mentions) > 1 {
			continue
		}
		if !found || m.Span.Len() > best.Span.Len() {
			best, found = m, true
		}
	}
	return best, found
}

// TestNGECGold scores actor resolution on the NGEC (POLECAT coder)
// agent-to-code tests: actor text and date to country and sector.
func TestNGECGold(t *testing.T) {
	path := filepath.Join(dataDir, "ngec-actor-tests", "agent_to_code_gold.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data/ngec-actor-tests not present: ", err)
	}
	type row struct {
		Actor, Context, Date string
		Known                string         `json:"known_country"`
		Expect               map[string]any `json:"expect"`
	}
	rows := readJSONL[row](t, path)
	p := newPipeline(t)
	var countryN, countryOK, sectorN, sectorOK, personN, personOK int
	for _, r := range rows {
		m, found := p.actorOf(r.Actor, r.Context, r.Known, goldDate(r.Date))
		if want, _ := r.Expect["country"].(string); want != "" {
			countryN++
			if m.Actor.Country == want {
				countryOK++
			} else if testing.Verbose() {
				t.Logf("country %q (%s): got %q (%s %s), want %q", r.Actor, r.Date, m.Actor.Country, m.Type, m.Rule, want)
			}
			if found && m.Type == news.Person && m.Actor.Name != "" && m.Rule != "pronoun" && m.Rule != "role-noun" {
				personN++
				if m.Actor.Country == want {
					personOK++
				}
			}
		}
		var wants []string
		if w, _ := r.Expect["code_1"].(string); w != "" && w != "????" {
			wants = []string{w}
		}
		if in, ok := r.Expect["code_1 In"].([]any); ok {
			for _, w := range in {
				if s, ok := w.(string); ok {
					wants = append(wants, s)
				}
			}
		}
		if len(wants) > 0 {
			sectorN++
			ok := false
			for _, w := range wants {
				ok = ok || string(m.Actor.Sector) == w
			}
			if ok {
				sectorOK++
			} else if testing.Verbose() {
				t.Logf("sector %q (%s): got %q (%s %s %q), want %v", r.Actor, r.Date, m.Actor.Sector, m.Type, m.Rule, m.Actor.Role, wants)
			}
		}
	}
	country := float64(countryOK) / float64(max(countryN, 1))
	sector := float64(sectorOK) / float64(max(sectorN, 1))
	person := float64(personOK) / float64(max(personN, 1))
	t.Logf("NGEC country accuracy %.3f (%d/%d), sector accuracy %.3f (%d/%d), named people country %.3f (%d/%d)",
		country, countryOK, countryN, sector, sectorOK, sectorN, person, personOK, personN)
	if country < ngecCountryMin || sector < ngecSectorMin || person < ngecPersonCountryMin {
		t.Errorf("NGEC accuracy below thresholds: country %.3f (min %.2f), sector %.3f (min %.2f), people %.3f (min %.2f)",
			country, ngecCountryMin, sector, ngecSectorMin, person, ngecPersonCountryMin)
	}
}

// TestPLOVERActors scores recognition and resolution on the PLOVER gold
// standard records: every gold source or target actor text should be
// covered by a mention that gets the gold country code.
func TestPLOVERActors(t *testing.T) {
	path := filepath.Join(dataDir, "plover-gsr", "plover_gsr.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data/plover-gsr not present: ", err)
	}
	type actor struct {
		ActorText string `json:"actorText"`
		Code      string `json:"code"`
	}
	type record struct {
		ID     string          `json:"id"`
		Date   string          `json:"date"`
		Text   string          `json:"text"`
		Source json.RawMessage `json:"source"`
		Target json.RawMessage `json:"target"`
	}
	recs := readJSONL[record](t, path)
	p := newPipeline(t)
	var gold, predicted, correct int
	for _, r := range recs {
		var actors []actor
		for _, raw := range []json.RawMessage{r.Source, r.Target} {
			var list []actor
			if json.Unmarshal(raw, &list) == nil {
				actors = append(actors, list...)
			}
		}
		if len(actors) == 0 {
			continue
		}
		date, _ := time.Parse(news.DateFormat, r.Date)
		a := &news.Article{Text: r.Text, Published: date}
		extract.Split(a)
		p.rec.Mentions(a)
		p.res.Resolve(a)
		for _, g := range actors {
			i := strings.Index(r.Text, g.ActorText)
			if g.Code == "" || g.ActorText == "" || i < 0 {
				continue
			}
			gold++
			span := news.Span{Start: i, End: i + len(g.ActorText)}
			got, overlap := "", 0
			for _, m := range a.Mentions {
				if !m.Span.Overlaps(span) || m.Actor.Country == "" {
					continue
				}
				o := min(m.Span.End, span.End) - max(m.Span.Start, span.Start)
				if o > overlap {
					got, overlap = m.Actor.Country, o
				}
			}
			if got == "" {
				if testing.Verbose() {
					t.Logf("%s: missed %q (%s)", r.ID, g.ActorText, g.Code)
				}
				continue
			}
			predicted++
			if got == g.Code || g.Code == "IGO" && nonState(got) {
				// The records predate PLOVER's UNO, EUR and NGO codes
				// and code every international body IGO.
				correct++
			} else if testing.Verbose() {
				t.Logf("%s: %q got %s, want %s", r.ID, g.ActorText, got, g.Code)
			}
		}
	}
	precision := float64(correct) / float64(max(predicted, 1))
	recall := float64(correct) / float64(max(gold, 1))
	t.Logf("PLOVER actors: precision %.3f (%d/%d), recall %.3f (%d/%d)", precision, correct, predicted, recall, correct, gold)
	if precision < ploverPrecisionMin || recall < ploverRecallMin {
		t.Errorf("PLOVER actor country precision %.3f (min %.2f), recall %.3f (min %.2f)", precision, ploverPrecisionMin, recall, ploverRecallMin)
	}
}
