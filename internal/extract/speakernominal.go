package extract

import "chronicle/internal/kb"

// Speakers named by a description rather than a name or a source noun:
// `"...," the retired teacher said`, `said a former campaign staffer`,
// `"...?" a staffer in the room wondered`.

// nominalBefore returns the speaker of a cue whose subject is a noun
// phrase the source nouns lack, standing right after a quote and ending
// at token j: `"...," the retired teacher said`. It returns nil and -1
// when there is none.
func (fs *frameScan) nominalBefore(j int) (*quoteSpeaker, int) {
	for i := j - 1; i >= 0 && i >= j-9; i-- {
		if !fs.isWord(i) {
			return nil, -1
		}
		if !isNominalDeterminer(fs.low(i)) {
			continue
		}
		if !fs.isQuote(i-1) && !(fs.isPunct(i-1, ",") && fs.isQuote(i-2)) {
			if i >= j-5 {
				continue // "the room" in "a staffer in the room"
			}
			return nil, -1
		}
		if fs.nominal(i, j) {
			return fs.nominalSpeaker(i, j), i
		}
		// `"...?" a staffer in the room wondered`: the head and the
		// phrase that places it.
		if h := fs.nominalHead(i, j); h < j {
			who := fs.nominalSpeaker(i, h)
			who.span.End = fs.toks[j].end
			return who, i
		}
		return nil, -1
	}
	return nil, -1
}

// nominalHead returns the head of the described speaker that opens at
// token i and ends at token j: the last word before its placing phrase
// ("the pitch on Kickstarter"), or j.
func (fs *frameScan) nominalHead(i, j int) int {
	for m := i + 2; m < j && m <= i+6; m++ {
		if fs.is(m, qcModifier) && fs.nominal(i, m-1) {
			return m - 1
		}
	}
	return j
}

// nominal reports whether tokens [i, j] are a noun phrase that names a
// speaker by a description: a determiner, then words that are no verbs
// nor clause words, ending in a lower-case head that is no pronoun.
func (fs *frameScan) nominal(i, j int) bool {
	if j <= i || j-i > 5 || !isNominalDeterminer(fs.low(i)) || fs.capitalised(j) || fs.isPronoun(j) {
		return false
	}
	for k := i + 1; k <= j; k++ {
		if !fs.isWord(k) || fs.isVerbLike(k) || fs.is(k, qcNPStop) || isNominalDeterminer(fs.low(k)) {
			return false
		}
	}
	return true
}

// nominalSpeaker returns the speaker a nominal phrase [i, j] names.
func (fs *frameScan) nominalSpeaker(i, j int) *quoteSpeaker {
	src := kb.SpeechSource{Noun: fs.low(j), Kind: kb.SourcePerson}
	return &quoteSpeaker{span: fs.spanOf(i, j+1), mention: fs.mentionIn(i, j), source: src, name: fs.word(j), of: -1}
}

// isNominalDeterminer reports whether w opens a descriptive noun phrase.
func isNominalDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "another", "one", "this":
		return true
	}
	return false
}
