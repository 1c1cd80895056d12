package store

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

// TestLinkReadsSeeOtherWriters checks that the linker's reads, made on
// the writer's connection, whose page cache outlives its transactions,
// see what another handle on the same file commits between them.
func TestLinkReadsSeeOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "link.db")
	writer, reader := openAt(t, path), openAt(t, path)
	a := linkArticle("a1", "wire", 3)
	if _, err := writer.SaveArticles(t.Context(), []*news.Article{a}); err != nil {
		t.Fatalf("SaveArticles() = %v", err)
	}
	steps := []struct {
		name  string
		state []byte
		keys  []uint64
		story string
	}{
		{"first state", []byte{1}, []uint64{7, 9}, "st-1"},
		{"state replaced", []byte{2, 2}, []uint64{8}, "st-2"},
		{"state replaced again", []byte{3}, []uint64{7}, "st-2"},
	}
	for i, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			// The reader reads before and after each write, so that its
			// cache holds the pages the write changes.
			if _, err := reader.LinkNodes(t.Context(), []news.ArticleID{a.ID}); err != nil {
				t.Fatalf("LinkNodes() = %v", err)
			}
			l := &Links{Nodes: []LinkNode{{Article: a.ID, State: st.state, Keys: st.keys, Story: st.story}},
				Stories:  []news.Story{{ID: st.story, Articles: []news.ArticleID{a.ID}}},
				Articles: []ArticleLink{{ID: a.ID, Story: st.story}}}
			if i > 0 && steps[i-1].story != st.story {
				l.Gone = []string{steps[i-1].story}
			}
			if err := writer.SaveLinks(t.Context(), l); err != nil {
				t.Fatalf("SaveLinks() = %v", err)
			}
			nodes, err := reader.LinkNodes(t.Context(), []news.ArticleID{a.ID})
			if err != nil {
				t.Fatalf("LinkNodes() = %v", err)
			}
			want := []LinkNode{{Article: a.ID, State: st.state, Stories: []string{st.story}, Story: st.story}}
			if diff := cmp.Diff(want, nodes); diff != "" {
				t.Errorf("LinkNodes(%s) mismatch (-want +got):\n%s", a.ID, diff)
			}
			for _, k := range []uint64{7, 8, 9} {
				ids, err := reader.LinkLookup(t.Context(), []uint64{k})
				if err != nil {
					t.Fatalf("LinkLookup() = %v", err)
				}
				var want []news.ArticleID
				for _, sk := range st.keys {
					if sk == k {
						want = []news.ArticleID{a.ID}
					}
				}
				if !cmp.Equal(ids, want) {
					t.Errorf("LinkLookup(%d) = %v, want %v", k, ids, want)
				}
			}
			members, err := reader.StoryArticles(t.Context(), []string{st.story})
			if err != nil {
				t.Fatalf("StoryArticles() = %v", err)
			}
			if want := []news.ArticleID{a.ID}; !cmp.Equal(members, want) {
				t.Errorf("StoryArticles(%s) = %v, want %v", st.story, members, want)
			}
			if g, err := reader.LinkGeneration(t.Context()); err != nil || g != int64(i+1) {
				t.Errorf("LinkGeneration() = %d, %v, want %d", g, err, i+1)
			}
		})
	}
}
