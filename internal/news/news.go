// Package news is Chronicle's vocabulary: the article, its sentences, the
// mentions found in it, and the records coded from it (events, quotes,
// places, dates, entities, stories).
//
// Every pipeline stage takes and returns these types, so the stages stay
// independent of one another and of storage. The package imports only the
// standard library and holds no behaviour beyond validation and the JSON
// shape of the export records fixed by the outside contract.
package news

import (
	"errors"
	"time"
)

// Sentinel errors that callers inspect with errors.Is.
var (
	// ErrNotFound reports that a requested record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid reports input that breaks a rule of the vocabulary.
	ErrInvalid = errors.New("invalid")
	// ErrConflict reports a write that contradicts stored data.
	ErrConflict = errors.New("conflict")
)

// ArticleID identifies an article: the input's id, or a hash of its
// normalised content when the input has none.
type ArticleID string

// Span is a byte range [Start, End) into an article's Text. It is written
// in JSON as a two-element array.
type Span struct {
	Start int
	End   int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// RemovalKind names the kind of text the cleaner took out of the coded text.
type RemovalKind string

// Kinds of removed text.
const (
	RemovalFurniture RemovalKind = "furniture" // link bait, share prompts, credits, notices
	RemovalByline    RemovalKind = "byline"
	RemovalDateline  RemovalKind = "dateline"
	RemovalTimestamp RemovalKind = "timestamp"
)

// Removal is a span of the original text that is not coded, with the
// cleaning rule that matched it.
type Removal struct {
	Span Span        `json:"span"`
	Kind RemovalKind `json:"kind"`
	Rule string      `json:"rule"`
}

// Article is one news article as read from its input, with everything the
// pipeline found in it. Text is the article body as stored; every Span in
// the article and its records indexes Text.
type Article struct {
	ID          ArticleID
	URL         string
	Source      string // publisher, e.g. "reuters.com" or "example-news"
	Title       string
	Published   time.Time // zero when unknown
	Dateline    string    // place named in the dateline, e.g. "KYIV"
	Byline      string
	Author      string // author from metadata, when the input names one
	Text        string
	Removed     []Removal
	Input       string // where the article was read: file, file:line, URL
	Hash        string // hash of the normalised text, hex
	Story       string // story id, set by linking
	DuplicateOf ArticleID

	Sentences []Sentence
	Mentions  []Mention
	Dates     []Date
	Events    []Event
	Quotes    []Quote
}

// Sentence is one sentence of an article's coded text.
type Sentence struct {
	Index int
	Span  Span
}

// Text returns the sentence's text within the article text it came from.
func (s Sentence) Text(articleText string) string {
	if s.Span.Start < 0 || s.Span.End > len(articleText) || s.Span.Start > s.Span.End {
		return ""
	}
	return articleText[s.Span.Start:s.Span.End]
}

// EntityType is the kind of a real-world entity.
type EntityType string

// Entity types.
const (
	Person  EntityType = "PERSON"
	Org     EntityType = "ORG"
	Country EntityType = "COUNTRY"
	Place   EntityType = "PLACE"
)

// Sector is a PLOVER actor sector code such as GOV, MIL or REB.
type Sector string

// PLOVER sectors.
const (
	SectorPolice     Sector = "COP"
	SectorGovernment Sector = "GOV"
	SectorJudiciary  Sector = "JUD"
	SectorLegislator Sector = "LEG"
	SectorMilitary   Sector = "MIL"
	SectorParamil    Sector = "PRM" // paramilitary
	SectorParty      Sector = "PTY"
	SectorRebel      Sector = "REB"
	SectorSpy        Sector = "SPY"
	SectorUnarmed    Sector = "UAF"
	SectorUnknown    Sector = "UNK"
	SectorAgri       Sector = "AGR"
	SectorBusiness   Sector = "BUS"
	SectorCriminal   Sector = "CRM"
	SectorCivilian   Sector = "CVL"
	SectorEducation  Sector = "EDU"
	SectorElite      Sector = "ELI"
	SectorMedia      Sector = "JRN"
	SectorLabour     Sector = "LAB"
	SectorMedical    Sector = "MED"
	SectorRefugee    Sector = "REF"
	SectorOpposition Sector = "OPP"
	SectorPartial    Sector = "PRE" // partially recognised entity
	SectorReligious  Sector = "REL"
	SectorSocial     Sector = "SOC"
)

// Actor is a resolved participant of an event or the speaker of a quote.
// Country is an ISO 3166-1 alpha-3 code, or IGO for an international body.
type Actor struct {
	Name    string
	Entity  string // entity id; empty when unresolved
	Country string
	Sector  Sector
	Role    string
}

// IsZero reports whether the actor names nobody.
func (a Actor) IsZero() bool { return a == Actor{} }

// Mention is a span of text that names an entity, before and after
// resolution. Ref links a later mention ("the minister", "he") to the
// index of the mention it refers to, or is -1.
type Mention struct {
	Span     Span
	Text     string
	Type     EntityType
	Sentence int
	Rule     string // the pattern or cue that found the mention
	Ref      int
	Actor    Actor
	Place    *Location // set for places resolved to coordinates
}

// Location is a geocoded place.
type Location struct {
	Name    string
	Country string
	Admin1  string
	Lat     float64
	Lon     float64
	HasGeo  bool // Lat and Lon are known
	GeoID   string
	Feature string // e.g. "city", "admin1", "country"
}

// Precision is how exact a resolved date is.
type Precision string

// Date precisions.
const (
	PrecisionDay   Precision = "day"
	PrecisionWeek  Precision = "week" // Date is the Monday of the week
	PrecisionMonth Precision = "month"
	PrecisionYear  Precision = "year"
)

// Date is a resolved time expression in an article.
type Date struct {
	Span      Span
	Text      string
	Date      string // YYYY-MM-DD; for month or year precision the first day
	Precision Precision
	Rule      string
	Sentence  int
}

// EventType is a PLOVER event type in upper case.
type EventType string

// PLOVER event types.
const (
	Agree     EventType = "AGREE"
	Consult   EventType = "CONSULT"
	Support   EventType = "SUPPORT"
	Concede   EventType = "CONCEDE"
	Cooperate EventType = "COOPERATE"
	Aid       EventType = "AID"
	Retreat   EventType = "RETREAT"
	Request   EventType = "REQUEST"
	Accuse    EventType = "ACCUSE"
	Reject    EventType = "REJECT"
	Threaten  EventType = "THREATEN"
	Protest   EventType = "PROTEST"
	Sanction  EventType = "SANCTION"
	Mobilize  EventType = "MOBILIZE"
	Coerce    EventType = "COERCE"
	Assault   EventType = "ASSAULT"
)

// EventTypes lists the PLOVER event types in codebook order.
func EventTypes() []EventType {
	return []EventType{Agree, Consult, Support, Concede, Cooperate, Aid, Retreat,
		Request, Accuse, Reject, Threaten, Protest, Sanction, Mobilize, Coerce, Assault}
}

// Evidence is one sentence that reports an event.
type Evidence struct {
	Article  ArticleID
	Sentence string // the sentence text
	Index    int    // the sentence's index in the article
	Span     Span   // the sentence's span in the article text
	Source   string // publisher of the article
}

// Event is one coded political event.
type Event struct {
	ID            string
	Article       ArticleID
	Type          EventType
	Mode          string
	Context       string
	CAMEO         string
	Intensity     float64
	Quad          int
	Source        Actor
	Target        Actor
	Sources       []Actor // every actor on the source side; Source is the first
	Targets       []Actor // every actor on the target side; Target is the first
	Date          string
	DatePrecision Precision
	DateText      string
	// DateMin and DateMax are the earliest and the latest date that the
	// reports of a linked event give, when they differ ("" otherwise);
	// Date is then the date most of them give.
	DateMin, DateMax string
	Location         *Location
	Quantities       map[string]int
	Negated          bool
	Modality         string // "", "planned", "hypothetical", "conditional"
	Evidence         []Evidence
	SourceCount      int // distinct publishers among Evidence
	Rule             string
	Trigger          Span // the words the rule matched
	Sentence         int
	Confidence       float64
}

// QuoteKind is how a quote reports speech.
type QuoteKind string

// Quote kinds.
const (
	Direct   QuoteKind = "direct"
	Partial  QuoteKind = "partial"
	Indirect QuoteKind = "indirect"
)

// Quote is a statement and, when the text gives one, its speaker.
type Quote struct {
	ID          string
	Article     ArticleID
	Text        string // the quoted words without the quote marks
	Kind        QuoteKind
	Speaker     *Actor // nil for scare quotes, titles and unattributed words
	SpeakerSpan Span   // the words that name the speaker here ("he", "officials"); zero when Speaker is nil
	Span        Span   // span of Text
	Sentence    int    // index of the sentence that holds the quote's start
	SentText    string // that sentence's text
	Cue         string // the reporting verb or phrase, e.g. "said"
	Rule        string
	Cluster     string
}

// Entity is one real-world person, organisation, country or place, with
// every spelling it was found under.
type Entity struct {
	ID       string
	Name     string
	Type     EntityType
	Country  string
	Sector   Sector
	Role     string
	Aliases  []string
	Articles []ArticleID
	Mentions int
}

// Story is a group of articles about the same real-world happening.
type Story struct {
	ID       string
	Title    string
	Articles []ArticleID
	First    string // YYYY-MM-DD
	Last     string
}

// DateFormat is the layout of every calendar date Chronicle writes.
const DateFormat = "2006-01-02"
