package link

import (
	"cmp"
	"maps"
	"slices"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// work is the working set of one call to Link: the changed articles and
// every article of every story they enter or leave.
type work struct {
	l          *Linker
	nodes      map[news.ArticleID]*node
	arts       map[news.ArticleID]*news.Article // articles read in full
	changed    map[news.ArticleID]bool
	drop       []news.ArticleID
	lost       map[string]bool          // stories that lost an article of drop
	looked     map[uint64]bool          // index keys looked up
	spare      map[news.ArticleID]*node // candidates looked up and not linked
	oldStories map[string]bool

	// Set by relink.
	ps          []*profile                        // the working set in canonical order
	newlyStrong []*node                           // stored articles strongly linked to fresh ones alone
	built       []*storyOf                        // the stories
	dupRoot     map[news.ArticleID]news.ArticleID // each article's original, or itself
}

func (w *work) freshNodes() []*node {
	var out []*node
	for _, n := range w.nodes {
		if n.fresh {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *node) int { return cmp.Compare(a.p.id, b.p.id) })
	return out
}

// sorted returns the working set's profiles in canonical order.
func (w *work) sorted() []*profile {
	out := make([]*profile, 0, len(w.nodes))
	for _, n := range w.nodes {
		out = append(out, n.p)
	}
	slices.SortFunc(out, compareArticles)
	return out
}

// segRef is one segment of the working set: the article's position in
// canonical order and the segment's index.
type segRef struct{ art, seg int }

// storyOf is a story built by relink.
type storyOf struct {
	story   news.Story
	segs    []segRef
	changed bool // its members or one of their versions changed
}

// relink recomputes the stories and originals of the working set.
func (w *work) relink() *store.Links {
	ps := w.sorted()
	var refs []segRef
	for i, p := range ps {
		for j := range p.segs {
			refs = append(refs, segRef{i, j})
		}
	}
	refAt := map[segRef]int{}
	for i, r := range refs {
		refAt[r] = i
	}
	segs := newUnionFind(len(refs))
	dups := newUnionFind(len(ps))

	// Story edges, through the features filed as keys.
	byKey := map[uint64][]int{}
	for r, ref := range refs {
		for _, h := range ps[ref.art].segs[ref.seg].keys {
			byKey[h] = append(byKey[h], r)
		}
	}
	// Near-duplicates are found among the same pairs: copies share their
	// heaviest features, and are published within the window.
	done := map[[2]int]bool{}
	dupTried := map[[2]int]bool{}
	strong := make([]bool, len(refs))
	best := make([]weakEdges, len(refs))
	var weak []weakPair
	// Whether each segment has a strong link to a segment of a fresh
	// article, and to one of a stored article.
	toFresh, toStored := make([]bool, len(refs)), make([]bool, len(refs))
	strongLink := func(r1, r2 int) {
		segs.union(r1, r2)
		strong[r1], strong[r2] = true, true
		mark := func(r, o int) {
			if w.nodes[ps[refs[o].art].id].fresh {
				toFresh[r] = true
			} else {
				toStored[r] = true
			}
		}
		mark(r1, r2)
		mark(r2, r1)
	}
	for _, rs := range byKey {
		for x := range rs {
			for y := x + 1; y < len(rs); y++ {
				r1, r2 := min(rs[x], rs[y]), max(rs[x], rs[y])
				a, b := refs[r1], refs[r2]
				if a.art == b.art || done[[2]int{r1, r2}] {
					continue
				}
				done[[2]int{r1, r2}] = true
				pa, pb := ps[a.art], ps[b.art]
				th, ok := w.l.thresholdFor(pa, pb)
				if !ok {
					continue
				}
				switch sim := pa.segs[a.seg].similarity(&pb.segs[b.seg]); {
				case sim >= max(th, w.l.strong):
					strongLink(r1, r2)
				case sim >= th:
					best[r1].add(weakEdge{to: r2 + 1, sim: sim})
					best[r2].add(weakEdge{to: r1 + 1, sim: sim})
					weak = append(weak, weakPair{r1, r2, sim})
				}
				if pair := [2]int{a.art, b.art}; !dupTried[pair] {
					dupTried[pair] = true
					if pa.sig.nearDuplicate(pb.sig) {
						dups.union(a.art, b.art)
						strongLink(refAt[segRef{a.art, 0}], refAt[segRef{b.art, 0}])
					}
				}
			}
		}
	}
	// Cores alike on average are one story.
	joinCores(segs, strong, weak, coreLinkage)
	w.newlyStrong = w.newlyStrong[:0]
	for r, ref := range refs {
		if n := w.nodes[ps[ref.art].id]; toFresh[r] && !toStored[r] && !n.fresh &&
			(len(w.newlyStrong) == 0 || w.newlyStrong[len(w.newlyStrong)-1] != n) {
			w.newlyStrong = append(w.newlyStrong, n)
		}
	}
	// A segment without a strong link joins through its two most similar
	// weak links alone; other weak links between segments that have
	// strong links are dropped. So a story is a core of strongly linked
	// segments (or cores alike on average) with weakly linked ones
	// attached to it, and many weak links, each by chance, do not chain
	// stories into one.
	for r, es := range best {
		if !strong[r] {
			for _, e := range es {
				if e.to > 0 {
					segs.union(r, e.to-1)
				}
			}
		}
	}

	// Components are stories. A live-blog entry alone in its component
	// is not a story of its own; the blog's first segment always is.
	comps := map[int][]int{}
	for r := range refs {
		root := segs.find(r)
		comps[root] = append(comps[root], r)
	}
	var built []*storyOf
	for _, rs := range comps {
		slices.Sort(rs) // refs are in canonical order of articles, then segments
		arts := map[int]bool{}
		first := false
		for _, r := range rs {
			arts[refs[r].art] = true
			first = first || refs[r].seg == 0
		}
		if len(arts) < 2 && !first {
			continue
		}
		root := refs[rs[0]]
		s := &storyOf{}
		for _, r := range rs {
			s.segs = append(s.segs, refs[r])
		}
		s.story.ID = w.storyIDOf(ps[root.art], root.seg)
		for _, r := range rs {
			if s.story.Title == "" {
				s.story.Title = ps[refs[r].art].title
			}
		}
		var ids []news.ArticleID
		for i := range arts {
			ids = append(ids, ps[i].id)
			if d := ps[i].published; !d.IsZero() {
				day := d.UTC().Format(news.DateFormat)
				if s.story.First == "" || day < s.story.First {
					s.story.First = day
				}
				if day > s.story.Last {
					s.story.Last = day
				}
			}
		}
		slices.Sort(ids)
		s.story.Articles = ids
		built = append(built, s)
	}
	slices.SortFunc(built, func(a, b *storyOf) int { return cmp.Compare(a.story.ID, b.story.ID) })

	links := &store.Links{Drop: w.drop}
	for _, id := range w.drop {
		// No longer stored; cleared in case it comes back unlinked.
		links.Articles = append(links.Articles, store.ArticleLink{ID: id})
	}
	oldMembers := map[string]map[news.ArticleID]bool{}
	for _, p := range ps {
		for _, id := range w.nodes[p.id].old.Stories {
			if oldMembers[id] == nil {
				oldMembers[id] = map[news.ArticleID]bool{}
			}
			oldMembers[id][p.id] = true
		}
	}
	newIDs := map[string]bool{}
	storiesOfArt := map[int][]*storyOf{}
	for _, s := range built {
		newIDs[s.story.ID] = true
		old := oldMembers[s.story.ID]
		s.changed = len(old) != len(s.story.Articles) || w.lost[s.story.ID]
		var joined []news.ArticleID
		for _, id := range s.story.Articles {
			if !old[id] {
				joined = append(joined, id)
			}
			s.changed = s.changed || !old[id] || w.nodes[id].fresh
		}
		if s.changed {
			row := s.story
			row.Articles = joined
			links.Stories = append(links.Stories, row)
			for _, id := range slices.Sorted(maps.Keys(old)) {
				if !slices.Contains(s.story.Articles, id) {
					links.Left = append(links.Left, store.StoryMember{Story: s.story.ID, Article: id})
				}
			}
		}
		seen := map[int]bool{}
		for _, r := range s.segs {
			if !seen[r.art] {
				seen[r.art] = true
				storiesOfArt[r.art] = append(storiesOfArt[r.art], s)
			}
		}
	}
	for _, id := range sortedKeys(w.oldStories) {
		if !newIDs[id] {
			links.Gone = append(links.Gone, id)
		}
	}

	// Originals: the first of each group of near-duplicates in canonical
	// order. Main story: the one with the most articles, the one of the
	// earliest segment among equals.
	firstOf := map[int]int{}
	for i := range ps {
		r := dups.find(i)
		if f, ok := firstOf[r]; !ok || i < f {
			firstOf[r] = i
		}
	}
	for i, p := range ps {
		n := w.nodes[p.id]
		main := mainStory(storiesOfArt[i], i)
		var dupOf news.ArticleID
		if f := firstOf[dups.find(i)]; f != i {
			dupOf = ps[f].id
		}
		oldStory, oldDup := n.old.Story, n.old.DuplicateOf
		if a := w.arts[p.id]; a != nil {
			oldStory, oldDup = a.Story, a.DuplicateOf
		}
		if main != oldStory || dupOf != oldDup {
			links.Articles = append(links.Articles, store.ArticleLink{ID: p.id, Story: main, DuplicateOf: dupOf})
		}
		if n.fresh {
			links.Nodes = append(links.Nodes, store.LinkNode{Article: p.id, State: p.encode(), Keys: p.indexKeys(),
				Story: main, DuplicateOf: dupOf})
		}
	}
	w.built, w.ps, w.dupRoot = built, ps, make(map[news.ArticleID]news.ArticleID, len(ps))
	for i, p := range ps {
		w.dupRoot[p.id] = ps[firstOf[dups.find(i)]].id
	}
	return links
}
