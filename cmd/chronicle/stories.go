package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"chronicle/internal/link"
	"chronicle/internal/news"
	"chronicle/internal/store"
)

func runStories(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("stories", "stories [--min N] [--limit N]\n\nLists the stories, largest first: title, span of dates, articles, main actors and events.", stdout, stderr)
	dbFlag(fs, &cfg)
	minArticles := fs.Int("min", 2, "list stories of at least `N` articles")
	limit := fs.Int("limit", 50, "list at most `N` stories; 0 lists all")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("stories: unexpected argument %q", fs.Arg(0))
	}
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()

	var stories []news.Story
	err = db.Stories(ctx, func(s news.Story) error {
		if len(s.Articles) >= *minArticles {
			stories = append(stories, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(stories, func(a, b news.Story) int {
		if c := cmp.Compare(len(b.Articles), len(a.Articles)); c != 0 {
			return c
		}
		return cmp.Compare(b.Last, a.Last)
	})
	if *limit > 0 && len(stories) > *limit {
		stories = stories[:*limit]
	}
	if len(stories) == 0 {
		fmt.Fprintf(stdout, "no stories of %d articles or more\n", *minArticles)
		return nil
	}
	for i, s := range stories {
		evs, err := db.StoryEvents(ctx, s.ID)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s  %s  %d articles\n", s.ID, dateSpan(s.First, s.Last), len(s.Articles))
		fmt.Fprintf(stdout, "  %s\n", cmp.Or(s.Title, "(no title)"))
		if a := mainActors(evs, 4); a != "" {
			fmt.Fprintf(stdout, "  actors: %s\n", a)
		}
		if e := eventCounts(evs, 5); e != "" {
			fmt.Fprintf(stdout, "  events: %s\n", e)
		}
	}
	return nil
}

func runShow(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("show", "show story|article|event|entity ID\n\nShows one story as a timeline of its linked events with their evidence, one\narticle with its own events and quotes as coded from it, one linked event with\neach report of it, or one entity's timeline: the linked events it takes part in,\nin date order (ID is an entity id or a name, matched as whole words).", stdout, stderr)
	dbFlag(fs, &cfg)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError("show: want story, article, event or entity, and an ID")
	}
	kind, id := fs.Arg(0), fs.Arg(1)
	if kind != "story" && kind != "article" && kind != "event" && kind != "entity" {
		return usageError("show: want story, article, event or entity, not %q", kind)
	}
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	switch kind {
	case "story":
		err = showStory(ctx, stdout, db, id)
	case "article":
		err = showArticle(ctx, stdout, db, news.ArticleID(id))
	case "entity":
		err = showEntity(ctx, stdout, db, id)
	default:
		err = showEvent(ctx, stdout, db, id)
	}
	if errors.Is(err, news.ErrNotFound) {
		return fmt.Errorf("no %s %q in %s", kind, id, cfg.DB)
	}
	return err
}

// showStory prints a story's articles and the timeline of its events.
func showStory(ctx context.Context, w io.Writer, db *store.DB, id string) error {
	s, err := db.Story(ctx, id)
	if err != nil {
		return err
	}
	evs, err := db.StoryEvents(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s\n%s  %s  %d articles\n\nArticles\n", cmp.Or(s.Title, "(no title)"), s.ID, dateSpan(s.First, s.Last), len(s.Articles))
	type row struct {
		date string
		line string
	}
	var rows []row
	for _, aid := range s.Articles {
		a, err := db.Article(ctx, aid)
		if errors.Is(err, news.ErrNotFound) {
			continue // deleted since the story was read
		}
		if err != nil {
			return err
		}
		r := a.Record()
		line := fmt.Sprintf("  %-10s  %-24s  %s  %s", deref(r.Published, "?")[:min(10, len(deref(r.Published, "?")))],
			deref(r.Source, "-"), a.ID, deref(r.Title, ""))
		if a.DuplicateOf != "" {
			line += fmt.Sprintf("  (copy of %s)", a.DuplicateOf)
		}
		rows = append(rows, row{deref(r.Published, ""), line})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.date, b.date) })
	for _, r := range rows {
		fmt.Fprintln(w, r.line)
	}
	fmt.Fprintln(w, "\nTimeline")
	if len(evs) == 0 {
		fmt.Fprintln(w, "  no events")
	}
	for _, e := range evs {
		printEvent(w, e)
	}
	return nil
}

// printEvent prints one linked event and its evidence.
func printEvent(w io.Writer, e news.Event) {
	fmt.Fprintf(w, "  %-10s  %-9s  %s", cmp.Or(e.Date, "?"), e.Type, actorName(e.Source, "?"))
	if !e.Target.IsZero() {
		fmt.Fprintf(w, " -> %s", actorName(e.Target, "?"))
	}
	if e.Location != nil {
		fmt.Fprintf(w, "  at %s", e.Location.Name)
	}
	if q := quantities(e.Quantities); q != "" {
		fmt.Fprintf(w, "  %s", q)
	}
	if e.DateMin != "" {
		fmt.Fprintf(w, "  (reports date it %s to %s)", e.DateMin, e.DateMax)
	}
	if e.Negated {
		fmt.Fprint(w, "  (negated)")
	}
	reports := map[news.ArticleID]bool{}
	for _, ev := range e.Evidence {
		reports[ev.Article] = true
	}
	fmt.Fprintf(w, "  [%s; %d articles, %d sources]\n", e.ID, len(reports), e.SourceCount)
	for _, ev := range e.Evidence {
		fmt.Fprintf(w, "      %s: %s\n", ev.Article, oneLine(ev.Sentence))
	}
}

// showArticle prints an article with its own events and quotes.
func showArticle(ctx context.Context, w io.Writer, db *store.DB, id news.ArticleID) error {
	a, err := db.Article(ctx, id)
	if err != nil {
		return err
	}
	clusters, err := db.EventClusters(ctx, id)
	if err != nil {
		return err
	}
	r := a.Record()
	fmt.Fprintf(w, "%s\n%s  %s  %s\n", deref(r.Title, "(no title)"), a.ID, deref(r.Source, "-"), deref(r.Published, "?"))
	if a.Story != "" {
		fmt.Fprintf(w, "story: %s\n", a.Story)
	}
	if a.DuplicateOf != "" {
		fmt.Fprintf(w, "copy of: %s\n", a.DuplicateOf)
	}
	fmt.Fprintf(w, "\nEvents (as coded from this article)\n")
	if len(a.Events) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for i, e := range a.Events {
		printEvent(w, e)
		if c, ok := clusters[i]; ok && c != e.ID {
			fmt.Fprintf(w, "      linked as %s\n", c)
		}
	}
	if len(a.Quotes) > 0 {
		fmt.Fprintf(w, "\nQuotes\n")
	}
	for _, q := range a.Quotes {
		speaker := "?"
		if q.Speaker != nil {
			speaker = actorName(*q.Speaker, "?")
		}
		fmt.Fprintf(w, "  %s: %q", speaker, oneLine(q.Text))
		if q.Cluster != "" {
			fmt.Fprintf(w, "  [%s]", q.Cluster)
		}
		fmt.Fprintln(w)
	}
	return nil
}

// showEvent prints a linked event and each report of it.
func showEvent(ctx context.Context, w io.Writer, db *store.DB, id string) error {
	reports, err := db.EventReports(ctx, id)
	if err != nil {
		return err
	}
	var linked *news.Event
	err = db.Events(ctx, func(e news.Event) error {
		if e.ID == id {
			linked = &e
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if linked != nil {
		fmt.Fprintln(w, "Linked event")
		printEvent(w, *linked)
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Reports (%d)\n", len(reports))
	for _, e := range reports {
		printEvent(w, e)
	}
	return nil
}

// showEntity prints an entity's timeline: the linked events it takes
// part in, by date, each with its reports. It returns news.ErrNotFound when
// the entity takes part in none.
func showEntity(ctx context.Context, w io.Writer, db *store.DB, entity string) error {
	var evs []news.Event
	err := db.Events(ctx, func(e news.Event) error {
		if link.TakesPart(e, entity) {
			evs = append(evs, e)
		}
		return nil
	})
	if err != nil {
		return err
	}
	tl := link.Timeline(evs, entity)
	if len(tl) == 0 {
		return news.ErrNotFound
	}
	fmt.Fprintf(w, "Timeline of %s: %d events\n", entity, len(tl))
	for _, en := range tl {
		fmt.Fprintf(w, "%3d", en.Rank)
		printEvent(w, en.Event)
	}
	return nil
}

// errStop ends a reader's iteration once the record sought is found.
var errStop = errors.New("stop")

func dateSpan(first, last string) string {
	switch {
	case first == "" && last == "":
		return "undated"
	case first == last || last == "":
		return first
	}
	return first + ".." + last
}

func deref(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}

func actorName(a news.Actor, def string) string {
	return cmp.Or(a.Name, a.Entity, strings.TrimSpace(a.Country+" "+string(a.Sector)), def)
}

// quantities writes quantities as "killed 12-15, injured 20".
func quantities(q map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !strings.HasSuffix(k, "_max") && !yield(k) {
				return
			}
		}
	}) {
		s := k + " " + strconv.Itoa(q[k])
		if hi, ok := q[k+"_max"]; ok {
			s += "-" + strconv.Itoa(hi)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mainActors returns the n actors most often named in events, by name.
func mainActors(evs []news.Event, n int) string {
	counts := map[string]int{}
	for _, e := range evs {
		for _, a := range append(slices.Clone(e.Sources), e.Targets...) {
			if a.Name != "" {
				counts[a.Name]++
			}
		}
	}
	return top(counts, n, false)
}

// eventCounts returns the n commonest event types, with their counts.
func eventCounts(evs []news.Event, n int) string {
	counts := map[string]int{}
	for _, e := range evs {
		counts[string(e.Type)]++
	}
	return top(counts, n, true)
}

// top returns the n keys of counts with the highest counts, ties by key.
func top(counts map[string]int, n int, withCounts bool) string {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range counts {
			if !yield(k) {
				return
			}
		}
	})
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	keys = keys[:min(n, len(keys))]
	if withCounts {
		for i, k := range keys {
			keys[i] = fmt.Sprintf("%s %d", k, counts[k])
		}
	}
	return strings.Join(keys, ", ")
}
