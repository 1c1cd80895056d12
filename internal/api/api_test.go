package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

func testHandler(t *testing.T) *Handler {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	text := "Russian Foreign Minister Sergei Lavrov met Wang Yi in Beijing on Wednesday."
	a := &news.Article{
		ID: "a1", Source: "example-wire", Title: "Lavrov meets Wang", Hash: "h1", Text: text,
		Published: time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC),
		Sentences: []news.Sentence{{Index: 0, Span: news.Span{Start: 0, End: len(text)}}},
		Events: []news.Event{{
			ID: "e1", Article: "a1", Type: news.Consult, Rule: "consult/meet",
			Source: news.Actor{Name: "Sergey Lavrov", Country: "RUS", Sector: news.SectorGovernment},
			Target: news.Actor{Name: "Wang Yi", Country: "CHN", Sector: news.SectorGovernment},
		}},
	}
	b := &news.Article{ID: "a2", Source: "other", Title: "Second", Hash: "h2", Text: "Troops withdrew."}
	if _, err := db.SaveArticles(t.Context(), []*news.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	return NewHandler(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func TestRoutes(t *testing.T) {
	h := testHandler(t)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantBody   string
	}{
		{"stats", "/api/stats", 200, `"articles":2`},
		{"articles", "/api/articles", 200, `"id":"a2"`},
		{"articles by source", "/api/articles?source=other", 200, `"title":"Second"`},
		{"articles page", "/api/articles?limit=1&offset=1", 200, `"id":"a2"`},
		{"bad limit", "/api/articles?limit=0", 400, `limit must be`},
		{"one article", "/api/articles/a1", 200, `"type":"CONSULT"`},
		{"missing article", "/api/articles/nope", 404, `not found`},
		{"events by type", "/api/events?type=consult", 200, `"cameo":null`},
		{"events by country", "/api/events?country=CHN", 200, `"id":"e1"`},
		{"no events of type", "/api/events?type=ASSAULT", 200, `[]`},
		{"quotes", "/api/quotes", 200, `[]`},
		{"entities", "/api/entities", 200, `[`},
		{"stories", "/api/stories", 200, `[]`},
		{"unknown", "/api/nothing", 404, `not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("GET %s = %d, want %d (%s)", tt.path, rec.Code, tt.wantStatus, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("GET %s body = %s, want it to contain %s", tt.path, rec.Body, tt.wantBody)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Errorf("GET %s body is not JSON: %s", tt.path, rec.Body)
			}
		})
	}
}

func TestArticlesPageExcludesOthers(t *testing.T) {
	h := testHandler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/articles?limit=1", nil))
	var got []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["id"] != "a1" {
		t.Errorf("GET /api/articles?limit=1 = %v, want only a1", got)
	}
}
