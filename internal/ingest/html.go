package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"chronicle/internal/news"
)

// minArticleWords is the fewest words a page's main text must have to be
// an article; less is a menu, a title or markup noise left by the
// extractor's fallback to the whole page.
const minArticleWords = 3

// page is what the HTML path finds in one web page.
type page struct {
	Title     string
	Author    string
	SiteName  string
	URL       string // canonical URL, else the URL the page was read from
	Published time.Time
	Text      string // main text, paragraphs separated by "\n\n"
}

// fill copies the page into an article, keeping what the article already
// has: metadata from the record wins over the page's.
func (p page) fill(a *news.Article) {
	a.Text = p.Text
	if a.Title == "" {
		a.Title = p.Title
	}
	if a.Author == "" {
		a.Author = p.Author
	}
	if a.URL == "" {
		a.URL = p.URL
	}
	if a.Source == "" {
		a.Source = p.SiteName
	}
	if a.Published.IsZero() {
		a.Published = p.Published
	}
}

// readHTML reads an HTML input: the page's main content is one article.
func (r *reader) readHTML(br *bufio.Reader, contentType string) error {
	b, err := r.readAll(br)
	if err != nil {
		return err
	}
	p, err := extractHTML(b, contentType, r.url)
	if err != nil {
		return &InputError{Input: r.name, Err: err}
	}
	a := &news.Article{Input: r.name}
	p.fill(a)
	return r.emitArticle(a)
}

// extractHTML finds the main text and the metadata of a web page with
// go-trafilatura. contentType (the HTTP Content-Type, if any) and the page
// itself decide its character encoding; pageURL, if known, resolves
// relative links and is the URL when the page names no canonical one. A
// page without main text is an error.
func extractHTML(b []byte, contentType, pageURL string) (p page, err error) {
	// The extractor is third-party code run on untrusted pages: a panic in
	// it is an error of this page, not a crash of the run.
	defer func() {
		if v := recover(); v != nil {
			p, err = page{}, fmt.Errorf("extract page: extractor failed: %v", v)
		}
	}()
	doc, err := html.Parse(bytes.NewReader(toUTF8(b, contentType)))
	if err != nil {
		return page{}, fmt.Errorf("parse html: %v", err)
	}
	opts := trafilatura.Options{
		EnableFallback: true,
		HtmlDateMode:   trafilatura.Fast,
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return page{}, fmt.Errorf("no article text found: %v", err)
	}
	text := htmlText(res.ContentNode)
	if text == "" {
		text = strings.Join(strings.Fields(strings.ToValidUTF8(res.ContentText, "\ufffd")), " ")
	}
	if countWords(text) < minArticleWords {
		return page{}, errors.New("no article text found")
	}
	m := res.Metadata
	return page{
		Title:     oneLine(m.Title),
		Author:    oneLine(m.Author),
		SiteName:  oneLine(m.Sitename),
		URL:       strings.TrimSpace(m.URL),
		Published: m.Date,
		Text:      text,
	}, nil
}

// countWords returns the number of runs of letters and digits in s.
func countWords(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }))
}

// toUTF8 returns an HTML page in UTF-8. Valid UTF-8 is kept as it is
// unless a byte order mark or the Content-Type says otherwise: a page
// that is valid UTF-8 but declares Latin-1 in a meta tag is nearly always
// mislabelled.
func toUTF8(b []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	if name == "utf-8" || (!certain && utf8.Valid(b)) {
		return b
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// oneLine returns s with white space collapsed and invalid UTF-8 replaced.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\ufffd")), " ")
}

// htmlText returns the text of an HTML tree: a paragraph per block
// element, separated by "\n\n", white space collapsed within paragraphs,
// and <br> kept as a line break. Scripts, styles and other non-text
// elements are skipped.
func htmlText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var t textWriter
	t.walk(n)
	t.flush()
	return strings.ToValidUTF8(t.out.String(), "\ufffd")
}

// textWriter accumulates the text of an HTML tree.
type textWriter struct {
	out   strings.Builder // finished paragraphs
	para  []byte          // the paragraph being written
	space bool            // white space is pending before the next word
}

func (t *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
		a := elementAtom(n)
		switch {
		case skipElement(a):
			return
		case a == atom.Br || n.Data == "lb":
			t.lineBreak()
			return
		case a == atom.Td || a == atom.Th:
			t.space = true
			defer func() { t.space = true }()
		case blockElement(a):
			t.flush()
			defer t.flush()
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c)
	}
}

// elementAtom returns an element's atom. Trees built by the extractor
// rather than the parser leave DataAtom unset.
func elementAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

func (t *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		if t.space && len(t.para) > 0 && t.para[len(t.para)-1] != '\n' {
			t.para = append(t.para, ' ')
		}
		t.space = false
		t.para = utf8.AppendRune(t.para, r)
	}
}

// lineBreak ends a line; a second break in a row ends the paragraph.
func (t *textWriter) lineBreak() {
	t.space = false
	switch {
	case len(t.para) == 0:
	case t.para[len(t.para)-1] == '\n':
		t.flush()
	default:
		t.para = append(t.para, '\n')
	}
}

// flush ends the current paragraph.
func (t *textWriter) flush() {
	p := bytes.TrimSpace(t.para)
	t.para = t.para[:0]
	t.space = false
	if len(p) == 0 {
		return
	}
	if t.out.Len() > 0 {
		t.out.WriteString("\n\n")
	}
	t.out.Write(p)
}

// skipElement reports whether an element holds no article text.
func skipElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Canvas,
		atom.Select, atom.Option, atom.Button, atom.Input, atom.Textarea:
		return true
	}
	return false
}

// blockElement reports whether an element starts a new paragraph.
func blockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption,
		atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.Nav, atom.Figure, atom.Figcaption, atom.Hr, atom.Address, atom.Details,
		atom.Summary, atom.Body, atom.Html, atom.Form, atom.Fieldset:
		return true
	}
	return false
}
