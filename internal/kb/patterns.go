package kb

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"chronicle/internal/news"
)

// The event dictionary lives in data/patterns: one file per PLOVER event
// type (assault.tsv, consult.tsv, ...) plus none.tsv, whose entries block
// longer non-event phrases ("heart attack"), and two folders: codebook/
// (PLOVER type and mode scores, label crosswalks) and grammar/ (the
// closed-class lexicon the event coder's tagger uses).
//
//go:embed data/patterns
var patternFS embed.FS

// PatternKind says how a pattern's head word is inflected and which part
// of speech the coder expects at the head.
type PatternKind string

// Pattern kinds.
const (
	PatternVerb   PatternKind = "V" // head is a verb lemma: meet, meets, met, meeting
	PatternNoun   PatternKind = "N" // head is a noun: talk, talks
	PatternPhrase PatternKind = "P" // every word literal
)

// MaxGap is the largest number of tokens an explicit "..." gap skips.
const MaxGap = 4

// Pattern is one entry of the event dictionary: a word sequence that, when
// found in a sentence, reports an event of Type with Mode, nearest CAMEO
// code and Context. Blocking entries (none.tsv) have an empty Type.
type Pattern struct {
	ID      string
	Type    news.EventType
	Kind    PatternKind
	Text    string // the pattern as written in the file
	Words   []PatternWord
	Mode    string
	CAMEO   string
	Context string
	Example string // a sentence the pattern must match
	Source  string // file:line it was read from
}

// PatternWord is one element of a pattern. A word element accepts any of
// Forms; a gap element (Gap > 0) skips up to Gap tokens.
type PatternWord struct {
	Forms    []string // lower-case surface forms, inflections included
	Past     []string // of a verb head: its past and participle forms
	Head     bool     // the inflected word of the pattern
	Optional bool
	Gap      int
}

// TypeInfo is the codebook entry of a PLOVER event type.
type TypeInfo struct {
	Type      news.EventType
	Quad      int     // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Score     float64 // PLOVER conflict-cooperation score of the type without mode
	CAMEO     string  // CAMEO root code nearest to the type
	Governs   bool    // triggers take an embedded action as their content ("agreed to withdraw")
	Recipient bool    // the codebook requires a recipient
}

// Crosswalk maps a label of another scheme to the PLOVER types it covers
// (the first is the nearest) and the nearest mode. A label with no Types
// names no PLOVER event (a disaster, a crime, "other").
type Crosswalk struct {
	Scheme string // "plover-legacy", "acled", ...
	Label  string
	Types  []news.EventType
	Mode   string
}

// LexEntry is a closed-class word with its grammatical tags
// ("the" DET; "that" DET, REL, COMP).
type LexEntry struct {
	Word string
	Tags []string
}

// Patterns is the loaded event dictionary and codebook. It is read-only
// and safe for concurrent use.
type Patterns struct {
	list      []Pattern
	types     map[news.EventType]TypeInfo
	modes     map[news.EventType]map[string]float64
	crosswalk map[string]Crosswalk // scheme + "\x00" + upper-case label
	lexicon   []LexEntry
	riots     map[string]bool // riot act rule ids: whether the act alone marks a riot
}

// LoadPatterns parses the embedded event dictionary, codebook and lexicon.
func LoadPatterns() (*Patterns, error) {
	return loadPatterns(patternFS, "data/patterns")
}

func loadPatterns(fsys fs.FS, dir string) (*Patterns, error) {
	p := &Patterns{
		types:     make(map[news.EventType]TypeInfo),
		modes:     make(map[news.EventType]map[string]float64),
		crosswalk: make(map[string]Crosswalk),
		riots:     make(map[string]bool),
	}
	if err := p.readCodebook(fsys, path.Join(dir, "codebook")); err != nil {
		return nil, err
	}
	lex, err := readLexicon(fsys, path.Join(dir, "grammar", "lexicon.tsv"))
	if err != nil {
		return nil, err
	}
	p.lexicon = lex
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read patterns: %v", err)
	}
	seen := make(map[string]string)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".tsv") {
			continue
		}
		stem := strings.TrimSuffix(name, ".tsv")
		var t news.EventType
		if stem != "none" {
			t = news.EventType(strings.ToUpper(stem))
			if _, ok := p.types[t]; !ok {
				return nil, fmt.Errorf("pattern file %s: %s is not a PLOVER type of the codebook", name, t)
			}
		}
		f, err := fsys.Open(path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("open patterns: %v", err)
		}
		list, err := ParsePatterns(name, t, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, pt := range list {
			if prev, ok := seen[pt.ID]; ok {
				return nil, fmt.Errorf("%s: pattern id %s already used at %s", pt.Source, pt.ID, prev)
			}
			seen[pt.ID] = pt.Source
		}
		p.list = append(p.list, list...)
	}
	return p, nil
}

// All returns every pattern in file order (files sorted by name).
func (p *Patterns) All() []Pattern { return p.list }

// Type returns the codebook entry of t.
func (p *Patterns) Type(t news.EventType) (TypeInfo, bool) {
	ti, ok := p.types[t]
	return ti, ok
}

// Score returns the PLOVER conflict-cooperation score of type t with mode,
// falling back to the type's score when the mode has none of its own.
func (p *Patterns) Score(t news.EventType, mode string) float64 {
	if s, ok := p.modes[t][mode]; ok && mode != "" {
		return s
	}
	return p.types[t].Score
}

// Crosswalk returns the PLOVER type another scheme's label maps to.
// Labels are matched case-insensitively.
func (p *Patterns) Crosswalk(scheme, label string) (Crosswalk, bool) {
	c, ok := p.crosswalk[scheme+"\x00"+strings.ToUpper(label)]
	return c, ok
}

// RiotAct reports whether the rule with the given id codes an act that a
// crowd of civilians commits in a riot ("stoned the police", "vandalised
// shops"), as listed in codebook/riots.tsv, and whether the act marks a
// riot even when nobody is named for it ("stones were thrown").
func (p *Patterns) RiotAct(id string) (riot, unnamed bool) {
	unnamed, riot = p.riots[id]
	return riot, unnamed
}

// Lexicon returns the closed-class words with their tags.
func (p *Patterns) Lexicon() []LexEntry { return p.lexicon }

// ParsePatterns reads one pattern file. Each non-comment line has eight
// tab-separated columns:
//
//	id  kind  pattern  forms  mode  cameo  context  example
//
// kind is V, N or P; "-" stands for an empty cell. In the pattern, "a|b"
// lists alternatives, "(w)" marks an optional word, "..." a gap of up to
// MaxGap tokens and a trailing "+" the head word (by default the first
// word of a V pattern and the last of an N pattern). forms lists irregular
// inflections of the head, comma-separated. Every line gets type t.
func ParsePatterns(name string, t news.EventType, r io.Reader) ([]Pattern, error) {
	var out []Pattern
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := name + ":" + strconv.Itoa(n)
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			return nil, fmt.Errorf("%s: %d columns, want 8", where, len(cols))
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
			if cols[i] == "-" {
				cols[i] = ""
			}
		}
		pt := Pattern{
			ID: cols[0], Type: t, Kind: PatternKind(cols[1]), Text: cols[2],
			Mode: cols[4], CAMEO: cols[5], Context: cols[6], Example: cols[7], Source: where,
		}
		if pt.ID == "" || pt.Text == "" {
			return nil, fmt.Errorf("%s: empty id or pattern", where)
		}
		if pt.Example == "" {
			return nil, fmt.Errorf("%s: pattern %s has no example sentence", where, pt.ID)
		}
		words, err := compileWords(pt.Kind, pt.Text, splitForms(cols[3]))
		if err != nil {
			return nil, fmt.Errorf("%s: pattern %s: %v", where, pt.ID, err)
		}
		pt.Words = words
		out = append(out, pt)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %v", name, err)
	}
	return out, nil
}

func splitForms(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func compileWords(kind PatternKind, text string, irregular []string) ([]PatternWord, error) {
	switch kind {
	case PatternVerb, PatternNoun, PatternPhrase:
	default:
		return nil, fmt.Errorf("kind %q, want V, N or P", kind)
	}
	fields := strings.Fields(strings.ToLower(text))
	words := make([]PatternWord, 0, len(fields))
	head := -1
	for _, f := range fields {
		if f == "..." {
			if len(words) == 0 {
				return nil, fmt.Errorf("a gap cannot start a pattern")
			}
			words = append(words, PatternWord{Gap: MaxGap})
			continue
		}
		var w PatternWord
		if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") {
			if len(words) == 0 {
				return nil, fmt.Errorf("an optional word cannot start a pattern")
			}
			w.Optional = true
			f = f[1 : len(f)-1]
		}
		if strings.HasSuffix(f, "+") {
			if head >= 0 {
				return nil, fmt.Errorf("two head words")
			}
			f = strings.TrimSuffix(f, "+")
			head = len(words)
		}
		for alt := range strings.SplitSeq(f, "|") {
			if alt == "" {
				return nil, fmt.Errorf("empty alternative in %q", f)
			}
			w.Forms = append(w.Forms, alt)
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	if words[len(words)-1].Gap > 0 {
		return nil, fmt.Errorf("a gap cannot end a pattern")
	}
	if kind == PatternPhrase {
		if len(irregular) > 0 {
			return nil, fmt.Errorf("a P pattern takes no forms")
		}
		return words, nil
	}
	if head < 0 {
		head = 0
		if kind == PatternNoun {
			// the last word that is not a trailing preposition: "attack on"
			for i := len(words) - 1; i >= 0; i-- {
				if words[i].Gap == 0 && !words[i].Optional && (i == 0 || !particle(words[i].Forms)) {
					head = i
					break
				}
			}
		}
	}
	if words[head].Gap > 0 {
		return nil, fmt.Errorf("the head cannot be a gap")
	}
	if kind == PatternVerb {
		// Nouns after the verb may stand in the plural: "stage rally"
		// matches "staged rallies".
		for i := head + 1; i < len(words); i++ {
			if words[i].Gap > 0 || particle(words[i].Forms) {
				continue
			}
			var more []string
			for _, f := range words[i].Forms {
				if len(f) > 3 && !strings.HasSuffix(f, "s") {
					more = append(more, plural(f))
				}
			}
			words[i].Forms = dedupe(append(words[i].Forms, more...))
		}
	}
	w := &words[head]
	w.Head = true
	var forms []string
	for _, base := range w.Forms {
		if kind == PatternVerb {
			forms = append(forms, VerbForms(base, irregular)...)
			w.Past = append(w.Past, pastForms(base, irregular)...)
		} else {
			forms = append(forms, NounForms(base, irregular)...)
		}
	}
	w.Forms = dedupe(forms)
	return words, nil
}

// particle reports whether a pattern word is a preposition or particle,
// which an N pattern's head is not.
func particle(forms []string) bool {
	for _, f := range forms {
		switch f {
		case "of", "on", "against", "to", "with", "between", "by", "for", "in", "at", "from",
			"into", "over", "about", "among", "upon", "toward", "towards", "across":
		default:
			return false
		}
	}
	return true
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// VerbForms returns the surface forms of a verb lemma: the lemma, its third
// person singular, past and -ing forms, and the irregular forms given.
// When irregular forms are given the regular past is not generated, and
// the -ing form only when none of them ends in "ing". Multi-word lemmas are
// not inflected.
func VerbForms(lemma string, irregular []string) []string {
	forms := []string{lemma}
	hasIng := false
	for _, f := range irregular {
		if strings.HasSuffix(f, "ing") {
			hasIng = true
		}
	}
	forms = append(forms, thirdPerson(lemma))
	if len(irregular) == 0 {
		forms = append(forms, pastForm(lemma))
	}
	if !hasIng {
		forms = append(forms, ingForm(lemma))
	}
	forms = append(forms, irregular...)
	return dedupe(forms)
}

// pastForms returns the past and participle forms of a verb: the regular
// -ed form, or the irregular forms given that do not end in "ing".
func pastForms(lemma string, irregular []string) []string {
	if len(irregular) == 0 {
		return []string{pastForm(lemma)}
	}
	var out []string
	for _, f := range irregular {
		if !strings.HasSuffix(f, "ing") && f != thirdPerson(lemma) {
			out = append(out, f)
		}
	}
	return out
}

// NounForms returns a noun and its plural, or the noun and the irregular
// plurals given ("-" in the file gives none: use a P pattern instead).
func NounForms(noun string, irregular []string) []string {
	if len(irregular) > 0 {
		return dedupe(append([]string{noun}, irregular...))
	}
	return dedupe([]string{noun, plural(noun)})
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func sibilant(s string) bool {
	return strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") || strings.HasSuffix(s, "z") ||
		strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh")
}

func plural(n string) string {
	switch {
	case sibilant(n):
		return n + "es"
	case len(n) > 1 && n[len(n)-1] == 'y' && !isVowel(n[len(n)-2]):
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}

func thirdPerson(v string) string {
	switch {
	case sibilant(v) || strings.HasSuffix(v, "o"):
		return v + "es"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// doubles reports whether a one-syllable verb ending consonant-vowel-
// consonant doubles its last letter (ban, banned); longer verbs that do
// (expel, expelled) list their forms in the dictionary.
func doubles(v string) bool {
	n := len(v)
	if n < 3 || strings.IndexByte("wxy", v[n-1]) >= 0 {
		return false
	}
	if isVowel(v[n-1]) || !isVowel(v[n-2]) || isVowel(v[n-3]) {
		return false
	}
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowel(v[i]) && (i == 0 || !isVowel(v[i-1])) {
			vowels++
		}
	}
	return vowels == 1
}

func pastForm(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doubles(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

func ingForm(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") || strings.HasSuffix(v, "oe"):
		return v + "ing"
	case strings.HasSuffix(v, "e") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doubles(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

func (p *Patterns) readCodebook(fsys fs.FS, dir string) error {
	err := readTSV(fsys, path.Join(dir, "types.tsv"), 6, func(where string, c []string) error {
		quad, err := strconv.Atoi(c[1])
		if err != nil || quad < 1 || quad > 4 {
			return fmt.Errorf("%s: quad %q, want 1 to 4", where, c[1])
		}
		score, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			return fmt.Errorf("%s: score %q: %v", where, c[2], err)
		}
		t := news.EventType(c[0])
		if !slices.Contains(news.EventTypes(), t) {
			return fmt.Errorf("%s: %s is not a PLOVER type", where, t)
		}
		p.types[t] = TypeInfo{Type: t, Quad: quad, Score: score, CAMEO: c[3], Governs: c[4] == "yes", Recipient: c[5] == "yes"}
		return nil
	})
	if err != nil {
		return err
	}
	for _, t := range news.EventTypes() {
		if _, ok := p.types[t]; !ok {
			return fmt.Errorf("codebook types.tsv: %s missing", t)
		}
	}
	err = readTSV(fsys, path.Join(dir, "modes.tsv"), 3, func(where string, c []string) error {
		t := news.EventType(c[0])
		if _, ok := p.types[t]; !ok {
			return fmt.Errorf("%s: unknown type %s", where, t)
		}
		score, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			return fmt.Errorf("%s: score %q: %v", where, c[2], err)
		}
		if p.modes[t] == nil {
			p.modes[t] = make(map[string]float64)
		}
		p.modes[t][c[1]] = score
		return nil
	})
	if err != nil {
		return err
	}
	err = readTSV(fsys, path.Join(dir, "riots.tsv"), 2, func(where string, c []string) error {
		if c[0] == "" || c[1] != "yes" && c[1] != "no" {
			return fmt.Errorf("%s: want a rule id and yes or no", where)
		}
		p.riots[c[0]] = c[1] == "yes"
		return nil
	})
	if err != nil {
		return err
	}
	return readTSV(fsys, path.Join(dir, "crosswalk.tsv"), 4, func(where string, c []string) error {
		cw := Crosswalk{Scheme: c[0], Label: c[1], Mode: c[3]}
		for name := range strings.SplitSeq(c[2], "|") {
			if name == "" {
				continue
			}
			t := news.EventType(name)
			if _, ok := p.types[t]; !ok {
				return fmt.Errorf("%s: unknown type %s", where, t)
			}
			cw.Types = append(cw.Types, t)
		}
		p.crosswalk[c[0]+"\x00"+strings.ToUpper(c[1])] = cw
		return nil
	})
}

func readLexicon(fsys fs.FS, name string) ([]LexEntry, error) {
	var out []LexEntry
	err := readTSV(fsys, name, 2, func(where string, c []string) error {
		tags := strings.Split(c[1], ",")
		for i := range tags {
			tags[i] = strings.TrimSpace(tags[i])
		}
		for w := range strings.SplitSeq(c[0], "|") {
			out = append(out, LexEntry{Word: strings.ToLower(strings.TrimSpace(w)), Tags: tags})
		}
		return nil
	})
	return out, err
}

// readTSV calls fn for each non-comment line of a tab-separated file with
// exactly n columns ("-" read as empty; extra trailing columns are notes).
func readTSV(fsys fs.FS, name string, n int, fn func(where string, cols []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("open codebook: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		where := path.Base(name) + ":" + strconv.Itoa(line)
		if len(cols) < n {
			return fmt.Errorf("%s: %d columns, want %d", where, len(cols), n)
		}
		cols = cols[:n]
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
			if cols[i] == "-" {
				cols[i] = ""
			}
		}
		if err := fn(where, cols); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %v", name, err)
	}
	return nil
}
