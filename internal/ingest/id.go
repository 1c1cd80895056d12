package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"chronicle/internal/news"
)

// hashBytes is how many bytes of the SHA-256 sum ContentHash keeps.
const hashBytes = 16

// ContentHash returns the hex encoding of the first 16 bytes of the SHA-256
// sum of an article's normalised content: the title and the text joined by
// a space, in Unicode NFC, lower-cased, with every run of white space
// collapsed to one space and none at either end. Two copies of an article
// that differ only in case, white space or Unicode composition get the
// same hash.
func ContentHash(title, text string) string {
	h := sha256.New()
	buf := make([]byte, 0, utf8.UTFMax)
	space := false
	started := false
	write := func(s string) {
		var it norm.Iter
		it.InitString(norm.NFC, s)
		for !it.Done() {
			seg := it.Next()
			for _, r := range string(seg) {
				if unicode.IsSpace(r) {
					space = started
					continue
				}
				if space {
					h.Write([]byte{' '})
					space = false
				}
				started = true
				buf = utf8.AppendRune(buf[:0], unicode.ToLower(r))
				h.Write(buf)
			}
		}
	}
	write(title)
	space = started
	write(text)
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:hashBytes])
}

// ContentID returns the id of an article that has none of its own: "h"
// followed by the first 16 hex digits of ContentHash(title, text). The
// same content read again, from any input, gets the same id.
func ContentID(title, text string) news.ArticleID {
	return news.ArticleID("h" + ContentHash(title, text)[:16])
}

// finish completes an article read from an input: it sets Hash, the ID
// when the input gave none, and the Source when neither the input nor the
// page named one (the URL's host without "www.").
func finish(a *news.Article) {
	a.Hash = ContentHash(a.Title, a.Text)
	if a.ID == "" {
		a.ID = ContentID(a.Title, a.Text)
	}
	if a.Source == "" {
		a.Source = hostOf(a.URL)
	}
}

// hostOf returns the lower-cased host of an absolute URL without a
// leading "www.", or "" when the URL has none.
func hostOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(host, "www.")
}
