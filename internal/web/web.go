// Package web is Chronicle's browser interface over the store: a list of
// articles and, for each article, its text with every sentence that
// carries an event or quote highlighted beside the records themselves.
// Templates and styles are embedded; the package reads the store and
// never writes.
package web

import (
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"sort"
	"strconv"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

//go:embed templates/*.html static/*
var files embed.FS

// Handler serves the web pages.
type Handler struct {
	db   *store.DB
	log  *slog.Logger
	tmpl *template.Template
	mux  *http.ServeMux
}

// NewHandler returns the web UI over db.
func NewHandler(db *store.DB, log *slog.Logger) (*Handler, error) {
	t, err := template.New("").Funcs(template.FuncMap{"actor": actorText}).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	h := &Handler{db: db, log: log, tmpl: t, mux: http.NewServeMux()}
	h.mux.Handle("GET /static/", http.FileServerFS(files))
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /articles/{id}", h.article)
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func actorText(a news.Actor) string {
	if a.IsZero() {
		return "—"
	}
	s := a.Name
	if a.Country != "" || a.Sector != "" {
		s += " (" + a.Country
		if a.Sector != "" {
			s += " " + string(a.Sector)
		}
		s += ")"
	}
	return s
}

type indexPage struct {
	Counts   store.Counts
	Articles []news.ArticleRecord
	Offset   int
	Next     int
}

const pageSize = 50

var errEnough = errors.New("enough")

func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	c, err := h.db.Counts(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := indexPage{Counts: c, Offset: offset}
	seen := 0
	err = h.db.Articles(r.Context(), func(a *news.Article) error {
		seen++
		if seen <= offset {
			return nil
		}
		if len(p.Articles) == pageSize {
			p.Next = offset + pageSize
			return errEnough
		}
		p.Articles = append(p.Articles, a.Record())
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, "index.html", p)
}

// segment is a run of article text, marked when a record rests on it.
type segment struct {
	Text   string
	Marked bool
	Kind   string
}

type articlePage struct {
	Article  news.ArticleRecord
	Segments []segment
	Events   []news.Event
	Quotes   []news.Quote
	Entities []news.Entity
}

func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	a, err := h.db.Article(r.Context(), news.ArticleID(r.PathValue("id")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, "article.html", articlePage{
		Article: a.Record(), Segments: segments(a), Events: a.Events, Quotes: a.Quotes, Entities: a.Entities(),
	})
}

// segments cuts the article text into runs: sentences with an event or
// quote are marked, removed furniture is marked as such.
func segments(a *news.Article) []segment {
	type mark struct {
		span news.Span
		kind string
	}
	var marks []mark
	for _, rm := range a.Removed {
		marks = append(marks, mark{rm.Span, "removed"})
	}
	evSent := map[int]bool{}
	for _, e := range a.Events {
		evSent[e.Sentence] = true
	}
	for _, q := range a.Quotes {
		marks = append(marks, mark{q.Span, "quote"})
	}
	for _, s := range a.Sentences {
		if evSent[s.Index] {
			marks = append(marks, mark{s.Span, "event"})
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].span.Start < marks[j].span.Start })
	var out []segment
	pos := 0
	for _, m := range marks {
		if m.span.Start < pos || m.span.End > len(a.Text) {
			continue // overlapping marks keep the first
		}
		if m.span.Start > pos {
			out = append(out, segment{Text: a.Text[pos:m.span.Start]})
		}
		out = append(out, segment{Text: a.Text[m.span.Start:m.span.End], Marked: true, Kind: m.kind})
		pos = m.span.End
	}
	if pos < len(a.Text) {
		out = append(out, segment{Text: a.Text[pos:]})
	}
	return out
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := h.tmpl.ExecuteTemplate(w, name, data); err != nil {
		h.log.Error("web: render", "page", name, "path", r.URL.Path, "err", err)
	}
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, news.ErrNotFound) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	h.log.Error("web", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}
