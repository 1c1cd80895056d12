package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"chronicle/internal/news"
)

// The readers' queries, to which each reader adds its WHERE and ORDER BY
// clauses. Each returns the record's article id first.
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

// stream runs query in a read transaction and calls scan for each row;
// what names the records in errors. scan returns a callback's error
// wrapped in stopError.
func (db *DB) stream(ctx context.Context, what, query string, scan func(*sql.Rows) error) error {
	return db.read(ctx, func(tx *sql.Tx) error {
		err := each(ctx, tx, query, nil, scan)
		if _, ok := errors.AsType[stopError](err); ok || err == nil {
			return err
		}
		return fmt.Errorf("read %s: %v", what, err)
	})
}

// Events calls fn for each stored event, in the order of their articles'
// ids and then of their positions in the article. An error from fn stops
// the iteration and is returned as it is.
func (db *DB) Events(ctx context.Context, fn func(news.Event) error) error {
	// linked_events (0002_link.sql): one record per event reported by
	// several articles, in place of the reports.
	return db.stream(ctx, "events", `SELECT article, record FROM linked_events ORDER BY article, idx`, func(rows *sql.Rows) error {
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
