package api

import (
	"context"
	"net/http"
	"strings"

	"chronicle/internal/news"
)

func (h *Handler) routes() {
	h.mux.HandleFunc("GET /api/stats", h.stats)
	h.mux.HandleFunc("GET /api/articles", h.articles)
	h.mux.HandleFunc("GET /api/articles/{id}", h.article)
	h.mux.HandleFunc("GET /api/events", h.events)
	h.mux.HandleFunc("GET /api/quotes", h.quotes)
	h.mux.HandleFunc("GET /api/entities", h.entities)
	h.mux.HandleFunc("GET /api/places", h.places)
	h.mux.HandleFunc("GET /api/dates", h.dates)
	h.mux.HandleFunc("GET /api/stories", h.stories)
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		h.error(w, r, news.ErrNotFound)
	})
}

func (h *Handler) stats(w http.ResponseWriter, r *http.Request) {
	c, err := h.db.Counts(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.json(w, map[string]int{
		"articles": c.Articles, "sentences": c.Sentences, "events": c.Events, "quotes": c.Quotes,
		"mentions": c.Mentions, "places": c.Places, "dates": c.Dates, "stories": c.Stories,
	})
}

func (h *Handler) articles(w http.ResponseWriter, r *http.Request) {
	p, err := pageOf(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	source := r.URL.Query().Get("source")
	var out []news.ArticleRecord
	emit := collect(p, func(a news.ArticleRecord) bool { return source == "" || a.Source != nil && *a.Source == source }, &out)
	err = h.db.Articles(r.Context(), func(a *news.Article) error { return emit(a.Record()) })
	if err = ignoreFull(err); err != nil {
		h.error(w, r, err)
		return
	}
	h.json(w, nonNil(out))
}

// articleView is one article with everything found in it.
type articleView struct {
	news.ArticleRecord
	SentenceSpans []news.Span        `json:"sentence_spans"`
	Events        []news.Event       `json:"events"`
	Quotes        []news.Quote       `json:"quotes"`
	Entities      []news.Entity      `json:"entities"`
	Places        []news.PlaceRecord `json:"places"`
	Dates         []news.DateRecord  `json:"dates"`
}

func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	a, err := h.db.Article(r.Context(), news.ArticleID(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.json(w, view(a))
}

func view(a *news.Article) articleView {
	v := articleView{
		ArticleRecord: a.Record(), Events: nonNil(a.Events), Quotes: nonNil(a.Quotes),
		Entities: nonNil(a.Entities()), Places: nonNil(a.PlaceRecords()), Dates: nonNil(a.DateRecords()),
	}
	v.SentenceSpans = make([]news.Span, len(a.Sentences))
	for i, s := range a.Sentences {
		v.SentenceSpans[i] = s.Span
	}
	return v
}

func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	p, err := pageOf(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	typ, country, article := strings.ToUpper(q.Get("type")), strings.ToUpper(q.Get("country")), q.Get("article")
	var out []news.Event
	err = h.db.Events(r.Context(), collect(p, func(e news.Event) bool {
		return (typ == "" || string(e.Type) == typ) &&
			(article == "" || string(e.Article) == article) &&
			(country == "" || e.Source.Country == country || e.Target.Country == country)
	}, &out))
	if err = ignoreFull(err); err != nil {
		h.error(w, r, err)
		return
	}
	h.json(w, nonNil(out))
}

func (h *Handler) quotes(w http.ResponseWriter, r *http.Request) {
	list(h, w, r, h.db.Quotes)
}

func (h *Handler) entities(w http.ResponseWriter, r *http.Request) {
	list(h, w, r, h.db.Entities)
}

func (h *Handler) places(w http.ResponseWriter, r *http.Request) {
	list(h, w, r, h.db.Places)
}

func (h *Handler) dates(w http.ResponseWriter, r *http.Request) {
	list(h, w, r, h.db.Dates)
}

func (h *Handler) stories(w http.ResponseWriter, r *http.Request) {
	list(h, w, r, h.db.Stories)
}

// list serves one page of a store stream without filters.
func list[T any](h *Handler, w http.ResponseWriter, r *http.Request, stream func(context.Context, func(T) error) error) {
	p, err := pageOf(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var out []T
	if err := ignoreFull(stream(r.Context(), collect(p, nil, &out))); err != nil {
		h.error(w, r, err)
		return
	}
	h.json(w, nonNil(out))
}

// nonNil makes an empty listing a JSON array, never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
