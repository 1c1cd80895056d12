package extract_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"chronicle/internal/extract"
	"chronicle/internal/kb"
	"chronicle/internal/news"
	"chronicle/internal/resolve"
)

var ploverVerbose = flag.Bool("plover.v", false, "log every PLOVER gold sentence the coder gets wrong")

// eventData returns the path of a shared evaluation data set, or skips
// the test when it is not there.
func eventData(t *testing.T, name, file string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", name, file)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("../shared/data/%s not present: %v", name, err)
	}
	return p
}

// eventStack is the coding pipeline up to events: split, recognise, resolve,
// code.
type eventStack struct {
	rec     *extract.Recognizer
	coder   *extract.Coder
	resolve func(*news.Article)
}

var loadEventStack = sync.OnceValues(func() (*eventStack, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	p, err := kb.LoadPatterns()
	if err != nil {
		return nil, err
	}
	return &eventStack{rec: extract.NewRecognizer(k), coder: extract.NewCoder(p), resolve: resolve.New(k).Resolve}, nil
})

func newEventStack(t testing.TB) *eventStack {
	t.Helper()
	s, err := loadEventStack()
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	return s
}

func (s *eventStack) code(a *news.Article) {
	extract.Split(a)
	s.rec.Mentions(a)
	s.resolve(a)
	s.coder.Events(a)
}

// ploverActor is an actor of a PLOVER gold record.
type ploverActor struct {
	Text   string `json:"actorText"`
	Code   string `json:"code"`
	Sector string `json:"sector"`
}

type ploverRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

func ploverActors(raw json.RawMessage) []ploverActor {
	var out []ploverActor
	if json.Unmarshal(raw, &out) != nil {
		return nil
	}
	for i := range out {
		out[i].Code = ploverCode(out[i].Code)
		out[i].Sector = strings.ToUpper(strings.TrimSpace(out[i].Sector))
		if len(out[i].Sector) > 3 {
			out[i].Sector = out[i].Sector[:3]
		}
	}
	return out
}

// ploverCode corrects the gold file's non-ISO country codes.
func ploverCode(c string) string {
	switch c = strings.ToUpper(strings.TrimSpace(c)); c {
	case "JAP":
		return "JPN"
	case "ITL":
		return "ITA"
	case "VTN":
		return "VNM"
	}
	return c
}

// ploverScore counts matches of predicted events against gold records.
type ploverScore struct{ tp, pred, gold int }

func (s ploverScore) prf() (p, r, f float64) {
	if s.pred > 0 {
		p = float64(s.tp) / float64(s.pred)
	}
	if s.gold > 0 {
		r = float64(s.tp) / float64(s.gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (s ploverScore) String() string {
	p, r, f := s.prf()
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d, predicted %d, gold %d)", p, r, f, s.tp, s.pred, s.gold)
}

// ploverDyadOK reports whether a predicted event's source and target countries
// fit a gold record: the source is one of the gold sources and the target
// one of the gold targets (none when the gold has none). Gold records with
// several sources and no target are reciprocal (the PLOVER convention for
// meetings, agreements and clashes): a prediction naming two of them as
// source and target fits as well.
func ploverDyadOK(e news.Event, src, tgt []ploverActor) bool {
	in := func(c string, as []ploverActor) bool {
		for _, a := range as {
			if a.Code == c {
				return true
			}
		}
		return false
	}
	if !in(e.Source.Country, src) {
		return false
	}
	if len(tgt) == 0 {
		return e.Target.Country == "" || len(src) > 1 && in(e.Target.Country, src)
	}
	return in(e.Target.Country, tgt)
}

// ploverSet is the PLOVER gold standard grouped by sentence.
type ploverSet struct {
	texts  []string
	byText map[string][]ploverRecord
}

func readPLOVER(t *testing.T) ploverSet {
	t.Helper()
	path := eventData(t, "plover-gsr", "plover_gsr.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := kb.LoadPatterns()
	if err != nil {
		t.Fatal(err)
	}
	g := ploverSet{byText: make(map[string][]ploverRecord)}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r ploverRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("read gold: %v", err)
		}
		cw, ok := p.Crosswalk("plover-legacy", r.Event)
		if !ok || len(cw.Types) == 0 {
			t.Fatalf("gold %s: event %q has no PLOVER type", r.ID, r.Event)
		}
		r.Event = string(cw.Types[0])
		text := strings.TrimSpace(r.Text)
		if _, ok := g.byText[text]; !ok {
			g.texts = append(g.texts, text)
		}
		g.byText[text] = append(g.byText[text], r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return g
}

// ploverResult holds the three scores of one run over the gold set.
type ploverResult struct {
	typ, dyad ploverScore
	sector    ploverSectors
	confusion map[string]int
	matrix    map[[2]string]int // gold type and coded type ("-" for none) per gold record
	errs      map[string]int    // error classes of gold records without a dyad match
}

// score codes every gold sentence with code and matches the events it
// produces (not negated ones) to the gold records: one-to-one by type, by
// type and the source and target countries (ploverDyadOK), and, for matched
// pairs, the actors' sectors where the gold gives one. Countries that are
// no ISO country (UNO, NGO, EUR) count as IGO, the gold's code for any
// international body.
func (g ploverSet) score(t *testing.T, code func(*news.Article, []ploverRecord), isCountry func(string) bool, countryWords func(string) []string) ploverResult {
	res := ploverResult{confusion: make(map[string]int), matrix: make(map[[2]string]int), errs: make(map[string]int)}
	for i, text := range g.texts {
		golds := g.byText[text]
		a := &news.Article{ID: news.ArticleID(fmt.Sprintf("gsr-%d", i)), Text: text, Source: "gold",
			Published: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
		code(a, golds)
		var evs []news.Event
		for _, e := range a.Events {
			if e.Negated {
				continue
			}
			for _, as := range [][]news.Actor{e.Sources, e.Targets} {
				for k := range as {
					if c := as[k].Country; c != "" && !isCountry(c) {
						as[k].Country = "IGO"
					}
				}
			}
			if len(e.Sources) > 0 {
				e.Source = e.Sources[0]
			}
			if len(e.Targets) > 0 {
				e.Target = e.Targets[0]
			}
			evs = append(evs, e)
		}
		res.typ.pred += len(evs)
		res.dyad.pred += len(evs)
		res.typ.gold += len(golds)
		res.dyad.gold += len(golds)
		if *ploverVerbose && len(evs) > len(golds) {
			t.Logf("EXTRA %d>%d | %s", len(evs), len(golds), text)
			for _, e := range evs {
				t.Logf("    extra %s %s src=%s/%s tgt=%s/%s rule=%s", e.Type, e.Mode, e.Source.Name, e.Source.Country, e.Target.Name, e.Target.Country, e.Rule)
			}
		}
		usedT := make([]bool, len(evs))
		usedD := make([]bool, len(evs))
		for _, gr := range golds {
			src, tgt := ploverActors(gr.Source), ploverActors(gr.Target)
			for _, as := range [][]ploverActor{src, tgt} {
				for k := range as {
					if c := as[k].Code; c != "" && !isCountry(c) {
						as[k].Code = "IGO"
					}
				}
			}
			hit := -1
			for k, e := range evs {
				if !usedT[k] && string(e.Type) == gr.Event {
					usedT[k] = true
					res.typ.tp++
					hit = k
					break
				}
			}
			if hit < 0 {
				got := "-"
				if len(evs) > 0 {
					got = string(evs[0].Type)
				}
				res.confusion[gr.Event+" -> "+got]++
				// the matrix takes the first event no gold record of
				// the sentence has claimed
				got = "-"
				for k, e := range evs {
					if !usedT[k] {
						got = string(e.Type)
						break
					}
				}
				res.matrix[[2]string{gr.Event, got}]++
			} else {
				res.matrix[[2]string{gr.Event, gr.Event}]++
			}
			dhit := false
			for k, e := range evs {
				if !usedD[k] && string(e.Type) == gr.Event && ploverDyadOK(e, src, tgt) {
					usedD[k] = true
					res.dyad.tp++
					dhit = true
					res.sector.add(e, src, tgt)
					if !ploverEntityOK(e.Sources, src, countryWords) || !ploverEntityOK(e.Targets, append(append([]ploverActor(nil), tgt...), src...), countryWords) {
						res.errs["country right, wrong entity"]++
						if *ploverVerbose {
							t.Logf("ENTITY %s src=%v tgt=%v got src=%q tgt=%q | %s", gr.ID, src, tgt, e.Source.Name, e.Target.Name, text)
						}
					}
					break
				}
			}
			if !dhit {
				if hit < 0 {
					res.errs["type wrong"]++
				} else {
					for _, c := range ploverErrorClasses(evs[hit], src, tgt) {
						res.errs[c]++
						if *ploverVerbose {
							t.Logf("CLASS %s %s", gr.ID, c)
						}
					}
				}
				res.sector.gold += ploverGoldSectors(src, tgt)
				if *ploverVerbose {
					t.Logf("%s %s src=%v tgt=%v | %s", gr.ID, gr.Event, src, tgt, text)
					for _, e := range evs {
						t.Logf("    got %s %s src=%s/%s tgt=%s/%s rule=%s", e.Type, e.Mode, e.Source.Name, e.Source.Country, e.Target.Name, e.Target.Country, e.Rule)
					}
				}
			}
		}
	}
	return res
}

func (r ploverResult) log(t *testing.T, name string) {
	t.Helper()
	t.Logf("%s: type                     %v", name, r.typ)
	t.Logf("%s: type+source+target ctry  %v", name, r.dyad)
	t.Logf("%s: sectors of matched dyads %v", name, r.sector.score())
	var keys []string
	for k := range r.confusion {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return r.confusion[keys[i]] > r.confusion[keys[j]] || r.confusion[keys[i]] == r.confusion[keys[j]] && keys[i] < keys[j]
	})
	if len(keys) > 10 {
		keys = keys[:10]
	}
	for _, k := range keys {
		t.Logf("%s:   missed %-24s %d", name, k, r.confusion[k])
	}
	keys = keys[:0]
	for k := range r.errs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return r.errs[keys[i]] > r.errs[keys[j]] || r.errs[keys[i]] == r.errs[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys {
		t.Logf("%s:   error class %-28s %d", name, k, r.errs[k])
	}
	if *ploverVerbose {
		r.logMatrix(t, name)
	}
}

// logMatrix logs the type confusion matrix: a row per gold type, a
// column per coded type, "-" for no event.
func (r ploverResult) logMatrix(t *testing.T, name string) {
	t.Helper()
	var rows, cols []string
	for k := range r.matrix {
		if !slices.Contains(rows, k[0]) {
			rows = append(rows, k[0])
		}
		if !slices.Contains(cols, k[1]) {
			cols = append(cols, k[1])
		}
	}
	sort.Strings(rows)
	sort.Strings(cols)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: type confusion (gold rows x coded columns)\n%-11s", name, "")
	for _, c := range cols {
		fmt.Fprintf(&b, " %4.4s", c)
	}
	for _, rw := range rows {
		fmt.Fprintf(&b, "\n%-11s", rw)
		for _, c := range cols {
			if n := r.matrix[[2]string{rw, c}]; n > 0 {
				fmt.Fprintf(&b, " %4d", n)
			} else {
				fmt.Fprintf(&b, " %4s", ".")
			}
		}
	}
	t.Log(b.String())
}

// ploverErrorClasses names what is wrong with an event of the right type
// whose countries do not fit the gold record: the source or the target is
// missing, has no country, is wrong, or (where the gold has none) extra.
func ploverErrorClasses(e news.Event, src, tgt []ploverActor) []string {
	in := func(c string, as []ploverActor) bool {
		return slices.ContainsFunc(as, func(a ploverActor) bool { return a.Code == c })
	}
	var out []string
	switch {
	case len(src) > 0 && e.Source.Country == "" && e.Source.Name == "":
		out = append(out, "missing source")
	case len(src) > 0 && e.Source.Country == "":
		out = append(out, "source without country")
	case len(src) > 0 && !in(e.Source.Country, src):
		out = append(out, "wrong source")
	case len(src) == 0 && e.Source.Country != "":
		out = append(out, "extra source")
	}
	switch {
	case len(tgt) > 0 && e.Target.Country == "" && e.Target.Name == "":
		out = append(out, "missing target")
	case len(tgt) > 0 && e.Target.Country == "":
		out = append(out, "target without country")
	case len(tgt) > 0 && !in(e.Target.Country, tgt):
		out = append(out, "wrong target")
	case len(tgt) == 0 && e.Target.Country != "" && !(len(src) > 1 && in(e.Target.Country, src)):
		out = append(out, "extra target")
	}
	if len(out) == 0 {
		out = append(out, "other")
	}
	return out
}

// ploverEntityOK reports whether the first of the predicted actors of a
// side names one of the gold actors by a word they share: the same four
// letters at the start of a word ("Hungarian" and "Hungary"). A
// predicted country by its canonical name names a gold actor of that
// country whose words include one of the country's names, demonyms or
// capital ("Türkiye" for "the Turkish side").
func ploverEntityOK(pred []news.Actor, gold []ploverActor, countryWords func(string) []string) bool {
	if len(pred) == 0 || len(gold) == 0 || pred[0].Country == "" {
		return true
	}
	stems := func(s string) []string {
		var out []string
		s = strings.ReplaceAll(strings.ToLower(s), ".", "")
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z') }) {
			if len(w) >= 4 {
				out = append(out, w[:4])
			} else if len(w) >= 2 {
				out = append(out, w)
			}
		}
		return out
	}
	words := stems(pred[0].Name)
	if cw := countryWords(pred[0].Country); len(cw) > 0 && strings.EqualFold(cw[0], pred[0].Name) {
		for _, n := range cw {
			words = append(words, stems(n)...)
		}
	}
	for _, g := range gold {
		gs := stems(g.Text)
		for _, w := range words {
			if slices.Contains(gs, w) {
				return true
			}
		}
	}
	return false
}

// TestPLOVERGold scores the coder on the PLOVER gold standard records:
// hand-coded news sentences from the CAMEO manual, their old type names
// mapped with the plover-legacy crosswalk. It runs twice: behind the
// recogniser and resolver (the figure users get), and on oracle mentions
// made from the gold actors' words and codes, with no role information
// (the coder's own share of the errors).
func TestPLOVERGold(t *testing.T) {
	g := readPLOVER(t)
	st := newEventStack(t)
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	isCountry := func(c string) bool {
		_, ok := k.Geo().Country(c)
		return ok
	}
	countryWords := func(c string) []string {
		ct, ok := k.Geo().Country(c)
		if !ok {
			return nil
		}
		out := append([]string{ct.Name, ct.Official, ct.Capital}, ct.Names...)
		out = append(out, ct.Demonyms...)
		return append(out, ct.Metonyms...)
	}
	t.Logf("PLOVER GSR: %d sentences, %d records", len(g.texts), len(g.texts)+ploverExtra(g))
	full := g.score(t, func(a *news.Article, _ []ploverRecord) { st.code(a) }, isCountry, countryWords)
	full.log(t, "pipeline")
	oracle := g.score(t, func(a *news.Article, golds []ploverRecord) {
		extract.Split(a)
		a.Mentions = ploverOracle(a.Text, golds)
		st.coder.Events(a)
	}, isCountry, countryWords)
	oracle.log(t, "oracle mentions")

	checks := []struct {
		name string
		s    ploverScore
		min  float64
	}{
		{"pipeline type", full.typ, goldTypeF1},
		{"pipeline type+countries", full.dyad, goldDyadF1},
		{"oracle type", oracle.typ, oracleTypeF1},
		{"oracle type+countries", oracle.dyad, oracleDyadF1},
	}
	for _, c := range checks {
		if _, _, f := c.s.prf(); f < c.min {
			t.Errorf("%s F1 %.3f below the committed %.2f", c.name, f, c.min)
		}
	}
}

func ploverExtra(g ploverSet) int {
	n := 0
	for _, rs := range g.byText {
		n += len(rs) - 1
	}
	return n
}

// wordIndex finds words in text at word boundaries, clear of the
// mentions placed so far; case is ignored when the exact words are absent.
func wordIndex(text, words string, placed []news.Mention) int {
	for _, hay := range []string{text, strings.ToLower(text)} {
		needle := words
		if hay != text {
			needle = strings.ToLower(words)
		}
		for from := 0; from < len(hay); {
			i := strings.Index(hay[from:], needle)
			if i < 0 {
				break
			}
			i += from
			end := i + len(needle)
			edge := (i == 0 || !isWordByte(hay[i-1])) && (end == len(hay) || !isWordByte(hay[end]))
			clear := true
			for _, m := range placed {
				if m.Span.Overlaps(news.Span{Start: i, End: end}) {
					clear = false
				}
			}
			if edge && clear {
				return i
			}
			from = i + 1
		}
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// ploverOracle marks every gold actor's words in the sentence as a
// mention with the gold country and sector, and no hint of its role.
func ploverOracle(text string, golds []ploverRecord) []news.Mention {
	var out []news.Mention
	seen := make(map[string]bool)
	for _, g := range golds {
		for _, ga := range append(ploverActors(g.Source), ploverActors(g.Target)...) {
			words := strings.Join(strings.Fields(ga.Text), " ")
			if words == "" || seen[words] {
				continue
			}
			seen[words] = true
			i := wordIndex(text, words, out)
			if i < 0 {
				continue
			}
			m := news.Mention{Span: news.Span{Start: i, End: i + len(words)}, Text: text[i : i+len(words)], Type: news.Org, Ref: -1,
				Actor: news.Actor{Name: words, Country: ga.Code, Sector: news.Sector(ga.Sector)}}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	// drop overlaps, keeping the earlier and longer mention
	var kept []news.Mention
	for _, m := range out {
		if n := len(kept); n > 0 && kept[n-1].Span.Overlaps(m.Span) {
			if m.Span.Len() > kept[n-1].Span.Len() && m.Span.Start == kept[n-1].Span.Start {
				kept[n-1] = m
			}
			continue
		}
		kept = append(kept, m)
	}
	for i := range kept {
		kept[i].Sentence = 0
	}
	return kept
}

// Thresholds a little under what the coder reaches on the whole set, which
// has no split (pipeline: type F1 0.893, type+countries 0.800; oracle
// mentions: 0.894 and 0.826). The pipeline's leave more room: they also
// move with the recogniser and the resolver. Raise them as the stages
// improve.
const (
	goldTypeF1   = 0.87
	goldDyadF1   = 0.79
	oracleTypeF1 = 0.87
	oracleDyadF1 = 0.82
)

// ploverSectors compares actor sectors of matched events with the gold.
type ploverSectors struct{ tp, pred, gold int }

func ploverGoldSectors(src, tgt []ploverActor) int {
	n := 0
	for _, a := range append(append([]ploverActor(nil), src...), tgt...) {
		if a.Sector != "" && a.Sector != "***" {
			n++
		}
	}
	return n
}

func (s *ploverSectors) add(e news.Event, src, tgt []ploverActor) {
	s.gold += ploverGoldSectors(src, tgt)
	side := func(pred []news.Actor, gold []ploverActor) {
		for _, a := range pred {
			if a.Sector == "" {
				continue
			}
			s.pred++
			for _, g := range gold {
				if g.Code == a.Country && g.Sector == string(a.Sector) {
					s.tp++
					break
				}
			}
		}
	}
	side(e.Sources, src)
	side(e.Targets, append(append([]ploverActor(nil), tgt...), src...))
}

func (s ploverSectors) score() ploverScore { return ploverScore(s) }

// TestCASE2021 scores event typing on the CASE 2021 shared task 2 test
// set: one-paragraph event descriptions labelled with ACLED sub-event
// types and five types outside ACLED (disasters, crime, diplomacy,
// attribution). Labels map to PLOVER types with the acled crosswalk of the
// codebook; a label with several types accepts any of them, and labels
// with none (disasters, crime, "other") expect no event. The prediction
// for a snippet is the type of its most confident event that is not
// negated.
func TestCASE2021(t *testing.T) {
	path := eventData(t, "case2021", filepath.Join("task2", "test_dataset", "test_set_final_release_with_labels.tsv"))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := kb.LoadPatterns()
	if err != nil {
		t.Fatal(err)
	}
	st := newEventStack(t)
	type tally struct{ n, ok int }
	perLabel := make(map[string]*tally)
	var all, events tally
	var detect ploverScore // is there a PLOVER event at all
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 3 {
			continue
		}
		label := strings.TrimSpace(cols[2])
		cw, ok := p.Crosswalk("acled", label)
		if !ok {
			continue // a row whose label the task does not define
		}
		a := &news.Article{ID: news.ArticleID("case-" + cols[0]), Text: cols[1]}
		st.code(a)
		pred := news.EventType("")
		best := -1.0
		for _, e := range a.Events {
			if !e.Negated && e.Confidence > best {
				pred, best = e.Type, e.Confidence
			}
		}
		good := len(cw.Types) == 0 && pred == "" || slices.Contains(cw.Types, pred)
		if *ploverVerbose && !good {
			t.Logf("MISS %s -> %q | %.200s", label, pred, cols[1])
		}
		tl := perLabel[label]
		if tl == nil {
			tl = &tally{}
			perLabel[label] = tl
		}
		tl.n++
		all.n++
		if good {
			tl.ok++
			all.ok++
		}
		if len(cw.Types) > 0 {
			events.n++
			detect.gold++
			if good {
				events.ok++
			}
		}
		if pred != "" {
			detect.pred++
			if len(cw.Types) > 0 {
				detect.tp++
			}
		}
	}
	if all.n == 0 {
		t.Fatal("no CASE 2021 rows read")
	}
	acc := float64(all.ok) / float64(all.n)
	t.Logf("CASE 2021 task 2: %d snippets, accuracy %.3f (%d); on the %d event labels %.3f",
		all.n, acc, all.ok, events.n, float64(events.ok)/float64(events.n))
	t.Logf("event detection: %v", detect)
	var labels []string
	for l := range perLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		tl := perLabel[l]
		t.Logf("  %-30s %3d/%3d %.2f", l, tl.ok, tl.n, float64(tl.ok)/float64(tl.n))
	}
	if acc < caseAccuracy {
		t.Errorf("CASE 2021 accuracy %.3f below the committed %.2f", acc, caseAccuracy)
	}
}

// caseAccuracy is a little under what the pipeline reaches (0.65).
const caseAccuracy = 0.62
