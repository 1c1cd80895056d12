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
//	kb:<kind>+institution   a country, nationality, place, organisation or leader
//	                        with an institution: "Israel's military", "Kyiv police",
//	                        "Hamas fighters", "the Trump administration"
//	kb:institution          an institution alone: "police", "rebels"
//	kb:title                a person known by a role alone: "an official"
//	cue:title               an unknown name after a title: "Gen. Thierry Example"
//	cue:apposition          an unknown name next to a role: "Jane Roe, a senior fellow"
//	cue:speech              an unknown name before a speech verb: "Jane Roe said"
//	cue:org, cue:place      capitalised words with an organisation or place word
//	cue:acronym             "(APEC)" after an organisation's name
//	cue:surname, cue:name   a person named earlier, again: "Pérez", "Juan Pérez"
//	role-noun               "the minister", "the US president", "the group"
//	pronoun                 "he", "she"
type Recognizer struct {
	m      *nameMatcher
	actors *kb.Actors
	work   sync.Pool // of *mentionWork
}

// NewRecognizer builds the name matcher from every surface name of k and
// its institution patterns.
func NewRecognizer(k *kb.KB) *Recognizer {
	var names []kb.Name
	k.Names(func(n kb.Name) { names = append(names, n) })
	for _, in := range k.Actors().Institutions() {
		names = append(names, kb.Name{Text: in.Words, Kind: kindInstitution, Key: in.Words})
	}
	r := &Recognizer{m: newNameMatcher(names), actors: k.Actors()}
	for i := range r.m.entries {
		r.describe(&r.m.entries[i])
	}
	return r
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
		if isAlpha3(key) {
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
	rules := [...]func(int) int{p.composite, p.titled, p.pronoun, p.known, p.institution, p.unknown}
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

// mentionAnchor is a country, nationality, place or organisation that an
// institution or title may follow.
type mentionAnchor struct {
	i, j    int // tokens
	kind    kb.NameKind
	e       *nameEntry
	country string
}

// anchorAt returns the anchor at token i.
func (p *mentionPiece) anchorAt(i int) (mentionAnchor, bool) {
	k := p.kind(i)
	switch k {
	case kb.NameCountry, kb.NameDemonym, kb.NameMetonym, kb.NameCapital, kb.NameSubdivision, kb.NamePlace, kb.NameOrg:
	default:
		return mentionAnchor{}, false
	}
	e := p.entryOf(i, k)
	return mentionAnchor{i: i, j: p.end(i), kind: k, e: e, country: e.country}, true
}

func isAlpha3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// composite finds an anchor followed by an institution, a title or both:
// "Syrian government forces", "Israel's military", "Russian Foreign
// Ministry spokeswoman Maria Zakharova", "the US president".
func (p *mentionPiece) composite(i int) int {
	if end := p.leaderInstitution(i); end > i {
		return end
	}
	x, ok := p.anchorAt(i)
	if !ok {
		return i
	}
	k := x.j
	if p.possessive(k) {
		k++
	}
	if k >= len(p.toks) || !p.joined(k) {
		return i
	}
	// "Poland's current interior minister", "a former CIA official".
	former := p.fold(i-1) == "former" || p.fold(i-1) == "ex"
	for k < len(p.toks) && isRoleModifier(p.fold(k)) && p.joined(k+1) {
		former = former || p.fold(k) == "former"
		k++
	}
	// "Hungarian and Romanian officials": the first nationality shares
	// the group of the second.
	if (p.fold(k) == "and" || p.fold(k) == "or") && x.kind == kb.NameDemonym && p.kind(k+1) == kb.NameDemonym {
		y, _ := p.anchorAt(k + 1)
		if in, end := p.institutionRun(y.j); end > y.j {
			p.emit(x.i, x.j, mentionType(in), "kb:demonym+institution", news.Actor{Country: x.country, Sector: in.Sector, Role: in.Role})
			return x.j
		}
	}
	in, k2 := p.institutionRun(k)
	tEnd, t, wasFormer := p.titleRun(k2)
	switch {
	case tEnd > k2:
		actor := p.anchorActor(x)
		actor.Role, actor.Sector = titleRole(t, former || wasFormer)
		if in.Sector != "" && (actor.Sector == "" || actor.Sector == news.SectorUnknown) {
			actor.Sector = in.Sector
		}
		if nEnd, known := p.nameAt(tEnd); nEnd > tEnd {
			actor.Name = p.words(tEnd, nEnd)
			rule := "cue:title"
			if known != nil {
				rule = "kb:person"
				actor.Entity = known.entity
			}
			p.emit(x.i, nEnd, news.Person, rule, actor)
			return nEnd
		}
		if nStart, nEnd := p.appositionName(tEnd); nEnd > nStart {
			return p.emitApposed(nStart, nEnd, actor)
		}
		p.emit(x.i, tEnd, news.Person, "role-noun", actor)
		return tEnd
	case k2 > k:
		actor := p.anchorActor(x)
		actor.Sector, actor.Role = in.Sector, in.Role
		if x.kind == kb.NameOrg {
			// "Hamas fighters", "NATO troops": the organisation acts.
			p.emit(x.i, k2, news.Org, x.e.ruleInst, p.anchorActor(x))
			return k2
		}
		p.emit(x.i, k2, mentionType(in), x.e.ruleInst, actor)
		return k2
	}
	// "Chile's Ministry of Mines", "the Kenyan Red Cross Society".
	if x.kind != kb.NameOrg && p.capitalised(k) && p.kind(k) == "" {
		if end := p.orgName(k); end > k {
			actor := news.Actor{Country: x.country, Sector: orgWordSector(p.fold(end - 1))}
			if actor.Sector == "" {
				actor.Sector = orgWordSector(p.fold(k))
			}
			actor.Name = p.words(k, end)
			p.emit(x.i, end, news.Org, "cue:org", actor)
			return end
		}
	}
	return i
}

// leaderInstitution finds a person's institution: "the Trump
// administration", "the Assad regime", "Erdogan's government"; the
// person's country is the institution's.
func (p *mentionPiece) leaderInstitution(i int) int {
	if p.kind(i) != kb.NamePerson {
		return i
	}
	e := p.entryOf(i, kb.NamePerson)
	k := p.end(i)
	if p.possessive(k) {
		k++
	}
	if k >= len(p.toks) || !p.joined(k) || p.has(k, kb.NameTitle) && !p.has(k, kindInstitution) {
		return i
	}
	in, end := p.institutionRun(k)
	if end == k || in.Type == news.Person {
		return i
	}
	p.emit(i, end, news.Org, "kb:person+institution", news.Actor{Name: p.words(i, p.end(i)), Entity: e.entity, Sector: in.Sector, Role: in.Role})
	return end
}

// anchorActor returns what an anchor tells about the actor it qualifies.
func (p *mentionPiece) anchorActor(x mentionAnchor) news.Actor {
	a := news.Actor{Country: x.country}
	switch x.kind {
	case kb.NameOrg:
		a.Entity = x.e.entity
		a.Name = p.words(x.i, x.j)
	case kb.NameCapital, kb.NameSubdivision, kb.NamePlace:
		a.Name = p.words(x.i, x.j)
	}
	return a
}

func mentionType(in kb.Institution) news.EntityType {
	if in.Type == news.Person {
		return news.Person
	}
	return news.Org
}

// institutionRun returns the institution that starts at token k, joined
// with the institutions right after it ("government forces"); the last
// one decides. It returns k when there is none.
func (p *mentionPiece) institutionRun(k int) (kb.Institution, int) {
	var in kb.Institution
	for p.has(k, kindInstitution) {
		if t := p.entryOf(k, kb.NameTitle); t != nil && (!t.number || p.nameFollows(p.end(k))) {
			// "the Chilean leader", "US official Jane Roe": a title as
			// written, not a plural made from it.
			break
		}
		e := p.entryOf(k, kindInstitution)
		if e.inst.Words != "" {
			in = e.inst
		}
		k = p.end(k)
	}
	return in, k
}

// titleRun returns the end of the titles that start at token k, joined
// by "of" phrases ("Deputy Minister of Defense Colonel-General"), with
// the first title. A leading "former" or "ex-" is part of the run.
func (p *mentionPiece) titleRun(k int) (int, kb.Title, bool) {
	former := false
	start := k
	if f := p.fold(k); (f == "former" || f == "ex") && p.has(k+1, kb.NameTitle) {
		former = true
		k++
	}
	if !p.has(k, kb.NameTitle) {
		if end, t, ok := p.portfolio(k); ok {
			return end, t, former
		}
		return start, kb.Title{}, false
	}
	first := p.entryOf(k, kb.NameTitle).title
	k = p.end(k)
	for k < len(p.toks) && (p.joined(k) || strings.TrimSpace(p.gap(k)) == ".") {
		switch {
		case p.has(k, kb.NameTitle):
			k = p.end(k)
		case p.fold(k) == "of" && (p.has(k+1, kindInstitution) || p.has(k+1, kb.NameTitle)) && p.has(p.end(k+1), kb.NameTitle):
			k = p.end(k + 1)
		default:
			return k, first, former
		}
	}
	return k, first, former
}

// portfolio reads a minister's title whose portfolio the knowledge base
// does not list: "Labour Minister", "Tourism and Culture Secretary".
func (p *mentionPiece) portfolio(k int) (int, kb.Title, bool) {
	j := k
	for j < len(p.toks) && j-k < 4 && (j == k || p.joined(j)) {
		switch {
		case p.has(j, kb.NameTitle):
			t := p.entryOf(j, kb.NameTitle).title
			if j == k || t.Role != "Minister" && t.Role != "Secretary" {
				return k, kb.Title{}, false
			}
			t.Role = p.words(k, j) + " " + t.Role
			return p.end(j), t, true
		case p.capitalised(j) && !p.has(j, kb.NamePerson) && !isNameStopWord(p.fold(j)),
			j > k && p.fold(j) == "and" && p.capitalised(j+1):
			j++
		default:
			return k, kb.Title{}, false
		}
	}
	return k, kb.Title{}, false
}

// titleRole returns the role and sector a title gives its holder.
func titleRole(t kb.Title, former bool) (string, news.Sector) {
	role, sec := t.Role, t.Sector
	switch role {
	case "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Dame", "Lord", "Lady", "His Excellency":
		role = ""
	}
	if sec == news.SectorUnknown {
		sec = ""
	}
	if former {
		if role != "" {
			role = "former " + role
		}
		sec = news.SectorElite
	}
	return role, sec
}

// nameAt returns the end of the personal name that starts at token k (a
// known person or capitalised words) and the kb entry when it is known;
// it returns k when there is none.
func (p *mentionPiece) nameAt(k int) (int, *nameEntry) {
	if k >= len(p.toks) || p.used[k] || !p.joined(k) && strings.TrimSpace(p.gap(k)) != "." {
		return k, nil
	}
	if p.kind(k) == kb.NamePerson {
		return p.end(k), p.entryOf(k, kb.NamePerson)
	}
	j := p.capitalRun(k, 5, true)
	return j, nil
}

// nameFollows reports whether a personal name starts at token k.
func (p *mentionPiece) nameFollows(k int) bool {
	end, _ := p.nameAt(k)
	return end > k
}

// capitalRun returns the end of the capitalised words from token k, at
// most limit of them, with name particles inside ("bin", "al", "de").
// Countries, nationalities, titles and institutions end the run; places
// do not ("Feliciano Valencia").
func (p *mentionPiece) capitalRun(k, limit int, person bool) int {
	j := k
	n := 0
	for j < len(p.toks) && n < limit && !p.used[j] {
		if j > k && !p.joined(j) {
			break
		}
		switch p.kind(j) {
		case kb.NameCountry, kb.NameDemonym, kb.NameTitle, kindInstitution, kb.NameOrg, kb.NameMetonym:
			if j > k || !person || p.kind(j) != kb.NameDemonym {
				return j
			}
		}
		switch {
		case p.capitalised(j) && !isNameStopWord(p.fold(j)) && !isCalendarName(p.fold(j)):
			j++
			n++
		case j > k && isNameParticle(p.fold(j)) && p.capitalised(j+1) && p.joined(j+1) && p.fold(j) != "and" && p.fold(j) != "of" &&
			!isNameStopWord(p.fold(j+1)) && !isCalendarName(p.fold(j+1)):
			// "Abu Bakr al Baghdadi", but not "Tutu on Sunday"
			j++
		default:
			return j
		}
	}
	return j
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

// appositionName finds ", Name" after a role phrase ending at token k:
// "Chile's interior minister, Juan Pérez". It returns the name's tokens.
func (p *mentionPiece) appositionName(k int) (int, int) {
	if k >= len(p.toks) || strings.TrimSpace(p.gap(k)) != "," {
		return k, k
	}
	if p.kind(k) == kb.NamePerson {
		return k, p.end(k)
	}
	j := p.capitalRun(k, 4, true)
	if j-k < 2 {
		return k, k
	}
	if j < len(p.toks) {
		g := strings.TrimSpace(p.gap(j))
		if g != "," && g != "" {
			return k, k
		}
	}
	return k, j
}

// emitApposed records the person named after a role phrase; the role
// phrase is consumed with it.
func (p *mentionPiece) emitApposed(i, j int, actor news.Actor) int {
	rule := "cue:apposition"
	actor.Name = p.words(i, j)
	if e := p.entryOf(i, kb.NamePerson); e != nil && p.end(i) == j {
		rule = "kb:person"
		actor.Entity = e.entity
	}
	p.emit(i, j, news.Person, rule, actor)
	return j
}

// titled finds a title with a name or an "of" country, or a role noun:
// "President Kassym-Jomart Tokayev", "Gen. Thierry Burkhard", "the
// foreign minister of Iran", "the minister".
func (p *mentionPiece) titled(i int) int {
	tEnd, t, former := p.titleRun(i)
	if tEnd <= i {
		return i
	}
	actor := news.Actor{}
	actor.Role, actor.Sector = titleRole(t, former)
	first := i
	if former {
		first++
	}
	titleCap := p.capitalised(first)
	if nEnd, known := p.nameAt(tEnd); nEnd > tEnd && (titleCap || known != nil || tEnd-first > 1) {
		actor.Name = p.words(tEnd, nEnd)
		if p.fold(nEnd) == "of" {
			// "King Hassan of Morocco"
			if x, ok := p.anchorAt(nEnd + 1); ok && x.country != "" && x.kind != kb.NameOrg {
				actor.Country = x.country
				nEnd = x.j
			}
		}
		rule := "cue:title"
		if known != nil {
			rule = "kb:person"
			actor.Entity = known.entity
		}
		p.emit(i, nEnd, news.Person, rule, actor)
		return nEnd
	}
	k := tEnd
	if p.fold(k) == "of" {
		j := k + 1
		if p.fold(j) == "the" {
			j++
		}
		if x, ok := p.anchorAt(j); ok && x.kind != kb.NameDemonym {
			a := p.anchorActor(x)
			actor.Country, actor.Entity, actor.Name = a.Country, a.Entity, a.Name
			if x.kind == kb.NameOrg {
				actor.Name = ""
			}
			end := x.j
			if nStart, nEnd := p.appositionName(end); nEnd > nStart {
				return p.emitApposed(nStart, nEnd, actor)
			}
			p.emit(p.roleStart(i), end, news.Person, "role-noun", actor)
			return end
		}
	}
	if nStart, nEnd := p.appositionName(tEnd); nEnd > nStart && p.fold(i-1) == "the" {
		return p.emitApposed(nStart, nEnd, actor)
	}
	nameless := !t.Person || tEnd == len(p.toks) || !p.capitalised(tEnd)
	switch det := p.fold(i - 1); {
	case det == "the" && nameless:
		p.emit(i-1, tEnd, news.Person, "role-noun", actor)
		return tEnd
	case (det == "a" || det == "an") && nameless:
		// "an official said": a person known by the role alone, who
		// refers to nobody named before.
		p.emit(i, tEnd, news.Person, "kb:title", actor)
		return tEnd
	}
	return i
}

// roleStart includes a preceding "the" in a role noun.
func (p *mentionPiece) roleStart(i int) int {
	if i > 0 && p.fold(i-1) == "the" && !p.used[i-1] {
		return i - 1
	}
	return i
}

// pronoun marks "he" and "she" for resolution.
func (p *mentionPiece) pronoun(i int) int {
	switch p.fold(i) {
	case "he", "she":
		if p.at[i] < 0 || p.end(i) == i+1 {
			p.emit(i, i+1, news.Person, "pronoun", news.Actor{})
			return i + 1
		}
	}
	return i
}

// known records a knowledge-base name on its own.
func (p *mentionPiece) known(i int) int {
	k := p.kind(i)
	switch k {
	case "", kb.NameTitle, kindInstitution:
		return i
	}
	e := p.entryOf(i, k)
	j := p.end(i)
	switch k {
	case kb.NamePerson:
		p.emit(i, j, news.Person, e.kbRule, news.Actor{Name: p.words(i, j), Entity: e.entity})
	case kb.NameOrg:
		a := news.Actor{Name: p.words(i, j), Entity: e.entity, Country: e.country, Sector: e.sector}
		p.emit(i, j, news.Org, "kb:org", a)
		p.acronymAfter(j, a)
	case kb.NameCountry, kb.NameDemonym:
		a := news.Actor{}
		if isAlpha3(e.name.Key) {
			a.Country = e.name.Key
			a.Entity = e.entity
		}
		p.emit(i, j, news.Country, e.kbRule, a)
	case kb.NameMetonym:
		a := news.Actor{Country: e.country}
		if p.placeCueBefore(i) {
			// "near Damascus": the place, not the government.
			a.Name = p.words(i, j)
			p.emit(i, j, news.Place, e.kbRule, a)
			return j
		}
		p.emit(i, j, news.Org, e.kbRule, a)
	default:
		// "Kyiv Polytechnic Institute", "Example Institute": a place
		// name that begins an organisation's name.
		if end := p.orgName(i); end > j {
			return i
		}
		// A one-word place inside a run of capitalised words is part of
		// a name: "Jam Kamal Khan", "Harry Ho-jen Tseng"; one that is the
		// surname of a person named before is that person.
		if j == i+1 && k != kb.NameCapital && !p.placeCueBefore(i) && (p.inNameRun(i) || p.earlierSurname(i)) {
			return i
		}
		// "We", "May": a function word capitalised at the start of a
		// sentence.
		if j == i+1 && isNameStopWord(p.fold(i)) {
			return j
		}
		if end := p.placeNounAfter(j); end > j {
			j = end
		}
		p.emit(i, j, news.Place, e.kbRule, news.Actor{Name: p.words(i, p.end(i))})
	}
	return j
}

// earlierSurname reports whether token i is the last word of a person's
// full name found earlier in the article.
func (p *mentionPiece) earlierSurname(i int) bool {
	f := p.fold(i)
	for _, m := range *p.out {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		n := m.Actor.Name
		k := strings.LastIndexAny(n, " -")
		if k > 0 && kb.Fold(n[k+1:]) == f {
			return true
		}
	}
	return false
}

// inNameRun reports whether token i sits next to other capitalised
// words that no name of the knowledge base explains.
func (p *mentionPiece) inNameRun(i int) bool {
	before := i > 0 && p.joined(i) && p.capitalised(i-1) && !p.used[i-1] && !isNameStopWord(p.fold(i-1)) && !p.hitCovers(i-1)
	after := i+1 < len(p.toks) && p.joined(i+1) && p.capitalised(i+1) && p.at[i+1] < 0 && !isNameStopWord(p.fold(i+1))
	return before || after
}

// hitCovers reports whether token k lies inside a name the matcher found.
func (p *mentionPiece) hitCovers(k int) bool {
	for j := k; j >= 0 && j > k-6; j-- {
		if p.at[j] >= 0 {
			return p.hits[p.at[j]].last >= k
		}
	}
	return false
}

// acronymAfter records "(APEC)" after an organisation as the same
// organisation.
func (p *mentionPiece) acronymAfter(j int, a news.Actor) {
	if j >= len(p.toks) || p.shapeAt(j) != shapeUpper || strings.TrimSpace(p.gap(j)) != "(" {
		return
	}
	if j+1 < len(p.toks) && strings.TrimSpace(p.gap(j+1)) != ")" {
		return
	}
	if j+1 == len(p.toks) && !strings.HasPrefix(strings.TrimSpace(p.text[p.toks[j].end:min(len(p.text), p.toks[j].end+2)]), ")") {
		return
	}
	p.emit(j, j+1, news.Org, "cue:acronym", a)
}

// institution records an institution named without a country: "police",
// "the army", "rebels". A role noun ("the ministry", "the group") refers
// back to an organisation named before.
func (p *mentionPiece) institution(i int) int {
	if !p.has(i, kindInstitution) {
		if f := p.fold(i); p.fold(i-1) == "the" && isGroupWord(f) && p.at[i] < 0 {
			p.emit(i-1, i+1, news.Org, "role-noun", news.Actor{})
			return i + 1
		}
		return i
	}
	in, j := p.institutionRun(i)
	if in.Words == "" || (vagueInstitution(p.fold(i)) || vagueInstitution(in.Words)) && j == i+1 {
		return i
	}
	actor := news.Actor{Sector: in.Sector, Role: in.Role}
	if p.fold(i-1) == "the" && in.Type != news.Person {
		p.emit(i-1, j, news.Org, "role-noun", actor)
		return j
	}
	// "police in Kabul", "rebels in Darfur": the place gives the country.
	p.emit(i, j, mentionType(in), "kb:institution", actor)
	return j
}

// vagueInstitution reports institution words too common alone to be an
// actor without a country.
func vagueInstitution(w string) bool {
	switch w {
	case "state", "people", "press", "media", "intelligence", "party", "court", "church", "mosque", "university",
		"schools", "hospitals", "customs", "delegation", "aircraft", "opposition", "presidency", "leadership", "leaders":
		return true
	}
	return false
}

// isGroupWord reports nouns that refer back to an organisation after
// "the".
func isGroupWord(w string) bool {
	switch w {
	case "group", "organisation", "organization", "company", "movement", "alliance", "coalition", "bloc", "firm",
		"agency", "militia", "union", "council", "commission", "bank", "network", "faction":
		return true
	}
	return false
}

// unknown finds capitalised words that are not in the knowledge base but
// carry a cue: an organisation word ("the Example Institute"), a place
// cue ("in X", "the city of X", "X province"), an apposition ("Jane Roe,
// a senior fellow at ...") or a speech verb ("Jane Roe said").
func (p *mentionPiece) unknown(i int) int {
	if p.used[i] || !p.capitalised(i) {
		return i
	}
	switch p.kind(i) {
	case "", kb.NamePlace, kb.NameSubdivision, kb.NameCapital:
	default:
		return i
	}
	start := i
	if i == 0 && p.first && isNameStopWord(p.fold(i)) {
		return i
	}
	if end := p.orgName(start); end > start {
		a := news.Actor{Name: p.words(start, end), Sector: orgWordSector(p.fold(end - 1))}
		if a.Sector == "" {
			a.Sector = orgWordSector(p.fold(start))
		}
		p.emit(start, end, news.Org, "cue:org", a)
		p.acronymAfter(end, a)
		return end
	}
	end := p.capitalRun(start, 5, true)
	if end <= start {
		return i
	}
	if p.placeCueBefore(start) && end-start <= 3 {
		stop := end
		if e := p.placeNounAfter(end); e > end {
			stop = e
		}
		p.emit(start, stop, news.Place, "cue:place", news.Actor{Name: p.words(start, end)})
		return stop
	}
	if e := p.placeNounAfter(end); e > end && end-start <= 3 {
		p.emit(start, e, news.Place, "cue:place", news.Actor{Name: p.words(start, end)})
		return e
	}
	if end-start >= 2 && end-start <= 4 && !isNameStopWord(p.fold(start)) && !p.hasPlaceWord(start, end) {
		if role, ok := p.appositionRole(end); ok {
			role.Name = p.words(start, end)
			p.emit(start, end, news.Person, "cue:apposition", role)
			return end
		}
		if isSaidVerb(p.fold(end)) && p.joined(end) {
			p.emit(start, end, news.Person, "cue:speech", news.Actor{Name: p.words(start, end)})
			return end
		}
	}
	return i
}

// hasPlaceWord reports whether tokens [i, j) hold a word of geography,
// which personal names do not: "Middle East", "Gulf Coast".
func (p *mentionPiece) hasPlaceWord(i, j int) bool {
	for k := i; k < j; k++ {
		switch p.fold(k) {
		case "east", "west", "north", "south", "middle", "central", "gulf", "sea", "ocean", "river", "valley",
			"island", "islands", "coast", "bay", "mount", "mountains", "lake", "desert", "strait", "peninsula",
			"northern", "southern", "eastern", "western", "upper", "lower", "greater":
			return true
		}
		if isPlaceWord(p.fold(k)) || orgWordSector(p.fold(k)) != "" || isOrgHeadWord(p.fold(k)) {
			return true
		}
	}
	return false
}

// orgName returns the end of an organisation name starting at token k:
// capitalised words ending in an organisation word ("Example Institute",
// "National Democratic Party") or an organisation word with an "of"
// phrase ("Ministry of Mines", "University of St. Andrews"). It returns
// k when there is none.
func (p *mentionPiece) orgName(k int) int {
	if !p.capitalised(k) || isNameStopWord(p.fold(k)) && p.fold(k) != "the" {
		return k
	}
	j := k
	best := k
	for j < len(p.toks) && j-k < 8 {
		if j > k && !p.joined(j) {
			break
		}
		f := p.fold(j)
		switch {
		case p.capitalised(j) && (j > k || !isNameStopWord(f)):
		case j > k && (f == "of" || f == "for" || f == "and" || f == "the" || f == "on" || f == "de" || f == "s") && p.capitalised(j+1):
		default:
			return best
		}
		if p.capitalised(j) && orgWordSector(f) != "" || p.capitalised(j) && isOrgHeadWord(f) {
			if j > k || p.fold(j+1) == "of" && p.capitalised(j+2) {
				best = j + 1
			}
		}
		j++
	}
	return best
}

// isOrgHeadWord reports words that end organisation names but say nothing of
// the sector.
func isOrgHeadWord(w string) bool {
	switch w {
	case "group", "organisation", "organization", "association", "society", "foundation", "federation",
		"league", "movement", "network", "centre", "center", "trust", "fund", "alliance", "coalition",
		"committee", "front", "union", "club", "initiative", "watch", "forum", "partnership":
		return true
	}
	return false
}

// orgWordSector returns the sector that an organisation word suggests.
func orgWordSector(w string) news.Sector {
	switch w {
	case "ministry", "council", "agency", "department", "office", "commission", "authority", "administration",
		"directorate", "bureau", "secretariat", "cabinet":
		return news.SectorGovernment
	case "party":
		return news.SectorParty
	case "army", "brigade", "brigades", "battalion", "regiment", "division", "corps", "navy", "forces", "guard", "fleet":
		return news.SectorMilitary
	case "police", "gendarmerie", "constabulary":
		return news.SectorPolice
	case "institute", "university", "college", "school", "academy":
		return news.SectorEducation
	case "bank", "company", "corporation", "corp", "inc", "ltd", "plc", "holdings", "industries", "airlines",
		"airways", "motors", "group":
		return news.SectorBusiness
	case "court", "tribunal":
		return news.SectorJudiciary
	case "parliament", "assembly", "senate", "congress", "duma":
		return news.SectorLegislator
	case "hospital", "clinic":
		return news.SectorMedical
	case "church", "mosque", "diocese", "synagogue", "temple":
		return news.SectorReligious
	case "newspaper", "times", "post", "news", "tribune", "herald", "gazette", "television", "radio", "tv":
		return news.SectorMedia
	}
	return ""
}

// placeCueBefore reports whether a place preposition or noun phrase
// precedes token k: "in X", "near X", "the city of X".
func (p *mentionPiece) placeCueBefore(k int) bool {
	switch p.fold(k - 1) {
	case "in", "near", "outside", "around", "across", "towards", "toward":
		return true
	case "of":
		return isPlaceWord(p.fold(k - 2))
	}
	return false
}

// placeNounAfter returns the end of a place noun after token k ("Idlib
// province"), or k.
func (p *mentionPiece) placeNounAfter(k int) int {
	if k < len(p.toks) && p.joined(k) && isPlaceWord(p.fold(k)) && p.fold(k+1) != "of" {
		return k + 1
	}
	return k
}

func isPlaceWord(w string) bool {
	switch w {
	case "city", "town", "village", "province", "region", "district", "county", "governorate", "prefecture",
		"municipality", "oblast", "state", "valley", "port", "island", "islands", "camp", "neighbourhood",
		"neighborhood", "suburb", "area", "territory", "township", "commune", "department", "canton":
		return true
	}
	return false
}

// appositionRole reads ", a senior fellow at the Example Institute" after
// token k: a comma, then within a few words a title or an institution.
func (p *mentionPiece) appositionRole(k int) (news.Actor, bool) {
	if k >= len(p.toks) || strings.TrimSpace(p.gap(k)) != "," {
		return news.Actor{}, false
	}
	for j := k; j < len(p.toks) && j < k+6; j++ {
		if j > k && strings.ContainsAny(p.gap(j), ",.;:") {
			break
		}
		if p.at[j] < 0 && isRoleWord(p.fold(j)) {
			// "a senior fellow at ...": the role is the words up to the noun.
			from := k
			if f := p.fold(k); f == "a" || f == "an" || f == "the" {
				from++
			}
			a := news.Actor{Role: strings.ToLower(p.words(from, j+1))}
			p.roleContext(k, j+4, &a)
			return a, true
		}
		switch p.kind(j) {
		case kb.NameTitle:
			tEnd, t, former := p.titleRun(j)
			a := news.Actor{}
			a.Role, a.Sector = titleRole(t, former)
			p.roleContext(k, tEnd+4, &a)
			return a, true
		case kindInstitution:
			in, _ := p.institutionRun(j)
			if in.Type != news.Person {
				continue
			}
			a := news.Actor{Role: in.Role, Sector: in.Sector}
			p.roleContext(k, j+4, &a)
			return a, true
		}
	}
	return news.Actor{}, false
}

// isRoleModifier reports adjectives that may stand between a country and
// a title: "Poland's current interior minister".
func isRoleModifier(w string) bool {
	switch w {
	case "current", "new", "then", "former", "top", "senior", "outgoing", "incoming", "longtime", "veteran":
		return true
	}
	return false
}

// isRoleWord reports nouns that, after a name and a comma, say what the
// person is even though they are no title of office.
func isRoleWord(w string) bool {
	switch w {
	case "fellow", "director", "head", "chief", "member", "founder", "cofounder", "chairman", "chairwoman",
		"lecturer", "partner", "owner", "manager", "coordinator", "organiser", "organizer", "campaigner",
		"president", "secretary", "deputy", "representative", "economist", "scientist", "historian", "author",
		"writer", "veteran", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister",
		"resident", "survivor", "witness", "volunteer", "worker", "employee", "engineer", "pilot", "driver":
		return true
	}
	return false
}

// roleContext fills the country of an apposition from a country or
// nationality among tokens [k, end).
func (p *mentionPiece) roleContext(k, end int, a *news.Actor) {
	for j := k; j < len(p.toks) && j < end; j++ {
		if j > k && strings.ContainsAny(p.gap(j), ",.;:") {
			return
		}
		// A nationality or a country's possessive says whose the role
		// is; a bare country name is more often the topic: "a Syria
		// expert".
		if x, ok := p.anchorAt(j); ok && x.country != "" && (x.kind == kb.NameDemonym || p.possessive(x.j)) {
			a.Country = x.country
			return
		}
	}
}

// isNameStopWord reports closed-class words that start sentences and
// never start a name.
func isNameStopWord(w string) bool {
	switch w {
	case "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "when", "while", "after", "before", "as",
		"this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
		"our", "my", "your", "there", "here", "what", "who", "whom", "why", "how", "where", "which", "some", "many",
		"most", "all", "no", "not", "for", "from", "by", "with", "of", "to", "meanwhile", "however", "also", "yet",
		"so", "then", "last", "next", "earlier", "later", "during", "despite", "since", "until", "according",
		"both", "each", "every", "other", "another", "such", "one", "two", "three", "several", "more", "few",
		"under", "over", "about", "against", "between", "among", "through", "without", "within", "into", "upon",
		"although", "though", "because", "unless", "once", "now", "today", "yesterday", "tomorrow", "even",
		"only", "still", "just", "instead", "thus", "therefore", "indeed", "senior", "former", "new", "local",
		"officials", "police", "security", "government", "asked", "speaking", "do", "does", "did",
		"is", "are", "was", "were", "be", "has", "have", "had", "will", "would", "can", "could", "should", "may",
		"might", "must", "let", "please", "thank", "thanks", "yes", "oh", "well", "like", "mr", "mrs", "ms", "dr":
		return true
	}
	return false
}

// isCalendarName reports month and weekday names, which are capitalised
// but never places or people.
func isCalendarName(w string) bool {
	switch w {
	case "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
		"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

func isSaidVerb(w string) bool {
	switch w {
	case "said", "says", "told", "added", "stated", "warned", "announced", "wrote", "argued", "insisted",
		"explained", "noted", "claimed", "denied", "confirmed", "tweeted", "posted", "declared":
		return true
	}
	return false
}

// laterNames finds the later, shorter mentions of people named in full
// earlier in the article: the surname alone ("Pérez" after "Juan
// Pérez"), or the full name again without the cue that found it first.
func laterNames(pieces []mentionPiece) {
	type name struct {
		words []string // folded tokens of the full name
		first int      // byte offset of the first mention
	}
	var names []name
	if len(pieces) == 0 {
		return
	}
	for _, m := range *pieces[0].out {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		var sc nameScan
		sc.reset(m.Actor.Name)
		toks := sc.tokens(m.Actor.Name, 0, len(m.Actor.Name))
		if len(toks) < 2 {
			continue
		}
		n := name{first: m.Span.Start}
		for _, t := range toks {
			n.words = append(n.words, sc.foldOf(t))
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return
	}
	for k := range pieces {
		p := &pieces[k]
		for i := range p.toks {
			if p.used[i] || p.toks[i].shape != shapeTitle && p.toks[i].shape != shapeUpper {
				continue
			}
			f := p.fold(i)
			for _, n := range names {
				last := n.words[len(n.words)-1]
				if f != last || len(last) < 3 || p.toks[i].start < n.first {
					continue
				}
				// Extend back over the rest of the name when it is there.
				s := i
				for k := len(n.words) - 2; k >= 0 && s > 0 && !p.used[s-1] && p.fold(s-1) == n.words[k] && p.capitalised(s-1); k-- {
					s--
				}
				if p.possessiveOrWordAfter(i) {
					continue
				}
				rule := "cue:surname"
				if i-s == len(n.words)-1 {
					rule = "cue:name"
				}
				p.emit(s, i+1, news.Person, rule, news.Actor{Name: p.words(s, i+1)})
				break
			}
		}
	}
}

// possessiveOrWordAfter reports whether the capitalised token i is
// followed directly by another capitalised word, in which case it is part
// of a longer name, not a surname on its own.
func (p *mentionPiece) possessiveOrWordAfter(i int) bool {
	return i+1 < len(p.toks) && p.joined(i+1) && p.capitalised(i+1) && !isNameStopWord(p.fold(i+1))
}
