package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"chronicle/internal/news"
)

// readFeed reads an RSS or Atom feed (at most MaxBytes): every item is an
// article, numbered from 1 in Article.Input and errors. With Follow, an
// item's text comes from the page it links to.
func (r *reader) readFeed(br *bufio.Reader) error {
	b, err := r.readAll(br)
	if err != nil {
		return err
	}
	feed, err := parseFeed(b)
	if err != nil {
		return &InputError{Input: r.name, Err: err}
	}
	base := r.url
	if base == "" {
		base = feed.Link
	}
	source := oneLine(htmlToText(feed.Title))
	if source == "" {
		source = hostOf(absURL(base, feed.Link))
	}
	for i, it := range feed.Items {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		n := i + 1
		if it == nil {
			continue
		}
		a, err := r.feedArticle(it, base, source, n)
		if err != nil {
			if ctxErr := r.ctx.Err(); ctxErr != nil {
				return ctxErr // the fetch failed because the run was stopped
			}
			if err := r.emitErr(n, err); err != nil {
				return err
			}
			continue
		}
		if err := r.emitArticle(a); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed parses an RSS, Atom or JSON feed.
func parseFeed(b []byte) (feed *gofeed.Feed, err error) {
	// gofeed is third-party code run on untrusted input: a panic in it is
	// an error of this feed, not a crash of the run.
	defer func() {
		if v := recover(); v != nil {
			feed, err = nil, fmt.Errorf("parse feed: parser failed: %v", v)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %v", err)
	}
	return feed, nil
}

// feedArticle turns a feed item into an article. The item's metadata wins
// over a followed page's.
func (r *reader) feedArticle(it *gofeed.Item, base, source string, n int) (*news.Article, error) {
	a := &news.Article{
		ID:     news.ArticleID(strings.TrimSpace(it.GUID)),
		URL:    absURL(base, strings.TrimSpace(it.Link)),
		Source: source,
		Title:  oneLine(htmlToText(it.Title)),
		Input:  r.inputAt(n),
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.Published = *it.UpdatedParsed
	}
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			a.Author = oneLine(p.Name)
			break
		}
	}
	if r.opt.Follow {
		if a.URL == "" {
			return nil, errors.New("item has no link to follow")
		}
		p, err := r.fetchPage(a.URL)
		if err != nil {
			return nil, err
		}
		p.fill(a)
		return a, nil
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	a.Text = normalizeText(htmlToText(body))
	if a.Text == "" {
		return nil, errors.New("item has no text")
	}
	return a, nil
}

// htmlToText returns the text of a piece of feed markup: an HTML fragment
// goes through htmlText, plain text is returned as it is.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	return htmlText(doc)
}

// absURL resolves ref against base; it returns ref when either does not
// parse or ref is already absolute.
func absURL(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}
