package news

import (
	"encoding/json"
	"fmt"
	"time"
)

// The JSON shapes below are the export records of the outside contract
// (CONTRACT.md): unknown values are null, never empty strings; spans are
// [start, end) byte offsets written as two-element arrays. Fields beyond
// the contract are additions, never renames.

// str returns nil for the empty string so that it is written as null.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func unstr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// MarshalJSON writes the span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("[%d,%d]", s.Start, s.End)), nil
}

// UnmarshalJSON reads a span written as [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var v []int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if len(v) != 2 {
		return fmt.Errorf("span %s: want [start, end]: %w", b, ErrInvalid)
	}
	s.Start, s.End = v[0], v[1]
	return nil
}

type actorJSON struct {
	Name    *string `json:"name"`
	Entity  *string `json:"entity"`
	Country *string `json:"country"`
	Sector  *string `json:"sector"`
	Role    *string `json:"role"`
}

// MarshalJSON writes the contract's actor record.
func (a Actor) MarshalJSON() ([]byte, error) {
	return json.Marshal(actorJSON{str(a.Name), str(a.Entity), str(a.Country), str(string(a.Sector)), str(a.Role)})
}

// UnmarshalJSON reads the contract's actor record.
func (a *Actor) UnmarshalJSON(b []byte) error {
	var v actorJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = Actor{Name: unstr(v.Name), Entity: unstr(v.Entity), Country: unstr(v.Country), Sector: Sector(unstr(v.Sector)), Role: unstr(v.Role)}
	return nil
}

// actorPtr returns nil for an empty actor so that it is written as null.
func actorPtr(a Actor) *Actor {
	if a.IsZero() {
		return nil
	}
	return &a
}

// ArticleRecord is the contract's articles export record.
type ArticleRecord struct {
	ID          string    `json:"id"`
	URL         *string   `json:"url"`
	Source      *string   `json:"source"`
	Title       *string   `json:"title"`
	Published   *string   `json:"published"`
	Dateline    *string   `json:"dateline"`
	Byline      *string   `json:"byline"`
	Story       *string   `json:"story"`
	DuplicateOf *string   `json:"duplicate_of"`
	Author      *string   `json:"author"`
	Input       *string   `json:"input"`
	Sentences   int       `json:"sentences"`
	Removed     []Removal `json:"removed"`
	Text        string    `json:"text"`
}

// Record returns the article's export record.
func (a *Article) Record() ArticleRecord {
	var pub *string
	if !a.Published.IsZero() {
		p := a.Published.UTC().Format(time.RFC3339)
		if a.Published.Equal(time.Date(a.Published.Year(), a.Published.Month(), a.Published.Day(), 0, 0, 0, 0, a.Published.Location())) {
			p = a.Published.Format(DateFormat)
		}
		pub = &p
	}
	removed := a.Removed
	if removed == nil {
		removed = []Removal{}
	}
	return ArticleRecord{
		ID: string(a.ID), URL: str(a.URL), Source: str(a.Source), Title: str(a.Title),
		Published: pub, Dateline: str(a.Dateline), Byline: str(a.Byline), Story: str(a.Story),
		DuplicateOf: str(string(a.DuplicateOf)), Author: str(a.Author), Input: str(a.Input),
		Sentences: len(a.Sentences), Removed: removed, Text: a.Text,
	}
}

type locationJSON struct {
	Name    *string  `json:"name"`
	Country *string  `json:"country"`
	Admin1  *string  `json:"admin1"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	GeoID   *string  `json:"geonames_id,omitempty"`
	Feature *string  `json:"feature,omitempty"`
}

func (l Location) toJSON() locationJSON {
	v := locationJSON{Name: str(l.Name), Country: str(l.Country), Admin1: str(l.Admin1), GeoID: str(l.GeoID), Feature: str(l.Feature)}
	if l.HasGeo {
		lat, lon := l.Lat, l.Lon
		v.Lat, v.Lon = &lat, &lon
	}
	return v
}

// MarshalJSON writes the contract's location object.
func (l Location) MarshalJSON() ([]byte, error) { return json.Marshal(l.toJSON()) }

// UnmarshalJSON reads the contract's location object.
func (l *Location) UnmarshalJSON(b []byte) error {
	var v locationJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = Location{Name: unstr(v.Name), Country: unstr(v.Country), Admin1: unstr(v.Admin1), GeoID: unstr(v.GeoID), Feature: unstr(v.Feature)}
	if v.Lat != nil && v.Lon != nil {
		l.Lat, l.Lon, l.HasGeo = *v.Lat, *v.Lon, true
	}
	return nil
}

type evidenceJSON struct {
	Article  ArticleID `json:"article"`
	Sentence string    `json:"sentence"`
	Span     Span      `json:"span"`
	Source   *string   `json:"source"`
	Index    int       `json:"sentence_index"`
}

// MarshalJSON writes the contract's evidence object.
func (e Evidence) MarshalJSON() ([]byte, error) {
	return json.Marshal(evidenceJSON{e.Article, e.Sentence, e.Span, str(e.Source), e.Index})
}

// UnmarshalJSON reads the contract's evidence object.
func (e *Evidence) UnmarshalJSON(b []byte) error {
	var v evidenceJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Evidence{Article: v.Article, Sentence: v.Sentence, Span: v.Span, Source: unstr(v.Source), Index: v.Index}
	return nil
}

type eventJSON struct {
	ID            string         `json:"id"`
	Article       ArticleID      `json:"article"`
	Type          EventType      `json:"type"`
	Mode          *string        `json:"mode"`
	Context       *string        `json:"context"`
	CAMEO         *string        `json:"cameo"`
	Source        *Actor         `json:"source"`
	Target        *Actor         `json:"target"`
	Date          *string        `json:"date"`
	DateText      *string        `json:"date_text"`
	Location      *Location      `json:"location"`
	Quantities    map[string]int `json:"quantities"`
	Negated       bool           `json:"negated"`
	Evidence      []Evidence     `json:"evidence"`
	Sources       int            `json:"sources"`
	Rule          *string        `json:"rule"`
	Confidence    float64        `json:"confidence"`
	SourceActors  []Actor        `json:"source_actors"`
	TargetActors  []Actor        `json:"target_actors"`
	DatePrecision *string        `json:"date_precision"`
	DateMin       *string        `json:"date_min"`
	DateMax       *string        `json:"date_max"`
	Modality      *string        `json:"modality"`
	Intensity     float64        `json:"intensity"`
	Quad          int            `json:"quad_class"`
	Trigger       Span           `json:"trigger"`
	Sentence      int            `json:"sentence_index"`
}

// MarshalJSON writes the contract's events export record.
func (e Event) MarshalJSON() ([]byte, error) {
	q := e.Quantities
	if q == nil {
		q = map[string]int{}
	}
	ev := e.Evidence
	if ev == nil {
		ev = []Evidence{}
	}
	srcs, tgts := e.Sources, e.Targets
	if srcs == nil {
		srcs = []Actor{}
	}
	if tgts == nil {
		tgts = []Actor{}
	}
	return json.Marshal(eventJSON{
		ID: e.ID, Article: e.Article, Type: e.Type, Mode: str(e.Mode), Context: str(e.Context), CAMEO: str(e.CAMEO),
		Source: actorPtr(e.Source), Target: actorPtr(e.Target), Date: str(e.Date), DateText: str(e.DateText),
		Location: e.Location, Quantities: q, Negated: e.Negated, Evidence: ev, Sources: e.SourceCount,
		Rule: str(e.Rule), Confidence: e.Confidence, SourceActors: srcs, TargetActors: tgts,
		DatePrecision: str(string(e.DatePrecision)), DateMin: str(e.DateMin), DateMax: str(e.DateMax),
		Modality: str(e.Modality), Intensity: e.Intensity, Quad: e.Quad, Trigger: e.Trigger, Sentence: e.Sentence,
	})
}

// UnmarshalJSON reads the contract's events export record.
func (e *Event) UnmarshalJSON(b []byte) error {
	var v eventJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Event{
		ID: v.ID, Article: v.Article, Type: v.Type, Mode: unstr(v.Mode), Context: unstr(v.Context), CAMEO: unstr(v.CAMEO),
		Date: unstr(v.Date), DateText: unstr(v.DateText), Location: v.Location, Quantities: v.Quantities,
		Negated: v.Negated, Evidence: v.Evidence, SourceCount: v.Sources, Rule: unstr(v.Rule), Confidence: v.Confidence,
		Sources: v.SourceActors, Targets: v.TargetActors, DatePrecision: Precision(unstr(v.DatePrecision)),
		DateMin: unstr(v.DateMin), DateMax: unstr(v.DateMax), Modality: unstr(v.Modality), Intensity: v.Intensity, Quad: v.Quad, Trigger: v.Trigger, Sentence: v.Sentence,
	}
	if v.Source != nil {
		e.Source = *v.Source
	}
	if v.Target != nil {
		e.Target = *v.Target
	}
	return nil
}

type quoteJSON struct {
	ID       string    `json:"id"`
	Article  ArticleID `json:"article"`
	Text     string    `json:"text"`
	Kind     QuoteKind `json:"kind"`
	Speaker  *Actor    `json:"speaker"`
	Span     Span      `json:"span"`
	Sentence string    `json:"sentence"`
	Index    int       `json:"sentence_index"`
	Cluster  *string   `json:"cluster"`
	Cue      *string   `json:"cue"`
	Rule     *string   `json:"rule"`
	// SpeakerSpan is where the text names the speaker, when it does.
	SpeakerSpan *Span `json:"speaker_span"`
}

// MarshalJSON writes the contract's quotes export record; sentence is the
// text of the sentence that holds the quote's start.
func (q Quote) MarshalJSON() ([]byte, error) {
	var ss *Span
	if q.SpeakerSpan != (Span{}) {
		ss = &q.SpeakerSpan
	}
	return json.Marshal(quoteJSON{q.ID, q.Article, q.Text, q.Kind, q.Speaker, q.Span, q.SentText, q.Sentence, str(q.Cluster), str(q.Cue), str(q.Rule), ss})
}

// UnmarshalJSON reads the contract's quotes export record.
func (q *Quote) UnmarshalJSON(b []byte) error {
	var v quoteJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*q = Quote{ID: v.ID, Article: v.Article, Text: v.Text, Kind: v.Kind, Speaker: v.Speaker, Span: v.Span,
		Sentence: v.Index, SentText: v.Sentence, Cluster: unstr(v.Cluster), Cue: unstr(v.Cue), Rule: unstr(v.Rule)}
	if v.SpeakerSpan != nil {
		q.SpeakerSpan = *v.SpeakerSpan
	}
	return nil
}

type entityJSON struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Type     EntityType  `json:"type"`
	Country  *string     `json:"country"`
	Sector   *string     `json:"sector"`
	Role     *string     `json:"role"`
	Aliases  []string    `json:"aliases"`
	Articles []ArticleID `json:"articles"`
	Mentions int         `json:"mentions"`
}

// MarshalJSON writes the contract's entities export record.
func (e Entity) MarshalJSON() ([]byte, error) {
	al, ar := e.Aliases, e.Articles
	if al == nil {
		al = []string{}
	}
	if ar == nil {
		ar = []ArticleID{}
	}
	return json.Marshal(entityJSON{e.ID, e.Name, e.Type, str(e.Country), str(string(e.Sector)), str(e.Role), al, ar, e.Mentions})
}

// UnmarshalJSON reads the contract's entities export record.
func (e *Entity) UnmarshalJSON(b []byte) error {
	var v entityJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Entity{ID: v.ID, Name: v.Name, Type: v.Type, Country: unstr(v.Country), Sector: Sector(unstr(v.Sector)),
		Role: unstr(v.Role), Aliases: v.Aliases, Articles: v.Articles, Mentions: v.Mentions}
	return nil
}

// PlaceRecord is the contract's places export record: one per mention.
type PlaceRecord struct {
	Article ArticleID `json:"article"`
	Name    string    `json:"name"`
	Country *string   `json:"country"`
	Admin1  *string   `json:"admin1"`
	Lat     *float64  `json:"lat"`
	Lon     *float64  `json:"lon"`
	Span    Span      `json:"span"`
	Text    string    `json:"text"`
}

// PlaceRecords returns the places export records of the article's mentions
// that resolved to a location.
func (a *Article) PlaceRecords() []PlaceRecord {
	var out []PlaceRecord
	for _, m := range a.Mentions {
		if m.Place == nil {
			continue
		}
		l := m.Place.toJSON()
		out = append(out, PlaceRecord{Article: a.ID, Name: m.Place.Name, Country: l.Country, Admin1: l.Admin1,
			Lat: l.Lat, Lon: l.Lon, Span: m.Span, Text: m.Text})
	}
	return out
}

// DateRecord is the contract's dates export record.
type DateRecord struct {
	Article   ArticleID `json:"article"`
	Text      string    `json:"text"`
	Date      string    `json:"date"`
	Span      Span      `json:"span"`
	Precision *string   `json:"precision"`
	Rule      *string   `json:"rule"`
}

// DateRecords returns the dates export records of the article.
func (a *Article) DateRecords() []DateRecord {
	out := make([]DateRecord, 0, len(a.Dates))
	for _, d := range a.Dates {
		out = append(out, DateRecord{a.ID, d.Text, d.Date, d.Span, str(string(d.Precision)), str(d.Rule)})
	}
	return out
}

type storyJSON struct {
	ID       string      `json:"id"`
	Title    *string     `json:"title"`
	Articles []ArticleID `json:"articles"`
	First    *string     `json:"first"`
	Last     *string     `json:"last"`
}

// MarshalJSON writes the contract's stories export record.
func (s Story) MarshalJSON() ([]byte, error) {
	ar := s.Articles
	if ar == nil {
		ar = []ArticleID{}
	}
	return json.Marshal(storyJSON{s.ID, str(s.Title), ar, str(s.First), str(s.Last)})
}

// UnmarshalJSON reads the contract's stories export record.
func (s *Story) UnmarshalJSON(b []byte) error {
	var v storyJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Story{ID: v.ID, Title: unstr(v.Title), Articles: v.Articles, First: unstr(v.First), Last: unstr(v.Last)}
	return nil
}
