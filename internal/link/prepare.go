package link

import (
	"runtime"
	"sync"
	"sync/atomic"

	"chronicle/internal/news"
)

// Prepare profiles a coded article for linking ahead of LinkSaved, which
// then uses that profile rather than building it. A profile depends on
// its article alone and is about a third of the work of linking it, so a
// pipeline prepares articles in its parallel coding workers, and the one
// goroutine that stores and links batches does the rest. The article must
// not change between Prepare and LinkSaved. Prepare is safe for
// concurrent use, also with LinkSaved; it returns nil, so that it can
// serve as a pipeline stage.
func (l *Linker) Prepare(a *news.Article) error {
	l.prepared.put(a, l.k.newProfile(a))
	return nil
}

// maxPrepared bounds the profiles prepared and not yet linked: those of
// articles that never reach LinkSaved (not stored, or unchanged) are
// dropped when it is reached.
const maxPrepared = 8192

// preparedProfiles holds the profiles Prepare built, by article.
type preparedProfiles struct {
	mu sync.Mutex
	m  map[*news.Article]*profile
}

func (pp *preparedProfiles) put(a *news.Article, p *profile) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if len(pp.m) >= maxPrepared {
		clear(pp.m)
	}
	pp.m[a] = p
}

// take returns and forgets the profile prepared for a, or nil.
func (pp *preparedProfiles) take(a *news.Article) *profile {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	p := pp.m[a]
	delete(pp.m, a)
	return p
}

// newProfiles profiles articles, on as many cores as the process may use:
// each profile depends on its article alone, and profiling is a fifth to
// a quarter of the work of linking a batch.
func (k *knowledge) newProfiles(arts []*news.Article) []*profile {
	out := make([]*profile, len(arts))
	workers := min(runtime.GOMAXPROCS(0), len(arts))
	if workers <= 1 {
		for i, a := range arts {
			out[i] = k.newProfile(a)
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(arts); i = int(next.Add(1)) - 1 {
				out[i] = k.newProfile(arts[i])
			}
		})
	}
	wg.Wait()
	return out
}
