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
	buf := make([]byte, 0, len(title)+len(text)+1)
	buf = appendNormalized(buf, title)
	buf = appendNormalized(buf, text)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:hashBytes])
}

// appendNormalized appends s to dst in NFC, lower-cased, with white space
// collapsed to single spaces, and a space before s when dst is not empty.
func appendNormalized(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFC.String(s)
	}
	space := len(dst) > 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'):
			space = len(dst) > 0
			continue
		case r >= utf8.RuneSelf && unicode.IsSpace(r):
			space = len(dst) > 0
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// ContentID returns the id of an article that has none of its own: "h"
// followed by the first 16 hex digits of ContentHash(title, text). The
// same content read again, from any input, gets the same id.
func ContentID(title, text string) news.ArticleID {
	return news.ArticleID("h" + ContentHash(title, text)[:16])
}

// finish completes an article read from an input: it repairs mojibake in
// its title and text (see repairMojibake), and sets Hash, the ID when the
// input gave none, and the Source when neither the input nor the page
// named one (the URL's host without "www.").
func finish(a *news.Article) {
	a.Title, a.Text = repairMojibake(a.Title), repairMojibake(a.Text)
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
