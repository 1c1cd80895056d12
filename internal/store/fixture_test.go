package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"chronicle/internal/news"
)

// The fixture's countries use ISO 3166-1 user-assigned codes (XAA-XZZ):
// Norland is XNL, Sudmark XSM. People and places are invented.

// draft builds an article whose spans are found in its text, so that every
// span of the fixture points at the words it claims to.
type draft struct {
	t testing.TB
	a *news.Article
}

func newDraft(t testing.TB, id, text string) *draft {
	t.Helper()
	return &draft{t: t, a: &news.Article{ID: news.ArticleID(id), Text: text, Hash: "h-" + id}}
}

// span returns the span of the first occurrence of sub at or after the
// start of sentence i (i < 0: anywhere).
func (d *draft) span(sub string, i int) news.Span {
	d.t.Helper()
	from := 0
	if i >= 0 {
		from = d.a.Sentences[i].Span.Start
	}
	j := strings.Index(d.a.Text[from:], sub)
	if j < 0 {
		d.t.Fatalf("fixture %s: %q not in text", d.a.ID, sub)
	}
	return news.Span{Start: from + j, End: from + j + len(sub)}
}

// sentences splits the text into sentences at ". " and records them.
func (d *draft) sentences() {
	start := 0
	for start < len(d.a.Text) {
		end := strings.Index(d.a.Text[start:], ". ")
		if end < 0 {
			end = len(d.a.Text)
		} else {
			end += start + 1
		}
		d.a.Sentences = append(d.a.Sentences, news.Sentence{Index: len(d.a.Sentences), Span: news.Span{Start: start, End: end}})
		start = end + 1
	}
}

func (d *draft) sentText(i int) string { return d.a.Sentences[i].Text(d.a.Text) }

func (d *draft) mention(text string, sent int, typ news.EntityType, ref int, actor news.Actor, place *news.Location) int {
	d.t.Helper()
	d.a.Mentions = append(d.a.Mentions, news.Mention{Span: d.span(text, sent), Text: text, Type: typ, Sentence: sent,
		Rule: "test-" + strings.ToLower(string(typ)), Ref: ref, Actor: actor, Place: place})
	return len(d.a.Mentions) - 1
}

func (d *draft) evidence(sent int) []news.Evidence {
	return []news.Evidence{{Article: d.a.ID, Sentence: d.sentText(sent), Index: sent, Span: d.a.Sentences[sent].Span, Source: d.a.Source}}
}

// fixture returns three articles, in an order other than that of their
// ids, with every kind of record between them.
func fixture(t testing.TB) []*news.Article {
	t.Helper()
	norland := news.Actor{Name: "Norland", Entity: "xnl", Country: "XNL"}
	sudmark := news.Actor{Name: "Sudmark", Entity: "xsm", Country: "XSM"}
	brandt := news.Actor{Name: "Elsa Brandt", Entity: "brandt-elsa", Country: "XNL", Sector: news.SectorGovernment, Role: "Foreign Minister"}
	haddad := news.Actor{Name: "Omar Haddad", Entity: "haddad-omar", Country: "IGO", Sector: news.SectorGovernment, Role: "Envoy"}
	un := news.Actor{Entity: "org-un", Country: "IGO"}
	velo := news.Location{Name: "Velo", Country: "XSM", Admin1: "Northern Province", Lat: 45.25, Lon: 19.5, HasGeo: true, GeoID: "9000001", Feature: "city"}
	geneva := news.Location{Name: "Geneva", Country: "CHE", Admin1: "Geneva", Lat: 46.2, Lon: 6.15, HasGeo: true, Feature: "city"}

	a := newDraft(t, "a-1", `GENEVA (Example Wire) - Foreign ministers of Norland and Sudmark met in Geneva on Tuesday to discuss a ceasefire. `+
		`"We agreed to keep talking," said Norland's foreign minister Elsa Brandt. `+
		`Brandt said the two sides would meet again in May. `+
		`She accused Sudmark of shelling the border town of Velo, where three people were killed.`)
	a.a.URL = "https://news.example/world/a-1"
	a.a.Source = "example-wire"
	a.a.Title = "Norland and Sudmark talk ceasefire in Geneva"
	a.a.Published = time.Date(2025, 3, 4, 18, 30, 0, 0, time.FixedZone("", 3600))
	a.a.Dateline = "GENEVA"
	a.a.Author = "Jo Writer"
	a.a.Input = "testdata/wire.jsonl:1"
	a.a.Removed = []news.Removal{{Span: news.Span{Start: 0, End: 24}, Kind: news.RemovalDateline, Rule: "dateline-agency"}}
	a.sentences()
	a.mention("Norland", 0, news.Country, -1, norland, nil)
	a.mention("Sudmark", 0, news.Country, -1, sudmark, nil)
	a.mention("Geneva", 0, news.Place, -1, news.Actor{}, &geneva)
	full := a.mention("Elsa Brandt", 1, news.Person, -1, brandt, nil)
	a.mention("Brandt", 2, news.Person, -1, brandt, nil)
	a.mention("She", 3, news.Person, full, brandt, nil)
	a.mention("Sudmark", 3, news.Country, -1, sudmark, nil)
	a.mention("Velo", 3, news.Place, -1, news.Actor{}, &velo)
	a.a.Dates = []news.Date{
		{Span: a.span("Tuesday", 0), Text: "Tuesday", Date: "2025-03-04", Precision: news.PrecisionDay, Rule: "weekday", Sentence: 0},
		{Span: a.span("May", 2), Text: "May", Date: "2025-05-01", Precision: news.PrecisionMonth, Rule: "month", Sentence: 2},
	}
	a.a.Events = []news.Event{{
		ID: "a-1/e0", Article: "a-1", Type: news.Consult, Mode: "meet", CAMEO: "043", Intensity: 1, Quad: 1,
		Source: norland, Target: sudmark, Sources: []news.Actor{norland}, Targets: []news.Actor{sudmark},
		Date: "2025-03-04", DatePrecision: news.PrecisionDay, DateText: "Tuesday", Location: &geneva,
		Evidence: a.evidence(0), SourceCount: 1, Rule: "consult-met", Trigger: a.span("met", 0), Sentence: 0, Confidence: 0.9,
	}, {
		ID: "a-1/e1", Article: "a-1", Type: news.Accuse, CAMEO: "112", Intensity: -2, Quad: 3,
		Source: brandt, Target: sudmark, Sources: []news.Actor{brandt}, Targets: []news.Actor{sudmark},
		Evidence: a.evidence(3), SourceCount: 1, Rule: "accuse-of", Trigger: a.span("accused", 3), Sentence: 3, Confidence: 0.8,
	}, {
		ID: "a-1/e2", Article: "a-1", Type: news.Assault, Mode: "shelling", Context: "border", CAMEO: "195", Intensity: -9, Quad: 4,
		Source: sudmark, Sources: []news.Actor{sudmark}, Location: &velo, Quantities: map[string]int{"killed": 3},
		Modality: "", Evidence: a.evidence(3), SourceCount: 1, Rule: "assault-shelling", Trigger: a.span("shelling", 3),
		Sentence: 3, Confidence: 0.7,
	}}
	speaker := brandt
	a.a.Quotes = []news.Quote{{
		ID: "a-1/q0", Article: "a-1", Text: "We agreed to keep talking,", Kind: news.Direct, Speaker: &speaker,
		Span: a.span("We agreed to keep talking,", 1), Sentence: 1, SentText: a.sentText(1), Cue: "said", Rule: "quote-said-after",
		Cluster: "c-talking",
	}, {
		ID: "a-1/q1", Article: "a-1", Text: "the two sides would meet again in May", Kind: news.Indirect, Speaker: &speaker,
		Span: a.span("the two sides would meet again in May", 2), Sentence: 2, SentText: a.sentText(2), Cue: "said", Rule: "indirect-said",
	}}

	b := newDraft(t, "b-2", `VELO, Sudmark - Sudmark's defence ministry denied on Wednesday that its forces had shelled Velo. `+
		`UN envoy Omar Haddad called for restraint. `+
		`The United Nations said it would send observers. `+
		`Haddad told reporters the observers would arrive "within days".`)
	b.a.Source = "example-daily"
	b.a.Title = "Sudmark denies shelling Velo"
	b.a.Published = time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)
	b.a.Dateline = "VELO"
	b.a.Byline = "By Ana Reporter"
	b.a.Input = "testdata/daily.jsonl:7"
	b.sentences()
	b.mention("Sudmark", 0, news.Country, -1, sudmark, nil)
	b.mention("Velo", 0, news.Place, -1, news.Actor{}, &velo)
	b.mention("UN", 1, news.Org, -1, un, nil)
	envoy := b.mention("Omar Haddad", 1, news.Person, -1, haddad, nil)
	b.mention("United Nations", 2, news.Org, -1, un, nil)
	b.mention("Haddad", 3, news.Person, envoy, haddad, nil)
	b.a.Dates = []news.Date{{Span: b.span("Wednesday", 0), Text: "Wednesday", Date: "2025-03-05", Precision: news.PrecisionDay, Rule: "weekday"}}
	b.a.Events = []news.Event{{
		ID: "b-2/e0", Article: "b-2", Type: news.Reject, CAMEO: "131", Intensity: -4, Quad: 3, Negated: true,
		Source: sudmark, Sources: []news.Actor{sudmark}, Date: "2025-03-05", DatePrecision: news.PrecisionDay, DateText: "Wednesday",
		Evidence: b.evidence(0), SourceCount: 1, Rule: "deny-that", Trigger: b.span("denied", 0), Confidence: 0.6,
	}, {
		ID: "b-2/e1", Article: "b-2", Type: news.Request, CAMEO: "010", Intensity: 2, Quad: 1, Modality: "planned",
		Source: haddad, Sources: []news.Actor{haddad}, Evidence: b.evidence(1), SourceCount: 1, Rule: "call-for",
		Trigger: b.span("called for", 1), Sentence: 1, Confidence: 0.75,
	}}
	envoySpeaker := haddad
	b.a.Quotes = []news.Quote{{
		ID: "b-2/q0", Article: "b-2", Text: "within days", Kind: news.Partial, Speaker: &envoySpeaker,
		Span: b.span("within days", 3), Sentence: 3, SentText: b.sentText(3), Cue: "told reporters", Rule: "partial-told",
	}, {
		ID: "b-2/q1", Article: "b-2", Text: "it would send observers", Kind: news.Indirect,
		Span: b.span("it would send observers", 2), Sentence: 2, SentText: b.sentText(2), Cue: "said", Rule: "indirect-said",
	}}

	c := newDraft(t, "c-3", `Markets in Norland were calm on Friday.`)
	c.sentences()

	return []*news.Article{b.a, a.a, c.a}
}

// genArticle returns a realistic generated article: about 5 KB of text in
// 40 sentences, with 10 mentions, 2 dates, 3 events and 2 quotes.
func genArticle(id string, seed int) *news.Article {
	// %d is a number.
	templates := []string{
		"Officials in the northern province said on Monday that %d people had been evacuated after the river burst its banks overnight.",
		"The interior ministry confirmed that police had detained %d protesters near the parliament building in the capital.",
		"Witnesses described long queues at checkpoints, where soldiers searched vehicles and checked identity papers for %d hours.",
		"The opposition leader told a rally of supporters that the government had broken %d promises made before the last election.",
		"A spokesman for the aid agency said %d trucks carrying food and medicine had crossed the border since the start of the month.",
		"Talks between the two delegations resumed in the afternoon and were expected to continue for at least %d more days.",
		"The central bank raised its main interest rate by %d basis points, citing persistent inflation and a weaker currency.",
		"Residents said the electricity supply had been cut for %d hours, leaving hospitals to run on emergency generators.",
	}
	var b strings.Builder
	a := &news.Article{
		ID: news.ArticleID(id), URL: "https://news.example/" + id, Source: "example-wire", Title: fmt.Sprintf("Generated report %d", seed),
		Published: time.Date(2025, 1, 1+seed%28, 8, 0, 0, 0, time.UTC), Dateline: "CAPITAL", Byline: "By Staff",
		Input: "bench.jsonl:" + id, Hash: fmt.Sprintf("hash-%s-%d", id, seed),
		Removed: []news.Removal{{Span: news.Span{Start: 0, End: 10}, Kind: news.RemovalFurniture, Rule: "share-prompt"}},
	}
	for i := range 40 {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		fmt.Fprintf(&b, templates[(seed+i)%len(templates)], seed%97+i)
		a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: start, End: b.Len()}})
	}
	a.Text = b.String()
	actors := []news.Actor{
		{Name: "Interior Ministry", Entity: "org-interior", Country: "XNL", Sector: news.SectorGovernment},
		{Name: "Maria Lind", Entity: "lind-maria", Country: "XNL", Sector: news.SectorOpposition, Role: "Opposition Leader"},
	}
	for i := range 10 {
		s := a.Sentences[i*4]
		m := news.Mention{Span: news.Span{Start: s.Span.Start, End: s.Span.Start + 9}, Text: a.Text[s.Span.Start : s.Span.Start+9],
			Type: news.Org, Sentence: i * 4, Rule: "gen", Ref: -1, Actor: actors[i%2]}
		if i%3 == 0 {
			m.Type, m.Actor, m.Place = news.Place, news.Actor{}, &news.Location{Name: "Northern Province", Country: "XNL", Admin1: "North", Lat: 60.1, Lon: 24.9, HasGeo: true, Feature: "admin1"}
		}
		a.Mentions = append(a.Mentions, m)
	}
	for i := range 2 {
		s := a.Sentences[i]
		a.Dates = append(a.Dates, news.Date{Span: s.Span, Text: "on Monday", Date: "2025-01-06", Precision: news.PrecisionDay, Rule: "weekday", Sentence: i})
	}
	for i := range 3 {
		s := a.Sentences[10+i]
		a.Events = append(a.Events, news.Event{
			ID: fmt.Sprintf("%s/e%d", id, i), Article: a.ID, Type: news.EventTypes()[(seed+i)%16], CAMEO: "0" + fmt.Sprint(10+i),
			Source: actors[0], Target: actors[1], Sources: actors[:1], Targets: actors[1:], Date: "2025-01-06", DatePrecision: news.PrecisionDay,
			DateText: "on Monday", Quantities: map[string]int{"detained": 12},
			Evidence:    []news.Evidence{{Article: a.ID, Sentence: a.Text[s.Span.Start:s.Span.End], Index: 10 + i, Span: s.Span, Source: a.Source}},
			SourceCount: 1, Rule: "gen-rule", Trigger: news.Span{Start: s.Span.Start, End: s.Span.Start + 5}, Sentence: 10 + i, Confidence: 0.5,
		})
	}
	for i := range 2 {
		s := a.Sentences[20+i]
		sp := actors[1]
		a.Quotes = append(a.Quotes, news.Quote{
			ID: fmt.Sprintf("%s/q%d", id, i), Article: a.ID, Text: a.Text[s.Span.Start+4 : s.Span.End-1], Kind: news.Indirect, Speaker: &sp,
			Span: news.Span{Start: s.Span.Start + 4, End: s.Span.End - 1}, Sentence: 20 + i, SentText: a.Text[s.Span.Start:s.Span.End],
			Cue: "said", Rule: "gen-said",
		})
	}
	return a
}
