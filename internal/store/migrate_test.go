package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
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

// TestMigrateLinkGeneration opens a store written before the link
// generation existed: its links stay readable, and the generation starts
// at 0 and counts the SaveLinks transactions from then on.
func TestMigrateLinkGeneration(t *testing.T) {
	ms, err := loadMigrations(migrationFS, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ms, func(m migration) bool { return m.name == "link_generation" })
	if i < 0 {
		t.Fatal("no migration link_generation")
	}
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	a := linkArticle("a1", "wire", 3)
	if _, err := db.SaveArticles(t.Context(), []*news.Article{a}); err != nil {
		t.Fatal(err)
	}
	node := LinkNode{Article: a.ID, State: []byte{1, 2, 3}, Keys: []uint64{7}, Story: "st-a1"}
	if err := db.SaveLinks(t.Context(), &Links{Nodes: []LinkNode{node},
		Stories: []news.Story{{ID: "st-a1", Articles: []news.ArticleID{a.ID}}}}); err != nil {
		t.Fatal(err)
	}
	// Back to the schema before the migration, as an older program left it.
	for _, q := range []string{`DROP TABLE link_generation`, fmt.Sprintf(`DELETE FROM schema_migrations WHERE version >= %d`, ms[i].version)} {
		if _, err := db.w.ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(store before link_generation) = %v", err)
	}
	defer db.Close()
	if got, err := db.LinkGeneration(t.Context()); err != nil || got != 0 {
		t.Errorf("LinkGeneration() = %d, %v; want 0, nil", got, err)
	}
	got, err := db.LinkNodes(t.Context(), []news.ArticleID{a.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := []LinkNode{{Article: a.ID, State: []byte{1, 2, 3}, Stories: []string{"st-a1"}, Story: "st-a1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LinkNodes() after the migration (-want +got):\n%s", diff)
	}
	for want := range int64(2) {
		if err := db.SaveLinks(t.Context(), &Links{Articles: []ArticleLink{{ID: a.ID, Story: "st-a1"}}}); err != nil {
			t.Fatal(err)
		}
		if got, err := db.LinkGeneration(t.Context()); err != nil || got != want+1 {
			t.Errorf("LinkGeneration() after %d saves = %d, %v; want %d, nil", want+1, got, err, want+1)
		}
	}
}
