package link

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"chronicle/internal/news"
)

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"attacks", "attack"},
		{"attacked", "attack"},
		{"attacking", "attack"},
		{"stopped", "stop"},
		{"killed", "kill"},
		{"casualties", "casualty"},
		{"churches", "church"},
		{"talks", "talk"},
		{"crisis", "crisis"},
		{"press", "press"},
		{"news", "news"},
		{"7.0", "7.0"},
		{"Reid", "Reid"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stem(tt.in); got != tt.want {
				t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	text := "Reid's quake: magnitude 7.0, 1,200 dead. Share this"
	removed := []news.Removal{{Span: news.Span{Start: 41, End: 51}, Kind: news.RemovalFurniture}}
	var got []string
	for _, tk := range tokens(text, codedRanges(text, removed)) {
		got = append(got, tk.text)
	}
	want := []string{"reid", "quake", "magnitude", "7.0", "1,200", "dead"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens(%q) = %q, want %q", text, got, want)
	}
}

func TestSentenceStart(t *testing.T) {
	text := "Police said. \"Officials in Kabul\" met\nWardak"
	tests := []struct {
		word string
		want bool
	}{
		{"Police", true},
		{"Officials", true},
		{"Kabul", false},
		{"Wardak", true},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			i := bytes.Index([]byte(text), []byte(tt.word))
			if got := sentenceStart(text, i); got != tt.want {
				t.Errorf("sentenceStart(%q, %d) = %v, want %v", text, i, got, tt.want)
			}
		})
	}
}

func TestCommonWord(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	text := "Police said she left. She met Police Chief Ali Reza in Herat. Reza spoke."
	tests := []struct {
		mention string
		at      int // occurrence of mention in text, from 0
		want    bool
	}{
		{"Police", 0, true}, // capitalised by the sentence
		{"She", 0, true},    // a stopword
		{"Police Chief Ali Reza", 0, false},
		{"Reza", 0, false},
		{"Reza", 1, true}, // alone at a sentence start
		{"Herat", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.mention, func(t *testing.T) {
			i := -1
			for range tt.at + 1 {
				i += 1 + strings.Index(text[i+1:], tt.mention)
			}
			m := news.Mention{Text: tt.mention, Span: news.Span{Start: i, End: i + len(tt.mention)}}
			if got := k.commonWord(text, m); got != tt.want {
				t.Errorf("commonWord(%q at %d) = %v, want %v", tt.mention, i, got, tt.want)
			}
		})
	}
}

func TestSegmentBounds(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	entry := "Rescuers pulled survivors from collapsed buildings across the northern districts overnight."
	text := "Headline\n09:00 " + entry + "\n10:00 " + entry + "\n11:00 Short note.\n12:00 " + entry
	var removed []news.Removal
	for _, stamp := range []string{"09:00", "10:00", "11:00", "12:00"} {
		i := bytes.Index([]byte(text), []byte(stamp))
		removed = append(removed, news.Removal{Span: news.Span{Start: i, End: i + 5}, Kind: news.RemovalTimestamp})
	}
	tests := []struct {
		name    string
		removed []news.Removal
		want    []int
	}{
		{"article", nil, []int{0, len(text)}},
		// The headline joins the first entry, the short note the one after.
		{"live blog", removed, []int{0, removed[1].Span.Start, removed[2].Span.Start, len(text)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: text, Removed: tt.removed}
			got := k.segmentBounds(a, tokens(text, codedRanges(text, tt.removed)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("segmentBounds() = %v, want %v", got, tt.want)
			}
		})
	}
}

// testProfile profiles a short article with a person and a place.
func testProfile(t testing.TB, text string) *profile {
	t.Helper()
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{ID: "a", Hash: "h", Source: "s", Text: text,
		Published: time.Date(2025, 3, 10, 8, 0, 0, 0, time.UTC)}
	if i := bytes.Index([]byte(text), []byte("Amina Yusuf")); i >= 0 {
		a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: i, End: i + 11}, Text: "Amina Yusuf", Type: news.Person, Ref: -1,
			Actor: news.Actor{Name: "Amina Yusuf", Entity: "person:amina-yusuf"}})
	}
	return k.newProfile(a)
}

func TestProfileEncoding(t *testing.T) {
	p := testProfile(t, "Floods hit Nairobi on Monday, said Dr. Amina Yusuf of the Red Cross. Hundreds of homes were lost in Mathare.")
	got, err := decodeProfile(p.id, p.encode())
	if err != nil {
		t.Fatalf("decodeProfile(encode()) = %v", err)
	}
	if diff := cmp.Diff(p, got, cmp.AllowUnexported(profile{}, segment{}, feature{}, fact{}, signature{})); diff != "" {
		t.Errorf("decodeProfile(encode()) differs (-want +got):\n%s", diff)
	}
	// A profile stored by an earlier version, with other features, is
	// refused, so that the article is profiled anew.
	for _, v := range []byte{1, 2} {
		old := append([]byte{v}, p.encode()[1:]...)
		if _, err := decodeProfile(p.id, old); !errors.Is(err, errState) {
			t.Errorf("decodeProfile(version %d) = %v, want %v", v, err, errState)
		}
	}
	for _, bad := range [][]byte{nil, {stateVersion}, {99, 0, 0}, p.encode()[:40], append(p.encode(), 0)} {
		if _, err := decodeProfile("a", bad); err == nil {
			t.Errorf("decodeProfile(%d bytes) = nil error, want one", len(bad))
		}
	}
}

func TestSimilarity(t *testing.T) {
	a := testProfile(t, "Floods hit Nairobi on Monday, said Dr. Amina Yusuf of the Red Cross. Hundreds of homes were lost in Mathare.")
	b := testProfile(t, "Dr. Amina Yusuf of the Red Cross said floods destroyed hundreds of homes in Mathare, Nairobi.")
	c := testProfile(t, "The central bank raised interest rates by half a point to curb inflation, the governor said.")
	if s := a.segs[0].similarity(&b.segs[0]); s < DefaultThreshold {
		t.Errorf("similarity(two reports of the floods) = %.2f, want >= %.2f", s, DefaultThreshold)
	}
	if s := a.segs[0].similarity(&c.segs[0]); s > 0.1 {
		t.Errorf("similarity(floods, rates) = %.2f, want <= 0.1", s)
	}
	if !a.segs[0].sharesKey(&b.segs[0]) {
		t.Errorf("two reports of the floods share no key")
	}
}

// FuzzProfile profiles arbitrary article text, and decodes arbitrary link
// state: neither may panic, and a profile must survive its encoding.
func FuzzProfile(f *testing.F) {
	if b, err := os.ReadFile("testdata/articles.jsonl"); err == nil {
		for _, line := range bytes.Split(b, []byte("\n"))[:4] {
			f.Add(string(line), line)
		}
	}
	f.Add("Tara Reid's rehab, 7.0 quake. \u201cQuoted\u201d", []byte{stateVersion, 1, 'h'})
	f.Add("Updated 8: 41 PM ET, 2013\n:5 She said 1:", []byte{stateVersion})
	k, err := loadKnowledge()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, state []byte) {
		a := &news.Article{ID: "f", Hash: "h", Text: text,
			Removed: []news.Removal{{Span: news.Span{Start: len(text) / 3, End: len(text) / 2}, Kind: news.RemovalTimestamp},
				{Span: news.Span{Start: len(text) / 2, End: len(text)*2/3 + 1}, Kind: news.RemovalTimestamp}}}
		p := k.newProfile(a)
		got, err := decodeProfile("f", p.encode())
		if err != nil {
			t.Fatalf("decodeProfile(encode()) = %v", err)
		}
		if got.sig != p.sig || len(got.segs) != len(p.segs) {
			t.Fatalf("decodeProfile(encode()) changed the profile")
		}
		for i := range p.segs {
			if !slices.Equal(got.segs[i].facts, p.segs[i].facts) {
				t.Errorf("decodeProfile(encode()) changed the facts of segment %d", i)
			}
		}
		_, _ = decodeProfile("f", state) // must not panic; an error is expected
	})
}

func TestLeadEnd(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	headline := "Quake hits coast"
	first := "A strong earthquake struck the northern coast on Tuesday, killing at least twelve people in three villages."
	second := "Rescue teams were still searching the rubble."
	short := "Rescuers arrived."
	tests := []struct {
		name      string
		sentences []string
		want      string // the text of the lead
	}{
		{"first sentence", []string{first, second}, first},
		{"headline joins the sentence after it", []string{headline, first, second}, headline + "\n" + first},
		{"short sentences until the lead is long enough", []string{headline, short, first, second}, headline + "\n" + short + "\n" + first},
		{"one short sentence", []string{short}, short},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: strings.Join(tt.sentences, "\n")}
			at := 0
			for i, s := range tt.sentences {
				a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: at, End: at + len(s)}})
				at += len(s) + 1
			}
			span := news.Span{Start: 0, End: len(a.Text)}
			got := a.Text[:k.leadEnd(a, tokens(a.Text, []news.Span{span}), span)]
			if got != tt.want {
				t.Errorf("leadEnd(%q) ends the lead at %q, want %q", a.Text, got, tt.want)
			}
		})
	}
}

func TestLeadWeighsMore(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	// The same words, "harbour" in the lead of one and in the last
	// sentence of the other.
	lead := "Fire destroyed the harbour warehouses overnight, the port authority said in a statement.\nThe blaze was put out by morning.\nNobody was hurt."
	late := "Fire destroyed the warehouses overnight, the port authority said in a statement.\nThe blaze was put out by morning.\nNobody was hurt at the harbour."
	weight := func(text string) float32 {
		a := &news.Article{ID: "a", Text: text}
		at := 0
		for i, s := range strings.Split(text, "\n") {
			a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: at, End: at + len(s)}})
			at += len(s) + 1
		}
		p := k.newProfile(a)
		h := featureHash(featWord, "w:", stem("harbour"))
		for _, f := range p.segs[0].feats {
			if f.h == h {
				return f.w
			}
		}
		return 0
	}
	if wl, wo := weight(lead), weight(late); wl <= wo || wo == 0 {
		t.Errorf("weight of a word in the lead = %v, later = %v; want it heavier in the lead", wl, wo)
	}
}

func TestClockTime(t *testing.T) {
	tests := []struct {
		text, word string
		want       bool
	}{
		{"Updated 3:09 PM ET", "3", true},
		{"Updated 3:09 PM ET", "09", true},
		{"updated 8: 41 p. m. EST", "41", true},
		{"updated 8: 41 p. m. EST", "8", true},
		{"killing 41 people: police", "41", false},
		{"a 7-0 win", "7", false},
		{"Ratio 3:1000 reported", "1000", false}, // not minutes
		{"in 2013: the year", "2013", false},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+tt.word, func(t *testing.T) {
			var tok token
			for _, tk := range tokens(tt.text, []news.Span{{Start: 0, End: len(tt.text)}}) {
				if tk.text == tt.word {
					tok = tk
					break
				}
			}
			if tok.text == "" {
				t.Fatalf("no token %q in %q", tt.word, tt.text)
			}
			if got := clockTime(tt.text, tok); got != tt.want {
				t.Errorf("clockTime(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
			}
		})
	}
}

func TestIsYear(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2013", true},
		{"1999", true},
		{"1850", false},
		{"213", false},
		{"20130", false},
		{"20th", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isYear(tt.in); got != tt.want {
				t.Errorf("isYear(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestProfileLeavesOut checks that what says when a page was written
// (clock times, time zones) and pronouns recognised as names are not
// features, and that a year weighs more than another number.
func TestProfileLeavesOut(t *testing.T) {
	k, err := loadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	text := "Updated 10:45 PM EST\nShe said the fire in 2011 killed 12 workers."
	a := &news.Article{ID: "a", Text: text}
	at := 0
	for i, s := range strings.Split(text, "\n") {
		a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: at, End: at + len(s)}})
		at += len(s) + 1
	}
	she := strings.Index(text, "She")
	a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: she, End: she + 3}, Text: "She", Type: news.Person, Ref: -1})
	p := k.newProfile(a)
	weight := map[uint64]float32{}
	for _, f := range p.segs[0].feats {
		weight[f.h] = f.w
	}
	for _, tt := range []struct {
		name string
		h    uint64
	}{
		{"hour", featureHash(featName, "#:", "10")},
		{"minutes", featureHash(featName, "#:", "45")},
		{"pm", featureHash(featWord, "w:", "pm")},
		{"time zone", featureHash(featWord, "w:", "est")},
		{"pronoun", featureHash(featName, "", "n:she") | specific},
	} {
		if w, ok := weight[tt.h]; ok {
			t.Errorf("newProfile(%q) has the %s as a feature of weight %v, want none", text, tt.name, w)
		}
	}
	year, count := weight[featureHash(featName, "#:", "2011")], weight[featureHash(featName, "#:", "12")]
	if year <= count || count == 0 {
		t.Errorf("newProfile(%q): weight of the year %v, of the count %v; want the year heavier", text, year, count)
	}
}
