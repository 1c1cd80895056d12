package link

import (
	"container/list"
	"slices"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// nodeCacheSize is how many articles' stored state a Linker keeps: the
// articles of the last two weeks or so at a million articles a year, among
// which the candidates of a new article are, about 2 KB each.
const nodeCacheSize = 40000

// nodeCache keeps the stored state of recently used articles (decoded
// profiles, main stories, originals and story memberships) as the store
// holds it at one link generation, so that a Linker need not read it
// back for every batch. Whatever else writes links changes the
// generation, and the cache is then emptied (see sync). When full, it
// forgets the least recently used article. It is used by one call to
// Link at a time.
type nodeCache struct {
	gen   int64 // the store's link generation the entries are of; -1 for none
	max   int
	byID  map[news.ArticleID]*list.Element
	order *list.List // of cachedNode, the most recently used first
}

// cachedNode is the stored state of one article: its profile, and its
// stored LinkNode without State.
type cachedNode struct {
	p   *profile
	old store.LinkNode
}

func newNodeCache(max int) *nodeCache {
	return &nodeCache{gen: -1, max: max, byID: map[news.ArticleID]*list.Element{}, order: list.New()}
}

// sync empties the cache unless its entries are of the link generation
// gen, which it then holds.
func (c *nodeCache) sync(gen int64) {
	if gen != c.gen {
		clear(c.byID)
		c.order.Init()
		c.gen = gen
	}
}

// get returns the cached state of id.
func (c *nodeCache) get(id news.ArticleID) (cachedNode, bool) {
	e := c.byID[id]
	if e == nil {
		return cachedNode{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(cachedNode), true
}

// put caches the state of one article.
func (c *nodeCache) put(n cachedNode) {
	n.old.State = nil
	if e := c.byID[n.old.Article]; e != nil {
		e.Value = n
		c.order.MoveToFront(e)
		return
	}
	c.byID[n.old.Article] = c.order.PushFront(n)
	if c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byID, last.Value.(cachedNode).old.Article)
	}
}

// remove forgets id.
func (c *nodeCache) remove(id news.ArticleID) {
	if e := c.byID[id]; e != nil {
		c.order.Remove(e)
		delete(c.byID, id)
	}
}

// saved updates the cache with what SaveLinks wrote of links, computed
// from the working set w, and moves it to the link generation gen, which
// that write made from the generation the cache held. The entries are
// what link_nodes and link_members hold after the write: the profiles of
// the saved nodes, and for every article of the working set its main
// story, its original and its memberships, those of gone stories and
// left ones removed and joined ones added, as SaveLinks does.
func (c *nodeCache) saved(w *work, links *store.Links, gen int64) {
	c.gen = gen
	dropped := map[news.ArticleID]bool{}
	for _, id := range links.Drop {
		dropped[id] = true
		c.remove(id)
	}
	gone := map[string]bool{}
	for _, id := range links.Gone {
		gone[id] = true
	}
	left := map[store.StoryMember]bool{}
	for _, m := range links.Left {
		left[m] = true
	}
	joined := map[news.ArticleID][]string{}
	for _, s := range links.Stories {
		for _, a := range s.Articles {
			joined[a] = append(joined[a], s.ID)
		}
	}
	link := map[news.ArticleID]store.ArticleLink{}
	for _, a := range links.Articles {
		link[a.ID] = a
	}
	// Articles written outside the working set are not expected; should
	// there be any, their state is read again.
	for _, m := range links.Left {
		if w.nodes[m.Article] == nil {
			c.remove(m.Article)
		}
	}
	for id := range joined {
		if w.nodes[id] == nil {
			c.remove(id)
		}
	}
	for id := range link {
		if w.nodes[id] == nil {
			c.remove(id)
		}
	}
	saved := map[news.ArticleID]*store.LinkNode{}
	for i := range links.Nodes {
		saved[links.Nodes[i].Article] = &links.Nodes[i]
	}
	for id, n := range w.nodes {
		if dropped[id] {
			continue
		}
		old := n.old
		if n.stale && saved[id] == nil {
			continue // its stored state is still of another version
		}
		if s := saved[id]; s != nil {
			old.Article, old.Story, old.DuplicateOf = id, s.Story, s.DuplicateOf
		} else if old.Article == "" {
			continue // no stored state
		}
		if a, ok := link[id]; ok {
			old.Story, old.DuplicateOf = a.Story, a.DuplicateOf
		}
		var stories []string
		for _, s := range old.Stories {
			if !gone[s] && !left[store.StoryMember{Story: s, Article: id}] {
				stories = append(stories, s)
			}
		}
		stories = append(stories, joined[id]...)
		slices.Sort(stories)
		old.Stories = slices.Compact(stories)
		old.Keys = nil
		c.put(cachedNode{p: n.p, old: old})
	}
}
