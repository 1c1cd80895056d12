package link

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// recode links the events and quotes of every story relink built: events
// of one happening become one linked event, and quotes of one statement
// share a cluster.
func (l *Linker) recode(ctx context.Context, w *work, links *store.Links) error {
	var missing []news.ArticleID
	recs := map[news.ArticleID]*records{}
	for _, s := range w.built {
		if !s.changed {
			continue
		}
		for _, r := range s.segs {
			p := w.ps[r.art]
			if w.arts[p.id] != nil {
				continue
			}
			if rec := l.records.get(p.id, p.hash); rec != nil {
				w.arts[p.id] = rec.a
				recs[p.id] = rec
				continue
			}
			missing = append(missing, p.id)
		}
	}
	if len(missing) > 0 {
		arts, err := l.db.LinkRecords(ctx, missing)
		if err != nil {
			return fmt.Errorf("link: %v", err)
		}
		for _, a := range arts {
			w.arts[a.ID] = a
		}
	}
	for _, a := range w.arts {
		rec := recs[a.ID]
		if rec == nil {
			rec = l.k.newRecords(a)
			recs[a.ID] = rec
		}
		l.records.put(rec)
	}
	old, err := l.db.LinkClusters(ctx, sortedKeys(w.oldStories))
	if err != nil {
		return fmt.Errorf("link: %v", err)
	}
	oldCluster := map[string]store.EventCluster{}
	for _, c := range old {
		oldCluster[c.Event.ID] = c
	}
	clustered := map[store.EventRef]bool{}
	newIDs := map[string]bool{}
	origin := func(p *profile) string {
		root := w.nodes[w.dupRoot[p.id]]
		if root == nil || root.p.source == "" {
			return "article:" + string(w.dupRoot[p.id])
		}
		return root.p.source
	}
	for _, s := range w.built {
		if !s.changed {
			continue
		}
		var reports []*report
		var quotes []*quoteItem
		for _, r := range s.segs {
			p := w.ps[r.art]
			a := w.arts[p.id]
			if a == nil {
				// Deleted between reads: it is linked again when it
				// comes back, or dropped when its deletion is.
				continue
			}
			span := p.segs[r.seg].span
			if len(p.segs) == 1 {
				span = news.Span{Start: 0, End: max(len(a.Text), span.End) + 1}
			}
			rec := recs[p.id]
			for i, e := range a.Events {
				if !within(eventStart(e), span) {
					continue
				}
				reports = append(reports, &report{ev: e, art: p, index: i, origin: origin(p),
					family: l.k.familyOf(e.Type), trigger: l.k.triggerWord(a.Text, e.Trigger), words: rec.evWords[i]})
			}
			for i, q := range a.Quotes {
				if !within(q.Span.Start, span) {
					continue
				}
				quotes = append(quotes, &quoteItem{q: q, art: p, index: i, words: rec.qWords[i]})
			}
		}
		for _, c := range l.k.clusterEvents(reports) {
			if len(c) < 2 {
				continue
			}
			ec := store.EventCluster{Story: s.story.ID, Event: mergeEvents(c),
				Rep: store.EventRef{Article: c[0].art.id, Index: c[0].index}}
			if ec.Event.ID == "" {
				ec.Event.ID = "ev-" + strconv.FormatUint(hashString(string(c[0].art.id)+"#"+strconv.Itoa(c[0].index)), 16)
			}
			fresh := false
			for _, r := range c {
				ref := store.EventRef{Article: r.art.id, Index: r.index}
				ec.Members = append(ec.Members, ref)
				clustered[ref] = true
				fresh = fresh || w.nodes[r.art.id].fresh
			}
			newIDs[ec.Event.ID] = true
			// A cluster stored with the same reports, none of them new, is
			// left as it is.
			if o, ok := oldCluster[ec.Event.ID]; ok && !fresh && o.Story == ec.Story && slices.Equal(o.Members, ec.Members) {
				continue
			}
			links.Events = append(links.Events, ec)
		}
		for _, c := range clusterQuotes(quotes) {
			id := ""
			if len(c) > 1 {
				id = "qc-" + strconv.FormatUint(hashString(string(c[0].art.id)+"#"+strconv.Itoa(c[0].index)), 16)
			}
			for _, q := range c {
				if q.q.Cluster != id {
					links.Quotes = append(links.Quotes, store.QuoteLink{Article: q.art.id, Index: q.index, Cluster: id})
				}
			}
		}
	}
	recomputed := map[string]bool{}
	for _, s := range w.built {
		recomputed[s.story.ID] = s.changed
	}
	for _, id := range links.Gone {
		recomputed[id] = true
	}
	for _, c := range old {
		if !recomputed[c.Story] {
			continue // its story is as it was
		}
		if !newIDs[c.Event.ID] {
			links.DropClusters = append(links.DropClusters, c.Event.ID)
		}
		for _, m := range c.Members {
			if !clustered[m] && !slices.Contains(w.drop, m.Article) {
				links.Unclustered = append(links.Unclustered, m)
			}
		}
	}
	return nil
}

// eventStart returns where an event is reported in its article: its
// trigger, or its first evidence sentence.
func eventStart(e news.Event) int {
	if e.Trigger.End > 0 {
		return e.Trigger.Start
	}
	if len(e.Evidence) > 0 {
		return e.Evidence[0].Span.Start
	}
	return 0
}

func within(at int, s news.Span) bool { return at >= s.Start && at < s.End }

// triggerWord returns the stemmed first content word of an event's
// trigger, or "" when it has none.
func (k *knowledge) triggerWord(text string, s news.Span) string {
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		return ""
	}
	ws := k.contentWords(tokens(text, []news.Span{s}))
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

// wordSet returns the content words of s.
func (k *knowledge) wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range k.contentWords(tokens(s, []news.Span{{Start: 0, End: len(s)}})) {
		out[w] = true
	}
	return out
}
