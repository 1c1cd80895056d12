package store

import (
	"context"
	"database/sql"
	"slices"

	"chronicle/internal/news"
)

// Entities calls fn with one record per entity id found on stored
// mentions (Mention.Actor.Entity), in the order of the ids. The record is
// built from the entity's mentions in all articles:
//
//   - Name is the most frequent full name: the resolved actor name of a
//     mention, or the mention's text when it has none and is not a
//     reference ("he", "the minister"); the longest wins a tie.
//   - Aliases are the other distinct names and mention texts, references
//     aside, sorted.
//   - Articles are the distinct ids of the articles that mention it, sorted.
//   - Mentions counts every mention, references included.
//   - Type, Country, Sector and Role are the most frequent non-empty values
//     of the mentions.
//
// Ties not settled above go to the value that sorts first. An error from
// fn stops the iteration and is returned as it is.
func (db *DB) Entities(ctx context.Context, fn func(news.Entity) error) error {
	var cur *entityTally
	err := db.stream(ctx, "entities", `SELECT entity, article, text, type, ref, name, country, sector, role
		FROM mentions WHERE entity IS NOT NULL ORDER BY entity, article, idx`, func(rows *sql.Rows) error {
		var (
			entity, article, text            string
			ref                              int
			typ, name, country, sector, role sql.NullString
		)
		if err := rows.Scan(&entity, &article, &text, &typ, &ref, &name, &country, &sector, &role); err != nil {
			return err
		}
		if cur != nil && cur.id != entity {
			if err := fn(cur.entity()); err != nil {
				return stopError{err}
			}
			cur = nil
		}
		if cur == nil {
			cur = newEntityTally(entity)
		}
		cur.add(news.ArticleID(article), text, ref >= 0, news.Actor{Name: name.String, Country: country.String,
			Sector: news.Sector(sector.String), Role: role.String}, news.EntityType(typ.String))
		return nil
	})
	if err != nil || cur == nil {
		return err
	}
	return fn(cur.entity())
}

// entityTally gathers the mentions of one entity.
type entityTally struct {
	id       string
	articles []news.ArticleID
	mentions int
	names    tally // full names, for Name
	texts    tally // texts of mentions that are not references
	types    tally
	country  tally
	sector   tally
	role     tally
}

func newEntityTally(id string) *entityTally {
	return &entityTally{id: id, names: tally{}, texts: tally{}, types: tally{}, country: tally{}, sector: tally{}, role: tally{}}
}

// add counts one mention; mentions arrive in the order of their articles.
func (t *entityTally) add(article news.ArticleID, text string, ref bool, a news.Actor, typ news.EntityType) {
	t.mentions++
	if n := len(t.articles); n == 0 || t.articles[n-1] != article {
		t.articles = append(t.articles, article)
	}
	switch {
	case a.Name != "":
		t.names.add(a.Name)
	case !ref:
		t.names.add(text)
	}
	if !ref {
		t.texts.add(text)
	}
	t.types.add(string(typ))
	t.country.add(a.Country)
	t.sector.add(string(a.Sector))
	t.role.add(a.Role)
}

// entity returns the entity record.
func (t *entityTally) entity() news.Entity {
	name := t.names.best(true)
	if name == "" {
		// Every mention is an unresolved reference: its words are all
		// there is to name it by.
		name = t.texts.best(true)
	}
	var aliases []string
	for _, m := range []tally{t.names, t.texts} {
		for s := range m {
			if s != name && !slices.Contains(aliases, s) {
				aliases = append(aliases, s)
			}
		}
	}
	slices.Sort(aliases)
	return news.Entity{
		ID: t.id, Name: name, Type: news.EntityType(t.types.best(false)), Country: t.country.best(false),
		Sector: news.Sector(t.sector.best(false)), Role: t.role.best(false),
		Aliases: aliases, Articles: t.articles, Mentions: t.mentions,
	}
}

// tally counts non-empty strings.
type tally map[string]int

func (t tally) add(s string) {
	if s != "" {
		t[s]++
	}
}

// best returns the most frequent string, or "" for an empty tally. Ties go
// to the longer string when longer is set, then to the one that sorts first.
func (t tally) best(longer bool) string {
	var b string
	n := 0
	for s, c := range t {
		switch {
		case c > n:
		case c < n:
			continue
		case longer && len(s) > len(b):
		case longer && len(s) < len(b):
			continue
		case s > b:
			continue
		}
		b, n = s, c
	}
	return b
}
