package extract

import (
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// References back in the mention scan: pronouns, role nouns after "the"
// and the later, shorter mentions of people named in full before.

// pronoun marks "he" and "she" for resolution.
func (p *mentionPiece) pronoun(i int) int {
	switch p.fold(i) {
	case "he", "she":
		if p.at[i] < 0 || p.end(i) == i+1 {
			p.emit(i, i+1, news.Person, "pronoun", news.Actor{})
			return i + 1
		}
	}
	return i
}

// roleStart includes a preceding "the" in a role noun.
func (p *mentionPiece) roleStart(i int) int {
	if i > 0 && p.fold(i-1) == "the" && !p.used[i-1] {
		return i - 1
	}
	return i
}

// earlierSurname reports whether token i is the last word of a person's
// full name found earlier in the article.
func (p *mentionPiece) earlierSurname(i int) bool {
	f := p.fold(i)
	for _, m := range *p.out {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		n := m.Actor.Name
		k := strings.LastIndexAny(n, " -")
		if k > 0 && kb.Fold(n[k+1:]) == f {
			return true
		}
	}
	return false
}

// laterNames finds the later, shorter mentions of people named in full
// earlier in the article: the surname alone ("Pérez" after "Juan
// Pérez"), or the full name again without the cue that found it first.
func laterNames(pieces []mentionPiece) {
	type name struct {
		words []string // folded tokens of the full name
		first int      // byte offset of the first mention
	}
	var names []name
	if len(pieces) == 0 {
		return
	}
	for _, m := range *pieces[0].out {
		if m.Type != news.Person || m.Actor.Name == "" {
			continue
		}
		var sc nameScan
		sc.reset(m.Actor.Name)
		toks := sc.tokens(m.Actor.Name, 0, len(m.Actor.Name))
		if len(toks) < 2 {
			continue
		}
		n := name{first: m.Span.Start}
		for _, t := range toks {
			n.words = append(n.words, sc.foldOf(t))
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return
	}
	for k := range pieces {
		p := &pieces[k]
		for i := range p.toks {
			if p.used[i] || p.toks[i].shape != shapeTitle && p.toks[i].shape != shapeUpper {
				continue
			}
			f := p.fold(i)
			for _, n := range names {
				last := n.words[len(n.words)-1]
				if f != last || len(last) < 3 || p.toks[i].start < n.first {
					continue
				}
				// Extend back over the rest of the name when it is there.
				s := i
				for k := len(n.words) - 2; k >= 0 && s > 0 && !p.used[s-1] && p.fold(s-1) == n.words[k] && p.capitalised(s-1); k-- {
					s--
				}
				if p.possessiveOrWordAfter(i) {
					continue
				}
				rule := "cue:surname"
				if i-s == len(n.words)-1 {
					rule = "cue:name"
				}
				p.emit(s, i+1, news.Person, rule, news.Actor{Name: p.words(s, i+1)})
				break
			}
		}
	}
}

// possessiveOrWordAfter reports whether the capitalised token i is
// followed directly by another capitalised word, in which case it is part
// of a longer name, not a surname on its own.
func (p *mentionPiece) possessiveOrWordAfter(i int) bool {
	return i+1 < len(p.toks) && p.joined(i+1) && p.capitalised(i+1) && !p.r.lex.is(p.fold(i+1), classStop)
}
