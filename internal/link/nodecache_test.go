package link

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// churn is a sequence of linking steps over the generated corpus: new
// articles, new versions of stored ones (another article's content under
// the stored id) and deletions, in batches.
type churn struct {
	steps [][]news.ArticleID // ids to link at each step
	saves [][]*news.Article  // articles to save before each step
	hide  [][]news.ArticleID // articles deleted before each step
}

func newChurn(seed uint64, n, batch int) churn {
	c := newCorpus(seed, 2700)
	arts := c.batch(n)
	rng := rand.New(rand.NewPCG(seed, 3))
	var ch churn
	for i := 0; i < n; i += batch {
		b := slices.Clone(arts[i:min(i+batch, n)])
		var hide []news.ArticleID
		if i > 0 {
			// A new version of an earlier article, with the content of
			// one in this batch, and a deleted one.
			old, src := arts[rng.IntN(i)], b[rng.IntN(len(b))]
			v := *src
			v.ID, v.Hash, v.Events, v.Quotes = old.ID, src.Hash+"-v2", nil, nil
			b = append(b, &v)
			hide = append(hide, arts[rng.IntN(i)].ID)
		}
		var ids []news.ArticleID
		for _, a := range b {
			ids = append(ids, a.ID)
		}
		ch.saves = append(ch.saves, b)
		ch.hide = append(ch.hide, hide)
		ch.steps = append(ch.steps, append(ids, hide...))
	}
	return ch
}

// run links the steps of ch into a new store, with a new Linker made by
// linker at each step, and returns the store.
func (ch churn) run(t *testing.T, linker func(step int, db Store) *Linker, check func(l *Linker, cs *countingStore)) *store.DB {
	t.Helper()
	db := openDB(t)
	cs := &countingStore{DB: db, hidden: map[news.ArticleID]bool{}}
	for i, ids := range ch.steps {
		var save []*news.Article
		for _, a := range ch.saves[i] {
			if !cs.hidden[a.ID] {
				save = append(save, a)
			}
		}
		if _, err := db.SaveArticles(t.Context(), save); err != nil {
			t.Fatal(err)
		}
		for _, id := range ch.hide[i] {
			cs.hidden[id] = true
		}
		l := linker(i, cs)
		if err := l.Link(t.Context(), ids); err != nil {
			t.Fatalf("step %d: Link() = %v", i, err)
		}
		if check != nil {
			check(l, cs)
		}
	}
	return db
}

func newLinker(t *testing.T, db Store) *Linker {
	t.Helper()
	l, err := New(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestNodeCache links new, replaced and deleted articles with one Linker,
// and after every step compares what it caches of each article with what
// the store holds.
func TestNodeCache(t *testing.T) {
	ch := newChurn(6, 1500, 100)
	var l *Linker
	checked := 0
	ch.run(t, func(i int, db Store) *Linker {
		if l == nil {
			l = newLinker(t, db)
		}
		return l
	}, func(l *Linker, cs *countingStore) {
		var ids []news.ArticleID
		for id := range l.nodes.byID {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		stored, err := cs.DB.LinkNodes(t.Context(), ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != len(ids) {
			t.Errorf("%d articles cached, %d of them with stored state", len(ids), len(stored))
		}
		for _, n := range stored {
			c, _ := l.nodes.get(n.Article)
			if got := c.p.encode(); !slices.Equal(got, n.State) {
				t.Errorf("cached profile of %s differs from the stored one", n.Article)
			}
			n.State = nil
			if diff := cmp.Diff(n, c.old); diff != "" {
				t.Errorf("cached state of %s (-stored +cached):\n%s", n.Article, diff)
			}
			checked++
		}
	})
	if checked == 0 {
		t.Error("nothing was cached")
	}
}

// TestNodeCacheLinks links the same steps with one Linker, whose cache
// serves later steps; with a new Linker at each step, which reads
// everything from the store; and with two Linkers taking turns, each of
// which must notice the other's writes. The links must be the same.
func TestNodeCacheLinks(t *testing.T) {
	ch := newChurn(7, 1200, 80)
	var one *Linker
	want := takeSnapshot(t, ch.run(t, func(i int, db Store) *Linker {
		if one == nil {
			one = newLinker(t, db)
		}
		return one
	}, nil))
	tests := []struct {
		name   string
		linker func(t *testing.T) func(int, Store) *Linker
	}{
		{"new linker each step", func(t *testing.T) func(int, Store) *Linker {
			return func(_ int, db Store) *Linker { return newLinker(t, db) }
		}},
		{"two linkers in turn", func(t *testing.T) func(int, Store) *Linker {
			var ls [2]*Linker
			return func(i int, db Store) *Linker {
				if ls[i%2] == nil {
					ls[i%2] = newLinker(t, db)
				}
				return ls[i%2]
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := takeSnapshot(t, ch.run(t, tt.linker(t), nil))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("links differ from those of one linker (-one +%s):\n%s", tt.name, diff)
			}
		})
	}
}

// TestNodeCacheEviction fills a cache of two articles: the least
// recently used one goes, and a change of generation empties it.
func TestNodeCacheEviction(t *testing.T) {
	c := newNodeCache(2)
	c.sync(7)
	put := func(id news.ArticleID) {
		c.put(cachedNode{p: &profile{id: id}, old: store.LinkNode{Article: id, State: []byte{1}}})
	}
	put("a")
	put("b")
	c.get("a") // b is now the least recently used
	put("c")
	tests := []struct {
		id   news.ArticleID
		want bool
	}{
		{"a", true},
		{"b", false},
		{"c", true},
	}
	for _, tt := range tests {
		n, ok := c.get(tt.id)
		if ok != tt.want {
			t.Errorf("get(%q) = %v, want %v", tt.id, ok, tt.want)
		}
		if ok && (n.p.id != tt.id || n.old.State != nil) {
			t.Errorf("get(%q) = %+v, want its profile and no encoded state", tt.id, n)
		}
	}
	c.sync(7)
	if _, ok := c.get("a"); !ok {
		t.Errorf("after sync(7) at generation 7: get(a) = false, want true")
	}
	c.sync(8)
	if _, ok := c.get("a"); ok {
		t.Errorf("after sync(8) at generation 7: get(a) = true, want false")
	}
}
