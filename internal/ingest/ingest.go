package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"chronicle/internal/news"
)

const (
	// DefaultMaxBytes is the size limit of one article when Options.MaxBytes is 0.
	DefaultMaxBytes = 10 << 20
	// DefaultTimeout is the timeout of the HTTP client used when Options.Client is nil.
	DefaultTimeout = 30 * time.Second

	sniffLen   = 8 << 10  // bytes looked at to detect the format and binary content
	bufferSize = 64 << 10 // read buffer of an input
	stdinName  = "stdin"  // the name "-" is reported under
)

// Options configure reading.
type Options struct {
	MaxBytes  int64        // largest article (file, JSON line, WARC record, fetched page) accepted; 0 means 10 MiB
	Follow    bool         // for feeds: fetch each item's page and extract its article instead of using the item text
	Client    *http.Client // for http(s) inputs and Follow; nil means a client with a 30 s timeout
	UserAgent string       // User-Agent header of requests; empty leaves the client's default
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: DefaultTimeout}
	}
	return o
}

// Item is one article read from an input, or the error that kept one
// record of it from being read. Exactly one of Article and Err is set; Err
// is an *InputError.
type Item struct {
	Article *news.Article
	Err     error
}

// InputError names the input (and 1-based line or record number, 0 if
// none) that could not be read.
type InputError struct {
	Input string
	Line  int
	Err   error
}

// Error returns "INPUT:LINE: message", or "INPUT: message" when there is
// no line.
func (e *InputError) Error() string {
	msg := "unreadable"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Line > 0 {
		return e.Input + ":" + strconv.Itoa(e.Line) + ": " + msg
	}
	return e.Input + ": " + msg
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// format is the layout of an input.
type format int

const (
	formatUnknown format = iota
	formatJSONL
	formatText
	formatHTML
	formatFeed
	formatWARC
)

// formatOfName returns the format a file name's extension announces, after
// stripping ".gz", and whether it had ".gz".
func formatOfName(name string) (f format, gz bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		gz = true
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	switch ext {
	case ".jsonl", ".ndjson":
		return formatJSONL, gz
	case ".txt":
		return formatText, gz
	case ".html", ".htm":
		return formatHTML, gz
	case ".xml", ".rss", ".atom":
		return formatFeed, gz
	case ".warc":
		return formatWARC, gz
	}
	return formatUnknown, gz
}

// formatOfMediaType returns the format an HTTP Content-Type announces, or
// formatUnknown when the bytes must decide (text/plain and generic XML are
// often mislabelled).
func formatOfMediaType(contentType string) format {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return formatUnknown
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return formatHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml":
		return formatFeed
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		return formatJSONL
	case "application/warc":
		return formatWARC
	}
	return formatUnknown
}

// sniff returns the format of content from its first bytes: '{' is JSONL,
// "WARC/1." is WARC, an <rss>, <feed> or <rdf> root (possibly after an XML
// declaration, comments or a doctype) is a feed, an <html> document is
// HTML, and anything else is text.
func sniff(b []byte) format {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	switch {
	case len(b) == 0:
		return formatText
	case b[0] == '{':
		return formatJSONL
	case bytes.HasPrefix(b, []byte("WARC/1.")):
		return formatWARC
	case b[0] != '<':
		return formatText
	}
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		var end []byte
		switch {
		case hasPrefixFold(b, "<?"):
			end = []byte("?>")
		case hasPrefixFold(b, "<!--"):
			end = []byte("-->")
		case hasPrefixFold(b, "<!doctype"):
			rest := bytes.TrimLeft(b[len("<!doctype"):], " \t\r\n")
			if hasPrefixFold(rest, "html") {
				return formatHTML
			}
			end = []byte(">")
		}
		if end == nil {
			break
		}
		i := bytes.Index(b, end)
		if i < 0 {
			return formatText
		}
		b = b[i+len(end):]
	}
	for _, root := range []string{"<rss", "<feed", "<rdf"} {
		if hasPrefixFold(b, root) {
			return formatFeed
		}
	}
	for _, root := range []string{"<html", "<head", "<body"} {
		if hasPrefixFold(b, root) {
			return formatHTML
		}
	}
	return formatText
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// looksBinary reports whether a sample is not text: it holds a NUL byte,
// or more than a quarter of its bytes are control characters or invalid
// UTF-8. A rune cut at the end of the sample is not counted.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			if !utf8.FullRune(b[i:]) {
				i = len(b)
				continue
			}
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f', r == 0x7f:
			bad++
		}
		i += n
	}
	return bad*4 > len(b)
}

// isURL reports whether an input names an http(s) URL.
func isURL(s string) bool {
	return hasPrefixFold([]byte(s), "http://") || hasPrefixFold([]byte(s), "https://")
}

// Expand turns command-line arguments into inputs: folders are walked
// recursively (sorted, hidden files and folders skipped, only files with a
// known extension taken), files, "-" (stdin) and http(s) URLs are kept as
// given. A path that does not exist is kept too, so that Read reports it
// with the other inputs. The files found in folders with no known
// extension are returned as skipped, for the caller to report: a file
// named on the command line is read whatever its name. Expand returns an
// *InputError when a folder cannot be walked.
func Expand(args []string) (inputs, skipped []string, err error) {
	for _, arg := range args {
		if arg == "-" || isURL(arg) {
			inputs = append(inputs, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			inputs = append(inputs, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return &InputError{Input: path, Err: pathErr(err)}
			}
			if path != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if f, _ := formatOfName(path); f != formatUnknown {
				inputs = append(inputs, path)
			} else {
				skipped = append(skipped, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return inputs, skipped, nil
}

// pathErr strips the operation and path from an *fs.PathError, which the
// *InputError around it names already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read reads one input and calls emit for every article or per-record
// error, in input order. It returns an *InputError when the input as a
// whole cannot be read (missing, unreadable gzip, binary, empty...), the
// context's error when ctx is done, and emit's error if emit fails. stdin
// is used for "-", which is reported as "stdin".
func Read(ctx context.Context, input string, stdin io.Reader, opt Options, emit func(Item) error) error {
	r := &reader{ctx: ctx, opt: opt.withDefaults(), name: input, emit: emit}
	switch {
	case input == "-":
		r.name = stdinName
		if stdin == nil {
			return r.errorf(0, "no standard input")
		}
		return r.read(stdin, formatUnknown, false, "")
	case isURL(input):
		return r.readURL(input)
	}
	f, err := os.Open(input)
	if err != nil {
		return &InputError{Input: input, Err: pathErr(err)}
	}
	defer f.Close() // read-only: a close error loses nothing
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return r.errorf(0, "is a folder")
	}
	kind, gz := formatOfName(input)
	return r.read(f, kind, gz, "")
}

// reader is the state of reading one input.
type reader struct {
	ctx  context.Context
	opt  Options
	name string // the input as reported in Article.Input and errors
	url  string // the URL the input was fetched from, if any
	emit func(Item) error
}

// errorf returns an *InputError for the input at a line (0 for none).
func (r *reader) errorf(line int, format string, args ...any) *InputError {
	return &InputError{Input: r.name, Line: line, Err: fmt.Errorf(format, args...)}
}

// emitErr emits a per-record error.
func (r *reader) emitErr(line int, err error) error {
	return r.emit(Item{Err: &InputError{Input: r.name, Line: line, Err: err}})
}

// emitArticle completes an article and emits it.
func (r *reader) emitArticle(a *news.Article) error {
	finish(a)
	return r.emit(Item{Article: a})
}

// inputAt returns the Article.Input of a record at a line.
func (r *reader) inputAt(line int) string {
	return r.name + ":" + strconv.Itoa(line)
}

// read gunzips src when it is gzip, checks that it is neither empty nor
// binary, settles its format and hands it to that format's reader.
// contentType is the HTTP Content-Type, if any.
func (r *reader) read(src io.Reader, f format, gz bool, contentType string) error {
	br := bufio.NewReaderSize(src, bufferSize)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return r.errorf(0, "read: %v", err)
	}
	if gz || isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.errorf(0, "unreadable gzip: %v", err)
		}
		defer zr.Close() // reading only: Close reports nothing new
		br = bufio.NewReaderSize(zr, bufferSize)
		contentType = ""
	}
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF {
		return r.errorf(0, "read: %v", err)
	}
	if len(head) < sniffLen && len(bytes.TrimSpace(head)) == 0 {
		return r.errorf(0, "empty input")
	}
	if f == formatUnknown {
		f = formatOfMediaType(contentType)
	}
	if f == formatUnknown {
		f = sniff(head)
	}
	if f != formatWARC && looksBinary(head) {
		return r.errorf(0, "binary content, not text")
	}
	switch f {
	case formatJSONL:
		return r.readJSONL(br)
	case formatHTML:
		return r.readHTML(br, contentType)
	case formatFeed:
		return r.readFeed(br)
	case formatWARC:
		return r.readWARC(br)
	default:
		return r.readText(br)
	}
}

// readAll reads the rest of an input that must hold at most MaxBytes.
func (r *reader) readAll(br io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(br, r.opt.MaxBytes+1))
	if err != nil {
		return nil, r.errorf(0, "read: %v", err)
	}
	if int64(len(b)) > r.opt.MaxBytes {
		return nil, r.errorf(0, "larger than %d bytes", r.opt.MaxBytes)
	}
	return b, nil
}
