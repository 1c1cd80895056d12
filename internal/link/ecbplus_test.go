package link

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"chronicle/internal/extract"
	"chronicle/internal/kb"
	"chronicle/internal/news"
	"chronicle/internal/resolve"
	"chronicle/internal/store"
)

// ecbDir is ECB+ (Cybulska and Vossen 2014), relative to this package.
const ecbDir = "../../../shared/data/ecbplus/ECB+_LREC2014"

// ecbDoc is one ECB+ document as an article, with its gold annotation.
type ecbDoc struct {
	topic    int
	subtopic string // "ecb" or "ecbplus": two look-alike happenings per topic
	name     string // e.g. "1_10ecbplus"
	art      *news.Article
	mentions []ecbMention
}

// ecbMention is one gold event mention in a selected sentence.
type ecbMention struct {
	id       string // doc/m_id
	span     news.Span
	sentence int // index in the article's coded sentences, by byte span
	words    []string
	chain    string // gold cluster: cross-document instance, in-document chain, or itself
}

// readECB reads the ECB+ documents of the topics for which keep returns
// true, keeping only the sentences listed in
// ECBplus_coreference_sentences.csv (Cybulska's setup, as in Barhom et
// al. 2019). Sentence 0 of the newer "ecbplus" documents, the page's
// address, is dropped; the other sentences are joined with newlines.
func readECB(t testing.TB, keep func(topic int) bool) []*ecbDoc {
	t.Helper()
	if _, err := os.Stat(ecbDir); err != nil {
		t.Skip("../shared/data/ecbplus not present: ", err)
	}
	selected, err := readSelected(filepath.Join(ecbDir, "ECBplus_coreference_sentences.csv"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(ecbDir, "ECB+", "*", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	var docs []*ecbDoc
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		topicStr, rest, _ := strings.Cut(name, "_")
		topic, err := strconv.Atoi(topicStr)
		if err != nil || !keep(topic) {
			continue
		}
		d, err := readECBDoc(f, name, topic, selected[topicStr+"_"+rest])
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		d.subtopic = "ecb"
		if strings.HasSuffix(name, "ecbplus") {
			d.subtopic = "ecbplus"
		}
		docs = append(docs, d)
	}
	return docs
}

// readSelected reads the CSV of selected sentences: topic, file, sentence.
func readSelected(path string) (map[string]map[int]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	out := map[string]map[int]bool{}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if i == 0 || len(rec) < 3 {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(rec[2]))
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, i+1, err)
		}
		key := strings.TrimSpace(rec[0]) + "_" + strings.TrimSpace(rec[1])
		if out[key] == nil {
			out[key] = map[int]bool{}
		}
		out[key][n] = true
	}
}

// ecbXML is the part of a CAT/CROMER document that scoring reads.
type ecbXML struct {
	Tokens []struct {
		ID       int    `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Any []struct {
			XMLName xml.Name
			ID      string `xml:"m_id,attr"`
			Anchors []struct {
				ID int `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:",any"`
	} `xml:"Markables"`
	Relations struct {
		Any []struct {
			XMLName xml.Name
			ID      string `xml:"r_id,attr"`
			Note    string `xml:"note,attr"`
			Sources []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
		} `xml:",any"`
	} `xml:"Relations"`
}

func readECBDoc(path, name string, topic int, selected map[int]bool) (*ecbDoc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var x ecbXML
	if err := xml.Unmarshal(b, &x); err != nil {
		return nil, err
	}
	plus := strings.HasSuffix(name, "ecbplus")
	d := &ecbDoc{topic: topic, name: name}
	a := &news.Article{ID: news.ArticleID(name)}
	var text strings.Builder
	tokSpan := map[int]news.Span{}
	tokSent := map[int]int{}
	tokText := map[int]string{}
	sent := -1
	prev := ""
	var source strings.Builder
	for _, tk := range x.Tokens {
		if plus && tk.Sentence == 0 {
			source.WriteString(tk.Text)
			continue
		}
		if tk.Sentence != sent {
			if text.Len() > 0 {
				text.WriteString("\n")
			}
			sent = tk.Sentence
		} else if spaced(prev, tk.Text) {
			text.WriteString(" ")
		}
		prev = tk.Text
		start := text.Len()
		text.WriteString(tk.Text)
		tokSpan[tk.ID] = news.Span{Start: start, End: text.Len()}
		tokSent[tk.ID] = tk.Sentence
		tokText[tk.ID] = tk.Text
	}
	a.Text = text.String()
	a.Hash = strconv.FormatUint(hashString(a.Text), 16)
	if u := source.String(); u != "" {
		host := strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
		host, _, _ = strings.Cut(host, "/")
		a.Source = strings.TrimPrefix(host, "www.")
	}
	d.art = a

	chain := map[string]string{}
	for _, r := range x.Relations.Any {
		for _, s := range r.Sources {
			switch r.XMLName.Local {
			case "CROSS_DOC_COREF":
				chain[s.ID] = r.Note
			case "INTRA_DOC_COREF":
				if _, ok := chain[s.ID]; !ok {
					chain[s.ID] = name + "/intra/" + r.ID
				}
			}
		}
	}
	for _, m := range x.Markables.Any {
		tag := m.XMLName.Local
		if !strings.HasPrefix(tag, "ACTION_") && !strings.HasPrefix(tag, "NEG_ACTION_") || len(m.Anchors) == 0 {
			continue
		}
		first := m.Anchors[0].ID
		sp, ok := tokSpan[first]
		if !ok || !selected[tokSent[first]] {
			continue
		}
		em := ecbMention{id: name + "/" + m.ID, span: sp}
		for _, an := range m.Anchors {
			if s, ok := tokSpan[an.ID]; ok {
				em.span.End = max(em.span.End, s.End)
				em.words = append(em.words, strings.ToLower(tokText[an.ID]))
			}
		}
		em.chain = chain[m.ID]
		if em.chain == "" {
			em.chain = em.id
		}
		d.mentions = append(d.mentions, em)
	}
	slices.SortFunc(d.mentions, func(a, b ecbMention) int { return a.span.Start - b.span.Start })
	return d, nil
}

// spaced reports whether a space goes between two of the corpus's tokens
// when the tokenised text is written back as running text: none before
// closing punctuation and clitics ("Dec. 23, 2008", "didn't"), none after
// opening brackets and currency signs.
func spaced(prev, tok string) bool {
	switch tok {
	case ",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m":
		return false
	}
	switch prev {
	case "(", "[", "$", "£", "€", "":
		return false
	}
	return true
}

// coder codes articles with the pipeline's stages from split to events.
type coder struct {
	rec *extract.Recognizer
	res *resolve.Resolver
	cod *extract.Coder
}

var loadCoder = sync.OnceValues(func() (*coder, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	p, err := kb.LoadPatterns()
	if err != nil {
		return nil, err
	}
	return &coder{rec: extract.NewRecognizer(k), res: resolve.New(k), cod: extract.NewCoder(p)}, nil
})

func (c *coder) code(a *news.Article) {
	extract.Split(a)
	c.rec.Mentions(a)
	c.res.Resolve(a)
	extract.Dates(a)
	c.cod.Events(a)
}

func newCoder(t testing.TB) *coder {
	t.Helper()
	c, err := loadCoder()
	if err != nil {
		t.Fatalf("load knowledge base: %v", err)
	}
	return c
}

// TestECBPlus scores linking on ECB+: 982 news documents in 43 topics,
// each topic two look-alike happenings (two celebrities entering rehab,
// two earthquakes) that must stay apart.
//
// Stories: every document is coded and linked; a document's story is its
// main story, the gold story its topic and sub-topic. Scored: pairwise
// precision and recall over pairs of documents.
//
// Events: the gold event mentions (ACTION_* and NEG_ACTION_* markables)
// of the selected sentences, in gold-mention setting as in the ECB+
// literature; gold clusters are the cross-document instances, then the
// in-document chains, other mentions being singletons. Each mention is a
// report whose type is its trigger's stemmed first content word (the
// corpus's events are mostly not PLOVER types) and whose actors, date and
// place are those of the event our coder found at the same words, where
// it found one; mentions are then linked within our stories by the same
// clusterEvents as stored events. Scored: MUC, B³, CEAF-e and their mean,
// the CoNLL F1, over all mentions, singletons included (within- and
// cross-document together).
//
// For comparison, on the test topics (36-45) with gold mentions, Barhom
// et al. (2019) report a CoNLL F1 of about 76 for the same-head-lemma
// baseline within predicted document clusters and 79.5 for their joint
// neural model; the feature-based systems before it (Cybulska and Vossen
// 2015; Kenyon-Dean et al. 2018) score around 70. No publication dates
// come with ECB+, so its look-alike happenings (the same kind of event
// years apart) are told apart by names and words alone, where real feeds
// also have the date: every wrongly merged pair (560 over all topics when
// the floors were set) joins a topic's two happenings, which share their
// kind of event and most of their names (the same company's emergency
// patch five years apart, the same rule made and then reversed, the
// same player courted by two clubs). The details that would tell them
// apart are mostly stated by one side only (the newer documents carry a
// date line, the older ones do not), or the later report names the
// earlier happening's people too (see conflict.go and TestECBPlusJoins).
func TestECBPlus(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: codes and links the 982 documents of ../shared/data/ecbplus")
	}
	tests := []struct {
		name             string
		topics           func(int) bool
		minStoryF1, minC float64
	}{
		// Floors a little under the scores measured when they were set
		// (stories 0.903, 0.925, 0.872, 0.902; CoNLL 0.726, 0.706, 0.704,
		// 0.718). Rules are studied on the train topics (see
		// TestECBPlusJoins), weights chosen on train and dev; test is
		// held out.
		{"train", func(tp int) bool { return tp < 36 && !ecbDevTopic(tp) }, 0.90, 0.72},
		{"dev", ecbDevTopic, 0.92, 0.70},
		{"test", func(tp int) bool { return tp >= 36 }, 0.87, 0.70},
		{"all", func(int) bool { return true }, 0.90, 0.71},
	}
	c := newCoder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := readECB(t, tt.topics)
			stories, coref := linkECB(t, c, docs)
			t.Logf("%d documents, %d gold stories, %d predicted", len(docs), countDistinct(goldStories(docs)), countDistinct(stories))
			pw := pairwise(goldStories(docs), stories)
			t.Logf("stories pairwise: P %.3f R %.3f F1 %.3f", pw.p, pw.r, pw.f)
			within, across, split := pairErrors(docs, stories)
			t.Logf("story pair errors: %d merged within a topic (its look-alike happenings), %d merged across topics, %d split", within, across, split)
			gold, sys := coref[0], coref[1]
			m, b, e := muc(gold, sys), bcubed(gold, sys), ceafe(gold, sys)
			conll := (m.f + b.f + e.f) / 3
			t.Logf("events (%d mentions): MUC P %.3f R %.3f F1 %.3f | B3 P %.3f R %.3f F1 %.3f | CEAF-e P %.3f R %.3f F1 %.3f | CoNLL F1 %.3f",
				len(gold), m.p, m.r, m.f, b.p, b.r, b.f, e.p, e.r, e.f, conll)
			if pw.f < tt.minStoryF1 {
				t.Errorf("story pairwise F1 = %.3f, want >= %.2f", pw.f, tt.minStoryF1)
			}
			if conll < tt.minC {
				t.Errorf("event CoNLL F1 = %.3f, want >= %.2f", conll, tt.minC)
			}
		})
	}
}

// ecbDevTopic reports whether an ECB+ topic is one of the development
// topics of the common split (Cybulska and Vossen 2015): the test topics
// are 36 to 45, the train topics the others.
func ecbDevTopic(tp int) bool { return slices.Contains([]int{2, 5, 12, 18, 21, 23, 34, 35}, tp) }

// pairErrors counts the pairs of documents put in one story that the gold
// keeps apart, those of one topic (its two look-alike happenings) and
// those of two, and the pairs the gold joins that were split.
func pairErrors(docs []*ecbDoc, stories map[string]string) (within, across, split int) {
	gold := goldStories(docs)
	for i, a := range docs {
		for _, b := range docs[i+1:] {
			g, s := gold[a.name] == gold[b.name], stories[a.name] == stories[b.name]
			switch {
			case s && !g && a.topic == b.topic:
				within++
			case s && !g:
				across++
			case g && !s:
				split++
			}
		}
	}
	return within, across, split
}

func goldStories(docs []*ecbDoc) map[string]string {
	out := map[string]string{}
	for _, d := range docs {
		out[d.name] = strconv.Itoa(d.topic) + d.subtopic
	}
	return out
}

func countDistinct(m map[string]string) int {
	seen := map[string]bool{}
	for _, v := range m {
		seen[v] = true
	}
	return len(seen)
}

// linkECB codes, stores and links the documents, and returns each
// document's main story and the gold and system clusters of the event
// mentions.
func linkECB(t *testing.T, c *coder, docs []*ecbDoc) (map[string]string, [2]map[string]string) {
	db := openDB(t)
	arts := make([]*news.Article, len(docs))
	for i, d := range docs {
		c.code(d.art)
		arts[i] = d.art
	}
	if _, err := db.SaveArticles(t.Context(), arts); err != nil {
		t.Fatal(err)
	}
	l, err := New(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := articleIDs(arts)
	// In batches, as the pipeline links.
	for i := 0; i < len(ids); i += 128 {
		if err := l.Link(t.Context(), ids[i:min(i+128, len(ids))]); err != nil {
			t.Fatal(err)
		}
	}
	stories := map[string]string{}
	profiles := map[string]*profile{}
	err = db.Articles(t.Context(), func(a *news.Article) error {
		stories[string(a.ID)] = a.Story
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Event mentions as reports, linked within the predicted stories.
	gold, sys := map[string]string{}, map[string]string{}
	byStory := map[string][]*report{}
	for _, d := range docs {
		p := l.k.newProfile(d.art)
		profiles[d.name] = p
		for i, m := range d.mentions {
			lemma := headLemma(l.k, m.words)
			r := &report{art: p, index: i, family: "lemma:" + lemma, trigger: lemma}
			for _, e := range d.art.Events {
				if e.Trigger.Overlaps(m.span) {
					r.ev = e
					break
				}
			}
			r.ev.ID = m.id
			r.ev.Type = news.EventType(r.family)
			r.ev.Evidence = nil
			for _, s := range d.art.Sentences {
				if s.Span.Contains(m.span) {
					r.words = l.k.wordSet(s.Text(d.art.Text))
				}
			}
			gold[m.id] = m.chain
			byStory[stories[d.name]] = append(byStory[stories[d.name]], r)
		}
	}
	for _, rs := range byStory {
		for _, cl := range l.k.clusterEvents(rs) {
			for _, r := range cl {
				sys[r.ev.ID] = cl[0].ev.ID
			}
		}
	}
	return stories, [2]map[string]string{gold, sys}
}

// headLemma returns the stemmed first content word of a mention's words,
// or of its first word when none is a content word.
func headLemma(k *knowledge, words []string) string {
	for _, w := range words {
		if s := stem(w); !k.stop[s] && len(s) > 1 {
			return s
		}
	}
	if len(words) == 0 {
		return ""
	}
	return stem(words[0])
}

// openDB opens a database in a temporary directory.
func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "link.db"))
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return db
}

// articleIDs returns the articles' ids in order.
func articleIDs(arts []*news.Article) []news.ArticleID {
	ids := make([]news.ArticleID, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	return ids
}

// ecbJoins asks TestECBPlusJoins to print the wrong joins.
var ecbJoins = flag.Bool("ecbplus.joins", false, "print the wrong direct joins of ECB+ train and dev documents")

// ecbSplits asks TestECBPlusJoins to print the documents not joined
// directly to any other report of their happening.
var ecbSplits = flag.Bool("ecbplus.splits", false, "print the ECB+ train and dev documents with no direct join to another report of their happening")

// ecbDump names ECB+ documents, separated by commas, whose dates and facts
// TestECBPlusJoins prints.
var ecbDump = flag.String("ecbplus.dump", "", "print the dates and facts of these ECB+ documents (names separated by commas)")

// TestECBPlusJoins studies the direct joins, on features alone, of
// documents of one ECB+ topic in the train and dev topics: the right
// joins, of one happening, and the wrong ones, of its two look-alike
// happenings. Each kind of disagreement of facts (see conflict) must
// weaken a larger share of the wrong joins than of the right ones, or it
// is no evidence of different happenings. With -ecbplus.joins it prints
// each wrong join with the features the two documents share and the facts
// they disagree on; -ecbplus.splits prints the documents joined directly
// to no other report of their happening; -ecbplus.dump prints the dates
// and facts of documents.
func TestECBPlusJoins(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: codes the 775 train and dev documents of ../shared/data/ecbplus")
	}
	docs := readECB(t, func(tp int) bool { return tp < 36 })
	c := newCoder(t)
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	ps := make([]*profile, len(docs))
	names := map[uint64]string{}
	for i, d := range docs {
		c.code(d.art)
		ps[i] = k.newProfile(d.art)
		featureNames(d.art, names)
		if slices.Contains(strings.Split(*ecbDump, ","), d.name) {
			t.Logf("%s head: %s", d.name, leadOf(d.art))
			for _, dt := range d.art.Dates {
				t.Logf("%s date %q %s %s", d.name, dt.Text, dt.Date, dt.Precision)
			}
			for _, f := range ps[i].segs[0].facts {
				t.Logf("%s fact %d %s %d", d.name, f.kind, names[f.key], f.val)
			}
		}
	}
	kinds := []struct {
		name     string
		disagree func(a, b []fact) bool
	}{
		{"ordinal", ordinalsDisagree},
		{"name", namesDisagree},
	}
	var joins [2]int                  // right and wrong joins
	cut := make([][2]int, len(kinds)) // of those, the ones whose facts disagree
	for i, a := range docs {
		for j := i + 1; j < len(docs); j++ {
			b := docs[j]
			sa, sb := &ps[i].segs[0], &ps[j].segs[0]
			if a.topic != b.topic || !sa.sharesKey(sb) || sa.alike(sb) < DefaultThreshold {
				continue
			}
			wrong := 0
			if a.subtopic != b.subtopic {
				wrong = 1
			}
			joins[wrong]++
			var why []string
			for x, kd := range kinds {
				if kd.disagree(sa.facts, sb.facts) {
					cut[x][wrong]++
					why = append(why, kd.name)
				}
			}
			if wrong == 1 && *ecbJoins {
				t.Logf("%s ~ %s alike %.2f similarity %.2f disagree %v shared %s\n  %s\n  %s", a.name, b.name, sa.alike(sb),
					sa.similarity(sb), why, sharedFeatures(sa, sb, names), leadOf(a.art), leadOf(b.art))
			}
		}
	}
	if *ecbSplits {
		logSplits(t, docs, ps, names)
	}
	t.Logf("direct joins within topics: %d right, %d wrong", joins[0], joins[1])
	for x, kd := range kinds {
		t.Logf("facts disagree on %s: %d right joins, %d wrong", kd.name, cut[x][0], cut[x][1])
		right, wrong := ratio(float64(cut[x][0]), float64(joins[0])), ratio(float64(cut[x][1]), float64(joins[1]))
		if wrong <= right {
			t.Errorf("%s disagreements weaken %.3f of wrong joins, want more than the %.3f of right joins", kd.name, wrong, right)
		}
	}
}

// logSplits logs each document that is not joined directly to any other
// report of its happening, with the most similar such report, whether
// the two share an index key, and the features they share.
func logSplits(t *testing.T, docs []*ecbDoc, ps []*profile, names map[uint64]string) {
	t.Helper()
	for i, a := range docs {
		best, bj, joined := -1.0, -1, false
		for j, b := range docs {
			if i == j || a.topic != b.topic || a.subtopic != b.subtopic {
				continue
			}
			sa, sb := &ps[i].segs[0], &ps[j].segs[0]
			sim := sa.similarity(sb)
			if sa.sharesKey(sb) && sim >= DefaultThreshold {
				joined = true
				break
			}
			if sim > best {
				best, bj = sim, j
			}
		}
		if joined || bj < 0 {
			continue
		}
		sa, sb := &ps[i].segs[0], &ps[bj].segs[0]
		t.Logf("%s split from %s: similarity %.2f, shares a key %v, shared %s\n  %s\n  %s", a.name, docs[bj].name, best,
			sa.sharesKey(sb), sharedFeatures(sa, sb, names), leadOf(a.art), leadOf(docs[bj].art))
	}
}

// sharedFeatures lists the features two segments share, by name, each
// with the product of its weights.
func sharedFeatures(sa, sb *segment, names map[uint64]string) string {
	var out []string
	x, y := 0, 0
	for x < len(sa.feats) && y < len(sb.feats) {
		switch fa, fb := sa.feats[x], sb.feats[y]; {
		case fa.h < fb.h:
			x++
		case fa.h > fb.h:
			y++
		default:
			out = append(out, fmt.Sprintf("%s(%.1f)", cmpOr(names[fa.h&^specific], "?"), fa.w*fb.w))
			x++
			y++
		}
	}
	return strings.Join(out, " ")
}

// leadOf returns the first 200 bytes of an article's text on one line.
func leadOf(a *news.Article) string {
	s := a.Text[:min(len(a.Text), 200)]
	return strings.ReplaceAll(s, "\n", " | ")
}

// featureNames files the readable name of each feature an article's
// profile may hold under its hash, less the specific bit, and each word
// under the hash facts key it by.
func featureNames(a *news.Article, out map[uint64]string) {
	for _, tk := range tokens(a.Text, []news.Span{{Start: 0, End: len(a.Text)}}) {
		w := stem(tk.text)
		out[featureHash(featWord, "w:", wordKey(w))] = "w:" + wordKey(w)
		out[featureHash(featName, "#:", w)] = "#:" + w
		out[featureHash(featName, "n:", tk.text)] = "n:" + tk.text
		out[hashString(w)] = w
	}
	for _, d := range a.Dates {
		if len(d.Date) >= 7 {
			out[featureHash(featName, "d:", d.Date[:7])] = "d:" + d.Date[:7]
		}
	}
	for _, m := range a.Mentions {
		var keys []string
		if m.Place != nil {
			keys = append(keys, "p:"+strings.ToLower(m.Place.Name), "p:"+m.Place.GeoID)
		}
		keys = append(keys, "c:"+m.Actor.Country, "c:"+strings.ToLower(m.Text), "e:"+m.Actor.Entity, "n:"+normalName(m.Text), "p:"+normalName(m.Text))
		for _, key := range keys {
			out[featureHash(featName, "", key)] = key
			out[featureHash(featWord, "", key)] = key
		}
	}
}
