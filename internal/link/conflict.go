package link

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"chronicle/internal/news"
)

// Look-alike happenings (two boxing title defences, two Oscar hosts
// named, two attacks in one city) share most of their words and many of
// their names, so similarity alone joins them. What tells them apart are
// the details each report states of its own happening up front: which
// one (the sixth round or the seventh, the 81st ceremony or the 86th) and
// who (the lead of each names someone the other's opening does not).
// Reports of one happening state the same details or leave them out.
// A segment keeps the details its head states as facts, and conflict
// weakens the similarity of two segments whose facts disagree.
//
// Other details were measured on the look-alike pairs of ECB+ and left
// out because reports of one story disagree on them as often as reports
// of two: explicit dates (a story's follow-ups come months or years
// later), counts (tolls and tallies change, and numbers in a lead count
// many things), ages (of victims, suspects and officials) and towns (a
// lead names the town of the happening, or of the agency reporting it).

// factKind is what a fact states.
type factKind uint8

// Kinds of facts.
const (
	factOrdinal  factKind = iota + 1 // the nth of something; key is the hash of the thing
	factLeadName                     // a person the segment's lead names; val is the hash of the surname
	factHeadName                     // a person the segment's head names; val is the hash of the surname
)

// fact is one detail a segment states.
type fact struct {
	kind factKind
	key  uint64
	val  int64
}

func compareFacts(a, b fact) int {
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.val, b.val)
}

// Limits of the facts of a segment.
const (
	headWords = 50 // words of a segment's head: its headline, date line and lead
	maxFacts  = 32 // facts kept per segment
)

// parseOrdinals parses ordinals.tsv: the ordinals written as words.
func parseOrdinals(file string) (map[string]int64, error) {
	out := map[string]int64{}
	n := 0
	for line := range dataLines(file) {
		n++
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			return nil, fmt.Errorf("ordinals.tsv line %d: want 2 tab-separated fields, have %d", n, len(f))
		}
		v, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("ordinals.tsv line %d: value %q is not a positive number", n, f[1])
		}
		out[f[0]] = v
	}
	return out, nil
}

// ordinalOf returns n for a word that is an ordinal: "81st", "seventh".
func (k *knowledge) ordinalOf(w string) (int64, bool) {
	if v, ok := k.ordinals[w]; ok {
		return v, true
	}
	if len(w) < 3 || !isDigit(w[0]) {
		return 0, false
	}
	switch w[len(w)-2:] {
	case "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	v, err := strconv.ParseInt(w[:len(w)-2], 10, 64)
	if err != nil || v <= 0 {
		return 0, false
	}
	return v, true
}

// headEnd returns the byte offset at which the head of a segment ends:
// after its first headWords words. The head holds the headline, the date
// line and the lead, which state the details of the happening reported;
// later paragraphs bring in background and earlier happenings.
func headEnd(toks []token, span news.Span) int {
	n := 0
	for _, t := range toks {
		if t.start < span.Start {
			continue
		}
		if t.start >= span.End {
			break
		}
		if n++; n > headWords {
			return t.start
		}
	}
	return span.End
}

// facts returns the details the head of a segment states: the ordinals
// of things ("the 86th Oscars", "the seventh round"), the people its lead
// names and the people its head names. lead is where the segment's lead
// ends (see leadEnd).
func (k *knowledge) facts(a *news.Article, toks []token, span news.Span, lead int) []fact {
	head := headEnd(toks, span)
	var out []fact
	var prev *token
	for i := range toks {
		t := &toks[i]
		if t.start < span.Start {
			continue
		}
		if t.start >= head {
			break
		}
		if prev != nil {
			if n, ok := k.ordinalOf(prev.text); ok && adjacent(a.Text, prev, t) {
				if w := stem(t.text); len(w) >= 3 && !k.stop[w] && !isDigit(w[0]) {
					out = append(out, fact{kind: factOrdinal, key: hashString(w), val: n})
				}
			}
		}
		prev = t
	}
	for _, m := range a.Mentions {
		if m.Type != news.Person || m.Span.Start < span.Start || m.Span.Start >= head || m.Ref >= 0 || !hasUpper(m.Text) {
			continue
		}
		name := surname(m.Text)
		if name == "" || k.stop[stem(strings.ToLower(m.Text))] {
			continue // a pronoun ("She") names no one in particular
		}
		h := int64(hashString(name) >> 1)
		out = append(out, fact{kind: factHeadName, val: h})
		if m.Span.Start < lead {
			out = append(out, fact{kind: factLeadName, val: h})
		}
	}
	slices.SortFunc(out, compareFacts)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return slices.Clip(out[:min(len(out), maxFacts)])
}

// adjacent reports whether token b follows token a within one phrase:
// only spaces or a hyphen between them ("86th Oscars", "7th-round").
func adjacent(text string, a, b *token) bool {
	between := text[min(a.start+len(a.text), b.start):b.start]
	return len(between) <= 3 && strings.Trim(between, " -") == ""
}

// surname returns the last word of a person's name, lower case: the part
// of the name that later mentions and other reports repeat.
func surname(name string) string {
	f := strings.Fields(strings.ToLower(name))
	for len(f) > 0 {
		w := strings.Trim(f[len(f)-1], ".,'’\"")
		switch w {
		case "jr", "sr", "ii", "iii", "":
			f = f[:len(f)-1]
			continue
		}
		return w
	}
	return ""
}

// Penalties of disagreements: how much each takes off the similarity of
// two segments. A penalty weakens a link rather than vetoing it: reports
// of one happening that share most of their names and words stay linked
// through a stray ordinal or a lead that names a spokesman.
const (
	penaltyOrdinal = 0.2
	penaltyName    = 0.1
)

// conflict returns how much the facts of two segments, sorted, weaken
// their similarity: the penalties of the kinds of facts they disagree on.
func conflict(a, b []fact) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var p float64
	if ordinalsDisagree(a, b) {
		p += penaltyOrdinal
	}
	if namesDisagree(a, b) {
		p += penaltyName
	}
	return p
}

// ordinalsDisagree reports whether two segments state ordinals of the
// same thing, and differ on one thing and agree on none: "the 81st
// Academy Awards" and "the 86th Oscars ... the 86th Academy Awards".
func ordinalsDisagree(a, b []fact) bool {
	fa, fb := ofKind(a, factOrdinal), ofKind(b, factOrdinal)
	differ := false
	for i := 0; i < len(fa); {
		j := i
		for j < len(fa) && fa[j].key == fa[i].key {
			j++
		}
		var other []fact
		for _, y := range fb {
			if y.key == fa[i].key {
				other = append(other, y)
			}
		}
		if len(other) > 0 {
			if shareValue(fa[i:j], other) {
				return false
			}
			differ = true
		}
		i = j
	}
	return differ
}

// namesDisagree reports whether the lead of each segment names people
// and none of them is named in the other's head: the reports follow
// different people.
func namesDisagree(a, b []fact) bool {
	la, lb := ofKind(a, factLeadName), ofKind(b, factLeadName)
	ha, hb := ofKind(a, factHeadName), ofKind(b, factHeadName)
	return len(la) > 0 && len(lb) > 0 && !shareValue(la, hb) && !shareValue(lb, ha)
}

// ofKind returns the facts of a kind in fs, which is sorted.
func ofKind(fs []fact, kind factKind) []fact {
	i, _ := slices.BinarySearchFunc(fs, kind, func(f fact, k factKind) int { return cmp.Compare(f.kind, k) })
	j := i
	for j < len(fs) && fs[j].kind == kind {
		j++
	}
	return fs[i:j]
}

// shareValue reports whether a fact of a has the value of a fact of b.
func shareValue(a, b []fact) bool {
	for _, x := range a {
		for _, y := range b {
			if x.val == y.val {
				return true
			}
		}
	}
	return false
}
