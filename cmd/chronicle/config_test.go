package main

import (
	"io"
	"path/filepath"
	"slices"
	"testing"
)

// TestParseFlags checks that flags may come anywhere among the other
// arguments, up to "--".
func TestParseFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantDB   string
		wantRest []string
	}{
		{"flags first", []string{"--db", "x.db", "a", "b"}, "x.db", []string{"a", "b"}},
		{"flags last", []string{"a", "b", "--db", "x.db"}, "x.db", []string{"a", "b"}},
		{"flags between", []string{"a", "--db=x.db", "b"}, "x.db", []string{"a", "b"}},
		{"stdin dash", []string{"-", "--db", "x.db"}, "x.db", []string{"-"}},
		{"after --", []string{"a", "--", "--db", "x.db"}, "default.db", []string{"a", "--db", "x.db"}},
		{"none", nil, "default.db", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet("test", "test", io.Discard, io.Discard)
			db := fs.String("db", "default.db", "")
			help, err := parseFlags(fs, tt.args)
			if help || err != nil {
				t.Fatalf("parseFlags(%q) = %v, %v", tt.args, help, err)
			}
			if *db != tt.wantDB || !slices.Equal(fs.Args(), tt.wantRest) {
				t.Errorf("parseFlags(%q): db %q, args %q; want %q, %q", tt.args, *db, fs.Args(), tt.wantDB, tt.wantRest)
			}
		})
	}
}

// TestIngestFlagsAfterInputs ingests with the database named after the
// input, as users write it.
func TestIngestFlagsAfterInputs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "after.db")
	if _, errOut, err := chronicle(t, "", "ingest", "testdata/linked.jsonl", "--quiet", "--db", db); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	out, errOut, err := chronicle(t, "", "export", "--what", "articles", "--db", db)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	if n := len(jsonLines(t, out)); n != 4 {
		t.Errorf("exported %d articles from %s, want the 4 ingested", n, db)
	}
}
