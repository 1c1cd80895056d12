// Package store is Chronicle's storage: the last stage of the pipeline,
// and what export, the API and the web UI read from. It takes
// *news.Article values with everything found in them and gives back the
// stored articles and their export records (news.Event, news.Quote,
// news.PlaceRecord, news.DateRecord, news.Entity, news.Story).
//
// A *DB sits over database/sql with the pure-Go SQLite driver
// (modernc.org/sqlite), the only package that imports it. The schema is a
// list of numbered migrations per SQL dialect under migrations/, applied
// by Open. Queries are portable SQL with $N placeholders, except the
// generated multi-row INSERTs, whose ? placeholders a PostgreSQL dialect
// would number; migrations/postgres/ can then be added beside sqlite/.
//
// One article and all its records are always written in one transaction,
// so a reader or a crash sees either the old version of an article or the
// new one. SQLite allows one writer at a time: a DB writes through a single
// connection and reads through a pool of read-only connections, which in
// WAL mode each see a consistent snapshot while a write goes on. Every
// streaming reader (Articles, Events, ...) reads one snapshot, and its
// callback may use the DB, for reading or writing.
//
// Errors wrap news.ErrNotFound, news.ErrInvalid, or the context's error
// when the context given to a method is done; the rest is text.
//
// store imports news and the standard library; it must not import the
// pipeline stages (ingest, extract, resolve, link, pipeline) or net/http.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"chronicle/internal/news"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// maxReaders bounds the read pool; idleReaders of its connections stay
// open between uses. Readers do not block each other or the writer in WAL
// mode, and a streaming reader's callback that reads takes a second
// connection, so the bound is far above the readers a process runs at once.
const (
	maxReaders  = 32
	idleReaders = 4
)

// busyTimeout is how long, in milliseconds, a connection waits for a lock
// held by another connection or process before it reports SQLITE_BUSY.
const busyTimeout = 5000

// DB is a Chronicle database. It is safe for concurrent use; writes are
// serialised.
type DB struct {
	w     *sql.DB   // one connection: SQLite has one writer
	r     *sql.DB   // read-only connections
	keep  *sql.Conn // holds an in-memory database open between uses; nil for files
	stmts *statements
	now   func() time.Time

	closeOnce sync.Once
	closeErr  error
}

// querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the database at dsn, creating it if needed, and applies the
// migrations it has not recorded yet. dsn is a file path, a "file:" URI,
// or ":memory:" for a private in-memory database that lives until Close.
// An in-memory database has no WAL: there, a write waits for the readers
// in progress, and a streaming reader's callback must not write. Open
// returns an error wrapping news.ErrInvalid for an empty dsn.
func Open(ctx context.Context, dsn string) (*DB, error) {
	name, mem, err := databaseName(dsn)
	if err != nil {
		return nil, err
	}
	ms, err := loadMigrations(migrationFS, "migrations/sqlite")
	if err != nil {
		return nil, err
	}
	pragmas := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)", busyTimeout)
	sep := "?"
	if strings.Contains(name, "?") {
		sep = "&"
	}
	db := &DB{now: time.Now}
	// BEGIN IMMEDIATE takes the write lock when a write transaction starts,
	// so that two processes never both read, then both fail to upgrade.
	// The write-ahead log is checkpointed every 8,192 pages (128 MiB)
	// instead of SQLite's 1,000: a page that many batches rewrite is then
	// copied back into the database once, not after every few batches.
	db.w, err = sql.Open("sqlite", name+sep+pragmas+"&_pragma=cache_size(-8192)&_pragma=temp_store(MEMORY)&_pragma=wal_autocheckpoint(8192)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open %s: %v", dsn, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)
	// The page size must be set before the first table, and before WAL
	// mode, which fixes it; on an existing database both are no-ops.
	// Larger pages than the default 4 KiB mean fewer WAL frames, each
	// written with a system call, for articles of a few KiB each.
	for _, p := range []string{"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL"} {
		if _, err := db.w.ExecContext(ctx, p); err != nil {
			return nil, errors.Join(fmt.Errorf("open %s: %s: %v", dsn, p, err), db.w.Close())
		}
	}
	if err := migrate(ctx, db.w, ms, db.now()); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %v", dsn, err), db.w.Close())
	}
	db.stmts, err = prepareStatements(ctx, db.w)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %v", dsn, err), db.w.Close())
	}
	db.r, err = sql.Open("sqlite", name+sep+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %v", dsn, err), db.stmts.close(), db.w.Close())
	}
	db.r.SetMaxOpenConns(maxReaders)
	db.r.SetMaxIdleConns(idleReaders)
	if mem {
		// The in-memory database goes when its last connection closes; the
		// pools may close idle ones, so one is held until Close.
		db.keep, err = db.r.Conn(ctx)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("open %s: %v", dsn, err), db.r.Close(), db.stmts.close(), db.w.Close())
		}
	}
	return db, nil
}

// databaseName returns the SQLite URI for dsn and whether it names an
// in-memory database.
func databaseName(dsn string) (string, bool, error) {
	switch {
	case dsn == "":
		return "", false, fmt.Errorf("open database: empty name: %w", news.ErrInvalid)
	case dsn == ":memory:":
		// A named database in the memdb VFS is shared by the connections
		// of both pools, unlike ":memory:", which is one per connection.
		return "file:/chronicle-" + rand.Text() + "?vfs=memdb", true, nil
	case strings.HasPrefix(dsn, "file:"):
		return dsn, strings.Contains(dsn, "mode=memory") || strings.Contains(dsn, "vfs=memdb"), nil
	}
	abs, err := filepath.Abs(dsn)
	if err != nil {
		return "", false, fmt.Errorf("open %s: %v", dsn, err)
	}
	// A URI, so that a path may hold '?' or '#'.
	return "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath(), false, nil
}

// Close closes the database once writes in progress have finished. Later
// calls do nothing and return the first call's result.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		var errs []error
		if db.keep != nil {
			errs = append(errs, db.keep.Close())
		}
		errs = append(errs, db.r.Close(), db.stmts.close(), db.w.Close())
		if err := errors.Join(errs...); err != nil {
			db.closeErr = fmt.Errorf("close database: %v", err)
		}
	})
	return db.closeErr
}

// write runs fn in a write transaction and commits it when fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return ctxErr(ctx, fmt.Errorf("begin: %v", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return ctxErr(ctx, err)
	}
	if err := tx.Commit(); err != nil {
		return ctxErr(ctx, fmt.Errorf("commit: %v", err))
	}
	return nil
}

// read runs fn in a read-only transaction, so that every query fn makes
// sees one snapshot of the database. An error that fn returns wrapped in
// stopError is returned unwrapped and as it is.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return readTx(ctx, db.r, &sql.TxOptions{ReadOnly: true}, fn)
}

// readTx runs fn in a transaction on conn that writes nothing, returning
// an error fn wraps in stopError unwrapped.
func readTx(ctx context.Context, conn *sql.DB, opts *sql.TxOptions, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		return ctxErr(ctx, fmt.Errorf("begin: %v", err))
	}
	// Rolling back a transaction that wrote nothing only releases its
	// snapshot or lock.
	defer tx.Rollback()
	err = fn(tx)
	if stop, ok := errors.AsType[stopError](err); ok {
		return stop.err
	}
	return ctxErr(ctx, err)
}

// stopError carries an error returned by a reader's callback through read,
// which returns it as it is.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

// ctxErr returns err, wrapping the context's error when ctx is done, so
// that callers can tell a cancelled operation with errors.Is.
func ctxErr(ctx context.Context, err error) error {
	cerr := ctx.Err()
	if err == nil || cerr == nil || errors.Is(err, cerr) {
		return err
	}
	return fmt.Errorf("%v: %w", err, cerr)
}

// each runs query and calls scan for each row. An error from scan stops
// the iteration and is returned as it is, so that callers can tell a
// callback's error from the database's.
func each(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// Counts is the number of stored records of each kind.
type Counts struct {
	Articles  int
	Sentences int
	Events    int
	Quotes    int
	Mentions  int
	Places    int // mentions resolved to a location
	Dates     int
	Stories   int
}

// Counts returns the number of stored articles, sentences, events, quotes,
// mentions, places, dates and stories, all from one snapshot.
func (db *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM sentences),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM mentions),
		(SELECT count(*) FROM mentions WHERE place IS NOT NULL),
		(SELECT count(*) FROM dates),
		(SELECT count(*) FROM stories)`).Scan(
		&c.Articles, &c.Sentences, &c.Events, &c.Quotes, &c.Mentions, &c.Places, &c.Dates, &c.Stories)
	if err != nil {
		return Counts{}, ctxErr(ctx, fmt.Errorf("count records: %v", err))
	}
	return c, nil
}

// nullable returns nil for the empty string, which is stored as NULL.
func nullable[S ~string](s S) any {
	if s == "" {
		return nil
	}
	return string(s)
}

// formatTime writes t as stored: RFC 3339 in UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTime reads a time written by formatTime, or a stored published time
// with its offset.
func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
