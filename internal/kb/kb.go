// Package kb is Chronicle's embedded knowledge: countries and their names,
// subdivisions, a world gazetteer, people and the roles they held, and
// organisations. The knowledge is data: readable files under data/,
// generated where a registry package ships it (see gen/) and embedded in
// the binary with go:embed.
//
// Recognition (extract) and resolution (resolve) read it; kb itself imports
// only the standard library and news.
package kb

import "fmt"

// KB is the loaded knowledge base. It is read-only after Load and safe for
// concurrent use.
type KB struct {
	geo    *Geo
	actors *Actors
	sov    *Sovereignty
}

// Load parses the embedded knowledge files.
func Load() (*KB, error) {
	geo, err := loadGeo()
	if err != nil {
		return nil, fmt.Errorf("load geography: %v", err)
	}
	actors, err := loadActors(geo)
	if err != nil {
		return nil, fmt.Errorf("load actors: %v", err)
	}
	sov, err := LoadSovereignty()
	if err != nil {
		return nil, fmt.Errorf("load sovereignty: %v", err)
	}
	return &KB{geo: geo, actors: actors, sov: sov}, nil
}

// Geo returns the countries, subdivisions and places.
func (k *KB) Geo() *Geo { return k.geo }

// Actors returns the people and organisations.
func (k *KB) Actors() *Actors { return k.actors }
