package news

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestArticleEntities(t *testing.T) {
	lavrov := Actor{Name: "Sergey Lavrov", Entity: "sergey-lavrov", Country: "RUS", Sector: SectorGovernment, Role: "Foreign Minister"}
	a := &Article{ID: "a1", Mentions: []Mention{
		{Text: "Sergei Lavrov", Type: Person, Ref: -1, Actor: lavrov},
		{Text: "Lavrov", Type: Person, Ref: -1, Actor: lavrov},
		{Text: "he", Type: Person, Ref: 1, Actor: lavrov},
		{Text: "Kyiv", Type: Place, Ref: -1},
	}}
	want := []Entity{{
		ID: "sergey-lavrov", Name: "Sergey Lavrov", Type: Person, Country: "RUS", Sector: SectorGovernment,
		Role: "Foreign Minister", Aliases: []string{"Lavrov", "Sergei Lavrov"}, Articles: []ArticleID{"a1"}, Mentions: 3,
	}}
	if diff := cmp.Diff(want, a.Entities()); diff != "" {
		t.Errorf("Entities() mismatch (-want +got):\n%s", diff)
	}
}
