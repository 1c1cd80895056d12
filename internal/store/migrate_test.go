package store

import (
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	ok := fstest.MapFS{
		"m/0002_add_index.sql": file("CREATE INDEX i ON t (x);"),
		"m/0001_init.sql":      file("CREATE TABLE t (x INTEGER);"),
		"m/0010_later.sql":     file("SELECT 1;"),
	}
	got, err := loadMigrations(ok, "m")
	if err != nil {
		t.Fatalf("loadMigrations() = %v", err)
	}
	want := []migration{{1, "init", "CREATE TABLE t (x INTEGER);"}, {2, "add_index", "CREATE INDEX i ON t (x);"}, {10, "later", "SELECT 1;"}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(migration{})); diff != "" {
		t.Errorf("loadMigrations() (-want +got):\n%s", diff)
	}

	errs := []struct {
		name string
		fs   fstest.MapFS
	}{
		{"no number", fstest.MapFS{"m/init.sql": file("")}},
		{"three digits", fstest.MapFS{"m/001_init.sql": file("")}},
		{"version zero", fstest.MapFS{"m/0000_init.sql": file("")}},
		{"upper case", fstest.MapFS{"m/0001_Init.sql": file("")}},
		{"other extension", fstest.MapFS{"m/0001_init.txt": file("")}},
		{"one version twice", fstest.MapFS{"m/0001_a.sql": file(""), "m/0001_b.sql": file("")}},
		{"no folder", fstest.MapFS{}},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := loadMigrations(tt.fs, "m"); err == nil {
				t.Errorf("loadMigrations() = %v, nil; want an error", got)
			}
		})
	}
}

func TestMigrateTwice(t *testing.T) {
	ms, err := loadMigrations(migrationFS, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.db")
	for range 2 {
		db, err := Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open() = %v", err)
		}
		var n int
		if err := db.r.QueryRowContext(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != len(ms) {
			t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSchemaVersion(t *testing.T) {
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	defer db.Close()
	ms, err := loadMigrations(migrationFS, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.SchemaVersion(t.Context())
	if err != nil {
		t.Fatalf("SchemaVersion() = %v", err)
	}
	if want := ms[len(ms)-1].version; got != want {
		t.Errorf("SchemaVersion() = %d, want %d", got, want)
	}
}
