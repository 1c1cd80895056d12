package kb

import (
	_ "embed" // places.idx
	"encoding/binary"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
)

// placesIndex holds what loading would otherwise compute from the fixed
// data of the gazetteer: the places' numbers, their two name indexes, and
// the points and populations of the subdivisions. TestPlacesIndex writes
// it, with -update, which go generate runs after gen/geo; loading reads
// it instead of parsing two hundred thousand lines, folding half a
// million names and taking thousands of hulls. It carries a checksum of
// the data files it was computed from. When they no longer match (a file
// was edited and the index not regenerated), loading computes everything
// itself, several times slower, and TestPlacesIndex fails until the index
// is regenerated. The code that computes them (parsePlacesTSV,
// indexPrimary, alternateKeys, locateSubs) stays the reference: the index
// holds exactly what it returns.
//
// The layout, little-endian: indexMagic; the version, the checksum, the
// number of places and the number of subdivisions (uint32 each); for
// every place, in the order of places.tsv, its latitude and longitude in
// ten-thousandths of a degree and its population (int32 each), its country
// and first-level subdivision (int16 indexes, -1 for none); the capitals'
// names, as their number (uint32) and for each its country (uint16), the
// length of its name (uint16) and the name; the primary and then the
// alternate index, each as its length n (uint32), n keys (uint64) and n
// places (int32); then, for every subdivision, its latitude and longitude
// (float64 bits), its population (int32) and whether it has a point (one
// byte, 0 or 1).
//
//go:embed data/geo/places.idx
var placesIndex string

const (
	indexMagic   = "chronicle kb places.idx\n"
	indexVersion = 1
	// placeSize and subPointSize are the sizes of the records of a place
	// and of a subdivision in places.idx.
	placeSize    = 4 + 4 + 4 + 2 + 2
	subPointSize = 8 + 8 + 4 + 1
)

// indexInputs lists the files of data/geo besides places.tsv and
// places_alt.tsv that places.idx is computed from: the countries, whose
// order numbers them, and the subdivisions with their names, seats,
// census points and outline centroids.
func indexInputs() []string {
	return []string{"countries.tsv", "countries_extra.tsv", "subdivisions.tsv",
		"subdivision_aliases.tsv", "us_census.tsv", "subdivision_points.tsv"}
}

// geoDataSum returns the CRC-32 of the names and contents of the data
// files that places.idx is computed from.
func geoDataSum() (uint32, error) {
	h := crc32.NewIEEE()
	buf := make([]byte, 64<<10)
	for _, name := range indexInputs() {
		f, err := geoFiles.Open("data/geo/" + name)
		if err != nil {
			return 0, err
		}
		h.Write([]byte(name)) // a hash.Hash never fails to write
		_, err = io.CopyBuffer(h, f, buf)
		f.Close() // an embedded file holds nothing to release
		if err != nil {
			return 0, err
		}
	}
	for _, f := range []struct{ name, text string }{{"places.tsv", placesTSV}, {"places_alt.tsv", placesAltTSV}} {
		h.Write([]byte(f.name))
		for s := f.text; len(s) > 0; {
			n := copy(buf, s)
			h.Write(buf[:n])
			s = s[n:]
		}
	}
	return h.Sum32(), nil
}

// encodeIndex returns the contents of places.idx for the loaded data,
// whose indexes and subdivision points it computes when they are not
// there yet.
func (g *Geo) encodeIndex(sum uint32) []byte {
	g.indexAlternates()
	g.locate()
	pl := &g.places
	size := len(indexMagic) + 4*4 + placeSize*len(pl.recs) + 4 + 20*len(pl.capitals) +
		2*4 + 12*(len(pl.primary.keys)+len(pl.alt.keys)) + subPointSize*len(g.subs)
	b := make([]byte, 0, size)
	b = append(b, indexMagic...)
	b = binary.LittleEndian.AppendUint32(b, indexVersion)
	b = binary.LittleEndian.AppendUint32(b, sum)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(pl.recs)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(g.subs)))
	for i := range pl.recs {
		r := &pl.recs[i]
		b = binary.LittleEndian.AppendUint32(b, uint32(r.lat))
		b = binary.LittleEndian.AppendUint32(b, uint32(r.lon))
		b = binary.LittleEndian.AppendUint32(b, uint32(r.pop))
		b = binary.LittleEndian.AppendUint16(b, uint16(r.country))
		b = binary.LittleEndian.AppendUint16(b, uint16(r.admin1))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(pl.capitals)))
	for _, ci := range slices.Sorted(maps.Keys(pl.capitals)) {
		name := pl.capitals[ci]
		b = binary.LittleEndian.AppendUint16(b, uint16(ci))
		b = binary.LittleEndian.AppendUint16(b, uint16(len(name)))
		b = append(b, name...)
	}
	for _, x := range []*hashIndex{&pl.primary, &pl.alt} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(x.keys)))
		for _, k := range x.keys {
			b = binary.LittleEndian.AppendUint64(b, k)
		}
		for _, v := range x.vals {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	for i := range g.subs {
		s := &g.subs[i]
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.lat))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.lon))
		b = binary.LittleEndian.AppendUint32(b, uint32(s.pop))
		geo := byte(0)
		if s.hasGeo {
			geo = 1
		}
		b = append(b, geo)
	}
	return b
}

// indexReader reads places.idx, remembering whether it ran short.
type indexReader struct {
	s  string
	ok bool
}

func (r *indexReader) take(n int) string {
	if !r.ok || n < 0 || n > len(r.s) {
		r.ok = false
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *indexReader) uint16() uint16 {
	s := r.take(2)
	if len(s) < 2 {
		return 0
	}
	return uint16(s[0]) | uint16(s[1])<<8
}

func (r *indexReader) uint32() uint32 {
	s := r.take(4)
	if len(s) < 4 {
		return 0
	}
	return le32(s)
}

// le32 and le64 decode little-endian numbers at the start of s.
func le32(s string) uint32 {
	_ = s[3] // one bounds check
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func le64(s string) uint64 {
	_ = s[7] // one bounds check
	return uint64(le32(s)) | uint64(le32(s[4:]))<<32
}

// hashIndex reads one name index of n places: its keys must be in order
// and its places within range.
func (r *indexReader) hashIndex(places int) hashIndex {
	n := int(r.uint32())
	if n > len(r.s)/12 {
		r.ok = false
		return hashIndex{}
	}
	ks, vs := r.take(8*n), r.take(4*n)
	if !r.ok {
		return hashIndex{}
	}
	x := hashIndex{keys: make([]uint64, n), vals: make([]int32, n)}
	for i := range n {
		x.keys[i] = le64(ks[8*i:])
		v := le32(vs[4*i:])
		if v >= uint32(places) || i > 0 && x.keys[i] < x.keys[i-1] {
			r.ok = false
			return hashIndex{}
		}
		x.vals[i] = int32(v)
	}
	return x
}

// readIndex takes the places, their name indexes and the subdivision
// points from places.idx when it was computed from the data whose
// geoDataSum is sum, and reports whether it was; it changes nothing when
// it was not.
func (g *Geo) readIndex(data string, sum uint32) bool {
	r := indexReader{s: data, ok: true}
	if r.take(len(indexMagic)) != indexMagic || r.uint32() != indexVersion {
		return false
	}
	dataSum := r.uint32()
	places, subs := int(r.uint32()), int(r.uint32())
	pl := &g.places
	if !r.ok || dataSum != sum || subs != len(g.subs) || places > len(r.s)/placeSize {
		return false
	}
	recs, ok := g.placeLines(places)
	if !ok {
		return false
	}
	countryPop := make([]int64, len(g.countries))
	ps := r.take(placeSize * places)
	for i := range recs {
		p, rec := ps[placeSize*i:], &recs[i]
		rec.lat, rec.lon, rec.pop = int32(le32(p)), int32(le32(p[4:])), int32(le32(p[8:]))
		rec.country, rec.admin1 = int16(le32(p[12:])), int16(le32(p[12:])>>16)
		if int(rec.country) >= len(g.countries) || rec.country < 0 || int(rec.admin1) >= len(g.subs) || rec.admin1 < -1 ||
			rec.pop < 0 || !validLatLon(float64(rec.lat)/1e4, float64(rec.lon)/1e4) {
			return false
		}
		countryPop[rec.country] += int64(rec.pop)
	}
	capitals := map[int]string{}
	for range r.uint32() {
		ci := int(r.uint16())
		name := r.take(int(r.uint16()))
		if !r.ok || ci >= len(g.countries) {
			return false
		}
		capitals[ci] = name
	}
	primary := r.hashIndex(places)
	alt := r.hashIndex(places)
	pts := r.take(subPointSize * subs)
	if !r.ok || len(r.s) != 0 {
		return false
	}
	type point struct {
		lat, lon float64
		pop      int32
		hasGeo   bool
	}
	located := make([]point, subs)
	for i := range located {
		p := pts[subPointSize*i : subPointSize*(i+1)]
		lat := math.Float64frombits(le64(p[0:]))
		lon := math.Float64frombits(le64(p[8:]))
		pop := int32(le32(p[16:]))
		if p[20] > 1 || !validLatLon(lat, lon) || pop < 0 {
			return false
		}
		located[i] = point{lat, lon, pop, p[20] == 1}
	}
	pl.recs, pl.countryPop, pl.capitals = recs, countryPop, capitals
	pl.primary = primary
	pl.altOnce.Do(func() { pl.alt = alt })
	for i, p := range located {
		s := &g.subs[i]
		s.lat, s.lon, s.pop, s.hasGeo = p.lat, p.lon, p.pop, p.hasGeo
	}
	g.subsLocated = true
	return true
}

// placeLines returns the places of places.tsv with only their lines set,
// and whether there are n of them.
func (g *Geo) placeLines(n int) ([]placeRec, bool) {
	text := g.places.text
	recs := make([]placeRec, 0, n)
	for off := 0; off < len(text); {
		start := off
		line := text[off:]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
			off += j + 1
		} else {
			off = len(text)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if len(recs) == n {
			return nil, false
		}
		recs = append(recs, placeRec{off: uint32(start), end: uint32(start + len(line))})
	}
	return recs, len(recs) == n
}

// indexPrimary builds the index of the places' primary names.
func (g *Geo) indexPrimary() {
	pl := &g.places
	keys := make([]uint64, len(pl.recs))
	vals := make([]int32, len(pl.recs))
	for i := range pl.recs {
		f := g.cells(int32(i))
		key := f[pcASCII]
		if key == "" {
			key = f[pcName]
		}
		keys[i], vals[i] = foldKey(key), int32(i)
	}
	pl.primary = newHashIndex(keys, vals)
}
