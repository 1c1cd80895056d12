package kb

import (
	"math"
	"strings"
)

// Hints.Context lends Resolve the article's other place names: a place
// whose neighbours are named beside it is likelier than a namesake far
// from all of them ("Paris" beside "Bonham" and "Sulphur Springs" is the
// Texas town). Each other name stands for the places it may name,
// weighted by how likely each reading is on its own, and a candidate
// earns support from every name with a reading near it.

// Weights of the context.
const (
	// scoreContext is the bonus per supporting name, in Resolve's unit (a
	// decade of population), and maxContext caps the names counted.
	scoreContext = 2.0
	maxContext   = 3.0
	// contextNames caps the distinct names read, and contextReadings
	// the readings kept per name, most populous first.
	contextNames    = 40
	contextReadings = 40
	// kInside is the support of a subdivision for a place inside it (and
	// the other way round): less than a town's nearby, since a region is
	// large; kSibling that of a subdivision for another of its country.
	kInside  = 0.7
	kSibling = 0.3
	// relativeSlope is what a reading loses per unit of weight that it
	// lies behind its name's likeliest reading.
	relativeSlope = 2.0
	// kClose is the support of a reading within 30 km.
	kClose = 1.5
)

// placeContext holds the readings of the other names of an article.
type placeContext struct {
	points []ctxPoint
	names  int
	// dominant is the country where more than half of the names have
	// their likeliest reading, or -1.
	dominant int
}

// ctxPoint is one reading of a context name: a place or a second-level
// subdivision, which supports what lies near it, or a first-level
// subdivision (sub >= 0), which supports what lies inside it.
type ctxPoint struct {
	name     int // index of the name it reads
	lat, lon float64
	cos      float64 // cosine of lat
	admin1   int     // subdivision of a place, or -1
	sub      int     // the subdivision read, or -1
	country  int
	w        float64 // how likely this reading is, 0..1
}

// newPlaceContext reads the names other than key (folded) into points.
// Country names and demonyms add nothing beyond Hints.Countries, and
// names that are common words nothing at all.
func (g *Geo) newPlaceContext(names []string, key string) *placeContext {
	if len(names) == 0 {
		return nil
	}
	c := &placeContext{}
	seen := map[string]bool{key: true}
	for _, n := range names {
		k := strings.TrimPrefix(Fold(n), "the ")
		if k == "" || seen[k] || c.names >= contextNames {
			continue
		}
		seen[k] = true
		// A country's name lends only the subdivisions that bear it
		// ("Georgia"), and those only half.
		subWeight := 1.0
		if cn, ok := g.lookupCountryName(k); ok && (cn.kind == NameCountry || cn.kind == NameDemonym) {
			subWeight = 0.5
		}
		if g.places.stop[k] || g.places.regions[k] || len(n) <= 4 && strings.ToUpper(n) == n {
			continue
		}
		before := len(c.points)
		subs, _ := g.findSubs(k)
		if len(subs) > 0 {
			g.locate()
		}
		for _, si := range subs {
			s := &g.subs[si]
			if !s.hasGeo {
				continue
			}
			pt := ctxPoint{name: c.names, lat: s.lat, lon: s.lon,
				cos: math.Cos(s.lat * math.Pi / 180), admin1: s.parent, sub: -1, country: s.country, w: 0.6}
			switch {
			case s.county:
				pt.w = readingWeight(s.pop, "")
			case s.parent < 0:
				// A first-level subdivision is too large to be near
				// anything: it supports what lies inside it.
				pt.admin1, pt.sub, pt.w = -1, int(si), 1
			}
			pt.w *= subWeight
			c.points = append(c.points, pt)
		}
		if subWeight < 1 {
			if len(c.points) > before {
				c.names++
			}
			continue
		}
		idx := g.findPlaces(k)
		if len(idx) > contextReadings {
			idx = idx[:contextReadings]
		}
		for _, i := range idx {
			p := &g.places.recs[i]
			lat, lon := float64(p.lat)/1e4, float64(p.lon)/1e4
			c.points = append(c.points, ctxPoint{name: c.names, lat: lat, lon: lon,
				cos: math.Cos(lat * math.Pi / 180), admin1: int(p.admin1), sub: -1,
				country: int(p.country), w: readingWeight(p.pop, g.feature(i))})
		}
		relativeWeights(c.points[before:])
		if len(c.points) > before {
			c.names++
		}
	}
	if c.names == 0 {
		return nil
	}
	c.dominant = c.dominantCountry()
	return c
}

// dominantCountry returns the country where more than half of the names
// have their likeliest reading, or -1.
func (c *placeContext) dominantCountry() int {
	best := make([]int, c.names) // point index of each name's likeliest reading
	for i := range best {
		best[i] = -1
	}
	for i, p := range c.points {
		if b := best[p.name]; b < 0 || p.w > c.points[b].w {
			best[p.name] = i
		}
	}
	count := map[int]int{}
	for _, b := range best {
		if b >= 0 {
			count[c.points[b].country]++
		}
	}
	for country, n := range count {
		if 2*n > c.names {
			return country
		}
	}
	return -1
}

// readingWeight is how likely a place is to be what its name means on
// its own: a city of a million surely, a village of 500 hardly.
func readingWeight(pop int32, feature string) float64 {
	w := (math.Log10(float64(pop)+100) + featureScore(feature) - 2.5) / 3.5
	return min(max(w, 0.1), 1)
}

// relativeWeights raises the weights of the readings of one name by how
// they compare with its likeliest reading: a name that only one place
// bears, however small, surely means it, and one of two towns of like
// size likely. The subdivisions a name reads as keep their weight.
func relativeWeights(pts []ctxPoint) {
	top := 0.0
	for _, p := range pts {
		if p.sub < 0 {
			top = max(top, p.w)
		}
	}
	for i := range pts {
		if p := &pts[i]; p.sub < 0 && top > 0 {
			p.w = max(p.w, min(1, 1-(top-p.w)*relativeSlope))
		}
	}
}

// support sums, over the context names, the best support one of their
// readings lends a candidate at lat, lon in first-level subdivision
// admin1 (or -1) of country; sub is the candidate's own index when it is
// a first-level subdivision, else -1.
func (c *placeContext) support(lat, lon float64, admin1, sub, country int) float64 {
	if c == nil {
		return 0
	}
	cos := math.Cos(lat * math.Pi / 180)
	best := make([]float64, c.names)
	for i := range c.points {
		p := &c.points[i]
		var k float64
		switch {
		case p.sub >= 0 && sub >= 0:
			// Subdivisions named together are likely siblings: "Texas
			// and Oklahoma".
			if p.country == country && p.sub != sub {
				k = kSibling
			}
		case p.sub >= 0:
			// A named subdivision supports the places inside it.
			if admin1 >= 0 && p.sub == admin1 {
				k = kInside
			}
		case sub >= 0:
			// A subdivision is supported by the places inside it.
			if p.admin1 == sub {
				k = kInside
			}
		default:
			k = nearness(lat, lon, cos, p.lat, p.lon, p.cos)
		}
		if v := k * p.w; v > best[p.name] {
			best[p.name] = v
		}
	}
	var sum float64
	for _, v := range best {
		sum += v
	}
	return min(sum, maxContext)
}

// countrySupport sums the support the context names lend a country: the
// best weight of a reading inside it, per name.
func (c *placeContext) countrySupport(country int) float64 {
	if c == nil {
		return 0
	}
	best := make([]float64, c.names)
	for i := range c.points {
		if p := &c.points[i]; p.country == country && p.w > best[p.name] {
			best[p.name] = p.w
		}
	}
	var sum float64
	for _, v := range best {
		sum += v
	}
	return sum
}

// nearness is 1 for points within 30 km of each other, falling to 0 past
// 600 km. It uses the equirectangular approximation, which is close
// enough at these distances and much cheaper than Distance.
func nearness(lat1, lon1, cos1, lat2, lon2, cos2 float64) float64 {
	dlat := lat2 - lat1
	if dlat > 6 || dlat < -6 {
		return 0
	}
	dlon := lon2 - lon1
	if dlon > 180 {
		dlon -= 360
	} else if dlon < -180 {
		dlon += 360
	}
	dlon *= (cos1 + cos2) / 2
	d := 111.2 * math.Sqrt(dlat*dlat+dlon*dlon)
	switch {
	case d <= 30:
		return kClose
	case d <= 100:
		return 0.8
	case d <= 250:
		return 0.5
	case d <= 600:
		return 0.2
	}
	return 0
}
