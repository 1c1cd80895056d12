// Package eval scores coded records against hand-coded gold records and
// reports precision, recall and F1 per kind. It backs `chronicle eval`.
//
// A gold file is JSON lines in the shape `chronicle extract` writes: every
// line is an export record with a "record" field naming its kind
// (article, event, quote, entity, place, date, story). Gold records may leave fields out or null:
// a missing field is not scored. Records are matched one to one, greedily
// in file order, within the same article:
//
//   - event: same type, and the gold evidence span overlaps the coded
//     event's evidence (or the sentence texts agree, one holding the other
//     after folding, or the sentence indexes are equal); scored again
//     with the source and target countries ("event+actors") and with the
//     date ("event+date") where the gold gives them.
//   - quote: the quoted text spans overlap by at least half of the longer;
//     "quote+speaker" also needs the speaker's name, entity or country to
//     agree with the gold's.
//   - place: spans overlap; "place+country" also needs the country.
//   - date: spans overlap; "date+value" also needs the same date.
//   - entity: the gold name or one of its aliases is the coded name or an
//     alias (case and diacritics folded), and the types agree when given.
//   - story: pairs of articles put in one story (pairwise precision and
//     recall over article pairs).
//
// eval reads records only; it imports news and nothing of storage.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"chronicle/internal/news"
)

// Set is every record of one side of a comparison, by kind.
type Set struct {
	Events   []news.Event
	Quotes   []news.Quote
	Entities []news.Entity
	Places   []news.PlaceRecord
	Dates    []news.DateRecord
	Stories  []news.Story
	Articles []news.ArticleID
}

// ReadGold reads a gold file of kind-tagged JSON lines. Errors name the
// line.
func ReadGold(r io.Reader, name string) (*Set, error) {
	s := &Set{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var head struct {
			Record string `json:"record"`
			ID     string `json:"id"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return nil, fmt.Errorf("%s:%d: %v: %w", name, line, err, news.ErrInvalid)
		}
		var err error
		switch head.Record {
		case "article", "articles":
			s.Articles = append(s.Articles, news.ArticleID(head.ID))
		case "event", "events":
			err = appendJSON(&s.Events, b)
		case "quote", "quotes":
			err = appendJSON(&s.Quotes, b)
		case "entity", "entities":
			err = appendJSON(&s.Entities, b)
		case "place", "places":
			err = appendJSON(&s.Places, b)
		case "date", "dates":
			err = appendJSON(&s.Dates, b)
		case "story", "stories":
			err = appendJSON(&s.Stories, b)
		default:
			return nil, fmt.Errorf("%s:%d: unknown record kind %q: %w", name, line, head.Record, news.ErrInvalid)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v: %w", name, line, err, news.ErrInvalid)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return s, nil
}

// appendJSON decodes b as one more element of *list.
func appendJSON[T any](list *[]T, b []byte) error {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*list = append(*list, v)
	return nil
}

// Score is the agreement of one kind of record.
type Score struct {
	Kind string
	Gold int // gold records
	Got  int // coded records considered
	TP   int // matched pairs
}

// Precision returns TP/Got, or 0 when nothing was coded.
func (s Score) Precision() float64 { return ratio(s.TP, s.Got) }

// Recall returns TP/Gold, or 0 when there is no gold.
func (s Score) Recall() float64 { return ratio(s.TP, s.Gold) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Compare scores got against gold. Only articles that appear in the gold
// set are scored, so a gold file may cover part of a database.
func Compare(gold, got *Set) []Score {
	scope := gold.articles()
	in := func(id news.ArticleID) bool { return scope[id] }
	var out []Score
	if len(gold.Events) > 0 {
		out = append(out, scoreEvents(gold.Events, filter(got.Events, func(e news.Event) bool { return in(e.Article) }))...)
	}
	if len(gold.Quotes) > 0 {
		out = append(out, scoreQuotes(gold.Quotes, filter(got.Quotes, func(q news.Quote) bool { return in(q.Article) }))...)
	}
	if len(gold.Places) > 0 {
		out = append(out, scorePlaces(gold.Places, filter(got.Places, func(p news.PlaceRecord) bool { return in(p.Article) }))...)
	}
	if len(gold.Dates) > 0 {
		out = append(out, scoreDates(gold.Dates, filter(got.Dates, func(d news.DateRecord) bool { return in(d.Article) }))...)
	}
	if len(gold.Entities) > 0 {
		ents := filter(got.Entities, func(e news.Entity) bool {
			for _, a := range e.Articles {
				if in(a) {
					return true
				}
			}
			return len(scope) == 0
		})
		out = append(out, scoreEntities(gold.Entities, ents))
	}
	if len(gold.Stories) > 0 {
		out = append(out, scoreStories(gold.Stories, got.Stories, scope))
	}
	return out
}

// articles returns the ids of every article the gold set speaks of.
func (s *Set) articles() map[news.ArticleID]bool {
	m := map[news.ArticleID]bool{}
	for _, id := range s.Articles {
		m[id] = true
	}
	for _, e := range s.Events {
		m[e.Article] = true
	}
	for _, q := range s.Quotes {
		m[q.Article] = true
	}
	for _, p := range s.Places {
		m[p.Article] = true
	}
	for _, d := range s.Dates {
		m[d.Article] = true
	}
	for _, e := range s.Entities {
		for _, a := range e.Articles {
			m[a] = true
		}
	}
	for _, st := range s.Stories {
		for _, a := range st.Articles {
			m[a] = true
		}
	}
	return m
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// match pairs gold and got records one to one, greedily in gold order, and
// returns the number of pairs.
func match[G, T any](gold []G, got []T, same func(G, T) bool) int {
	used := make([]bool, len(got))
	n := 0
	for _, g := range gold {
		for j, t := range got {
			if !used[j] && same(g, t) {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}

func scoreEvents(gold, got []news.Event) []Score {
	base := func(g, t news.Event) bool {
		return g.Article == t.Article && g.Type == t.Type && sameSentence(g, t)
	}
	actors := func(g, t news.Event) bool {
		return base(g, t) && agree(g.Source.Country, t.Source.Country) && agree(g.Target.Country, t.Target.Country)
	}
	dated := func(g, t news.Event) bool { return base(g, t) && agree(g.Date, t.Date) }
	return []Score{
		{Kind: "event", Gold: len(gold), Got: len(got), TP: match(gold, got, base)},
		{Kind: "event+actors", Gold: len(gold), Got: len(got), TP: match(gold, got, actors)},
		{Kind: "event+date", Gold: len(gold), Got: len(got), TP: match(gold, got, dated)},
	}
}

// sameSentence reports whether a coded event rests on the sentence the gold
// event names, by span, sentence text or sentence index, whichever the gold
// gives; a gold event without evidence matches any sentence.
func sameSentence(g, t news.Event) bool {
	if len(g.Evidence) == 0 {
		return true
	}
	for _, ge := range g.Evidence {
		for _, te := range t.Evidence {
			switch {
			case ge.Span != (news.Span{}):
				if ge.Span.Overlaps(te.Span) {
					return true
				}
			case ge.Sentence != "":
				if sameText(ge.Sentence, te.Sentence) {
					return true
				}
			default:
				if ge.Index == te.Index {
					return true
				}
			}
		}
	}
	return false
}

// sameText reports whether two sentence texts are the same after folding,
// or one holds the other: a gold sentence may include a dateline that the
// cleaner took out of the coded sentence, or the reverse.
func sameText(a, b string) bool {
	fa, fb := fold(a), fold(b)
	if fa == fb {
		return true
	}
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	return len(fa) >= 20 && strings.Contains(fb, fa)
}

// agree reports whether a coded value agrees with a gold value; an unknown
// gold value agrees with anything.
func agree(gold, got string) bool { return gold == "" || strings.EqualFold(gold, got) }

func scoreQuotes(gold, got []news.Quote) []Score {
	base := func(g, t news.Quote) bool { return g.Article == t.Article && mostlyOverlap(g.Span, t.Span) }
	speaker := func(g, t news.Quote) bool {
		if !base(g, t) {
			return false
		}
		if g.Speaker == nil {
			return t.Speaker == nil
		}
		if t.Speaker == nil {
			return false
		}
		gs, ts := *g.Speaker, *t.Speaker
		switch {
		case gs.Entity != "" && ts.Entity != "":
			return gs.Entity == ts.Entity
		case gs.Name != "":
			return nameMatch(gs.Name, ts.Name)
		default:
			return agree(gs.Country, ts.Country)
		}
	}
	return []Score{
		{Kind: "quote", Gold: len(gold), Got: len(got), TP: match(gold, got, base)},
		{Kind: "quote+speaker", Gold: len(gold), Got: len(got), TP: match(gold, got, speaker)},
	}
}

// mostlyOverlap reports whether two spans share at least half of the
// longer one.
func mostlyOverlap(a, b news.Span) bool {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi <= lo {
		return false
	}
	return 2*(hi-lo) >= max(a.Len(), b.Len())
}

// nameMatch reports whether two names are the same after folding, or one
// is the other's last word (a surname against a full name).
func nameMatch(a, b string) bool {
	fa, fb := fold(a), fold(b)
	if fa == fb {
		return true
	}
	return lastWord(fa) == lastWord(fb) && (strings.Contains(fa, " ") != strings.Contains(fb, " "))
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func scorePlaces(gold, got []news.PlaceRecord) []Score {
	base := func(g, t news.PlaceRecord) bool { return g.Article == t.Article && g.Span.Overlaps(t.Span) }
	country := func(g, t news.PlaceRecord) bool {
		return base(g, t) && agree(deref(g.Country), deref(t.Country))
	}
	return []Score{
		{Kind: "place", Gold: len(gold), Got: len(got), TP: match(gold, got, base)},
		{Kind: "place+country", Gold: len(gold), Got: len(got), TP: match(gold, got, country)},
	}
}

func scoreDates(gold, got []news.DateRecord) []Score {
	base := func(g, t news.DateRecord) bool { return g.Article == t.Article && g.Span.Overlaps(t.Span) }
	value := func(g, t news.DateRecord) bool { return base(g, t) && agree(g.Date, t.Date) }
	return []Score{
		{Kind: "date", Gold: len(gold), Got: len(got), TP: match(gold, got, base)},
		{Kind: "date+value", Gold: len(gold), Got: len(got), TP: match(gold, got, value)},
	}
}

func scoreEntities(gold, got []news.Entity) Score {
	same := func(g, t news.Entity) bool {
		if g.Type != "" && g.Type != t.Type {
			return false
		}
		names := map[string]bool{fold(t.Name): true}
		for _, a := range t.Aliases {
			names[fold(a)] = true
		}
		if names[fold(g.Name)] {
			return true
		}
		for _, a := range g.Aliases {
			if names[fold(a)] {
				return true
			}
		}
		return false
	}
	return Score{Kind: "entity", Gold: len(gold), Got: len(got), TP: match(gold, got, same)}
}

// scoreStories compares the article pairs that share a story.
func scoreStories(gold, got []news.Story, scope map[news.ArticleID]bool) Score {
	gp, tp := pairs(gold, scope), pairs(got, scope)
	n := 0
	for p := range gp {
		if tp[p] {
			n++
		}
	}
	return Score{Kind: "story pairs", Gold: len(gp), Got: len(tp), TP: n}
}

func pairs(stories []news.Story, scope map[news.ArticleID]bool) map[[2]news.ArticleID]bool {
	m := map[[2]news.ArticleID]bool{}
	for _, s := range stories {
		var ids []news.ArticleID
		for _, a := range s.Articles {
			if scope[a] {
				ids = append(ids, a)
			}
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				m[[2]news.ArticleID{ids[i], ids[j]}] = true
			}
		}
	}
	return m
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// fold lowercases, strips diacritics and collapses spaces and punctuation.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// Write prints the scores as a table.
func Write(w io.Writer, scores []Score) error {
	if _, err := fmt.Fprintf(w, "%-14s %6s %6s %6s %9s %7s %6s\n", "kind", "gold", "coded", "match", "precision", "recall", "F1"); err != nil {
		return err
	}
	for _, s := range scores {
		if _, err := fmt.Fprintf(w, "%-14s %6d %6d %6d %9.3f %7.3f %6.3f\n", s.Kind, s.Gold, s.Got, s.TP, s.Precision(), s.Recall(), s.F1()); err != nil {
			return err
		}
	}
	return nil
}
