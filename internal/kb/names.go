package kb

// NameKind says what a surface name in the knowledge base stands for.
type NameKind string

// Kinds of names.
const (
	NameCountry     NameKind = "country"     // "France", "the Russian Federation"
	NameDemonym     NameKind = "demonym"     // "French", "Syrian"
	NameMetonym     NameKind = "metonym"     // "the Kremlin", "Downing Street"
	NameCapital     NameKind = "capital"     // a capital city
	NameSubdivision NameKind = "subdivision" // an ISO 3166-2 subdivision
	NamePlace       NameKind = "place"       // a populated place of the gazetteer
	NamePerson      NameKind = "person"
	NameOrg         NameKind = "org"
	NameTitle       NameKind = "title" // a role word or title: "President", "Foreign Minister", "Gen."
)

// Name is one surface form the recognisers look for, with the key of what
// it names: a country code, a place id, a person or organisation id.
type Name struct {
	Text string
	Kind NameKind
	Key  string
}

// Names calls fn for every surface name in the knowledge base.
func (k *KB) Names(fn func(Name)) {
	k.geo.names(fn)
	k.actors.names(fn)
}
