// Command chronicle turns news articles into event data: who did what to
// whom, when and where, who said what, and which people, organisations and
// places were involved, each record pointing at the sentence that says so.
//
// This package is the only place that reads flags and the environment and
// wires the pipeline together; see run for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, ee.msg)
		}
		os.Exit(ee.code)
	}
	fmt.Fprintln(os.Stderr, "chronicle:", err)
	os.Exit(1)
}

// exitError carries an exit status other than 1: 2 for bad usage, 1 with a
// message already printed for partly failed ingests.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return fmt.Sprintf("exit status %d", e.code)
}

func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: "chronicle: " + fmt.Sprintf(format, args...)}
}

const usage = `Chronicle turns news into event data: who did what to whom, when and where,
who said what, and which people, organisations and places were involved.

Usage:
  chronicle <command> [flags] [arguments]

Commands:
  ingest INPUT...        read files, folders, - (stdin) or URLs; code and store every article
  extract [FILE|-]       code one input without a database; JSONL records to stdout
  export --what KIND     write stored records (articles, events, quotes, entities, places, dates, stories)
  serve                  HTTP JSON API and web UI over the database
  explain EVENT_ID       show why an event exists: sentence, rule, pattern, actors
  stories                list stories: title, dates, articles, main actors and events
  show story|article|event|entity ID
                         a story's timeline, an article's own events, one event's reports,
                         or an entity's timeline across articles
  eval --gold FILE       score what is stored against a hand-coded gold file
  version                print the version

Every command takes --db PATH (default chronicle.db, or $CHRONICLE_DB) where it
uses a database. Run "chronicle <command> --help" for a command's flags.
`

// run dispatches the subcommand. It is main without the process: tests call
// it with their own arguments, environment and streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2}
	}
	cfg := defaultConfig(getenv)
	if getenv("GOMEMLIMIT") == "" {
		// The knowledge base holds about 110 MB; a soft limit makes the
		// collector work harder before the process nears the 300 MB that
		// a run may take whatever its input size.
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "ingest":
		return runIngest(ctx, cfg, rest, stdin, stdout, stderr)
	case "extract":
		return runExtract(ctx, cfg, rest, stdin, stdout, stderr)
	case "export":
		return runExport(ctx, cfg, rest, stdout, stderr)
	case "explain":
		return runExplain(ctx, cfg, rest, stdout, stderr)
	case "stories":
		return runStories(ctx, cfg, rest, stdout, stderr)
	case "show":
		return runShow(ctx, cfg, rest, stdout, stderr)
	case "eval":
		return runEval(ctx, cfg, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, cfg, rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "chronicle", versionString())
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError("unknown command %q", cmd)
	}
}
