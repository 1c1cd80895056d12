package link

import (
	"slices"
	"strconv"

	"chronicle/internal/news"
)

// weakPair is a weak link between two segments of the working set, by
// their indexes.
type weakPair struct {
	a, b int
	sim  float64
}

// coreLinkage is the mean similarity over all pairs of segments of two
// cores of strongly linked segments at which the cores are one story.
// Reports of one happening written apart (an agency's wording and a
// local paper's) form cores of their own, each of whose members is
// weakly like most members of the other; two look-alike happenings share
// weak links by chance, between a few of their members.
const coreLinkage = 0.38

// joinCores joins the cores of strongly linked segments (the sets of segs
// of strong segments) whose weak links, summed, reach linkage times the
// number of pairs of their segments: pairs not compared, or below the
// threshold, count as 0. The result depends only on the graph.
func joinCores(segs unionFind, strong []bool, weak []weakPair, linkage float64) {
	size := map[int]int{}
	for r, ok := range strong {
		if ok {
			size[segs.find(r)]++
		}
	}
	sum := map[[2]int]float64{}
	for _, e := range weak {
		if !strong[e.a] || !strong[e.b] {
			continue
		}
		x, y := segs.find(e.a), segs.find(e.b)
		if x != y {
			sum[[2]int{min(x, y), max(x, y)}] += e.sim
		}
	}
	for c, s := range sum {
		if s >= linkage*float64(size[c[0]]*size[c[1]]) {
			segs.union(c[0], c[1])
		}
	}
}

// weakEdge is a link below the strong threshold from one segment of the
// working set to another: to is the other's index plus one, 0 for none.
type weakEdge struct {
	to  int
	sim float64
}

// better reports whether e is a better weak link of a segment than o:
// more similar, or to the segment first in canonical order among equals.
func (e weakEdge) better(o weakEdge) bool {
	return o.to == 0 || e.sim > o.sim || e.sim == o.sim && e.to < o.to
}

// weakLinks is how many weak links a segment without strong links
// joins through: its best ones.
const weakLinks = 2

// weakEdges are the best weak links of a segment, best first.
type weakEdges [weakLinks]weakEdge

// add keeps e if it is one of the best.
func (es *weakEdges) add(e weakEdge) {
	for i := range es {
		if e.better(es[i]) {
			copy(es[i+1:], es[i:])
			es[i] = e
			return
		}
	}
}

// unionFind is a disjoint-set forest over 0..n-1.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

// union joins the sets of x and y; the smaller root stays the root.
func (u unionFind) union(x, y int) {
	x, y = u.find(x), u.find(y)
	if x == y {
		return
	}
	if y < x {
		x, y = y, x
	}
	u[y] = x
}

// mainStory returns the id of an article's main story among ss.
func mainStory(ss []*storyOf, art int) string {
	var best *storyOf
	bestSeg := 0
	for _, s := range ss {
		seg := -1
		for _, r := range s.segs {
			if r.art == art && (seg < 0 || r.seg < seg) {
				seg = r.seg
			}
		}
		if best == nil || len(s.story.Articles) > len(best.story.Articles) ||
			len(s.story.Articles) == len(best.story.Articles) && seg < bestSeg {
			best, bestSeg = s, seg
		}
	}
	if best == nil {
		return ""
	}
	return best.story.ID
}

// storyID returns the id stores written before story ids began with the
// root's day gave the story rooted at an article's segment; such stories
// keep it (see storyIDOf).
func storyID(root news.ArticleID, seg int) string {
	return "st-" + strconv.FormatUint(hashString(string(root)+"#"+strconv.Itoa(seg)), 16)
}

func addAll(set map[string]bool, xs []string) {
	for _, x := range xs {
		set[x] = true
	}
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
