package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"chronicle/internal/news"
)

// error writes err as a JSON error with the status its kind maps to. Only
// errors callers may see reach the body; the rest are logged.
func (h *Handler) error(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "internal error"
	switch {
	case errors.Is(err, news.ErrNotFound):
		status, msg = http.StatusNotFound, "not found"
	case errors.Is(err, news.ErrInvalid):
		status, msg = http.StatusBadRequest, err.Error()
	case errors.Is(err, news.ErrConflict):
		status, msg = http.StatusConflict, err.Error()
	default:
		h.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status is already sent; a failed body write cannot be reported.
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func (h *Handler) json(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		h.log.Error("api: write response", "err", err)
	}
}
