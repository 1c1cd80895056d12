package extract

import (
	"strings"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// Cue rules of the mention scan: names the knowledge base lacks, found by a
// title, an apposition, a speech verb, an organisation word or a place cue.

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
	if nEnd, known := p.nameAt(tEnd); nEnd > tEnd && (titleCap || known != nil || tEnd-first > 1 || p.givenName(tEnd, nEnd)) {
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
		// refers to nobody named before. Before a noun the title word
		// is an adjective: "a general strike", "a general amnesty".
		if next := p.fold(tEnd); tEnd < len(p.toks) && !p.capitalised(tEnd) && next != "" && isLetters(next) &&
			!p.r.lex.is(next, classStop|classSaid) {
			return i
		}
		p.emit(i, tEnd, news.Person, "kb:title", actor)
		return tEnd
	}
	return i
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
		case p.capitalised(j) && !p.has(j, kb.NamePerson) && !p.r.lex.is(p.fold(j), classStop),
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
		if j > k && !p.joined(j) && !p.afterInitial(j) {
			break
		}
		switch p.kind(j) {
		case kb.NameCountry, kb.NameDemonym, kb.NameTitle, kindInstitution, kb.NameOrg, kb.NameMetonym:
			if j > k || !person || p.kind(j) != kb.NameDemonym {
				return j
			}
		}
		switch {
		case p.capitalised(j) && !p.r.lex.is(p.fold(j), classStop) && !p.r.lex.is(p.fold(j), classCalendar):
			j++
			n++
		case j > k && isNameParticle(p.fold(j)) && p.capitalised(j+1) && p.joined(j+1) && p.fold(j) != "and" && p.fold(j) != "of" &&
			!p.r.lex.is(p.fold(j+1), classStop) && !p.r.lex.is(p.fold(j+1), classCalendar):
			// "Abu Bakr al Baghdadi", but not "Tutu on Sunday"
			j++
		default:
			return j
		}
	}
	return j
}

// afterInitial reports whether token j follows a middle initial: "Harry
// M. Reid", "John F. Kennedy".
func (p *mentionPiece) afterInitial(j int) bool {
	if j <= 0 || j >= len(p.toks) || strings.TrimSpace(p.gap(j)) != "." {
		return false
	}
	t := p.toks[j-1]
	return p.capitalised(j-1) && utf8.RuneCountInString(p.text[t.start:t.end]) == 1
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
		if p.at[j] < 0 && p.r.lex.is(p.fold(j), classRole) {
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
	if i == 0 && p.first && p.r.lex.is(p.fold(i), classStop) {
		return i
	}
	if end := p.orgName(start); end > start {
		a := news.Actor{Name: p.words(start, end), Sector: p.r.lex.sector(p.fold(end - 1))}
		if a.Sector == "" {
			a.Sector = p.r.lex.sector(p.fold(start))
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
	if end-start >= 2 && end-start <= 4 && !p.r.lex.is(p.fold(start), classStop) && !p.hasPlaceWord(start, end) {
		if role, ok := p.appositionRole(end); ok {
			role.Name = p.words(start, end)
			p.emit(start, end, news.Person, "cue:apposition", role)
			return end
		}
		if p.r.lex.is(p.fold(end), classSaid) && p.joined(end) || p.accordingTo(start) {
			a := p.roleBefore(start, end)
			a.Name = p.words(start, end)
			p.emit(start, end, news.Person, "cue:speech", a)
			return end
		}
		if p.givenName(start, end) {
			a := p.roleBefore(start, end)
			a.Name = p.words(start, end)
			p.emit(start, end, news.Person, "cue:given", a)
			return end
		}
	}
	return i
}

// givenName reports whether the capitalised words [i, j) read as a
// personal name by a common given name: first ("Martin Quell"), or second
// in a longer name ("Aftab Ahmad Khan Sherpao").
func (p *mentionPiece) givenName(i, j int) bool {
	if j-i < 2 || j-i > 4 {
		return false
	}
	if p.r.actors.GivenName(p.fold(i)) {
		return j-i <= 3 && p.plainName(i+1, j)
	}
	return j-i >= 3 && p.r.actors.GivenName(p.fold(i+1)) && p.plainName(i, i+1) && p.plainName(i+2, j)
}

// roleBefore reads the role phrase that a name between commas stands in
// apposition to: "a member of the Syrian parliament, Jane Roe, said". It
// returns the role's country, or no actor.
func (p *mentionPiece) roleBefore(i, j int) news.Actor {
	if strings.TrimSpace(p.gap(i)) != "," || j < len(p.toks) && strings.TrimSpace(p.gap(j)) != "," {
		return news.Actor{}
	}
	from := i - 1
	for from > 0 && from > i-8 && !strings.ContainsAny(p.gap(from), ",.;:()") {
		from--
	}
	role := false
	for k := from; k < i; k++ {
		if p.r.lex.is(p.fold(k), classRole) || p.has(k, kb.NameTitle) {
			role = true
		}
	}
	if !role {
		return news.Actor{}
	}
	var a news.Actor
	p.roleContext(from, i, &a)
	return a
}

// accordingTo reports whether "according to" precedes token k.
func (p *mentionPiece) accordingTo(k int) bool {
	return p.fold(k-1) == "to" && p.fold(k-2) == "according"
}

// plainName reports whether tokens [i, j) may be the rest of a personal
// name after a given name: no word of the knowledge base other than a
// person or a place ("Jane Washington"), nor a word of the mention lists.
func (p *mentionPiece) plainName(i, j int) bool {
	for k := i; k < j; k++ {
		switch p.kind(k) {
		case "", kb.NamePerson, kb.NamePlace:
		default:
			return false
		}
		if p.r.lex.is(p.fold(k), classStop|classCalendar|classSaid|classRole|classGroup) {
			return false
		}
	}
	return true
}

// station finds a broadcaster named by a channel number: "Channel 4",
// "Fox 35", "WFTV 9": a broadcasting word or a call sign (three or four
// capitals starting with K or W) before a number of one or two digits.
func (p *mentionPiece) station(i int) int {
	if p.used[i] || !p.capitalised(i) || i+1 >= len(p.toks) || !p.joined(i+1) {
		return i
	}
	n := p.fold(i + 1)
	if len(n) > 2 || !isDigits(n) {
		return i
	}
	f := p.fold(i)
	call := p.toks[i].shape == shapeUpper && (len(f) == 3 || len(f) == 4) && (f[0] == 'k' || f[0] == 'w') && p.kind(i) == ""
	if !call && !p.r.lex.is(f, classStation) {
		return i
	}
	// "Sept. 11", "Channel 4's report": a number after a month is a day.
	if p.r.lex.is(f, classCalendar) {
		return i
	}
	p.emit(i, i+2, news.Org, "cue:station", news.Actor{Name: p.words(i, i+2), Sector: news.SectorMedia})
	return i + 2
}

// isDigits reports whether w is made of ASCII digits only.
func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// hasPlaceWord reports whether tokens [i, j) hold a word of geography,
// which personal names do not: "Middle East", "Gulf Coast".
func (p *mentionPiece) hasPlaceWord(i, j int) bool {
	for k := i; k < j; k++ {
		if p.r.lex.is(p.fold(k), classGeo|classPlace|classOrgHead|classSector) {
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
	if !p.capitalised(k) || p.r.lex.is(p.fold(k), classStop) && p.fold(k) != "the" {
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
		case p.capitalised(j) && (j > k || !p.r.lex.is(f, classStop)):
		case j > k && (f == "of" || f == "for" || f == "and" || f == "the" || f == "on" || f == "de" || f == "s") && p.capitalised(j+1):
		default:
			return best
		}
		if p.capitalised(j) && p.r.lex.sector(f) != "" || p.capitalised(j) && p.r.lex.is(f, classOrgHead) {
			if j > k || p.fold(j+1) == "of" && p.capitalised(j+2) {
				best = j + 1
			}
		}
		j++
	}
	return best
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

// placeCueBefore reports whether a place preposition or noun phrase
// precedes token k: "in X", "near X", "the city of X".
func (p *mentionPiece) placeCueBefore(k int) bool {
	w := p.fold(k - 1)
	return p.r.lex.is(w, classPlacePrep) || w == "of" && p.r.lex.is(p.fold(k-2), classPlace)
}

// placeNounAfter returns the end of a place noun after token k ("Idlib
// province"), or k.
func (p *mentionPiece) placeNounAfter(k int) int {
	if k < len(p.toks) && p.joined(k) && p.r.lex.is(p.fold(k), classPlace) && p.fold(k+1) != "of" {
		return k + 1
	}
	return k
}

// isLetters reports whether w is made of lower-case letters only.
func isLetters(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}
