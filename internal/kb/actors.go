package kb

import (
	"embed"
	"slices"
	"strings"
	"time"

	"chronicle/internal/news"
)

// actorFiles holds the actor knowledge: sectors, titles, institution
// patterns, organisations and people (people/*.tsv, one file per region).
//
//go:embed data/actors
var actorFiles embed.FS

// Actors holds people with their dated roles, organisations, titles,
// institution patterns and the PLOVER sectors. It is read-only after
// loading and safe for concurrent use.
type Actors struct {
	sectors    []SectorInfo
	sectorSet  map[news.Sector]bool
	titles     []Title
	titleLevel []int
	titleByKey map[string]int
	insts      []Institution
	instByKey  map[string]int
	orgs       []Org
	orgByID    map[string]int
	orgByName  map[string][]int
	people     []Person
	personByID map[string]int
	byName     map[string][]int // full names and listed aliases
	bySurname  map[string][]int // last words of names, used when no full name matches
	offices    map[string][]actorRoleRef
	given      map[string]bool // folded common given names
	surnames   map[string]bool // folded common family names
}

// SectorInfo describes one PLOVER sector code.
type SectorInfo struct {
	Code       news.Sector
	Name       string
	Definition string
}

// Title is a role word or title as news writes it ("Gen.", "Foreign
// Secretary"), with the canonical role it names ("General", "Foreign
// Minister") and the sector of its holders. Person is true when the title
// precedes a personal name ("President Lula", "Sgt. Smith").
type Title struct {
	Words  string
	Role   string
	Sector news.Sector
	Person bool
}

// Institution is a national institution or group named relative to a
// country or nationality: the Words of "the French foreign ministry",
// "Nigeria's armed forces" or "ministry of foreign affairs of Chile" are
// "foreign ministry", "armed forces" and "ministry of foreign affairs".
type Institution struct {
	Words  string
	Sector news.Sector
	Role   string
	Type   news.EntityType
}

// Role is one office a person held. Country is an ISO 3166-1 alpha-3 code,
// or IGO with Org naming the organisation. A zero End means the role is
// still held.
type Role struct {
	Title   string
	Country string
	Org     string
	Note    string
	Sector  news.Sector
	Start   time.Time
	End     time.Time

	level     int // seniority: 0 head of state, 1 head of government, 2 minister, 3 other
	startPrec actorDatePrec
	endPrec   actorDatePrec
}

// Person is a person of the news with the roles held since 2000.
// Country is the country of the person's first national role.
type Person struct {
	ID      string
	Name    string
	Country string
	Aliases []string
	Roles   []Role
}

// Org is an organisation: an international body, a national institution
// with a name of its own, a party, an armed group, a company, an NGO or a
// news outlet. Country is an alpha-3 code or one of the PLOVER non-state
// codes (IGO, UNO, EUR, NGO, ISM, IMG, MNC). Kind is one of igo, state,
// party, armed, ngo, company, media, edu and rel; news outlets (kind
// media, sector JRN) report events rather than take part in them.
type Org struct {
	ID      string
	Name    string
	Country string
	Kind    string
	Sector  news.Sector
	Aliases []string

	history []actorPeriod
}

type actorPeriod struct {
	sector     news.Sector
	start, end time.Time
}

type actorRoleRef struct{ person, role int }

type actorDatePrec uint8

const (
	actorPrecDay actorDatePrec = iota
	actorPrecMonth
	actorPrecYear
)

// Role levels, most senior first.
const (
	levelState = iota
	levelGovernment
	levelMinister
	levelOther
)

// nonStateCode reports whether code is one of the PLOVER manual's codes for
// international non-state actors, which stand in the country column of
// organisations and roles.
func nonStateCode(code string) bool {
	switch code {
	case "IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC":
		return true
	}
	return false
}

// actorLevel maps the level column of titles.tsv to a seniority.
func actorLevel(s string) (int, bool) {
	switch s {
	case "state":
		return levelState, true
	case "government":
		return levelGovernment, true
	case "minister":
		return levelMinister, true
	case "":
		return levelOther, true
	}
	return 0, false
}

// actorOrgKind reports whether s is a known organisation kind.
func actorOrgKind(s string) bool {
	switch s {
	case "igo", "state", "party", "armed", "ngo", "company", "media", "edu", "rel":
		return true
	}
	return false
}

// actorEntityType maps the type column of institutions.tsv.
func actorEntityType(s string) (news.EntityType, bool) {
	switch s {
	case "ORG":
		return news.Org, true
	case "PERSON":
		return news.Person, true
	}
	return "", false
}

// actorKey is the lookup form of a name: folded, without a leading
// article and without trailing dots ("The U.S." and "the U.S" agree).
func actorKey(s string) string {
	k := strings.TrimRight(Fold(s), ".")
	k = strings.TrimPrefix(k, "the ")
	return strings.TrimSpace(k)
}

// institutionKey is actorKey with the last word made singular, so that
// "soldiers" finds "soldier" and "authorities" finds "authority".
func institutionKey(s string) string {
	k := actorKey(s)
	i := strings.LastIndexByte(k, ' ') + 1
	w := k[i:]
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && len(w) > 3:
		w = w[:len(w)-1]
	}
	return k[:i] + w
}

// Sectors returns the PLOVER sectors in manual order.
func (a *Actors) Sectors() []SectorInfo { return slices.Clone(a.sectors) }

// Title returns the title written words, compared through Fold.
func (a *Actors) Title(words string) (Title, bool) {
	i, ok := a.titleByKey[actorKey(words)]
	if !ok {
		return Title{}, false
	}
	return a.titles[i], true
}

// Institution returns the institution pattern written words ("foreign
// ministry", "the army", "soldiers"), compared through Fold and with the
// last word's plural folded into its singular.
func (a *Actors) Institution(words string) (Institution, bool) {
	i, ok := a.instByKey[institutionKey(words)]
	if !ok {
		return Institution{}, false
	}
	return a.insts[i], true
}

// Institutions returns every institution pattern in file order.
func (a *Actors) Institutions() []Institution { return slices.Clone(a.insts) }

// Person returns the person with the given id.
func (a *Actors) Person(id string) (Person, bool) {
	i, ok := a.personByID[id]
	if !ok {
		return Person{}, false
	}
	return a.people[i], true
}

// PeopleByName returns the people whose name or listed alias is name,
// compared through Fold; when there is none, the people whose name ends
// in name ("Merkel", "Lula da Silva"). The result is in file order and
// empty when nobody matches.
func (a *Actors) PeopleByName(name string) []Person {
	k := actorKey(name)
	idx := a.byName[k]
	if len(idx) == 0 {
		idx = a.bySurname[k]
	}
	out := make([]Person, 0, len(idx))
	for _, i := range idx {
		out = append(out, a.people[i])
	}
	return out
}

// Org returns the organisation with the given id.
func (a *Actors) Org(id string) (Org, bool) {
	i, ok := a.orgByID[id]
	if !ok {
		return Org{}, false
	}
	return a.orgs[i], true
}

// OrgsByName returns the organisations whose name or alias is name,
// compared through Fold and ignoring a leading "the", in file order.
func (a *Actors) OrgsByName(name string) []Org {
	idx := a.orgByName[actorKey(name)]
	out := make([]Org, 0, len(idx))
	for _, i := range idx {
		out = append(out, a.orgs[i])
	}
	return out
}

// SectorAt returns the organisation's sector on t: armed movements that
// took power (or lost it) change sector over time. With a zero t it
// returns the current sector.
func (o Org) SectorAt(t time.Time) news.Sector {
	for _, p := range o.history {
		if (t.IsZero() && p.end.IsZero()) || (!t.IsZero() && !t.Before(p.start) && (p.end.IsZero() || t.Before(p.end))) {
			return p.sector
		}
	}
	return o.Sector
}

// held reports whether the role was held on t.
func (r Role) held(t time.Time) bool {
	return !t.Before(r.Start) && (r.End.IsZero() || !t.After(r.End))
}

// RoleAt returns the most senior role the person held on t (head of state
// before head of government before minister before any other role; the
// later start among equals). With a zero t it returns the latest role.
// It reports false when the person held no role on t.
func (p Person) RoleAt(t time.Time) (Role, bool) {
	best := -1
	for i, r := range p.Roles {
		if !t.IsZero() && !r.held(t) {
			continue
		}
		if best < 0 || betterActorRole(r, p.Roles[best], t.IsZero()) {
			best = i
		}
	}
	if best < 0 {
		return Role{}, false
	}
	return p.Roles[best], true
}

// betterActorRole reports whether r beats cur: by start when latest is set,
// otherwise by seniority and then start.
func betterActorRole(r, cur Role, latest bool) bool {
	if !latest && r.level != cur.level {
		return r.level < cur.level
	}
	if !r.Start.Equal(cur.Start) {
		return r.Start.After(cur.Start)
	}
	return r.level < cur.level
}

// LedBefore reports whether the person was head of state or government of
// a country at some time up to t (at any time with a zero t): such a
// leader's surname alone names the leader in the news for years after.
func (p Person) LedBefore(t time.Time) bool {
	for _, r := range p.Roles {
		if r.level <= levelGovernment && !nonStateCode(r.Country) && (t.IsZero() || !r.Start.After(t)) {
			return true
		}
	}
	return false
}

// SectorAt returns the person's sector on t: that of the role held on t,
// ELI (a former official) when every role ended before t, or "" when the
// person held no role by then. With a zero t it is the latest role's
// sector.
func (p Person) SectorAt(t time.Time) news.Sector {
	if r, ok := p.RoleAt(t); ok {
		return r.Sector
	}
	for _, r := range p.Roles {
		if !r.Start.After(t) {
			return news.SectorElite
		}
	}
	return ""
}

// Holder returns who held the office title of country on t: Holder("USA",
// "President", t), Holder("GBR", "Prime Minister", t). Titles compare
// through their canonical role, so "Secretary of State" of the USA finds
// the foreign minister. For international organisations country is the
// organisation's name as the people files give it ("UN", "NATO"). When
// coarse dates let two holders qualify, the later appointee wins.
func (a *Actors) Holder(country, title string, t time.Time) (Person, bool) {
	refs := a.offices[actorOfficeKey(country, a.canonicalRole(title))]
	best := actorRoleRef{-1, -1}
	for _, ref := range refs {
		r := a.people[ref.person].Roles[ref.role]
		if !r.held(t) {
			continue
		}
		if best.person < 0 || r.Start.After(a.people[best.person].Roles[best.role].Start) {
			best = ref
		}
	}
	if best.person < 0 {
		return Person{}, false
	}
	return a.people[best.person], true
}

// canonicalRole returns the folded canonical role of a title.
func (a *Actors) canonicalRole(title string) string {
	if t, ok := a.Title(title); ok && t.Role != "" {
		return actorKey(t.Role)
	}
	return actorKey(title)
}

func actorOfficeKey(country, role string) string {
	return actorKey(country) + "\x00" + role
}

// names calls fn for every person name and alias, organisation name and
// alias, and title.
func (a *Actors) names(fn func(Name)) {
	for _, p := range a.people {
		fn(Name{Text: p.Name, Kind: NamePerson, Key: p.ID})
		for _, al := range p.Aliases {
			fn(Name{Text: al, Kind: NamePerson, Key: p.ID})
		}
	}
	for _, o := range a.orgs {
		fn(Name{Text: o.Name, Kind: NameOrg, Key: o.ID})
		for _, al := range o.Aliases {
			fn(Name{Text: al, Kind: NameOrg, Key: o.ID})
		}
	}
	for _, t := range a.titles {
		fn(Name{Text: t.Words, Kind: NameTitle, Key: t.Words})
	}
}
