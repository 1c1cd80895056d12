package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

// linkArticle returns an article with two events and a quote, all with
// spans into its text.
func linkArticle(id, source string, day int) *news.Article {
	text := fmt.Sprintf("Report %s. Rebels attacked the town. Officials met. \"We will rebuild,\" the mayor said.", id)
	a := &news.Article{ID: news.ArticleID(id), Hash: "h-" + id, Source: source, Title: "Title " + id, Text: text,
		Published: time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC)}
	for i, s := range []string{"Report " + id + ".", "Rebels attacked the town.", "Officials met."} {
		start := len(text[:indexOf(text, s)])
		a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: start, End: start + len(s)}})
	}
	ev := func(i int, t news.EventType, sent int) news.Event {
		s := a.Sentences[sent]
		return news.Event{ID: fmt.Sprintf("ev-%s-%d", id, i), Type: t, Date: fmt.Sprintf("2025-03-%02d", day),
			Quantities: map[string]int{"killed": 3 + day},
			Evidence:   []news.Evidence{{Article: a.ID, Sentence: s.Text(text), Index: sent, Span: s.Span, Source: source}}}
	}
	a.Events = []news.Event{ev(0, news.Assault, 1), ev(1, news.Consult, 2)}
	q := indexOf(text, "We will rebuild,")
	a.Quotes = []news.Quote{{ID: "q-" + id, Text: "We will rebuild,", Kind: news.Direct, Span: news.Span{Start: q, End: q + 16}, Sentence: 3}}
	return a
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func openLinkDB(t *testing.T, arts ...*news.Article) *DB {
	t.Helper()
	db := openAt(t, filepath.Join(t.TempDir(), "link.db"))
	if _, err := db.SaveArticles(t.Context(), arts); err != nil {
		t.Fatalf("SaveArticles() = %v", err)
	}
	return db
}

func TestSaveLinks(t *testing.T) {
	a, b, c := linkArticle("a", "wire", 3), linkArticle("b", "daily", 3), linkArticle("c", "gazette", 4)
	db := openLinkDB(t, a, b, c)
	ctx := t.Context()

	merged := a.Events[0]
	merged.Evidence = append(slices.Clone(a.Events[0].Evidence), b.Events[0].Evidence...)
	merged.Quantities = map[string]int{"killed": 6, "killed_max": 7}
	merged.SourceCount = 2
	links := &Links{
		Nodes: []LinkNode{
			{Article: "a", State: []byte("state-a"), Keys: []uint64{1, 2, 1 << 62}, Story: "s1"},
			{Article: "b", State: []byte("state-b"), Keys: []uint64{2, 3}, Story: "s1", DuplicateOf: "a"},
			{Article: "c", State: []byte("state-c"), Keys: []uint64{4}, Story: "s2"},
		},
		Stories: []news.Story{
			{ID: "s1", Title: "Title a", First: "2025-03-03", Last: "2025-03-03", Articles: []news.ArticleID{"a", "b"}},
			{ID: "s2", Title: "Title c", First: "2025-03-04", Last: "2025-03-04", Articles: []news.ArticleID{"c", "a"}},
		},
		Articles: []ArticleLink{{ID: "a", Story: "s1"}, {ID: "b", Story: "s1", DuplicateOf: "a"}, {ID: "c", Story: "s2"}},
		Events: []EventCluster{{Story: "s1", Event: merged, Rep: EventRef{"a", 0},
			Members: []EventRef{{"a", 0}, {"b", 0}}}},
		Quotes: []QuoteLink{{Article: "a", Index: 0, Cluster: "qc-1"}, {Article: "b", Index: 0, Cluster: "qc-1"}},
	}
	if err := db.SaveLinks(ctx, links); err != nil {
		t.Fatalf("SaveLinks() = %v", err)
	}

	t.Run("nodes", func(t *testing.T) {
		got, err := db.LinkNodes(ctx, []news.ArticleID{"b", "a", "missing"})
		if err != nil {
			t.Fatal(err)
		}
		want := []LinkNode{
			{Article: "a", State: []byte("state-a"), Stories: []string{"s1", "s2"}, Story: "s1"},
			{Article: "b", State: []byte("state-b"), Stories: []string{"s1"}, Story: "s1", DuplicateOf: "a"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("LinkNodes() (-want +got):\n%s", diff)
		}
	})
	t.Run("lookup", func(t *testing.T) {
		got, err := db.LinkLookup(ctx, []uint64{2, 4, 99, 1 << 62})
		if err != nil {
			t.Fatal(err)
		}
		if want := []news.ArticleID{"a", "b", "c"}; !slices.Equal(got, want) {
			t.Errorf("LinkLookup() = %v, want %v", got, want)
		}
	})
	t.Run("story members", func(t *testing.T) {
		got, err := db.StoryArticles(ctx, []string{"s2"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []news.ArticleID{"a", "c"}; !slices.Equal(got, want) {
			t.Errorf("StoryArticles(s2) = %v, want %v", got, want)
		}
		var stories []news.Story
		if err := db.Stories(ctx, func(s news.Story) error { stories = append(stories, s); return nil }); err != nil {
			t.Fatal(err)
		}
		want := []news.ArticleID{"a", "c"}
		if len(stories) != 2 || !slices.Equal(stories[1].Articles, want) {
			t.Errorf("Stories() = %v, want s2 with %v", stories, want)
		}
	})
	t.Run("articles", func(t *testing.T) {
		got, err := db.Article(ctx, "b")
		if err != nil {
			t.Fatal(err)
		}
		if got.Story != "s1" || got.DuplicateOf != "a" {
			t.Errorf("Article(b) story %q duplicate_of %q, want s1 and a", got.Story, got.DuplicateOf)
		}
	})
	t.Run("events", func(t *testing.T) {
		var got []string
		if err := db.Events(ctx, func(e news.Event) error {
			got = append(got, fmt.Sprintf("%s@%s:%d", e.ID, e.Article, len(e.Evidence)))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// The merged record stands for both reports, in the place of the
		// representative's; the other events are as they were coded.
		want := []string{"ev-a-0@a:2", "ev-a-1@a:1", "ev-b-1@b:1", "ev-c-0@c:1", "ev-c-1@c:1"}
		if !slices.Equal(got, want) {
			t.Errorf("Events() = %v, want %v", got, want)
		}
		reports, err := db.EventReports(ctx, "ev-a-0")
		if err != nil {
			t.Fatal(err)
		}
		if len(reports) != 2 || reports[1].ID != "ev-b-0" {
			t.Errorf("EventReports(ev-a-0) = %d reports, want ev-a-0 and ev-b-0", len(reports))
		}
		single, err := db.EventReports(ctx, "ev-c-1")
		if err != nil || len(single) != 1 {
			t.Errorf("EventReports(ev-c-1) = %d reports, %v; want the one event", len(single), err)
		}
		if _, err := db.EventReports(ctx, "ev-none"); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("EventReports(ev-none) = %v, want news.ErrNotFound", err)
		}
		cl, err := db.EventClusters(ctx, "b")
		if err != nil || cl[0] != "ev-a-0" {
			t.Errorf("EventClusters(b) = %v, %v; want event 0 in ev-a-0", cl, err)
		}
		se, err := db.StoryEvents(ctx, "s1")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range se {
			ids = append(ids, e.ID)
		}
		if want := []string{"ev-a-0", "ev-a-1", "ev-b-1"}; !slices.Equal(ids, want) {
			t.Errorf("StoryEvents(s1) = %v, want %v", ids, want)
		}
		lc, err := db.LinkClusters(ctx, []string{"s1", "s2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(lc) != 1 || lc[0].Event.ID != "ev-a-0" || len(lc[0].Members) != 2 {
			t.Errorf("LinkClusters() = %v, want ev-a-0 with 2 members", lc)
		}
	})
	t.Run("quotes", func(t *testing.T) {
		var got []string
		if err := db.Quotes(ctx, func(q news.Quote) error { got = append(got, string(q.Article)+":"+q.Cluster); return nil }); err != nil {
			t.Fatal(err)
		}
		if want := []string{"a:qc-1", "b:qc-1", "c:"}; !slices.Equal(got, want) {
			t.Errorf("Quotes() clusters = %v, want %v", got, want)
		}
	})

	// A second step: b's profile is replaced, s2 is gone, the cluster
	// dissolves.
	second := &Links{
		Nodes:        []LinkNode{{Article: "b", State: []byte("state-b2"), Keys: []uint64{5}, Story: "s1"}},
		Gone:         []string{"s2"},
		Left:         []StoryMember{{Story: "s1", Article: "a"}},
		Stories:      []news.Story{{ID: "s1", Title: "Title b", Articles: []news.ArticleID{"c"}}},
		Articles:     []ArticleLink{{ID: "c", Story: "s1"}, {ID: "b", Story: "s1"}},
		DropClusters: []string{"ev-a-0"},
		Unclustered:  []EventRef{{"a", 0}, {"b", 0}},
		Quotes:       []QuoteLink{{Article: "a", Index: 0}, {Article: "b", Index: 0}},
	}
	if err := db.SaveLinks(ctx, second); err != nil {
		t.Fatalf("SaveLinks(second) = %v", err)
	}
	t.Run("after", func(t *testing.T) {
		got, err := db.LinkLookup(ctx, []uint64{2, 3, 5})
		if err != nil {
			t.Fatal(err)
		}
		if want := []news.ArticleID{"a", "b"}; !slices.Equal(got, want) {
			t.Errorf("LinkLookup(2, 3, 5) = %v, want %v (b under 5 only)", got, want)
		}
		members, err := db.StoryArticles(ctx, []string{"s1", "s2"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []news.ArticleID{"a", "b", "c"}; !slices.Equal(members, want) {
			// a keeps s1 through articles.story, which this step did not change.
			t.Errorf("StoryArticles(s1, s2) = %v, want %v", members, want)
		}
		if _, err := db.Story(ctx, "s2"); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("Story(s2) = %v, want news.ErrNotFound", err)
		}
		n := 0
		if err := db.Events(ctx, func(news.Event) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		if n != 6 {
			t.Errorf("Events() = %d records, want the 6 reports once their cluster is gone", n)
		}
		nodes, err := db.LinkNodes(ctx, []news.ArticleID{"b"})
		if err != nil || len(nodes) != 1 || string(nodes[0].State) != "state-b2" || nodes[0].DuplicateOf != "" {
			t.Errorf("LinkNodes(b) = %v, %v; want the new state and no original", nodes, err)
		}
	})
}

// TestSaveLinksClusterGrows saves a cluster again with one more report:
// the reports stored before stay in it, the new one joins.
func TestSaveLinksClusterGrows(t *testing.T) {
	a, b, c := linkArticle("a", "wire", 3), linkArticle("b", "daily", 3), linkArticle("c", "gazette", 4)
	db := openLinkDB(t, a, b, c)
	ctx := t.Context()
	cluster := func(story string, members ...EventRef) *Links {
		return &Links{Stories: []news.Story{{ID: story, Articles: []news.ArticleID{"a", "b", "c"}}},
			Events: []EventCluster{{Story: story, Event: a.Events[0], Rep: EventRef{"a", 0}, Members: members}}}
	}
	steps := []struct {
		name  string
		links *Links
		want  []string // ids of the reports
	}{
		{"first", cluster("s1", EventRef{"a", 0}, EventRef{"b", 0}), []string{"ev-a-0", "ev-b-0"}},
		{"grown", cluster("s1", EventRef{"a", 0}, EventRef{"b", 0}, EventRef{"c", 0}), []string{"ev-a-0", "ev-b-0", "ev-c-0"}},
		{"moved", &Links{Gone: []string{"s1"}, Stories: cluster("s2").Stories,
			Events: cluster("s2", EventRef{"a", 0}, EventRef{"c", 0}).Events, Unclustered: []EventRef{{"b", 0}}},
			[]string{"ev-a-0", "ev-c-0"}},
	}
	for _, tt := range steps {
		if err := db.SaveLinks(ctx, tt.links); err != nil {
			t.Fatalf("SaveLinks(%s) = %v", tt.name, err)
		}
		reports, err := db.EventReports(ctx, a.Events[0].ID)
		if err != nil {
			t.Fatalf("EventReports(%s) = %v", tt.name, err)
		}
		var got []string
		for _, e := range reports {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("after %s: EventReports() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSaveLinksInvalid(t *testing.T) {
	db := openLinkDB(t)
	tests := []struct {
		name  string
		links *Links
	}{
		{"story without id", &Links{Stories: []news.Story{{Title: "x"}}}},
		{"cluster without story", &Links{Events: []EventCluster{{Event: news.Event{ID: "e"}}}}},
		{"node without article", &Links{Nodes: []LinkNode{{State: []byte("x")}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.SaveLinks(t.Context(), tt.links); !errors.Is(err, news.ErrInvalid) {
				t.Errorf("SaveLinks() = %v, want news.ErrInvalid", err)
			}
		})
	}
}

func TestLinkArticles(t *testing.T) {
	a := linkArticle("a", "wire", 3)
	a.Mentions = []news.Mention{{Span: news.Span{Start: 0, End: 6}, Text: "Report", Type: news.Org, Ref: -1}}
	a.Dates = []news.Date{{Span: news.Span{Start: 0, End: 6}, Text: "Report", Date: "2025-03-02", Precision: news.PrecisionDay, Rule: "test"}}
	db := openLinkDB(t, a, linkArticle("b", "daily", 4))
	got, err := db.LinkArticles(t.Context(), []news.ArticleID{"b", "a", "missing", "a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" {
		t.Fatalf("LinkArticles() = %d articles, want a and b", len(got))
	}
	if got[0].Text != a.Text || len(got[0].Mentions) != 1 || len(got[0].Events) != 2 || len(got[0].Quotes) != 1 {
		t.Errorf("LinkArticles(a) = text %t, %d mentions, %d events, %d quotes; want the text, 1, 2, 1",
			got[0].Text == a.Text, len(got[0].Mentions), len(got[0].Events), len(got[0].Quotes))
	}
	if !slices.Equal(got[0].Sentences, a.Sentences) || len(got[0].Dates) != 1 || got[0].Dates[0].Date != "2025-03-02" ||
		len(got[1].Sentences) != 3 || len(got[1].Dates) != 0 {
		t.Errorf("LinkArticles(a, b) = sentences %v and %v, dates %v and %v; want the stored ones",
			got[0].Sentences, got[1].Sentences, got[0].Dates, got[1].Dates)
	}
	recs, err := db.LinkRecords(t.Context(), []news.ArticleID{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Text != "" || recs[0].Hash != a.Hash || len(recs[0].Mentions) != 0 || len(recs[0].Events) != 2 {
		t.Errorf("LinkRecords(a) = %+v, want hash, events and quotes only", recs)
	}
}

// TestSaveLinksMovedAndRepeated saves a report that moves to another
// cluster, and a story and a cluster given twice in one step, of which the
// last counts, as it did when they were upserted.
func TestSaveLinksMovedAndRepeated(t *testing.T) {
	a, b, c := linkArticle("a", "wire", 3), linkArticle("b", "daily", 3), linkArticle("c", "gazette", 4)
	db := openLinkDB(t, a, b, c)
	ctx := t.Context()
	first := &Links{Stories: []news.Story{{ID: "s1", Articles: []news.ArticleID{"a", "b", "c"}}},
		Events: []EventCluster{{Story: "s1", Event: a.Events[0], Rep: EventRef{"a", 0}, Members: []EventRef{{"a", 0}, {"b", 0}, {"c", 0}}}}}
	if err := db.SaveLinks(ctx, first); err != nil {
		t.Fatal(err)
	}
	moved := c.Events[0]
	moved.Quantities = map[string]int{"killed": 99}
	second := &Links{
		Stories: []news.Story{{ID: "s1", Title: "Old title"}, {ID: "s1", Title: "New title"}},
		Events: []EventCluster{
			{Story: "s1", Event: a.Events[0], Rep: EventRef{"a", 0}, Members: []EventRef{{"a", 0}, {"b", 0}}},
			{Story: "s1", Event: c.Events[0], Rep: EventRef{"c", 0}, Members: []EventRef{{"c", 0}}},
			{Story: "s1", Event: moved, Rep: EventRef{"c", 0}, Members: []EventRef{{"c", 0}, {"b", 1}}},
		},
		Quotes: []QuoteLink{{Article: "a", Index: 0, Cluster: "qc-x"}, {Article: "c", Index: 7, Cluster: "qc-x"},
			{Article: "a", Index: 0, Cluster: "qc-y"}, {Article: "b", Index: 0, Cluster: "qc-y"}},
	}
	if err := db.SaveLinks(ctx, second); err != nil {
		t.Fatalf("SaveLinks(second) = %v", err)
	}
	if s, err := db.Story(ctx, "s1"); err != nil || s.Title != "New title" {
		t.Errorf("Story(s1) = %+v, %v; want the last title given", s, err)
	}
	tests := []struct {
		cluster string
		want    []string
	}{
		{a.Events[0].ID, []string{"ev-a-0", "ev-b-0"}},
		{c.Events[0].ID, []string{"ev-b-1", "ev-c-0"}},
	}
	for _, tt := range tests {
		reports, err := db.EventReports(ctx, tt.cluster)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range reports {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("EventReports(%s) = %v, want %v", tt.cluster, got, tt.want)
		}
	}
	n := 0
	err := db.Events(ctx, func(e news.Event) error {
		if e.ID == c.Events[0].ID {
			n++
			if e.Quantities["killed"] != 99 {
				t.Errorf("Events(): cluster %s = %v, want the last record given", e.ID, e.Quantities)
			}
		}
		return nil
	})
	if err != nil || n != 1 {
		t.Errorf("Events() gave cluster %s %d times, %v; want once", c.Events[0].ID, n, err)
	}
	var quotes []string
	if err := db.Quotes(ctx, func(q news.Quote) error {
		quotes = append(quotes, string(q.Article)+":"+q.Cluster)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a:qc-y", "b:qc-y", "c:"}; !slices.Equal(quotes, want) {
		t.Errorf("Quotes() clusters = %v, want %v (the last given; a quote not stored left out)", quotes, want)
	}
}

func TestLastRows(t *testing.T) {
	tests := []struct {
		name string
		rows [][]any
		n    int
		want [][]any
	}{
		{"none", nil, 1, [][]any{}},
		{"distinct", [][]any{{"a", 1}, {"b", 2}}, 1, [][]any{{"a", 1}, {"b", 2}}},
		{"last at the first's place", [][]any{{"a", 1}, {"b", 2}, {"a", 3}}, 1, [][]any{{"a", 3}, {"b", 2}}},
		{"two columns", [][]any{{"a1", 1, "x"}, {"a", 11, "y"}, {"a1", 1, "z"}}, 2, [][]any{{"a1", 1, "z"}, {"a", 11, "y"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastRows(tt.rows, tt.n); !cmp.Equal(got, tt.want) {
				t.Errorf("lastRows(%v, %d) = %v, want %v", tt.rows, tt.n, got, tt.want)
			}
		})
	}
}
