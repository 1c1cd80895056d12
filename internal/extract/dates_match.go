package extract

import (
	"regexp"
	"regexp/syntax"
)

// dateRe is a date rule's pattern compiled to match only at the start of
// its input, with the bytes a match can begin with. Trying it at the few
// word starts near a cue word, and only where the first two bytes fit,
// costs a fraction of an unanchored search over the same text, which runs
// the backtracker from every byte.
type dateRe struct {
	re *regexp.Regexp
	// first marks the bytes a match can begin with; second[b] the bytes
	// that can follow an ASCII first byte b.
	first  byteSet
	second [128]byteSet
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(t *byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|t[0], s[1]|t[1], s[2]|t[2], s[3]|t[3]
}
func (s *byteSet) fill() { *s = byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)} }

// wordRe compiles a rule pattern. Rules match the ASCII-lowercased
// sentence (same byte offsets as the original), which is much faster than
// case-insensitive matching; a match must end on a word boundary and is
// tried only where a word starts.
func wordRe(p string) *dateRe {
	d := &dateRe{re: regexp.MustCompile(`^(?:` + p + `)\b`)}
	d.first, d.second = prefixBytes(p)
	return d
}

// matchAt returns the submatch offsets of the rule at lower[p:end], or nil.
func (d *dateRe) matchAt(lower string, p, end int) []int {
	if p >= end || !d.first.has(lower[p]) {
		return nil
	}
	if c := lower[p]; c < 128 && p+1 < end && !d.second[c].has(lower[p+1]) {
		return nil
	}
	return d.re.FindStringSubmatchIndex(lower[p:end])
}

// prefixBytes returns the bytes a match of pattern can begin with, and for
// each ASCII first byte the bytes that can follow it. Where the pattern
// can match the empty string or end after one byte, or where it cannot be
// read, any byte may come.
func prefixBytes(pattern string) (first byteSet, second [128]byteSet) {
	all := func() (byteSet, [128]byteSet) {
		first.fill()
		for i := range second {
			second[i].fill()
		}
		return first, second
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return all()
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return all()
	}
	first, runes, anyByte := reachRunes(prog, uint32(prog.Start))
	if anyByte {
		return all()
	}
	for _, pc := range runes {
		var own byteSet
		runeBytes(&own, prog.Inst[pc])
		next, _, anyNext := reachRunes(prog, prog.Inst[pc].Out)
		if anyNext {
			next.fill()
		}
		for b := range 128 {
			if own.has(byte(b)) {
				second[b].union(&next)
			}
		}
	}
	return first, second
}

// reachRunes follows the empty transitions of prog from pc and returns the
// bytes the rune instructions reached can begin with, those instructions,
// and whether any byte can come (a match, or any rune).
func reachRunes(prog *syntax.Prog, pc uint32) (set byteSet, runes []uint32, anyByte bool) {
	seen := make([]bool, len(prog.Inst))
	stack := []uint32{pc}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			stack = append(stack, in.Out)
		case syntax.InstRune, syntax.InstRune1:
			runeBytes(&set, in)
			runes = append(runes, pc)
		default: // any rune, or a match
			anyByte = true
		}
	}
	return set, runes, anyByte
}

// runeBytes adds to set the first bytes of the UTF-8 encodings of the
// runes a rune instruction accepts, and of their other ASCII case when it
// folds case.
func runeBytes(set *byteSet, in syntax.Inst) {
	runes := in.Rune
	if len(runes) == 1 {
		runes = []rune{runes[0], runes[0]}
	}
	folded := syntax.Flags(in.Arg)&syntax.FoldCase != 0
	for i := 0; i+1 < len(runes); i += 2 {
		lo, hi := runes[i], runes[i+1]
		for r := lo; r <= hi && r < 0x80; r++ {
			set.add(byte(r))
			if folded && 'a' <= r|0x20 && r|0x20 <= 'z' {
				set.add(byte(r ^ 0x20))
			}
		}
		if hi >= 0x80 {
			for b := 0xC0; b < 0x100; b++ {
				set.add(byte(b))
			}
		}
	}
}
