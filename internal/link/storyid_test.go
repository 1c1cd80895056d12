package link

import (
	"strings"
	"testing"
	"time"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

func TestStoryIDOf(t *testing.T) {
	const id = news.ArticleID("a-1")
	hash := func(seg int) string { return strings.TrimPrefix(storyID(id, seg), "st-") }
	march4 := time.Date(2025, 3, 4, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		published time.Time
		seg       int
		stories   []string // the root's stored stories
		want      string
	}{
		{"dated", march4, 0, nil, "st-04eb7-" + hash(0)},
		{"another segment", march4, 2, nil, "st-04eb7-" + hash(2)},
		{"day in UTC", time.Date(2025, 3, 4, 1, 0, 0, 0, time.FixedZone("", 3*3600)), 0, nil, "st-04eb6-" + hash(0)},
		{"undated", time.Time{}, 0, nil, "st-u-" + hash(0)},
		{"stored under the id without the day", march4, 0, []string{"st-0", storyID(id, 0)}, storyID(id, 0)},
		{"stored under another segment's id", march4, 1, []string{storyID(id, 0)}, "st-04eb7-" + hash(1)},
		{"stored under the id with the day", march4, 0, []string{"st-04eb7-" + hash(0)}, "st-04eb7-" + hash(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &profile{id: id, published: tt.published}
			w := &work{nodes: map[news.ArticleID]*node{id: {p: p, old: store.LinkNode{Article: id, Stories: tt.stories}}}}
			if got := w.storyIDOf(p, tt.seg); got != tt.want {
				t.Errorf("storyIDOf(%s published %v, %d) = %q, want %q", id, tt.published, tt.seg, got, tt.want)
			}
		})
	}
}

// TestStoryIDOrder checks that story ids sort by their root's day, so
// that the stories of the same days sit together in the store's indexes.
func TestStoryIDOrder(t *testing.T) {
	w := &work{nodes: map[news.ArticleID]*node{}}
	var prev string
	for day := range 400 {
		id := news.ArticleID("z-" + strings.Repeat("9", day%7))
		p := &profile{id: id, published: time.Date(2024, 12, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, day)}
		got := w.storyIDOf(p, 0)
		if got <= prev {
			t.Fatalf("storyIDOf(day %d) = %q, not after the previous day's %q", day, got, prev)
		}
		prev = got
	}
}
