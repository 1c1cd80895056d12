package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chronicle/internal/news"
)

// The linker (package link) keeps its state here and writes its results:
// near-duplicates to articles.duplicate_of, stories to stories,
// link_members and articles.story, events reported by several articles to
// event_clusters and link_events, and quote clusters to quotes.cluster.
// The store does not link; it keeps what the linker hands it. What only
// the linker reads is read on the writer's connection (see linkRead).

// LinkNode is the linker's stored state of one article.
type LinkNode struct {
	Article news.ArticleID
	State   []byte   // the linker's encoding of the article's profile
	Keys    []uint64 // index keys the article is filed under; set when saving
	Stories []string // stories the article belongs to, sorted; set when reading

	Story       string         // the article's main story
	DuplicateOf news.ArticleID // the article's original, when it is a copy
}

// ArticleLink is the main story and the original of one article.
type ArticleLink struct {
	ID          news.ArticleID
	Story       string
	DuplicateOf news.ArticleID
}

// EventRef names one stored event: its article and its position in it.
type EventRef struct {
	Article news.ArticleID
	Index   int
}

// EventCluster is one event reported by several articles of a story: the
// merged record, which the Events reader exports in place of the reports,
// and the reports themselves.
type EventCluster struct {
	Story   string
	Event   news.Event // merged record; Event.ID is the cluster's id
	Rep     EventRef   // the representative report, whose place the record takes
	Members []EventRef // every report, the representative included
}

// QuoteLink is the cluster of one stored quote.
type QuoteLink struct {
	Article news.ArticleID
	Index   int
	Cluster string // "" for a quote reported once
}

// StoryMember is the membership of one article in one story.
type StoryMember struct {
	Story   string
	Article news.ArticleID
}

// Links is what one step of linking writes, all in one transaction, in
// this order: nodes, gone stories, stories, memberships, articles, event
// clusters, quotes.
type Links struct {
	Nodes    []LinkNode       // profiles to store, replacing the articles' old ones and their keys
	Drop     []news.ArticleID // articles gone from the store: their profile, keys and memberships go
	Gone     []string         // stories that no longer exist, with their memberships and event clusters
	Stories  []news.Story     // stories to store, replacing their rows; Articles lists the members that join
	Left     []StoryMember    // memberships that end
	Articles []ArticleLink    // main story and original of articles
	// DropClusters are event clusters that no longer exist; Unclustered
	// are events that are in no cluster any more.
	DropClusters []string
	Unclustered  []EventRef
	Events       []EventCluster // event clusters to store, replacing those of the same id
	Quotes       []QuoteLink
}

// LinkArticles returns the stored articles of ids, in the order of their
// ids and without those not stored, with their text, removed spans,
// sentences, mentions, dates, events and quotes: what the linker reads of
// an article.
func (db *DB) LinkArticles(ctx context.Context, ids []news.ArticleID) ([]*news.Article, error) {
	return db.linkArticles(ctx, ids, true)
}

// LinkRecords returns the events and quotes of the stored articles of
// ids, as articles holding only their ID, Hash, Source, Story,
// DuplicateOf, Events and Quotes, in the order of their ids and without those not
// stored: what the linker reads of the other articles of a story.
func (db *DB) LinkRecords(ctx context.Context, ids []news.ArticleID) ([]*news.Article, error) {
	return db.linkArticles(ctx, ids, false)
}

func (db *DB) linkArticles(ctx context.Context, ids []news.ArticleID, full bool) ([]*news.Article, error) {
	ids = sortedIDs(ids)
	var out []*news.Article
	err := db.linkRead(ctx, func(tx *sql.Tx) error {
		byID := map[news.ArticleID]*news.Article{}
		for chunk := range chunks(ids) {
			args, in := inArgs(chunk)
			var err error
			if full {
				err = each(ctx, tx, selectArticle+` WHERE id IN (`+in+`) ORDER BY id`, args, func(rows *sql.Rows) error {
					a, err := scanArticle(rows)
					if err != nil {
						return err
					}
					byID[a.ID] = a
					out = append(out, a)
					return nil
				})
			} else {
				err = each(ctx, tx, `SELECT id, hash, source, story, duplicate_of FROM articles WHERE id IN (`+in+`) ORDER BY id`, args,
					func(rows *sql.Rows) error {
						var (
							id, hash             string
							source, story, dupOf sql.NullString
						)
						if err := rows.Scan(&id, &hash, &source, &story, &dupOf); err != nil {
							return err
						}
						a := &news.Article{ID: news.ArticleID(id), Hash: hash, Source: source.String, Story: story.String,
							DuplicateOf: news.ArticleID(dupOf.String)}
						byID[a.ID] = a
						out = append(out, a)
						return nil
					})
			}
			if err != nil {
				return fmt.Errorf("read articles: %v", err)
			}
			where := ` WHERE article IN (` + in + `) ORDER BY article, idx`
			if full {
				if err := each(ctx, tx, selectSentences+where, args, func(rows *sql.Rows) error {
					var (
						s  news.Sentence
						id string
					)
					err := rows.Scan(&id, &s.Index, &s.Span.Start, &s.Span.End)
					if a := byID[news.ArticleID(id)]; a != nil {
						a.Sentences = append(a.Sentences, s)
					}
					return err
				}); err != nil {
					return fmt.Errorf("read sentences: %v", err)
				}
				if err := each(ctx, tx, selectMentions+where, args, func(rows *sql.Rows) error {
					id, m, err := scanMention(rows)
					if a := byID[id]; a != nil {
						a.Mentions = append(a.Mentions, m)
					}
					return err
				}); err != nil {
					return fmt.Errorf("read mentions: %v", err)
				}
				if err := each(ctx, tx, selectDates+where, args, func(rows *sql.Rows) error {
					id, d, err := scanDate(rows)
					if a := byID[id]; a != nil {
						a.Dates = append(a.Dates, d)
					}
					return err
				}); err != nil {
					return fmt.Errorf("read dates: %v", err)
				}
			}
			if err := each(ctx, tx, selectEvents+where, args, func(rows *sql.Rows) error {
				e, err := scanEvent(rows)
				if a := byID[e.Article]; a != nil {
					a.Events = append(a.Events, e)
				}
				return err
			}); err != nil {
				return fmt.Errorf("read events: %v", err)
			}
			if err := each(ctx, tx, selectQuotes+where, args, func(rows *sql.Rows) error {
				q, err := scanQuote(rows)
				if a := byID[q.Article]; a != nil {
					a.Quotes = append(a.Quotes, q)
				}
				return err
			}); err != nil {
				return fmt.Errorf("read quotes: %v", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *news.Article) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return out, nil
}

// LinkNodes returns the linker's state of each of ids that has one, in the
// order of their ids, with the stories each belongs to.
func (db *DB) LinkNodes(ctx context.Context, ids []news.ArticleID) ([]LinkNode, error) {
	ids = sortedIDs(ids)
	var out []LinkNode
	err := db.linkRead(ctx, func(tx *sql.Tx) error {
		for chunk := range chunks(ids) {
			args, in := inArgs(chunk)
			at := map[news.ArticleID]int{}
			err := each(ctx, tx, `SELECT article, state, story, duplicate_of FROM link_nodes
				WHERE article IN (`+in+`) ORDER BY article`, args,
				func(rows *sql.Rows) error {
					var (
						n          LinkNode
						id         string
						story, dup sql.NullString
					)
					if err := rows.Scan(&id, &n.State, &story, &dup); err != nil {
						return err
					}
					n.Article, n.Story, n.DuplicateOf = news.ArticleID(id), story.String, news.ArticleID(dup.String)
					at[n.Article] = len(out)
					out = append(out, n)
					return nil
				})
			if err != nil {
				return fmt.Errorf("read link state: %v", err)
			}
			err = each(ctx, tx, `SELECT article, story FROM link_members WHERE article IN (`+in+`) ORDER BY article, story`, args,
				func(rows *sql.Rows) error {
					var id, story string
					if err := rows.Scan(&id, &story); err != nil {
						return err
					}
					if i, ok := at[news.ArticleID(id)]; ok {
						out[i].Stories = append(out[i].Stories, story)
					}
					return nil
				})
			if err != nil {
				return fmt.Errorf("read story members: %v", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LinkGeneration returns the generation of the linker's stored state: the
// number of SaveLinks transactions ever committed. A linker that keeps
// stored state in memory compares it with the generation its own last
// SaveLinks left, to tell whether anything else wrote links in between.
func (db *DB) LinkGeneration(ctx context.Context) (int64, error) {
	var g int64
	err := db.linkRead(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT generation FROM link_generation WHERE id = 1`).Scan(&g)
	})
	if err != nil {
		return 0, fmt.Errorf("read link generation: %v", err)
	}
	return g, nil
}

// LinkLookup returns the ids of the articles filed under any of keys,
// sorted and each once.
func (db *DB) LinkLookup(ctx context.Context, keys []uint64) ([]news.ArticleID, error) {
	keys = slices.Clone(keys)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = int64(k)
	}
	ids, err := db.articlesWhereIn(ctx, `SELECT DISTINCT article FROM link_keys WHERE key IN (%s)`, args)
	if err != nil {
		return nil, fmt.Errorf("look up link keys: %v", err)
	}
	return ids, nil
}

// StoryArticles returns the ids of the member articles of stories, sorted
// and each once.
func (db *DB) StoryArticles(ctx context.Context, stories []string) ([]news.ArticleID, error) {
	args := make([]any, len(stories))
	for i, st := range stories {
		args[i] = st
	}
	// The tables behind the story_articles view, each through its index:
	// SQLite does not push an IN list into the view's UNION, and would
	// scan every membership.
	ids, err := db.articlesWhereIn(ctx, `SELECT article FROM link_members WHERE story IN (%[1]s)
		UNION SELECT id FROM articles WHERE story IN (%[1]s)`, args)
	if err != nil {
		return nil, fmt.Errorf("read story members: %v", err)
	}
	return ids, nil
}

// articlesWhereIn runs query, whose %[1]s verbs (%s when it has one) each
// take the same list of placeholders, over args in chunks that SQLite
// accepts, and returns the article ids it selects, sorted and each once.
func (db *DB) articlesWhereIn(ctx context.Context, query string, args []any) ([]news.ArticleID, error) {
	var out []news.ArticleID
	err := db.linkRead(ctx, func(tx *sql.Tx) error {
		for len(args) > 0 {
			n := min(len(args), inChunk)
			lists := max(1, strings.Count(query, "%[1]s"))
			chunk := make([]any, 0, lists*n)
			for range lists {
				chunk = append(chunk, args[:n]...)
			}
			err := each(ctx, tx, fmt.Sprintf(query, qmarks(n)), chunk, func(rows *sql.Rows) error {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				out = append(out, news.ArticleID(id))
				return nil
			})
			if err != nil {
				return err
			}
			args = args[n:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sortedIDs(out), nil
}

// LinkClusters returns the event clusters of stories, each with its Story,
// its Event.ID and its Members (not the merged record), in the order of
// their ids.
func (db *DB) LinkClusters(ctx context.Context, stories []string) ([]EventCluster, error) {
	var out []EventCluster
	err := db.linkRead(ctx, func(tx *sql.Tx) error {
		stories := slices.Clone(stories)
		for len(stories) > 0 {
			n := min(len(stories), inChunk)
			args := make([]any, n)
			for i, s := range stories[:n] {
				args[i] = s
			}
			err := each(ctx, tx, `SELECT c.id, c.story, l.article, l.idx FROM event_clusters c
				JOIN link_events l ON l.cluster = c.id WHERE c.story IN (`+qmarks(n)+`) ORDER BY c.id, l.article, l.idx`, args,
				func(rows *sql.Rows) error {
					var (
						id, story, article string
						idx                int
					)
					if err := rows.Scan(&id, &story, &article, &idx); err != nil {
						return err
					}
					if k := len(out); k == 0 || out[k-1].Event.ID != id {
						out = append(out, EventCluster{Story: story, Event: news.Event{ID: id}})
					}
					c := &out[len(out)-1]
					c.Members = append(c.Members, EventRef{Article: news.ArticleID(article), Index: idx})
					return nil
				})
			if err != nil {
				return fmt.Errorf("read event clusters: %v", err)
			}
			stories = stories[n:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// inChunk is how many values one IN list holds.
const inChunk = 500

// chunks yields ids inChunk at a time.
func chunks(ids []news.ArticleID) func(yield func([]news.ArticleID) bool) {
	return func(yield func([]news.ArticleID) bool) {
		for len(ids) > 0 {
			n := min(len(ids), inChunk)
			if !yield(ids[:n]) {
				return
			}
			ids = ids[n:]
		}
	}
}

// inArgs returns the arguments and placeholders of an IN list of ids.
func inArgs(ids []news.ArticleID) ([]any, string) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = string(id)
	}
	return args, qmarks(len(ids))
}

// qmarks returns "?, ?, ..." for n parameters: anonymous parameters, since
// SQLite looks a numbered one up in a list, which costs the square of a
// long IN list's length.
func qmarks(n int) string {
	if n == 0 {
		return ""
	}
	return "?" + strings.Repeat(", ?", n-1)
}

// sortedIDs returns ids sorted, each once.
func sortedIDs(ids []news.ArticleID) []news.ArticleID {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// storyMembers selects the articles of the story $1, as the story_articles
// view holds them, through the index of each table behind it: SQLite does
// not push a condition into the view's UNION, and would scan every
// membership.
const storyMembers = `SELECT article FROM link_members WHERE story = $1 UNION SELECT id AS article FROM articles WHERE story = $1`

// StoryEvents returns the linked events of a story: its event clusters'
// merged records and the events of its articles reported once, in the
// order of their dates (unknown last), then articles and positions.
func (db *DB) StoryEvents(ctx context.Context, story string) ([]news.Event, error) {
	var out []news.Event
	err := db.read(ctx, func(tx *sql.Tx) error {
		err := each(ctx, tx, `SELECT article, record FROM event_clusters WHERE story = $1
			UNION ALL
			SELECT e.article, e.record FROM events e JOIN (`+storyMembers+`) m ON m.article = e.article
			WHERE NOT EXISTS (SELECT 1 FROM link_events l WHERE l.article = e.article AND l.idx = e.idx)`,
			[]any{story}, func(rows *sql.Rows) error {
				e, err := scanEvent(rows)
				out = append(out, e)
				return err
			})
		if err != nil {
			return fmt.Errorf("read events of story %s: %v", story, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b news.Event) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return strings.Compare(string(a.Article), string(b.Article))
	})
	return out, nil
}

// Story returns the stored story id with its articles. It returns an
// error wrapping news.ErrNotFound when there is no such story.
func (db *DB) Story(ctx context.Context, id string) (news.Story, error) {
	var s news.Story
	err := db.read(ctx, func(tx *sql.Tx) error {
		var title, first, last sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, title, first, last FROM stories WHERE id = $1`, id).Scan(&s.ID, &title, &first, &last)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("story %s: %w", id, news.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read story %s: %v", id, err)
		}
		s.Title, s.First, s.Last = title.String, first.String, last.String
		err = each(ctx, tx, storyMembers+` ORDER BY article`, []any{id}, func(rows *sql.Rows) error {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			s.Articles = append(s.Articles, news.ArticleID(a))
			return nil
		})
		if err != nil {
			return fmt.Errorf("read story %s: %v", id, err)
		}
		return nil
	})
	return s, err
}

// EventReports returns the reports of the linked event id: the stored
// events of its cluster, or the one event of that id when it is in none,
// in the order of their articles and positions. It returns an error
// wrapping news.ErrNotFound when there is no such event.
func (db *DB) EventReports(ctx context.Context, id string) ([]news.Event, error) {
	var out []news.Event
	err := db.read(ctx, func(tx *sql.Tx) error {
		err := each(ctx, tx, `SELECT e.article, e.record FROM link_events l JOIN events e ON e.article = l.article AND e.idx = l.idx
			WHERE l.cluster = $1 ORDER BY e.article, e.idx`, []any{id}, func(rows *sql.Rows) error {
			e, err := scanEvent(rows)
			out = append(out, e)
			return err
		})
		if err == nil && len(out) == 0 {
			err = each(ctx, tx, selectEvents+` WHERE id = $1 ORDER BY article, idx`, []any{id}, func(rows *sql.Rows) error {
				e, err := scanEvent(rows)
				out = append(out, e)
				return err
			})
		}
		if err != nil {
			return fmt.Errorf("read reports of event %s: %v", id, err)
		}
		if len(out) == 0 {
			return fmt.Errorf("event %s: %w", id, news.ErrNotFound)
		}
		return nil
	})
	return out, err
}

// EventClusters returns the cluster of each event of the article that is
// reported by other articles too, by the event's position in the article.
func (db *DB) EventClusters(ctx context.Context, article news.ArticleID) (map[int]string, error) {
	out := map[int]string{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		return each(ctx, tx, `SELECT idx, cluster FROM link_events WHERE article = $1`, []any{string(article)}, func(rows *sql.Rows) error {
			var (
				i int
				c string
			)
			if err := rows.Scan(&i, &c); err != nil {
				return err
			}
			out[i] = c
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read event clusters of %s: %v", article, err)
	}
	return out, nil
}
