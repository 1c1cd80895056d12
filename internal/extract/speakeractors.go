package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// personBySurname returns the first person mention whose name ends with
// the word w, or -1.
func (sc *quoteScan) personBySurname(w string) int {
	if len(w) < 3 {
		return -1
	}
	for i, m := range sc.a.Mentions {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		n := m.Actor.Name
		if strings.HasSuffix(n, w) && (len(n) == len(w) || n[len(n)-len(w)-1] == ' ') {
			return i
		}
	}
	return -1
}

// speakerBySurname returns the name of a speaker quoted before whose
// name ends with the word w ("Ben Carson" for "Carson"), or "".
func (sc *quoteScan) speakerBySurname(w string) string {
	if len(w) < 3 {
		return ""
	}
	for i := len(sc.out) - 1; i >= 0; i-- {
		if sp := sc.out[i].Speaker; sp != nil {
			n := sp.Name
			if len(n) > len(w) && strings.HasSuffix(n, w) && n[len(n)-len(w)-1] == ' ' {
				return n
			}
		}
	}
	return ""
}

// fullNameBefore returns the full name "First Last" that the text
// writes before offset off for the single word w, as a person is
// introduced before the article goes on with the surname: "Buddy Valastro"
// for "Valastro". The first name is a capitalised word that does not
// open a sentence. It returns "" when there is none.
func (sc *quoteScan) fullNameBefore(w string, off int) string {
	if len(w) < 3 {
		return ""
	}
	t := sc.text[:off]
	for from := 0; ; {
		i := strings.Index(t[from:], " "+w)
		if i < 0 {
			return ""
		}
		i += from
		from = i + 1 + len(w)
		if e := i + 1 + len(w); e < len(t) && isWordRune(rune(t[e])) {
			continue // a longer word
		}
		j := strings.LastIndexAny(t[:i], " \n") + 1
		first := t[j:i]
		if len(first) < 2 || j < 2 || t[j-1] != ' ' || strings.ContainsAny(t[j-2:j-1], ".!?\n") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(first)
		lw := strings.ToLower(first)
		if !unicode.IsUpper(r) || strings.ToUpper(first) == first || isNameStopWord(lw) || isCalendarName(lw) || sc.f.wordIs(lw, qcHonorific) {
			continue
		}
		for _, c := range first {
			if !unicode.IsLetter(c) && c != '-' {
				return ""
			}
		}
		return first + " " + w
	}
}

// resolve returns the actor a speaker names, or nil when the text does
// not say who it is.
func (sc *quoteScan) resolve(who *quoteSpeaker) *news.Actor {
	if who == nil {
		return nil
	}
	if who.actor != nil {
		return who.actor
	}
	var a news.Actor
	ms := sc.a.Mentions
	switch {
	case who.source.Noun != "":
		a = sc.sourceActor(who)
	case who.mention >= 0 && ms[who.mention].Rule == "pronoun":
		got, ok := sc.pronounAntecedent(who.mention, who.span.Start, news.Person)
		if !ok {
			return nil
		}
		a = got
		if r := ms[who.mention].Ref; a.Name == "" && r >= 0 && r < len(ms) {
			a.Name = roleName(ms[r].Text) // "he" after "the minister"
		}
	case who.mention >= 0 && who.of >= 0:
		// "the spokesman for the ministry": the body speaks.
		a = ms[who.of].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.of].Text)
		}
		a.Role = strings.ToLower(roleName(ms[who.mention].Text))
	case who.mention >= 0:
		m := &ms[who.mention]
		a = m.Actor
		if a.Name == "" {
			a.Name = roleName(m.Text)
		}
	case who.pronoun == "i":
		// Outside quotes, "I" is the writer.
		name := sc.a.Author
		if name == "" {
			name = sc.a.Byline
		}
		if name == "" {
			name = "the writer" // the article names no author
		}
		a = news.Actor{Name: name}
	case who.pronoun == "we":
		return nil // the writer's side, or a group the sentence does not name
	case who.pronoun != "":
		typ := news.EntityType("")
		if who.pronoun == "he" || who.pronoun == "she" {
			typ = news.Person
		}
		got, ok := sc.pronounAntecedent(-1, who.span.Start, typ)
		if !ok {
			return nil
		}
		a = got
	default:
		name := withoutNickname(who.name)
		if m := sc.personBySurname(finalWord(name)); m >= 0 {
			a = ms[m].Actor
		} else if n := sc.speakerBySurname(name); n != "" {
			a = news.Actor{Name: n}
		} else if n := sc.fullNameBefore(name, who.span.Start); n != "" && !strings.Contains(name, " ") {
			a = news.Actor{Name: n}
		} else {
			a = news.Actor{Name: name}
		}
	}
	if a.IsZero() {
		return nil
	}
	who.actor = &a
	who.typ = news.Person
	switch {
	case who.mention >= 0 && ms[who.mention].Rule != "pronoun":
		who.typ = ms[who.mention].Type
		if strings.Contains(ms[who.mention].Rule, "institution") {
			who.typ = news.Org // a group speaks like a body: "they said"
		}
	case who.source.Kind == kb.SourceOrg || who.source.Noun != "" && strings.EqualFold(who.name, who.source.Plural):
		who.typ = news.Org
	case who.pronoun == "it" || who.pronoun == "they":
		who.typ = news.Org
	}
	return who.actor
}

// withoutNickname drops the quoted nickname from a name: `Jane "Jo" Roe`
// gives "Jane Roe".
func withoutNickname(name string) string {
	if !strings.ContainsAny(name, "\"“”‘’'") {
		return name
	}
	var b strings.Builder
	in := false
	for w := range strings.FieldsSeq(name) {
		open, close := strings.ContainsAny(w[:1], "\"“‘'"), strings.ContainsAny(w[len(w)-1:], "\"”’'")
		if r, _ := utf8.DecodeRuneInString(w); r == '“' || r == '‘' {
			open = true
		}
		if r, _ := utf8.DecodeLastRuneInString(w); r == '”' || r == '’' {
			close = true
		}
		if open || in {
			in = !close
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	if b.Len() == 0 {
		return name
	}
	return b.String()
}

// finalWord returns the last space-separated word of s: the surname of
// a name.
func finalWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

// roleName returns the name of an actor known only by a role or group
// noun: "the minister" gives "minister".
func roleName(text string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		text = strings.TrimPrefix(text, d)
	}
	return text
}

// sourceActor returns the actor of a source noun phrase: the body it
// speaks for, or the group itself with the country and sector the phrase
// gives.
func (sc *quoteScan) sourceActor(who *quoteSpeaker) news.Actor {
	ms := sc.a.Mentions
	if who.of >= 0 && (who.source.Kind != kb.SourcePerson || who.source.Sector == "" || ms[who.of].Type == news.Org) {
		a := ms[who.of].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.of].Text)
		}
		if who.source.Kind == kb.SourcePerson {
			a.Role = strings.ToLower(who.name)
		}
		return a
	}
	if who.source.Kind == kb.SourceDocument {
		// "the ruling said": the document stands for its unnamed author.
		return news.Actor{Name: roleName(sc.text[who.span.Start:who.span.End])}
	}
	if who.source.Kind == kb.SourceOrg && who.mention >= 0 && ms[who.mention].Type == news.Org {
		// "the United Nations humanitarian office": the body named.
		a := ms[who.mention].Actor
		if a.Name == "" {
			a.Name = roleName(ms[who.mention].Text)
		}
		return a
	}
	a := news.Actor{Name: strings.ToLower(who.name), Sector: who.source.Sector}
	if who.mention >= 0 {
		m := ms[who.mention].Actor
		a.Country = m.Country
		if m.Sector != "" && (m.Entity == "" || ms[who.mention].Type != news.Country) {
			a.Sector = m.Sector
		}
	}
	return a
}

// pronounAntecedent returns the actor a speaking pronoun stands for: the
// resolver's, unless the nearest person before it stands inside a quote
// (the resolver does not know quotes); else the speaker of the statement
// before, or the nearest fitting mention outside quotes in the three
// sentences before. It reports false when there is none.
func (sc *quoteScan) pronounAntecedent(mi, off int, typ news.EntityType) (news.Actor, bool) {
	ms := sc.a.Mentions
	if mi >= 0 && ms[mi].Ref >= 0 && !ms[mi].Actor.IsZero() {
		near := -1
		for k := mi - 1; k >= 0 && ms[mi].Sentence-ms[k].Sentence <= 2; k-- {
			if ms[k].Type == news.Person && ms[k].Rule != "pronoun" && !strings.Contains(ms[k].Rule, "institution") {
				near = k
				break
			}
		}
		if near < 0 || !sc.inQ[near] {
			return ms[mi].Actor, true
		}
	}
	if l := sc.last; l != nil && l.actor != nil && (typ == "" || l.typ == typ) {
		return *l.actor, true
	}
	// The window counts from the frame's first sentence: the sentences
	// of a long quote are not those the pronoun looks back over.
	cur := sc.sentenceOf(off)
	if f := sc.frameOf(off); f < len(sc.frames) && cur >= 0 {
		cur = min(cur, sc.frames[f].first)
	}
	sent, best := -1, -1
	for p := len(sc.byPos) - 1; p >= 0; p-- {
		k := sc.byPos[p]
		m := &ms[k]
		if m.Span.Start >= off || sc.inQ[k] || m.Rule == "pronoun" {
			continue
		}
		if sent >= 0 && m.Sentence != sent || cur >= 0 && sc.a.Sentences[cur].Index-m.Sentence > 3 {
			break
		}
		switch {
		case typ == news.Person && (m.Type != news.Person || strings.Contains(m.Rule, "institution") || m.Actor.IsZero()):
			continue
		case typ == "" && (m.Type == news.Place || m.Type == news.Person && !strings.Contains(m.Rule, "institution")):
			continue
		}
		sent, best = m.Sentence, k
	}
	if best < 0 && typ == news.Person && cur >= 0 {
		// "George Roe is selling the gun. ... he told": a name the
		// recogniser does not know, as the subject of a sentence before.
		for k := cur - 1; k >= 0 && k >= cur-2; k-- {
			if name := sc.subjectName(sc.a.Sentences[k].Span); name != "" {
				if m := sc.personBySurname(finalWord(name)); m >= 0 {
					return ms[m].Actor, true
				}
				return news.Actor{Name: name}, true
			}
		}
	}
	if best < 0 {
		// No one fits nearby: the person who spoke last, if any.
		if l := sc.lastPerson; typ == news.Person && l != nil && l.actor != nil && sc.frames[sc.lastPersonF].para == sc.frames[min(sc.frameOf(off), len(sc.frames)-1)].para {
			return *l.actor, true
		}
		return news.Actor{}, false
	}
	a := ms[best].Actor
	if a.Name == "" {
		a.Name = roleName(ms[best].Text)
	}
	return a, true
}

// subjectName returns the name of two to four capitalised words that
// opens the sentence s as its subject, followed by a lower-case word or
// a comma: "George Roe is selling ...", "Jane Q. Roe, 45, said ...". It
// returns "" when the sentence opens otherwise.
func (sc *quoteScan) subjectName(s news.Span) string {
	t := sc.text[s.Start:s.End]
	// "On the last day, Jane Roe strode ...": the name after an opening
	// phrase and its comma.
	if j := wordEnd(t, 0, len(t)); j > 0 && sc.f.wordIs(sc.low[s.Start:s.Start+j], qcOpening) {
		if c := strings.Index(t, ", "); c > 0 && c < 120 {
			t = t[c+2:]
		}
	}
	words, end := 0, 0
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if r == ' ' {
			i += n
			continue
		}
		if !isWordRune(r) {
			if r == '.' && end == i && words > 0 && i-strings.LastIndexByte(t[:i], ' ') <= 2 {
				i += n // an initial: "Jane Q. Roe"
				end = i
				continue
			}
			if r == ',' && words >= 2 {
				return t[:end]
			}
			return ""
		}
		j := wordEnd(t, i, len(t))
		w := t[i:j]
		if !unicode.IsUpper(r) {
			if words >= 2 && words <= 4 {
				return t[:end]
			}
			return ""
		}
		lw := strings.ToLower(w)
		if isNameStopWord(lw) || isCalendarName(lw) || sc.f.wordIs(lw, qcHonorific) || strings.ToUpper(w) == w && len(w) > 1 {
			return ""
		}
		words++
		if words > 4 {
			return ""
		}
		i, end = j, j
	}
	return ""
}
