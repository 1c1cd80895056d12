package extract

import (
	"slices"
	"strings"
	"sync"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// kindInstitution marks matcher entries built from the knowledge base's
// institution patterns ("foreign ministry", "soldiers"), which are not
// names of their own.
const kindInstitution kb.NameKind = "institution"

// Recognizer finds the mentions of people, organisations, countries and
// places in an article's sentences: knowledge-base names, names composed
// with a country or nationality ("Syrian government forces", "Chinese
// President Xi Jinping"), unknown names marked by a cue (a title, an
// apposition, an organisation or place word) and the pronouns and role
// nouns that refer back to them. It is built once and safe for
// concurrent use.
//
// A mention's Rule names what found it:
//
//	kb:<kind>               a knowledge-base name: kb:person, kb:org, kb:country,
//	                        kb:demonym, kb:metonym, kb:capital, kb:subdivision, kb:place
//	kb:surname              a known person's surname alone, with no full name or title
//	                        before it: "Fox"; which person is left to the resolver
//	kb:<kind>+institution   a country, nationality, place, organisation or leader
//	                        with an institution: "Israel's military", "Kyiv police",
//	                        "Hamas fighters", "the Trump administration"
//	kb:institution          an institution alone: "police", "rebels"
//	kb:title                a person known by a role alone: "an official"
//	cue:title               an unknown name after a title: "Gen. Thierry Example"
//	cue:apposition          an unknown name next to a role: "Jane Roe, a senior fellow"
//	cue:speech              an unknown name before a speech verb or after
//	                        "according to": "Jane Roe said"; a town or a
//	                        nationality alone next to a speech verb:
//	                        "Carson said", "said Cuban, who ..."
//	cue:org, cue:place      capitalised words with an organisation or place word
//	cue:given               an unknown name after a common given name: "Martin Quell"
//	cue:station             a broadcaster and its channel number: "Fox 35"
//	cue:acronym             "(APEC)" after an organisation's name
//	cue:surname, cue:name   a person named earlier, again: "Pérez", "Juan Pérez"
//	role-noun               "the minister", "the US president", "the group"
//	pronoun                 "he", "she"
type Recognizer struct {
	m      *nameMatcher
	actors *kb.Actors
	lex    *mentionLexicon // the word lists of mentions.rules
	plural map[string]bool // folded nationalities written as plural nouns: "saudis"
	work   sync.Pool       // of *mentionWork
}

// NewRecognizer builds the name matcher from every surface name of k and
// its institution patterns, with the word lists of the embedded
// mentions.rules.
func NewRecognizer(k *kb.KB) *Recognizer {
	var names []kb.Name
	k.Names(func(n kb.Name) { names = append(names, n) })
	for _, in := range k.Actors().Institutions() {
		names = append(names, kb.Name{Text: in.Words, Kind: kindInstitution, Key: in.Words})
	}
	r := &Recognizer{m: newNameMatcher(names), actors: k.Actors(), lex: mentionLex(), plural: pluralDemonyms(names)}
	for i := range r.m.entries {
		r.describe(&r.m.entries[i])
	}
	return r
}

// pluralDemonyms returns the folded nationalities that are the plural of
// another one of the same country: "Saudis" of "Saudi", "Israelis" of
// "Israeli"; "Swiss" is none.
func pluralDemonyms(names []kb.Name) map[string]bool {
	single := make(map[string]string)
	for _, n := range names {
		if n.Kind == kb.NameDemonym {
			single[kb.Fold(n.Text)] = n.Key
		}
	}
	out := make(map[string]bool)
	for f, key := range single {
		if s, ok := strings.CutSuffix(f, "s"); ok && single[s] == key {
			out[f] = true
		}
	}
	return out
}

// describe looks up once what the knowledge base says of an entry.
func (r *Recognizer) describe(e *nameEntry) {
	key := e.name.Key
	e.kbRule = "kb:" + string(e.name.Kind)
	e.ruleInst = e.kbRule + "+institution"
	switch e.name.Kind {
	case kb.NamePerson:
		e.entity = "person:" + key
	case kb.NameOrg:
		e.entity = "org:" + key
		if o, ok := r.actors.Org(key); ok {
			e.country, e.sector = o.Country, o.Sector
		}
	case kb.NameCountry, kb.NameDemonym, kb.NameMetonym, kb.NameCapital:
		if kb.IsAlpha3(key) {
			e.country = key
			e.entity = "country:" + key
		}
	case kb.NameTitle:
		e.title, _ = r.actors.Title(key)
	case kindInstitution:
		e.inst, _ = r.actors.Institution(key)
	}
}

// Mentions sets a.Mentions: the mentions found in a.Sentences, outside the
// spans the cleaner removed, sorted by span and without overlaps (the
// longest name wins). Every mention has Ref -1; the Actor carries what the
// text itself tells: a kb entity hint, a country, a sector and a role.
func (r *Recognizer) Mentions(a *news.Article) {
	w, _ := r.work.Get().(*mentionWork)
	if w == nil {
		w = &mentionWork{}
	}
	defer r.work.Put(w)
	sc := &w.sc
	sc.m = r.m
	sc.reset(a.Text)
	out := make([]news.Mention, 0, len(a.Text)/64+4)
	all := w.toks[:0]
	pieces := w.pieces[:0]
	spans := w.spans[:0]
	for _, s := range a.Sentences {
		spans = keptSpans(spans[:0], s.Span, a.Removed, len(a.Text))
		for _, span := range spans {
			start := len(all)
			all = sc.appendTokens(all, a.Text, span.Start, span.End)
			pieces = append(pieces, mentionPiece{r: r, sc: sc, text: a.Text, sent: s.Index,
				first: span.Start == s.Span.Start, out: &out, from: start, to: len(all)})
		}
	}
	sc.freeze()
	at := slices.Grow(w.at[:0], len(all))[:len(all)]
	used := slices.Grow(w.used[:0], len(all))[:len(all)]
	clear(used)
	for k := range pieces {
		p := &pieces[k]
		p.toks, p.at, p.used = all[p.from:p.to:p.to], at[p.from:p.to:p.to], used[p.from:p.to:p.to]
		p.hits = r.m.find(sc, p.toks)
		p.run()
	}
	laterNames(pieces)
	slices.SortFunc(out, func(x, y news.Mention) int { return x.Span.Start - y.Span.Start })
	a.Mentions = out
	// Keep the buffers for the next article, but not the article.
	clear(pieces)
	*w = mentionWork{sc: nameScan{keys: sc.keys, tmp: sc.tmp, hits: sc.hits, ents: sc.ents, variants: sc.variants,
		order: sc.order, taken: sc.taken}, toks: all, pieces: pieces, spans: spans, at: at, used: used}
}

// mentionWork holds the buffers of one Mentions call, reused through the
// recogniser's pool.
type mentionWork struct {
	sc     nameScan
	toks   []nameToken
	pieces []mentionPiece
	spans  []news.Span
	at     []int
	used   []bool
}

// keptSpans appends to dst the parts of span that no removal covers.
func keptSpans(dst []news.Span, span news.Span, removed []news.Removal, n int) []news.Span {
	span.Start = max(span.Start, 0)
	span.End = min(span.End, n)
	if span.Start >= span.End {
		return dst
	}
	start := len(dst)
	dst = append(dst, span)
	for _, rm := range removed {
		for k := start; k < len(dst); k++ {
			s := dst[k]
			if !s.Overlaps(rm.Span) {
				continue
			}
			// Cut the removal out of s: keep the part before it in
			// place and append the part after it.
			dst[k].End = rm.Span.Start
			if rm.Span.End < s.End {
				dst = append(dst, news.Span{Start: rm.Span.End, End: s.End})
			}
		}
		// Drop the parts the removal emptied.
		kept := dst[:start]
		for _, s := range dst[start:] {
			if s.Start < s.End {
				kept = append(kept, s)
			}
		}
		dst = kept
	}
	slices.SortFunc(dst[start:], func(x, y news.Span) int { return x.Start - y.Start })
	return dst
}

// mentionPiece is a stretch of one sentence between removed spans, with its
// tokens and the names the matcher found in it.
type mentionPiece struct {
	r     *Recognizer
	sc    *nameScan
	text  string
	sent  int
	first bool // the piece starts its sentence
	toks  []nameToken
	hits  []nameHit
	at    []int // token -> hit starting there, or -1
	used  []bool
	out   *[]news.Mention // the article's mentions
	from  int             // the piece's tokens among the article's
	to    int
}

// Kind priorities when one span spells names of several kinds: "Georgia"
// is the country before the US state, "Jordan" the country before a
// person of that name.
var nameKindOrder = [...]kb.NameKind{kb.NameCountry, kb.NamePerson, kb.NameOrg, kb.NameMetonym, kb.NameCapital,
	kb.NameDemonym, kb.NameSubdivision, kb.NamePlace, kb.NameTitle, kindInstitution}

func (p *mentionPiece) run() {
	for i := range p.at {
		p.at[i] = -1
	}
	for h, ht := range p.hits {
		p.at[ht.first] = h
	}
	rules := [...]func(int) int{p.station, p.composite, p.titled, p.pronoun, p.known, p.institution, p.unknown}
	for i := 0; i < len(p.toks); {
		next := i
		for _, rule := range rules {
			if next = rule(i); next > i {
				break
			}
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
}

// kind returns the kind of the hit starting at token i, or "".
func (p *mentionPiece) kind(i int) kb.NameKind {
	if i < 0 || i >= len(p.toks) || p.at[i] < 0 {
		return ""
	}
	h := &p.hits[p.at[i]]
	for _, k := range nameKindOrder {
		for _, e := range h.entries {
			if p.r.m.entries[e].name.Kind == k {
				return k
			}
		}
	}
	return ""
}

// entryOf returns the first entry of the given kind of the hit at i.
func (p *mentionPiece) entryOf(i int, k kb.NameKind) *nameEntry {
	if i < 0 || i >= len(p.toks) || p.at[i] < 0 {
		return nil
	}
	for _, e := range p.hits[p.at[i]].entries {
		if en := &p.r.m.entries[e]; en.name.Kind == k {
			return en
		}
	}
	return nil
}

// has reports whether the hit starting at token i spells a name of kind k.
func (p *mentionPiece) has(i int, k kb.NameKind) bool { return p.entryOf(i, k) != nil }

// end returns the token after the hit at i.
func (p *mentionPiece) end(i int) int { return p.hits[p.at[i]].last + 1 }

func (p *mentionPiece) fold(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.sc.foldOf(p.toks[i])
}

func (p *mentionPiece) shapeAt(i int) tokenShape {
	if i < 0 || i >= len(p.toks) {
		return shapeOther
	}
	return p.toks[i].shape
}

func (p *mentionPiece) capitalised(i int) bool {
	s := p.shapeAt(i)
	return i >= 0 && i < len(p.toks) && (s == shapeTitle || s == shapeUpper)
}

// gap returns the text between tokens i-1 and i.
func (p *mentionPiece) gap(i int) string {
	if i <= 0 || i >= len(p.toks) {
		return ""
	}
	return p.text[p.toks[i-1].end:p.toks[i].start]
}

// possessive reports whether token i is the "s" of "Israel's".
func (p *mentionPiece) possessive(i int) bool {
	if i <= 0 || i >= len(p.toks) || p.fold(i) != "s" {
		return false
	}
	g := p.gap(i)
	return g == "'" || g == "’"
}

// joined reports whether token i continues the words before it: only
// spaces or a hyphen lie between.
func (p *mentionPiece) joined(i int) bool {
	g := p.gap(i)
	switch g {
	case " ", "-", "\u00a0", "‐", "‑":
		return true
	}
	return false
}

// emit records a mention of tokens [i, j) and marks them used. It
// reports false when some of the tokens are already used.
func (p *mentionPiece) emit(i, j int, typ news.EntityType, rule string, actor news.Actor) bool {
	if i < 0 || i >= j || j > len(p.toks) {
		return false
	}
	for k := i; k < j; k++ {
		if p.used[k] {
			return false
		}
	}
	for k := i; k < j; k++ {
		p.used[k] = true
	}
	span := news.Span{Start: p.toks[i].start, End: p.toks[j-1].end}
	*p.out = append(*p.out, news.Mention{
		Span: span, Text: p.text[span.Start:span.End], Type: typ, Sentence: p.sent, Rule: rule, Ref: -1, Actor: actor,
	})
	return true
}

// words returns the text of tokens [i, j).
func (p *mentionPiece) words(i, j int) string {
	if i >= j {
		return ""
	}
	return p.text[p.toks[i].start:p.toks[j-1].end]
}
