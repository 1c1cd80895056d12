package link

import (
	"math"
	"slices"
	"testing"
)

// Scores of clusterings, as in the coreference literature: pairwise, MUC
// (Vilain et al. 1995), B³ (Bagga and Baldwin 1998), CEAF-e (Luo 2005,
// entity-based with φ4) and the CoNLL F1, the mean of the three F1s
// (Pradhan et al. 2014). A clustering maps each item to a cluster label;
// both clusterings cover the same items, singletons included.

type prf struct{ p, r, f float64 }

func newPRF(p, r float64) prf {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return prf{p, r, f}
}

// clustersOf groups items by label, each cluster sorted, clusters in the
// order of their first items.
func clustersOf[K comparable](labels map[string]K) [][]string {
	by := map[K][]string{}
	for item, l := range labels {
		by[l] = append(by[l], item)
	}
	var out [][]string
	for _, c := range by {
		slices.Sort(c)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b []string) int {
		if a[0] < b[0] {
			return -1
		}
		return 1
	})
	return out
}

// pairwise scores the pairs of items put in one cluster.
func pairwise[K, L comparable](gold map[string]K, sys map[string]L) prf {
	items := make([]string, 0, len(gold))
	for it := range gold {
		items = append(items, it)
	}
	slices.Sort(items)
	var tp, fp, fn float64
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			g := gold[items[i]] == gold[items[j]]
			s := sys[items[i]] == sys[items[j]]
			switch {
			case g && s:
				tp++
			case s:
				fp++
			case g:
				fn++
			}
		}
	}
	return newPRF(ratio(tp, tp+fp), ratio(tp, tp+fn))
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// muc scores the links needed to join each cluster.
func muc[K, L comparable](gold map[string]K, sys map[string]L) prf {
	recall := func(key [][]string, resp map[string]string) float64 {
		var num, den float64
		for _, c := range key {
			parts := map[string]bool{}
			for _, m := range c {
				l, ok := resp[m]
				if !ok {
					l = "\x00" + m
				}
				parts[l] = true
			}
			num += float64(len(c) - len(parts))
			den += float64(len(c) - 1)
		}
		return ratio(num, den)
	}
	g, s := labelStrings(gold), labelStrings(sys)
	return newPRF(recall(clustersOf(s), g), recall(clustersOf(g), s))
}

func labelStrings[K comparable](m map[string]K) map[string]string {
	keys := map[K]string{}
	out := make(map[string]string, len(m))
	for it, l := range m {
		if _, ok := keys[l]; !ok {
			keys[l] = string(rune(len(keys) + 1))
		}
		out[it] = keys[l]
	}
	return out
}

// bcubed scores each item by the overlap of its two clusters.
func bcubed[K, L comparable](gold map[string]K, sys map[string]L) prf {
	g, s := labelStrings(gold), labelStrings(sys)
	gc, sc := map[string]map[string]bool{}, map[string]map[string]bool{}
	for it, l := range g {
		if gc[l] == nil {
			gc[l] = map[string]bool{}
		}
		gc[l][it] = true
	}
	for it, l := range s {
		if sc[l] == nil {
			sc[l] = map[string]bool{}
		}
		sc[l][it] = true
	}
	var p, r float64
	for it := range g {
		a, b := gc[g[it]], sc[s[it]]
		n := 0
		for x := range a {
			if b[x] {
				n++
			}
		}
		p += float64(n) / float64(len(b))
		r += float64(n) / float64(len(a))
	}
	n := float64(len(g))
	return newPRF(p/n, r/n)
}

// ceafe scores the best one-to-one alignment of gold and system clusters
// under φ4(K, R) = 2|K∩R| / (|K|+|R|). The alignment is found exactly,
// component by component of the graph of overlapping clusters.
func ceafe[K, L comparable](gold map[string]K, sys map[string]L) prf {
	gcs, scs := clustersOf(labelStrings(gold)), clustersOf(labelStrings(sys))
	gi, si := map[string]int{}, map[string]int{}
	for i, c := range gcs {
		for _, m := range c {
			gi[m] = i
		}
	}
	for i, c := range scs {
		for _, m := range c {
			si[m] = i
		}
	}
	inter := map[[2]int]int{}
	for m, g := range gi {
		inter[[2]int{g, si[m]}]++
	}
	// Components of the bipartite overlap graph: gold i is node i,
	// system j is node len(gcs)+j.
	u := newUnionFind(len(gcs) + len(scs))
	for k := range inter {
		u.union(k[0], len(gcs)+k[1])
	}
	comp := map[int][2][]int{}
	for i := range gcs {
		c := comp[u.find(i)]
		c[0] = append(c[0], i)
		comp[u.find(i)] = c
	}
	for j := range scs {
		c := comp[u.find(len(gcs)+j)]
		c[1] = append(c[1], j)
		comp[u.find(len(gcs)+j)] = c
	}
	var total float64
	for _, c := range comp {
		w := make([][]float64, len(c[0]))
		for a, i := range c[0] {
			w[a] = make([]float64, len(c[1]))
			for b, j := range c[1] {
				if n := inter[[2]int{i, j}]; n > 0 {
					w[a][b] = 2 * float64(n) / float64(len(gcs[i])+len(scs[j]))
				}
			}
		}
		total += maxAssignment(w)
	}
	return newPRF(ratio(total, float64(len(scs))), ratio(total, float64(len(gcs))))
}

// maxAssignment returns the largest total weight of a one-to-one matching
// of rows to columns (Hungarian algorithm on costs negated).
func maxAssignment(w [][]float64) float64 {
	n := len(w)
	if n == 0 || len(w[0]) == 0 {
		return 0
	}
	m := len(w[0])
	size := max(n, m)
	cost := make([][]float64, size+1)
	for i := range cost {
		cost[i] = make([]float64, size+1)
	}
	for i := range n {
		for j := range m {
			cost[i+1][j+1] = -w[i][j]
		}
	}
	uu, vv := make([]float64, size+1), make([]float64, size+1)
	p, way := make([]int, size+1), make([]int, size+1)
	for i := 1; i <= size; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, size+1)
		used := make([]bool, size+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= size; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0][j] - uu[i0] - vv[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= size; j++ {
				if used[j] {
					uu[p[j]] += delta
					vv[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	var total float64
	for j := 1; j <= size; j++ {
		if i := p[j]; i >= 1 && i <= n && j <= m {
			total += w[i-1][j-1]
		}
	}
	return total
}

func TestScores(t *testing.T) {
	// Pradhan et al. (2014) work this example: key {a b c} {d e f g},
	// response {a b} {c d} {f g h i}, scored on the key's mentions with
	// h and i as twinless response mentions; here both sides cover the
	// same items, so h and i are singletons of the key.
	gold := map[string]int{"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2, "h": 3, "i": 4}
	sys := map[string]int{"a": 1, "b": 1, "c": 2, "d": 2, "e": 5, "f": 3, "g": 3, "h": 3, "i": 3}
	tests := []struct {
		name  string
		score func() prf
		p, r  float64
	}{
		// MUC recall: {a b c} is cut in 2 parts, {d e f g} in 3: (1+1)/(2+3);
		// precision: {a b} 1 part, {c d} 2, {f g h i} 3: (1+0+1)/(1+1+3).
		{"muc", func() prf { return muc(gold, sys) }, 2.0 / 5, 2.0 / 5},
		{"pairwise", func() prf { return pairwise(gold, sys) }, 2.0 / 8, 2.0 / 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.score()
			if math.Abs(got.p-tt.p) > 1e-9 || math.Abs(got.r-tt.r) > 1e-9 {
				t.Errorf("%s = P %.4f R %.4f, want P %.4f R %.4f", tt.name, got.p, got.r, tt.p, tt.r)
			}
		})
	}
	t.Run("identical", func(t *testing.T) {
		for name, s := range map[string]prf{"muc": muc(gold, gold), "b3": bcubed(gold, gold), "ceafe": ceafe(gold, gold), "pairwise": pairwise(gold, gold)} {
			if math.Abs(s.f-1) > 1e-9 {
				t.Errorf("%s(gold, gold) F1 = %.4f, want 1", name, s.f)
			}
		}
	})
	t.Run("bcubed", func(t *testing.T) {
		// Items a b: P 2/2 R 2/3; c: P 1/2 R 1/3; d: P 1/2 R 1/4; e: P 1 R 1/4;
		// f g: P 2/4 R 2/4; h: P 1/4 R 1; i: P 1/4 R 1.
		wantP := (1 + 1 + 0.5 + 0.5 + 1 + 0.5 + 0.5 + 0.25 + 0.25) / 9
		wantR := (2.0/3 + 2.0/3 + 1.0/3 + 0.25 + 0.25 + 0.5 + 0.5 + 1 + 1) / 9
		got := bcubed(gold, sys)
		if math.Abs(got.p-wantP) > 1e-9 || math.Abs(got.r-wantR) > 1e-9 {
			t.Errorf("bcubed = P %.4f R %.4f, want P %.4f R %.4f", got.p, got.r, wantP, wantR)
		}
	})
	t.Run("ceafe", func(t *testing.T) {
		// Best alignment: {a b c}-{a b} 2·2/5, {d e f g}-{e} 2·1/5 and
		// {h}-{f g h i} 2·1/5; {d e f g}-{f g h i} at 2·2/8 would leave
		// less for the rest.
		want := 0.8 + 0.4 + 0.4
		got := ceafe(gold, sys)
		if math.Abs(got.p-want/4) > 1e-9 || math.Abs(got.r-want/4) > 1e-9 {
			t.Errorf("ceafe = P %.4f R %.4f, want %.4f both", got.p, got.r, want/4)
		}
	})
}
