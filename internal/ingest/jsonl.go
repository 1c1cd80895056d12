package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"chronicle/internal/news"
)

// record is one line of a JSONL input, as fixed by the outside contract.
// Author is accepted as well, though the contract does not name it.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Title     string          `json:"title"`
	Author    string          `json:"author"`
	Published string          `json:"published"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
}

// readJSONL reads a JSONL input line by line. A line that is not a valid
// record is emitted as an error and reading goes on; blank lines are
// skipped.
func (r *reader) readJSONL(br *bufio.Reader) error {
	lr := lineReader{br: br, max: r.opt.MaxBytes}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return r.errorf(lr.n, "read: %v", err)
		}
		if tooLong {
			if err := r.emitErr(lr.n, fmt.Errorf("line longer than %d bytes", r.opt.MaxBytes)); err != nil {
				return err
			}
			continue
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		a, err := r.parseRecord(line, lr.n)
		if err != nil {
			if err := r.emitErr(lr.n, err); err != nil {
				return err
			}
			continue
		}
		if err := r.emitArticle(a); err != nil {
			return err
		}
	}
}

// parseRecord turns one JSONL line into an article.
func (r *reader) parseRecord(line []byte, n int) (*news.Article, error) {
	if err := checkUTF8(line); err != nil {
		return nil, err
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, jsonError(err)
	}
	id, err := recordID(rec.ID)
	if err != nil {
		return nil, err
	}
	published, err := parsePublished(rec.Published)
	if err != nil {
		return nil, err
	}
	a := &news.Article{
		ID:        id,
		URL:       strings.TrimSpace(rec.URL),
		Source:    strings.TrimSpace(rec.Source),
		Title:     strings.TrimSpace(rec.Title),
		Author:    strings.TrimSpace(rec.Author),
		Published: published,
		Input:     r.inputAt(n),
	}
	switch {
	case rec.Text != nil && strings.TrimSpace(*rec.Text) != "":
		a.Text = normalizeText(*rec.Text)
	case rec.HTML != nil && strings.TrimSpace(*rec.HTML) != "":
		p, err := extractHTML([]byte(*rec.HTML), "", a.URL)
		if err != nil {
			return nil, err
		}
		p.fill(a)
	case rec.Text != nil || rec.HTML != nil:
		return nil, errors.New("empty text")
	default:
		return nil, errors.New("record has neither text nor html")
	}
	return a, nil
}

// jsonError rewords a decoding error without the Go type names.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("malformed record: a JSON %s, want an object", te.Value)
		}
		return fmt.Errorf("malformed record: %s is a JSON %s, want a %s", te.Field, te.Value, te.Type)
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

// recordID returns a record's id, which may be a JSON string or number.
func recordID(raw json.RawMessage) (news.ArticleID, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", jsonError(err)
		}
		return news.ArticleID(strings.TrimSpace(s)), nil
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil {
		return "", fmt.Errorf("malformed record: id is %s, want a string or a number", raw)
	}
	return news.ArticleID(num.String()), nil
}

// publishedLayouts returns the accepted forms of a published date, most
// common first: the contract's date and RFC 3339 time, then what exports
// and feeds commonly hold.
func publishedLayouts() []string {
	return []string{
		time.RFC3339Nano,
		news.DateFormat,
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02T15:04:05Z0700",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 MST",
		time.RFC1123,
		time.RFC1123Z,
		"Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 -0700",
		time.RFC850,
		time.ANSIC,
		"2006/01/02",
		"2 January 2006",
		"2 Jan 2006",
		"January 2, 2006",
		"Jan 2, 2006",
	}
}

// parsePublished parses a published date. An empty value is the zero
// time; a time without a zone is taken as UTC.
func parsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range publishedLayouts() {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unparseable published date %q (want YYYY-MM-DD or an RFC 3339 time)", s)
}

// lineReader reads lines of at most max bytes from a bufio.Reader without
// holding more than one line in memory.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte
	n   int // number of the line last returned, 1-based
}

// next returns the next line without its line ending. A line longer than
// max is skipped and reported with tooLong. next returns io.EOF after the
// last line.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	read := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			if int64(len(lr.buf)+len(bytes.TrimRight(chunk, "\r\n"))) > lr.max {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch err {
		case nil:
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if !read {
				return nil, false, io.EOF
			}
		default:
			lr.n++
			return nil, false, err
		}
		break
	}
	lr.n++
	if tooLong {
		return nil, true, nil
	}
	return bytes.TrimRight(lr.buf, "\r\n"), false, nil
}
