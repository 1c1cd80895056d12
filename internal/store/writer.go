package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"chronicle/internal/news"
)

// Each record table has batchSizes INSERTs, of batchSize(i) rows: 256,
// 64, 16, 4 and 1. Rows are buffered across the articles of a SaveArticles
// call and written 256 at a time: a statement for each row would cost more
// than SQLite's work on the row itself. The rows left at the end take at
// most three statements of each smaller size.
const batchSizes = 5

// batchSize returns the number of rows of a table's INSERT i.
func batchSize(i int) int { return 1 << (2 * (batchSizes - 1 - i)) }

// statements are the write statements, prepared once on the writer's
// connection and bound to each write transaction.
type statements struct {
	deleteArticle *sql.Stmt
	article       *sql.Stmt
	sentences     *batchStmts
	mentions      *batchStmts
	dates         *batchStmts
	events        *batchStmts
	quotes        *batchStmts
}

// batchStmts insert rows into one table.
type batchStmts struct {
	table string
	cols  int
	stmts [batchSizes]*sql.Stmt // stmts[i] inserts batchSize(i) rows
}

const insertArticle = `INSERT INTO articles (id, hash, url, source, title, published, dateline, byline, author,
	input, text, removed, story, duplicate_of, ingested_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`

// prepareStatements prepares the write statements on db.
func prepareStatements(ctx context.Context, db *sql.DB) (*statements, error) {
	var err error
	prepare := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		if s, err = db.PrepareContext(ctx, query); err != nil {
			err = fmt.Errorf("prepare: %v", err)
		}
		return s
	}
	batch := func(table string, cols ...string) *batchStmts {
		b := &batchStmts{table: table, cols: len(cols)}
		for i := range batchSizes {
			b.stmts[i] = prepare(insertRows(table, cols, batchSize(i)))
		}
		return b
	}
	st := &statements{
		deleteArticle: prepare(`DELETE FROM articles WHERE id = $1`),
		article:       prepare(insertArticle),
		sentences:     batch("sentences", "article", "idx", "span_start", "span_end"),
		mentions: batch("mentions", "article", "idx", "span_start", "span_end", "text", "type", "sentence", "rule", "ref",
			"name", "entity", "country", "sector", "role", "place"),
		dates: batch("dates", "article", "idx", "span_start", "span_end", "text", "date", "date_precision", "rule", "sentence"),
		events: batch("events", "article", "idx", "id", "type", "date", "source_entity", "source_country",
			"target_entity", "target_country", "record"),
		quotes: batch("quotes", "article", "idx", "id", "kind", "speaker_entity", "cluster", "record"),
	}
	if err != nil {
		return nil, errors.Join(err, st.close())
	}
	return st, nil
}

// insertRows returns an INSERT of rows rows into table. Its parameters are
// anonymous (?): the driver looks up the name of each numbered parameter in
// a list, so binding them would take time growing with the square of their
// number.
func insertRows(table string, cols []string, rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	row := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

func (st *statements) batches() []*batchStmts {
	return []*batchStmts{st.sentences, st.mentions, st.dates, st.events, st.quotes}
}

// close closes the statements.
func (st *statements) close() error {
	stmts := []*sql.Stmt{st.deleteArticle, st.article}
	for _, b := range st.batches() {
		if b != nil {
			stmts = append(stmts, b.stmts[:]...)
		}
	}
	var errs []error
	for _, s := range stmts {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// writer inserts articles and their records within one transaction.
type writer struct {
	ctx           context.Context
	deleteArticle *sql.Stmt
	article       *sql.Stmt
	sentences     *rowBatch
	mentions      *rowBatch
	dates         *rowBatch
	events        *rowBatch
	quotes        *rowBatch
	inserted      map[news.ArticleID]bool // articles inserted by this transaction
}

// newWriter binds the statements to tx. They run without ctx's
// cancellation, which would cost a goroutine a statement: SaveArticles
// checks ctx between articles instead. The bound statements close with tx.
func newWriter(ctx context.Context, tx *sql.Tx, st *statements) *writer {
	ctx = context.WithoutCancel(ctx)
	batch := func(b *batchStmts) *rowBatch {
		rb := &rowBatch{table: b.table, cols: b.cols}
		for i, s := range b.stmts {
			rb.stmts[i] = tx.StmtContext(ctx, s)
		}
		return rb
	}
	return &writer{
		ctx:           ctx,
		deleteArticle: tx.StmtContext(ctx, st.deleteArticle),
		article:       tx.StmtContext(ctx, st.article),
		sentences:     batch(st.sentences),
		mentions:      batch(st.mentions),
		dates:         batch(st.dates),
		events:        batch(st.events),
		quotes:        batch(st.quotes),
		inserted:      map[news.ArticleID]bool{},
	}
}

// batches returns the row batches in the order of encoded.rows.
func (w *writer) batches() [numTables]*rowBatch {
	return [numTables]*rowBatch{w.sentences, w.mentions, w.dates, w.events, w.quotes}
}

// flush writes the buffered rows.
func (w *writer) flush() error {
	for _, b := range w.batches() {
		if err := b.flush(w.ctx); err != nil {
			return err
		}
	}
	return nil
}

// delete deletes the stored article id and, by cascade, its records.
func (w *writer) delete(id news.ArticleID) error {
	if w.inserted[id] {
		// Buffered rows may belong to an earlier version of the article
		// in the same batch.
		if err := w.flush(); err != nil {
			return err
		}
	}
	_, err := w.deleteArticle.ExecContext(w.ctx, string(id))
	return err
}

// Record tables, in the order of encoded.rows.
const (
	tSentences = iota
	tMentions
	tDates
	tEvents
	tQuotes
	numTables
)

// encoded is an article as the values of its rows: the article's row and,
// for each record table, the values of all the article's rows one after
// the other.
type encoded struct {
	article []any
	rows    [numTables][]any
}

// encode returns the rows of the article. It returns an error wrapping
// news.ErrInvalid when two sentences share an index.
func encode(a *news.Article, ingested string) (*encoded, error) {
	if err := uniqueIndexes(a.Sentences); err != nil {
		return nil, err
	}
	args, err := articleArgs(a, ingested)
	if err != nil {
		return nil, err
	}
	e := &encoded{article: args}
	id := string(a.ID)
	rows := make([]any, 0, 4*len(a.Sentences))
	for _, s := range a.Sentences {
		rows = append(rows, id, s.Index, s.Span.Start, s.Span.End)
	}
	e.rows[tSentences] = rows
	rows = make([]any, 0, 15*len(a.Mentions))
	for i, m := range a.Mentions {
		var place any
		if m.Place != nil {
			b, err := m.Place.MarshalJSON()
			if err != nil {
				return nil, fmt.Errorf("mention %d: %v", i, err)
			}
			place = string(b)
		}
		rows = append(rows, id, i, m.Span.Start, m.Span.End, m.Text, nullable(m.Type), m.Sentence,
			nullable(m.Rule), m.Ref, nullable(m.Actor.Name), nullable(m.Actor.Entity), nullable(m.Actor.Country),
			nullable(m.Actor.Sector), nullable(m.Actor.Role), place)
	}
	e.rows[tMentions] = rows
	rows = make([]any, 0, 9*len(a.Dates))
	for i, d := range a.Dates {
		rows = append(rows, id, i, d.Span.Start, d.Span.End, d.Text, nullable(d.Date),
			nullable(d.Precision), nullable(d.Rule), d.Sentence)
	}
	e.rows[tDates] = rows
	rows = make([]any, 0, 10*len(a.Events))
	for i, ev := range a.Events {
		ev.Article = a.ID
		// Called directly, not through json.Marshal, which would check and
		// compact the output once more.
		b, err := ev.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("event %d: %v", i, err)
		}
		rows = append(rows, id, i, nullable(ev.ID), nullable(ev.Type), nullable(ev.Date),
			nullable(ev.Source.Entity), nullable(ev.Source.Country), nullable(ev.Target.Entity), nullable(ev.Target.Country),
			string(b))
	}
	e.rows[tEvents] = rows
	rows = make([]any, 0, 7*len(a.Quotes))
	for i, q := range a.Quotes {
		q.Article = a.ID
		b, err := q.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("quote %d: %v", i, err)
		}
		var speaker any
		if q.Speaker != nil {
			speaker = nullable(q.Speaker.Entity)
		}
		rows = append(rows, id, i, nullable(q.ID), nullable(q.Kind), speaker, nullable(q.Cluster), string(b))
	}
	e.rows[tQuotes] = rows
	return e, nil
}

// insert writes the article's row and buffers its records' rows.
func (w *writer) insert(id news.ArticleID, e *encoded) error {
	if _, err := w.article.ExecContext(w.ctx, e.article...); err != nil {
		return fmt.Errorf("insert: %v", err)
	}
	w.inserted[id] = true
	for t, b := range w.batches() {
		if err := b.add(w.ctx, e.rows[t]); err != nil {
			return err
		}
	}
	return nil
}

// uniqueIndexes reports sentences that share an index: the index is the
// sentence's key.
func uniqueIndexes(ss []news.Sentence) error {
	for i, s := range ss {
		if s.Index == i {
			continue
		}
		// Not numbered by position: check the long way.
		seen := make(map[int]bool, len(ss))
		for _, s := range ss {
			if seen[s.Index] {
				return fmt.Errorf("sentence index %d used twice: %w", s.Index, news.ErrInvalid)
			}
			seen[s.Index] = true
		}
		return nil
	}
	return nil
}

// rowBatch buffers the rows of one table and inserts them batchSize(0) at
// a time.
type rowBatch struct {
	table string
	cols  int
	stmts [batchSizes]*sql.Stmt // bound to the transaction
	args  []any
}

// add buffers rows, given as the values of one row after the other, and
// writes batchSize(0) rows at a time.
func (b *rowBatch) add(ctx context.Context, rows []any) error {
	full := batchSize(0) * b.cols
	for len(rows) > 0 {
		n := min(len(rows), full-len(b.args))
		b.args = append(b.args, rows[:n]...)
		rows = rows[n:]
		if len(b.args) < full {
			return nil
		}
		_, err := b.stmts[0].ExecContext(ctx, b.args...)
		clear(b.args)
		b.args = b.args[:0]
		if err != nil {
			return fmt.Errorf("insert %s: %v", b.table, err)
		}
	}
	return nil
}

// flush writes the buffered rows, with the largest statements that fit.
func (b *rowBatch) flush(ctx context.Context) error {
	args := b.args
	for i := range batchSizes {
		n := batchSize(i)
		for len(args) >= n*b.cols {
			if _, err := b.stmts[i].ExecContext(ctx, args[:n*b.cols]...); err != nil {
				return fmt.Errorf("insert %s: %v", b.table, err)
			}
			args = args[n*b.cols:]
		}
	}
	clear(b.args)
	b.args = b.args[:0]
	return nil
}
