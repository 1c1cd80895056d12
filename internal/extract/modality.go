package extract

import (
	"strings"

	"chronicle/internal/news"
)

// clauseMods finds negation and modality for the trigger whose verb group
// starts at vg and whose head is h.
func (s *evSentence) clauseMods(vg, h int, nominal bool) (negated bool, modality string) {
	for j := vg; j < h; j++ {
		t := &s.toks[j]
		switch {
		case t.is(tNEG) || t.is(tNEGV):
			negated = true
		case t.is(tFUT):
			modality = ModalityPlanned
		case t.is(tHYPO) && t.is(tMODAL):
			if modality == "" {
				if t.low == "would" || t.low == "'d" {
					if s.reported >= 0 && s.reported < j {
						modality = ModalityPlanned
					} else {
						modality = ModalityHypothetical
					}
				} else {
					modality = ModalityHypothetical
				}
			}
		case t.is(tPLAN) && !t.is(tADV):
			if modality == "" {
				modality = ModalityPlanned
			}
		}
	}
	if nominal {
		// "no talks", "without talks", "a planned attack", "possible strikes"
		for j := h - 1; j >= 0 && j >= h-3; j-- {
			t := &s.toks[j]
			switch {
			case t.low == "no" || t.low == "without":
				negated = true
			case t.is(tPLAN) && t.is(tPAST):
				modality = ModalityPlanned
			case t.is(tHYPO) && !t.is(tMODAL):
				modality = ModalityHypothetical
			}
			if t.is(evClosedClass) && !t.is(tDET) {
				break
			}
		}
	}
	// a condition earlier in the clause: "if X attacks, ..."
	for j := vg - 1; j >= 0; j-- {
		t := &s.toks[j]
		if t.is(tCOND) {
			return negated, ModalityConditional
		}
		if t.low == ";" || t.low == "." {
			break
		}
	}
	// "unless" / "if" after the trigger makes it conditional too
	for j := h + 1; j < len(s.toks); j++ {
		if s.toks[j].is(tCOND) || s.toks[j].low == "unless" {
			if modality != ModalityConditional {
				modality = ModalityConditional
			}
			break
		}
		if s.toks[j].low == ";" {
			break
		}
	}
	return negated, modality
}

// subordinate reports whether the trigger whose verb group starts at vg
// stands in a clause that only gives background to the sentence: a
// relative clause ("who were taken hostage", "in which 20 were killed"),
// an adverbial clause ("if it is attacked", "until a government takes
// over", "as the opposition threatened") or a reported aside (", saying
// he would ...").
func (s *evSentence) subordinate(vg int) bool {
	for k := vg - 1; k >= 0; k-- {
		t := &s.toks[k]
		switch {
		case t.low == ";" || t.low == ":" || t.low == "but":
			// "..., but was still refusing entry": "but" opens a
			// clause of the same rank
			return false
		case t.is(tREL) && !t.is(tDET) || t.low == "where":
			return true
		case t.low == "that":
			// "said on Sunday that ..." opens reported content; "a plan
			// that will not allow" a relative clause.
			j := k - 1
			for j >= 0 && (s.toks[j].is(tTIME|tDATE|tADV|tPREP) || s.toks[j].low == ",") {
				j--
			}
			return j >= 0 && s.toks[j].mention < 0 && !s.toks[j].is(tREPORT|tVERB|tPAST)
		case t.is(tSUB) && !t.is(tPREP) || t.is(tCOND) || t.low == "unless" || t.low == "until":
			return !(k+1 < len(s.toks) && s.toks[k+1].is(tING)) // "after meeting X" is no clause
		case t.is(tSUB) && t.is(tPREP) && k+1 < vg && !s.toks[k+1].is(tING) && s.toks[vg].low != "to" && !s.commaBetween(k, vg):
			// "expelled the inspectors after U.S. officials alleged
			// that ...": a clause with its own subject; "After 12 days
			// of battles, X declared" ends at the comma.
			return true
		case t.is(tREPORT) && t.is(tING) && k > 0 && s.toks[k-1].low == ",":
			return true
		case t.low == "saying" || t.low == "adding":
			return k > 0 && s.toks[k-1].low == ","
		}
		if t.mention < 0 && t.is(tVERB) && !t.is(tNOUN) && k < vg-1 && !t.is(tING) {
			return false // another finite verb: the trigger's clause is the main one
		}
	}
	return false
}

// conditionAfter reports whether an "unless" or "if" follows the trigger
// at h in its sentence.
func (s *evSentence) conditionAfter(h int) bool {
	for j := h + 1; j < len(s.toks); j++ {
		if s.toks[j].is(tCOND) || s.toks[j].low == "unless" {
			return true
		}
	}
	return false
}

// imperative reports whether the verb group starting at vg with head h
// opens the sentence in the base form, an address to the reader
// ("Welcome to our live coverage", "Follow our updates"): no act of
// anyone. A headline verb takes the third person ("Zelenskiy meets
// Starmer") and has its subject before it.
func (s *evSentence) imperative(vg, h int) bool {
	if vg != 0 || h != 0 {
		return false
	}
	t := &s.toks[h]
	return !t.is(tPAST|tING) && !strings.HasSuffix(t.low, "s")
}

// decision reports whether acts of type t are decisions only an actor
// takes: agreeing, conceding, rejecting, supporting.
func decision(t news.EventType) bool {
	switch t {
	case news.Agree, news.Concede, news.Reject, news.Support:
		return true
	}
	return false
}

// thingSubject reports whether the clause before the verb group at vg
// opens with a definite noun phrase that names no actor: "The proposal",
// "The new offer", not "The ministers" (a mention) or "Gunmen" (a word
// for people).
func (s *evSentence) thingSubject(vg int) bool {
	if vg < 2 || vg > 3 || !s.toks[0].is(tDET) {
		return false
	}
	for k := 1; k < vg; k++ {
		t := &s.toks[k]
		if t.mention >= 0 || t.is(evClosedClass|tPERSONN|tROLE|tCAP|tNUM|tNUMW|tPRON|tDATE|tTIME) {
			return false
		}
	}
	return true
}

// refusal reports whether the verb group from vg to the head h negates a
// modal of will or ability ("will not", "won't", "would not", "cannot"):
// a refusal stated now, not the absence of an act.
func (s *evSentence) refusal(vg, h int) bool {
	for j := vg; j < h; j++ {
		t := &s.toks[j]
		if t.is(tMODAL) && t.is(tNEG) {
			return true // "cannot"
		}
		if t.is(tMODAL) && !t.is(tOBLIG) && j+1 < h && s.toks[j+1].is(tNEG) && t.low != "could" && t.low != "might" && t.low != "may" {
			return true
		}
	}
	return false
}

// refusalMode returns the REJECT mode for the refusal of an act of type t.
func refusalMode(t news.EventType) string {
	if t == news.Concede {
		return "yield"
	}
	return ""
}

// commaBetween reports whether a comma stands between tokens i and j.
func (s *evSentence) commaBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if s.toks[k].low == "," {
			return true
		}
	}
	return false
}
