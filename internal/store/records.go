package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"chronicle/internal/news"
)

// writer inserts articles and their records through statements prepared
// once per transaction.
type writer struct {
	ctx           context.Context
	hash          *sql.Stmt
	deleteArticle *sql.Stmt
	article       *sql.Stmt
	sentence      *sql.Stmt
	mention       *sql.Stmt
	date          *sql.Stmt
	event         *sql.Stmt
	quote         *sql.Stmt
}

const (
	insertArticle = `INSERT INTO articles (id, hash, url, source, title, published, dateline, byline, author, input,
		text, removed, story, duplicate_of, ingested_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`
	insertSentence = `INSERT INTO sentences (article, idx, span_start, span_end) VALUES ($1, $2, $3, $4)`
	insertMention  = `INSERT INTO mentions (article, idx, span_start, span_end, text, type, sentence, rule, ref,
		name, entity, country, sector, role, place)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`
	insertDate = `INSERT INTO dates (article, idx, span_start, span_end, text, date, date_precision, rule, sentence)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
	insertEvent = `INSERT INTO events (article, idx, id, type, date, source_entity, source_country,
		target_entity, target_country, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`
	insertQuote = `INSERT INTO quotes (article, idx, id, kind, speaker_entity, cluster, record)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
)

// prepareWriter prepares the statements of a write transaction.
func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx}
	for _, s := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.hash, `SELECT hash FROM articles WHERE id = $1`},
		{&w.deleteArticle, `DELETE FROM articles WHERE id = $1`},
		{&w.article, insertArticle},
		{&w.sentence, insertSentence},
		{&w.mention, insertMention},
		{&w.date, insertDate},
		{&w.event, insertEvent},
		{&w.quote, insertQuote},
	} {
		stmt, err := tx.PrepareContext(ctx, s.query)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("prepare: %v", err), w.close())
		}
		*s.stmt = stmt
	}
	return w, nil
}

// close closes the prepared statements.
func (w *writer) close() error {
	var errs []error
	for _, s := range []*sql.Stmt{w.hash, w.deleteArticle, w.article, w.sentence, w.mention, w.date, w.event, w.quote} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// insert writes the article and all its records.
func (w *writer) insert(a *news.Article, ingested string) error {
	args, err := articleArgs(a, ingested)
	if err != nil {
		return err
	}
	if _, err := w.article.ExecContext(w.ctx, args...); err != nil {
		return err
	}
	id := string(a.ID)
	for _, s := range a.Sentences {
		if _, err := w.sentence.ExecContext(w.ctx, id, s.Index, s.Span.Start, s.Span.End); err != nil {
			return fmt.Errorf("sentence %d: %v", s.Index, err)
		}
	}
	for i, m := range a.Mentions {
		var place any
		if m.Place != nil {
			b, err := json.Marshal(m.Place)
			if err != nil {
				return fmt.Errorf("mention %d: %v", i, err)
			}
			place = string(b)
		}
		if _, err := w.mention.ExecContext(w.ctx, id, i, m.Span.Start, m.Span.End, m.Text, nullable(m.Type), m.Sentence,
			nullable(m.Rule), m.Ref, nullable(m.Actor.Name), nullable(m.Actor.Entity), nullable(m.Actor.Country),
			nullable(m.Actor.Sector), nullable(m.Actor.Role), place); err != nil {
			return fmt.Errorf("mention %d: %v", i, err)
		}
	}
	for i, d := range a.Dates {
		if _, err := w.date.ExecContext(w.ctx, id, i, d.Span.Start, d.Span.End, d.Text, nullable(d.Date),
			nullable(d.Precision), nullable(d.Rule), d.Sentence); err != nil {
			return fmt.Errorf("date %d: %v", i, err)
		}
	}
	for i, e := range a.Events {
		e.Article = a.ID
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("event %d: %v", i, err)
		}
		if _, err := w.event.ExecContext(w.ctx, id, i, nullable(e.ID), nullable(e.Type), nullable(e.Date),
			nullable(e.Source.Entity), nullable(e.Source.Country), nullable(e.Target.Entity), nullable(e.Target.Country),
			string(b)); err != nil {
			return fmt.Errorf("event %d: %v", i, err)
		}
	}
	for i, q := range a.Quotes {
		q.Article = a.ID
		b, err := json.Marshal(q)
		if err != nil {
			return fmt.Errorf("quote %d: %v", i, err)
		}
		var speaker any
		if q.Speaker != nil {
			speaker = nullable(q.Speaker.Entity)
		}
		if _, err := w.quote.ExecContext(w.ctx, id, i, nullable(q.ID), nullable(q.Kind), speaker, nullable(q.Cluster),
			string(b)); err != nil {
			return fmt.Errorf("quote %d: %v", i, err)
		}
	}
	return nil
}

// The readers' queries. Each returns the article id first and is in the
// export order: article id, then position in the article.
const (
	selectSentences = `SELECT article, idx, span_start, span_end FROM sentences`
	selectMentions  = `SELECT article, span_start, span_end, text, type, sentence, rule, ref, name, entity, country,
		sector, role, place FROM mentions`
	selectDates  = `SELECT article, span_start, span_end, text, date, date_precision, rule, sentence FROM dates`
	selectEvents = `SELECT article, record FROM events`
	selectQuotes = `SELECT article, record FROM quotes`
)

// readRecords reads the sentences, mentions, dates, events and quotes of
// the article a into it.
func readRecords(ctx context.Context, q querier, a *news.Article) error {
	where := ` WHERE article = $1 ORDER BY idx`
	args := []any{string(a.ID)}
	if err := each(ctx, q, selectSentences+where, args, func(rows *sql.Rows) error {
		var s news.Sentence
		var article string
		if err := rows.Scan(&article, &s.Index, &s.Span.Start, &s.Span.End); err != nil {
			return err
		}
		a.Sentences = append(a.Sentences, s)
		return nil
	}); err != nil {
		return fmt.Errorf("sentences: %v", err)
	}
	if err := each(ctx, q, selectMentions+where, args, func(rows *sql.Rows) error {
		_, m, err := scanMention(rows)
		a.Mentions = append(a.Mentions, m)
		return err
	}); err != nil {
		return fmt.Errorf("mentions: %v", err)
	}
	if err := each(ctx, q, selectDates+where, args, func(rows *sql.Rows) error {
		_, d, err := scanDate(rows)
		a.Dates = append(a.Dates, d)
		return err
	}); err != nil {
		return fmt.Errorf("dates: %v", err)
	}
	if err := each(ctx, q, selectEvents+where, args, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		a.Events = append(a.Events, e)
		return err
	}); err != nil {
		return fmt.Errorf("events: %v", err)
	}
	if err := each(ctx, q, selectQuotes+where, args, func(rows *sql.Rows) error {
		qu, err := scanQuote(rows)
		a.Quotes = append(a.Quotes, qu)
		return err
	}); err != nil {
		return fmt.Errorf("quotes: %v", err)
	}
	return nil
}

// scanMention reads a row of selectMentions.
func scanMention(rows *sql.Rows) (news.ArticleID, news.Mention, error) {
	var (
		m                                news.Mention
		article                          string
		typ, rule, name, entity, country sql.NullString
		sector, role, place              sql.NullString
	)
	if err := rows.Scan(&article, &m.Span.Start, &m.Span.End, &m.Text, &typ, &m.Sentence, &rule, &m.Ref, &name, &entity,
		&country, &sector, &role, &place); err != nil {
		return "", m, err
	}
	m.Type, m.Rule = news.EntityType(typ.String), rule.String
	m.Actor = news.Actor{Name: name.String, Entity: entity.String, Country: country.String,
		Sector: news.Sector(sector.String), Role: role.String}
	if place.Valid {
		m.Place = new(news.Location)
		if err := json.Unmarshal([]byte(place.String), m.Place); err != nil {
			return "", m, fmt.Errorf("article %s: place: %v", article, err)
		}
	}
	return news.ArticleID(article), m, nil
}

// scanDate reads a row of selectDates.
func scanDate(rows *sql.Rows) (news.ArticleID, news.Date, error) {
	var (
		d                     news.Date
		article               string
		date, precision, rule sql.NullString
	)
	if err := rows.Scan(&article, &d.Span.Start, &d.Span.End, &d.Text, &date, &precision, &rule, &d.Sentence); err != nil {
		return "", d, err
	}
	d.Date, d.Precision, d.Rule = date.String, news.Precision(precision.String), rule.String
	return news.ArticleID(article), d, nil
}

// scanEvent reads a row of selectEvents.
func scanEvent(rows *sql.Rows) (news.Event, error) {
	var (
		e               news.Event
		article, record string
	)
	if err := rows.Scan(&article, &record); err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(record), &e); err != nil {
		return e, fmt.Errorf("article %s: event: %v", article, err)
	}
	e.Article = news.ArticleID(article)
	return e, nil
}

// scanQuote reads a row of selectQuotes.
func scanQuote(rows *sql.Rows) (news.Quote, error) {
	var (
		q               news.Quote
		article, record string
	)
	if err := rows.Scan(&article, &record); err != nil {
		return q, err
	}
	if err := json.Unmarshal([]byte(record), &q); err != nil {
		return q, fmt.Errorf("article %s: quote: %v", article, err)
	}
	q.Article = news.ArticleID(article)
	return q, nil
}

// stopError carries an error returned by a reader's callback through
// stream, which returns it as it is.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

// stream runs query in a read transaction and calls scan for each row; what
// names the records in errors. scan returns a callback's error wrapped in
// stopError.
func (db *DB) stream(ctx context.Context, what, query string, scan func(*sql.Rows) error) error {
	err := db.read(ctx, func(tx *sql.Tx) error { return each(ctx, tx, query, nil, scan) })
	if stop, ok := errors.AsType[stopError](err); ok {
		return stop.err
	}
	if err != nil {
		return fmt.Errorf("read %s: %v", what, err)
	}
	return nil
}

// Events calls fn for each stored event, in the order of their articles'
// ids and then of their positions in the article. An error from fn stops
// the iteration and is returned as it is.
func (db *DB) Events(ctx context.Context, fn func(news.Event) error) error {
	return db.stream(ctx, "events", selectEvents+` ORDER BY article, idx`, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return stopError{err}
		}
		return nil
	})
}

// Quotes calls fn for each stored quote, in the order of their articles'
// ids and then of their positions in the article. An error from fn stops
// the iteration and is returned as it is.
func (db *DB) Quotes(ctx context.Context, fn func(news.Quote) error) error {
	return db.stream(ctx, "quotes", selectQuotes+` ORDER BY article, idx`, func(rows *sql.Rows) error {
		q, err := scanQuote(rows)
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return stopError{err}
		}
		return nil
	})
}

// Places calls fn with the places export record of each stored mention
// that resolved to a location, in the order of their articles' ids and
// then of their positions in the article. An error from fn stops the
// iteration and is returned as it is.
func (db *DB) Places(ctx context.Context, fn func(news.PlaceRecord) error) error {
	return db.stream(ctx, "places", selectMentions+` WHERE place IS NOT NULL ORDER BY article, idx`, func(rows *sql.Rows) error {
		id, m, err := scanMention(rows)
		if err != nil {
			return err
		}
		a := news.Article{ID: id, Mentions: []news.Mention{m}}
		for _, p := range a.PlaceRecords() {
			if err := fn(p); err != nil {
				return stopError{err}
			}
		}
		return nil
	})
}

// Dates calls fn with the dates export record of each stored date, in the
// order of their articles' ids and then of their positions in the article.
// An error from fn stops the iteration and is returned as it is.
func (db *DB) Dates(ctx context.Context, fn func(news.DateRecord) error) error {
	return db.stream(ctx, "dates", selectDates+` ORDER BY article, idx`, func(rows *sql.Rows) error {
		id, d, err := scanDate(rows)
		if err != nil {
			return err
		}
		a := news.Article{ID: id, Dates: []news.Date{d}}
		for _, r := range a.DateRecords() {
			if err := fn(r); err != nil {
				return stopError{err}
			}
		}
		return nil
	})
}
