package link

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// storyLabels returns the story of each stored article, as the stories
// list them; an article in several stories (a live blog) gets the first.
func storyLabels(t testing.TB, db *store.DB) map[news.ArticleID]string {
	t.Helper()
	out := map[news.ArticleID]string{}
	err := db.Stories(t.Context(), func(s news.Story) error {
		for _, id := range s.Articles {
			if _, ok := out[id]; !ok {
				out[id] = s.ID
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// storyScore is the pairwise score of predicted stories against the
// generated ones, with the size of the largest predicted story.
type storyScore struct {
	prf
	largest int
}

// scoreStories scores the stories of the first n articles of a corpus
// against its truth. It counts pairs through the contingency table, so it
// runs in time linear in n. An article without a story is alone.
func scoreStories(truth []int, n int, sys map[news.ArticleID]string) storyScore {
	type cell struct {
		gold int
		sys  string
	}
	both, gold, pred := map[cell]int{}, map[int]int{}, map[string]int{}
	for i := range n {
		s, ok := sys[news.ArticleID(genID(i))]
		if !ok {
			s = "alone:" + genID(i)
		}
		both[cell{truth[i], s}]++
		gold[truth[i]]++
		pred[s]++
	}
	pairs := func(c int) float64 { return float64(c) * float64(c-1) / 2 }
	var tp, gp, sp float64
	for _, c := range both {
		tp += pairs(c)
	}
	for _, c := range gold {
		gp += pairs(c)
	}
	largest := 0
	for _, c := range pred {
		sp += pairs(c)
		largest = max(largest, c)
	}
	return storyScore{newPRF(ratio(tp, sp), ratio(tp, gp)), largest}
}

// TestGeneratedStories links a few days of the generated corpus of
// BenchmarkLink and scores its stories against the generated ones: its
// happenings are look-alikes (same kinds, places shared by chance, common
// words), so single links alone would chain them.
func TestGeneratedStories(t *testing.T) {
	t.Parallel()
	const n = 6000
	c := newCorpus(3, 2700)
	arts := c.batch(n)
	db := openDB(t)
	l, err := New(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += 250 {
		b := arts[i:min(i+250, n)]
		if _, err := db.SaveArticles(t.Context(), b); err != nil {
			t.Fatal(err)
		}
		if err := l.LinkSaved(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	got := scoreStories(c.truth, n, storyLabels(t, db))
	trueLargest := scoreStories(c.truth, n, nil)
	for i := range n {
		trueLargest.largest = max(trueLargest.largest, countOf(c.truth[:n], c.truth[i]))
	}
	t.Logf("stories pairwise: P %.3f R %.3f F1 %.3f; largest story %d articles (generated: %d)",
		got.p, got.r, got.f, got.largest, trueLargest.largest)
	if got.f < 0.97 {
		t.Errorf("story pairwise F1 = %.3f, want >= 0.97", got.f)
	}
	if got.largest > 2*trueLargest.largest {
		t.Errorf("largest story = %d articles, want <= %d (twice the largest generated)", got.largest, 2*trueLargest.largest)
	}
}

func countOf(xs []int, x int) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

// TestGeneratedOrder links a day of the generated corpus in shuffled
// orders and batch sizes: its look-alike happenings give weak links
// between stories, which the stories must drop whatever the order.
func TestGeneratedOrder(t *testing.T) {
	t.Parallel()
	arts := newCorpus(4, 2700).batch(1200)
	db := openDB(t)
	linkAll(t, db, saver(t, db), arts, len(arts))
	want := takeSnapshot(t, db)
	for seed := range uint64(2) {
		rng := rand.New(rand.NewPCG(seed, 11))
		shuffled := slices.Clone(arts)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		batch := 20 + rng.IntN(200)
		db := openDB(t)
		linkAll(t, db, saver(t, db), shuffled, batch)
		if diff := cmp.Diff(want, takeSnapshot(t, db)); diff != "" {
			t.Errorf("seed %d, batches of %d: links differ from linking all at once (-want +got):\n%s", seed, batch, diff)
		}
	}
}

// TestGeneratedDelete deletes generated articles after linking: the
// stories left must be those of linking the other articles alone, though
// articles that joined through a deleted one may now join through an
// article of another story.
func TestGeneratedDelete(t *testing.T) {
	t.Parallel()
	arts := newCorpus(5, 2700).batch(3000)
	rng := rand.New(rand.NewPCG(5, 5))
	hidden := map[news.ArticleID]bool{}
	var kept []*news.Article
	for _, a := range arts {
		if rng.IntN(3) == 0 {
			hidden[a.ID] = true
		} else {
			kept = append(kept, a)
		}
	}
	db := openDB(t)
	linkAll(t, db, saver(t, db), kept, len(kept))
	want := takeSnapshot(t, db).Stories

	db = openDB(t)
	cs := &countingStore{DB: db, hidden: map[news.ArticleID]bool{}}
	linkAll(t, cs, saver(t, db), arts, 300)
	var ids []news.ArticleID
	for id := range hidden {
		cs.hidden[id] = true
		ids = append(ids, id)
	}
	slices.Sort(ids)
	l, err := New(cs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(ids); i += 40 {
		if err := l.Link(t.Context(), ids[i:min(i+40, len(ids))]); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(want, takeSnapshot(t, db).Stories); diff != "" {
		t.Errorf("stories after deleting %d articles differ from linking the others alone (-want +got):\n%s", len(ids), diff)
	}
}
