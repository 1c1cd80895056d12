package link

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chronicle/internal/news"
)

// An article is linked through its profile: its MinHash signature, for
// near-duplicates, and one weighted feature vector per segment, for
// stories. A segment is the whole coded text, except in a live blog, where
// each timestamped entry is one: a blog that follows several happenings
// belongs to the story of each, and does not bridge them.

// Feature weights. Names of people and organisations and specific places
// tell one happening from a look-alike; words tell the kind of happening;
// countries are shared by too many happenings to weigh much.
const (
	weightName     = 3.0
	weightPlace    = 2.5
	weightRegion   = 1.5
	weightCountry  = 0.6
	weightWord     = 1.0
	weightTitle    = 1.0 // added for each word of the title
	weightCapital  = 2.0 // a capitalised word within a sentence
	weightNumber   = 1.5
	weightDate     = 2.0 // a month named with its year
	weightYear     = 2.0 // a year written in digits
	maxFeatures    = 96  // features kept per segment
	keyFeatures    = 8   // heaviest features of a segment, filed in the index
	minKeyWeight   = 1.0 // lighter features are never index keys
	maxSegments    = 16
	minSegmentWord = 6 // a shorter live-blog entry joins the one before
)

// kindStory is the kind of index keys of stories, in the top bits of a
// key, so that keys of other kinds may be added without collisions.
const kindStory = 2

// keyOf returns an index key of kind for hash h. Keys fit in 63 bits, so
// that they are positive in a signed 64-bit column.
func keyOf(kind, h uint64) uint64 { return kind<<58 | h&(1<<58-1) }

// Kinds of features, in the top bit of their hashes: words tell the kind
// of happening, names (people, organisations, places) which one.
const (
	featWord = 0
	featName = 1
)

// specific marks, in the second bit of a feature's hash, the features
// that name one entity or place (not a capitalised word, which "New York"
// and "New Delhi" share): each is an index key on its own.
const specific = 1 << 62

// featureHash returns the hash of a feature of kind: key is its prefix
// ("w:" for a word) and name.
func featureHash(kind uint64, prefix, name string) uint64 {
	return kind<<63 | hashPair(prefix, name)>>2
}

// feature is one weighted feature of a segment: a hashed word, name or
// place.
type feature struct {
	h uint64
	w float32
}

// segment is a part of an article linked on its own.
type segment struct {
	span  news.Span // bytes of the article text it covers
	feats []feature // sorted by h
	norm  float64
	keys  []uint64 // hashes of the names and pairs of words filed in the index, sorted
	facts []fact   // the details it states, sorted (see conflict.go)
}

// profile is what linking keeps of an article between runs.
type profile struct {
	id        news.ArticleID
	hash      string // the article version profiled
	title     string
	source    string
	published time.Time // zero when unknown
	sig       signature
	segs      []segment
}

// day returns the article's publication day, days since 1970-01-01 in UTC,
// and false when the date is unknown.
func (p *profile) day() (int, bool) {
	if p.published.IsZero() {
		return 0, false
	}
	return int(p.published.UTC().Unix() / 86400), true
}

// before reports whether p comes before o in the canonical order of
// articles: published first (unknown dates last), then by id. The
// canonical order, not the order of ingestion, picks originals, story
// roots and representative events, so that results do not depend on
// which article arrived first.
func (p *profile) before(o *profile) bool { return compareArticles(p, o) < 0 }

func compareArticles(p, o *profile) int {
	switch {
	case p.published.IsZero() != o.published.IsZero():
		if p.published.IsZero() {
			return 1
		}
		return -1
	case !p.published.Equal(o.published):
		return p.published.Compare(o.published)
	}
	return cmp.Compare(p.id, o.id)
}

// newProfile profiles an article with its mentions.
func (k *knowledge) newProfile(a *news.Article) *profile {
	p := &profile{id: a.ID, hash: a.Hash, title: a.Title, source: a.Source, published: a.Published}
	ranges := codedRanges(a.Text, a.Removed)
	toks := tokens(a.Text, ranges)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	p.sig = newSignature(shingleHashes(words))

	bounds := k.segmentBounds(a, toks)
	titleWords := k.contentWords(tokens(a.Title, []news.Span{{Start: 0, End: len(a.Title)}}))
	for i := range len(bounds) - 1 {
		span := news.Span{Start: bounds[i], End: bounds[i+1]}
		lead := k.leadEnd(a, toks, span)
		tf, nums, years := map[uint64]float64{}, map[uint64]float64{}, map[uint64]float64{}
		for _, t := range toks {
			if t.start < span.Start || t.start >= span.End {
				continue
			}
			w := stem(t.text)
			if len(w) < 2 || k.stop[w] {
				continue
			}
			c := 1.0
			if t.start < lead {
				c += leadBoost
			}
			if isDigit(w[0]) {
				if clockTime(a.Text, t) {
					continue
				}
				// Numbers tell one happening from a look-alike: a toll,
				// a score, a magnitude, a year. Years weigh more: the
				// look-alike of a happening is most often the same
				// kind of happening in another year (this year's
				// ceremony and last year's, a second recall).
				if isYear(w) {
					years[featureHash(featName, "#:", w)] += c
					continue
				}
				nums[featureHash(featName, "#:", w)] += c
				continue
			}
			tf[featureHash(featWord, "w:", wordKey(w))] += c
		}
		weights := map[uint64]float64{}
		for h, c := range tf {
			weights[h] = weightWord * (1 + math.Log(c))
		}
		for h, c := range nums {
			weights[h] = weightNumber * (1 + math.Log(c))
		}
		for h, c := range years {
			weights[h] = weightYear * (1 + math.Log(c))
		}
		for _, d := range a.Dates {
			if d.Span.Start >= span.Start && d.Span.Start < span.End && len(d.Date) >= 7 && d.Precision != news.PrecisionYear {
				weights[featureHash(featName, "d:", d.Date[:7])] += weightDate
			}
		}
		if i == 0 {
			for _, w := range titleWords {
				weights[featureHash(featWord, "w:", wordKey(w))] += weightTitle
			}
		}
		names, paired := k.mentionFeatures(a, span, lead)
		for h, w := range names {
			weights[h] += w
		}
		for h, w := range k.capitalFeatures(a, toks, span, lead) {
			weights[h] += w
		}
		s := newSegment(span, weights, paired)
		s.facts = k.facts(a, toks, span, lead)
		p.segs = append(p.segs, s)
	}
	return p
}

// leadBoost is the extra count of a word or name in a segment's lead:
// news writing puts the who, what, where and when of its happening in the
// first sentence, while later paragraphs bring in background and earlier,
// look-alike happenings.
const leadBoost = 1.0

// minLeadWords is the fewest words a lead has: a headline or a date line
// before the first sentence of the body joins the sentence after it.
const minLeadWords = 12

// leadEnd returns the byte offset at which the lead of the segment span
// ends: the end of its first sentence, or of the first sentences that
// together hold minLeadWords words.
func (k *knowledge) leadEnd(a *news.Article, toks []token, span news.Span) int {
	end := span.Start
	words := 0
	for _, s := range a.Sentences {
		if s.Span.End <= span.Start {
			continue
		}
		if s.Span.Start >= span.End || words >= minLeadWords {
			break
		}
		end = min(s.Span.End, span.End)
		for _, t := range toks {
			if t.start >= max(s.Span.Start, span.Start) && t.start < end {
				words++
			}
		}
	}
	return end
}

// segmentBounds returns the byte offsets at which the article's segments
// start, and the text's length last. A live blog, an article with at least
// two timestamp removals, is cut at each timestamp; an entry of fewer than
// minSegmentWord content words (the headline before the first timestamp,
// a one-line update) joins the entry after it, the last one the entry
// before.
func (k *knowledge) segmentBounds(a *news.Article, toks []token) []int {
	var stamps []int
	for _, r := range a.Removed {
		if r.Kind == news.RemovalTimestamp {
			stamps = append(stamps, r.Span.Start)
		}
	}
	if len(stamps) < 2 {
		return []int{0, len(a.Text)}
	}
	slices.Sort(stamps)
	bounds := []int{0}
	for _, s := range stamps {
		if s > bounds[len(bounds)-1] {
			bounds = append(bounds, s)
		}
	}
	bounds = append(bounds, len(a.Text))
	// Count content words per entry and merge short entries backwards.
	counts := make([]int, len(bounds)-1)
	j := 0
	for _, t := range toks {
		for j < len(counts)-1 && t.start >= bounds[j+1] {
			j++
		}
		w := stem(t.text)
		if len(w) >= 2 && !k.stop[w] && !allDigits(w) {
			counts[j]++
		}
	}
	out := []int{0}
	acc := counts[0]
	for i := 1; i < len(counts); i++ {
		if acc >= minSegmentWord && len(out) < maxSegments {
			out = append(out, bounds[i])
			acc = 0
		}
		acc += counts[i]
	}
	if acc < minSegmentWord && len(out) > 1 {
		out = out[:len(out)-1]
	}
	return append(out, len(a.Text))
}

// mentionFeatures returns the weighted name and place features of the
// mentions that start within span, and those of the names among them
// that may be words of common prose (see commonWord) wherever they are
// mentioned. Names are resolved entity ids, or the mention's words for a
// proper name the knowledge base does not know; references ("he", "the
// minister") and common nouns ("troops") are left to the word features.
func (k *knowledge) mentionFeatures(a *news.Article, span news.Span, lead int) (feats map[uint64]float64, paired map[uint64]bool) {
	tf := map[string]float64{}
	weight := map[string]float64{}
	kind := map[string]uint64{}
	common, proper := map[string]bool{}, map[string]bool{} // by the words around each mention
	paired = map[uint64]bool{}
	var at int // start of the mention being added
	add := func(key string, w float64) {
		tf[key]++
		if at < lead {
			tf[key] += leadBoost
		}
		weight[key] = max(weight[key], w)
		kind[key] = featName
		if w <= weightCountry {
			kind[key] = featWord
		}
	}
	for _, m := range a.Mentions {
		if m.Span.Start < span.Start || m.Span.Start >= span.End || m.Ref >= 0 || !hasUpper(m.Text) {
			continue
		}
		at = m.Span.Start
		if m.Place != nil {
			key := "p:" + strings.ToLower(m.Place.Name)
			if m.Place.GeoID != "" {
				key = "p:" + m.Place.GeoID
			}
			switch m.Place.Feature {
			case "country":
				add(key, weightCountry)
			case "admin1":
				add(key, weightRegion)
			default:
				add(key, weightPlace)
			}
			continue
		}
		switch {
		case m.Type == news.Country:
			add("c:"+cmp.Or(m.Actor.Country, strings.ToLower(m.Text)), weightCountry)
		case m.Actor.Entity != "" && m.Type != news.Place:
			add("e:"+m.Actor.Entity, weightName)
		case m.Type == news.Person || m.Type == news.Org:
			if k.stop[stem(strings.ToLower(m.Text))] {
				continue // "She said", "He added": a pronoun, not a name
			}
			key := "n:" + normalName(m.Text)
			add(key, weightName)
			if k.commonWord(a.Text, m) {
				common[key] = true
			} else {
				proper[key] = true
			}
		case m.Type == news.Place:
			add("p:"+normalName(m.Text), weightPlace)
		}
	}
	out := make(map[uint64]float64, len(tf))
	for key, c := range tf {
		h := featureHash(kind[key], "", key)
		if kind[key] == featName {
			h |= specific
			if common[key] && !proper[key] {
				paired[h] = true
			}
		}
		out[h] = weight[key] * (1 + math.Log(c))
	}
	return out, paired
}

// commonWord reports whether the mention of a name the knowledge base
// does not know may be a word of common prose: a stopword ("She") or a
// single word capitalised only because it starts a sentence ("Police
// said"). Such a name is not specific: many unrelated articles share it,
// so it is filed in the index only paired with another heavy feature.
func (k *knowledge) commonWord(text string, m news.Mention) bool {
	if k.stop[stem(strings.ToLower(m.Text))] {
		return true
	}
	return !strings.ContainsAny(strings.TrimSpace(m.Text), " -") && sentenceStart(text, m.Span.Start)
}

// capitalFeatures returns a name feature for each capitalised word within
// span that does not start a sentence and is not part of a country's
// name: the words of proper names, whether or not the recogniser found
// them ("Reid" after "Tara Reid", or a name it does not know).
func (k *knowledge) capitalFeatures(a *news.Article, toks []token, span news.Span, lead int) map[uint64]float64 {
	var countries []news.Span
	for _, m := range a.Mentions {
		if m.Type == news.Country || m.Place != nil && m.Place.Feature == "country" {
			countries = append(countries, m.Span)
		}
	}
	tf := map[string]float64{}
	for _, t := range toks {
		if !t.upper || t.start < span.Start || t.start >= span.End || len(t.text) < 2 || k.stop[stem(t.text)] {
			continue
		}
		if sentenceStart(a.Text, t.start) || slices.ContainsFunc(countries, func(s news.Span) bool { return s.Start <= t.start && t.start < s.End }) {
			continue
		}
		tf[t.text]++
		if t.start < lead {
			tf[t.text] += leadBoost
		}
	}
	out := make(map[uint64]float64, len(tf))
	for w, c := range tf {
		out[featureHash(featName, "n:", w)] = weightCapital * (1 + math.Log(c))
	}
	return out
}

// sentenceStart reports whether the word at byte i starts a sentence or a
// line: only spaces and opening quotes or brackets lie between it and the
// text's start or a full stop, question or exclamation mark, colon or
// newline.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		c := text[i-1]
		switch c {
		case ' ', '\t', '"', '\'', '(', '[':
			i--
			continue
		case '.', '!', '?', ':', '\n':
			return true
		}
		if c >= 0x80 {
			// Curly quotes and other punctuation outside ASCII: step back
			// over the whole character.
			r, n := utf8.DecodeLastRuneInString(text[:i])
			if unicode.IsPunct(r) || unicode.IsSpace(r) {
				i -= n
				continue
			}
		}
		return false
	}
	return true
}

func hasUpper(s string) bool {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' || c > 127 && strings.ToLower(string(c)) != string(c) {
			return true
		}
	}
	return false
}

// normalName folds a name's case and spacing and drops a leading article.
func normalName(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.TrimPrefix(s, "the ")
}

// newSegment keeps the heaviest features of a segment and picks its keys;
// the specific features in paired are filed only paired with another.
func newSegment(span news.Span, weights map[uint64]float64, paired map[uint64]bool) segment {
	fs := make([]feature, 0, len(weights))
	for h, w := range weights {
		fs = append(fs, feature{h: h, w: float32(w)})
	}
	// Heaviest first; equal weights by hash, so that the choice is the
	// same on every run.
	slices.SortFunc(fs, func(a, b feature) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.h, b.h)
	})
	fs = fs[:min(len(fs), maxFeatures)]
	s := segment{span: span}
	var top []uint64
	for _, f := range fs {
		if len(top) < keyFeatures && f.w >= minKeyWeight {
			top = append(top, f.h)
		}
	}
	// Keys are the heavy entities and places, each on its own, and pairs
	// of the other heavy features: many articles share a word or a
	// capitalised word, few share two of each other's heaviest, or an
	// entity.
	var words []uint64
	for _, h := range top {
		if h&specific != 0 && !paired[h] {
			s.keys = append(s.keys, h)
		} else {
			words = append(words, h)
		}
	}
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			a, b := min(words[i], words[j]), max(words[i], words[j])
			s.keys = append(s.keys, mix(a^mix(b)))
		}
	}
	if len(words) == 1 {
		s.keys = append(s.keys, words[0])
	}
	slices.Sort(s.keys)
	s.feats = fs
	s.finish()
	return s
}

// finish sorts the features by hash and computes the norm.
func (s *segment) finish() {
	slices.SortFunc(s.feats, func(a, b feature) int { return cmp.Compare(a.h, b.h) })
	var n float64
	for _, f := range s.feats {
		n += float64(f.w) * float64(f.w)
	}
	s.norm = math.Sqrt(n)
}

// cosine returns the cosine similarity of two segments' feature vectors.
func (s *segment) cosine(o *segment) float64 {
	if s.norm == 0 || o.norm == 0 {
		return 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(s.feats) && j < len(o.feats) {
		switch a, b := s.feats[i], o.feats[j]; {
		case a.h < b.h:
			i++
		case a.h > b.h:
			j++
		default:
			dot += float64(a.w) * float64(b.w)
			i++
			j++
		}
	}
	return dot / (s.norm * o.norm)
}

// nameShare is the share of names in the similarity of two segments that
// both name someone or somewhere.
const nameShare = 0.6

// similarity returns how alike two segments are (see alike), less what
// the details they state and disagree on take off (see conflict).
// Look-alike happenings (two earthquakes, two rehab check-ins) share most
// words; their names, numbers and places tell them apart.
func (s *segment) similarity(o *segment) float64 {
	return s.alike(o) - conflict(s.facts, o.facts)
}

// alike returns how alike two segments' features are: the cosine
// similarity of their words, blended with that of their names when both
// have names.
func (s *segment) alike(o *segment) float64 {
	words, names, named := s.channels(o)
	if !named {
		return words
	}
	return nameShare*names + (1-nameShare)*words
}

// channels returns the cosine similarities of two segments' word features
// and of their name features, and whether both segments have names.
func (s *segment) channels(o *segment) (words, names float64, named bool) {
	var dot, na, nb [2]float64
	for _, f := range s.feats {
		na[f.h>>63] += float64(f.w) * float64(f.w)
	}
	for _, f := range o.feats {
		nb[f.h>>63] += float64(f.w) * float64(f.w)
	}
	i, j := 0, 0
	for i < len(s.feats) && j < len(o.feats) {
		switch a, b := s.feats[i], o.feats[j]; {
		case a.h < b.h:
			i++
		case a.h > b.h:
			j++
		default:
			dot[a.h>>63] += float64(a.w) * float64(b.w)
			i++
			j++
		}
	}
	cos := func(k int) float64 {
		if na[k] == 0 || nb[k] == 0 {
			return 0
		}
		return dot[k] / math.Sqrt(na[k]*nb[k])
	}
	return cos(featWord), cos(featName), na[featName] > 0 && nb[featName] > 0
}

// sharesKey reports whether the segments have an index key in common.
func (s *segment) sharesKey(o *segment) bool {
	i, j := 0, 0
	for i < len(s.keys) && j < len(o.keys) {
		switch {
		case s.keys[i] < o.keys[j]:
			i++
		case s.keys[i] > o.keys[j]:
			j++
		default:
			return true
		}
	}
	return false
}
