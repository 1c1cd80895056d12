package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"chronicle/internal/news"
)

// maxTitleBytes is the length from which a first line is body text, not a
// title.
const maxTitleBytes = 200

// readText reads a plain-text input: the whole of it is one article.
func (r *reader) readText(br *bufio.Reader) error {
	b, err := r.readAll(br)
	if err != nil {
		return err
	}
	if err := checkUTF8(b); err != nil {
		return &InputError{Input: r.name, Line: lineOf(b, invalidUTF8At(b)), Err: err}
	}
	text := normalizeText(string(b))
	if text == "" {
		return r.errorf(0, "empty input")
	}
	a := &news.Article{Title: textTitle(text), Text: text, Input: r.name}
	if r.url != "" {
		a.URL = r.url
	}
	return r.emitArticle(a)
}

// textTitle returns the first line of a plain text when it reads as a
// title: shorter than 200 bytes, followed by a blank line and not ending
// with a full stop. Otherwise it returns "".
func textTitle(text string) string {
	first, rest, ok := strings.Cut(text, "\n")
	if !ok {
		return ""
	}
	title := strings.TrimSpace(first)
	blank, _, _ := strings.Cut(rest, "\n")
	if title == "" || len(title) >= maxTitleBytes || strings.HasSuffix(title, ".") ||
		strings.TrimSpace(blank) != "" || strings.TrimSpace(rest) == "" {
		return ""
	}
	return title
}

// normalizeText returns text with a leading byte order mark dropped, line
// endings turned into "\n" and surrounding white space trimmed.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// checkUTF8 returns an error naming the first invalid byte of b, or nil
// when b is valid UTF-8.
func checkUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	i := invalidUTF8At(b)
	if i < 0 {
		return nil
	}
	return fmt.Errorf("invalid UTF-8 at byte %d", i)
}

// invalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8, or -1.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineOf returns the 1-based line number of offset i in b, or 0 when i is
// negative.
func lineOf(b []byte, i int) int {
	if i < 0 {
		return 0
	}
	return bytes.Count(b[:i], []byte("\n")) + 1
}
