package extract

import (
	"sort"
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// cueText returns the words of the cue.
func (fs *frameScan) cueText(h *cueHit) string {
	return fs.sc.text[fs.toks[h.k].start:fs.toks[h.end-1].end]
}

// findCues finds the reporting cues of the frame.
func (fs *frameScan) findCues() {
	for k := 0; k < len(fs.toks); k++ {
		if !fs.isWord(k) {
			continue
		}
		if n, kind := fs.phraseAt(k); n > 0 && (kind == kb.PhraseAccording || kind == kb.PhraseQuoted) {
			h := cueHit{k: k, end: k + n, content: -1, according: kind == kb.PhraseAccording}
			if h.according {
				h.who, h.right = fs.speakerAfter(k + n)
				h.left, h.inverted = k, true
				// "according to figures published in February, ...".
				for j := h.right; j < len(fs.toks) && j < h.right+6 && fs.isWord(j); j++ {
					if fs.isPunct(j+1, ",") {
						h.right = j + 1
					}
				}
				if fs.isPunct(h.right, ",") {
					h.content = h.right + 1
				}
			} else {
				h.verb = kb.SpeechVerb{Cue: "say", Kind: "say"}
				h.who, h.left = fs.speakerBefore(fs.skipBack(k - 1))
				h.right = fs.skipForward(k + n)
			}
			if h.who != nil {
				fs.cues = append(fs.cues, h)
				k += n - 1
			}
			continue
		}
		if fs.toks[k].m >= 0 && fs.capitalised(k) && fs.mentionEnd(k)-fs.mentionStart(k) > 1 {
			continue // "United States", "Will Doyle": a name, not a cue
		}
		for _, v := range fs.lexAt(k).verbs {
			end := k + 1
			ok := true
			for _, w := range v.Rest {
				if fs.low(end) != w {
					ok = false
					break
				}
				end++
			}
			if !ok || fs.nounUse(k) {
				continue
			}
			h := cueHit{k: k, end: end, verb: v, content: -1}
			fs.attach(&h)
			if h.who != nil {
				fs.cues = append(fs.cues, h)
				k = end - 1
			}
			break
		}
	}
}

// nounUse reports whether the cue word at k is a noun or an adjective
// here: "the report", "his claims", "so-called".
func (fs *frameScan) nounUse(k int) bool {
	switch {
	case fs.low(k-1) == "to" && fs.quoteFollows(k+1):
		return false // "went on to say, "..."": the speaker's words follow
	case (fs.low(k-1) == "that" || fs.low(k-1) == "which") && fs.isWord(k-2) && fs.quoteFollows(k+1):
		return false // "a sign that read "..."": a relative clause
	case fs.is(k-1, qcNounMarker):
		return true
	case k > 0 && fs.toks[k-1].m >= 0 && fs.low(k-1) != "the" &&
		(fs.sc.a.Mentions[fs.toks[k-1].m].Type != news.Person || fs.sc.a.Mentions[fs.toks[k-1].m].Span.End < fs.toks[k-1].end):
		// "a Twitter comment", "a Roe-style retort": a name before the
		// cue word that a determiner opens is the noun's modifier; a
		// person's only inside a compound ("a Twitter spokesman said"
		// names its speaker). "a Times report that ..." still reports
		// the clause it opens.
		switch fs.low(fs.mentionStart(k-1) - 1) {
		case "a", "an", "his", "her", "its", "their", "our", "my", "your":
			return !fs.thatAfter(k + 1)
		}
	case fs.is(k-1, qcCopula):
		// "was said", "is called": passive; "is labeling": the speaker's.
		return !strings.HasSuffix(fs.low(k), "ing")
	}
	if p := fs.low(k - 1); strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "’s") {
		return true
	}
	return false
}

// attach finds the speaker of a verb cue and the extent of its frame.
// When the cue's own reading names no one, a quote that opens the frame
// may be signed by the name after its comma, however long the
// description between them; and a cue whose words take a quote as their
// object ("is labeling the plan "a giveaway"", "ended the rally by
// chanting "..."") is said by the subject of its clause.
func (fs *frameScan) attach(h *cueHit) {
	if fs.afterParenthetical(h.k) && !strings.HasSuffix(fs.low(h.k), "ing") {
		// "Rather, he said, continued struggles will ...": the reported
		// clause opens after the cue's comma.
		return
	}
	if who := fs.signedBefore(h.k); who != nil && fs.relativeRunsTo(who, h.k) {
		// `"...," Jane Roe, who chairs the board said`: the relative
		// clause runs on to the cue without its closing comma, so the
		// noun before the cue is not the speaker.
		h.who, h.left = who, fs.tokenAt(who.span.Start)
		h.right = fs.skipForward(h.end)
		return
	}
	fs.attachSpeaker(h)
	switch {
	case h.who != nil && !h.inverted:
		// "Jane Roe, who chairs the board said": the relative clause
		// runs on to the cue without its closing comma; its antecedent
		// speaks, not the object of its verb.
		if who, i := fs.relativeAntecedent(h.left, h.k, false); who != nil {
			h.who, h.left = who, i
		}
	case fs.isQuote(h.k-1) && fs.quoteEndsWithComma(h.k-1) && (h.who == nil || h.who.pronoun != ""):
		// `Roe, who calls the plan a "disaster," said he ...`: the
		// comma that closes the relative clause stands inside the quote.
		if who, i := fs.relativeAntecedent(h.k, h.k, true); who != nil {
			h.who, h.left, h.inverted, h.content = who, i, false, -1
			h.right = fs.skipForward(h.end)
			if h.verb.That && fs.low(h.right) == "that" && h.right+1 < len(fs.toks) {
				h.content = h.right + 1
			} else if h.verb.Bare && fs.clauseStart(h.right) {
				h.content = h.right
			}
		}
	}
	if h.who == nil {
		// `"...," Nate Silver, the polling guru who founded
		// fivethirtyeight.com, tweeted`: the speaker opens the words
		// between the quote's comma and the cue.
		if who := fs.signedBefore(h.k); who != nil {
			h.who, h.left = who, fs.tokenAt(who.span.Start)
			h.right = fs.skipForward(h.end)
			return
		}
	}
	if h.who != nil || h.verb.Kind == "call" && !fs.is(h.k-1, qcCopula) || !fs.quoteObject(h.end) {
		return
	}
	if who := fs.clauseAgent(h.k); who != nil {
		h.who, h.left, h.right = who, h.k, fs.skipForward(h.end)
	}
}

// signedBefore returns the speaker named right after the comma of a
// quote that opens the frame, when the cue at k follows the speaker's
// description in the same clause: `"...," Jane Roe, who chairs the
// board, said`. It returns nil when the words between hold another
// quote, a sentence end or no name.
func (fs *frameScan) signedBefore(k int) *quoteSpeaker {
	if !fs.isQuote(0) || !fs.quoteEndsWithComma(0) && !fs.quoteEndsWithMark(0) || k > 24 {
		return nil
	}
	from := 1
	if fs.isPunct(from, ",") {
		from++
	}
	for j := from; j < k; j++ {
		if fs.isQuote(j) || fs.isPunct(j, ";") || fs.isPunct(j, ":") {
			return nil
		}
	}
	who, e := fs.speakerAfter(from)
	if who == nil || who.pronoun != "" || e > k || !fs.namedPerson(who) && who.source.Noun == "" {
		return nil
	}
	return who
}

// relativeRunsTo reports whether a relative clause opens right after
// the speaker who and runs without a comma to the cue at token k.
func (fs *frameScan) relativeRunsTo(who *quoteSpeaker, k int) bool {
	e := fs.tokenAt(who.span.End)
	if !fs.isPunct(e, ",") || fs.low(e+1) != "who" && fs.low(e+1) != "which" {
		return false
	}
	for j := e + 2; j < k; j++ {
		if !fs.isWord(j) && !fs.isPunct(j, ".") {
			return false
		}
	}
	return true
}

// relativeAntecedent returns the speaker a relative clause with "who"
// hangs from when the clause runs without a closing comma up to the
// cue's subject at token left, and its first token: in "Jane Roe, who
// chairs the board said", Jane Roe rather than the board. The clause must
// have a verb of its own before the subject; with quotes set it may hold
// a quote. It returns nil and -1 otherwise.
func (fs *frameScan) relativeAntecedent(left, k int, quotes bool) (*quoteSpeaker, int) {
	for r := left - 1; r >= 0 && r >= left-12; r-- {
		if !fs.isWord(r) && !fs.isPunct(r, ".") && !fs.isPunct(r, "-") && !(quotes && fs.isQuote(r)) {
			return nil, -1
		}
		if fs.low(r) != "who" {
			continue
		}
		if r+1 >= left || !fs.isWord(r+1) || fs.capitalised(r+1) || r+1 == k || strings.HasSuffix(fs.low(k), "ing") {
			return nil, -1
		}
		for j := r + 1; j < left; j++ {
			if w := fs.low(j); w == "and" || w == "or" || w == "but" {
				return nil, -1 // "who ... and putting it": the cue is the clause's
			}
		}
		j := r - 1
		if fs.isPunct(j, ",") {
			j--
		}
		who, i := fs.speakerBefore(j)
		if who == nil || who.pronoun != "" || !fs.namedPerson(who) && who.source.Noun == "" {
			return nil, -1
		}
		return who, i
	}
	return nil, -1
}

// nearerPronoun returns the pronoun that is the subject of a clause
// between the speaker who and the cue at token k when it stands for the
// same person, and who otherwise: in "Roe drew cheers as she thanked the
// city and then boomed", she is the nearest words that name the
// speaker.
func (fs *frameScan) nearerPronoun(who *quoteSpeaker, k int) *quoteSpeaker {
	p := fs.subjectOf(k, true)
	if p == nil || p.pronoun != "he" && p.pronoun != "she" || p.span.Start <= who.span.End || who.pronoun != "" {
		return who
	}
	if i := fs.tokenAt(p.span.Start); fs.low(i-1) == "that" {
		return who // "Roe noted that he taught law, and added": the reported clause's
	}
	a, b := fs.sc.resolve(who), fs.sc.resolve(p)
	if a == nil || b == nil || a.Name != b.Name {
		return who
	}
	return p
}

// afterParenthetical reports whether the token k follows the comma
// that closes a cue set off by commas inside its clause: ", he said,".
func (fs *frameScan) afterParenthetical(k int) bool {
	if !fs.isPunct(k-1, ",") {
		return false
	}
	for i := range fs.cues {
		if h := &fs.cues[i]; h.right == k-1 && !h.inverted && (h.verb.That || h.verb.Bare) && fs.isPunct(h.left-1, ",") {
			return true
		}
	}
	return false
}

// tokenAt returns the token that starts at byte offset off, or the
// first after it.
func (fs *frameScan) tokenAt(off int) int {
	return sort.Search(len(fs.toks), func(i int) bool { return fs.toks[i].start >= off })
}

// quoteObject reports whether a quote is the object of the cue that ends
// before token k, after at most seven words of a hearer or an object and
// a comma or a colon: "thanked the mayor for "..."", "tweeted, "..."".
func (fs *frameScan) quoteObject(k int) bool {
	k = fs.skipForward(k)
	for j := k; j < len(fs.toks) && j <= k+8; j++ {
		switch {
		case fs.isQuote(j):
			return true
		case fs.isWord(j) && j < k+7:
		case (fs.isPunct(j, ",") || fs.isPunct(j, ":")) && fs.isQuote(j+1):
		default:
			return false
		}
	}
	return false
}

// clauseAgent returns the subject of the clause that the cue at k
// belongs to: the subject clauseSubject finds, or the noun phrase that
// opens the clause right before a lower-case word ("The Republican
// candidate ended the rally by saying"). It returns nil when neither
// names a speaker.
func (fs *frameScan) clauseAgent(k int) *quoteSpeaker {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch fs.low(j) {
		case "which", "who", "whom", "whose", "where":
			return nil // "..., to which 21 percent said": the relative clause's own subject
		}
	}
	if who := fs.subjectOf(k, true); who != nil {
		return who
	}
	for j := 0; j < k-1; j++ {
		if !fs.isWord(j+1) || fs.capitalised(j+1) || fs.isQuote(j) {
			continue
		}
		who, i := fs.speakerBefore(j)
		if who == nil || who.pronoun != "" && who.pronoun != "he" && who.pronoun != "she" && who.pronoun != "they" {
			continue
		}
		if i == 0 || fs.isPunct(i-1, ",") && fs.clauseBefore(i-1) && fs.is(0, qcOpening) {
			return who
		}
	}
	return nil
}

// attachSpeaker finds the speaker of a verb cue as its grammar reads it.
func (fs *frameScan) attachSpeaker(h *cueHit) {
	k, end := h.k, h.end
	w := fs.low(k)
	participle := strings.HasSuffix(w, "ing") && !strings.HasPrefix(h.verb.Cue, w)
	if participle {
		// "..., saying ...", "..., adding that ...": the speaker of the
		// clause before.
		if fs.is(k-1, qcParticipleLead) {
			// "... looping the streets while chanting, "...""; "When she
			// sat down she opened by saying, "..."".
			if h.who = fs.subjectOf(k, true); h.who != nil {
				h.left, h.right = k, fs.skipForward(end)
			}
			return
		}
		if !fs.isPunct(k-1, ",") && fs.low(k-1) != "and" {
			// "footage of Doe asking, "...?"": the words before speak
			// when a quote follows.
			q := fs.skipForward(end)
			if fs.isPunct(q, ",") || fs.isPunct(q, ":") {
				q++
			}
			if !fs.isQuote(q) {
				return
			}
			// "with the coach reportedly shouting: "..."": past the
			// adverb.
			h.who, h.left = fs.speakerBefore(fs.skipBack(k - 1))
			if h.who != nil && h.who.source.Noun == "" && (h.who.mention >= 0 || h.who.name != "") {
				h.right = fs.skipForward(end)
			} else if h.who = nil; fs.is(k-1, qcPrepPhrase) || fs.low(k-1) == "by" || fs.low(k-1) == "as" || fs.is(fs.skipNounPhraseBack(k-1), qcNounMarker) {
				// "... began by saying, "..."", "she released a statement
				// saying, "..."": the clause's subject.
				if h.who = fs.subjectOf(k, true); h.who != nil {
					h.left, h.right = k, fs.skipForward(end)
				}
			}
			return
		}
		for i := len(fs.cues) - 1; i >= 0; i-- {
			if fs.cues[i].who != nil {
				h.who, h.left = fs.cues[i].who, k
				break
			}
		}
		if who := fs.clauseSubject(k); h.who != nil && who != nil && who.span.Start > h.who.span.End && (who.pronoun == "he" || who.pronoun == "she") {
			// "Although Roe thanked them, she sounded a rare note,
			// saying ...": the subject of the nearest clause.
			h.who = who
		}
		if h.who == nil {
			if who := fs.clauseSubject(k); who != nil {
				h.who, h.left = fs.nearerPronoun(who, k), k
			}
		}
	} else {
		b := fs.skipBack(k - 1)
		inv := h.verb.Invert && (b < 0 || fs.isPunct(b, ",") || fs.isQuote(b) || fs.isPunct(b, "—"))
		if inv {
			// "Smith, reading the speech, asked the crowd "...?"": the
			// hearer of a quote, not its speaker.
			if who, right := fs.speakerAfter(fs.skipForward(end)); who != nil && fs.endsClause(fs.skipModifier(right)) && !(h.verb.Audience && fs.quoteFollows(right)) {
				right = fs.skipModifier(right)
				h.who, h.inverted, h.left = who, true, k
				end = right
			}
		}
		if who, i := fs.nominalBefore(b); who != nil && fs.nominalHead(i, b) < b && !fs.lexAt(fs.nominalHead(i, b)).isSource {
			// `"...," the pitch on Kickstarter says`: a described
			// subject placed by a phrase, not the name inside it.
			h.who, h.left = who, i
		}
		if h.who == nil {
			h.who, h.left = fs.speakerBefore(b)
		}
		if h.who == nil {
			h.who, h.left = fs.nominalBefore(b)
		}
		if h.who == nil && b == k-1 && fs.capitalised(b) && (fs.isQuote(b-1) || fs.isPunct(b-1, ",") && fs.isQuote(b-2)) {
			// `"...," From said`: a capitalised word between a quote and
			// its cue is a name, even one that is a common word.
			h.who = &quoteSpeaker{span: fs.spanOf(b, b+1), mention: fs.toks[b].m, name: fs.word(b), of: -1}
			h.left = b
		}
		if h.who == nil && fs.low(b) == "to" && fs.quoteFollows(end) {
			// "... was prompted to say, "..."": the clause's subject.
			if h.who = fs.subjectOf(k, true); h.who != nil {
				h.left = k
			}
		}
		if h.who == nil && b >= 1 && fs.nominal(0, b) && fs.quoteFollows(end) {
			// `The email said: "..."`: a described subject opens the
			// clause.
			h.who, h.left = fs.nominalSpeaker(0, b), 0
		}
		if h.who == nil && (fs.low(b) == "and" || fs.low(b) == "but") {
			// "... supports the plan but has said she will ...": the
			// subject of the first verb.
			if h.who = fs.clauseSubject(b); h.who != nil {
				h.who, h.left = fs.nearerPronoun(h.who, b), k
			}
		}
		if h.who == nil && (fs.low(b) == "that" || fs.low(b) == "which") && fs.quoteFollows(end) {
			// "a sign that read "..."", "a statement which said, "..."":
			// the antecedent speaks.
			j := b - 1
			if fs.isPunct(j, ",") || fs.isPunct(j, "—") {
				j--
			}
			if who, left := fs.speakerBefore(j); who != nil && who.pronoun == "" {
				h.who, h.left = who, left
			}
		}
		if h.who == nil && fs.low(b) == "who" {
			// "a letter from Jane Roe who wrote, "..."": the relative
			// pronoun's antecedent speaks.
			j := b - 1
			if fs.isPunct(j, ",") {
				j--
			}
			if who, left := fs.speakerBefore(j); who != nil && who.mention >= 0 && fs.sc.a.Mentions[who.mention].Type == news.Person {
				h.who, h.left = who, left
			} else if n0, n1 := fs.lastName(max(j-3, 0), j+1); who != nil && who.mention < 0 && n1 == j+1 && n1-n0 >= 2 {
				// A name the recogniser does not know: its capitalised
				// words.
				h.who = &quoteSpeaker{span: fs.spanOf(n0, n1), mention: -1, name: fs.sc.text[fs.toks[n0].start:fs.toks[n1-1].end], of: -1}
				h.left = n0
			}
		}
		if h.who != nil && h.verb.Kind == "call" && h.who.source.Noun != "" {
			h.who = nil // "a group called ...": a name, not a speaker
			return
		}
	}
	if h.who == nil {
		return
	}
	j := fs.skipForward(end)
	if h.verb.Audience && !h.inverted {
		j = fs.skipForward(fs.skipAudience(j))
	}
	h.right = j
	switch {
	case h.verb.That && fs.low(j) == "that" && j+1 < len(fs.toks):
		h.content = j + 1
	case h.verb.Bare && fs.clauseStart(j):
		h.content = j
	}
}
