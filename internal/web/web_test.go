package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

func TestPages(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	text := "SEE ALSO: other news\nHamas rejected the proposal on Thursday."
	a := &news.Article{
		ID: "a1", Title: "Hamas rejects proposal", Hash: "h", Text: text,
		Removed:   []news.Removal{{Span: news.Span{Start: 0, End: 20}, Kind: news.RemovalFurniture, Rule: "see-also"}},
		Sentences: []news.Sentence{{Index: 0, Span: news.Span{Start: 21, End: len(text)}}},
		Events:    []news.Event{{ID: "e1", Article: "a1", Type: news.Reject, Sentence: 0, Source: news.Actor{Name: "Hamas", Country: "PSE", Sector: news.SectorRebel}}},
	}
	if _, err := db.SaveArticles(t.Context(), []*news.Article{a}); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path       string
		wantStatus int
		wantBody   []string
	}{
		{"/", 200, []string{"Hamas rejects proposal", "1 articles", "/articles/a1"}},
		{"/articles/a1", 200, []string{`<mark class="event">Hamas rejected the proposal on Thursday.</mark>`, `<mark class="removed">SEE ALSO: other news</mark>`, "Hamas (PSE REB)"}},
		{"/articles/missing", 404, []string{"not found"}},
		{"/static/style.css", 200, []string{"mark.event"}},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != tt.wantStatus {
			t.Errorf("GET %s = %d, want %d", tt.path, rec.Code, tt.wantStatus)
		}
		for _, want := range tt.wantBody {
			if !strings.Contains(rec.Body.String(), want) {
				t.Errorf("GET %s body does not contain %q:\n%s", tt.path, want, rec.Body)
			}
		}
	}
}
