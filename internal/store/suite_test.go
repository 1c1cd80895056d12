package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chronicle/internal/news"
	"chronicle/internal/testkit"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testDB is the conformance suite of a database. open returns t's
// database: empty on the first call for t, the same data on later calls
// after Close. The database is closed when t ends.
func testDB(t *testing.T, open func(t testing.TB) *DB) {
	t.Run("Outcomes", func(t *testing.T) { testOutcomes(t, open(t)) })
	t.Run("ReplaceRemovesOldRecords", func(t *testing.T) { testReplace(t, open(t)) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, open(t)) })
	t.Run("Hashes", func(t *testing.T) { testHashes(t, open(t)) })
	t.Run("Export", func(t *testing.T) { testExport(t, open(t)) })
	t.Run("CallbackErrorStops", func(t *testing.T) { testCallbackError(t, open(t)) })
	t.Run("Entities", func(t *testing.T) { testEntities(t, open(t)) })
	t.Run("Stories", func(t *testing.T) { testStories(t, open(t)) })
	t.Run("Duplicate", func(t *testing.T) { testDuplicate(t, open(t)) })
	t.Run("Failures", func(t *testing.T) { testFailures(t, open(t)) })
	t.Run("ReadDuringWrite", func(t *testing.T) { testReadDuringWrite(t, open(t)) })
	t.Run("ConcurrentReaders", func(t *testing.T) { testConcurrentReaders(t, open(t)) })
	t.Run("Reopen", func(t *testing.T) { testReopen(t, open) })
	t.Run("FailingBatch", func(t *testing.T) { testFailingBatch(t, open(t)) })
}

func save(t testing.TB, db *DB, arts ...*news.Article) []Outcome {
	t.Helper()
	out, err := db.SaveArticles(t.Context(), arts)
	if err != nil {
		t.Fatalf("SaveArticles() = %v", err)
	}
	return out
}

func counts(t testing.TB, db *DB) Counts {
	t.Helper()
	c, err := db.Counts(t.Context())
	if err != nil {
		t.Fatalf("Counts() = %v", err)
	}
	return c
}

func article(t testing.TB, db *DB, id news.ArticleID) *news.Article {
	t.Helper()
	a, err := db.Article(t.Context(), id)
	if err != nil {
		t.Fatalf("Article(%q) = %v", id, err)
	}
	return a
}

// variant returns a copy of a with another hash and fewer records.
func variant(a *news.Article) *news.Article {
	v := *a
	v.Hash = a.Hash + "-v2"
	v.Title = a.Title + " (updated)"
	v.Events = a.Events[:1]
	v.Quotes = nil
	v.Mentions = a.Mentions[:2]
	v.Dates = nil
	return &v
}

func testOutcomes(t *testing.T, db *DB) {
	arts := fixture(t)
	a := arts[1]
	tests := []struct {
		name  string
		batch []*news.Article
		want  []Outcome
	}{
		{"first save", []*news.Article{a}, []Outcome{New}},
		{"same hash", []*news.Article{a}, []Outcome{Unchanged}},
		{"other hash", []*news.Article{variant(a)}, []Outcome{Replaced}},
		{"back to the first hash", []*news.Article{a}, []Outcome{Replaced}},
		{"twice in a batch", []*news.Article{arts[0], arts[0]}, []Outcome{New, Unchanged}},
		{"two versions in a batch", []*news.Article{arts[2], variant(arts[0]), arts[0]}, []Outcome{New, Replaced, Replaced}},
		{"empty batch", nil, []Outcome{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SaveArticles(t.Context(), tt.batch)
			if err != nil {
				t.Fatalf("SaveArticles() = %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("SaveArticles() = %v, want %v", got, tt.want)
			}
		})
	}
	if c := counts(t, db); c.Articles != 3 {
		t.Errorf("Counts().Articles = %d, want 3", c.Articles)
	}

	invalid := []struct {
		name  string
		batch []*news.Article
	}{
		{"nil article", []*news.Article{a, nil}},
		{"no id", []*news.Article{{Hash: "h", Text: "x"}}},
		{"no hash", []*news.Article{{ID: "x", Text: "x"}}},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := db.SaveArticles(t.Context(), tt.batch); !errors.Is(err, news.ErrInvalid) {
				t.Errorf("SaveArticles() = %v, want news.ErrInvalid", err)
			}
		})
	}
}

func testReplace(t *testing.T, db *DB) {
	arts := fixture(t)
	save(t, db, arts...)
	before := counts(t, db)
	old := arts[1]
	v := variant(old)
	v.Sentences = old.Sentences[:2]
	if got := save(t, db, v); got[0] != Replaced {
		t.Fatalf("SaveArticles(variant) = %v, want [replaced]", got)
	}
	if diff := cmp.Diff(v, article(t, db, v.ID), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Article(%q) after replacement (-want +got):\n%s", v.ID, diff)
	}
	want := before
	want.Sentences -= len(old.Sentences) - len(v.Sentences)
	want.Mentions -= len(old.Mentions) - len(v.Mentions)
	want.Places -= len(old.PlaceRecords()) - len(v.PlaceRecords())
	want.Events -= len(old.Events) - len(v.Events)
	want.Quotes -= len(old.Quotes) - len(v.Quotes)
	want.Dates -= len(old.Dates) - len(v.Dates)
	if got := counts(t, db); got != want {
		t.Errorf("Counts() after replacement = %+v, want %+v", got, want)
	}
	// Elsa Brandt is named only in the old version.
	err := db.Entities(t.Context(), func(e news.Entity) error {
		if e.ID == "brandt-elsa" {
			t.Errorf("Entities() lists %s, named only in the replaced version", e.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Entities() = %v", err)
	}
}

func testRoundTrip(t *testing.T, db *DB) {
	arts := fixture(t)
	save(t, db, arts...)
	for _, want := range arts {
		t.Run(string(want.ID), func(t *testing.T) {
			got := article(t, db, want.ID)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Article(%q) (-want +got):\n%s", want.ID, diff)
			}
			if diff := cmp.Diff(want.Record(), got.Record()); diff != "" {
				t.Errorf("Article(%q).Record() (-want +got):\n%s", want.ID, diff)
			}
		})
	}
	// Every record of an event or a quote belongs to the article it is
	// stored under.
	moved := *arts[1]
	moved.ID, moved.Hash = "moved", "h-moved"
	save(t, db, &moved)
	for _, e := range article(t, db, "moved").Events {
		if e.Article != "moved" {
			t.Errorf("Article(moved).Events[].Article = %q, want moved", e.Article)
		}
	}
}

func testNotFound(t *testing.T, db *DB) {
	save(t, db, fixture(t)...)
	if _, err := db.Article(t.Context(), "nope"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(nope) = %v, want news.ErrNotFound", err)
	}
}

func testHashes(t *testing.T, db *DB) {
	arts := fixture(t)
	save(t, db, arts[0], arts[1])
	var ids []news.ArticleID
	for i := range 1200 { // more than one statement's worth
		ids = append(ids, news.ArticleID(fmt.Sprintf("missing-%d", i)))
	}
	ids = append(ids, arts[0].ID, arts[2].ID, arts[1].ID)
	got, err := db.Hashes(t.Context(), ids)
	if err != nil {
		t.Fatalf("Hashes() = %v", err)
	}
	want := map[news.ArticleID]string{arts[0].ID: arts[0].Hash, arts[1].ID: arts[1].Hash}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Hashes() (-want +got):\n%s", diff)
	}
}

// exportLine is a line of the export golden file.
type exportLine struct {
	Kind   string `json:"kind"`
	Record any    `json:"record"`
}

// export writes every reader's records as JSON lines, one kind after the
// other.
func export(t testing.TB, db *DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	emit := func(kind string) func(any) error {
		return func(v any) error { return enc.Encode(exportLine{kind, v}) }
	}
	for _, r := range []struct {
		kind string
		read func(ctx context.Context, emit func(any) error) error
	}{
		{"articles", func(ctx context.Context, emit func(any) error) error {
			return db.Articles(ctx, func(a *news.Article) error { return emit(a.Record()) })
		}},
		{"events", func(ctx context.Context, emit func(any) error) error {
			return db.Events(ctx, func(e news.Event) error { return emit(e) })
		}},
		{"quotes", func(ctx context.Context, emit func(any) error) error {
			return db.Quotes(ctx, func(q news.Quote) error { return emit(q) })
		}},
		{"entities", func(ctx context.Context, emit func(any) error) error {
			return db.Entities(ctx, func(e news.Entity) error { return emit(e) })
		}},
		{"places", func(ctx context.Context, emit func(any) error) error {
			return db.Places(ctx, func(p news.PlaceRecord) error { return emit(p) })
		}},
		{"dates", func(ctx context.Context, emit func(any) error) error {
			return db.Dates(ctx, func(d news.DateRecord) error { return emit(d) })
		}},
		{"stories", func(ctx context.Context, emit func(any) error) error {
			return db.Stories(ctx, func(s news.Story) error { return emit(s) })
		}},
	} {
		if err := r.read(t.Context(), emit(r.kind)); err != nil {
			t.Fatalf("export %s: %v", r.kind, err)
		}
	}
	return buf.Bytes()
}

// testExport checks the readers' order and record shapes against
// testdata/export.golden.jsonl, and that the records are those the
// articles' own methods give.
func testExport(t *testing.T, db *DB) {
	arts := fixture(t)
	save(t, db, arts...)
	story := news.Story{ID: "story-velo", Title: "Shelling of Velo", Articles: []news.ArticleID{"b-2", "a-1"}, First: "2025-03-04", Last: "2025-03-05"}
	if err := db.SaveStories(t.Context(), []news.Story{story}); err != nil {
		t.Fatalf("SaveStories() = %v", err)
	}
	got := export(t, db)
	testkit.Golden(t, filepath.Join("testdata", "export.golden.jsonl"), got, *update)

	// The same records, from the articles themselves, in id order.
	slices.SortFunc(arts, func(a, b *news.Article) int { return strings.Compare(string(a.ID), string(b.ID)) })
	var (
		wantEvents []news.Event
		wantQuotes []news.Quote
		wantPlaces []news.PlaceRecord
		wantDates  []news.DateRecord
	)
	for _, a := range arts {
		wantEvents = append(wantEvents, a.Events...)
		wantQuotes = append(wantQuotes, a.Quotes...)
		wantPlaces = append(wantPlaces, a.PlaceRecords()...)
		wantDates = append(wantDates, a.DateRecords()...)
	}
	gotEvents := collect(t, db.Events)
	gotQuotes := collect(t, db.Quotes)
	gotPlaces := collect(t, db.Places)
	gotDates := collect(t, db.Dates)
	for _, c := range []struct {
		name      string
		want, got any
	}{
		{"Events", wantEvents, gotEvents},
		{"Quotes", wantQuotes, gotQuotes},
		{"Places", wantPlaces, gotPlaces},
		{"Dates", wantDates, gotDates},
	} {
		if diff := cmp.Diff(c.want, c.got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s() (-want +got):\n%s", c.name, diff)
		}
	}
	var ids []news.ArticleID
	err := db.Articles(t.Context(), func(a *news.Article) error {
		ids = append(ids, a.ID)
		want := arts[len(ids)-1]
		if diff := cmp.Diff(want.Sentences, a.Sentences); diff != "" {
			t.Errorf("Articles(): %s sentences (-want +got):\n%s", a.ID, diff)
		}
		if len(a.Mentions)+len(a.Events)+len(a.Quotes)+len(a.Dates) > 0 {
			t.Errorf("Articles(): %s has records beyond its sentences", a.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Articles() = %v", err)
	}
	if want := []news.ArticleID{"a-1", "b-2", "c-3"}; !slices.Equal(ids, want) {
		t.Errorf("Articles() ids = %v, want %v", ids, want)
	}
}

// collect returns every record a reader gives.
func collect[T any](t testing.TB, read func(context.Context, func(T) error) error) []T {
	t.Helper()
	var out []T
	if err := read(t.Context(), func(v T) error { out = append(out, v); return nil }); err != nil {
		t.Fatalf("read: %v", err)
	}
	return out
}

func testCallbackError(t *testing.T, db *DB) {
	save(t, db, fixture(t)...)
	if err := db.SaveStories(t.Context(), []news.Story{{ID: "s1"}, {ID: "s2"}}); err != nil {
		t.Fatalf("SaveStories() = %v", err)
	}
	for _, in := range []string{"x", "y"} {
		if err := db.RecordFailure(t.Context(), in, errors.New("bad")); err != nil {
			t.Fatalf("RecordFailure() = %v", err)
		}
	}
	stop := errors.New("stop")
	tests := []struct {
		name string
		read func(ctx context.Context, calls *int) error
	}{
		{"Articles", func(ctx context.Context, n *int) error {
			return db.Articles(ctx, func(*news.Article) error { *n++; return stop })
		}},
		{"Events", func(ctx context.Context, n *int) error {
			return db.Events(ctx, func(news.Event) error { *n++; return stop })
		}},
		{"Quotes", func(ctx context.Context, n *int) error {
			return db.Quotes(ctx, func(news.Quote) error { *n++; return stop })
		}},
		{"Places", func(ctx context.Context, n *int) error {
			return db.Places(ctx, func(news.PlaceRecord) error { *n++; return stop })
		}},
		{"Dates", func(ctx context.Context, n *int) error {
			return db.Dates(ctx, func(news.DateRecord) error { *n++; return stop })
		}},
		{"Entities", func(ctx context.Context, n *int) error {
			return db.Entities(ctx, func(news.Entity) error { *n++; return stop })
		}},
		{"Stories", func(ctx context.Context, n *int) error {
			return db.Stories(ctx, func(news.Story) error { *n++; return stop })
		}},
		{"Failures", func(ctx context.Context, n *int) error {
			return db.Failures(ctx, func(Failure) error { *n++; return stop })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			if err := tt.read(t.Context(), &calls); err != stop {
				t.Errorf("%s(fn returning stop) = %v, want stop itself", tt.name, err)
			}
			if calls != 1 {
				t.Errorf("%s(fn returning stop) called fn %d times, want 1", tt.name, calls)
			}
		})
	}
}

func testEntities(t *testing.T, db *DB) {
	arts := fixture(t)
	// A third article names the UN once more by its short name, and the
	// minister with a lower-case spelling.
	c := arts[2]
	c.Text = "The UN and minister elsa brandt spoke."
	c.Sentences = []news.Sentence{{Index: 0, Span: news.Span{Start: 0, End: len(c.Text)}}}
	c.Mentions = []news.Mention{
		{Span: news.Span{Start: 4, End: 6}, Text: "UN", Type: news.Org, Ref: -1, Actor: news.Actor{Entity: "org-un", Country: "IGO"}},
		{Span: news.Span{Start: 20, End: 31}, Text: "elsa brandt", Type: news.Person, Ref: -1,
			Actor: news.Actor{Entity: "brandt-elsa", Country: "XNL", Sector: news.SectorGovernment, Role: "Minister"}},
	}
	save(t, db, arts...)
	got := map[string]news.Entity{}
	var order []string
	err := db.Entities(t.Context(), func(e news.Entity) error {
		got[e.ID] = e
		order = append(order, e.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Entities() = %v", err)
	}
	if want := []string{"brandt-elsa", "haddad-omar", "org-un", "xnl", "xsm"}; !slices.Equal(order, want) {
		t.Errorf("Entities() ids = %v, want %v", order, want)
	}
	tests := []news.Entity{{
		// Name from the resolved actor; "She" is a reference, not an alias;
		// one mention without a resolved name adds its spelling.
		ID: "brandt-elsa", Name: "Elsa Brandt", Type: news.Person, Country: "XNL", Sector: news.SectorGovernment,
		Role: "Foreign Minister", Aliases: []string{"Brandt", "elsa brandt"}, Articles: []news.ArticleID{"a-1", "c-3"}, Mentions: 4,
	}, {
		// "Haddad" refers back to "Omar Haddad" but still counts.
		ID: "haddad-omar", Name: "Omar Haddad", Type: news.Person, Country: "IGO", Sector: news.SectorGovernment, Role: "Envoy",
		Articles: []news.ArticleID{"b-2"}, Mentions: 2,
	}, {
		// No resolved name: the most frequent spelling wins over the longer.
		ID: "org-un", Name: "UN", Type: news.Org, Country: "IGO", Aliases: []string{"United Nations"},
		Articles: []news.ArticleID{"b-2", "c-3"}, Mentions: 3,
	}, {
		ID: "xsm", Name: "Sudmark", Type: news.Country, Country: "XSM", Articles: []news.ArticleID{"a-1", "b-2"}, Mentions: 3,
	}}
	for _, want := range tests {
		if diff := cmp.Diff(want, got[want.ID], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Entities() %s (-want +got):\n%s", want.ID, diff)
		}
	}
}

func testStories(t *testing.T, db *DB) {
	save(t, db, fixture(t)...)
	stories := []news.Story{
		{ID: "s1", Title: "Talks", Articles: []news.ArticleID{"b-2", "a-1"}, First: "2025-03-04", Last: "2025-03-05"},
		{ID: "s2", Articles: []news.ArticleID{"c-3", "not-stored"}},
	}
	if err := db.SaveStories(t.Context(), stories); err != nil {
		t.Fatalf("SaveStories() = %v", err)
	}
	want := []news.Story{
		{ID: "s1", Title: "Talks", Articles: []news.ArticleID{"a-1", "b-2"}, First: "2025-03-04", Last: "2025-03-05"},
		{ID: "s2", Articles: []news.ArticleID{"c-3"}},
	}
	if diff := cmp.Diff(want, collect(t, db.Stories), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Stories() (-want +got):\n%s", diff)
	}
	if got := article(t, db, "a-1").Story; got != "s1" {
		t.Errorf("Article(a-1).Story = %q, want s1", got)
	}
	// Replacing s1 without a-1 takes a-1 out of it.
	if err := db.SaveStories(t.Context(), []news.Story{{ID: "s1", Title: "Talks, day 2", Articles: []news.ArticleID{"b-2"}}}); err != nil {
		t.Fatalf("SaveStories() = %v", err)
	}
	want[0] = news.Story{ID: "s1", Title: "Talks, day 2", Articles: []news.ArticleID{"b-2"}}
	if diff := cmp.Diff(want, collect(t, db.Stories), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Stories() after replacement (-want +got):\n%s", diff)
	}
	if got := article(t, db, "a-1").Story; got != "" {
		t.Errorf("Article(a-1).Story = %q, want none", got)
	}
	if got := counts(t, db).Stories; got != 2 {
		t.Errorf("Counts().Stories = %d, want 2", got)
	}
	if err := db.SaveStories(t.Context(), []news.Story{{Title: "no id"}}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("SaveStories(story without id) = %v, want news.ErrInvalid", err)
	}
}

func testDuplicate(t *testing.T, db *DB) {
	save(t, db, fixture(t)...)
	if err := db.SetDuplicate(t.Context(), "b-2", "a-1"); err != nil {
		t.Fatalf("SetDuplicate() = %v", err)
	}
	if got := article(t, db, "b-2").Record().DuplicateOf; got == nil || *got != "a-1" {
		t.Errorf("Article(b-2).Record().DuplicateOf = %v, want a-1", got)
	}
	if err := db.SetDuplicate(t.Context(), "b-2", ""); err != nil {
		t.Fatalf("SetDuplicate(clear) = %v", err)
	}
	if got := article(t, db, "b-2").DuplicateOf; got != "" {
		t.Errorf("Article(b-2).DuplicateOf = %q after clearing, want none", got)
	}
	errs := []struct {
		name    string
		id, of  news.ArticleID
		wantErr error
	}{
		{"not stored", "nope", "a-1", news.ErrNotFound},
		{"itself", "a-1", "a-1", news.ErrInvalid},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.SetDuplicate(t.Context(), tt.id, tt.of); !errors.Is(err, tt.wantErr) {
				t.Errorf("SetDuplicate(%q, %q) = %v, want %v", tt.id, tt.of, err, tt.wantErr)
			}
		})
	}
}

func testFailures(t *testing.T, db *DB) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	now := t0
	db.now = func() time.Time { return now }
	steps := []struct {
		input string
		err   error
	}{
		{"feeds/b.xml", errors.New("parse feed: EOF")},
		{"a.jsonl:3", errors.New("no text")},
		{"feeds/b.xml", errors.New("fetch: 503")},
	}
	for _, s := range steps {
		if err := db.RecordFailure(t.Context(), s.input, s.err); err != nil {
			t.Fatalf("RecordFailure(%q) = %v", s.input, err)
		}
		now = now.Add(time.Hour)
	}
	want := []Failure{
		{Input: "a.jsonl:3", Error: "no text", Attempts: 1, FirstSeen: t0.Add(time.Hour), LastSeen: t0.Add(time.Hour)},
		{Input: "feeds/b.xml", Error: "fetch: 503", Attempts: 2, FirstSeen: t0, LastSeen: t0.Add(2 * time.Hour)},
	}
	if diff := cmp.Diff(want, collect(t, db.Failures)); diff != "" {
		t.Errorf("Failures() (-want +got):\n%s", diff)
	}
	for _, in := range []string{"feeds/b.xml", "never-failed"} {
		if err := db.ClearFailure(t.Context(), in); err != nil {
			t.Fatalf("ClearFailure(%q) = %v", in, err)
		}
	}
	if diff := cmp.Diff(want[:1], collect(t, db.Failures)); diff != "" {
		t.Errorf("Failures() after ClearFailure (-want +got):\n%s", diff)
	}
	if err := db.RecordFailure(t.Context(), "x", nil); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("RecordFailure(x, nil) = %v, want news.ErrInvalid", err)
	}
}

// testReadDuringWrite writes from inside a streaming reader: the write
// commits, and the reader goes on over the snapshot it started with.
func testReadDuringWrite(t *testing.T, db *DB) {
	save(t, db, fixture(t)...)
	var seen []news.ArticleID
	err := db.Articles(t.Context(), func(a *news.Article) error {
		seen = append(seen, a.ID)
		if len(seen) == 1 {
			if _, err := db.SaveArticles(t.Context(), []*news.Article{genArticle("a-0", 1), genArticle("zz-9", 2)}); err != nil {
				return fmt.Errorf("SaveArticles() inside Articles(): %v", err)
			}
			// Another reader sees the write at once.
			if _, err := db.Article(t.Context(), "zz-9"); err != nil {
				return fmt.Errorf("Article(zz-9) inside Articles(): %v", err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Articles() = %v", err)
	}
	if want := []news.ArticleID{"a-1", "b-2", "c-3"}; !slices.Equal(seen, want) {
		t.Errorf("Articles() during a write saw %v, want the snapshot %v", seen, want)
	}
	if got := counts(t, db).Articles; got != 5 {
		t.Errorf("Counts().Articles after the write = %d, want 5", got)
	}
}

// testConcurrentReaders reads while batches are written and checks that
// every reader sees whole batches: never an article without its sentences,
// never part of a batch.
func testConcurrentReaders(t *testing.T, db *DB) {
	const batches, size = 12, 5
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		defer done.Store(true)
		for i := range batches {
			var batch []*news.Article
			for j := range size {
				batch = append(batch, genArticle(fmt.Sprintf("c-%02d-%d", i, j), i*size+j))
			}
			if _, err := db.SaveArticles(t.Context(), batch); err != nil {
				t.Errorf("SaveArticles(batch %d) = %v", i, err)
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for reads := 0; reads == 0 || !done.Load(); reads++ {
				c, err := db.Counts(t.Context())
				if err != nil {
					t.Errorf("Counts() = %v", err)
					return
				}
				if c.Articles%size != 0 || c.Sentences != 40*c.Articles || c.Events != 3*c.Articles {
					t.Errorf("Counts() during writes = %+v: not whole batches", c)
				}
				n := 0
				err = db.Articles(t.Context(), func(a *news.Article) error {
					n++
					if len(a.Sentences) != 40 {
						return fmt.Errorf("article %s has %d sentences, want 40", a.ID, len(a.Sentences))
					}
					return nil
				})
				if err != nil {
					t.Errorf("Articles() during writes = %v", err)
					return
				}
				if n%size != 0 {
					t.Errorf("Articles() during writes gave %d articles: not whole batches", n)
				}
			}
		})
	}
	wg.Wait()
	if got := counts(t, db).Articles; got != batches*size {
		t.Errorf("Counts().Articles = %d, want %d", got, batches*size)
	}
}

func testReopen(t *testing.T, open func(t testing.TB) *DB) {
	db := open(t)
	arts := fixture(t)
	save(t, db, arts...)
	if err := db.RecordFailure(t.Context(), "in", errors.New("bad")); err != nil {
		t.Fatalf("RecordFailure() = %v", err)
	}
	before := export(t, db)
	if err := db.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	db = open(t)
	if diff := cmp.Diff(string(before), string(export(t, db))); diff != "" {
		t.Errorf("export after reopening (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(arts[1], article(t, db, arts[1].ID), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Article(%q) after reopening (-want +got):\n%s", arts[1].ID, diff)
	}
	if got := len(collect(t, db.Failures)); got != 1 {
		t.Errorf("Failures() after reopening gave %d, want 1", got)
	}
	if got := save(t, db, arts...); !slices.Equal(got, []Outcome{Unchanged, Unchanged, Unchanged}) {
		t.Errorf("SaveArticles(same articles) after reopening = %v, want all unchanged", got)
	}
}

// cancelAfter is a context that reports itself cancelled from its n+1th
// Err call on: SaveArticles checks Err before each article, so a batch is
// cancelled part of the way through.
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return c.Context.Err()
}

// testFailingBatch makes batches fail in the middle and checks that the
// database is left exactly as it was.
func testFailingBatch(t *testing.T, db *DB) {
	arts := fixture(t)
	save(t, db, arts[1])
	before := export(t, db)
	beforeCounts := counts(t, db)

	dup := genArticle("d-1", 3)
	dup.Sentences = append(dup.Sentences, dup.Sentences[0]) // the same index twice
	var batch []*news.Article
	for i := range 6 {
		batch = append(batch, genArticle(fmt.Sprintf("g-%d", i), i))
	}
	nan := genArticle("n-1", 4)
	nan.Events[2].Confidence = math.NaN() // JSON has no NaN
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()

	tests := []struct {
		name    string
		ctx     func() context.Context
		batch   []*news.Article
		wantErr error // nil: any error
	}{
		{"unencodable event after a new and a replaced article", t.Context, []*news.Article{arts[0], variant(arts[1]), nan}, nil},
		{"invalid article after a new and a replaced one", t.Context, []*news.Article{arts[0], variant(arts[1]), dup}, news.ErrInvalid},
		{"context cancelled before", func() context.Context { return cancelled }, []*news.Article{arts[0], variant(arts[1])}, context.Canceled},
		{"context cancelled part of the way", func() context.Context {
			c := &cancelAfter{Context: t.Context()}
			c.n.Store(3)
			return c
		}, append([]*news.Article{variant(arts[1])}, batch...), context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := db.SaveArticles(tt.ctx(), tt.batch)
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("SaveArticles() = %v, %v; want error %v", out, err, tt.wantErr)
			}
			if out != nil {
				t.Errorf("SaveArticles() outcomes = %v with an error, want none", out)
			}
			if got := counts(t, db); got != beforeCounts {
				t.Errorf("Counts() after a failed batch = %+v, want %+v", got, beforeCounts)
			}
			if diff := cmp.Diff(string(before), string(export(t, db))); diff != "" {
				t.Errorf("export after a failed batch (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(arts[1], article(t, db, arts[1].ID), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Article(%q) after a failed batch (-want +got):\n%s", arts[1].ID, diff)
			}
		})
	}
	// The database still takes writes.
	if got := save(t, db, arts[0]); got[0] != New {
		t.Errorf("SaveArticles() after failed batches = %v, want [new]", got)
	}
}
