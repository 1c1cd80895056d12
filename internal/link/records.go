package link

import (
	"sync"

	"chronicle/internal/news"
)

// recordCacheSize is how many articles' events and quotes a Linker keeps:
// about the articles of the last few days at a million articles a year.
const recordCacheSize = 20000

// recordCache holds the events and quotes of articles by id, each with the
// hash of the version they are of.
type recordCache struct {
	mu  sync.Mutex
	max int
	m   map[news.ArticleID]*records
}

// records are the events and quotes of one version of an article, with
// the content words event and quote linking compare.
type records struct {
	a       *news.Article     // ID, Hash, Source, Events and Quotes only
	evWords []map[string]bool // of each event's first evidence sentence
	qWords  []map[string]bool // of each quote's text
}

func newRecordCache(max int) *recordCache {
	return &recordCache{max: max, m: map[news.ArticleID]*records{}}
}

// get returns the cached records of the article's version hash, or nil.
func (c *recordCache) get(id news.ArticleID, hash string) *records {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.m[id]; r != nil && r.a.Hash == hash {
		return r
	}
	return nil
}

// put caches records. A full cache is emptied: what follows refills it
// with the articles in use.
func (c *recordCache) put(r *records) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[r.a.ID] = r
}

// newRecords returns the records of an article as the cache keeps them.
func (k *knowledge) newRecords(a *news.Article) *records {
	r := &records{a: &news.Article{ID: a.ID, Hash: a.Hash, Source: a.Source, Events: a.Events, Quotes: a.Quotes},
		evWords: make([]map[string]bool, len(a.Events)), qWords: make([]map[string]bool, len(a.Quotes))}
	for i, e := range a.Events {
		var sentence string
		if len(e.Evidence) > 0 {
			sentence = e.Evidence[0].Sentence
		}
		r.evWords[i] = k.wordSet(sentence)
	}
	for i, q := range a.Quotes {
		r.qWords[i] = k.wordSet(q.Text)
	}
	return r
}
