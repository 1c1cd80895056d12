package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// migrationFS holds the schema migrations of each dialect, one folder per
// dialect, applied in the order of their numbers.
//
//go:embed migrations/sqlite/*.sql
var migrationFS embed.FS

// migrationName is the file name of a migration: a four-digit version and
// a lowercase name.
var migrationName = regexp.MustCompile(`^([0-9]{4})_([a-z0-9_]+)\.sql$`)

// migration is one schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the migrations in dir of fsys, sorted by version. A
// file whose name is not NNNN_name.sql, or two files with one version, is
// an error: a misnamed migration would otherwise never run.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %v", err)
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		v, err := strconv.Atoi(m[1])
		if err != nil || v == 0 {
			return nil, fmt.Errorf("migration %s: version must be a number from 0001", e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %v", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: m[2], sql: string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %04d_%s and %04d_%s share a version", ms[i-1].version, ms[i-1].name, ms[i].version, ms[i].name)
		}
	}
	return ms, nil
}

const createMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// migrate applies the migrations that db has not recorded yet, each in its
// own transaction together with its row in schema_migrations, so that a
// crash leaves the schema at a recorded version. Whether a migration has run
// is checked inside its transaction: two processes opening a new database
// at once apply each migration once. A database recorded at a version later
// than the last migration was written by a newer program and is refused.
func migrate(ctx context.Context, db *sql.DB, ms []migration, now time.Time) error {
	if _, err := db.ExecContext(ctx, createMigrations); err != nil {
		return fmt.Errorf("create schema_migrations: %v", err)
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if len(ms) > 0 && v > ms[len(ms)-1].version {
		return fmt.Errorf("database schema version %d is newer than this program's %d", v, ms[len(ms)-1].version)
	}
	for _, m := range ms {
		if m.version <= v {
			continue
		}
		if err := apply(ctx, db, m, now); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration unless another connection has run it first.
func apply(ctx context.Context, db *sql.DB, m migration, now time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %04d_%s: begin: %v", m.version, m.name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
		return fmt.Errorf("migration %04d_%s: %v", m.version, m.name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %04d_%s: %v", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.version, m.name, formatTime(now)); err != nil {
		return fmt.Errorf("migration %04d_%s: record: %v", m.version, m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %04d_%s: commit: %v", m.version, m.name, err)
	}
	return nil
}

// schemaVersion returns the highest applied migration, or 0.
func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, ctxErr(ctx, fmt.Errorf("read schema version: %v", err))
	}
	return int(v.Int64), nil
}

// SchemaVersion returns the version of the last migration applied to the
// database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, db.r)
}
