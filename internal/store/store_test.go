package store

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"chronicle/internal/news"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sqliteOpener returns the open function of the conformance suite for
// SQLite: a database file in t's temporary folder, the same file each time
// open is called with the same t.
func sqliteOpener() func(t testing.TB) *DB {
	var mu sync.Mutex
	paths := map[testing.TB]string{}
	return func(t testing.TB) *DB {
		t.Helper()
		mu.Lock()
		path, ok := paths[t]
		if !ok {
			path = filepath.Join(t.TempDir(), "chronicle.db")
			paths[t] = path
		}
		mu.Unlock()
		return openAt(t, path)
	}
}

// openAt opens the database file at path, closed when t ends.
func openAt(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(%q) = %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return db
}

func TestSQLite(t *testing.T) {
	testDB(t, sqliteOpener())
}

func TestOpenMemory(t *testing.T) {
	ctx := t.Context()
	db1, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatalf("Open(:memory:) = %v", err)
	}
	defer db1.Close()
	db2, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatalf("Open(:memory:) = %v", err)
	}
	defer db2.Close()
	arts := fixture(t)
	save(t, db1, arts...)
	// Reads go through other connections than the write: they must see it.
	if diff := cmp.Diff(arts[1], article(t, db1, arts[1].ID), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Article(%q) (-want +got):\n%s", arts[1].ID, diff)
	}
	if got := counts(t, db2).Articles; got != 0 {
		t.Errorf("Counts().Articles of a second in-memory database = %d, want 0", got)
	}
	if err := db1.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}
	if err := db1.Close(); err != nil {
		t.Errorf("second Close() = %v, want nil", err)
	}
}

func TestOpenPath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		dsn  string
		file string // the file Open must create
	}{
		{"plain", filepath.Join(dir, "a.db"), filepath.Join(dir, "a.db")},
		{"query and fragment characters", filepath.Join(dir, "b?x=1#y.db"), filepath.Join(dir, "b?x=1#y.db")},
		{"spaces and percent", filepath.Join(dir, "c 100%.db"), filepath.Join(dir, "c 100%.db")},
		{"uri", "file:" + filepath.Join(dir, "d.db"), filepath.Join(dir, "d.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(t.Context(), tt.dsn)
			if err != nil {
				t.Fatalf("Open(%q) = %v", tt.dsn, err)
			}
			if err := db.Close(); err != nil {
				t.Fatalf("Close() = %v", err)
			}
			if _, err := os.Stat(tt.file); err != nil {
				t.Errorf("Open(%q) did not create %s: %v", tt.dsn, tt.file, err)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	db, err := Open(t.Context(), newer)
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	if _, err := db.w.ExecContext(t.Context(), `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		dsn     string
		wantErr error // nil: any error
	}{
		{"empty", "", news.ErrInvalid},
		{"folder missing", filepath.Join(dir, "missing", "x.db"), nil},
		{"a folder", dir, nil},
		{"newer schema", newer, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(t.Context(), tt.dsn)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) = nil error, want one", tt.dsn)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Open(%q) = %v, want %v", tt.dsn, err, tt.wantErr)
			}
		})
	}
}
