package link

import (
	"fmt"
	"slices"
	"strconv"
)

// storyIDOf returns the id of the story rooted at the segment seg of the
// article p: "st-", the root's publication day (days since 1970-01-01, in
// five hexadecimal digits; "u" when unknown), "-" and a hash of the root
// and segment. The stories a step of linking touches are recent, and ids
// that start with their day keep their rows together in every index
// keyed by story, so that the step rewrites a few pages of each, not one
// page a story anywhere in it. A story stored under the id of its root
// without the day (see storyID) keeps it: ids do not change when the
// stored version of the linker does.
func (w *work) storyIDOf(p *profile, seg int) string {
	legacy := storyID(p.id, seg)
	if n := w.nodes[p.id]; n != nil && slices.Contains(n.old.Stories, legacy) {
		return legacy
	}
	h := strconv.FormatUint(hashString(string(p.id)+"#"+strconv.Itoa(seg)), 16)
	d, ok := p.day()
	if !ok {
		return "st-u-" + h
	}
	return fmt.Sprintf("st-%05x-%s", max(d, 0), h)
}
