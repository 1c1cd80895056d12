package kb

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"chronicle/internal/news"
)

// The lexicon of reported speech lives in data/speech: verbs.tsv (reporting
// verbs and how they frame their speaker and content), phrases.tsv (cues
// that are not verbs, channels and the adverbs that may stand around a
// cue), sources.tsv (nouns that name a speaker without naming them) and
// words.tsv (the closed word classes that clauses, speakers and titles
// are read with).
//
//go:embed data/speech
var speechFS embed.FS

// SpeechKind says what a speaker does with a reporting verb: say, tell,
// write, add, note, warn, insist, claim, accuse, deny, ...
type SpeechKind string

// SpeechVerb is one reporting verb of verbs.tsv.
type SpeechVerb struct {
	Cue      string     // the verb as listed: "say", "point out"
	Kind     SpeechKind // what the speaker does
	Rest     []string   // words that follow the inflected first word: "out"
	Invert   bool       // may stand before its speaker: "...," said the minister
	Audience bool       // the noun phrase after it is the hearer: "told Reuters"
	That     bool       // introduces a that-clause
	Bare     bool       // introduces a reported clause without "that"
}

// PhraseKind is the part a speech phrase plays.
type PhraseKind string

// Kinds of speech phrases.
const (
	PhraseAccording PhraseKind = "according" // "according to X, ...": the speaker follows
	PhraseQuoted    PhraseKind = "quoted"    // "X was quoted as saying": the speaker precedes
	PhraseChannel   PhraseKind = "channel"   // "in a statement", "on Telegram": skipped
	PhraseAdverb    PhraseKind = "adverb"    // "has also", "on Monday": skipped
)

// SpeechPhrase is one entry of phrases.tsv.
type SpeechPhrase struct {
	Words []string // lower case
	Kind  PhraseKind
}

// SourceKind says what a source noun names.
type SourceKind string

// Kinds of source nouns.
const (
	SourcePerson   SourceKind = "person"   // "officials", "a source", "witnesses"
	SourceOrg      SourceKind = "org"      // "the campaign", "the company"
	SourceDocument SourceKind = "document" // "the statement": its author speaks
)

// SpeechSource is one noun of sources.tsv.
type SpeechSource struct {
	Noun   string // singular
	Plural string // empty when the noun has none
	Sector news.Sector
	Kind   SourceKind
}

// WordClass names a closed class of words of words.tsv: the words that
// answer one question a reader of reported speech asks of a word.
type WordClass string

// Word classes.
const (
	WordNounMarker     WordClass = "noun-marker"     // a reporting verb after it is a noun: "the report"
	WordCopula         WordClass = "copula"          // a reporting verb after it is passive: "was said"
	WordParticipleLead WordClass = "participle-lead" // a participle cue after it hangs from its clause: "while chanting"
	WordClauseOpener   WordClass = "clause-opener"   // a clause with its own subject follows: "because"
	WordPrepPhrase     WordClass = "prep-phrase"     // opens a short phrase after a cue: "said on Monday that"
	WordHearer         WordClass = "hearer"          // a one-word hearer: "told reporters"
	WordHearerDet      WordClass = "hearer-det"      // opens a short hearer phrase: "told the court"
	WordNotClause      WordClass = "not-clause"      // cannot start a clause reported without "that"
	WordClauseSubject  WordClass = "clause-subject"  // starts a clause after a hearer: "told her he"
	WordModifier       WordClass = "modifier"        // starts a phrase after a speaker's head: "a source close to"
	WordHonorific      WordClass = "honorific"       // a title before a name: "Mr", "Sen"
	WordNPStop         WordClass = "np-stop"         // cannot stand in a noun phrase before a source noun
	WordQuantifier     WordClass = "quantifier"      // belongs to the group mention after it: "three", "senior"
	WordAppositive     WordClass = "appositive"      // begins an apposition after a comma: "a", "who"
	WordParty          WordClass = "party"           // a party word that begins an apposition: "Democrat"
	WordVerbLike       WordClass = "verb-like"       // cannot stand inside a speaker's name: "and", "was"
	WordTitleCue       WordClass = "title-cue"       // a quote after it is a title: "the film"
	WordTitleSmall     WordClass = "title-small"     // a title leaves it in lower case: "of", "the"
	WordOpening        WordClass = "opening"         // opens a phrase rather than a clause: "after"
	WordClauseTail     WordClass = "clause-tail"     // a cue before it ends its clause: "citing"
)

// wordClasses lists the word classes of words.tsv.
func wordClasses() []WordClass {
	return []WordClass{
		WordNounMarker, WordCopula, WordParticipleLead, WordClauseOpener, WordPrepPhrase, WordHearer,
		WordHearerDet, WordNotClause, WordClauseSubject, WordModifier, WordHonorific, WordNPStop,
		WordQuantifier, WordAppositive, WordParty, WordVerbLike, WordTitleCue, WordTitleSmall, WordOpening,
		WordClauseTail,
	}
}

// Speech is the loaded lexicon of reported speech. It is read-only after
// LoadSpeech and safe for concurrent use.
type Speech struct {
	verbs   map[string][]SpeechVerb // form -> verbs whose first word it inflects
	phrases []SpeechPhrase
	sources map[string]SpeechSource // singular and plural -> source
	words   map[WordClass][]string  // class -> its words in file order
}

// LoadSpeech parses the embedded reporting verbs, speech phrases, source
// nouns and word classes. It returns an error naming the file and line of
// the first malformed row.
func LoadSpeech() (*Speech, error) {
	return parseSpeech(speechFS, "data/speech")
}

func parseSpeech(fsys fs.FS, dir string) (*Speech, error) {
	s := &Speech{verbs: make(map[string][]SpeechVerb), sources: make(map[string]SpeechSource), words: make(map[WordClass][]string)}
	steps := []struct {
		file string
		cols int
		add  func([]string) error
	}{
		{"verbs.tsv", 4, s.addVerb},
		{"phrases.tsv", 2, s.addPhrase},
		{"sources.tsv", 4, s.addSource},
		{"words.tsv", 2, s.addWords},
	}
	for _, st := range steps {
		if err := readSpeechTSV(fsys, path.Join(dir, st.file), st.cols, st.add); err != nil {
			return nil, err
		}
	}
	// Longer phrases first, so that a scan takes "in a statement to"
	// before "in a statement".
	slices.SortStableFunc(s.phrases, func(a, b SpeechPhrase) int { return len(b.Words) - len(a.Words) })
	return s, nil
}

// readSpeechTSV calls add with the cols fields of every row of a
// tab-separated file; '#' starts a comment line and '-' stands for an
// empty field.
func readSpeechTSV(fsys fs.FS, name string, cols int, add func([]string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read speech lexicon: %v", err)
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			return fmt.Errorf("%s:%d: %d columns, want %d", path.Base(name), n+1, len(f), cols)
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
			if f[i] == "-" {
				f[i] = ""
			}
		}
		if err := add(f); err != nil {
			return fmt.Errorf("%s:%d: %v", path.Base(name), n+1, err)
		}
	}
	return nil
}

func (s *Speech) addVerb(f []string) error {
	words := strings.Fields(strings.ToLower(f[0]))
	if len(words) == 0 {
		return fmt.Errorf("empty cue")
	}
	if f[2] == "" {
		return fmt.Errorf("cue %q has no kind", f[0])
	}
	v := SpeechVerb{Cue: strings.Join(words, " "), Kind: SpeechKind(f[2]), Rest: words[1:]}
	if f[3] != "" {
		for _, fl := range strings.Split(f[3], ",") {
			switch strings.TrimSpace(fl) {
			case "invert":
				v.Invert = true
			case "audience":
				v.Audience = true
			case "that":
				v.That = true
			case "bare":
				v.Bare = true
			default:
				return fmt.Errorf("cue %q: unknown frame %q", f[0], fl)
			}
		}
	}
	forms := strings.Split(strings.ToLower(f[1]), ",")
	if !slices.Contains(forms, words[0]) {
		return fmt.Errorf("cue %q: forms %q lack the bare form", f[0], f[1])
	}
	for _, form := range forms {
		form = strings.TrimSpace(form)
		if form == "" || strings.ContainsAny(form, " \t") {
			return fmt.Errorf("cue %q: bad form %q", f[0], form)
		}
		s.verbs[form] = append(s.verbs[form], v)
	}
	return nil
}

func (s *Speech) addPhrase(f []string) error {
	words := strings.Fields(strings.ToLower(f[0]))
	if len(words) == 0 {
		return fmt.Errorf("empty phrase")
	}
	k := PhraseKind(f[1])
	switch k {
	case PhraseAccording, PhraseQuoted, PhraseChannel, PhraseAdverb:
	default:
		return fmt.Errorf("phrase %q: unknown kind %q", f[0], f[1])
	}
	s.phrases = append(s.phrases, SpeechPhrase{Words: words, Kind: k})
	return nil
}

func (s *Speech) addSource(f []string) error {
	src := SpeechSource{Noun: strings.ToLower(f[0]), Plural: strings.ToLower(f[1]), Sector: news.Sector(f[2]), Kind: SourceKind(f[3])}
	if src.Noun == "" || strings.Contains(src.Noun, " ") {
		return fmt.Errorf("bad noun %q", f[0])
	}
	switch src.Kind {
	case SourcePerson, SourceOrg, SourceDocument:
	default:
		return fmt.Errorf("noun %q: unknown kind %q", f[0], f[3])
	}
	if src.Sector != "" && !speechSector(src.Sector) {
		return fmt.Errorf("noun %q: unknown sector %q", f[0], f[2])
	}
	for _, w := range []string{src.Noun, src.Plural} {
		if w == "" {
			continue
		}
		if _, dup := s.sources[w]; dup {
			return fmt.Errorf("noun %q listed twice", w)
		}
		s.sources[w] = src
	}
	return nil
}

func (s *Speech) addWords(f []string) error {
	c := WordClass(f[0])
	if !slices.Contains(wordClasses(), c) {
		return fmt.Errorf("unknown word class %q", f[0])
	}
	words := strings.Fields(f[1])
	if len(words) == 0 {
		return fmt.Errorf("class %q has no words", f[0])
	}
	for _, w := range words {
		if w != strings.ToLower(w) {
			return fmt.Errorf("class %q: word %q is not lower case", f[0], w)
		}
		if slices.Contains(s.words[c], w) {
			return fmt.Errorf("class %q: word %q listed twice", f[0], w)
		}
		s.words[c] = append(s.words[c], w)
	}
	return nil
}

// speechSector reports whether sec has the shape of a PLOVER sector code:
// three upper-case letters. The codes themselves are those of
// data/actors/sectors.tsv.
func speechSector(sec news.Sector) bool {
	if len(sec) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if sec[i] < 'A' || sec[i] > 'Z' {
			return false
		}
	}
	return true
}

// Verbs returns the reporting verbs that word, in lower case, is a form
// of: "said" gives say, "pointed" gives "point out" (whose Rest the caller
// checks). It returns nil for any other word.
func (s *Speech) Verbs(word string) []SpeechVerb { return slices.Clone(s.verbs[word]) }

// VerbForms calls fn for every inflected form of every reporting verb.
func (s *Speech) VerbForms(fn func(form string, v SpeechVerb)) {
	for form, vs := range s.verbs {
		for _, v := range vs {
			fn(form, v)
		}
	}
}

// Phrases returns the speech phrases, longest first.
func (s *Speech) Phrases() []SpeechPhrase { return slices.Clone(s.phrases) }

// Sources calls fn for every source noun.
func (s *Speech) Sources(fn func(SpeechSource)) {
	for w, src := range s.sources {
		if w == src.Noun {
			fn(src)
		}
	}
}

// Words calls fn for every word of every word class, class by class in
// the order of the WordClass constants and each class's words in file
// order.
func (s *Speech) Words(fn func(word string, c WordClass)) {
	for _, c := range wordClasses() {
		for _, w := range s.words[c] {
			fn(w, c)
		}
	}
}

// Source returns the source noun that word, in lower case, is the
// singular or plural of.
func (s *Speech) Source(word string) (SpeechSource, bool) {
	src, ok := s.sources[word]
	return src, ok
}
