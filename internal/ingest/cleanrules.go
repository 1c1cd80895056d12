package ingest

import (
	"cmp"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file compiles cleaning.rules: the rule file format is documented at
// its top. Besides the regular expressions it works out, for each rule, the
// literals a match must begin with or contain, so that a line is handed to
// a regular expression only when it can match.

// cleanRule is one compiled rule of cleaning.rules.
type cleanRule struct {
	kind   string
	name   string
	re     *regexp.Regexp   // anchored at the start; at the end too for whole-line kinds
	groups map[string][]int // group name → subexpression numbers (names repeat across alternatives)
	lead   ruleLead
	must   string // a literal in every match (of inline rules and rules without a literal prefix)
	mustAt int    // the offset of must's rarest byte, which is searched for
}

// group returns the text of the first participating group called name in
// the submatch m of s, or "".
func (r *cleanRule) group(s string, m []int, name string) string {
	for _, i := range r.groups[name] {
		if m[2*i] >= 0 {
			return s[m[2*i]:m[2*i+1]]
		}
	}
	return ""
}

// ruleTable finds the rules of one kind that may match a line: those with
// a literal prefix the line begins with (ignoring ASCII case), found by a
// walk of a trie of the prefixes, and those with a match that begins with
// no literal, filed under the bytes such a match may begin with.
type ruleTable struct {
	rules []*cleanRule
	other [256][]int32 // by lower-cased first byte
	trie  []trieNode   // trie[0] is the root
}

type trieNode struct {
	edges []trieEdge
	rules []int32 // rules with a literal prefix that ends here
}

type trieEdge struct {
	b  byte
	to int32
}

func (t *ruleTable) add(r *cleanRule) {
	i := int32(len(t.rules))
	t.rules = append(t.rules, r)
	for b := range 256 {
		if r.lead.other[b] {
			t.other[b] = append(t.other[b], i)
		}
	}
	if len(t.trie) == 0 {
		t.trie = []trieNode{{}}
	}
	for _, lit := range r.lead.lits {
		n := int32(0)
		for j := range len(lit) {
			next := t.child(n, lit[j])
			if next < 0 {
				next = int32(len(t.trie))
				t.trie = append(t.trie, trieNode{})
				t.trie[n].edges = append(t.trie[n].edges, trieEdge{lit[j], next})
			}
			n = next
		}
		if !slices.Contains(t.trie[n].rules, i) {
			t.trie[n].rules = append(t.trie[n].rules, i)
		}
	}
}

func (t *ruleTable) child(n int32, b byte) int32 {
	for _, e := range t.trie[n].edges {
		if e.b == b {
			return e.to
		}
	}
	return -1
}

// candidates appends to buf the indexes in t.rules, in file order, of the
// rules that may match s.
func (t *ruleTable) candidates(s string, buf []int32) []int32 {
	if s == "" || len(t.rules) == 0 {
		return buf
	}
	buf = append(buf, t.other[lowerASCII(s[0])]...)
	n := int32(0)
	for i := 0; ; i++ {
		buf = append(buf, t.trie[n].rules...)
		if i == len(s) {
			break
		}
		if n = t.child(n, lowerASCII(s[i])); n < 0 {
			break
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// inlineTrigger is a literal whose occurrences, in any ASCII case, start
// the inline rules that begin with it.
type inlineTrigger struct {
	lit   string // ASCII lower-cased
	rules []*cleanRule
}

// inlineRoot is a set of literals, with one first byte, that begin the
// literals of some inline triggers: where one is found, those triggers
// are tried.
type inlineRoot struct {
	lits     []string // ASCII lower-cased
	at       int      // offset of the byte searched for (the same in every literal)
	word     bool     // the literals start with a letter: match only at a word start
	triggers []inlineTrigger
}

// clockZone is a time zone named in time stamps.
type clockZone struct {
	offset int    // standard offset from UTC, seconds
	dst    string // "", "eu" or "us"
}

// parseCleaningRules compiles a rule file in the format of cleaning.rules.
func parseCleaningRules(src string) (*Cleaner, error) {
	c := &Cleaner{words: map[string]map[string]bool{}, zones: map[string]clockZone{}}
	defs := map[string]string{}
	triggers := map[string]*inlineTrigger{}
	var byFirst [256][]inlineTrigger
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		kind, rest := cutField(line)
		name, arg := cutField(rest)
		if name == "" || arg == "" {
			return nil, fmt.Errorf("cleaning rules line %d: want KIND NAME PATTERN", n+1)
		}
		var err error
		switch kind {
		case "define":
			defs[name], err = expandDefines(arg, defs)
		case "words":
			if c.words[name] == nil {
				c.words[name] = map[string]bool{}
			}
			for _, w := range strings.Fields(arg) {
				c.words[name][strings.ToLower(w)] = true
			}
		case "zone":
			var z clockZone
			z, err = parseZone(arg)
			c.zones[strings.ToUpper(name)] = z
		case "line", "timestamp", "byline", "dateline", "inline":
			var r *cleanRule
			r, err = compileCleanRule(kind, name, arg, defs)
			if err != nil {
				break
			}
			switch kind {
			case "line":
				c.furniture.add(r)
			case "timestamp":
				c.stamps.add(r)
			case "byline":
				c.bylines.add(r)
			case "dateline":
				c.datelines.add(r)
			case "inline":
				err = addTriggers(triggers, r)
			}
		default:
			err = fmt.Errorf("unknown kind %q", kind)
		}
		if err != nil {
			return nil, fmt.Errorf("cleaning rules line %d: %s %s: %v", n+1, kind, name, err)
		}
	}
	for _, t := range triggers {
		byFirst[t.lit[0]] = append(byFirst[t.lit[0]], *t)
	}
	for i := range byFirst {
		// Longer literals first, so "photo credit" is tried before "photo".
		slices.SortFunc(byFirst[i], func(a, b inlineTrigger) int {
			return cmp.Or(cmp.Compare(len(b.lit), len(a.lit)), strings.Compare(a.lit, b.lit))
		})
	}
	c.roots = inlineRoots(byFirst)
	return c, nil
}

// cutField returns the first white-space separated field of s and the
// rest, trimmed.
func cutField(s string) (field, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// expandDefines replaces every {name} of a defined pattern in pat by that
// pattern in a non-capturing group; other braces are repetition counts.
func expandDefines(pat string, defs map[string]string) (string, error) {
	var b strings.Builder
	for {
		i := strings.IndexByte(pat, '{')
		if i < 0 {
			b.WriteString(pat)
			return b.String(), nil
		}
		j := strings.IndexByte(pat[i:], '}')
		if j < 0 {
			b.WriteString(pat)
			return b.String(), nil
		}
		name := pat[i+1 : i+j]
		if name == "" || !isASCIILower(name[0]) {
			b.WriteString(pat[:i+j+1])
			pat = pat[i+j+1:]
			continue
		}
		def, ok := defs[name]
		if !ok {
			return "", fmt.Errorf("undefined {%s}", name)
		}
		b.WriteString(pat[:i])
		b.WriteString("(?:" + def + ")")
		pat = pat[i+j+1:]
	}
}

func compileCleanRule(kind, name, pat string, defs map[string]string) (*cleanRule, error) {
	pat, err := expandDefines(pat, defs)
	if err != nil {
		return nil, err
	}
	tree, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil, err
	}
	anchored := "^(?:" + pat + ")$"
	switch kind {
	case "inline", "dateline":
		anchored = "^(?:" + pat + ")"
	case "line":
		// A whole-line pattern that ends in .* matches when its start
		// does: matching only the start spares the regexp engine a walk
		// to the end of the line.
		if open, _ := syntax.Parse(pat, syntax.Perl); endsOpen(open) {
			dropOpenEnd(open)
			anchored = "^(?:" + open.String() + ")"
		}
	}
	re, err := regexp.Compile(anchored)
	if err != nil {
		return nil, err
	}
	tree = tree.Simplify()
	r := &cleanRule{kind: kind, name: name, re: re, groups: map[string][]int{}, lead: leadOf(tree)}
	if !r.lead.exact || kind == "inline" {
		r.must = mustOf(tree)
		r.mustAt = rarestByte(r.must)
	}
	if r.lead.empty {
		return nil, fmt.Errorf("pattern matches the empty string")
	}
	for i, g := range re.SubexpNames() {
		if g != "" {
			r.groups[g] = append(r.groups[g], i)
		}
	}
	return r, nil
}

// isAnyRun reports whether re is .*, any run of characters.
func isAnyRun(re *syntax.Regexp) bool {
	return re.Op == syntax.OpStar && (re.Sub[0].Op == syntax.OpAnyCharNotNL || re.Sub[0].Op == syntax.OpAnyChar)
}

// endsOpen reports whether every way through re ends with .*. Groups are
// left alone, so that what they capture does not change.
func endsOpen(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpConcat:
		last := re.Sub[len(re.Sub)-1]
		return isAnyRun(last) || endsOpen(last)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !isAnyRun(sub) && !endsOpen(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// dropOpenEnd removes the final .* of every way through re, for which
// endsOpen is true.
func dropOpenEnd(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpConcat:
		if last := re.Sub[len(re.Sub)-1]; isAnyRun(last) {
			re.Sub = re.Sub[:len(re.Sub)-1]
		} else {
			dropOpenEnd(last)
		}
	case syntax.OpAlternate:
		for i, sub := range re.Sub {
			if isAnyRun(sub) {
				re.Sub[i] = &syntax.Regexp{Op: syntax.OpEmptyMatch}
			} else {
				dropOpenEnd(sub)
			}
		}
	}
}

// addTriggers files an inline rule under its leading literals.
func addTriggers(triggers map[string]*inlineTrigger, r *cleanRule) error {
	if !r.lead.exact || len(r.lead.lits) == 0 {
		return fmt.Errorf("inline pattern must begin with a literal")
	}
	for _, lit := range r.lead.lits {
		t := triggers[lit]
		if t == nil {
			t = &inlineTrigger{lit: lit}
			triggers[lit] = t
		}
		if !slices.Contains(t.rules, r) {
			t.rules = append(t.rules, r)
		}
	}
	return nil
}

// inlineRoots groups the triggers under the shortest literals that begin
// them ("(" for "(photo" and "(reuters", "photo" for "photo credit"), and
// the roots under their first byte, which is searched for when several
// share it; a lone root is searched for by its rarest byte.
func inlineRoots(byFirst [256][]inlineTrigger) []inlineRoot {
	var out []inlineRoot
	for _, triggers := range byFirst {
		lits := make([]string, 0, len(triggers))
		for _, t := range triggers {
			lits = append(lits, t.lit)
		}
		slices.SortFunc(lits, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
		var roots []string
		for _, l := range lits {
			if !slices.ContainsFunc(roots, func(r string) bool { return strings.HasPrefix(l, r) }) {
				roots = append(roots, l)
			}
		}
		if len(roots) == 0 {
			continue
		}
		first, _ := utf8.DecodeRuneInString(roots[0])
		root := inlineRoot{lits: roots, word: unicode.IsLetter(first), triggers: triggers}
		if len(roots) == 1 {
			root.at = rarestByte(roots[0])
		}
		out = append(out, root)
	}
	return out
}

func parseZone(arg string) (clockZone, error) {
	f := strings.Fields(arg)
	off, err := parseOffset(f[0])
	if err != nil {
		return clockZone{}, err
	}
	z := clockZone{offset: off}
	if len(f) > 1 {
		z.dst = f[1]
		if z.dst != "eu" && z.dst != "us" {
			return clockZone{}, fmt.Errorf("unknown daylight saving rule %q", z.dst)
		}
	}
	return z, nil
}

// parseOffset reads ±HH:MM, ±HHMM or ±H as seconds east of UTC.
func parseOffset(s string) (int, error) {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("offset %q: want ±HH:MM", s)
	}
	h, m, _ := strings.Cut(s[1:], ":")
	if len(h) == 4 && m == "" {
		h, m = h[:2], h[2:]
	}
	hh, err := strconv.Atoi(h)
	if err != nil || hh > 14 {
		return 0, fmt.Errorf("offset %q: want ±HH:MM", s)
	}
	mm := 0
	if m != "" {
		if mm, err = strconv.Atoi(m); err != nil || mm > 59 {
			return 0, fmt.Errorf("offset %q: want ±HH:MM", s)
		}
	}
	off := hh*3600 + mm*60
	if s[0] == '-' {
		off = -off
	}
	return off, nil
}

// ruleLead describes how a match of a pattern can begin: with one of the
// literal prefixes lits, or with a byte of other.
type ruleLead struct {
	first [256]bool // possible first bytes, ASCII letters lower-cased
	lits  []string  // literal prefixes, ASCII lower-cased
	other [256]bool // first bytes of matches that begin with no literal
	exact bool      // other is empty: every match begins with one of lits
	whole bool      // lits are all the pattern matches
	empty bool      // the pattern can match the empty string
}

// maxLeadLits bounds the literal prefixes worked out for one pattern.
const maxLeadLits = 64

// leadOf works out from the parsed pattern how its matches can begin. It
// errs on the side of more: case folding is taken as ASCII, and a folded
// literal stops at its first non-ASCII letter.
func leadOf(re *syntax.Regexp) ruleLead {
	var l ruleLead
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		l.whole = true
		if re.Flags&syntax.FoldCase != 0 {
			if i := strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }); i >= 0 {
				s, l.whole = s[:i], false
			}
		}
		if s == "" {
			l.anyNonASCII()
			return l
		}
		l.first[lowerASCII(s[0])] = true
		l.lits = []string{lowerASCIIString(s)}
		l.exact = true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				l.first[lowerASCII(byte(r))] = true
				l.other[lowerASCII(byte(r))] = true
			}
			if hi >= utf8.RuneSelf {
				l.anyNonASCII()
			}
		}
	case syntax.OpCapture:
		return leadOf(re.Sub[0])
	case syntax.OpPlus:
		l = leadOf(re.Sub[0])
		l.whole = false
	case syntax.OpStar, syntax.OpQuest:
		l = leadOf(re.Sub[0])
		l.whole, l.empty = false, true
	case syntax.OpRepeat:
		l = leadOf(re.Sub[0])
		l.whole = false
		l.empty = l.empty || re.Min == 0
	case syntax.OpConcat:
		l.exact, l.empty = true, true
		for i, sub := range re.Sub {
			s := leadOf(sub)
			l.union(s)
			if s.empty {
				continue
			}
			l.empty = false
			if i == 0 && s.whole {
				l.lits, l.whole = extendLits(s.lits, re.Sub[1:])
			}
			break
		}
	case syntax.OpAlternate:
		l.exact, l.whole = true, true
		for _, sub := range re.Sub {
			s := leadOf(sub)
			l.union(s)
			l.whole = l.whole && s.whole
		}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		l.exact, l.empty = true, true
	case syntax.OpNoMatch:
		l.exact = true
	default: // any character
		for b := range l.first {
			l.first[b], l.other[b] = true, true
		}
	}
	return l
}

// extendLits appends to the prefixes the literals of the expressions that
// follow, as long as those are sets of literals. whole reports that all of
// rest was consumed.
func extendLits(lits []string, rest []*syntax.Regexp) (out []string, whole bool) {
	for _, sub := range rest {
		s := leadOf(sub)
		if !s.exact || s.empty || len(lits)*len(s.lits) > maxLeadLits {
			return lits, false
		}
		next := make([]string, 0, len(lits)*len(s.lits))
		for _, a := range lits {
			for _, b := range s.lits {
				next = append(next, a+b)
			}
		}
		lits = next
		if !s.whole {
			return lits, false
		}
	}
	return lits, true
}

// anyNonASCII adds the bytes that can begin a non-ASCII rune (or an
// invalid one) as first bytes of a non-literal match.
func (l *ruleLead) anyNonASCII() {
	for b := utf8.RuneSelf; b < 256; b++ {
		l.first[b], l.other[b] = true, true
	}
	l.exact = false
}

func (l *ruleLead) union(o ruleLead) {
	for b := range o.first {
		l.first[b] = l.first[b] || o.first[b]
		l.other[b] = l.other[b] || o.other[b]
	}
	l.lits = append(l.lits, o.lits...)
	l.exact = l.exact && o.exact
	l.empty = l.empty || o.empty
}

// mustOf returns the longest ASCII literal that every match of the parsed
// pattern contains, ASCII lower-cased, or "".
func mustOf(re *syntax.Regexp) string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	must := ""
	for _, sub := range subs {
		if sub.Op != syntax.OpLiteral {
			continue
		}
		s := string(sub.Rune)
		if sub.Flags&syntax.FoldCase != 0 {
			if i := strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }); i >= 0 {
				s = s[:i]
			}
		}
		if len(s) > len(must) {
			must = lowerASCIIString(s)
		}
	}
	return must
}

// mayMatch reports whether s contains the literal every match of the rule
// contains.
func (r *cleanRule) mayMatch(s string) bool {
	return r.must == "" || containsFoldASCII(s, r.must, r.mustAt)
}

// rarestByte returns the offset of the byte of an ASCII lower-cased string
// that is rarest in English text, so that searching for it finds few
// false starts.
func rarestByte(s string) int {
	const byFrequency = " etaoinshrdlcumwfgypbvkjxqz"
	best, rank := 0, -1
	for i := range len(s) {
		r := strings.IndexByte(byFrequency, s[i])
		if r < 0 {
			r = len(byFrequency) // digits and punctuation
		}
		if r > rank {
			best, rank = i, r
		}
	}
	return best
}
