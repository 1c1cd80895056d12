package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"chronicle/internal/news"
)

// SaveLinks writes one step of linking in one transaction, which adds one
// to the link generation (see LinkGeneration). A story or an
// event cluster without an id, or a node without an article, is an error
// wrapping news.ErrInvalid.
func (db *DB) SaveLinks(ctx context.Context, l *Links) error {
	for _, s := range l.Stories {
		if s.ID == "" {
			return fmt.Errorf("save links: story without an id: %w", news.ErrInvalid)
		}
	}
	for _, c := range l.Events {
		if c.Event.ID == "" || c.Story == "" {
			return fmt.Errorf("save links: event cluster without an id or a story: %w", news.ErrInvalid)
		}
	}
	for _, n := range l.Nodes {
		if n.Article == "" {
			return fmt.Errorf("save links: link state without an article: %w", news.ErrInvalid)
		}
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		w := &linkWriter{ctx: ctx, tx: tx}
		if err := w.exec(`UPDATE link_generation SET generation = generation + 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		if err := w.nodes(l); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		if err := w.stories(l); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		if err := w.articles(l.Articles, l.Nodes); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		if err := w.events(l.Events); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		if err := w.quotes(l.Quotes); err != nil {
			return fmt.Errorf("save links: %v", err)
		}
		return nil
	})
}

// linkWriter writes the parts of Links within one transaction.
type linkWriter struct {
	ctx context.Context
	tx  *sql.Tx
}

func (w *linkWriter) exec(query string, args ...any) error {
	_, err := w.tx.ExecContext(w.ctx, query, args...)
	return err
}

// nodes replaces the state and keys of the saved nodes and deletes those
// of dropped articles.
func (w *linkWriter) nodes(l *Links) error {
	old := make([]news.ArticleID, 0, len(l.Nodes)+len(l.Drop))
	for _, n := range l.Nodes {
		old = append(old, n.Article)
	}
	old = append(old, l.Drop...)
	var stale [][]any
	for chunk := range chunks(sortedIDs(old)) {
		args, in := inArgs(chunk)
		err := each(w.ctx, w.tx, `SELECT article, keys FROM link_nodes WHERE article IN (`+in+`)`, args, func(rows *sql.Rows) error {
			var (
				id   string
				keys []byte
			)
			if err := rows.Scan(&id, &keys); err != nil {
				return err
			}
			for len(keys) >= 8 {
				stale = append(stale, []any{int64(binary.LittleEndian.Uint64(keys)), id})
				keys = keys[8:]
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read old link keys: %v", err)
		}
		if err := w.exec(`DELETE FROM link_nodes WHERE article IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("delete old link state: %v", err)
		}
	}
	for _, k := range stale {
		if err := w.exec(`DELETE FROM link_keys WHERE key = $1 AND article = $2`, k...); err != nil {
			return fmt.Errorf("delete old link keys: %v", err)
		}
	}
	for chunk := range chunks(sortedIDs(l.Drop)) {
		args, in := inArgs(chunk)
		for _, q := range []string{
			`DELETE FROM link_members WHERE article IN (` + in + `)`,
			`DELETE FROM link_events WHERE article IN (` + in + `)`,
		} {
			if err := w.exec(q, args...); err != nil {
				return fmt.Errorf("drop links: %v", err)
			}
		}
	}
	var nodeRows, keyRows [][]any
	for _, n := range l.Nodes {
		keys := make([]byte, 0, 8*len(n.Keys))
		for _, k := range n.Keys {
			keys = binary.LittleEndian.AppendUint64(keys, k)
			keyRows = append(keyRows, []any{int64(k), string(n.Article)})
		}
		nodeRows = append(nodeRows, []any{string(n.Article), nullable(n.Story), nullable(n.DuplicateOf), n.State, keys})
	}
	// The old rows are gone: nothing conflicts but a node given twice,
	// whose last state is kept.
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO link_nodes (article, story, duplicate_of, state, keys)", lastRows(nodeRows, 1), ""); err != nil {
		return fmt.Errorf("insert link state: %v", err)
	}
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO link_keys (key, article)", keyRows, ""); err != nil {
		return fmt.Errorf("insert link keys: %v", err)
	}
	return nil
}

// stories deletes the gone stories with their memberships and event
// clusters, writes the stories' rows and memberships, and deletes the
// event clusters of the reclustered stories.
func (w *linkWriter) stories(l *Links) error {
	ids := slices.Clone(l.Gone)
	for _, s := range l.Stories {
		ids = append(ids, s.ID)
	}
	if err := w.inStories(ids, `DELETE FROM stories WHERE id IN (%s)`); err != nil {
		return fmt.Errorf("delete stories: %v", err)
	}
	for _, q := range []string{
		`DELETE FROM link_members WHERE story IN (%s)`,
		`DELETE FROM link_events WHERE cluster IN (SELECT id FROM event_clusters WHERE story IN (%s))`,
		`DELETE FROM event_clusters WHERE story IN (%s)`,
	} {
		if err := w.inStories(l.Gone, q); err != nil {
			return fmt.Errorf("delete stories: %v", err)
		}
	}
	for _, q := range []string{
		`DELETE FROM link_events WHERE cluster IN (%s)`,
		`DELETE FROM event_clusters WHERE id IN (%s)`,
	} {
		if err := w.inStories(l.DropClusters, q); err != nil {
			return fmt.Errorf("delete event clusters: %v", err)
		}
	}
	for _, e := range l.Unclustered {
		if err := w.exec(`DELETE FROM link_events WHERE article = $1 AND idx = $2`, string(e.Article), e.Index); err != nil {
			return fmt.Errorf("delete event cluster member: %v", err)
		}
	}
	for _, m := range l.Left {
		if err := w.exec(`DELETE FROM link_members WHERE story = $1 AND article = $2`, m.Story, string(m.Article)); err != nil {
			return fmt.Errorf("delete story member: %v", err)
		}
	}
	var storyRows, memberRows [][]any
	for _, s := range l.Stories {
		storyRows = append(storyRows, []any{s.ID, nullable(s.Title), nullable(s.First), nullable(s.Last)})
		for _, a := range s.Articles {
			memberRows = append(memberRows, []any{s.ID, string(a)})
		}
	}
	// The old rows are gone: nothing conflicts but a story given twice,
	// whose last row is kept.
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO stories (id, title, first, last)", lastRows(storyRows, 1), ""); err != nil {
		return fmt.Errorf("insert stories: %v", err)
	}
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO link_members (story, article)", memberRows, ""); err != nil {
		return fmt.Errorf("insert story members: %v", err)
	}
	return nil
}

// inStories runs query, whose %s stands for an IN list, over ids.
func (w *linkWriter) inStories(ids []string, query string) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for len(ids) > 0 {
		n := min(len(ids), inChunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		if err := w.exec(strings.ReplaceAll(query, "%s", qmarks(n)), args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// articles sets the main story and the original of articles, in their
// rows and in their link state; the state of nodes, just written, already
// holds them when they agree.
func (w *linkWriter) articles(as []ArticleLink, nodes []LinkNode) error {
	if len(as) == 0 {
		return nil
	}
	written := make(map[news.ArticleID]ArticleLink, len(nodes))
	for _, n := range nodes {
		written[n.Article] = ArticleLink{ID: n.Article, Story: n.Story, DuplicateOf: n.DuplicateOf}
	}
	var rows, nodeRows [][]any
	for _, a := range as {
		r := []any{string(a.ID), nullable(a.Story), nullable(a.DuplicateOf)}
		rows = append(rows, r)
		if n, ok := written[a.ID]; !ok || n != a {
			nodeRows = append(nodeRows, r)
		}
	}
	rows, nodeRows = lastRows(rows, 1), lastRows(nodeRows, 1)
	if err := updateMany(w.ctx, w.tx, "articles", 1, []string{"id", "story", "duplicate_of"}, rows); err != nil {
		return fmt.Errorf("set stories of articles: %v", err)
	}
	if err := updateMany(w.ctx, w.tx, "link_nodes", 1, []string{"article", "story", "duplicate_of"}, nodeRows); err != nil {
		return fmt.Errorf("set stories of link state: %v", err)
	}
	return nil
}

// events inserts event clusters and their members. Members already
// stored in their cluster are left alone: rewriting a row as it is would
// still rewrite its page.
func (w *linkWriter) events(cs []EventCluster) error {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Event.ID
	}
	stored := map[EventRef]string{}
	for chunk := range slices.Chunk(ids, inChunk) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		err := each(w.ctx, w.tx, `SELECT article, idx, cluster FROM link_events WHERE cluster IN (`+qmarks(len(chunk))+`)`, args,
			func(rows *sql.Rows) error {
				var (
					article, cluster string
					idx              int
				)
				if err := rows.Scan(&article, &idx, &cluster); err != nil {
					return err
				}
				stored[EventRef{Article: news.ArticleID(article), Index: idx}] = cluster
				return nil
			})
		if err != nil {
			return fmt.Errorf("read event cluster members: %v", err)
		}
	}
	var clusterRows, memberRows [][]any
	for _, c := range cs {
		e := c.Event
		e.Article = c.Rep.Article
		b, err := e.MarshalJSON()
		if err != nil {
			return fmt.Errorf("event cluster %s: %v", e.ID, err)
		}
		clusterRows = append(clusterRows, []any{e.ID, c.Story, string(c.Rep.Article), c.Rep.Index, string(b)})
		for _, m := range c.Members {
			if stored[m] != e.ID {
				memberRows = append(memberRows, []any{string(m.Article), m.Index, e.ID})
			}
		}
	}
	// Stored clusters and members are updated in place, and the others
	// inserted: an upsert could abort halfway, so SQLite would first copy
	// every page it changes to a statement journal.
	clusterRows = lastRows(clusterRows, 1)
	if err := updateMany(w.ctx, w.tx, "event_clusters", 1, []string{"id", "story", "article", "idx", "record"}, clusterRows); err != nil {
		return fmt.Errorf("update event clusters: %v", err)
	}
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO event_clusters (id, story, article, idx, record)", clusterRows, ""); err != nil {
		return fmt.Errorf("insert event clusters: %v", err)
	}
	memberRows = lastRows(memberRows, 2)
	if err := updateMany(w.ctx, w.tx, "link_events", 2, []string{"article", "idx", "cluster"}, memberRows); err != nil {
		return fmt.Errorf("update event cluster members: %v", err)
	}
	if err := insertMany(w.ctx, w.tx, "INSERT OR IGNORE INTO link_events (article, idx, cluster)", memberRows, ""); err != nil {
		return fmt.Errorf("insert event cluster members: %v", err)
	}
	return nil
}

// updateMany sets the columns cols[keys:] of the rows of table whose
// columns cols[:keys] hold the values of one of rows, with multi-row
// UPDATE statements. Rows that match none are left out: insert them
// after with INSERT OR IGNORE.
func updateMany(ctx context.Context, tx *sql.Tx, table string, keys int, cols []string, rows [][]any) error {
	var set, where []string
	for i, c := range cols {
		if i < keys {
			where = append(where, fmt.Sprintf("%s.%s = v.column%d", table, c, i+1))
		} else {
			set = append(set, fmt.Sprintf("%s = v.column%d", c, i+1))
		}
	}
	// OR IGNORE: an UPDATE that cannot fail needs no statement journal.
	return forMany(rows, func(values string, args []any) error {
		_, err := tx.ExecContext(ctx, "UPDATE OR IGNORE "+table+" SET "+strings.Join(set, ", ")+
			" FROM (VALUES "+values+") AS v WHERE "+strings.Join(where, " AND "), args...)
		return err
	})
}

// lastRows returns rows with one row for each value of their first n
// columns: the last row given, at the place of the first. Writing them
// with INSERT OR IGNORE then does what an upsert of rows would.
func lastRows(rows [][]any, n int) [][]any {
	at := make(map[string]int, len(rows))
	out := make([][]any, 0, len(rows))
	var b []byte
	for _, r := range rows {
		b = b[:0]
		for _, v := range r[:n] {
			b = fmt.Appendf(b, "%#v,", v) // quoted: one key for one list of values
		}
		k := string(b)
		if i, ok := at[k]; ok {
			out[i] = r
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	return out
}

// quotes sets the cluster of quotes, in their column and in their record.
func (w *linkWriter) quotes(qs []QuoteLink) error {
	type at struct {
		article news.ArticleID
		idx     int
	}
	cluster := make(map[at]string, len(qs)) // the last given of each quote
	var articles []news.ArticleID
	for _, ql := range qs {
		cluster[at{ql.Article, ql.Index}] = ql.Cluster
		articles = append(articles, ql.Article)
	}
	// A quote no longer stored is left out: its article changed since it
	// was read, and is linked again.
	var rows [][]any
	for chunk := range chunks(sortedIDs(articles)) {
		args, in := inArgs(chunk)
		err := each(w.ctx, w.tx, `SELECT article, idx, record FROM quotes WHERE article IN (`+in+`) ORDER BY article, idx`, args,
			func(r *sql.Rows) error {
				var (
					k      at
					record string
				)
				if err := r.Scan(&k.article, &k.idx, &record); err != nil {
					return err
				}
				c, ok := cluster[k]
				if !ok {
					return nil
				}
				var q news.Quote
				if err := json.Unmarshal([]byte(record), &q); err != nil {
					return fmt.Errorf("quote %s/%d: %v", k.article, k.idx, err)
				}
				if q.Cluster == c {
					return nil
				}
				q.Cluster = c
				b, err := q.MarshalJSON()
				if err != nil {
					return fmt.Errorf("quote %s/%d: %v", k.article, k.idx, err)
				}
				rows = append(rows, []any{string(k.article), k.idx, nullable(c), string(b)})
				return nil
			})
		if err != nil {
			return fmt.Errorf("read quotes: %v", err)
		}
	}
	if err := updateMany(w.ctx, w.tx, "quotes", 2, []string{"article", "idx", "cluster", "record"}, rows); err != nil {
		return fmt.Errorf("set clusters of quotes: %v", err)
	}
	return nil
}

// insertMany inserts rows with multi-row INSERT statements: head is the
// statement up to VALUES, tail what follows the values.
func insertMany(ctx context.Context, tx *sql.Tx, head string, rows [][]any, tail string) error {
	return forMany(rows, func(values string, args []any) error {
		_, err := tx.ExecContext(ctx, head+" VALUES "+values+tail, args...)
		return err
	})
}

// forMany calls exec with the VALUES list and the arguments of up to 128
// rows at a time.
func forMany(rows [][]any, exec func(values string, args []any) error) error {
	const perStmt = 128
	for len(rows) > 0 {
		n := min(len(rows), perStmt)
		var b strings.Builder
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			// Anonymous parameters: SQLite looks numbered ones up in a
			// list, which costs the square of a long statement's length.
			b.WriteString("(?" + strings.Repeat(", ?", len(r)-1) + ")")
			args = append(args, r...)
		}
		if err := exec(b.String(), args); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
