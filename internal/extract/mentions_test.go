package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronicle/internal/kb"
	"chronicle/internal/news"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// newTestRecognizer loads the knowledge base and builds a recogniser.
func newTestRecognizer(t testing.TB) *Recognizer {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatalf("kb.Load() = %v", err)
	}
	return NewRecognizer(k)
}

// recognise splits text into sentences and returns its mentions.
func recognise(r *Recognizer, text string) *news.Article {
	a := &news.Article{Text: text}
	Split(a)
	r.Mentions(a)
	return a
}

// brief renders a mention as "text/TYPE/rule".
func brief(m news.Mention) string {
	return m.Text + "/" + string(m.Type) + "/" + m.Rule
}

func TestMentions(t *testing.T) {
	r := newTestRecognizer(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"demonym and institution", "Syrian government forces shelled the town.",
			[]string{"Syrian government forces/ORG/kb:demonym+institution"}},
		{"country possessive and institution", "Israel's military said it struck targets.",
			[]string{"Israel's military/ORG/kb:country+institution"}},
		{"group of people", "Ukrainian officials denied the report.",
			[]string{"Ukrainian officials/PERSON/kb:demonym+institution"}},
		{"nationality, title and person", "Chinese President Xi Jinping arrived on Monday.",
			[]string{"Chinese President Xi Jinping/PERSON/kb:person"}},
		{"institution, title and unknown name", "Russian Foreign Ministry spokeswoman Jane Example spoke.",
			[]string{"Russian Foreign Ministry spokeswoman Jane Example/PERSON/cue:title"}},
		{"role noun with country", "He called the US president on Friday.",
			[]string{"He/PERSON/pronoun", "US president/PERSON/role-noun"}},
		{"role noun of a country", "She met the foreign minister of Iran.",
			[]string{"She/PERSON/pronoun", "the foreign minister of Iran/PERSON/role-noun"}},
		{"title alone after an article", "An official said the talks failed.",
			[]string{"official/PERSON/kb:title"}},
		{"title word as an adjective", "Unions called a general strike.",
			[]string{"Unions/ORG/kb:institution"}},
		{"title and unknown name", "Gen. Thierry Example inspected the troops.",
			[]string{"Gen. Thierry Example/PERSON/cue:title", "troops/PERSON/kb:institution"}},
		{"apposition after name", "Jane Roe, a senior fellow at the Example Institute, said so.",
			[]string{"Jane Roe/PERSON/cue:apposition", "Example Institute/ORG/cue:org"}},
		{"apposition after role", "Chile's interior minister, Juan Pérez, resigned.",
			[]string{"Juan Pérez/PERSON/cue:apposition"}},
		{"apposition after bare role", "The governor, Ana Silva, resigned.",
			[]string{"Ana Silva/PERSON/cue:apposition"}},
		{"surname later", "Jane Roe said. Roe added that she would stay.",
			[]string{"Jane Roe/PERSON/cue:speech", "Roe/PERSON/cue:surname", "she/PERSON/pronoun"}},
		{"place cues", "Clashes erupted in Fooville and the city of Quorbury near Quxley province.",
			[]string{"Fooville/PLACE/cue:place", "Quorbury/PLACE/cue:place", "Quxley province/PLACE/cue:place"}},
		{"org word", "The National Example Party won, the group said.",
			[]string{"National Example Party/ORG/cue:org", "the group/ORG/role-noun"}},
		{"role nouns", "The minister met the Chilean leader.",
			[]string{"The minister/PERSON/role-noun", "Chilean leader/PERSON/role-noun"}},
		{"country", "Turkey and Jordan signed a deal in March.",
			[]string{"Turkey/COUNTRY/kb:country", "Jordan/COUNTRY/kb:country"}},
		{"lower-case homonyms", "may the turkey jordan china chad georgia", nil},
		{"acronym case", "Tell us what the U.S. wants.", []string{"U.S./COUNTRY/kb:country"}},
		{"transliteration", "Muammar Qaddafi and Bashar el-Assad met.",
			[]string{"Muammar Qaddafi/PERSON/kb:person", "Bashar el-Assad/PERSON/kb:person"}},
		{"leader and institution", "The Trump administration and the Assad regime disagreed.",
			[]string{"Trump administration/ORG/kb:person+institution", "Assad regime/ORG/kb:person+institution"}},
		{"coordinated nationalities", "Hungarian and Romanian officials agreed.",
			[]string{"Hungarian/PERSON/kb:demonym+institution", "Romanian officials/PERSON/kb:demonym+institution"}},
		{"middle initial after a title", "Senate Minority Leader Harold Q. Example said the bill would fail.",
			[]string{"Senate/ORG/kb:institution", "Minority Leader Harold Q. Example/PERSON/cue:title"}},
		{"middle initial before a place", "The bill was opposed by Sen. Joan W. Sample of Ohio.",
			[]string{"Sen. Joan W. Sample/PERSON/cue:title", "Ohio/PLACE/kb:subdivision"}},
		{"middle initial and speech verb", "Tomas R. Quell told the court he was innocent.",
			[]string{"Tomas R. Quell/PERSON/cue:speech", "he/PERSON/pronoun"}},
		{"station named like a known surname", "Fox 35 reported the fire on Monday.",
			[]string{"Fox 35/ORG/cue:station"}},
		{"call sign and channel", "Mary Lane told WFTV 9 that she had seen nothing. Channel 4 aired the video.",
			[]string{"Mary Lane/PERSON/cue:speech", "WFTV 9/ORG/cue:station", "she/PERSON/pronoun", "Channel 4/ORG/cue:station"}},
		{"a month and a day is no station", "The attacks of Sept. 11 changed the city.", nil},
		{"known surname alone is left to the resolver", "Fox said the team would win.",
			[]string{"Fox/PERSON/kb:surname"}},
		{"known surname after the full name", "Vicente Fox visited Texas. Fox spoke at the border.",
			[]string{"Vicente Fox/PERSON/kb:person", "Texas/PLACE/kb:subdivision", "Fox/PERSON/kb:person"}},
		{"known surname after a title", "President Fox spoke at the border.",
			[]string{"President Fox/PERSON/kb:person"}},
		{"known surname with another given name", "Megan Fox arrived late.",
			[]string{"Megan Fox/PERSON/cue:given"}},
		{"known surname after an unknown given name before a speech verb", `"We will win," Ivanka Trump said.`,
			[]string{"Ivanka Trump/PERSON/cue:speech"}},
		{"town name before a speech verb is a surname", `"We will win," Carson said.`,
			[]string{"Carson/PERSON/cue:speech"}},
		{"town name after a place word stays a place", "He drove to Carson on Monday.",
			[]string{"He/PERSON/pronoun", "Carson/PLACE/kb:place"}},
		{"town name after a place word before a speech verb", "The mayor in Carson said the fire spread.",
			[]string{"The mayor/PERSON/role-noun", "Carson/PLACE/kb:place"}},
		{"nationality alone before a speech verb is a surname", "Cuban said the show would return.",
			[]string{"Cuban/PERSON/cue:speech"}},
		{"nationality alone after a speech verb is a surname", `"It is too early," said Cuban, who hosts a show.`,
			[]string{"Cuban/PERSON/cue:speech"}},
		{"nationality with an article before a speech verb", "The Cuban said the show would return.",
			[]string{"Cuban/COUNTRY/kb:demonym"}},
		{"nationality before a group and a speech verb", "Cuban officials said the talks would resume.",
			[]string{"Cuban officials/PERSON/kb:demonym+institution"}},
		{"plural nationality is a people", "The Saudis state in the paper that they fight terror.",
			[]string{"Saudis/COUNTRY/kb:demonym"}},
		{"nationality before an institution", "Saudi state media reported the news.",
			[]string{"Saudi state media/ORG/kb:demonym+institution"}},
		{"known surname with an unlisted given name", "Delphine Fox said the film was over.",
			[]string{"Delphine Fox/PERSON/cue:speech"}},
		{"known surname of another person named before", "Jenna Obama said she was tired. Obama left early.",
			[]string{"Jenna Obama/PERSON/cue:speech", "she/PERSON/pronoun", "Obama/PERSON/cue:surname"}},
		{"according to", "The plan failed, according to Jane Roe.",
			[]string{"Jane Roe/PERSON/cue:speech"}},
		{"speech verb beyond said", "Pia Sorensen acknowledged the error.",
			[]string{"Pia Sorensen/PERSON/cue:speech"}},
		{"common given name, then the surname", "Later, Martin Quell met reporters. Quell declined to comment.",
			[]string{"Martin Quell/PERSON/cue:given", "reporters/PERSON/kb:institution", "Quell/PERSON/cue:surname"}},
		{"given name second in a long name", "Rahim Ahmad Khan Quorb allowed the rally.",
			[]string{"Rahim Ahmad Khan Quorb/PERSON/cue:given"}},
		{"lower-case title before a given name", "The judge summoned former president Carlos Example.",
			[]string{"The judge/PERSON/role-noun", "former president Carlos Example/PERSON/cue:title"}},
		{"given name before a street", "Peter Street was closed.", nil},
		{"given name before a geography word", "Frank Lake froze over in winter.", nil},
		{"given name before an organisation word", "Martin Example University reopened.",
			[]string{"Martin Example University/ORG/cue:org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := recognise(r, tt.text)
			var got []string
			for _, m := range a.Mentions {
				got = append(got, brief(m))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Mentions(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestMentionActors(t *testing.T) {
	r := newTestRecognizer(t)
	tests := []struct {
		name string
		text string
		span string
		want news.Actor
	}{
		{"military of a country", "Syrian government forces shelled the town.", "Syrian government forces",
			news.Actor{Country: "SYR", Sector: news.SectorMilitary, Role: "Forces"}},
		{"ministry", "the Russian Foreign Ministry said.", "Russian Foreign Ministry",
			news.Actor{Country: "RUS", Sector: news.SectorGovernment, Role: "Foreign Ministry"}},
		{"officials", "Ukrainian officials said.", "Ukrainian officials",
			news.Actor{Country: "UKR", Sector: news.SectorGovernment, Role: "Officials"}},
		{"role of a country", "the foreign minister of Iran said.", "the foreign minister of Iran",
			news.Actor{Country: "IRN", Sector: news.SectorGovernment, Role: "Foreign Minister"}},
		{"apposition role and country", "Chile's interior minister, Juan Pérez, resigned.", "Juan Pérez",
			news.Actor{Name: "Juan Pérez", Country: "CHL", Sector: news.SectorGovernment, Role: "Interior Minister"}},
		{"apposition after name", "Joan Sample, a Chilean senator, spoke.", "Joan Sample",
			news.Actor{Name: "Joan Sample", Country: "CHL", Sector: news.SectorLegislator, Role: "Senator"}},
		{"apposition topic is no nationality", "Joan Sample, a Syria expert at the Example Institute, spoke.", "Joan Sample",
			news.Actor{Name: "Joan Sample", Sector: news.SectorEducation, Role: "Expert"}},
		{"former", "former President Jane Example spoke.", "former President Jane Example",
			news.Actor{Name: "Jane Example", Sector: news.SectorElite, Role: "former President"}},
		{"apposition after a role phrase", "A member of the Syrian parliament, Omar Nemo, began a hunger strike.", "Omar Nemo",
			news.Actor{Name: "Omar Nemo", Country: "SYR"}},
		{"station", "Fox 35 reported the fire.", "Fox 35",
			news.Actor{Name: "Fox 35", Sector: news.SectorMedia}},
		{"middle initial in the name", "Senate Minority Leader Harold Q. Example spoke.", "Minority Leader Harold Q. Example",
			news.Actor{Name: "Harold Q. Example", Sector: news.SectorLegislator, Role: "Minority Leader"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := recognise(r, tt.text)
			for _, m := range a.Mentions {
				if m.Text == tt.span {
					if diff := cmp.Diff(tt.want, m.Actor); diff != "" {
						t.Errorf("Mentions(%q) actor of %q mismatch (-want +got):\n%s", tt.text, tt.span, diff)
					}
					return
				}
			}
			t.Errorf("Mentions(%q) has no mention %q; got %v", tt.text, tt.span, a.Mentions)
		})
	}
}

func TestMentionsSkipsRemoved(t *testing.T) {
	r := newTestRecognizer(t)
	text := "By Jane Roe, Reuters. Turkish troops entered Syria."
	a := &news.Article{Text: text, Removed: []news.Removal{{Span: news.Span{Start: 0, End: 21}, Kind: news.RemovalByline}}}
	Split(a)
	r.Mentions(a)
	for _, m := range a.Mentions {
		if m.Span.Start < 21 {
			t.Errorf("Mentions(%q) = %q inside the removed byline", text, m.Text)
		}
	}
	if len(a.Mentions) != 2 {
		t.Errorf("Mentions(%q) = %d mentions, want 2 (Turkish troops, Syria): %v", text, len(a.Mentions), a.Mentions)
	}
}

// goldenMention is the part of a mention a golden file records.
type goldenMention struct {
	Span     news.Span       `json:"span"`
	Text     string          `json:"text"`
	Type     news.EntityType `json:"type"`
	Sentence int             `json:"sentence"`
	Rule     string          `json:"rule"`
	Actor    news.Actor      `json:"actor"`
}

// TestGoldenMentions checks every testdata/mentions/*.txtar case: the
// article in article.txt, the mentions in want.json. Run with -update to
// rewrite want.json.
func TestGoldenMentions(t *testing.T) {
	r := newTestRecognizer(t)
	files, err := filepath.Glob("testdata/mentions/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata/mentions")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := parseTxtar(string(data))
			text, ok := parts["article.txt"]
			if !ok {
				t.Fatalf("%s: no article.txt", file)
			}
			a := recognise(r, text)
			got := []goldenMention{}
			for _, m := range a.Mentions {
				got = append(got, goldenMention{m.Span, m.Text, m.Type, m.Sentence, m.Rule, m.Actor})
			}
			out, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, '\n')
			if *update {
				parts["want.json"] = string(out)
				if err := os.WriteFile(file, []byte(formatTxtar(parts)), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var want []goldenMention
			if err := json.Unmarshal([]byte(parts["want.json"]), &want); err != nil {
				t.Fatalf("%s: want.json: %v", file, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Mentions(%s) mismatch (-want +got):\n%s", file, diff)
			}
		})
	}
}

// parseTxtar reads the "-- name --" sections of a txtar archive; the
// comment before the first section is kept under "".
func parseTxtar(s string) map[string]string {
	out := map[string]string{}
	name := ""
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		l := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			out[name] = b.String()
			b.Reset()
			name = strings.TrimSpace(l[3 : len(l)-3])
			continue
		}
		b.WriteString(line)
	}
	out[name] = b.String()
	return out
}

// formatTxtar writes the archive back: the comment, article.txt, then
// want.json.
func formatTxtar(parts map[string]string) string {
	var b bytes.Buffer
	b.WriteString(parts[""])
	for _, name := range []string{"article.txt", "want.json"} {
		b.WriteString("-- " + name + " --\n")
		b.WriteString(parts[name])
	}
	return b.String()
}

func FuzzMentions(f *testing.F) {
	files, _ := filepath.Glob("testdata/mentions/*.txtar")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(parseTxtar(string(data))["article.txt"])
		}
	}
	f.Add("Chile's interior minister, Juan Pérez, said he would resign. Pérez")
	f.Add("U.S. U.N. al- el-Assad's 'the' ,, \u00a0")
	r := newTestRecognizer(f)
	f.Fuzz(func(t *testing.T, text string) {
		a := &news.Article{Text: text}
		Split(a)
		r.Mentions(a)
		prev := news.Span{}
		for i, m := range a.Mentions {
			if m.Span.Start < 0 || m.Span.End > len(text) || m.Span.Start >= m.Span.End {
				t.Fatalf("Mentions(%q)[%d] span %v out of range", text, i, m.Span)
			}
			if text[m.Span.Start:m.Span.End] != m.Text {
				t.Fatalf("Mentions(%q)[%d] text %q, span says %q", text, i, m.Text, text[m.Span.Start:m.Span.End])
			}
			if i > 0 && m.Span.Start < prev.End {
				t.Fatalf("Mentions(%q)[%d] span %v overlaps or precedes %v", text, i, m.Span, prev)
			}
			if m.Sentence < 0 || m.Sentence >= len(a.Sentences) || !a.Sentences[m.Sentence].Span.Contains(m.Span) {
				t.Fatalf("Mentions(%q)[%d] span %v not inside sentence %d", text, i, m.Span, m.Sentence)
			}
			if m.Ref != -1 {
				t.Fatalf("Mentions(%q)[%d] Ref = %d, want -1", text, i, m.Ref)
			}
			prev = m.Span
		}
	})
}

// BenchmarkMentions measures recognition of a 5 KB article, sentence
// splitting excluded.
func BenchmarkMentions(b *testing.B) {
	r := newTestRecognizer(b)
	a := &news.Article{Text: benchArticle}
	Split(a)
	b.SetBytes(int64(len(benchArticle)))
	cpu := startCPU(b)
	for b.Loop() {
		r.Mentions(a)
		cpu.add(len(benchArticle))
	}
	cpu.report()
}

func TestMentionsConcurrent(t *testing.T) {
	r := newTestRecognizer(t)
	want := recognise(r, benchArticle).Mentions
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			got := recognise(r, benchArticle).Mentions
			if diff := cmp.Diff(want, got); diff != "" {
				errs <- diff
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if diff := <-errs; diff != "" {
			t.Errorf("concurrent Mentions differ from sequential (-want +got):\n%s", diff)
		}
	}
}
