package link

import (
	"cmp"
	"slices"
	"strings"

	"chronicle/internal/news"
)

// Entry is one line of an entity's timeline: one event, linked across the
// articles that report it, and when it happened.
type Entry struct {
	// Rank is the entry's place in time, from 1; entries of one date
	// share it. It is 0 for an event without a date, which has no place.
	Rank int
	// Date is the event's date as a calendar date, the first day of the
	// month or year for a coarser one; "" when it has none.
	Date      string
	Precision news.Precision
	Event     news.Event
}

// Timeline returns the timeline of entity among events (linked events, as
// stored, whose Evidence lists every report): the events in which it
// takes part on either side, ordered by date. Events of one date share a
// rank; of two dates that overlap, the coarser ("March 2008") comes before
// the finer ("12 March 2008"), as it begins no later. Undated events come
// first with rank 0, in the order given.
//
// entity is an entity id ("org:boeing") or a name; a name matches an
// actor whose name holds it as whole words, ignoring case ("Boeing" in
// "Boeing Co"), since reports name organisations with and without their
// suffixes.
func Timeline(events []news.Event, entity string) []Entry {
	var out []Entry
	for _, e := range events {
		if !TakesPart(e, entity) {
			continue
		}
		en := Entry{Event: e}
		if e.Date != "" {
			en.Date, en.Precision = e.Date, cmp.Or(e.DatePrecision, news.PrecisionDay)
		}
		out = append(out, en)
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		switch {
		case a.Date == "" && b.Date == "":
			return 0
		case a.Date == "":
			return -1
		case b.Date == "":
			return 1
		case a.Date != b.Date:
			return cmp.Compare(a.Date, b.Date)
		}
		return cmp.Compare(coarseness(b.Precision), coarseness(a.Precision))
	})
	rank := 0
	for i := range out {
		if out[i].Date == "" {
			continue
		}
		if rank == 0 || out[i].Date != out[i-1].Date || out[i].Precision != out[i-1].Precision {
			rank++
		}
		out[i].Rank = rank
	}
	return out
}

// coarseness orders precisions from the finest, 0, to the coarsest.
func coarseness(p news.Precision) int {
	switch p {
	case news.PrecisionWeek:
		return 1
	case news.PrecisionMonth:
		return 2
	case news.PrecisionYear:
		return 3
	}
	return 0
}

// TakesPart reports whether entity, an entity id or a name as Timeline
// takes it, is among the event's actors.
func TakesPart(e news.Event, entity string) bool {
	for _, side := range [][]news.Actor{side(e.Source, e.Sources), side(e.Target, e.Targets)} {
		for _, a := range side {
			if actorIs(a, entity) {
				return true
			}
		}
	}
	return false
}

// actorIs reports whether the actor is entity, an entity id or a name.
func actorIs(a news.Actor, entity string) bool {
	if entity == "" || a.IsZero() {
		return false
	}
	if a.Entity != "" && a.Entity == entity {
		return true
	}
	name, want := strings.Fields(strings.ToLower(a.Name)), strings.Fields(strings.ToLower(entity))
	if len(want) == 0 {
		return false
	}
	for i := 0; i+len(want) <= len(name); i++ {
		if slices.Equal(name[i:i+len(want)], want) {
			return true
		}
	}
	return false
}
