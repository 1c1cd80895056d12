package extract_test

import (
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chronicle/internal/extract"
	"chronicle/internal/kb"
	"chronicle/internal/news"
)

var (
	acledVerbose = flag.Bool("acled.v", false, "log the ACLED notes the pipeline gets wrong, by measure")
	acledAll     = flag.Bool("acled.all", false, "score every ACLED note, not a sample")
)

// acledNote is one ACLED event record: the analyst's note and the human
// coding of the event it describes.
type acledNote struct {
	id         string
	date       time.Time
	datePrec   int // ACLED time_precision: 1 the day is known
	eventType  string
	subType    string
	actor1     string
	actor2     string
	country    string // ISO 3166-1 alpha-3 of the event
	lat, lon   float64
	geoPrec    int // ACLED geo_precision: 1 the town, 2 near it, 3 a region
	notes      string
	fatalities int
	// The place ACLED codes, by name: the town and its admin1-3 (empty in
	// exports without those columns).
	location, admin1, admin2, admin3 string
}

// readACLED reads every CSV export under dir, keeping the first record of
// each data_id, in data_id order.
func readACLED(t *testing.T, dir string) []acledNote {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("list ACLED exports: %v", err)
	}
	sort.Strings(files)
	seen := make(map[string]bool)
	var out []acledNote
	for _, f := range files {
		notes, err := readACLEDFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		for _, n := range notes {
			if !seen[n.id] {
				seen[n.id] = true
				out = append(out, n)
			}
		}
	}
	slices.SortFunc(out, func(a, b acledNote) int {
		// ids are numbers; one that is not sorts as 0, then by its text
		x, _ := strconv.Atoi(a.id)
		y, _ := strconv.Atoi(b.id)
		return cmp.Or(cmp.Compare(x, y), strings.Compare(a.id, b.id))
	})
	return out
}

func readACLEDFile(path string) ([]acledNote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %v", err)
	}
	col := make(map[string]int)
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, c := range []string{"data_id", "event_date", "time_precision", "event_type", "sub_event_type",
		"actor1", "actor2", "iso3", "latitude", "longitude", "geo_precision", "notes", "fatalities"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("no column %s", c)
		}
	}
	var out []acledNote
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		opt := func(c string) string {
			if _, ok := col[c]; !ok {
				return ""
			}
			return get(c)
		}
		date, err := time.Parse("02 January 2006", get("event_date"))
		if err != nil {
			return nil, fmt.Errorf("record %s: %v", get("data_id"), err)
		}
		lat, err1 := strconv.ParseFloat(get("latitude"), 64)
		lon, err2 := strconv.ParseFloat(get("longitude"), 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("record %s: coordinates %q %q", get("data_id"), get("latitude"), get("longitude"))
		}
		// time_precision, geo_precision and fatalities are small integers;
		// a malformed one reads as 0, which leaves the note out of the date
		// and distance measures and counts no fatalities.
		datePrec, _ := strconv.Atoi(get("time_precision"))
		geoPrec, _ := strconv.Atoi(get("geo_precision"))
		dead, _ := strconv.Atoi(get("fatalities"))
		out = append(out, acledNote{
			id: get("data_id"), date: date, datePrec: datePrec,
			eventType: get("event_type"), subType: get("sub_event_type"),
			actor1: get("actor1"), actor2: get("actor2"), country: get("iso3"),
			lat: lat, lon: lon, geoPrec: geoPrec, notes: get("notes"), fatalities: dead,
			location: opt("location"), admin1: opt("admin1"), admin2: opt("admin2"), admin3: opt("admin3"),
		})
	}
}

// acledSample returns a reproducible sample of about n notes: those whose
// id hashes below the share n/len(notes), which spreads the sample over
// event types and countries as the data does. With n at least the number
// of notes it returns them all.
func acledSample(notes []acledNote, n int) []acledNote {
	if n >= len(notes) {
		return notes
	}
	limit := uint64(float64(n) / float64(len(notes)) * float64(math.MaxUint32))
	var out []acledNote
	for _, nt := range notes {
		h := fnv.New32a()
		h.Write([]byte(nt.id)) // a hash's Write never fails
		if uint64(h.Sum32()) < limit {
			out = append(out, nt)
		}
	}
	return out
}

// acledActorCountry returns the country of an ACLED actor name: the
// country in parentheses ("Rioters (Kenya)"), else the one after "of"
// ("Police Forces of Kenya (2013-)"), else the event's country: a group
// named without one ("XYZ: Example Front") is taken to be local.
// International and unnamed actors have none.
func acledActorCountry(g *kb.Geo, name, eventCountry string) string {
	if name == "" {
		return ""
	}
	rest := name
	for {
		i := strings.IndexByte(rest, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], ')')
		if j < 0 {
			break
		}
		inner := rest[i+1 : i+j]
		if strings.EqualFold(inner, "International") {
			return ""
		}
		if c, kind, ok := g.CountryByName(inner); ok && kind == kb.NameCountry {
			return c.Alpha3
		}
		rest = rest[i+j+1:]
	}
	if i := strings.LastIndex(name, " of "); i >= 0 {
		tail := name[i+4:]
		if k := strings.IndexByte(tail, '('); k >= 0 {
			tail = tail[:k]
		}
		if c, _, ok := g.CountryByName(strings.TrimSpace(tail)); ok {
			return c.Alpha3
		}
	}
	return eventCountry
}

// acledKm returns the great-circle distance between two points in km.
func acledKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(min(1, a)))
}

// acledPlaceKm is how far a coded place may lie from ACLED's coordinates.
const acledPlaceKm = 50

// acledOutcome is what the pipeline got right on one note. Each measure
// has a flag saying whether the note counts for it.
type acledOutcome struct {
	label     string
	hasEvent  bool
	typeOK    bool // some event has a type the label maps to
	mainOK    bool // the most confident event has one
	mainType  news.EventType
	known     bool // the crosswalk has the label
	mapped    bool // the label maps to PLOVER types
	actorGold bool // ACLED names a country for actor 1
	actorAny  bool // actor 1's country is a source or target country
	actorSrc  bool // actor 1's country is a source country
	ctryPred  int  // distinct coded actor countries
	ctryOK    int  // of which ACLED names (actor 1 or 2, or the event's country)
	geoGold   bool // ACLED's coordinates locate the town (geo_precision 1-2)
	evLoc     bool // the main event has a geocoded location
	evNear    bool // within acledPlaceKm
	anyNear   bool // some geocoded place mention is within acledPlaceKm
	evCtryOK  bool // the main event's location is in the event's country
	anyCtryOK bool // some place mention is in the event's country
	dateGold  bool // ACLED knows the day and the note has an event
	dateText  bool // the main event's date comes from the text
	dateOK    bool // and equals ACLED's date
	dateAsIs  bool // the main event's date equals ACLED's, the published date standing in when the text gives none
	anyDateOK bool // some day-precise date in the note equals it
	deadGold  bool // ACLED counts fatalities
	deadSome  bool // some event has a killed count
	deadOK    bool // the largest killed count equals the fatalities
	deadFalse bool // ACLED counts none and an event says some were killed
	killed    int  // the largest killed count
	heldOut   bool // the note's data_id is odd: reported, never analysed
	deadClass string
	geoClass  string
	evClass   string
	main      *news.Event
	article   *news.Article
}

// acledScore codes one note and compares the result with its ACLED coding.
func acledScore(st *eventStack, g *kb.Geo, p *kb.Patterns, n acledNote) acledOutcome {
	a := &news.Article{ID: news.ArticleID("acled-" + n.id), Source: "acled", Text: n.notes, Published: n.date}
	extract.Split(a)
	st.rec.Mentions(a)
	st.resolve(a)
	extract.Dates(a)
	st.coder.Events(a)

	o := acledOutcome{label: n.subType, article: a}
	cw, ok := p.Crosswalk("acled", n.subType)
	if !ok || n.subType == "" {
		cw, ok = p.Crosswalk("acled", n.eventType)
		o.label = n.eventType
	}
	o.known = ok
	o.mapped = ok && len(cw.Types) > 0
	var evs []*news.Event
	for i := range a.Events {
		if !a.Events[i].Negated {
			evs = append(evs, &a.Events[i])
		}
	}
	o.hasEvent = len(evs) > 0
	// The main event is the most confident one of a mapped type, else the
	// most confident one.
	var best, bestAny *news.Event
	for _, e := range evs {
		fits := slices.Contains(cw.Types, e.Type)
		if fits {
			o.typeOK = true
			if best == nil || e.Confidence > best.Confidence {
				best = e
			}
		}
		if bestAny == nil || e.Confidence > bestAny.Confidence {
			bestAny = e
		}
	}
	if bestAny != nil {
		o.mainType = bestAny.Type
		o.mainOK = slices.Contains(cw.Types, bestAny.Type)
	}
	o.main = best
	if o.main == nil {
		o.main = bestAny
	}

	// actor countries
	c1 := acledActorCountry(g, n.actor1, n.country)
	c2 := acledActorCountry(g, n.actor2, n.country)
	gold := map[string]bool{n.country: true}
	if c1 != "" {
		gold[c1] = true
	}
	if c2 != "" {
		gold[c2] = true
	}
	o.actorGold = c1 != ""
	pred := make(map[string]bool)
	for _, e := range evs {
		for _, as := range [][]news.Actor{e.Sources, e.Targets} {
			for _, act := range as {
				if act.Country == "" {
					continue
				}
				pred[act.Country] = true
				if act.Country == c1 {
					o.actorAny = true
				}
			}
		}
		for _, act := range e.Sources {
			if c1 != "" && act.Country == c1 {
				o.actorSrc = true
			}
		}
	}
	o.actorAny = o.actorAny && c1 != ""
	o.ctryPred = len(pred)
	for c := range pred {
		if gold[c] {
			o.ctryOK++
		}
	}

	// place
	o.geoGold = n.geoPrec == 1 || n.geoPrec == 2
	if o.main != nil && o.main.Location != nil {
		l := o.main.Location
		o.evLoc = l.HasGeo
		o.evNear = l.HasGeo && acledKm(l.Lat, l.Lon, n.lat, n.lon) <= acledPlaceKm
		o.evCtryOK = l.Country == n.country
	}
	for _, m := range a.Mentions {
		if m.Place == nil {
			continue
		}
		if m.Place.HasGeo && acledKm(m.Place.Lat, m.Place.Lon, n.lat, n.lon) <= acledPlaceKm {
			o.anyNear = true
		}
		if m.Place.Country == n.country {
			o.anyCtryOK = true
		}
	}

	// date
	want := n.date.Format(news.DateFormat)
	o.dateGold = n.datePrec == 1 && o.main != nil
	if o.main != nil {
		o.dateText = o.main.DateText != ""
		o.dateOK = o.dateText && o.main.Date == want
		o.dateAsIs = o.main.Date == want
	}
	for _, d := range a.Dates {
		if d.Precision == news.PrecisionDay && d.Date == want {
			o.anyDateOK = true
		}
	}

	// fatalities
	killed := 0
	for _, e := range evs {
		killed = max(killed, e.Quantities[extract.QtyKilled])
	}
	o.deadGold = n.fatalities > 0
	o.deadSome = killed > 0
	o.deadOK = o.deadGold && killed == n.fatalities
	o.deadFalse = !o.deadGold && killed > 0
	o.killed = killed
	if id, err := strconv.Atoi(n.id); err == nil {
		o.heldOut = id%2 == 1
	}
	o.deadClass = acledDeadClass(n, o)
	o.geoClass = acledPlaceClass(n, o)
	o.evClass = acledEventPlaceClass(o)
	return o
}

// acledEventPlaceClass names the error class of a town-precise note whose
// main event is not placed within acledPlaceKm: no location or a far one,
// and whether some place mention of the note was near. It is "" when the
// main event is placed near or the measure does not apply.
func acledEventPlaceClass(o acledOutcome) string {
	if !o.geoGold || !o.hasEvent || o.evNear {
		return ""
	}
	near := "no mention near"
	if o.anyNear {
		near = "a mention near"
	}
	switch {
	case o.main == nil || o.main.Location == nil:
		return "no location, " + near
	case !o.main.Location.HasGeo:
		return "location not geocoded, " + near
	}
	return "location far, " + near
}

// acledDeadClass names the error class of a wrong killed count: none found,
// one where ACLED counts none, too low or too high, each with the first
// feature of the note's wording that may explain it. It is "" when the
// count is right.
func acledDeadClass(n acledNote, o acledOutcome) string {
	// Features of the wording a wrong count is put down to, tried in order:
	// words or phrases of the lower-cased note.
	features := []struct{ class, words string }{
		{"cumulative total", "toll|total|bringing|rose to|risen to|so far"},
		{"range or vague", "dozens|several|scores|hundreds|many|some|a number of|few"},
		{"at least/over", "at least|more than|over|about|around|nearly|up to"},
		{"killing N and injuring M", "and injuring|and wounding|and injured|and wounded"},
		{"number word", "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"},
		{"a/an + noun", "a|an"},
	}
	var kind string
	switch {
	case o.deadGold && o.deadOK, !o.deadGold && !o.deadFalse:
		return ""
	case !o.deadGold:
		kind = "counted where ACLED counts none"
	case o.killed == 0:
		kind = "none found"
	case o.killed < n.fatalities:
		kind = "too low"
	default:
		kind = "too high"
	}
	text := " " + strings.Join(strings.FieldsFunc(strings.ToLower(n.notes), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	}), " ") + " "
	if o.killed > 0 && strings.Contains(text, " "+strconv.Itoa(o.killed)+" ") && n.fatalities > 0 &&
		strings.Contains(text, " "+strconv.Itoa(n.fatalities)+" ") {
		return kind + ": counted another number"
	}
	for _, f := range features {
		for w := range strings.SplitSeq(f.words, "|") {
			if strings.Contains(text, " "+w+" ") {
				return kind + ": " + f.class
			}
		}
	}
	for _, r := range text {
		if r >= '0' && r <= '9' {
			return kind + ": digits"
		}
	}
	return kind + ": other"
}

// acledPlaceClass names the error class of a note whose town-precise place
// no place mention comes within acledPlaceKm of: the town unknown to the
// gazetteer (and whether an admin area is named beside it), a namesake
// resolved far away, or a town the note does not name. It is "" when some
// mention is near or ACLED's place is a region.
func acledPlaceClass(n acledNote, o acledOutcome) string {
	if !o.geoGold || o.anyNear {
		return ""
	}
	named := func(name string) bool {
		return name != "" && strings.Contains(strings.ToLower(n.notes), strings.ToLower(name))
	}
	var geo []news.Mention
	for _, m := range o.article.Mentions {
		if m.Place != nil && m.Place.HasGeo {
			geo = append(geo, m)
		}
	}
	for _, m := range geo {
		if n.location != "" && strings.EqualFold(m.Text, n.location) {
			return "wrong namesake"
		}
	}
	admin := named(n.admin1) || named(n.admin2) || named(n.admin3)
	switch {
	case !named(n.location) && len(geo) == 0:
		return "town not named, no place found"
	case !named(n.location):
		return "town not named, another place found"
	case admin && len(geo) == 0:
		return "town unknown to the gazetteer, its admin area named, no place found"
	case admin:
		return "town unknown to the gazetteer, its admin area named and found far"
	case len(geo) == 0:
		return "town unknown to the gazetteer, no place found"
	}
	return "town unknown to the gazetteer, another place found"
}

// acledCount is a hit count over the notes a measure applies to.
type acledCount struct{ ok, n int }

func (c *acledCount) add(applies, ok bool) {
	if applies {
		c.n++
		if ok {
			c.ok++
		}
	}
}

func (c acledCount) rate() float64 {
	if c.n == 0 {
		return 0
	}
	return float64(c.ok) / float64(c.n)
}

func (c acledCount) String() string { return fmt.Sprintf("%.3f (%d/%d)", c.rate(), c.ok, c.n) }

// acledTotals sums the outcomes of a run.
type acledTotals struct {
	notes                         int
	hasEvent, typeAny, typeMain   acledCount
	actorAny, actorSrc, actorPrec acledCount
	evLoc, evNear, anyNear        acledCount
	evCtry, anyCtry               acledCount
	dateText, date, dateAsIs      acledCount
	anyDate, dateAttach           acledCount
	deadSome, dead, deadFalse     acledCount
	perLabel                      map[string]*acledCount
	mainTypes                     map[string]int // label -> main type, for misses
	classes                       map[string]int // "measure: error class" -> notes
}

func acledTally(outs []acledOutcome) acledTotals {
	tt := acledTotals{notes: len(outs), perLabel: make(map[string]*acledCount), mainTypes: make(map[string]int),
		classes: make(map[string]int)}
	for _, o := range outs {
		if o.deadClass != "" {
			tt.classes["killed: "+o.deadClass]++
		}
		if o.geoClass != "" {
			tt.classes["place: "+o.geoClass]++
		}
		if o.evClass != "" {
			tt.classes["event place: "+o.evClass]++
		}
		tt.hasEvent.add(true, o.hasEvent)
		tt.typeAny.add(o.mapped, o.typeOK)
		tt.typeMain.add(o.mapped, o.mainOK)
		if o.mapped {
			pl := tt.perLabel[o.label]
			if pl == nil {
				pl = &acledCount{}
				tt.perLabel[o.label] = pl
			}
			pl.add(true, o.typeOK)
			if !o.mainOK {
				got := string(o.mainType)
				if got == "" {
					got = "-"
				}
				tt.mainTypes[o.label+" -> "+got]++
			}
		}
		tt.actorAny.add(o.actorGold, o.actorAny)
		tt.actorSrc.add(o.actorGold, o.actorSrc)
		tt.actorPrec.n += o.ctryPred
		tt.actorPrec.ok += o.ctryOK
		tt.evLoc.add(o.geoGold && o.hasEvent, o.evLoc)
		tt.evNear.add(o.geoGold && o.hasEvent, o.evNear)
		tt.anyNear.add(o.geoGold, o.anyNear)
		tt.evCtry.add(o.hasEvent, o.evCtryOK)
		tt.anyCtry.add(true, o.anyCtryOK)
		tt.dateText.add(o.dateGold, o.dateText)
		tt.date.add(o.dateGold, o.dateOK)
		tt.dateAsIs.add(o.dateGold, o.dateAsIs)
		tt.anyDate.add(o.dateGold, o.anyDateOK)
		tt.dateAttach.add(o.dateGold && o.anyDateOK, o.dateOK)
		tt.deadSome.add(o.deadGold, o.deadSome)
		tt.dead.add(o.deadGold, o.deadOK)
		tt.deadFalse.add(!o.deadGold, o.deadFalse)
	}
	return tt
}

func (tt acledTotals) log(t *testing.T) {
	t.Helper()
	t.Logf("ACLED: %d notes", tt.notes)
	t.Logf("  notes with an event                      %v", tt.hasEvent)
	t.Logf("  type: some event of the mapped type      %v", tt.typeAny)
	t.Logf("  type: most confident event of it         %v", tt.typeMain)
	t.Logf("  actor 1 country among coded actors       %v", tt.actorAny)
	t.Logf("  actor 1 country among coded sources      %v", tt.actorSrc)
	t.Logf("  coded actor countries ACLED names        %v", tt.actorPrec)
	t.Logf("  main event geocoded (town-precise notes) %v", tt.evLoc)
	t.Logf("  main event within %d km                  %v", acledPlaceKm, tt.evNear)
	t.Logf("  some place mention within %d km          %v", acledPlaceKm, tt.anyNear)
	t.Logf("  main event place in the right country    %v", tt.evCtry)
	t.Logf("  some place mention in the right country  %v", tt.anyCtry)
	t.Logf("  main event dated from the text           %v", tt.dateText)
	t.Logf("  main event date equals ACLED's           %v", tt.date)
	t.Logf("    counting the published date            %v", tt.dateAsIs)
	t.Logf("  some day date in the note equals ACLED's %v", tt.anyDate)
	t.Logf("    and the main event has it              %v", tt.dateAttach)
	t.Logf("  fatal notes with a killed count          %v", tt.deadSome)
	t.Logf("  killed count equals fatalities           %v", tt.dead)
	t.Logf("  non-fatal notes with a killed count      %v", tt.deadFalse)
	var labels []string
	for l := range tt.perLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		t.Logf("  type by label: %-36s %v", l, *tt.perLabel[l])
	}
	var keys []string
	for k := range tt.mainTypes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return tt.mainTypes[keys[i]] > tt.mainTypes[keys[j]] || tt.mainTypes[keys[i]] == tt.mainTypes[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys[:min(len(keys), 12)] {
		t.Logf("  main type missed: %-50s %d", k, tt.mainTypes[k])
	}
}

// acledLogSplit logs the headline measures of the analysis split (even
// data_id) and the held-out split (odd data_id), and the error classes of
// the analysis split.
func acledLogSplit(t *testing.T, outs []acledOutcome) {
	t.Helper()
	var even, odd []acledOutcome
	for _, o := range outs {
		if o.heldOut {
			odd = append(odd, o)
		} else {
			even = append(even, o)
		}
	}
	ev, ho := acledTally(even), acledTally(odd)
	t.Logf("ACLED split: analysis (even data_id) %d notes, held-out (odd data_id) %d notes", ev.notes, ho.notes)
	for _, r := range []struct {
		name   string
		ev, ho acledCount
	}{
		{"type", ev.typeAny, ho.typeAny},
		{"some place mention within 50 km", ev.anyNear, ho.anyNear},
		{"main event within 50 km", ev.evNear, ho.evNear},
		{"date", ev.date, ho.date},
		{"killed count equals fatalities", ev.dead, ho.dead},
		{"non-fatal notes with a killed count", ev.deadFalse, ho.deadFalse},
	} {
		t.Logf("  %-36s analysis %-22v held-out %v", r.name, r.ev, r.ho)
	}
	keys := slices.Collect(maps.Keys(ev.classes))
	sort.Slice(keys, func(i, j int) bool {
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		t.Logf("  analysis error class %-90s %d", k, ev.classes[k])
	}
}

// acledVerboseLog logs, for each measure, the notes of the analysis split
// that missed it; held-out notes are never shown.
func acledVerboseLog(t *testing.T, notes []acledNote, outs []acledOutcome) {
	t.Helper()
	for i, o := range outs {
		n := notes[i]
		if o.heldOut {
			continue
		}
		var miss []string
		if o.mapped && !o.typeOK {
			miss = append(miss, "type")
		}
		if o.actorGold && !o.actorAny {
			miss = append(miss, "actor")
		}
		if o.geoGold && !o.anyNear {
			miss = append(miss, "place")
		}
		if o.dateGold && !o.dateOK {
			miss = append(miss, "date")
		}
		if o.deadGold && !o.deadOK || o.deadFalse {
			miss = append(miss, "dead")
		}
		if o.evClass != "" {
			miss = append(miss, "evplace")
		}
		if len(miss) == 0 {
			continue
		}
		t.Logf("MISS %s [%s] %s/%s a1=%q a2=%q %s %s (%.3f,%.3f) %s/%s/%s/%s dead=%d got=%d {%s|%s|%s} | %s",
			n.id, strings.Join(miss, ","), n.eventType, n.subType, n.actor1, n.actor2, n.country,
			n.date.Format(news.DateFormat), n.lat, n.lon, n.location, n.admin3, n.admin2, n.admin1,
			n.fatalities, o.killed, o.deadClass, o.geoClass, o.evClass, n.notes)
		var dates []string
		for _, d := range o.article.Dates {
			dates = append(dates, fmt.Sprintf("%q=%s/%s", d.Text, d.Date, d.Precision))
		}
		t.Logf("    dates %s", strings.Join(dates, " "))
		var places []string
		for _, m := range o.article.Mentions {
			if m.Place == nil && m.Type == news.Place {
				places = append(places, fmt.Sprintf("%q=?", m.Text))
			}
			if m.Place != nil {
				places = append(places, fmt.Sprintf("%q=%s/%s/%s(%.3f,%.3f,%v)", m.Text, m.Place.Name, m.Place.Country,
					m.Place.Feature, m.Place.Lat, m.Place.Lon, m.Place.HasGeo))
			}
		}
		t.Logf("    places %s", strings.Join(places, " "))
		for k := range o.article.Events {
			e := &o.article.Events[k]
			main := " "
			if e == o.main {
				main = "*"
			}
			loc := "-"
			if e.Location != nil {
				loc = fmt.Sprintf("%s/%s geo=%v", e.Location.Name, e.Location.Country, e.Location.HasGeo)
			}
			t.Logf("   %sgot %s %s neg=%v src=%s/%s tgt=%s/%s date=%s %q loc=%s q=%v rule=%s conf=%.2f",
				main, e.Type, e.Mode, e.Negated, e.Source.Name, e.Source.Country, e.Target.Name, e.Target.Country,
				e.Date, e.DateText, loc, e.Quantities, e.Rule, e.Confidence)
		}
	}
}

// ACLED sample sizes: by default a tenth of the notes, which keeps the
// race-enabled run within minutes; -short codes a few hundred and
// -acled.all every note (about 30,000, half a minute without -race).
const (
	acledNotesSample = 3000
	acledNotesShort  = 400
)

// TestACLED scores the whole pipeline (split, recognise, resolve, date,
// code) on ACLED event notes against ACLED's human coding: one article per
// note, published on the event's date so that "on 3 May" resolves, and no
// dateline. The sub-event type maps to PLOVER types with the codebook's
// acled crosswalk. It measures the event type (some event of a mapped
// type), actor 1's country among the coded actors', the place (the main
// event's location, or any place mention, within 50 km of ACLED's
// coordinates; the country), the date (the main event's date, read from
// the note, equals ACLED's) and fatalities (the largest killed count
// equals ACLED's count). The main event is the most confident event of a
// mapped type, else the most confident event.
func TestACLED(t *testing.T) {
	dir := eventData(t, "acled-sample", "DataPreparation")
	notes := readACLED(t, dir)
	if len(notes) == 0 {
		t.Fatal("no ACLED notes read")
	}
	size := acledNotesSample
	switch {
	case *acledAll:
		size = len(notes)
	case testing.Short():
		size = acledNotesShort
	}
	notes = acledSample(notes, size)
	st := newEventStack(t)
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := kb.LoadPatterns()
	if err != nil {
		t.Fatal(err)
	}
	outs := make([]acledOutcome, len(notes))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				outs[i] = acledScore(st, k.Geo(), p, notes[i])
			}
		})
	}
	for i := range notes {
		next <- i
	}
	close(next)
	wg.Wait()

	tt := acledTally(outs)
	tt.log(t)
	acledLogSplit(t, outs)
	unknown := make(map[string]bool)
	for _, o := range outs {
		if !o.known {
			unknown[o.label] = true
		}
	}
	if len(unknown) > 0 {
		t.Errorf("ACLED labels without an acled crosswalk row: %v", slices.Sorted(maps.Keys(unknown)))
	}
	if *acledVerbose {
		acledVerboseLog(t, notes, outs)
	}
	checks := []struct {
		name string
		c    acledCount
		min  float64
	}{
		{"notes with an event", tt.hasEvent, acledMinEvent},
		{"type", tt.typeAny, acledMinType},
		{"actor 1 country", tt.actorAny, acledMinActor},
		{"place within 50 km", tt.anyNear, acledMinPlace},
		{"main event within 50 km", tt.evNear, acledMinEventPlace},
		{"place country", tt.anyCtry, acledMinCountry},
		{"date", tt.date, acledMinDate},
		{"fatalities", tt.dead, acledMinDead},
	}
	for _, c := range checks {
		if c.c.rate() < c.min {
			t.Errorf("ACLED %s %v below the committed %.2f", c.name, c.c, c.min)
		}
	}
	if r := tt.deadFalse.rate(); r > acledMaxDeadFalse {
		t.Errorf("ACLED non-fatal notes with a killed count %v above the committed %.2f", tt.deadFalse, acledMaxDeadFalse)
	}
}

// Thresholds a little under what the pipeline reaches on every note and
// on the default sample (type 0.816 and 0.830, actor 1 country 0.610 and
// 0.623, place within 50 km 0.571 and 0.600, main event within 50 km
// 0.422 and 0.438, place country 0.652 and 0.673, date 0.653 and 0.673,
// fatalities 0.610 and 0.604; killed counts on non-fatal notes 0.014 and
// 0.010). The -short sample of about 400 notes reaches 0.393 for the main
// event's place and 0.577 for fatalities. On the held-out notes (odd
// data_id) of the whole set the main event's place reaches 0.420 and
// fatalities 0.594.
// They leave room because the sample is smaller and the recogniser,
// resolver and coder all move them. Raise them as the stages improve.
const (
	acledMinEvent      = 0.90
	acledMinType       = 0.78
	acledMinActor      = 0.46
	acledMinPlace      = 0.52
	acledMinEventPlace = 0.38
	acledMinCountry    = 0.60
	acledMinDate       = 0.62
	acledMinDead       = 0.56
	acledMaxDeadFalse  = 0.02
)

func TestReadACLED(t *testing.T) {
	dir := t.TempDir()
	head := "data_id,event_date,time_precision,event_type,sub_event_type,actor1,actor2,iso3,latitude,longitude,geo_precision,notes,fatalities\n"
	files := map[string]string{
		"a.csv": head +
			`20,"02 May 2018",1,Riots,"Mob violence","Rioters (Ruritania)",,RUR,10.5,-3.25,1,"On 2 May, villagers chased a tax collector.` + "\n" + `He was unhurt.",0` + "\n" +
			`7,"01 May 2018",2,Protests,"Peaceful protest","Protesters (Ruritania)",,RUR,10,-3,3,"Traders marched.",0` + "\n",
		"sub/b.csv": head +
			`7,"01 May 2018",1,Protests,"Peaceful protest","Protesters (Ruritania)",,RUR,10,-3,1,"A later copy.",0` + "\n" +
			`9,"03 May 2018",1,"Violence against civilians",Attack,"Unidentified Armed Group (Ruritania)","Civilians (Ruritania)",RUR,11,-3,1,"Gunmen killed two herders.",2` + "\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := readACLED(t, dir)
	var ids []string
	for _, n := range got {
		ids = append(ids, n.id)
	}
	if want := []string{"7", "9", "20"}; !slices.Equal(ids, want) {
		t.Fatalf("readACLED ids = %v, want %v", ids, want)
	}
	if n := got[0]; n.notes != "Traders marched." || n.datePrec != 2 || n.geoPrec != 3 {
		t.Errorf("readACLED kept %+v, want the first file's record 7", n)
	}
	if n := got[1]; n.fatalities != 2 || n.actor2 != "Civilians (Ruritania)" || n.subType != "Attack" {
		t.Errorf("readACLED record 9 = %+v", n)
	}
	if n := got[2]; !strings.Contains(n.notes, "collector.\nHe") || n.lat != 10.5 || n.lon != -3.25 ||
		!n.date.Equal(time.Date(2018, 5, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("readACLED record 20 = %+v", n)
	}
}

func TestACLEDActorCountry(t *testing.T) {
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, actor, event, want string
	}{
		{"parenthesised country", "Rioters (Kenya)", "KEN", "KEN"},
		{"country of another event", "Protesters (Ghana)", "TGO", "GHA"},
		{"forces of a country with years", "Police Forces of Ghana (2017-)", "TGO", "GHA"},
		{"long country name", "Civilians (Democratic Republic of Congo)", "COD", "COD"},
		{"international", "Rioters (International)", "GRC", ""},
		{"named group takes the event's country", "XYZ: Example Liberation Front", "MLI", "MLI"},
		{"no actor", "", "MLI", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := acledActorCountry(k.Geo(), tt.actor, tt.event); got != tt.want {
				t.Errorf("acledActorCountry(%q, %q) = %q, want %q", tt.actor, tt.event, got, tt.want)
			}
		})
	}
}

func TestACLEDKm(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 10, 20, 10, 20, 0},
		{"one degree of latitude", 0, 0, 1, 0, 111.2},
		{"one degree of longitude at 60N", 60, 0, 60, 1, 55.6},
		{"across the antimeridian", 0, 179.5, 0, -179.5, 111.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := acledKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > 0.5 {
				t.Errorf("acledKm(%v, %v, %v, %v) = %.1f, want %.1f", tt.lat1, tt.lon1, tt.lat2, tt.lon2, got, tt.want)
			}
		})
	}
}
