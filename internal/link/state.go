package link

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"chronicle/internal/news"
)

// A profile is filed in the store's index under keys of its features and
// days, and kept between runs encoded as the state of its article.

// dayBucket is the width, in days, of the buckets story keys are filed
// under; lookups read the buckets a window of days overlaps.
const dayBucket = 4

// storyKey returns the index key of a story feature in a day bucket;
// bucket -1 holds articles without a date. The bucket leads the key, so
// that the keys of articles of the same days sit together in the index:
// a batch of new articles writes a few of its pages, not one page a key
// anywhere in it. 40 bits of the feature's hash follow; two features that
// share them only add a candidate, which is then compared in full.
func storyKey(h uint64, bucket int) uint64 {
	return keyOf(kindStory, uint64(bucket+1)<<40|mix(h)&(1<<40-1))
}

func bucketOf(day int) int { return day / dayBucket }

// indexKeys returns the keys the profile is filed under.
func (p *profile) indexKeys() []uint64 {
	var keys []uint64
	b := -1
	if d, ok := p.day(); ok {
		b = bucketOf(d)
	}
	for _, s := range p.segs {
		for _, h := range s.keys {
			keys = append(keys, storyKey(h, b))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// lookupKeys returns the keys under which the profile's candidates are
// filed: its keys in every bucket within window days of its date.
func (p *profile) lookupKeys(window int) []uint64 {
	var keys []uint64
	buckets := []int{-1}
	if d, ok := p.day(); ok {
		buckets = buckets[:0]
		for b := bucketOf(d - window); b <= bucketOf(d+window); b++ {
			buckets = append(buckets, b)
		}
	}
	for _, s := range p.segs {
		for _, h := range s.keys {
			for _, b := range buckets {
				keys = append(keys, storyKey(h, b))
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// stateVersion is the first byte of an encoded profile. decodeProfile
// refuses a profile of another version with errState, and the linker then
// profiles the article anew from its stored records, so a change of the
// encoding or of the features only bumps it. Versions 1 and 2 kept fewer
// features and whole stemmed words, not comparable with version 3's;
// version 3 filed names that may be common words ("Police") as keys on
// their own; version 4 counted clock times, time zones and the pronouns
// "He" and "She" as features, and weighed years as other numbers.
const stateVersion = 5

// encode returns the profile in its stored form.
func (p *profile) encode() []byte {
	b := make([]byte, 0, 64+len(p.title)+4*numHashes+len(p.segs)*(16+12*maxFeatures))
	b = append(b, stateVersion)
	b = appendString(b, p.hash)
	b = appendString(b, p.title)
	b = appendString(b, p.source)
	var pub int64
	if !p.published.IsZero() {
		pub = p.published.UnixNano()
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendVarint(b, pub)
	b = binary.AppendUvarint(b, uint64(p.sig.shingles))
	for _, m := range p.sig.mins {
		b = binary.LittleEndian.AppendUint32(b, m)
	}
	b = binary.AppendUvarint(b, uint64(len(p.segs)))
	for _, s := range p.segs {
		b = binary.AppendUvarint(b, uint64(s.span.Start))
		b = binary.AppendUvarint(b, uint64(s.span.End))
		b = binary.AppendUvarint(b, uint64(len(s.feats)))
		for _, f := range s.feats {
			b = binary.LittleEndian.AppendUint64(b, f.h)
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f.w))
		}
		b = binary.AppendUvarint(b, uint64(len(s.keys)))
		for _, k := range s.keys {
			b = binary.LittleEndian.AppendUint64(b, k)
		}
		b = binary.AppendUvarint(b, uint64(len(s.facts)))
		for _, f := range s.facts {
			b = append(b, byte(f.kind))
			b = binary.AppendUvarint(b, f.key)
			b = binary.AppendVarint(b, f.val)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errState reports a stored profile that cannot be read; the article is
// profiled anew.
var errState = errors.New("malformed link state")

// decodeProfile reads a profile written by encode.
func decodeProfile(id news.ArticleID, b []byte) (*profile, error) {
	d := decoder{b: b}
	version := d.byte()
	if version != stateVersion {
		return nil, fmt.Errorf("article %s: link state version: %w", id, errState)
	}
	p := &profile{id: id}
	p.hash, p.title, p.source = d.string(), d.string(), d.string()
	known := d.byte() == 1
	pub := d.varint()
	if known {
		p.published = time.Unix(0, pub).UTC()
	}
	p.sig.shingles = int(d.uvarint())
	for i := range p.sig.mins {
		p.sig.mins[i] = d.uint32()
	}
	n := d.count(4)
	p.segs = make([]segment, n)
	for i := range p.segs {
		s := &p.segs[i]
		s.span.Start, s.span.End = int(d.uvarint()), int(d.uvarint())
		s.feats = make([]feature, d.count(12))
		for j := range s.feats {
			s.feats[j] = feature{h: d.uint64(), w: math.Float32frombits(d.uint32())}
		}
		s.keys = make([]uint64, d.count(8))
		for j := range s.keys {
			s.keys[j] = d.uint64()
		}
		if n := d.count(3); n > 0 {
			s.facts = make([]fact, n)
			for j := range s.facts {
				s.facts[j] = fact{kind: factKind(d.byte()), key: d.uvarint(), val: d.varint()}
			}
		}
		s.finish()
	}
	if d.err || len(d.b) != 0 {
		return nil, fmt.Errorf("article %s: %w", id, errState)
	}
	return p, nil
}

// decoder reads the encoding of profile; err is set, and zero values
// returned, once the input runs short.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.err = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 { return readVarint(d, binary.Uvarint) }

func (d *decoder) varint() int64 { return readVarint(d, binary.Varint) }

// readVarint reads one variable-length integer with read, marking d
// malformed when there is none.
func readVarint[T uint64 | int64](d *decoder, read func([]byte) (T, int)) T {
	v, n := read(d.b)
	if n <= 0 {
		d.err = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length of items of at least size bytes each, refusing one
// longer than the rest of the input could hold.
func (d *decoder) count(size int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/size) {
		d.err = true
		d.b = nil
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.count(1)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) uint32() uint32 {
	if len(d.b) < 4 {
		d.err = true
		d.b = nil
		return 0
	}
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.err = true
		d.b = nil
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}
