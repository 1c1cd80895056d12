// Package api is Chronicle's HTTP JSON API over the store: the records of
// the export contract, one article with everything found in it, and
// counts. It is the serve stage; it reads the store and never writes.
//
// Errors map to statuses in one place (errors.go): not found is 404,
// invalid input 400, conflict 409, everything else 500 with the body
// "internal error" while the real error goes to the log.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

// Handler serves the JSON API.
type Handler struct {
	db  *store.DB
	log *slog.Logger
	mux *http.ServeMux
}

// NewHandler returns the API handler over db. Routes are under /api/.
func NewHandler(db *store.DB, log *slog.Logger) *Handler {
	h := &Handler{db: db, log: log, mux: http.NewServeMux()}
	h.routes()
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// page is the window of a listing: ?limit= (default 100, at most 10,000)
// and ?offset=.
type page struct{ limit, offset int }

func pageOf(r *http.Request) (page, error) {
	p := page{limit: 100}
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			return p, errors.Join(news.ErrInvalid, errors.New("limit must be 1 to 10000"))
		}
		p.limit = n
	}
	if s := r.URL.Query().Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return p, errors.Join(news.ErrInvalid, errors.New("offset must be a non-negative number"))
		}
		p.offset = n
	}
	return p, nil
}

// errPageFull stops a store stream once a page is filled.
var errPageFull = errors.New("page full")

// collect returns an emit function that keeps the records of page p
// matching keep, and the slice it fills.
func collect[T any](p page, keep func(T) bool, out *[]T) func(T) error {
	seen := 0
	return func(v T) error {
		if keep != nil && !keep(v) {
			return nil
		}
		seen++
		if seen <= p.offset {
			return nil
		}
		*out = append(*out, v)
		if len(*out) >= p.limit {
			return errPageFull
		}
		return nil
	}
}

func ignoreFull(err error) error {
	if errors.Is(err, errPageFull) {
		return nil
	}
	return err
}
