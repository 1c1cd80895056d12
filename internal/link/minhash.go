package link

import (
	"math/bits"
)

// Near-duplicates are found with MinHash over word shingles (Broder 1997;
// Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3). They
// are looked for among the articles that share an index key with each
// other and were published within the window: copies of one story share
// its heaviest names and words. Locality-sensitive banding of the
// signatures would also find copies published weeks apart, at the cost of
// a dozen more index rows an article; TestNearDuplicates measures both.
const (
	shingleWords = 3  // words per shingle
	numHashes    = 48 // MinHash functions: the signature's length
	// minShingles is the fewest shingles a text needs to be compared: a
	// shorter text is a brief, and briefs look alike by their form alone.
	minShingles = 12
)

// Two articles are near-duplicates when the smaller one's shingles are
// almost all in the larger one (containment, which a trimmed copy keeps
// high while Jaccard similarity falls) and the smaller one is not a small
// part of the larger one (a wire story quoted in full inside a round-up
// does not make the round-up a copy). Both are estimated from the
// signatures. MinHashSelection in the tests measures these choices.
const (
	dupContainment = 0.6
	dupMinRatio    = 0.4 // smaller / larger shingle count
)

// signature is an article's MinHash signature and its shingle count.
type signature struct {
	mins     [numHashes]uint32
	shingles int
}

// shingleHashes returns the distinct hashes of the word shingles of ws.
func shingleHashes(ws []string) map[uint64]struct{} {
	out := make(map[uint64]struct{}, len(ws))
	if len(ws) < shingleWords {
		return out
	}
	hs := make([]uint64, len(ws))
	for i, w := range ws {
		hs[i] = hashString(w)
	}
	for i := 0; i+shingleWords <= len(hs); i++ {
		h := uint64(0x9e3779b97f4a7c15)
		for _, x := range hs[i : i+shingleWords] {
			h = mix(h ^ x)
		}
		out[h] = struct{}{}
	}
	return out
}

// seeds are the MinHash functions' seeds: fixed, so that signatures stay
// comparable across runs and versions.
func seed(i int) uint64 { return mix(uint64(i+1) * 0x9e3779b97f4a7c15) }

// newSignature returns the MinHash signature of a set of shingle hashes.
func newSignature(shingles map[uint64]struct{}) signature {
	var s signature
	s.shingles = len(shingles)
	hs := make([]uint64, 0, len(shingles))
	for h := range shingles {
		hs = append(hs, h)
	}
	for i := range s.mins {
		sd, m := seed(i), ^uint32(0)
		for _, h := range hs {
			m = min(m, uint32(mix(h^sd)>>32))
		}
		s.mins[i] = m
	}
	return s
}

// jaccard estimates the Jaccard similarity of the two shingle sets.
func (s signature) jaccard(o signature) float64 {
	n := 0
	for i := range s.mins {
		if s.mins[i] == o.mins[i] {
			n++
		}
	}
	return float64(n) / numHashes
}

// nearDuplicate reports whether the two signatures are of near-duplicate
// texts.
func (s signature) nearDuplicate(o signature) bool {
	if s.shingles < minShingles || o.shingles < minShingles {
		return false
	}
	lo, hi := min(s.shingles, o.shingles), max(s.shingles, o.shingles)
	if float64(lo)/float64(hi) < dupMinRatio {
		return false
	}
	j := s.jaccard(o)
	inter := j / (1 + j) * float64(s.shingles+o.shingles)
	return inter/float64(lo) >= dupContainment
}

// simhash returns the 64-bit SimHash (Charikar 2002) of a set of shingle
// hashes: each bit is the majority vote of the shingles' bits. It is kept
// to compare against MinHash in the tests.
func simhash(shingles map[uint64]struct{}) uint64 {
	var votes [64]int
	for h := range shingles {
		h = mix(h)
		for i := range 64 {
			if h&(1<<i) != 0 {
				votes[i]++
			} else {
				votes[i]--
			}
		}
	}
	var out uint64
	for i, v := range votes {
		if v > 0 {
			out |= 1 << i
		}
	}
	return out
}

// hamming returns the number of bits in which a and b differ.
func hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }
