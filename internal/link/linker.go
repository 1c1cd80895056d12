package link

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// Store is what the linker reads and writes. *store.DB satisfies it.
type Store interface {
	// LinkArticles returns the stored articles of ids with their
	// sentences, mentions, dates, events and quotes, leaving out ids not
	// stored.
	LinkArticles(ctx context.Context, ids []news.ArticleID) ([]*news.Article, error)
	// LinkRecords returns the events and quotes of the stored articles of
	// ids, leaving out ids not stored.
	LinkRecords(ctx context.Context, ids []news.ArticleID) ([]*news.Article, error)
	// LinkClusters returns the event clusters of stories, with their
	// members but not their records.
	LinkClusters(ctx context.Context, stories []string) ([]store.EventCluster, error)
	// LinkNodes returns the linker's stored state of those of ids that
	// have one.
	LinkNodes(ctx context.Context, ids []news.ArticleID) ([]store.LinkNode, error)
	// LinkLookup returns the articles filed under any of keys.
	LinkLookup(ctx context.Context, keys []uint64) ([]news.ArticleID, error)
	// StoryArticles returns the member articles of stories.
	StoryArticles(ctx context.Context, stories []string) ([]news.ArticleID, error)
	// SaveLinks writes one step of linking in one transaction.
	SaveLinks(ctx context.Context, l *store.Links) error
}

// Options tune linking. The zero value is the default.
type Options struct {
	// Window is how many days apart two articles may be published and
	// still be linked directly into one story; 0 means 3. A story runs
	// longer through its follow-ups.
	Window int
	// Threshold is the similarity of two articles' features (see
	// segment.similarity) at which they are linked into one story; 0
	// means DefaultThreshold.
	Threshold float64
	// NearThreshold replaces Threshold for articles published within a
	// day of each other: same-day reports of one happening word it
	// differently, and look-alike happenings on the same day are rarer
	// than over weeks. 0 means DefaultNearThreshold.
	NearThreshold float64
	// StrongThreshold is the similarity at or above which a link is
	// strong (see Link); 0 means DefaultStrongThreshold.
	StrongThreshold float64
}

// DefaultThreshold is the default story threshold: on ECB+, whose
// documents carry no dates, single linkage of its similarity peaks near it
// (see TestECBPlus).
const DefaultThreshold = 0.35

// DefaultNearThreshold is the default threshold for articles published
// within a day of each other, low enough to join differently worded
// same-day reports of one attack in testdata/articles.jsonl, and above
// what separates reports of two attacks a week apart there.
const DefaultNearThreshold = 0.30

// DefaultStrongThreshold is the default strong threshold. Reports of one
// happening share its names and most of its words; look-alike happenings
// on the same days (two attacks in one city) share a place and the words
// of their kind, and stay below it.
const DefaultStrongThreshold = 0.60

// Linker links stored articles. Between calls it keeps nothing but a cache
// of the events and quotes of recent articles, keyed by article version,
// so one Linker may serve any number of runs. Calls must not overlap,
// since each reads and then writes the stories it touches.
type Linker struct {
	db        Store
	k         *knowledge
	window    int
	threshold float64
	near      float64
	strong    float64
	records   *recordCache
	stats     *linkStats // when not nil, counts what each call works on
}

// linkStats counts the working sets of calls to Link, for measuring how
// the cost of linking grows.
type linkStats struct {
	calls   int
	nodes   int // articles in working sets
	largest int // articles of the largest story built
}

// New returns a linker over db. It returns an error when its embedded data
// files do not parse.
func New(db Store, opt Options) (*Linker, error) {
	k, err := loadKnowledge()
	if err != nil {
		return nil, fmt.Errorf("load linking knowledge: %v", err)
	}
	if opt.Window <= 0 {
		opt.Window = 3
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.NearThreshold <= 0 {
		opt.NearThreshold = DefaultNearThreshold
	}
	if opt.StrongThreshold <= 0 {
		opt.StrongThreshold = DefaultStrongThreshold
	}
	return &Linker{db: db, k: k, window: opt.Window, threshold: opt.Threshold, near: opt.NearThreshold,
		strong: opt.StrongThreshold, records: newRecordCache(recordCacheSize)}, nil
}

// node is an article in the working set of one call to Link.
type node struct {
	p     *profile
	old   store.LinkNode // stored state before this call; Article is "" for none
	fresh bool           // profiled in this call
}

// Link links the articles ids, new, replaced or deleted since they were
// last linked, with the stored articles: it finds their near-duplicates,
// puts them in stories, and merges the events and quotes they report with
// those of the other articles of their stories. Articles linked before in
// their present version are skipped, so calling Link again changes
// nothing.
//
// Results do not depend on the order in which articles are linked. Two
// articles (segments of a live blog) are linked when they share an index
// key, were published within Window days and their features are similar
// above Threshold; a link is strong when they are near-duplicates or
// similar above StrongThreshold, weak otherwise. A story is a connected
// component of the graph of strong links, and of the two best weak links
// of each segment that has no strong link (best: most similar, then first
// in canonical order); two cores of strongly linked segments are joined
// when their weak links, summed, reach coreLinkage for each pair of their
// segments, and other weak links between segments that both have strong
// links are dropped. Every choice within a story (root, title, original,
// representative event) follows the canonical order of articles, by
// publication time then id. Link recomputes, from stored profiles, every
// story an article enters or leaves, so its cost grows with the size of
// those stories, not with the number of stored articles.
func (l *Linker) Link(ctx context.Context, ids []news.ArticleID) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil
	}
	arts, err := l.db.LinkArticles(ctx, ids)
	if err != nil {
		return fmt.Errorf("link: %v", err)
	}
	return l.link(ctx, ids, arts)
}

// LinkSaved links articles just saved to the store, as Link does, but
// takes them as they were saved rather than reading them back: what the
// pipeline holds after each stored batch. Each must be the stored version
// of its article (same ID and Hash) with its sentences, mentions, dates,
// events and quotes in stored order.
func (l *Linker) LinkSaved(ctx context.Context, arts []*news.Article) error {
	byID := map[news.ArticleID]*news.Article{}
	for _, a := range arts {
		byID[a.ID] = a // a later version in the batch wins, as in SaveArticles
	}
	ids := make([]news.ArticleID, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	latest := make([]*news.Article, len(ids))
	for i, id := range ids {
		latest[i] = byID[id]
	}
	return l.link(ctx, ids, latest)
}

// link links ids, given the stored versions arts of those still stored.
func (l *Linker) link(ctx context.Context, ids []news.ArticleID, arts []*news.Article) error {
	if len(ids) == 0 {
		return nil
	}
	olds, err := l.db.LinkNodes(ctx, ids)
	if err != nil {
		return fmt.Errorf("link: %v", err)
	}
	artOf := make(map[news.ArticleID]*news.Article, len(arts))
	for _, a := range arts {
		artOf[a.ID] = a
	}
	oldOf := make(map[news.ArticleID]store.LinkNode, len(olds))
	for _, o := range olds {
		oldOf[o.Article] = o
	}

	w := &work{l: l, nodes: map[news.ArticleID]*node{}, arts: map[news.ArticleID]*news.Article{}, changed: map[news.ArticleID]bool{},
		lost: map[string]bool{}, looked: map[uint64]bool{}, spare: map[news.ArticleID]*node{}}
	stories := map[string]bool{} // stories to recompute
	for _, id := range ids {
		a, o := artOf[id], oldOf[id]
		_, hadOld := oldOf[id]
		if a == nil {
			if hadOld {
				w.changed[id] = true
				w.drop = append(w.drop, id)
				addAll(stories, o.Stories)
				addAll(w.lost, o.Stories)
			}
			continue
		}
		if hadOld {
			if p, err := decodeProfile(id, o.State); err == nil && p.hash == a.Hash {
				continue
			}
			addAll(stories, o.Stories)
		}
		w.changed[id] = true
		w.nodes[id] = &node{p: l.k.newProfile(a), old: o, fresh: true}
		w.arts[id] = a
	}
	if len(w.changed) == 0 {
		return nil
	}

	// An article weakly linked to a replaced or deleted version may now
	// join through its next most similar article, in another story (see
	// Link): the members of the stories those versions were in look for
	// candidates too.
	probes := w.freshNodes()
	if len(stories) > 0 {
		members, err := l.db.StoryArticles(ctx, sortedKeys(stories))
		if err != nil {
			return fmt.Errorf("link: %v", err)
		}
		members = slices.DeleteFunc(members, func(id news.ArticleID) bool { return w.changed[id] })
		memberNodes, err := l.loadNodes(ctx, members)
		if err != nil {
			return err
		}
		for _, m := range memberNodes {
			w.nodes[m.p.id] = m
			probes = append(probes, m)
		}
	}

	// Candidates in the store: those that link to a fresh article (or a
	// probe) bring their stories into the working set.
	if err := l.addCandidates(ctx, w, probes, stories); err != nil {
		return err
	}
	links := w.relink()
	// A member that had no strong link before and has one to a fresh
	// article now is in a core, whose weak links to other cores count
	// (see joinCores): its candidates come in too.
	probed := map[*node]bool{}
	for {
		var more []*node
		for _, n := range w.newlyStrong {
			if !probed[n] {
				probed[n] = true
				more = append(more, n)
			}
		}
		if len(more) == 0 {
			break
		}
		size := len(w.nodes)
		if err := l.addCandidates(ctx, w, more, stories); err != nil {
			return err
		}
		if len(w.nodes) == size {
			break
		}
		links = w.relink()
	}
	if st := l.stats; st != nil {
		st.calls++
		st.nodes += len(w.nodes)
		for _, s := range w.built {
			st.largest = max(st.largest, len(s.story.Articles))
		}
	}
	if err := l.recode(ctx, w, links); err != nil {
		return err
	}
	if err := l.db.SaveLinks(ctx, links); err != nil {
		return fmt.Errorf("link: %v", err)
	}
	return nil
}

// addCandidates adds to the working set the stored articles that link to
// any of probes, and every member of their stories, whose ids it adds to
// stories.
func (l *Linker) addCandidates(ctx context.Context, w *work, probes []*node, stories map[string]bool) error {
	// Keys looked up before need not be again: the articles filed under
	// them are in the working set or kept among the spare candidates.
	var keys []uint64
	for _, n := range probes {
		for _, k := range n.p.lookupKeys(l.window) {
			if !w.looked[k] {
				w.looked[k] = true
				keys = append(keys, k)
			}
		}
	}
	var cands []news.ArticleID
	if len(keys) > 0 {
		var err error
		if cands, err = l.db.LinkLookup(ctx, keys); err != nil {
			return fmt.Errorf("link: %v", err)
		}
	}
	cands = slices.DeleteFunc(cands, func(id news.ArticleID) bool { return w.changed[id] || w.nodes[id] != nil || w.spare[id] != nil })
	candNodes, err := l.loadNodes(ctx, cands)
	if err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(w.spare)) {
		if w.nodes[id] == nil {
			candNodes = append(candNodes, w.spare[id])
		}
	}
	// Each candidate is checked against the probes it shares a key with.
	byKey := map[uint64][]*node{}
	for _, f := range probes {
		for _, sg := range f.p.segs {
			for _, h := range sg.keys {
				byKey[h] = append(byKey[h], f)
			}
		}
	}
	for _, c := range candNodes {
		if l.linksAny(c, byKey) {
			addAll(stories, c.old.Stories)
			w.nodes[c.p.id] = c
			delete(w.spare, c.p.id)
		} else {
			w.spare[c.p.id] = c
		}
	}

	// Every member of the stories touched.
	members, err := l.db.StoryArticles(ctx, sortedKeys(stories))
	if err != nil {
		return fmt.Errorf("link: %v", err)
	}
	members = slices.DeleteFunc(members, func(id news.ArticleID) bool {
		if n := w.spare[id]; n != nil && w.nodes[id] == nil {
			w.nodes[id] = n
		}
		return w.changed[id] || w.nodes[id] != nil
	})
	memberNodes, err := l.loadNodes(ctx, members)
	if err != nil {
		return err
	}
	for _, m := range memberNodes {
		w.nodes[m.p.id] = m
	}
	w.oldStories = stories
	return nil
}

// loadNodes reads and decodes the stored profiles of ids.
func (l *Linker) loadNodes(ctx context.Context, ids []news.ArticleID) ([]*node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ns, err := l.db.LinkNodes(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("link: %v", err)
	}
	out := make([]*node, 0, len(ns))
	var stale []store.LinkNode
	for _, n := range ns {
		p, err := decodeProfile(n.Article, n.State)
		if errors.Is(err, errState) {
			// Written by another version of the linker: the article is
			// profiled anew from its stored records.
			stale = append(stale, n)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("link: %v", err)
		}
		out = append(out, &node{p: p, old: n})
	}
	if len(stale) == 0 {
		return out, nil
	}
	ids = ids[:0:0]
	for _, n := range stale {
		ids = append(ids, n.Article)
	}
	arts, err := l.db.LinkArticles(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("link: %v", err)
	}
	byID := make(map[news.ArticleID]*news.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for _, n := range stale {
		if a := byID[n.Article]; a != nil {
			out = append(out, &node{p: l.k.newProfile(a), old: n})
		}
	}
	return out, nil
}

// linksAny reports whether the candidate c is linked to any of the fresh
// articles filed in byKey under its bands and keys.
func (l *Linker) linksAny(c *node, byKey map[uint64][]*node) bool {
	tried := map[*node]bool{}
	try := func(fs []*node) bool {
		for _, f := range fs {
			if !tried[f] {
				tried[f] = true
				if l.linked(f.p, c.p) {
					return true
				}
			}
		}
		return false
	}
	for _, sg := range c.p.segs {
		for _, h := range sg.keys {
			if try(byKey[h]) {
				return true
			}
		}
	}
	return false
}

// linked reports whether two articles are joined by an edge of the story
// graph: published within the window of each other, with segments that
// share a key, and near-duplicates or similar enough.
func (l *Linker) linked(a, b *profile) bool {
	th, ok := l.thresholdFor(a, b)
	if !ok {
		return false
	}
	shared := false
	for i := range a.segs {
		for j := range b.segs {
			if !a.segs[i].sharesKey(&b.segs[j]) {
				continue
			}
			shared = true
			if a.segs[i].similarity(&b.segs[j]) >= th {
				return true
			}
		}
	}
	return shared && a.sig.nearDuplicate(b.sig)
}

// thresholdFor returns the story threshold of two articles, and false
// when they are too far apart to be linked directly: published more than
// the window apart, or one on a known date and the other not.
func (l *Linker) thresholdFor(a, b *profile) (float64, bool) {
	da, oka := a.day()
	db, okb := b.day()
	switch {
	case oka != okb:
		return 0, false
	case !oka:
		return l.threshold, true
	case abs(da-db) > l.window:
		return 0, false
	case abs(da-db) <= 1:
		return min(l.threshold, l.near), true
	}
	return l.threshold, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

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
		s.story.ID = storyID(ps[root.art].id, root.seg)
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
