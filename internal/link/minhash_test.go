package link

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"chronicle/internal/news"
)

// variants returns edited copies of a text, as syndication makes them:
// the last paragraph trimmed, words changed here and there, furniture
// lines added between paragraphs, the first paragraph rewritten, or all of
// these at once.
func variants(text string, rng *rand.Rand) []string {
	paras := strings.Split(text, "\n\n")
	edit := func(p string, rate float64) string {
		ws := strings.Fields(p)
		for i := range ws {
			if rng.Float64() < rate {
				ws[i] = []string{"reportedly", "officials", "local", "said", "on", "the", "some", "several"}[rng.IntN(8)]
			}
		}
		return strings.Join(ws, " ")
	}
	trim := func(ps []string) []string {
		if len(ps) > 2 {
			return ps[:len(ps)-1]
		}
		return ps
	}
	furnish := func(ps []string) []string {
		out := make([]string, 0, len(ps)+2)
		for i, p := range ps {
			out = append(out, p)
			if i == 1 {
				out = append(out, "Read more: what we know so far", "Share this story")
			}
		}
		return out
	}
	relede := func(ps []string) []string {
		out := append([]string{edit(ps[0], 0.3)}, ps[1:]...)
		return out
	}
	light := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = edit(p, 0.05)
		}
		return out
	}
	join := func(ps []string) string { return strings.Join(ps, "\n\n") }
	return []string{
		join(trim(paras)),
		join(light(paras)),
		join(furnish(paras)),
		join(relede(paras)),
		join(furnish(light(trim(paras)))),
	}
}

// TestNearDuplicates measures near-duplicate detection on the articles of
// testdata and generated copies of each, and compares MinHash (what
// linking uses) with SimHash at several Hamming distances. Independent
// reports of one happening, which share names and words but not
// sentences, are the negatives that matter.
func TestNearDuplicates(t *testing.T) {
	tas := readTestArticles(t)
	rng := rand.New(rand.NewPCG(1, 2))
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		group string
		p     *profile
		sim   uint64
	}
	var docs []doc
	add := func(group string, a *news.Article) {
		ts := tokens(a.Text, codedRanges(a.Text, a.Removed))
		ws := make([]string, len(ts))
		for i, tk := range ts {
			ws[i] = tk.text
		}
		docs = append(docs, doc{group: group, p: k.newProfile(a), sim: simhash(shingleHashes(ws))})
	}
	cleaner, coder := newTestCleaner(t), newCoder(t)
	for _, ta := range tas {
		group := string(cmpOr(ta.original, ta.art.ID))
		add(group, ta.art)
		if ta.original != "" {
			continue
		}
		for i, v := range variants(ta.art.Text, rng) {
			a := &news.Article{ID: news.ArticleID(fmt.Sprint(ta.art.ID, "-v", i)), Text: v, Published: ta.art.Published}
			cleaner.Clean(a)
			coder.code(a)
			add(group, a)
		}
	}
	gold := map[string]string{}
	for i, d := range docs {
		gold[strconv.Itoa(i)] = d.group
	}
	score := func(same func(a, b doc) bool) prf {
		u := newUnionFind(len(docs))
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				if same(docs[i], docs[j]) {
					u.union(i, j)
				}
			}
		}
		sys := map[string]string{}
		for i := range docs {
			sys[strconv.Itoa(i)] = strconv.Itoa(u.find(i))
		}
		return pairwise(gold, sys)
	}
	// As linking finds them: candidates that share a key, then checked;
	// and, for comparison, candidates found by LSH banding.
	shareKey := func(a, b doc) bool {
		for i := range a.p.segs {
			for j := range b.p.segs {
				if a.p.segs[i].sharesKey(&b.p.segs[j]) {
					return true
				}
			}
		}
		return false
	}
	mh := score(func(a, b doc) bool { return shareKey(a, b) && a.p.sig.nearDuplicate(b.p.sig) })
	t.Logf("%d texts in %d groups", len(docs), countDistinct(gold))
	t.Logf("MinHash (%d hashes, containment >= %.2f), candidates sharing a key: P %.3f R %.3f F1 %.3f", numHashes, dupContainment, mh.p, mh.r, mh.f)
	banded := score(func(a, b doc) bool { return shareBand(a.p.sig, b.p.sig) && a.p.sig.nearDuplicate(b.p.sig) })
	t.Logf("MinHash, candidates sharing one of 16 bands of 3: P %.3f R %.3f F1 %.3f", banded.p, banded.r, banded.f)
	for _, d := range []int{3, 6, 10, 14} {
		sh := score(func(a, b doc) bool { return hamming(a.sim, b.sim) <= d })
		t.Logf("SimHash (Hamming <= %d): P %.3f R %.3f F1 %.3f", d, sh.p, sh.r, sh.f)
	}
	if mh.f < 0.95 {
		t.Errorf("MinHash near-duplicate pair F1 = %.3f, want >= 0.95", mh.f)
	}
}

func TestJaccardEstimate(t *testing.T) {
	// Two sets of 400 shingles sharing 200: Jaccard 200/600.
	a, b := map[uint64]struct{}{}, map[uint64]struct{}{}
	for i := range 400 {
		a[mix(uint64(i))] = struct{}{}
		b[mix(uint64(i+200))] = struct{}{}
	}
	got := newSignature(a).jaccard(newSignature(b))
	if want := 1.0 / 3; got < want-0.15 || got > want+0.15 {
		t.Errorf("jaccard() = %.3f, want %.3f ± 0.15", got, want)
	}
	if got := newSignature(a).jaccard(newSignature(a)); got != 1 {
		t.Errorf("jaccard(self) = %.3f, want 1", got)
	}
}

// shareBand reports whether two signatures share one of 16 LSH bands of 3
// values: found with probability 1-(1-J^3)^16 at Jaccard similarity J.
func shareBand(a, b signature) bool {
	for band := range numHashes / 3 {
		if a.mins[3*band] == b.mins[3*band] && a.mins[3*band+1] == b.mins[3*band+1] && a.mins[3*band+2] == b.mins[3*band+2] {
			return true
		}
	}
	return false
}
