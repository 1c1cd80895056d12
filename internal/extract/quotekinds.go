package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// quote classifies and reports the quote at token qi.
func (fs *frameScan) quote(qi int) {
	sc := fs.sc
	p := sc.pairs[fs.toks[qi].q]
	span := trimQuoteText(sc.text, p.inner())
	if span.Start >= span.End {
		return
	}
	opens := fs.opensClause(qi)
	pre, sep := fs.preCue(qi)
	post := fs.postCue(qi)
	upper := startsUpper(sc.text[span.Start:span.End])
	if post != nil && (sep == ":" && !fs.quoteEndsWithComma(qi) || endsWithStop(sc.text[p.open+p.on:p.close]) && !fs.lastContent(max(post.right, post.end)-1) && !fs.signsQuote(qi, post)) {
		// `X wrote: "A." His aide added ...`: a new sentence, unless it
		// is only the cue (`"... the report." Roe said.`) or the
		// quote's comma hands it to the cue (`the risk: "...," Roe said`).
		post = nil
	}
	if post != nil && pre != nil && (sep == "," || sep == ":") && fs.quoteEndsWithMark(qi) && fs.capitalised(qi+1) && !fs.signsQuote(qi, post) {
		// `telling her, "Get well!" She replied ...`: the quote ends
		// its sentence; the cue after it opens the next.
		post = nil
	}
	switch {
	case post != nil && opens:
		post.used = true
		fs.emit(span, news.Direct, post.who, fs.cueText(post), "direct:cue-after", fs.toks[qi].q)
	case pre != nil && (sep == ":" || sep == "," || sep == "" && upper && fs.endsQuoteClause(qi) && !sc.f.titleCase(sc.text[span.Start:span.End])):
		pre.used = true
		fs.emit(span, news.Direct, pre.who, fs.cueText(pre), "direct:cue-before", fs.toks[qi].q)
	case post == nil && pre == nil && fs.lastContent(qi) && fs.signedBelow(qi) != nil:
		fs.emit(span, news.Direct, fs.signedBelow(qi), "", "direct:signed", fs.toks[qi].q)
	case post == nil && fs.isPunct(qi-1, ":") && fs.dashNamed(qi-1) != nil:
		fs.emit(span, news.Direct, fs.dashNamed(qi-1), "", "direct:colon", fs.toks[qi].q)
	case post == nil && pre == nil && fs.isPunct(qi-1, ":") && fs.headlineNamed(qi-1) != nil:
		fs.emit(span, news.Direct, fs.headlineNamed(qi-1), "", "direct:headline", fs.toks[qi].q)
	case post == nil && fs.isPunct(qi-1, ":") && fs.colonCue(qi) != nil:
		h := fs.colonCue(qi)
		h.used = true
		fs.emit(span, news.Direct, h.who, fs.cueText(h), "direct:cue-before", fs.toks[qi].q)
	case post == nil && fs.dashSigned(qi) != nil:
		fs.emit(span, news.Direct, fs.dashSigned(qi), "", "direct:signed", fs.toks[qi].q)
	case fs.isPunct(qi-1, ":") && fs.wholeClause(qi) && fs.colonSpeaker(qi-1) != nil && fs.cuesBefore(fs.tokenAt(fs.colonSpeaker(qi-1).span.Start)):
		// "Roe said both are "non-entities," but he gave Doe a
		// compliment: "..."": the subject of the colon's clause.
		fs.emit(span, news.Direct, fs.colonSpeaker(qi-1), "", "direct:colon", fs.toks[qi].q)
	case opens && (fs.wholeClause(qi) || fs.quoteEndsWithComma(qi)) && !sc.f.titleCase(sc.text[span.Start:span.End]):
		if sc.continues(fs.fi) && !fs.isDash(qi+1) && !fs.otherNamedAfter(qi) {
			fs.emit(span, news.Direct, sc.last, sc.lastCue, "direct:continued", fs.toks[qi].q)
			return
		}
		if qi == 0 && fs.lastContent(qi) && sc.leadIn(fs.fi) {
			fs.emit(span, news.Direct, sc.lead, "", "direct:lead-in", fs.toks[qi].q)
			return
		}
		fs.emit(span, news.Direct, nil, "", "direct:unattributed", fs.toks[qi].q)
	default:
		if rule := fs.nameQuote(qi, span); rule != "" {
			fs.emit(span, news.Partial, nil, "", rule, fs.toks[qi].q)
			return
		}
		if post != nil && (post.inverted || post.left <= qi+2) && (fs.quoteEndsWithComma(qi) || fs.quoteEndsWithMark(qi)) && !sc.f.titleCase(sc.text[span.Start:span.End]) && sc.resolve(post.who) != nil {
			// `despite the tone, "I think he will do it," said Roe`: the
			// cue that signs the quote's comma speaks, not one before it.
			post.used = true
			kind, rule := news.Partial, "partial:cue-after"
			if upper {
				kind, rule = news.Direct, "direct:cue-after"
			}
			fs.emit(span, kind, post.who, fs.cueText(post), rule, fs.toks[qi].q)
			return
		}
		if h := fs.nearestCue(qi); h != nil {
			fs.emit(span, news.Partial, h.who, fs.cueText(h), "partial:cue", fs.toks[qi].q)
			return
		}
		if who := fs.possessor(qi); who != nil {
			fs.emit(span, news.Partial, who, "", "partial:possessive", fs.toks[qi].q)
			return
		}
		fs.emit(span, news.Partial, nil, "", "scare", fs.toks[qi].q)
	}
}

// signsQuote reports whether the cue h right after the quote at qi, which
// opens the frame, names its speaker by name and opens a sentence of its
// own: `"We will win." Roe told reporters on a call.` A cue that
// reports a clause of its own ("Roe said both are ...") does not.
func (fs *frameScan) signsQuote(qi int, h *cueHit) bool {
	return qi == 0 && h.left == qi+1 && !h.inverted && h.content < 0 && h.who.pronoun == "" && h.who.source.Noun == "" &&
		fs.capitalised(qi+1) && fs.sc.sentenceOf(fs.toks[qi].end) != fs.sc.sentenceOf(fs.toks[qi].start)
}

// possessor returns the person or body whose words the quote at qi is
// said to be by a possessive right before it: `Romney's "47 percent"`,
// `in Roe's words, "..."`. It returns nil for anyone else: a place, a
// pronoun, a phrase that only stands near the quote.
func (fs *frameScan) possessor(qi int) *quoteSpeaker {
	k := qi - 1
	words := false
	if fs.isPunct(k, ",") && fs.low(k-1) == "words" {
		k, words = k-2, true // "in Roe's words, "...""
	}
	if fs.isPunct(k, "’") || fs.isPunct(k, "'") {
		k-- // "in Forbes' words"
	} else if !possessive(fs.low(k)) {
		return nil
	}
	if !fs.isWord(k) || !fs.capitalised(k) || words && fs.low(fs.mentionStartOr(k)-1) != "in" {
		return nil
	}
	if m := fs.toks[k].m; m >= 0 {
		mm := &fs.sc.a.Mentions[m]
		if mm.Type == news.Person && mm.Rule != "pronoun" || mm.Type == news.Org {
			i := fs.mentionStart(k)
			return &quoteSpeaker{span: news.Span{Start: fs.toks[i].start, End: min(mm.Span.End, fs.toks[k].end)}, mention: m, of: -1}
		}
		if !words || mm.Rule == "pronoun" {
			return nil // "America's "forgotten towns"": a place has no words
		}
	}
	w := fs.word(k)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	i := k
	for i > 0 && k-i < 3 && fs.nameWord(i-1) {
		i--
	}
	if i == 0 && k == 0 || isNameStopWord(strings.ToLower(w)) {
		return nil // a capital that opens the sentence may be no name
	}
	start := fs.toks[i].start
	name := fs.sc.text[start:fs.toks[k].start] + w
	return &quoteSpeaker{span: news.Span{Start: start, End: start + len(name)}, mention: -1, name: name, of: -1}
}

// mentionStartOr returns the first token of the mention at token k, or k
// when k is in no mention.
func (fs *frameScan) mentionStartOr(k int) int {
	if fs.mentionAt(k) < 0 {
		return k
	}
	return fs.mentionStart(k)
}

// otherNamedAfter reports whether a person other than the latest
// speaker is named right after the comma that ends the quote at qi:
// `"...," harbour pilot Ana Silva told the radio` names its own speaker
// even when no cue was found.
func (fs *frameScan) otherNamedAfter(qi int) bool {
	sc := fs.sc
	if !fs.quoteEndsWithComma(qi) || sc.last == nil || sc.last.actor == nil {
		return false
	}
	for k := qi + 1; k < len(fs.toks) && k <= qi+8; k++ {
		if fs.isQuote(k) || fs.isPunct(k, ".") && !fs.capitalised(k-1) {
			return false
		}
		m := fs.toks[k].m
		if m < 0 || sc.a.Mentions[m].Type != news.Person || sc.a.Mentions[m].Rule == "pronoun" {
			continue
		}
		name := sc.a.Mentions[m].Actor.Name
		if name == "" {
			name = sc.a.Mentions[m].Text
		}
		last := sc.last.actor.Name
		return !strings.Contains(last, finalWord(name)) && !strings.Contains(name, finalWord(last))
	}
	return false
}

// trimQuoteText trims white space and a trailing comma from the words
// between the marks: in `"...," she said` the comma is the reporter's.
func trimQuoteText(t string, s news.Span) news.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(t[s.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	s.End = trimEnd(t, s.Start, s.End)
	for s.End > s.Start && (t[s.End-1] == ',' || t[s.End-1] == ';') {
		s.End = trimEnd(t, s.Start, s.End-1)
	}
	return s
}

// endsWithStop reports whether the words of a quote end with a full stop.
func endsWithStop(s string) bool {
	return strings.HasSuffix(strings.TrimRightFunc(s, unicode.IsSpace), ".")
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// opensClause reports whether the quote at qi starts its clause: it
// opens the frame, or follows a colon, a dash, a bracket, another quote
// or a comma after one.
func (fs *frameScan) opensClause(qi int) bool {
	if qi == 0 {
		return true
	}
	if fs.isQuote(qi - 1) {
		return true
	}
	if fs.toks[qi-1].kind == tokPunct {
		switch fs.word(qi - 1) {
		case ":", ";", "…":
			return true
		case "—", "–", "-", "(", "[":
			// "welcome the governor - "my new best friend."": an
			// apposition unless a sentence starts.
			p := fs.sc.pairs[fs.toks[qi].q]
			return startsUpper(fs.sc.text[p.open+p.on : p.close])
		case ",":
			return fs.isQuote(qi-2) || fs.cueEndsAt(qi-1)
		}
	}
	return false
}

// cueEndsAt reports whether a cue group ends right before token k.
func (fs *frameScan) cueEndsAt(k int) bool {
	for i := range fs.cues {
		if fs.cues[i].right == k {
			return true
		}
	}
	return false
}

// preCue returns the cue right before the quote at qi and what separates
// them: ":", ",", "that" or nothing.
func (fs *frameScan) preCue(qi int) (*cueHit, string) {
	for i := range fs.cues {
		h := &fs.cues[i]
		switch {
		case h.right == qi:
			return h, ""
		case h.right == qi-1 && (fs.isPunct(qi-1, ":") || fs.isPunct(qi-1, ",")):
			return h, fs.word(qi - 1)
		case h.right == qi-1 && fs.low(qi-1) == "that":
			return h, "that"
		}
	}
	return nil, ""
}

// colonCue returns the cue of the clause that a colon before the quote at
// qi ends, when words stand between the cue and the colon: `Roe put it
// this way: "..."`, `Roe said in a statement on Monday: "..."`. It
// returns nil when a quote or a sentence end stands between them.
func (fs *frameScan) colonCue(qi int) *cueHit {
	for i := len(fs.cues) - 1; i >= 0; i-- {
		h := &fs.cues[i]
		if h.k >= qi {
			continue
		}
		if h.inverted || qi-1-h.end > 16 {
			return nil
		}
		for k := h.end; k < qi-1; k++ {
			if fs.isQuote(k) || fs.isPunct(k, ";") || fs.isPunct(k, "!") || fs.isPunct(k, "?") || fs.isPunct(k, ":") ||
				fs.isPunct(k, ".") && k+1 < len(fs.toks) && fs.capitalised(k+1) && !fs.is(k-1, qcHonorific) {
				return nil
			}
		}
		return h
	}
	return nil
}

// postCue returns the cue that follows the quote at qi: "...," she said;
// "...," said the minister; "...," Jane Roe, a spokeswoman, said.
// The speaker may carry words the cue's subject search left out: "Doe
// lawyer John Roe", "IMF chief economist Jane Doe".
func (fs *frameScan) postCue(qi int) *cueHit {
	from := qi + 1
	if fs.isPunct(from, ",") || fs.isPunct(from, "—") {
		from++
	}
	for i := range fs.cues {
		h := &fs.cues[i]
		if h.left < from || h.left > from+8 && !(fs.isPunct(h.left-1, ",") && fs.namedPerson(h.who)) || h.left > from+12 {
			continue
		}
		if !h.inverted && h.who.span.Start < fs.toks[from].start {
			continue // the cue's subject stands before the quote
		}
		// "...," the party's nominee, Jane Roe, said: a description and
		// its name, set off by a comma.
		ok, commas := h.left <= from+5 || fs.isPunct(h.left-1, ",") || fs.nameRun(from, h.left) || fs.namedPerson(h.who), 0
		for k := from; k < h.left && ok; k++ {
			if fs.isPunct(k, ",") && k > from && fs.isWord(k-1) {
				commas++
			} else if fs.low(k) == "and" && k > from && h.who.source.Noun != "" && fs.isWord(k-1) && !fs.capitalised(k-1) {
				// "the city's mayor and party leader said": one person
				// with two roles.
			} else if !fs.isWord(k) && !fs.isPunct(k, ".") && !fs.isPunct(k, "-") || fs.isVerbLike(k) && !fs.capitalised(k) && !fs.nameRun(from, h.left) && !(k == from+1 && fs.is(from, qcNounMarker) && h.who.source.Noun != "") {
				// A verb's form right after the article may modify the
				// head noun: "a welcome message reads".
				ok = false
			}
		}
		if commas > 1 || commas == 1 && !fs.isPunct(h.left-1, ",") {
			ok = false
		}
		if ok {
			if h.left > from && !h.inverted {
				who := *h.who
				who.span.Start = fs.toks[from].start
				h.who = &who
				h.left = from
			}
			return h
		}
	}
	return nil
}

// namedPerson reports whether a speaker is a person named by name: a
// long description may stand before the name ("former policy planning
// director Jane Roe wrote").
func (fs *frameScan) namedPerson(who *quoteSpeaker) bool {
	if who.pronoun != "" || who.source.Noun != "" {
		return false
	}
	if who.mention < 0 {
		return who.name != ""
	}
	m := &fs.sc.a.Mentions[who.mention]
	return m.Type == news.Person && m.Rule != "pronoun" && m.Actor.Name != ""
}

// nameRun reports whether tokens [i, j) are capitalised words, the full
// stops of initials and "and" between names: "Senate Minority Leader
// Jane Q. Roe", "Jane Roe and John Doe".
func (fs *frameScan) nameRun(i, j int) bool {
	for k := i; k < j; k++ {
		if !fs.capitalised(k) && !fs.isPunct(k, ".") && !(fs.low(k) == "and" && k > i && fs.capitalised(k-1) && fs.capitalised(k+1)) {
			return false
		}
	}
	return true
}

// dashSigned returns the name after a dash that signs the quote at qi:
// "..." — Jane Roe.
func (fs *frameScan) dashSigned(qi int) *quoteSpeaker {
	if qi+2 >= len(fs.toks) || fs.toks[qi+1].kind != tokPunct {
		return nil
	}
	if !fs.isDash(qi + 1) {
		return nil
	}
	who, e := fs.speakerAfter(qi + 2)
	if who == nil || who.pronoun != "" || !fs.lastContent(e-1) && !fs.isPunct(e, ",") {
		return nil
	}
	return who
}

// signedBelow returns the person named on the line under the quote at qi
// after a dash, as a collection of quotes signs each one:
//
//	"..."
//
//	- Jane Roe, in a speech.
func (fs *frameScan) signedBelow(qi int) *quoteSpeaker {
	sc := fs.sc
	t := sc.text
	i := sc.pairs[fs.toks[qi].q].outer().End
	j := i
	for j < len(t) && (t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t') {
		j++
	}
	if j == i || !strings.Contains(t[i:j], "\n") {
		return nil
	}
	r, n := utf8.DecodeRuneInString(t[j:])
	if r != '-' && r != '—' && r != '–' {
		return nil
	}
	j += n
	line := t[j:]
	if e := strings.IndexAny(line, ",.\n"); e >= 0 {
		line = line[:e]
	}
	if len(line) > 60 {
		return nil
	}
	end := j + len(line)
	k := sort.Search(len(sc.byPos), func(x int) bool { return sc.a.Mentions[sc.byPos[x]].Span.Start >= j })
	if k < len(sc.byPos) {
		m := sc.byPos[k]
		if ms := &sc.a.Mentions[m]; ms.Span.End <= end && ms.Type == news.Person && ms.Rule != "pronoun" {
			return &quoteSpeaker{span: ms.Span, mention: m, of: -1}
		}
	}
	// A name the recogniser does not know: two to four capitalised words.
	name := strings.TrimSpace(line)
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 4 {
		return nil
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return nil
		}
	}
	start := j + strings.Index(line, name)
	return &quoteSpeaker{span: news.Span{Start: start, End: start + len(name)}, mention: -1, name: name, of: -1}
}

// headlineNamed returns the person a headline names before the colon at
// token c that introduces a quote: "Roe on the Port Deal: 'We Were
// Misled'", "A Lesson From Jane Roe: '...'". The words before the colon
// are a headline when they have no cue and most of them are capitalised;
// the first person named among them speaks. It returns nil otherwise.
func (fs *frameScan) headlineNamed(c int) *quoteSpeaker {
	if len(fs.cues) > 0 || c < 2 || c > 16 {
		return nil
	}
	words, caps := 0, 0
	for k := range c {
		if fs.isQuote(k) || fs.isPunct(k, ".") && !fs.capitalised(k-1) {
			return nil
		}
		if !fs.isWord(k) || len(fs.word(k)) < 4 {
			continue
		}
		words++
		if fs.capitalised(k) {
			caps++
		}
	}
	if words < 2 || 4*caps < 3*words {
		return nil
	}
	// "Roe on ...": the name before the headline's first lower-case word.
	if m := fs.mentionAt(0); m >= 0 && fs.sc.a.Mentions[m].Type == news.Person && fs.sc.a.Mentions[m].Rule != "pronoun" {
		return &quoteSpeaker{span: fs.spanOf(0, fs.mentionEnd(0)), mention: m, of: -1}
	}
	j := 0
	for j < c && fs.nameWord(j) {
		j++
	}
	if j > 0 && j <= 2 && fs.isWord(j) && !fs.capitalised(j) {
		if who, i := fs.speakerEndingAt(j - 1); who != nil && i == 0 && who.pronoun == "" && who.source.Noun == "" {
			return who
		}
	}
	if m := fs.personIn(0, c); m >= 0 {
		e := fs.mentionEnd(fs.firstTokOf(m, 0))
		return &quoteSpeaker{span: fs.spanOf(fs.mentionStart(fs.firstTokOf(m, 0)), e), mention: m, of: -1}
	}
	return nil
}

// dashNamed returns the name between a dash and the colon at token c
// that introduces a quote, as a digest credits an excerpt: `Polls
// tightened late - Jane Roe: "..."`.
func (fs *frameScan) dashNamed(c int) *quoteSpeaker {
	for d := c - 1; d >= 0 && d >= c-7; d-- {
		if fs.isDash(d) {
			if d == c-1 || fs.toks[d].start == fs.toks[d-1].end {
				return nil // "pro-": a hyphen inside a word
			}
			who, e := fs.speakerAfter(d + 1)
			if who != nil && e < c && fs.low(e) == "and" {
				// "Jane Roe and John Doe": the pair speaks.
				if other, e2 := fs.speakerAfter(e + 1); other != nil && e2 == c {
					pair := *who
					pair.span.End, e = other.span.End, e2
					who = &pair
				}
			}
			if who == nil || e != c || who.pronoun != "" || who.source.Noun != "" {
				return nil
			}
			return who
		}
		if !fs.isWord(d) && !fs.isPunct(d, ".") || fs.isWord(d) && !fs.capitalised(d) && fs.low(d) != "and" {
			return nil
		}
	}
	return nil
}

// endsQuoteClause reports whether the clause ends with the quote at qi:
// punctuation follows, or the quote's words end a sentence.
func (fs *frameScan) endsQuoteClause(qi int) bool {
	return fs.lastContent(qi) || fs.isPunct(qi+1, ",") || fs.wholeClause(qi)
}

// isDash reports whether token k is a dash.
func (fs *frameScan) isDash(k int) bool {
	if k < 0 || k >= len(fs.toks) || fs.toks[k].kind != tokPunct {
		return false
	}
	switch fs.word(k) {
	case "—", "―", "–", "-":
		return true
	}
	return false
}

// lastContent reports whether only punctuation follows the quote at qi.
func (fs *frameScan) lastContent(qi int) bool {
	for k := qi + 1; k < len(fs.toks); k++ {
		if fs.toks[k].kind != tokPunct {
			return false
		}
	}
	return true
}

// wholeClause reports whether the quote at qi is a sentence of its own:
// nothing but punctuation follows, or its words end a sentence.
func (fs *frameScan) wholeClause(qi int) bool {
	if fs.lastContent(qi) {
		return true
	}
	p := fs.sc.pairs[fs.toks[qi].q]
	in := strings.TrimRightFunc(fs.sc.text[p.open+p.on:p.close], unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(in)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// nearestCue returns the cue whose reported words may hold the quote at
// qi: the nearest cue before it ("said the talks were "constructive"",
// "called them "deplorables""), or else the first cue after it that
// reports no clause of its own after it ("... "a disaster," she said").
// It returns nil when no cue may report the quote.
func (fs *frameScan) nearestCue(qi int) *cueHit {
	var best *cueHit
	for i := range fs.cues {
		h := &fs.cues[i]
		switch {
		case h.k < qi:
			best = h
		case best == nil && h.content < 0:
			return h
		}
	}
	return best
}

// nameQuote returns "title" or "nickname" when the quote at qi names
// something rather than reports words: a title after "dubbed", "the film"
// or in title case, a nickname between a first and a last name.
func (fs *frameScan) nameQuote(qi int, span news.Span) string {
	prev := fs.low(qi - 1)
	if fs.capitalised(qi-1) && fs.capitalised(qi+1) && fs.toks[qi-1].end < fs.toks[qi].start && fs.sc.f.nicknameLike(fs.sc.text[span.Start:span.End]) {
		return "nickname"
	}
	switch {
	case fs.is(qi-1, qcTitleCue):
		for i := range fs.cues {
			if fs.cues[i].end == qi && fs.cues[i].verb.Kind == "call" && prev != "so-called" {
				return "" // "she called them "deplorables"": her word
			}
		}
		return "title"
	case prev == "as":
		if fs.low(qi-2) == "known" {
			return "title"
		}
	}
	if fs.sc.f.titleCase(fs.sc.text[span.Start:span.End]) && !fs.spokenAfter(qi) {
		return "title"
	}
	return ""
}

// spokenAfter reports whether the quote at qi is the object of a cue
// that reports speech right before it: `he said "The Hispanics"`,
// `Roe chanted "Lock Her Up"`. A naming verb ("called", "dubbed")
// does not count: what it quotes is a name.
func (fs *frameScan) spokenAfter(qi int) bool {
	for i := range fs.cues {
		if h := &fs.cues[i]; h.end == qi && !h.according && !h.verb.Audience && h.verb.Kind != "call" {
			return true
		}
	}
	return false
}

// nicknameLike reports whether the words s can be a nickname between a
// first and a last name: at most four words and no punctuation of a
// clause ('Jane "The Hammer" Roe'), unlike the words a cue after them
// reports (`Roe "has changed her mind twice," Doe said`).
func (f *QuoteFinder) nicknameLike(s string) bool {
	return len(strings.Fields(s)) <= 4 && !strings.ContainsAny(s, ",;:!?")
}

// titleCase reports whether s reads as a title: at most eight words,
// every word but the small ones capitalised, and no sentence punctuation
// but a full stop after three words or more ('All Bets Are Off.').
func (f *QuoteFinder) titleCase(s string) bool {
	words, caps := 0, 0
	for w := range strings.FieldsSeq(s) {
		words++
		if words > 8 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			caps++
		case words > 1 && f.smallTitleWord(w):
		default:
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == '.' && words >= 3 && caps >= 3 {
		return true
	}
	return caps > 0 && r != '.' && r != '!' && r != '?' && r != ','
}

// smallTitleWord reports whether a title may leave the word w of at most
// four letters in lower case: "Gone with the Wind".
func (f *QuoteFinder) smallTitleWord(w string) bool {
	return len(w) <= 4 && f.wordIs(strings.ToLower(w), qcTitleSmall)
}

// indirect reports the reported clauses of the frame's cues that
// attribute no quote: "X said (that) ...", "..., X said", "according to X,
// ...", "..., according to X".
func (fs *frameScan) indirect() {
	n := len(fs.toks)
	end := n
	for end > 0 && fs.toks[end-1].kind == tokPunct {
		end--
	}
	for i := range fs.cues {
		h := &fs.cues[i]
		if h.used {
			continue
		}
		rule := "indirect:that"
		from, to := -1, end
		switch {
		case h.content >= 0 && h.content < end:
			from = h.content
			for j := i + 1; j < len(fs.cues); j++ {
				if h2 := &fs.cues[j]; h2.left > from && fs.isPunct(h2.left-1, ",") && fs.tailEnds(h2) {
					to = h2.left - 1 // "..., according to a statement."
					break
				}
			}
			if h.according {
				rule = "indirect:according"
			} else if fs.low(h.content-1) != "that" {
				rule = "indirect:clause"
			}
		case h.left > 0 && fs.tailEnds(h) && !fs.isPunct(h.right, ":") && (fs.isPunct(h.left-1, ",") || fs.isQuote(h.left-1) && fs.quoteEndsWithComma(h.left-1)) && fs.clauseBefore(h.left-1):
			from, to = 0, h.left
			if fs.isPunct(h.left-1, ",") {
				to = h.left - 1
			}
			rule = "indirect:cue-after"
			if h.according {
				rule = "indirect:according"
			}
		default:
			continue
		}
		if to-from == 1 && fs.isQuote(from) || fs.words(from, to) < 3 {
			continue
		}
		span := news.Span{Start: fs.toks[from].start, End: fs.toks[to-1].end}
		span = trimQuoteText(fs.sc.text, span)
		h.stated = true
		fs.emit(span, news.Indirect, h.who, fs.cueText(h), rule, -1)
	}
}

// clauseBefore reports whether the words before token k can be a
// reported clause, not an opening phrase alone ("After the vote, she
// told reporters").
func (fs *frameScan) clauseBefore(k int) bool {
	if !fs.is(0, qcOpening) {
		return true
	}
	for j := 1; j < k; j++ {
		if fs.isPunct(j, ",") {
			return true
		}
	}
	return false
}

// words counts the words and quotes among tokens [i, j).
func (fs *frameScan) words(i, j int) int {
	n := 0
	for k := max(i, 0); k < j && k < len(fs.toks); k++ {
		if fs.toks[k].kind != tokPunct {
			n++
		}
	}
	return n
}

// cuesBefore reports whether every cue of the frame ends before token k.
func (fs *frameScan) cuesBefore(k int) bool {
	for i := range fs.cues {
		if fs.cues[i].right >= k || fs.cues[i].k >= k {
			return false
		}
	}
	return true
}

// quoteEndsWithComma reports whether the quote token k ends with a comma
// inside its marks: `... "a disaster," she said`.
func (fs *frameScan) quoteEndsWithComma(k int) bool {
	p := fs.sc.pairs[fs.toks[k].q]
	in := strings.TrimRightFunc(fs.sc.text[p.open+p.on:p.close], unicode.IsSpace)
	return strings.HasSuffix(in, ",")
}

// quoteEndsWithMark reports whether the quote at token k ends with an
// exclamation or a question mark, which stand for its comma before a
// cue: `"Not us!" Roe, the head of the board, tweeted`.
func (fs *frameScan) quoteEndsWithMark(k int) bool {
	p := fs.sc.pairs[fs.toks[k].q]
	in := strings.TrimRightFunc(fs.sc.text[p.open+p.on:p.close], unicode.IsSpace)
	return strings.HasSuffix(in, "!") || strings.HasSuffix(in, "?")
}

// tailEnds reports whether the cue group h ends its clause. "According
// to X" may run to the end of the sentence.
func (fs *frameScan) tailEnds(h *cueHit) bool {
	if h.according {
		for k := h.end; k < len(fs.toks); k++ {
			if fs.isPunct(k, ",") || fs.isQuote(k) || fs.isPunct(k, ";") {
				return fs.endsClause(k)
			}
		}
		return true
	}
	return fs.endsClause(max(h.right, h.end))
}

// endsClause reports whether the clause ends at token r: only
// punctuation, a comma or a trailing phrase follows.
func (fs *frameScan) endsClause(r int) bool {
	if r >= len(fs.toks) || fs.toks[r].kind != tokWord {
		return true
	}
	if n, kind := fs.phraseAt(r); n > 0 && kind == kb.PhraseChannel {
		return true
	}
	return fs.is(r, qcClauseTail)
}
