package link

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

// TestPrepare links the same generated articles with and without profiles
// prepared ahead (some prepared, some not, one prepared and then never
// linked): the links must be the same, and every prepared profile of a
// linked article used and forgotten.
func TestPrepare(t *testing.T) {
	t.Parallel()
	arts := newCorpus(6, 2700).batch(600)
	db := openDB(t)
	linkAll(t, db, saver(t, db), arts, 100)
	want := takeSnapshot(t, db)

	db = openDB(t)
	l, err := New(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	unlinked := newCorpus(7, 2700).batch(1)[0]
	if err := l.Prepare(unlinked); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(arts); i += 100 {
		b := arts[i : i+100]
		for j, a := range b {
			if j%3 != 0 {
				if err := l.Prepare(a); err != nil {
					t.Fatalf("Prepare(%s) = %v", a.ID, err)
				}
			}
		}
		if _, err := db.SaveArticles(t.Context(), b); err != nil {
			t.Fatal(err)
		}
		if err := l.LinkSaved(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(want, takeSnapshot(t, db)); diff != "" {
		t.Errorf("links with prepared profiles differ (-without +with):\n%s", diff)
	}
	if got := l.prepared.m; len(got) != 1 || got[unlinked] == nil {
		var left []news.ArticleID
		for a := range got {
			left = append(left, a.ID)
		}
		t.Errorf("prepared profiles left after linking: %v, want only %s", left, unlinked.ID)
	}
}
