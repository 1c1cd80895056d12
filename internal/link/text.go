package link

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/news"
)

//go:embed stopwords.txt
var stopwordsFile string

//go:embed families.tsv
var familiesFile string

//go:embed ordinals.tsv
var ordinalsFile string

// knowledge is what linking reads from its data files.
type knowledge struct {
	stop      map[string]bool
	family    map[news.EventType]string
	symmetric map[news.EventType]bool
	ordinals  map[string]int64
}

// loadKnowledge parses the embedded data files.
func loadKnowledge() (*knowledge, error) {
	k := &knowledge{stop: map[string]bool{}, family: map[news.EventType]string{}, symmetric: map[news.EventType]bool{}}
	for line := range dataLines(stopwordsFile) {
		k.stop[stem(strings.ToLower(line))] = true
	}
	n := 0
	for line := range dataLines(familiesFile) {
		n++
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("families.tsv line %d: want 3 tab-separated fields, have %d", n, len(f))
		}
		t := news.EventType(f[0])
		k.family[t] = f[1]
		k.symmetric[t] = f[2] == "yes"
	}
	ords, err := parseOrdinals(ordinalsFile)
	if err != nil {
		return nil, err
	}
	k.ordinals = ords
	return k, nil
}

// dataLines yields the non-empty lines of a data file that are not
// comments, trimmed of surrounding spaces.
func dataLines(file string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		sc := bufio.NewScanner(strings.NewReader(file))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(line) {
				return
			}
		}
	}
}

// familyOf returns the linking family of an event type; a type the file
// does not list is its own family.
func (k *knowledge) familyOf(t news.EventType) string {
	if f, ok := k.family[t]; ok {
		return f
	}
	return strings.ToLower(string(t))
}

// token is one word of an article's coded text.
type token struct {
	text  string // lower case
	start int    // byte offset in the article text
	upper bool   // the word starts with an upper-case letter
}

// codedRanges returns the byte ranges of text that the cleaner kept: text
// less the removed spans (furniture, bylines, datelines, timestamps).
func codedRanges(text string, removed []news.Removal) []news.Span {
	rs := slices.Clone(removed)
	slices.SortFunc(rs, func(a, b news.Removal) int { return a.Span.Start - b.Span.Start })
	var out []news.Span
	at := 0
	for _, r := range rs {
		s, e := max(r.Span.Start, 0), min(r.Span.End, len(text))
		if s > at {
			out = append(out, news.Span{Start: at, End: s})
		}
		at = max(at, e)
	}
	if at < len(text) {
		out = append(out, news.Span{Start: at, End: len(text)})
	}
	return out
}

// tokens splits the ranges of text into words: runs of letters and digits,
// lower-cased, cut at an inner apostrophe ("Reid's" is "reid"), with the
// dots and commas of numbers kept ("7.0" and "1,200").
func tokens(text string, ranges []news.Span) []token {
	n := 0
	for _, r := range ranges {
		n += r.End - r.Start
	}
	out := make([]token, 0, n/6+1)
	for _, r := range ranges {
		seg := text[r.Start:r.End]
		// Text in ASCII is lower-cased once: its words are slices of it.
		var lower string
		if isASCII(seg) {
			lower = strings.ToLower(seg)
		}
		i := 0
		for i < len(seg) {
			c, n := decodeRune(seg[i:])
			if !isWordRune(c) {
				i += n
				continue
			}
			start := i
			upper := 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && unicode.IsUpper(c)
			j := i
			for j < len(seg) {
				c, n := decodeRune(seg[j:])
				if isWordRune(c) {
					j += n
					continue
				}
				// An apostrophe within a word ("Reid's", "don't") is kept
				// for now and cut below.
				if (c == '\'' || c == '’') && j+n < len(seg) {
					if next, _ := decodeRune(seg[j+n:]); unicode.IsLetter(next) {
						j += n
						continue
					}
				}
				// A dot or comma between digits belongs to a number.
				if (c == '.' || c == ',') && j > start && j+1 < len(seg) && isDigit(seg[j-1]) && isDigit(seg[j+1]) {
					j += n
					continue
				}
				break
			}
			var w string
			if lower != "" {
				w = lower[start:j]
				if k := strings.IndexByte(w, '\''); k > 0 {
					w = w[:k]
				}
			} else {
				w = strings.ToLower(seg[start:j])
				if k := strings.IndexAny(w, "'’"); k > 0 {
					w = w[:k]
				}
			}
			out = append(out, token{text: w, start: r.Start + start, upper: upper})
			i = j
		}
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// decodeRune returns the first character of s and its length in bytes,
// quickly for ASCII.
func decodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// isWordRune reports whether c is a letter or a digit.
func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stem strips the commonest English inflections, enough for "attacks",
// "attacked" and "attacking" to meet "attack". It leaves short words and
// words that are not plain lower-case letters alone.
func stem(w string) string {
	if len(w) <= 4 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 5:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "ing") && len(w) > 6:
		return undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 5:
		return undouble(w[:len(w)-2])
	case strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// undouble drops a doubled final consonant left by a stripped suffix
// ("stopped" → "stopp" → "stop").
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// hashString returns the 64-bit FNV-1a hash of s.
func hashString(s string) uint64 { return hashPair("", s) }

// hashPair returns the 64-bit FNV-1a hash of prefix followed by s, without
// joining them.
func hashPair(prefix, s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(prefix); i++ {
		h = (h ^ uint64(prefix[i])) * prime
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	return h
}

// mix is the SplitMix64 finaliser: a fast bijective scrambling of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// contentWords returns the stemmed words of ts that are not stopwords, not
// a single character and not made of digits alone.
func (k *knowledge) contentWords(ts []token) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		w := stem(t.text)
		if len(w) < 2 || k.stop[w] || allDigits(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}

// wordPrefix is how many letters of a content word its story feature
// keeps.
const wordPrefix = 7

// wordKey returns the story feature of a stemmed content word: its first
// wordPrefix letters, so that the verbal and nominal forms of one event
// word ("exploded", "explosion"; "announced", "announcement") and the
// inflections the stemmer leaves apart ("charged", "charges") meet.
func wordKey(w string) string {
	n := 0
	for i := range w {
		if n == wordPrefix {
			return w[:i]
		}
		n++
	}
	return w
}

// clockTime reports whether the number token t is the hour or the
// minutes of a time of day ("3:09 PM", "8: 41"): datelines and time
// stamps say when a page was written, not what happened.
func clockTime(text string, t token) bool {
	if !allDigits(t.text) || len(t.text) > 2 {
		return false
	}
	end := t.start + len(t.text)
	if end < len(text) && text[end] == ':' {
		rest := strings.TrimLeft(text[end+1:min(len(text), end+3)], " ")
		return rest != "" && isDigit(rest[0])
	}
	before := strings.TrimRight(text[max(0, t.start-3):t.start], " ")
	return strings.HasSuffix(before, ":") && len(before) >= 2 && isDigit(before[len(before)-2])
}

// isYear reports whether a number token is a year of recent history:
// four digits from 1900 to 2099.
func isYear(w string) bool {
	return len(w) == 4 && allDigits(w) && (w[:2] == "19" || w[:2] == "20")
}
