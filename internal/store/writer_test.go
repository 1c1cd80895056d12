package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"chronicle/internal/news"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestUniqueIndexes(t *testing.T) {
	s := func(idx ...int) []news.Sentence {
		var out []news.Sentence
		for _, i := range idx {
			out = append(out, news.Sentence{Index: i})
		}
		return out
	}
	tests := []struct {
		name    string
		in      []news.Sentence
		wantErr bool
	}{
		{"none", nil, false},
		{"by position", s(0, 1, 2), false},
		{"out of order", s(2, 0, 1), false},
		{"gaps", s(0, 5, 9), false},
		{"twice", s(0, 1, 1), true},
		{"twice out of order", s(3, 1, 3), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := uniqueIndexes(tt.in)
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, news.ErrInvalid)) {
				t.Errorf("uniqueIndexes(%v) = %v, want error %v (news.ErrInvalid)", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestBatchSize(t *testing.T) {
	want := []int{256, 64, 16, 4, 1}
	var got []int
	for i := range batchSizes {
		got = append(got, batchSize(i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("batchSize(0..%d) = %v, want %v", batchSizes-1, got, want)
	}
}

// TestSaveArticlesBatching saves batches whose record counts need every
// size of INSERT, and reads every article back.
func TestSaveArticlesBatching(t *testing.T) {
	db := sqliteOpener()(t)
	var all []*news.Article
	for _, n := range []int{1, 7, 13} {
		var batch []*news.Article
		for i := range n {
			batch = append(batch, genArticle(fmt.Sprintf("b%02d-%02d", n, i), n*100+i))
		}
		save(t, db, batch...)
		all = append(all, batch...)
	}
	c := counts(t, db)
	want := Counts{Articles: 21, Sentences: 21 * 40, Mentions: 21 * 10, Places: 21 * 4, Dates: 21 * 2, Events: 21 * 3, Quotes: 21 * 2}
	if c != want {
		t.Errorf("Counts() = %+v, want %+v", c, want)
	}
	for _, a := range all {
		if diff := cmp.Diff(a, article(t, db, a.ID), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Article(%q) (-want +got):\n%s", a.ID, diff)
		}
	}
}
