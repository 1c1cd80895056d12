package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"chronicle/internal/news"
)

// Outcome is what SaveArticles did with one article.
type Outcome string

// Outcomes of SaveArticles.
const (
	New       Outcome = "new"       // the article was not stored before
	Unchanged Outcome = "unchanged" // stored with the same hash: nothing was written
	Replaced  Outcome = "replaced"  // stored with another hash: the old version was replaced
)

// SaveArticles stores the articles and everything found in them (removed
// spans, sentences, mentions, dates, events, quotes) in one transaction,
// and returns one outcome per article, in order. An article stored with the
// same Hash is left as it is; one stored with another Hash is replaced
// with all its records. An article that appears twice in arts is saved as
// if the two were saved one after the other. Events and quotes are stored
// as records of the article they are in, whatever their Article field
// says.
//
// Either every article is saved or, on error, none is. An article without
// an ID or a Hash, or with two sentences of one Index, is an error wrapping
// news.ErrInvalid.
func (db *DB) SaveArticles(ctx context.Context, arts []*news.Article) ([]Outcome, error) {
	for i, a := range arts {
		switch {
		case a == nil:
			return nil, fmt.Errorf("save articles: article %d is nil: %w", i, news.ErrInvalid)
		case a.ID == "":
			return nil, fmt.Errorf("save articles: article %d has no id: %w", i, news.ErrInvalid)
		case a.Hash == "":
			return nil, fmt.Errorf("save article %s: no hash: %w", a.ID, news.ErrInvalid)
		}
	}
	if len(arts) == 0 {
		return []Outcome{}, nil
	}
	// Articles stored with the same hash are likely unchanged: they are
	// not encoded ahead. The transaction decides.
	ids := make([]news.ArticleID, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	known, err := db.Hashes(ctx, ids)
	if err != nil {
		return nil, ctxErr(ctx, fmt.Errorf("save articles: %v", err))
	}
	ingested := formatTime(db.now())

	// Another goroutine encodes the articles (JSON, row values) while the
	// transaction writes those before them: the two take about as long.
	ectx, cancel := context.WithCancel(ctx)
	encodings := make(chan encoding, encodeAhead)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(encodings)
		for _, a := range arts {
			var r encoding
			if h, ok := known[a.ID]; !ok || h != a.Hash {
				r.e, r.err = encode(a, ingested)
			}
			select {
			case encodings <- r:
			case <-ectx.Done():
				return
			}
		}
	}()
	defer func() {
		cancel()
		<-done
	}()

	out := make([]Outcome, len(arts))
	err = db.write(ctx, func(tx *sql.Tx) error {
		w := newWriter(ctx, tx, db.stmts)
		// The transaction holds the write lock: no other writer changes
		// the stored hashes until it ends, so they are read once.
		stored, err := hashes(w.ctx, tx, ids)
		if err != nil {
			return fmt.Errorf("save articles: %v", err)
		}
		for i, a := range arts {
			// A long batch stops at the next article once ctx is done,
			// rather than at commit.
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("save articles: %w", err)
			}
			r, ok := <-encodings
			if !ok {
				return fmt.Errorf("save articles: %w", context.Cause(ectx))
			}
			hash, found := stored[a.ID]
			switch {
			case !found:
				out[i] = New
			case hash == a.Hash:
				out[i] = Unchanged
				continue
			default:
				out[i] = Replaced
				if err := w.delete(a.ID); err != nil {
					return fmt.Errorf("save article %s: delete old version: %v", a.ID, err)
				}
			}
			if r.e == nil && r.err == nil {
				// Stored with the same hash when the batch was read
				// ahead, and changed since by an earlier article of the
				// batch or another process.
				r.e, r.err = encode(a, ingested)
			}
			if r.err != nil {
				return fmt.Errorf("save article %s: %w", a.ID, r.err)
			}
			if err := w.insert(a.ID, r.e); err != nil {
				return fmt.Errorf("save article %s: %v", a.ID, err)
			}
			stored[a.ID] = a.Hash
		}
		if err := w.flush(); err != nil {
			return fmt.Errorf("save articles: %v", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// encodeAhead is how many articles the encoding goroutine of SaveArticles
// may run ahead of the transaction.
const encodeAhead = 16

// encoding is the result of encode; both fields are nil for an article
// that was not encoded ahead.
type encoding struct {
	e   *encoded
	err error
}

// Hashes returns the stored hash of each of ids that is stored. Ids that are
// not stored are absent from the map.
func (db *DB) Hashes(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]string, error) {
	out, err := hashes(ctx, db.r, ids)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	return out, nil
}

// hashes returns the stored hash of each of ids that is stored.
func hashes(ctx context.Context, q querier, ids []news.ArticleID) (map[news.ArticleID]string, error) {
	out := make(map[news.ArticleID]string, len(ids))
	// SQLite allows 32766 parameters a statement; far fewer keep the
	// statement text short.
	const chunk = 500
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = string(id)
		}
		query := `SELECT id, hash FROM articles WHERE id IN (` + placeholders(1, n) + `)`
		err := each(ctx, q, query, args, func(rows *sql.Rows) error {
			var id, hash string
			if err := rows.Scan(&id, &hash); err != nil {
				return err
			}
			out[news.ArticleID(id)] = hash
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read hashes: %v", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

// placeholders returns "$from, $from+1, ..." for n parameters.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

// Article returns the stored article id with all its records. It returns
// an error wrapping news.ErrNotFound when no such article is stored.
func (db *DB) Article(ctx context.Context, id news.ArticleID) (*news.Article, error) {
	var a *news.Article
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = scanArticle(tx.QueryRowContext(ctx, selectArticle+` WHERE id = $1`, string(id)))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %s: %w", id, news.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read article %s: %v", id, err)
		}
		if err := readRecords(ctx, tx, a); err != nil {
			return fmt.Errorf("read article %s: %v", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Articles calls fn for each stored article in the order of their ids,
// with the article's fields, removed spans, text and sentences but not its
// other records: enough for news.Article.Record. The articles come from
// one snapshot of the database. An error from fn stops the iteration and
// is returned as it is.
func (db *DB) Articles(ctx context.Context, fn func(*news.Article) error) error {
	return db.read(ctx, func(tx *sql.Tx) error {
		// Sentences are read alongside articles in the same order and
		// merged, rather than queried once per article.
		srows, err := tx.QueryContext(ctx, `SELECT article, idx, span_start, span_end FROM sentences ORDER BY article, idx`)
		if err != nil {
			return fmt.Errorf("read sentences: %v", err)
		}
		defer srows.Close()
		var (
			pending   bool // a scanned sentence of an article not reached yet
			sArticle  string
			sSentence news.Sentence
		)
		next := func() error {
			pending = srows.Next()
			if !pending {
				return srows.Err()
			}
			return srows.Scan(&sArticle, &sSentence.Index, &sSentence.Span.Start, &sSentence.Span.End)
		}
		if err := next(); err != nil {
			return fmt.Errorf("read sentences: %v", err)
		}
		arows, err := tx.QueryContext(ctx, selectArticle+` ORDER BY id`)
		if err != nil {
			return fmt.Errorf("read articles: %v", err)
		}
		defer arows.Close()
		for arows.Next() {
			a, err := scanArticle(arows)
			if err != nil {
				return fmt.Errorf("read articles: %v", err)
			}
			for pending && sArticle <= string(a.ID) {
				if sArticle == string(a.ID) {
					a.Sentences = append(a.Sentences, sSentence)
				}
				if err := next(); err != nil {
					return fmt.Errorf("read sentences: %v", err)
				}
			}
			if err := fn(a); err != nil {
				return stopError{err}
			}
		}
		if err := arows.Err(); err != nil {
			return fmt.Errorf("read articles: %v", err)
		}
		return nil
	})
}

// SetDuplicate records that the article id is a near-duplicate of the
// article of, which need not be stored; an empty of clears it. It returns an error wrapping
// news.ErrNotFound when id is not stored, and one wrapping news.ErrInvalid
// when id and of are the same.
func (db *DB) SetDuplicate(ctx context.Context, id, of news.ArticleID) error {
	if id == of {
		return fmt.Errorf("set duplicate of %s: an article cannot duplicate itself: %w", id, news.ErrInvalid)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = $1 WHERE id = $2`, nullable(of), string(id))
		if err != nil {
			return fmt.Errorf("set duplicate of %s: %v", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("set duplicate of %s: %v", id, err)
		}
		if n == 0 {
			return fmt.Errorf("set duplicate of %s: %w", id, news.ErrNotFound)
		}
		return nil
	})
}

const selectArticle = `SELECT id, hash, url, source, title, published, dateline, byline, author, input, text,
	removed, story, duplicate_of FROM articles`

// scanArticle reads a row of selectArticle.
func scanArticle(row interface{ Scan(...any) error }) (*news.Article, error) {
	var (
		a                               news.Article
		id                              string
		url, source, title, published   sql.NullString
		dateline, byline, author, input sql.NullString
		removed, story, duplicate       sql.NullString
	)
	if err := row.Scan(&id, &a.Hash, &url, &source, &title, &published, &dateline, &byline, &author, &input, &a.Text,
		&removed, &story, &duplicate); err != nil {
		return nil, err
	}
	a.ID = news.ArticleID(id)
	a.URL, a.Source, a.Title = url.String, source.String, title.String
	a.Dateline, a.Byline, a.Author, a.Input = dateline.String, byline.String, author.String, input.String
	a.Story, a.DuplicateOf = story.String, news.ArticleID(duplicate.String)
	if published.Valid {
		t, err := parseTime(published.String)
		if err != nil {
			return nil, fmt.Errorf("article %s: published: %v", id, err)
		}
		a.Published = t
	}
	if removed.Valid {
		if err := json.Unmarshal([]byte(removed.String), &a.Removed); err != nil {
			return nil, fmt.Errorf("article %s: removed: %v", id, err)
		}
	}
	return &a, nil
}

// articleArgs returns the values of an article's row in the column order
// of insertArticle.
func articleArgs(a *news.Article, ingested string) ([]any, error) {
	var published, removed any
	if !a.Published.IsZero() {
		// With the input's offset: Record writes a date alone for
		// midnight in the article's own zone.
		published = a.Published.Format(time.RFC3339Nano)
	}
	if len(a.Removed) > 0 {
		b, err := json.Marshal(a.Removed)
		if err != nil {
			return nil, fmt.Errorf("removed: %v", err)
		}
		removed = string(b)
	}
	return []any{string(a.ID), a.Hash, nullable(a.URL), nullable(a.Source), nullable(a.Title), published,
		nullable(a.Dateline), nullable(a.Byline), nullable(a.Author), nullable(a.Input), a.Text, removed,
		nullable(a.Story), nullable(a.DuplicateOf), ingested}, nil
}
