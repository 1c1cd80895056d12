package link

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

func TestTimeline(t *testing.T) {
	acme := news.Actor{Name: "Acme Aircraft Co", Entity: "org:acme-aircraft"}
	union := news.Actor{Name: "machinists' union"}
	ministry := news.Actor{Name: "Transport Ministry", Entity: "org:transport-ministry"}
	ev := func(id string, src, tgt news.Actor, date string, p news.Precision) news.Event {
		return news.Event{ID: id, Source: src, Target: tgt, Date: date, DatePrecision: p}
	}
	strike := ev("strike", union, acme, "2024-09-13", news.PrecisionDay)
	order := ev("order", ministry, acme, "2024-03-01", news.PrecisionMonth)
	fine := ev("fine", ministry, acme, "2024-03-20", news.PrecisionDay)
	talks := ev("talks", union, acme, "2024-09-13", news.PrecisionDay)
	launch := ev("launch", acme, news.Actor{}, "", "")
	other := ev("other", ministry, union, "2024-01-05", news.PrecisionDay)
	joint := news.Event{ID: "joint", Source: ministry, Sources: []news.Actor{ministry, acme}, Date: "2024-01-01", DatePrecision: news.PrecisionYear}
	events := []news.Event{strike, order, fine, talks, launch, other, joint}

	tests := []struct {
		name   string
		entity string
		want   []Entry
	}{
		{"by entity id", "org:acme-aircraft", []Entry{
			{Event: launch},
			{Rank: 1, Date: "2024-01-01", Precision: news.PrecisionYear, Event: joint},
			{Rank: 2, Date: "2024-03-01", Precision: news.PrecisionMonth, Event: order},
			{Rank: 3, Date: "2024-03-20", Precision: news.PrecisionDay, Event: fine},
			{Rank: 4, Date: "2024-09-13", Precision: news.PrecisionDay, Event: strike},
			{Rank: 4, Date: "2024-09-13", Precision: news.PrecisionDay, Event: talks},
		}},
		{"by name within a longer name", "acme aircraft", []Entry{
			{Event: launch},
			{Rank: 1, Date: "2024-01-01", Precision: news.PrecisionYear, Event: joint},
			{Rank: 2, Date: "2024-03-01", Precision: news.PrecisionMonth, Event: order},
			{Rank: 3, Date: "2024-03-20", Precision: news.PrecisionDay, Event: fine},
			{Rank: 4, Date: "2024-09-13", Precision: news.PrecisionDay, Event: strike},
			{Rank: 4, Date: "2024-09-13", Precision: news.PrecisionDay, Event: talks},
		}},
		{"unresolved actor by name", "Machinists' Union", []Entry{
			{Rank: 1, Date: "2024-01-05", Precision: news.PrecisionDay, Event: other},
			{Rank: 2, Date: "2024-09-13", Precision: news.PrecisionDay, Event: strike},
			{Rank: 2, Date: "2024-09-13", Precision: news.PrecisionDay, Event: talks},
		}},
		{"part of a word is no match", "acm", nil},
		{"nobody", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Timeline(events, tt.entity)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Timeline(events, %q) mismatch (-want +got):\n%s", tt.entity, diff)
			}
		})
	}
}

func TestTimelineSameDateCoarserFirst(t *testing.T) {
	a := news.Actor{Name: "Acme"}
	day := news.Event{ID: "day", Source: a, Date: "2024-03-01", DatePrecision: news.PrecisionDay}
	month := news.Event{ID: "month", Source: a, Date: "2024-03-01", DatePrecision: news.PrecisionMonth}
	got := Timeline([]news.Event{day, month}, "Acme")
	want := []Entry{
		{Rank: 1, Date: "2024-03-01", Precision: news.PrecisionMonth, Event: month},
		{Rank: 2, Date: "2024-03-01", Precision: news.PrecisionDay, Event: day},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Timeline(day, month) mismatch (-want +got):\n%s", diff)
	}
}
