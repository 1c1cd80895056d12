package extract

import "strings"

// Speakers that a sentence names without a reporting verb of their own:
// the source a heading credits ("From the report:", "A lesson from Jane
// Roe:"), the source noun that opens a main clause after an opening one,
// and the sentence adverbs that are no names.

// fromSpeaker returns the source a heading of the form "From X:", "More
// from X and Y:" or "A lesson from X:" credits with the quote after the
// colon at token c, or nil.
func (fs *frameScan) fromSpeaker(c int) *quoteSpeaker {
	who, i := fs.speakerBefore(c - 1)
	if who == nil || who.pronoun != "" {
		return nil
	}
	if fs.low(i-1) == "and" {
		// "More from Roe and Doe:": the pair.
		other, j := fs.speakerBefore(i - 2)
		if other == nil || other.pronoun != "" {
			return nil
		}
		pair := *who
		pair.span.Start, i = other.span.Start, j
		who = &pair
	}
	if fs.low(i-1) != "from" {
		return nil
	}
	// "From X:", "More from X:", "A lesson from X:": at most three
	// words without a verb open the frame before "from".
	p := i - 2
	for n := 0; n < 3 && p >= 0 && fs.isWord(p) && !fs.isVerbLike(p) && !strings.HasSuffix(fs.low(p), "ed"); n++ {
		p--
	}
	if p >= 0 && fs.toks[p].kind != tokPunct {
		return nil
	}
	return who
}

// sourceHeadAt returns the source noun that ends a short noun phrase of
// lower-case words opening at token i with a definite determiner ("his
// campaign", "the state's election officials"), or -1.
func (fs *frameScan) sourceHeadAt(i int) int {
	switch fs.low(i) {
	case "his", "her", "its", "their", "the":
	default:
		return -1
	}
	for j := i + 1; j < len(fs.toks) && j < i+4; j++ {
		w := fs.low(j)
		if !fs.isWord(j) || fs.capitalised(j) || fs.toks[j].m >= 0 || fs.isVerbLike(j) || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
			return -1
		}
		if fs.lexAt(j).isSource {
			return j
		}
	}
	return -1
}

// sentenceAdverb reports whether the word w may be an adverb that opens
// a sentence before its comma ("Likewise, ...", "Similarly, ..."), not
// a name. Short words in -ly are names as often ("Kelly, ...").
func sentenceAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "wise") || len(w) >= 7 && strings.HasSuffix(w, "ly")
}
