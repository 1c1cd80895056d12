package link

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// corpus generates coded articles about generated happenings: each story
// has its own people, place, words and event type, and a few articles
// published within days of each other; words outside stories follow a
// Zipf law, as in news. Articles come in order of publication, perDay a
// day.
type corpus struct {
	rng     *rand.Rand
	words   []string
	zipf    *rand.Zipf
	perDay  int
	n       int // articles generated
	stories []*genStory
	truth   []int // the generated story of each article, by position
}

type genStory struct {
	id      int
	day     int
	names   []string
	place   string
	words   []string
	typ     news.EventType
	left    int // articles still to come
	killed  int
	publish int // articles published so far
}

func newCorpus(seed uint64, perDay int) *corpus {
	rng := rand.New(rand.NewPCG(seed, 1))
	c := &corpus{rng: rng, perDay: perDay}
	syl := []string{"ka", "lo", "mi", "ra", "ten", "so", "vu", "ne", "dor", "pa", "li", "ghe", "zu", "an", "mar", "ol"}
	for range 20000 {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		c.words = append(c.words, b.String())
	}
	c.zipf = rand.NewZipf(rng, 1.1, 2, uint64(len(c.words)-1))
	return c
}

func (c *corpus) word() string { return c.words[c.zipf.Uint64()] }

func (c *corpus) name() string {
	w := c.words[c.rng.IntN(len(c.words))]
	return strings.ToUpper(w[:1]) + w[1:]
}

// next returns the next article: of a running story, or of a new one.
func (c *corpus) next() *news.Article {
	day := c.n / c.perDay
	var s *genStory
	live := c.stories[:0]
	for _, st := range c.stories {
		if st.left > 0 && day-st.day <= 3 {
			live = append(live, st)
		}
	}
	c.stories = live
	if len(live) > 0 && c.rng.Float64() < 0.7 {
		s = live[c.rng.IntN(len(live))]
	} else {
		s = &genStory{id: c.n, day: day, left: 1 + int(c.rng.ExpFloat64()*4), killed: 2 + c.rng.IntN(40),
			typ: news.EventTypes()[c.rng.IntN(len(news.EventTypes()))]}
		for range 3 {
			s.names = append(s.names, c.name()+" "+c.name())
		}
		s.place = c.name()
		for range 12 {
			s.words = append(s.words, c.words[200+c.rng.IntN(len(c.words)-200)])
		}
		c.stories = append(c.stories, s)
	}
	s.left--
	s.publish++
	c.truth = append(c.truth, s.id)
	id := news.ArticleID(genID(c.n))
	// The step per article first: n times a whole day overflows a
	// Duration once n passes 106,751.
	pub := corpusStart.Add(time.Duration(c.n) * (24 * time.Hour / time.Duration(c.perDay)))
	c.n++

	a := &news.Article{ID: id, Source: fmt.Sprintf("pub%02d", c.rng.IntN(40)), Published: pub,
		Title: s.names[0] + " " + s.words[0] + " " + s.place}
	var b strings.Builder
	for i := range 24 {
		start := b.Len()
		for j := range 14 {
			if j > 0 {
				b.WriteByte(' ')
			}
			switch r := c.rng.Float64(); {
			case j == 0:
				w := c.word()
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			case r < 0.06:
				n := s.names[c.rng.IntN(len(s.names))]
				a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: b.Len(), End: b.Len() + len(n)}, Text: n,
					Type: news.Person, Ref: -1, Actor: news.Actor{Name: n, Entity: "person:" + strings.ToLower(strings.ReplaceAll(n, " ", "-"))}})
				b.WriteString(n)
			case r < 0.08:
				a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: b.Len(), End: b.Len() + len(s.place)}, Text: s.place,
					Type: news.Place, Ref: -1, Place: &news.Location{Name: s.place, Country: "XAA", GeoID: "g-" + s.place, Feature: "city"}})
				b.WriteString(s.place)
			case r < 0.3:
				b.WriteString(s.words[c.rng.IntN(len(s.words))])
			default:
				b.WriteString(c.word())
			}
		}
		b.WriteString(".")
		a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: start, End: b.Len()}})
		b.WriteString(" ")
	}
	a.Text = b.String()
	a.Hash = strconv.FormatUint(hashString(a.Text), 16)
	date := corpusStart.AddDate(0, 0, s.day).Format(news.DateFormat)
	for i := range 2 {
		sent := a.Sentences[i]
		ev := news.Event{ID: fmt.Sprintf("ev-%s-%d", id, i), Article: id, Type: s.typ, Date: date, DatePrecision: news.PrecisionDay,
			Source:     news.Actor{Name: s.names[i], Entity: "person:" + strings.ToLower(strings.ReplaceAll(s.names[i], " ", "-"))},
			Location:   &news.Location{Name: s.place, Country: "XAA", GeoID: "g-" + s.place, Feature: "city"},
			Quantities: map[string]int{"killed": s.killed + c.rng.IntN(3)}, Trigger: news.Span{Start: sent.Span.Start, End: sent.Span.Start + 3},
			Evidence: []news.Evidence{{Article: id, Sentence: sent.Text(a.Text), Index: i, Span: sent.Span, Source: a.Source}}, Confidence: 0.9}
		a.Events = append(a.Events, ev)
	}
	return a
}

// TestCorpusDates checks that the generated corpus is published perDay
// articles a day, in order, however many it holds.
func TestCorpusDates(t *testing.T) {
	for _, n := range []int{0, 2699, 2700, 106752, 213504, 999999} {
		c := newCorpus(1, 2700)
		c.n = n
		got := c.next().Published
		want := corpusStart.AddDate(0, 0, n/2700).Add(time.Duration(n%2700) * 32 * time.Second)
		if !got.Equal(want) {
			t.Errorf("article %d published %v, want %v", n, got, want)
		}
	}
}

// corpusStart is when the generated corpus begins.
var corpusStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// genID returns the id of the generated article i.
func genID(i int) string { return fmt.Sprintf("g%08d", i) }

func (c *corpus) batch(n int) []*news.Article {
	out := make([]*news.Article, n)
	for i := range out {
		out[i] = c.next()
	}
	return out
}

// BenchmarkLink measures linking batches of new articles into a store
// already holding stored (and linked) articles, 2,700 a day (a million a
// year). Each batch is first prepared (profiled) on every core, as the
// pipeline's coding workers do, then stored and linked, as the
// pipeline's one writer does. It reports articles linked per second of
// wall time of that writer's linking (linked/s: the rate linking lets
// ingestion keep) and of its storing and linking (saved+linked/s), and
// per second of processor time (all the process's
// threads together, which other load on the machine does not change)
// for preparing and linking (linked/cpu-s, cpu-µs-link/article, of which
// cpu-µs-prepare/article) and for storing too; the mean number of articles a batch works
// on, and of stored states it reads (not cached), and the largest story
// it builds; the read and write system calls of linking per article
// (where /proc/self/io counts them), which SQLite makes one a page read
// from the file or written to it, so that they count the pages linking
// moves, whatever else runs on the machine; and it logs the pairwise score of
// all stored stories against the generated ones.
// CHRONICLE_LINK_BENCH_SIZES lists the store sizes (default
// 1000,10000,100000), CHRONICLE_LINK_BENCH_BATCH the articles of a batch
// (default 128).
//
// Filling a large store takes long (hours for a million articles on a
// loaded machine). CHRONICLE_LINK_BENCH_DB=prefix keeps each filled store
// in the file prefix.<size>.db, built on the first run, and later runs
// measure on a copy of it in a temporary directory, so the kept file never
// changes. The generator is replayed up to size, so the articles linked
// are the same either way, and the measured linker's caches (of records
// and of stored state) are filled with the latest stored articles, as in
// a linker that has been running. Delete the files when the generator or the linker's stored
// state changes.
func BenchmarkLink(b *testing.B) {
	sizes := []int{1000, 10000, 100000}
	if v := os.Getenv("CHRONICLE_LINK_BENCH_SIZES"); v != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, size := range sizes {
		b.Run(fmt.Sprintf("stored=%d", size), func(b *testing.B) {
			c := newCorpus(1, 2700)
			db := benchStore(b, c, size)
			l, err := New(db, Options{})
			if err != nil {
				b.Fatal(err)
			}
			warmCaches(b, l, db, size)
			st := &linkStats{}
			l.stats = st
			var linkTime, saveTime, linkCPU, prepCPU, saveCPU time.Duration
			var linkIO ioCount
			n := 0
			for b.Loop() {
				arts := c.batch(benchBatch())
				cp := cpuTime()
				prepareAll(l, arts)
				t0, c0 := time.Now(), cpuTime()
				prepCPU += c0 - cp
				if _, err := db.SaveArticles(b.Context(), arts); err != nil {
					b.Fatal(err)
				}
				t1, c1, io1 := time.Now(), cpuTime(), readIO()
				saveTime += t1.Sub(t0)
				if err := l.LinkSaved(b.Context(), arts); err != nil {
					b.Fatal(err)
				}
				linkTime += time.Since(t1)
				c2, io2 := cpuTime(), readIO()
				linkIO.reads += io2.reads - io1.reads
				linkIO.writes += io2.writes - io1.writes
				saveCPU += c1 - c0
				linkCPU += c2 - c1
				n += len(arts)
			}
			b.ReportMetric(float64(n)/linkTime.Seconds(), "linked/s")
			b.ReportMetric(float64(n)/(saveTime+linkTime).Seconds(), "saved+linked/s")
			if linkCPU > 0 {
				all := prepCPU + linkCPU
				b.ReportMetric(float64(n)/all.Seconds(), "linked/cpu-s")
				b.ReportMetric(float64(n)/(all+saveCPU).Seconds(), "saved+linked/cpu-s")
				b.ReportMetric(math.Round(float64(all.Microseconds())/float64(n)), "cpu-µs-link/article")
				b.ReportMetric(math.Round(float64(prepCPU.Microseconds())/float64(n)), "cpu-µs-prepare/article")
			}
			if linkIO.reads > 0 {
				b.ReportMetric(float64(linkIO.reads)/float64(n), "read-calls-link/article")
				b.ReportMetric(float64(linkIO.writes)/float64(n), "write-calls-link/article")
			}
			if st.calls > 0 {
				b.ReportMetric(float64(st.nodes)/float64(st.calls), "working-set/batch")
				b.ReportMetric(float64(st.read)/float64(st.calls), "state-reads/batch")
				b.ReportMetric(float64(st.largest), "largest-story")
			}
			b.StopTimer()
			sc := scoreStories(c.truth, c.n, storyLabels(b, db))
			b.Logf("stored=%d: stories of all %d articles against the generated ones: pairwise P %.3f R %.3f F1 %.3f, largest %d articles",
				size, c.n, sc.p, sc.r, sc.f, sc.largest)
		})
	}
}

// benchBatch returns the articles a batch of BenchmarkLink holds:
// CHRONICLE_LINK_BENCH_BATCH, by default 128, the pipeline's default.
func benchBatch() int {
	if n, err := strconv.Atoi(os.Getenv("CHRONICLE_LINK_BENCH_BATCH")); err == nil && n > 0 {
		return n
	}
	return 128
}

// prepareAll prepares the articles for linking on every core, as the
// pipeline's coding workers do.
func prepareAll(l *Linker, arts []*news.Article) {
	var wg sync.WaitGroup
	for part := range slices.Chunk(arts, (len(arts)+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for _, a := range part {
				_ = l.Prepare(a) // always nil
			}
		})
	}
	wg.Wait()
}

// benchStore returns a store holding, linked, the first size articles of
// c, which it leaves past them: filled anew, or copied from the file kept
// under CHRONICLE_LINK_BENCH_DB (see BenchmarkLink).
func benchStore(b *testing.B, c *corpus, size int) *store.DB {
	b.Helper()
	prefix := os.Getenv("CHRONICLE_LINK_BENCH_DB")
	if prefix == "" {
		db := openDB(b)
		fillStore(b, db, c, size)
		return db
	}
	kept := fmt.Sprintf("%s.%d.db", prefix, size)
	if _, err := os.Stat(kept); err != nil {
		// Built under a temporary name and renamed when complete, so that
		// an interrupted fill leaves no half-filled store behind.
		tmp := kept + ".tmp"
		if err := os.MkdirAll(filepath.Dir(tmp), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.Remove(tmp); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
		db, err := store.Open(b.Context(), tmp)
		if err != nil {
			b.Fatal(err)
		}
		fillStore(b, db, newCorpus(1, 2700), size)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp+"-wal", kept+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, kept); err != nil {
			b.Fatal(err)
		}
	}
	for c.n < size {
		c.next()
	}
	copied := filepath.Join(b.TempDir(), "link.db")
	if err := copyFile(copied, kept); err != nil {
		b.Fatal(err)
	}
	// A write-ahead log left beside the file holds part of the store.
	if err := copyFile(copied+"-wal", kept+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		b.Fatal(err)
	}
	db, err := store.Open(b.Context(), copied)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Errorf("Close() = %v", err)
		}
	})
	return db
}

// warmCaches fills the linker's caches of records and of stored state
// with the latest of the size stored articles, as a linker that has been
// running holds them: as many as the caches keep.
func warmCaches(b *testing.B, l *Linker, db *store.DB, size int) {
	b.Helper()
	var ids []news.ArticleID
	for i := max(0, size-nodeCacheSize); i < size; i++ {
		ids = append(ids, news.ArticleID(genID(i)))
	}
	arts, err := db.LinkRecords(b.Context(), ids[max(0, len(ids)-recordCacheSize/2):])
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range arts {
		l.records.put(l.k.newRecords(a))
	}
	gen, err := db.LinkGeneration(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	l.nodes.sync(gen)
	if _, err := l.loadNodes(b.Context(), ids); err != nil {
		b.Fatal(err)
	}
}

// fillStore saves and links the next articles of c until db holds size,
// a thousand at a time.
func fillStore(b *testing.B, db *store.DB, c *corpus, size int) {
	b.Helper()
	l, err := New(db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for c.n < size {
		arts := c.batch(min(1000, size-c.n))
		if _, err := db.SaveArticles(b.Context(), arts); err != nil {
			b.Fatal(err)
		}
		if err := l.LinkSaved(b.Context(), arts); err != nil {
			b.Fatal(err)
		}
	}
}

// ioCount is the number of read and write system calls the process has
// made, which SQLite makes one a page.
type ioCount struct{ reads, writes int64 }

// readIO returns the process's counts of read and write system calls from
// /proc/self/io, or zero counts where there is none.
func readIO() ioCount {
	var c ioCount
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return c
	}
	for line := range strings.Lines(string(b)) {
		name, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "syscr":
			c.reads = n
		case "syscw":
			c.writes = n
		}
	}
	return c
}

// copyFile copies the file src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return errors.Join(err, out.Close())
	}
	return out.Close()
}

// BenchmarkProfile measures profiling one generated article: shingling,
// MinHash and features.
func BenchmarkProfile(b *testing.B) {
	k, err := loadKnowledge()
	if err != nil {
		b.Fatal(err)
	}
	a := newCorpus(2, 100).next()
	for b.Loop() {
		k.newProfile(a)
	}
}

var _ Store = (*store.DB)(nil)
