package extract

// scopeBreak reports whether token k ends a clause for role search:
// semicolons, colons, dashes, subordinators, "but", relative pronouns
// that open a new clause and reporting verbs of a trailing attribution.
func (s *evSentence) scopeBreak(k int) bool {
	t := &s.toks[k]
	switch t.low {
	case ";", ":", "?", "!", "\u2013", "\u2014", "\"", "\u201c", "\u201d":
		return true
	case "which", "who", "whom", "whose", "where", "while", "whereas", "although", "though", "but", "because":
		return true
	}
	return t.is(tREPORT) && t.low != "according" && !t.is(tNOUN) && !s.attributive(k)
}

// attributive reports whether the reporting verb at k is a participle
// that modifies the noun after it: "the alleged crimes", "into reported
// abuses", "their claimed victory".
func (s *evSentence) attributive(k int) bool {
	if k < 1 || k+1 >= len(s.toks) {
		return false
	}
	p, n := &s.toks[k-1], &s.toks[k+1]
	return p.is(tDET|tPOSS|tPREP) && !p.is(tCOMP) && !n.is(evClosedClass|tREPORT) && (!n.is(tVERB) || n.is(tNOUN))
}

// nounUse reports whether the words [first, last] that a verb pattern
// matched are a noun: after an article, a demonstrative or a possessive
// ("these jails", "their raid") or a preposition other than "to" ("in
// jails", "of raids"), or, in a form that is no participle,
// right before "has" or a modal ("the district jail has").
func (s *evSentence) nounUse(first, last int) bool {
	if first > 0 {
		p := &s.toks[first-1]
		switch p.low {
		case "a", "an", "the", "this", "these", "those":
			return true
		}
		if p.is(tPOSS) {
			return true
		}
		if (p.is(tPREP) && !p.is(tAPPROX) && p.low != "to" || p.low == "as") && !s.toks[first].is(tING|tPAST) {
			return true // "as temporary jails", "in jails"
		}
	}
	if last+1 < len(s.toks) && !s.toks[last].is(tPAST|tING) {
		n := &s.toks[last+1]
		return n.is(tHAVE|tMODAL) && !n.is(tNEG)
	}
	return false
}

// verbGroupStart returns the first token of the verb group whose head is
// h: auxiliaries, modals, negation, adverbs, "to" and the planning or
// failing verbs before an infinitive ("is expected to", "failed to",
// "has not been able to").
func (s *evSentence) verbGroupStart(h int) int {
	j := h
	for j > 0 {
		t := &s.toks[j-1]
		if t.is(tBE|tHAVE|tDO|tMODAL|tNEG|tADV|tPLAN|tNEGV) && !t.is(tDET|tPREP|tCONJ) || t.low == "to" || t.low == "been" || t.low == "got" || t.low == "get" || t.low == "able" {
			j--
			continue
		}
		break
	}
	return j
}

// reducedRelative reports whether token k is a noun that an -ing form
// right after it modifies.
func (s *evSentence) reducedRelative(k int) bool {
	t := &s.toks[k]
	return t.mention >= 0 || !t.is(evClosedClass|tREPORT|tTIME|tNUM|tNUMW) && !t.is(tVERB|tPAST) && t.low != ","
}

// finiteBefore reports whether tokens [i, j) before a noun trigger hold a
// finite -ed or -ing verb the dictionary does not know, which the noun is
// then the object of: "continued their hunger strike", "are continuing a
// strike"; not a participle modifier ("a planned strike").
func (s *evSentence) finiteBefore(i, j int) bool {
	for k := max(i, 1); k < j; k++ {
		t := &s.toks[k]
		if t.is(tPAST|tING) && t.mention < 0 && !t.is(evClosedClass|tCAP) && !s.toks[k-1].is(tDET|tPOSS|tNUM|tNUMW|tPREP) {
			return true
		}
	}
	return false
}

// coordinatedVerb returns the head of the verb phrase that the one whose
// verb group starts at vg is coordinated with by "and" ("is
// investigating crimes and will bring suspects to trial"), or -1 when
// "and" does not stand right before the group or no finite verb stands
// before it in the clause.
func (s *evSentence) coordinatedVerb(vg int) int {
	if vg < 2 || s.toks[vg-1].low != "and" {
		return -1
	}
	for k := vg - 2; k >= 0; k-- {
		t := &s.toks[k]
		if t.low == ";" || t.low == ":" || t.is(tSUB|tREL) && !t.is(tPREP|tDET) {
			return -1
		}
		if t.mention >= 0 || t.is(tCAP) {
			continue
		}
		if t.is(tVERB) && !t.is(tNOUN) && (k == 0 || !s.toks[k-1].is(tDET|tPOSS)) || t.is(tBE|tHAVE|tMODAL) && !t.is(tPREP) {
			if r := s.reportingVerbOf(k); r >= 0 {
				return r
			}
			return k
		}
	}
	return -1
}

// newPhrase reports whether tokens [i, j) hold a determiner after a word
// that is not one: the start of a second noun phrase ("reports the").
func (s *evSentence) newPhrase(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if s.toks[k].is(tDET) && !s.toks[k].is(tREL) && !s.toks[k-1].is(tDET|tPREP|tPOSS|tNUM|tNUMW|tAPPROX) {
			return true
		}
	}
	return false
}

// sendingVerb reports whether w is a form of a verb that sends people
// somewhere: "sent", "dispatched", "deployed".
func sendingVerb(w string) bool {
	switch w {
	case "send", "sends", "sent", "sending", "dispatch", "dispatches", "dispatched", "dispatching":
		return true
	}
	return false
}

// sendPurpose finds, for a verb group starting with "to" at vg, the
// sending verb whose purpose it states ("X sent experts to Y to
// investigate"): it returns the sending verb and the unit of the
// destination after "to", or -1 when the group is no such purpose.
func (s *evSentence) sendPurpose(vg int) (int, *evUnit) {
	if s.toks[vg].low != "to" {
		return -1, nil
	}
	for k := vg - 1; k >= 0 && k >= vg-15; k-- {
		t := &s.toks[k]
		if s.scopeBreak(k) || t.low == "," || t.is(tSUB|tREL) && !t.is(tPREP|tDET) {
			return -1, nil
		}
		if t.mention >= 0 || !sendingVerb(t.low) {
			continue
		}
		for j := k + 1; j+1 < vg; j++ {
			if s.toks[j].low == "to" && s.toks[j+1].mention >= 0 {
				u := s.unitAt(j + 1)
				return k, &u
			}
		}
		return k, nil
	}
	return -1, nil
}

// participleModifier reports whether the verb trigger spanning tokens
// [first, last] is a past participle that describes the noun before it
// rather than a finite verb: "the channel, disputed by both states",
// "migrants ordered out of the country".
func (s *evSentence) participleModifier(first, last int) bool {
	if first == 0 || last+2 >= len(s.toks) || !s.toks[first].is(tPAST) || s.toks[first].is(tBE|tHAVE) {
		return false
	}
	next, after := s.toks[last+1].low, s.toks[last+2].low
	switch {
	case s.toks[first-1].low == ",":
		return next == "by" && first >= 2 && !s.toks[first-2].is(evClosedClass)
	case first == last && (next == "out" || next == "away") && (after == "of" || after == "from"):
		p := &s.toks[first-1]
		return p.mention >= 0 || p.is(tNOUN|tCAP) && !p.is(evClosedClass)
	}
	return false
}
