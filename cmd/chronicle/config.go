package main

import (
	"chronicle/internal/store"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
)

// Config is every setting of a run. It is filled from defaults, then the
// environment (CHRONICLE_*), then flags, checked by Validate and handed out
// piecewise to constructors.
type Config struct {
	DB       string // SQLite database path
	Workers  int    // coding workers
	MaxBytes int64  // largest article accepted
	Batch    int    // articles per write transaction
	// MemoryLimit is the Go heap's soft limit in bytes, unless GOMEMLIMIT
	// sets one.
	MemoryLimit int64
}

// defaultConfig returns the defaults overridden by the environment.
func defaultConfig(getenv func(string) string) Config {
	c := Config{
		DB:       "chronicle.db",
		Workers:  runtime.GOMAXPROCS(0),
		MaxBytes: 10 << 20,
		Batch:    128,

		MemoryLimit: 200 << 20,
	}
	if v := getenv("CHRONICLE_DB"); v != "" {
		c.DB = v
	}
	if n, err := strconv.Atoi(getenv("CHRONICLE_WORKERS")); err == nil && n > 0 {
		c.Workers = n
	}
	if n, err := strconv.ParseInt(getenv("CHRONICLE_MAX_BYTES"), 10, 64); err == nil && n > 0 {
		c.MaxBytes = n
	}
	return c
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.DB == "":
		return fmt.Errorf("--db must not be empty")
	case c.Workers < 1:
		return fmt.Errorf("--workers must be at least 1, not %d", c.Workers)
	case c.MaxBytes < 1:
		return fmt.Errorf("--max-bytes must be at least 1, not %d", c.MaxBytes)
	case c.Batch < 1:
		return fmt.Errorf("--batch must be at least 1, not %d", c.Batch)
	}
	return nil
}

// newFlagSet returns a flag set for one subcommand whose --help prints the
// usage line and the flags to stdout.
func newFlagSet(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: chronicle %s\n\nFlags:\n", synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	return fs
}

// parseFlags parses args, whose flags may come before, between or after
// the other arguments ("ingest feed.xml --db news.db"); after "--" every
// argument is taken as it is. fs.Args() then holds the other arguments, in
// order. --help is a success that prints usage, any other flag error is
// bad usage (exit status 2).
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return true, nil
			}
			return false, &exitError{code: 2}
		}
		left := fs.Args()
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			rest = append(rest, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	// Parsing "--" and the other arguments makes them fs.Args().
	if err := fs.Parse(append([]string{"--"}, rest...)); err != nil {
		return false, &exitError{code: 2}
	}
	return false, nil
}

func dbFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DB, "db", c.DB, "SQLite database `path` ($CHRONICLE_DB)")
}

func workFlags(fs *flag.FlagSet, c *Config) {
	fs.IntVar(&c.Workers, "workers", c.Workers, "coding workers ($CHRONICLE_WORKERS)")
	fs.Int64Var(&c.MaxBytes, "max-bytes", c.MaxBytes, "largest article, file or JSON line accepted, in bytes ($CHRONICLE_MAX_BYTES)")
}

// openExisting opens the database of cfg, which must exist.
func openExisting(ctx context.Context, cfg Config) (*store.DB, error) {
	if _, err := os.Stat(cfg.DB); err != nil {
		return nil, fmt.Errorf("open database %s: %v", cfg.DB, err)
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %v", cfg.DB, err)
	}
	return db, nil
}
