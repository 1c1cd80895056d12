package kb

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"chronicle/internal/news"
)

// The actor files are parsed and checked here; actors.go holds the types
// and the lookups over them.

// loadActors parses the embedded actor files. Country codes are checked
// for form here; their membership in the country table is left to the
// tests, so that the two halves of the knowledge base load independently.
func loadActors(g *Geo) (*Actors, error) {
	return parseActors(actorFiles, "data/actors")
}

func parseActors(fsys fs.FS, dir string) (*Actors, error) {
	a := &Actors{
		sectorSet:  map[news.Sector]bool{},
		titleByKey: map[string]int{},
		instByKey:  map[string]int{},
		orgByID:    map[string]int{},
		orgByName:  map[string][]int{},
		personByID: map[string]int{},
		byName:     map[string][]int{},
		bySurname:  map[string][]int{},
		offices:    map[string][]actorRoleRef{},
		given:      map[string]bool{},
		surnames:   map[string]bool{},
	}
	steps := []struct {
		file  string
		cols  int
		parse func(file string, line int, f []string) error
	}{
		{"sectors.tsv", 3, a.addSector},
		{"titles.tsv", 5, a.addTitle},
		{"institutions.tsv", 4, a.addInstitution},
		{"orgs.tsv", 7, a.addOrg},
	}
	for _, s := range steps {
		if err := readActorTSV(fsys, path.Join(dir, s.file), s.cols, s.parse); err != nil {
			return nil, err
		}
	}
	// The given names are optional: without them no name is known by
	// its given name alone.
	if given := path.Join(dir, "given_names.txt"); fileExists(fsys, given) {
		if err := readActorTSV(fsys, given, 1, addWords(a.given)); err != nil {
			return nil, err
		}
	}
	if common := path.Join(dir, "common_surnames.txt"); fileExists(fsys, common) {
		if err := readActorTSV(fsys, common, 1, addWords(a.surnames)); err != nil {
			return nil, err
		}
	}
	files, err := fs.Glob(fsys, path.Join(dir, "people", "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("list people files: %v", err)
	}
	for _, f := range files {
		if err := readActorTSV(fsys, f, 10, a.addPersonRow); err != nil {
			return nil, err
		}
	}
	a.finishPeople()
	return a, nil
}

// fileExists reports whether name is a file of fsys.
func fileExists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// addWords returns a reader for the lines of a word list such as
// given_names.txt: words separated by spaces, each put into set folded.
func addWords(set map[string]bool) func(file string, line int, f []string) error {
	return func(file string, line int, f []string) error {
		for _, w := range strings.Fields(f[0]) {
			set[Fold(w)] = true
		}
		return nil
	}
}

// GivenName reports whether the folded word w is a common given name
// ("james", "mohammed", "olga").
func (a *Actors) GivenName(w string) bool { return a.given[w] }

// CommonSurname reports whether the folded word w is a common family
// name ("smith", "kim", "garcia"), which alone names nobody in
// particular.
func (a *Actors) CommonSurname(w string) bool { return a.surnames[w] }

// readActorTSV calls parse for every data line of a tab-separated file,
// padding missing trailing columns with empty strings.
func readActorTSV(fsys fs.FS, name string, cols int, parse func(file string, line int, f []string) error) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %v", name, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	base := path.Base(path.Dir(name)) + "/" + path.Base(name)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > cols {
			return fmt.Errorf("%s:%d: %d columns, want at most %d", base, n, len(f), cols)
		}
		for len(f) < cols {
			f = append(f, "")
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := parse(base, n, f); err != nil {
			return fmt.Errorf("%s:%d: %v", base, n, err)
		}
	}
	return sc.Err()
}

func (a *Actors) sector(code string) (news.Sector, error) {
	s := news.Sector(code)
	if !a.sectorSet[s] {
		return "", fmt.Errorf("unknown sector %q", code)
	}
	return s, nil
}

// addSector reads: code, name, definition.
func (a *Actors) addSector(_ string, _ int, f []string) error {
	if len(f[0]) != 3 || f[1] == "" {
		return fmt.Errorf("sector needs a 3-letter code and a name")
	}
	s := news.Sector(f[0])
	if a.sectorSet[s] {
		return fmt.Errorf("duplicate sector %s", s)
	}
	a.sectorSet[s] = true
	a.sectors = append(a.sectors, SectorInfo{Code: s, Name: f[1], Definition: f[2]})
	return nil
}

// addTitle reads: words, role, sector, person (yes/no), level.
func (a *Actors) addTitle(_ string, _ int, f []string) error {
	sec, err := a.sector(f[2])
	if err != nil {
		return err
	}
	level, ok := actorLevel(f[4])
	if !ok {
		return fmt.Errorf("unknown level %q", f[4])
	}
	if f[3] != "yes" && f[3] != "no" {
		return fmt.Errorf("person column %q, want yes or no", f[3])
	}
	t := Title{Words: f[0], Role: f[1], Sector: sec, Person: f[3] == "yes"}
	if t.Role == "" {
		t.Role = t.Words
	}
	k := actorKey(t.Words)
	if _, dup := a.titleByKey[k]; dup || k == "" {
		return fmt.Errorf("duplicate or empty title %q", t.Words)
	}
	a.titleByKey[k] = len(a.titles)
	a.titles = append(a.titles, t)
	a.titleLevel = append(a.titleLevel, level)
	return nil
}

// addInstitution reads: words, sector, role, type.
func (a *Actors) addInstitution(_ string, _ int, f []string) error {
	sec, err := a.sector(f[1])
	if err != nil {
		return err
	}
	typ, ok := actorEntityType(f[3])
	if !ok {
		return fmt.Errorf("unknown entity type %q", f[3])
	}
	k := institutionKey(f[0])
	if _, dup := a.instByKey[k]; dup || k == "" {
		return fmt.Errorf("duplicate or empty institution %q", f[0])
	}
	a.instByKey[k] = len(a.insts)
	a.insts = append(a.insts, Institution{Words: f[0], Sector: sec, Role: f[2], Type: typ})
	return nil
}

// addOrg reads: id, name, aliases, country, sector, kind, history.
func (a *Actors) addOrg(_ string, _ int, f []string) error {
	o := Org{ID: f[0], Name: f[1], Aliases: splitActorAliases(f[2]), Country: f[3], Kind: f[5]}
	if !validActorID(o.ID) || o.Name == "" {
		return fmt.Errorf("org needs a slug id and a name")
	}
	if _, dup := a.orgByID[o.ID]; dup {
		return fmt.Errorf("duplicate org id %s", o.ID)
	}
	if !IsAlpha3(o.Country) {
		return fmt.Errorf("org %s: bad country %q", o.ID, o.Country)
	}
	if !actorOrgKind(o.Kind) {
		return fmt.Errorf("org %s: unknown kind %q", o.ID, o.Kind)
	}
	var err error
	if o.Sector, err = a.sector(f[4]); err != nil {
		return err
	}
	if o.history, err = a.parseHistory(f[6]); err != nil {
		return fmt.Errorf("org %s: %v", o.ID, err)
	}
	i := len(a.orgs)
	a.orgByID[o.ID] = i
	a.orgs = append(a.orgs, o)
	for _, n := range append([]string{o.Name}, o.Aliases...) {
		k := actorKey(n)
		if !slices.Contains(a.orgByName[k], i) {
			a.orgByName[k] = append(a.orgByName[k], i)
		}
	}
	return nil
}

// parseHistory reads "REB 2001-12..2021-08; GOV 2021-08..": sectors over
// periods, the end exclusive and open when empty.
func (a *Actors) parseHistory(s string) ([]actorPeriod, error) {
	if s == "" {
		return nil, nil
	}
	var out []actorPeriod
	for _, part := range strings.Split(s, ";") {
		code, span, ok := strings.Cut(strings.TrimSpace(part), " ")
		from, to, ok2 := strings.Cut(span, "..")
		if !ok || !ok2 {
			return nil, fmt.Errorf("history %q, want SECTOR FROM..TO", part)
		}
		sec, err := a.sector(code)
		if err != nil {
			return nil, err
		}
		p := actorPeriod{sector: sec}
		if p.start, _, err = parseActorDate(from, false); err != nil {
			return nil, err
		}
		if to != "" {
			if p.end, _, err = parseActorDate(to, false); err != nil {
				return nil, err
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// addPersonRow reads: id, name, aliases, country, title, sector, start,
// end, org, note. A person's first row names them; later rows of the same
// id add roles and must directly follow.
func (a *Actors) addPersonRow(file string, _ int, f []string) error {
	id := f[0]
	if !validActorID(id) {
		return fmt.Errorf("bad person id %q", id)
	}
	i, seen := a.personByID[id]
	switch {
	case !seen:
		if f[1] == "" {
			return fmt.Errorf("first row of %s has no name", id)
		}
		i = len(a.people)
		a.personByID[id] = i
		a.people = append(a.people, Person{ID: id, Name: f[1], Aliases: splitActorAliases(f[2])})
	case i != len(a.people)-1:
		return fmt.Errorf("person id %s used again (rows of one person must be consecutive; ids are unique across files)", id)
	case f[1] != "" && f[1] != a.people[i].Name:
		return fmt.Errorf("person %s named twice (%q, %q)", id, a.people[i].Name, f[1])
	default:
		a.people[i].Aliases = append(a.people[i].Aliases, splitActorAliases(f[2])...)
	}
	r := Role{Country: f[3], Title: f[4], Org: f[8], Note: f[9]}
	if !IsAlpha3(r.Country) {
		return fmt.Errorf("%s: bad country %q", id, r.Country)
	}
	if r.Title == "" {
		return fmt.Errorf("%s: role without title", id)
	}
	if r.Country == "IGO" && r.Org == "" {
		return fmt.Errorf("%s: IGO role without org", id)
	}
	var err error
	if r.Sector, err = a.sector(f[5]); err != nil {
		return fmt.Errorf("%s: %v", id, err)
	}
	if r.Start, r.startPrec, err = parseActorDate(f[6], false); err != nil {
		return fmt.Errorf("%s: start: %v", id, err)
	}
	if f[7] != "" {
		if r.End, r.endPrec, err = parseActorDate(f[7], true); err != nil {
			return fmt.Errorf("%s: end: %v", id, err)
		}
		if r.End.Before(r.Start) {
			return fmt.Errorf("%s: role %s ends %s before it starts %s", id, r.Title, f[7], f[6])
		}
	}
	r.level = levelOther
	if ti, ok := a.titleByKey[actorKey(r.Title)]; ok {
		r.level = a.titleLevel[ti]
	}
	a.people[i].Roles = append(a.people[i].Roles, r)
	return nil
}

// finishPeople sorts roles, sets countries and builds the name and office
// indexes.
func (a *Actors) finishPeople() {
	for i := range a.people {
		p := &a.people[i]
		slices.SortStableFunc(p.Roles, func(x, y Role) int { return x.Start.Compare(y.Start) })
		p.Country = p.Roles[0].Country
		for _, r := range p.Roles {
			if !nonStateCode(r.Country) {
				p.Country = r.Country
				break
			}
		}
		p.Aliases = slices.Compact(p.Aliases)
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			k := actorKey(n)
			if !slices.Contains(a.byName[k], i) {
				a.byName[k] = append(a.byName[k], i)
			}
			if j := strings.LastIndexByte(k, ' '); j > 0 {
				s := k[j+1:]
				if len(s) > 2 && !slices.Contains(a.bySurname[s], i) {
					a.bySurname[s] = append(a.bySurname[s], i)
				}
			}
		}
		for j, r := range p.Roles {
			ref := actorRoleRef{i, j}
			role := a.canonicalRole(r.Title)
			a.offices[actorOfficeKey(r.Country, role)] = append(a.offices[actorOfficeKey(r.Country, role)], ref)
			if r.Org != "" {
				a.offices[actorOfficeKey(r.Org, role)] = append(a.offices[actorOfficeKey(r.Org, role)], ref)
			}
		}
	}
}

// parseActorDate parses YYYY-MM-DD, YYYY-MM or YYYY. A coarse date stands
// for its first day, or for its last day when end is set and only the year
// is known.
func parseActorDate(s string, end bool) (time.Time, actorDatePrec, error) {
	switch len(s) {
	case 10:
		t, err := time.Parse(time.DateOnly, s)
		return t, actorPrecDay, err
	case 7:
		t, err := time.Parse("2006-01", s)
		return t, actorPrecMonth, err
	case 4:
		t, err := time.Parse("2006", s)
		if end {
			t = t.AddDate(1, 0, -1)
		}
		return t, actorPrecYear, err
	}
	return time.Time{}, 0, fmt.Errorf("date %q, want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// bounds returns the earliest and latest days a role's start could be,
// and the earliest and latest days its end could be, given the precision
// of each date. An open end is far in the future.
func (r Role) bounds() (startLo, startHi, endLo, endHi time.Time) {
	span := func(t time.Time, p actorDatePrec, end bool) (time.Time, time.Time) {
		switch {
		case p == actorPrecMonth:
			return t, t.AddDate(0, 1, -1)
		case p == actorPrecYear && end:
			return t.AddDate(0, 0, 1).AddDate(-1, 0, 0), t
		case p == actorPrecYear:
			return t, t.AddDate(1, 0, -1)
		}
		return t, t
	}
	startLo, startHi = span(r.Start, r.startPrec, false)
	if r.End.IsZero() {
		far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		return startLo, startHi, far, far
	}
	endLo, endHi = span(r.End, r.endPrec, true)
	return startLo, startHi, endLo, endHi
}

func splitActorAliases(s string) []string {
	var out []string
	for _, al := range strings.Split(s, "|") {
		if al = strings.TrimSpace(al); al != "" {
			out = append(out, al)
		}
	}
	return out
}

// validActorID reports whether s is a lowercase ASCII slug.
func validActorID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// IsAlpha3 reports whether s has the form of an ISO 3166-1 alpha-3 code
// (or of one of the PLOVER codes of the same form): three capital letters.
func IsAlpha3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
