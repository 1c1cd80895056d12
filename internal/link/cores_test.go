package link

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJoinCores(t *testing.T) {
	// Segments 0-1 and 2-3 are cores of two strongly linked segments
	// each, 4 has weak links only.
	tests := []struct {
		name   string
		strong []bool
		weak   []weakPair
		want   []int // each segment's root after joining
	}{
		{
			name:   "every pair weakly alike",
			strong: []bool{true, true, true, true, false},
			weak:   []weakPair{{0, 2, 0.5}, {0, 3, 0.45}, {1, 2, 0.4}, {1, 3, 0.5}},
			want:   []int{0, 0, 0, 0, 4},
		},
		{
			name:   "one chance link",
			strong: []bool{true, true, true, true, false},
			weak:   []weakPair{{1, 2, 0.55}},
			want:   []int{0, 0, 2, 2, 4},
		},
		{
			name:   "half the pairs at the linkage",
			strong: []bool{true, true, true, true, false},
			weak:   []weakPair{{0, 2, 2 * coreLinkage}, {1, 3, 2 * coreLinkage}},
			want:   []int{0, 0, 0, 0, 4},
		},
		{
			name:   "links through a segment without strong links do not count",
			strong: []bool{true, true, true, true, false},
			weak:   []weakPair{{0, 4, 0.59}, {1, 4, 0.59}, {2, 4, 0.59}, {3, 4, 0.59}},
			want:   []int{0, 0, 2, 2, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := newUnionFind(len(tt.strong))
			u.union(0, 1)
			u.union(2, 3)
			joinCores(u, tt.strong, tt.weak, coreLinkage)
			got := make([]int, len(u))
			for i := range got {
				got[i] = u.find(i)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("joinCores(%v) roots (-want +got):\n%s", tt.weak, diff)
			}
		})
	}
}
