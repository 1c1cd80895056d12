package link

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/ingest"
	"chronicle/internal/news"
	"chronicle/internal/store"
)

// testArticle is an article of testdata/articles.jsonl with its gold
// links: the stories it belongs to and the original it copies.
type testArticle struct {
	art      *news.Article
	stories  []string
	original news.ArticleID
}

// readTestArticles reads and codes testdata/articles.jsonl: articles
// written for these tests, about invented happenings in real places.
func readTestArticles(t testing.TB) []testArticle {
	t.Helper()
	f, err := os.Open("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cleaner := newTestCleaner(t)
	c := newCoder(t)
	var out []testArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v struct {
			ID, Source, Title, Published, Story, Original, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		pub, err := time.Parse(time.RFC3339, v.Published)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{ID: news.ArticleID(v.ID), Source: v.Source, Title: v.Title, Published: pub, Text: v.Text}
		a.Hash = "h" + v.ID
		cleaner.Clean(a)
		c.code(a)
		out = append(out, testArticle{art: a, stories: strings.Fields(v.Story), original: news.ArticleID(v.Original)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// linkAll stores the articles and links them in batches of the given
// sizes, cycling, in the given order.
func linkAll(t testing.TB, db Store, save func([]*news.Article) error, arts []*news.Article, batch int) {
	t.Helper()
	l, err := New(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(arts); i += batch {
		b := arts[i:min(i+batch, len(arts))]
		if err := save(b); err != nil {
			t.Fatal(err)
		}
		ids := make([]news.ArticleID, len(b))
		for j, a := range b {
			ids[j] = a.ID
		}
		if err := l.Link(t.Context(), ids); err != nil {
			t.Fatalf("Link(%v) = %v", ids, err)
		}
	}
}

func saver(t testing.TB, db *store.DB) func([]*news.Article) error {
	return func(arts []*news.Article) error {
		_, err := db.SaveArticles(t.Context(), arts)
		return err
	}
}

func articlesOf(tas []testArticle) []*news.Article {
	out := make([]*news.Article, len(tas))
	for i, ta := range tas {
		out[i] = ta.art
	}
	return out
}

// snapshot is everything linking writes, as the readers export it.
type snapshot struct {
	Articles []news.ArticleRecord
	Stories  []news.Story
	Events   []news.Event
	Quotes   []news.Quote
}

func takeSnapshot(t testing.TB, db *store.DB) snapshot {
	t.Helper()
	var s snapshot
	ctx := t.Context()
	if err := db.Articles(ctx, func(a *news.Article) error {
		r := a.Record()
		r.Input, r.Text, r.Removed = nil, "", nil
		s.Articles = append(s.Articles, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Stories(ctx, func(st news.Story) error { s.Stories = append(s.Stories, st); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := db.Events(ctx, func(e news.Event) error { s.Events = append(s.Events, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := db.Quotes(ctx, func(q news.Quote) error { s.Quotes = append(s.Quotes, q); return nil }); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLinkArticles links the articles of testdata one at a time and
// checks near-duplicates, stories, the live blog and linked events
// against the articles' gold links.
func TestLinkArticles(t *testing.T) {
	tas := readTestArticles(t)
	db := openDB(t)
	linkAll(t, db, saver(t, db), articlesOf(tas), 1)
	snap := takeSnapshot(t, db)
	rec := map[news.ArticleID]news.ArticleRecord{}
	for _, r := range snap.Articles {
		rec[news.ArticleID(r.ID)] = r
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}

	goldDup, sysDup := map[string]string{}, map[string]string{}
	goldStory, sysStory := map[string]string{}, map[string]string{}
	for _, ta := range tas {
		id := string(ta.art.ID)
		goldDup[id] = string(cmpOr(ta.original, ta.art.ID))
		sysDup[id] = cmpOr(str(rec[ta.art.ID].DuplicateOf), id)
		if len(ta.stories) == 1 {
			goldStory[id] = ta.stories[0]
			sysStory[id] = str(rec[ta.art.ID].Story)
		}
	}
	dup := pairwise(goldDup, sysDup)
	t.Logf("near-duplicate pairs: P %.3f R %.3f F1 %.3f", dup.p, dup.r, dup.f)
	if dup.f < 0.95 {
		t.Errorf("near-duplicate pair F1 = %.3f, want >= 0.95", dup.f)
	}
	for _, ta := range tas {
		if ta.original != "" && str(rec[ta.art.ID].DuplicateOf) != string(ta.original) {
			t.Errorf("article %s: duplicate_of = %q, want %q", ta.art.ID, str(rec[ta.art.ID].DuplicateOf), ta.original)
		}
	}
	sp := pairwise(goldStory, sysStory)
	t.Logf("story pairs: P %.3f R %.3f F1 %.3f", sp.p, sp.r, sp.f)
	if sp.f < 0.90 {
		t.Errorf("story pair F1 = %.3f, want >= 0.90", sp.f)
	}

	// The live blog belongs to the story of each happening it follows.
	storyOf := map[string]string{} // gold story -> predicted
	for id, g := range goldStory {
		storyOf[g] = sysStory[id]
	}
	for _, ta := range tas {
		if len(ta.stories) < 2 {
			continue
		}
		var got []string
		for _, s := range snap.Stories {
			if slices.Contains(s.Articles, ta.art.ID) {
				got = append(got, s.ID)
			}
		}
		var want []string
		for _, g := range ta.stories {
			want = append(want, storyOf[g])
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("live blog %s: in stories %v, want %v", ta.art.ID, got, want)
		}
	}

	// One event reported by a wire story, its copies and an independent
	// report is one event, with copies counting once among its sources.
	var merged int
	for _, e := range snap.Events {
		arts := map[news.ArticleID]bool{}
		for _, ev := range e.Evidence {
			arts[ev.Article] = true
		}
		if len(arts) < 2 {
			continue
		}
		merged++
		origins := map[string]bool{}
		for a := range arts {
			o := cmpOr(str(rec[a].DuplicateOf), string(a))
			origins[str(rec[news.ArticleID(o)].Source)] = true
		}
		if e.SourceCount != len(origins) {
			t.Errorf("event %s: sources = %d, want %d (evidence from %v)", e.ID, e.SourceCount, len(origins), arts)
		}
		for q, v := range e.Quantities {
			if hi, ok := e.Quantities[q+"_max"]; ok && hi <= v {
				t.Errorf("event %s: %s = %d, %s_max = %d, want a range", e.ID, q, v, q, hi)
			}
		}
	}
	if merged == 0 {
		t.Errorf("no event is linked across articles")
	}
	hotel := storyOf["mog-hotel"]
	var found bool
	for _, e := range snap.Events {
		if e.Type != news.Assault {
			continue
		}
		var n int
		for _, ev := range e.Evidence {
			if sysStory[string(ev.Article)] == hotel {
				n++
			}
		}
		found = found || n >= 4 && e.SourceCount >= 2
	}
	if !found {
		t.Errorf("the hotel bombing is not one ASSAULT event with evidence from 4 articles and 2 sources or more")
	}
}

func newTestCleaner(t testing.TB) *ingest.Cleaner {
	t.Helper()
	c, err := ingest.NewCleaner()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func cmpOr[S ~string](a, b S) S {
	if a != "" {
		return a
	}
	return b
}

// TestLinkOrder links the articles in shuffled orders and batch sizes:
// what is stored must not depend on the order in which articles arrive.
func TestLinkOrder(t *testing.T) {
	tas := readTestArticles(t)
	arts := articlesOf(tas)
	db := openDB(t)
	linkAll(t, db, saver(t, db), arts, len(arts))
	want := takeSnapshot(t, db)
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 7))
		shuffled := slices.Clone(arts)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		batch := 1 + rng.IntN(5)
		db := openDB(t)
		linkAll(t, db, saver(t, db), shuffled, batch)
		if diff := cmp.Diff(want, takeSnapshot(t, db)); diff != "" {
			t.Errorf("seed %d, batches of %d: links differ from linking all at once (-want +got):\n%s", seed, batch, diff)
		}
	}
}

// countingStore counts the writes of a Store and can hide articles, as if
// they had been deleted.
type countingStore struct {
	*store.DB
	saves  int
	hidden map[news.ArticleID]bool
}

func (c *countingStore) SaveLinks(ctx context.Context, l *store.Links) error {
	c.saves++
	return c.DB.SaveLinks(ctx, l)
}

func (c *countingStore) LinkArticles(ctx context.Context, ids []news.ArticleID) ([]*news.Article, error) {
	arts, err := c.DB.LinkArticles(ctx, ids)
	return slices.DeleteFunc(arts, func(a *news.Article) bool { return c.hidden[a.ID] }), err
}

// staleStore reads every stored profile as one of an unknown version, as
// a store written by another version of the linker would give.
type staleStore struct{ *store.DB }

func (s staleStore) LinkNodes(ctx context.Context, ids []news.ArticleID) ([]store.LinkNode, error) {
	ns, err := s.DB.LinkNodes(ctx, ids)
	for i := range ns {
		ns[i].State = []byte{99}
	}
	return ns, err
}

// TestLinkStaleState links articles whose stored profiles cannot be read:
// they are profiled anew from the stored articles, and the links come out
// as before.
func TestLinkStaleState(t *testing.T) {
	arts := articlesOf(readTestArticles(t))
	db := openDB(t)
	linkAll(t, db, saver(t, db), arts, 4)
	before := takeSnapshot(t, db)
	l, err := New(staleStore{db}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []news.ArticleID
	for _, a := range arts[:3] {
		ids = append(ids, a.ID)
	}
	if err := l.Link(t.Context(), ids); err != nil {
		t.Fatalf("Link(%v) over unreadable profiles = %v", ids, err)
	}
	if diff := cmp.Diff(before, takeSnapshot(t, db)); diff != "" {
		t.Errorf("links changed (-before +after):\n%s", diff)
	}
}

// TestLinkAgain links articles again, unchanged, replaced and deleted.
func TestLinkAgain(t *testing.T) {
	tas := readTestArticles(t)
	arts := articlesOf(tas)
	db := openDB(t)
	cs := &countingStore{DB: db, hidden: map[news.ArticleID]bool{}}
	linkAll(t, cs, saver(t, db), arts, 4)
	before := takeSnapshot(t, db)
	l, err := New(cs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []news.ArticleID
	for _, a := range arts {
		ids = append(ids, a.ID)
	}

	t.Run("unchanged", func(t *testing.T) {
		cs.saves = 0
		if err := l.Link(t.Context(), ids); err != nil {
			t.Fatal(err)
		}
		if cs.saves != 0 {
			t.Errorf("Link(unchanged articles) wrote %d times, want 0", cs.saves)
		}
		if diff := cmp.Diff(before, takeSnapshot(t, db)); diff != "" {
			t.Errorf("links changed (-before +after):\n%s", diff)
		}
	})

	storyOf := func(id news.ArticleID) string {
		for _, r := range takeSnapshot(t, db).Articles {
			if r.ID == string(id) && r.Story != nil {
				return *r.Story
			}
		}
		return ""
	}
	t.Run("replaced", func(t *testing.T) {
		// A new version of a hotel report that is about the floods
		// leaves the hotel story for the floods story.
		var gazette, floods *news.Article
		for _, a := range arts {
			switch a.ID {
			case "mog-hotel-gazette":
				gazette = a
			case "nairobi-floods-1":
				floods = a
			}
		}
		v := *floods
		v.ID, v.Hash, v.Source, v.Story, v.DuplicateOf = gazette.ID, "h-new", gazette.Source, "", ""
		v.Published = floods.Published.Add(time.Hour)
		if _, err := db.SaveArticles(t.Context(), []*news.Article{&v}); err != nil {
			t.Fatal(err)
		}
		if err := l.Link(t.Context(), []news.ArticleID{v.ID}); err != nil {
			t.Fatal(err)
		}
		if got, want := storyOf(v.ID), storyOf(floods.ID); got != want {
			t.Errorf("replaced article's story = %s, want the floods story %s", got, want)
		}
		if got := storyOf("mog-hotel-wire"); got == storyOf(floods.ID) {
			t.Errorf("the hotel story was merged with the floods story")
		}
		// Linking the new versions from scratch gives the same links.
		fresh := openDB(t)
		all := slices.Clone(arts)
		for i, a := range all {
			if a.ID == v.ID {
				all[i] = &v
			}
		}
		linkAll(t, fresh, saver(t, fresh), all, len(all))
		if diff := cmp.Diff(takeSnapshot(t, fresh), takeSnapshot(t, db)); diff != "" {
			t.Errorf("links after a replacement differ from linking from scratch (-scratch +incremental):\n%s", diff)
		}
	})

	t.Run("deleted", func(t *testing.T) {
		// An article that is no longer stored leaves its stories.
		cs.hidden["nairobi-floods-2"] = true
		if err := l.Link(t.Context(), []news.ArticleID{"nairobi-floods-2"}); err != nil {
			t.Fatal(err)
		}
		nodes, err := db.LinkNodes(t.Context(), []news.ArticleID{"nairobi-floods-2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(nodes) != 0 {
			t.Errorf("LinkNodes(deleted article) = %v, want none", nodes)
		}
		members, err := db.StoryArticles(t.Context(), []string{storyOf("nairobi-floods-1")})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			if m == "nairobi-floods-2" {
				t.Errorf("deleted article is still a member of its story")
			}
		}
	})
}
