package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"chronicle/internal/news"
)

// Failure is an input that could not be read or coded.
type Failure struct {
	Input     string // as in news.Article.Input: file, file:line, URL
	Error     string // the last error
	Attempts  int    // failures of this input so far
	FirstSeen time.Time
	LastSeen  time.Time
}

// RecordFailure records that input failed with err: a first failure is
// stored with one attempt, a later one replaces the error text, counts one
// more attempt and moves LastSeen. An empty input or a nil err is an error
// wrapping news.ErrInvalid.
func (db *DB) RecordFailure(ctx context.Context, input string, err error) error {
	if input == "" || err == nil {
		return fmt.Errorf("record failure of %q: need an input and an error: %w", input, news.ErrInvalid)
	}
	now := formatTime(db.now())
	return db.write(ctx, func(tx *sql.Tx) error {
		_, xerr := tx.ExecContext(ctx, `INSERT INTO failures (input, error, attempts, first_seen, last_seen)
			VALUES ($1, $2, 1, $3, $3)
			ON CONFLICT (input) DO UPDATE SET error = excluded.error, attempts = failures.attempts + 1,
				last_seen = excluded.last_seen`, input, err.Error(), now)
		if xerr != nil {
			return fmt.Errorf("record failure of %s: %v", input, xerr)
		}
		return nil
	})
}

// ClearFailure forgets the failures of input, after it was read and coded.
// Clearing an input that has none is not an error.
func (db *DB) ClearFailure(ctx context.Context, input string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM failures WHERE input = $1`, input); err != nil {
			return fmt.Errorf("clear failure of %s: %v", input, err)
		}
		return nil
	})
}

// Failures calls fn for each recorded failure in the order of their
// inputs. An error from fn stops the iteration and is returned as it is.
func (db *DB) Failures(ctx context.Context, fn func(Failure) error) error {
	return db.stream(ctx, "failures", `SELECT input, error, attempts, first_seen, last_seen FROM failures ORDER BY input`,
		func(rows *sql.Rows) error {
			var (
				f           Failure
				first, last string
				err         error
			)
			if err := rows.Scan(&f.Input, &f.Error, &f.Attempts, &first, &last); err != nil {
				return err
			}
			if f.FirstSeen, err = parseTime(first); err != nil {
				return fmt.Errorf("failure of %s: %v", f.Input, err)
			}
			if f.LastSeen, err = parseTime(last); err != nil {
				return fmt.Errorf("failure of %s: %v", f.Input, err)
			}
			if err := fn(f); err != nil {
				return stopError{err}
			}
			return nil
		})
}
