package kb

import (
	"flag"
	"maps"
	"os"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite data/geo/places.idx")

// computedGeo loads the geography without places.idx, computing its
// indexes and subdivision points as places.idx would give them.
func computedGeo(t testing.TB) *Geo {
	t.Helper()
	g, err := loadGeoIndex("")
	if err != nil {
		t.Fatalf("loadGeoIndex(\"\") error: %v", err)
	}
	g.indexAlternates()
	g.locate()
	return g
}

// TestPlacesIndex checks that places.idx is what the data gives now; with
// -update (go generate) it rewrites it.
func TestPlacesIndex(t *testing.T) {
	g := computedGeo(t)
	sum, err := geoDataSum()
	if err != nil {
		t.Fatalf("geoDataSum() error: %v", err)
	}
	b := g.encodeIndex(sum)
	if *update {
		if err := os.WriteFile("data/geo/places.idx", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(b) != placesIndex {
		t.Fatalf("data/geo/places.idx (%d bytes) is not what the data gives (%d bytes): run go generate ./internal/kb, or go test ./internal/kb -run TestPlacesIndex -update",
			len(placesIndex), len(b))
	}
	if !testGeo(t).subsLocated {
		t.Error("loadGeo() did not read places.idx")
	}
}

// TestReadIndex checks that the geography read with places.idx equals the
// one computed without it.
func TestReadIndex(t *testing.T) {
	want := computedGeo(t)
	sum, err := geoDataSum()
	if err != nil {
		t.Fatalf("geoDataSum() error: %v", err)
	}
	data := string(want.encodeIndex(sum))
	got, err := loadGeoIndex(data)
	if err != nil {
		t.Fatalf("loadGeoIndex() error: %v", err)
	}
	if !got.subsLocated {
		t.Fatal("loadGeoIndex(encodeIndex()) did not read the index")
	}
	got.indexAlternates()
	got.locate()
	if !slices.Equal(got.places.recs, want.places.recs) {
		t.Error("places read differ from those parsed")
	}
	if !slices.Equal(got.places.countryPop, want.places.countryPop) {
		t.Error("countries' populations read differ from those summed")
	}
	if !maps.Equal(got.places.capitals, want.places.capitals) {
		t.Errorf("capitals read = %v, want %v", got.places.capitals, want.places.capitals)
	}
	for _, x := range []struct {
		name      string
		got, want *hashIndex
	}{
		{"primary", &got.places.primary, &want.places.primary},
		{"alternate", &got.places.alt, &want.places.alt},
	} {
		if !slices.Equal(x.got.keys, x.want.keys) || !slices.Equal(x.got.vals, x.want.vals) {
			t.Errorf("%s index read differs from the one computed", x.name)
		}
	}
	for i := range want.subs {
		w, g := &want.subs[i], &got.subs[i]
		if g.lat != w.lat || g.lon != w.lon || g.pop != w.pop || g.hasGeo != w.hasGeo {
			t.Errorf("sub %s = %v,%v pop %d geo %v, want %v,%v pop %d geo %v",
				w.Code, g.lat, g.lon, g.pop, g.hasGeo, w.lat, w.lon, w.pop, w.hasGeo)
		}
	}
	for i := range want.territories {
		if g, w := got.territories[i], want.territories[i]; g != w {
			t.Errorf("territory %q = %+v, want %+v", w.name, g, w)
		}
	}
}

// TestReadIndexRejects checks that an index that does not belong to the
// data, or is damaged, is ignored and the geography computed.
func TestReadIndexRejects(t *testing.T) {
	sum, err := geoDataSum()
	if err != nil {
		t.Fatalf("geoDataSum() error: %v", err)
	}
	c := computedGeo(t)
	good, stale := string(c.encodeIndex(sum)), string(c.encodeIndex(sum+1))
	// The country of the first place, out of range.
	head := len(indexMagic) + 4*4
	badCountry := good[:head+12] + "\xff\x7f" + good[head+14:]
	tests := []struct {
		name, data string
	}{
		{"empty", ""},
		{"magic only", indexMagic},
		{"other checksum", stale},
		{"truncated", good[:len(good)-1]},
		{"cut in the keys", good[:head+100]},
		{"trailing byte", good + "\x00"},
		{"country out of range", badCountry},
	}
	g, err := loadGeoIndex("")
	if err != nil {
		t.Fatalf("loadGeoIndex() error: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g.readIndex(tt.data, sum) {
				t.Fatalf("readIndex(%s) = true, want false", tt.name)
			}
			if g.subsLocated || g.places.alt.keys != nil {
				t.Errorf("readIndex(%s) changed the geography", tt.name)
			}
		})
	}
}
