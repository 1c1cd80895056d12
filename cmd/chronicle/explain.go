package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"chronicle/internal/kb"
	"chronicle/internal/news"
)

var errFound = errors.New("found")

func runExplain(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("explain", "explain EVENT_ID\n\nShows why an event record exists: the sentence it rests on with the words the rule\nmatched, the pattern that fired with its dictionary example, and where each field\ncame from.", stdout, stderr)
	dbFlag(fs, &cfg)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("explain: one EVENT_ID is required")
	}
	id := fs.Arg(0)
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	var ev news.Event
	err = db.Events(ctx, func(e news.Event) error {
		if e.ID == id {
			ev = e
			return errFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return err
	}
	if ev.ID == "" {
		return fmt.Errorf("event %s: %w", id, news.ErrNotFound)
	}
	a, err := db.Article(ctx, ev.Article)
	if err != nil {
		return fmt.Errorf("article %s of event %s: %v", ev.Article, id, err)
	}
	patterns, err := kb.LoadPatterns()
	if err != nil {
		return err
	}
	return explain(stdout, ev, a, patterns)
}

// explain prints the evidence and provenance of one event.
func explain(w io.Writer, ev news.Event, a *news.Article, p *kb.Patterns) error {
	var b strings.Builder
	fmt.Fprintf(&b, "event      %s\n", ev.ID)
	fmt.Fprintf(&b, "type       %s", ev.Type)
	if ev.Mode != "" {
		fmt.Fprintf(&b, " (mode %s)", ev.Mode)
	}
	if ev.CAMEO != "" {
		fmt.Fprintf(&b, ", CAMEO %s", ev.CAMEO)
	}
	fmt.Fprintf(&b, ", intensity %.1f, quad class %d, confidence %.2f\n", ev.Intensity, ev.Quad, ev.Confidence)
	if ev.Negated {
		b.WriteString("negated    yes: the sentence says it did not happen\n")
	}
	if ev.Modality != "" {
		fmt.Fprintf(&b, "modality   %s: not reported as done\n", ev.Modality)
	}
	fmt.Fprintf(&b, "article    %s (%s)\n", a.ID, orDash(a.Title))
	if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
		s := a.Sentences[ev.Sentence]
		text := s.Text(a.Text)
		if ev.Trigger.Start >= s.Span.Start && ev.Trigger.End <= s.Span.End && ev.Trigger.Len() > 0 {
			i, j := ev.Trigger.Start-s.Span.Start, ev.Trigger.End-s.Span.Start
			text = text[:i] + "[" + text[i:j] + "]" + text[j:]
		}
		fmt.Fprintf(&b, "sentence   %d, bytes %d-%d:\n           %s\n", s.Index, s.Span.Start, s.Span.End, text)
	}
	fmt.Fprintf(&b, "rule       %s\n", orDash(ev.Rule))
	for _, pat := range p.All() {
		if pat.ID == ev.Rule {
			fmt.Fprintf(&b, "pattern    %q, example: %s\n", pat.Text, pat.Example)
			break
		}
	}
	for _, side := range []struct {
		name   string
		actors []news.Actor
	}{{"source", ev.Sources}, {"target", ev.Targets}} {
		if len(side.actors) == 0 {
			fmt.Fprintf(&b, "%-10s none found\n", side.name)
		}
		for _, act := range side.actors {
			fmt.Fprintf(&b, "%-10s %s [entity %s, country %s, sector %s, role %s]\n", side.name, orDash(act.Name),
				orDash(act.Entity), orDash(act.Country), orDash(string(act.Sector)), orDash(act.Role))
		}
	}
	switch {
	case ev.Date == "":
		b.WriteString("date       unknown\n")
	case ev.DateText != "":
		fmt.Fprintf(&b, "date       %s (%s) from %q\n", ev.Date, ev.DatePrecision, ev.DateText)
	default:
		fmt.Fprintf(&b, "date       %s (%s) from the article's publication date\n", ev.Date, ev.DatePrecision)
	}
	if ev.Location != nil {
		fmt.Fprintf(&b, "location   %s, %s", orDash(ev.Location.Name), orDash(ev.Location.Country))
		if ev.Location.HasGeo {
			fmt.Fprintf(&b, " (%.4f, %.4f)", ev.Location.Lat, ev.Location.Lon)
		}
		b.WriteString("\n")
	}
	for k, v := range ev.Quantities {
		fmt.Fprintf(&b, "quantity   %s = %d\n", k, v)
	}
	for _, e := range ev.Evidence {
		fmt.Fprintf(&b, "evidence   %s, sentence %d (%s)\n", e.Article, e.Index, orDash(e.Source))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
