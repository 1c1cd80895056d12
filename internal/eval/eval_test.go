package eval

import (
	"bytes"
	"strings"
	"testing"

	"chronicle/internal/news"
)

const goldFile = `{"record":"event","id":"g1","article":"a1","type":"CONSULT","source":{"country":"RUS"},"target":{"country":"CHN"},"date":"2025-06-11","evidence":[{"article":"a1","sentence":"Lavrov met Wang Yi in Beijing on Wednesday.","span":[0,44]}]}
{"record":"event","id":"g2","article":"a1","type":"ACCUSE","source":{"country":"USA"},"evidence":[{"article":"a1","span":[45,90]}]}
{"record":"quote","article":"a1","text":"share a common vision","kind":"direct","speaker":{"name":"Sergei Lavrov"},"span":[100,120]}
{"record":"date","article":"a1","text":"Wednesday","date":"2025-06-11","span":[34,43]}
{"record":"entity","id":"x","name":"Sergey Lavrov","type":"PERSON","aliases":["Sergei Lavrov"],"articles":["a1"]}
{"record":"story","id":"s","articles":["a1","a2","a3"]}

`

func TestCompare(t *testing.T) {
	gold, err := ReadGold(strings.NewReader(goldFile), "gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got := &Set{
		Events: []news.Event{
			{Article: "a1", Type: news.Consult, Source: news.Actor{Country: "RUS"}, Target: news.Actor{Country: "CHN"}, Date: "2025-06-10",
				Evidence: []news.Evidence{{Article: "a1", Span: news.Span{Start: 0, End: 44}}}},
			{Article: "a1", Type: news.Reject, Evidence: []news.Evidence{{Article: "a1", Span: news.Span{Start: 45, End: 90}}}},
			{Article: "zzz", Type: news.Assault}, // outside the gold's articles: not scored
		},
		Quotes:   []news.Quote{{Article: "a1", Span: news.Span{Start: 98, End: 121}, Speaker: &news.Actor{Name: "Lavrov"}}},
		Dates:    []news.DateRecord{{Article: "a1", Span: news.Span{Start: 31, End: 43}, Date: "2025-06-11"}},
		Entities: []news.Entity{{Name: "Sergei Lavrov", Type: news.Person, Articles: []news.ArticleID{"a1"}}},
		Stories:  []news.Story{{ID: "t1", Articles: []news.ArticleID{"a1", "a2"}}, {ID: "t2", Articles: []news.ArticleID{"a3"}}},
	}
	want := map[string][3]int{ // gold, got, match
		"event":         {2, 2, 1},
		"event+actors":  {2, 2, 1},
		"event+date":    {2, 2, 0},
		"quote":         {1, 1, 1},
		"quote+speaker": {1, 1, 1},
		"date":          {1, 1, 1},
		"date+value":    {1, 1, 1},
		"entity":        {1, 1, 1},
		"story pairs":   {3, 1, 1},
	}
	scores := Compare(gold, got)
	if len(scores) != len(want) {
		t.Errorf("Compare returned %d scores, want %d: %+v", len(scores), len(want), scores)
	}
	for _, s := range scores {
		w, ok := want[s.Kind]
		if !ok {
			t.Errorf("unexpected score kind %q", s.Kind)
			continue
		}
		if got := [3]int{s.Gold, s.Got, s.TP}; got != w {
			t.Errorf("score %s = %v, want %v", s.Kind, got, w)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, scores); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "event+actors") {
		t.Errorf("Write output lacks a row: %s", buf.String())
	}
}

func TestScoreRatios(t *testing.T) {
	tests := []struct {
		s            Score
		wantP, wantR float64
		wantF1       float64
	}{
		{Score{Gold: 4, Got: 2, TP: 2}, 1, 0.5, 2.0 / 3},
		{Score{Gold: 0, Got: 0, TP: 0}, 0, 0, 0},
		{Score{Gold: 2, Got: 4, TP: 0}, 0, 0, 0},
	}
	for _, tt := range tests {
		if p, r, f := tt.s.Precision(), tt.s.Recall(), tt.s.F1(); p != tt.wantP || r != tt.wantR || f != tt.wantF1 {
			t.Errorf("%+v: P,R,F1 = %v,%v,%v, want %v,%v,%v", tt.s, p, r, f, tt.wantP, tt.wantR, tt.wantF1)
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", "{\n", "gold.jsonl:1"},
		{"unknown kind", `{"record":"weather"}`, `unknown record kind "weather"`},
		{"bad span", `{"record":"date","span":[1]}`, "gold.jsonl:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(tt.in), "gold.jsonl")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadGold(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}
