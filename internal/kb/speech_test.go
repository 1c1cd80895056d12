package kb

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"chronicle/internal/news"
)

func TestLoadSpeech(t *testing.T) {
	s, err := LoadSpeech()
	if err != nil {
		t.Fatalf("LoadSpeech() = %v", err)
	}
	verbs := []struct {
		form     string
		cue      string
		kind     SpeechKind
		invert   bool
		audience bool
		that     bool
		rest     string
	}{
		{"said", "say", "say", true, false, true, ""},
		{"says", "say", "say", true, false, true, ""},
		{"told", "tell", "tell", false, true, true, ""},
		{"wrote", "write", "write", true, false, true, ""},
		{"added", "add", "add", true, false, true, ""},
		{"warned", "warn", "warn", true, true, true, ""},
		{"insisted", "insist", "insist", true, false, true, ""},
		{"denied", "deny", "deny", true, false, true, ""},
		{"pointed", "point out", "note", true, false, true, "out"},
		{"tweeted", "tweet", "write", true, false, true, ""},
	}
	for _, tt := range verbs {
		t.Run(tt.form, func(t *testing.T) {
			vs := s.Verbs(tt.form)
			if len(vs) != 1 {
				t.Fatalf("Verbs(%q) = %d verbs, want 1", tt.form, len(vs))
			}
			v := vs[0]
			if v.Cue != tt.cue || v.Kind != tt.kind || v.Invert != tt.invert || v.Audience != tt.audience ||
				v.That != tt.that || strings.Join(v.Rest, " ") != tt.rest {
				t.Errorf("Verbs(%q) = %+v, want cue %q kind %q invert %v audience %v that %v rest %q",
					tt.form, v, tt.cue, tt.kind, tt.invert, tt.audience, tt.that, tt.rest)
			}
		})
	}
	if vs := s.Verbs("walked"); vs != nil {
		t.Errorf("Verbs(%q) = %v, want nil", "walked", vs)
	}

	sources := []struct {
		word   string
		noun   string
		sector news.Sector
		kind   SourceKind
	}{
		{"officials", "official", news.SectorGovernment, SourcePerson},
		{"official", "official", news.SectorGovernment, SourcePerson},
		{"sources", "source", "", SourcePerson},
		{"witnesses", "witness", news.SectorCivilian, SourcePerson},
		{"people", "person", "", SourcePerson},
		{"campaign", "campaign", news.SectorParty, SourceOrg},
		{"statement", "statement", "", SourceDocument},
	}
	for _, tt := range sources {
		t.Run(tt.word, func(t *testing.T) {
			src, ok := s.Source(tt.word)
			if !ok || src.Noun != tt.noun || src.Sector != tt.sector || src.Kind != tt.kind {
				t.Errorf("Source(%q) = %+v, %v, want noun %q sector %q kind %q", tt.word, src, ok, tt.noun, tt.sector, tt.kind)
			}
		})
	}

	kinds := map[PhraseKind]int{}
	for _, p := range s.Phrases() {
		kinds[p.Kind]++
	}
	for _, k := range []PhraseKind{PhraseAccording, PhraseQuoted, PhraseChannel, PhraseAdverb} {
		if kinds[k] == 0 {
			t.Errorf("Phrases() has no %q phrase", k)
		}
	}
	ps := s.Phrases()
	for i := 1; i < len(ps); i++ {
		if len(ps[i].Words) > len(ps[i-1].Words) {
			t.Fatalf("Phrases()[%d] = %v is longer than the phrase before it", i, ps[i].Words)
		}
	}
	n := 0
	s.VerbForms(func(form string, v SpeechVerb) {
		n++
		if form == "" || v.Kind == "" {
			t.Errorf("VerbForms gave form %q verb %+v", form, v)
		}
	})
	if n < 200 {
		t.Errorf("VerbForms gave %d forms, want at least 200", n)
	}
}

func TestParseSpeechErrors(t *testing.T) {
	good := map[string]string{
		"verbs.tsv":   "say\tsay,says,said\tsay\tinvert,that\n",
		"phrases.tsv": "according to\taccording\n",
		"sources.tsv": "official\tofficials\tGOV\tperson\n",
		"words.tsv":   "honorific\tmr mrs\nhonorific\tdr\n",
	}
	tests := []struct {
		name string
		file string
		text string
		want string
	}{
		{"columns", "verbs.tsv", "say\tsaid\tsay\n", "verbs.tsv:1: 3 columns, want 4"},
		{"frame", "verbs.tsv", "say\tsay,said\tsay\tloud\n", `unknown frame "loud"`},
		{"bare form", "verbs.tsv", "say\tsays,said\tsay\t-\n", "lack the bare form"},
		{"no kind", "verbs.tsv", "# comment\nsay\tsay\t-\t-\n", `verbs.tsv:2: cue "say" has no kind`},
		{"phrase kind", "phrases.tsv", "according to\tsource\n", `unknown kind "source"`},
		{"sector", "sources.tsv", "official\tofficials\tgov\tperson\n", `unknown sector "gov"`},
		{"source kind", "sources.tsv", "official\tofficials\tGOV\tgroup\n", `unknown kind "group"`},
		{"duplicate", "sources.tsv", "official\tofficials\tGOV\tperson\nofficials\t-\tGOV\tperson\n", "listed twice"},
		{"word class", "words.tsv", "honorifics\tmr\n", `unknown word class "honorifics"`},
		{"no words", "words.tsv", "honorific\t-\n", `words.tsv:1: class "honorific" has no words`},
		{"word case", "words.tsv", "honorific\tMr\n", `word "Mr" is not lower case`},
		{"duplicate word", "words.tsv", "honorific\tmr\nhonorific\tdr mr\n", `words.tsv:2: class "honorific": word "mr" listed twice`},
		{"word columns", "words.tsv", "honorific\n", "words.tsv:1: 1 columns, want 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range good {
				fsys["d/"+name] = &fstest.MapFile{Data: []byte(text)}
			}
			fsys["d/"+tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			_, err := parseSpeech(fsys, "d")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseSpeech(%s: %q) = %v, want an error containing %q", tt.file, tt.text, err, tt.want)
			}
		})
	}
	fsys := fstest.MapFS{}
	for name, text := range good {
		fsys["d/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, err := parseSpeech(fsys, "d"); err != nil {
		t.Errorf("parseSpeech(good) = %v, want nil", err)
	}
}

func TestSpeechWords(t *testing.T) {
	s, err := LoadSpeech()
	if err != nil {
		t.Fatalf("LoadSpeech() = %v", err)
	}
	classes := map[WordClass][]string{}
	s.Words(func(w string, c WordClass) { classes[c] = append(classes[c], w) })
	for _, c := range wordClasses() {
		if len(classes[c]) == 0 {
			t.Errorf("Words gave no word of class %q", c)
		}
	}
	tests := []struct {
		word  string
		class WordClass
		want  bool
	}{
		{"mr", WordHonorific, true},
		{"senator", WordHonorific, true},
		{"official", WordHonorific, false},
		{"reporters", WordHearer, true},
		{"so-called", WordTitleCue, true},
		{"vs.", WordTitleSmall, true},
		{"democrat", WordParty, true},
		{"citing", WordClauseTail, true},
		{"unnamed", WordQuantifier, true},
		{"the", WordNounMarker, true},
		{"the", WordQuantifier, true},
		{"said", WordNounMarker, false},
	}
	for _, tt := range tests {
		if got := slices.Contains(classes[tt.class], tt.word); got != tt.want {
			t.Errorf("Words: %q in class %q = %v, want %v", tt.word, tt.class, got, tt.want)
		}
	}
}

func TestSpeechWordsOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"d/verbs.tsv":   {Data: []byte("say\tsay,said\tsay\t-\n")},
		"d/phrases.tsv": {Data: []byte("according to\taccording\n")},
		"d/sources.tsv": {Data: []byte("official\tofficials\tGOV\tperson\n")},
		"d/words.tsv":   {Data: []byte("# titles\nhonorific\tsen mr\ncopula\twas\nhonorific\tdr\n")},
	}
	s, err := parseSpeech(fsys, "d")
	if err != nil {
		t.Fatalf("parseSpeech = %v", err)
	}
	var got []string
	s.Words(func(w string, c WordClass) { got = append(got, string(c)+":"+w) })
	want := []string{"copula:was", "honorific:sen", "honorific:mr", "honorific:dr"}
	if !slices.Equal(got, want) {
		t.Errorf("Words gave %q, want %q", got, want)
	}
}
