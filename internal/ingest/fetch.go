package ingest

import (
	"fmt"
	"io"
	"mime"
	"net/http"
)

// acceptHeader asks for the formats Read understands, pages and feeds
// first.
const acceptHeader = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,application/xml;q=0.8,*/*;q=0.5"

// get sends a GET request for rawURL under the reader's context and
// returns the response when its status is 2xx.
func (r *reader) get(rawURL string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", acceptHeader)
	if r.opt.UserAgent != "" {
		req.Header.Set("User-Agent", r.opt.UserAgent)
	}
	resp, err := r.opt.Client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close() // nothing to read from a failed response
		return nil, fmt.Errorf("GET %s: HTTP status %s", rawURL, resp.Status)
	}
	return resp, nil
}

// readURL fetches an http(s) input and reads it like a file, its format
// settled by the Content-Type and then by its bytes: a feed yields its
// items, a page one article.
func (r *reader) readURL(rawURL string) error {
	resp, err := r.get(rawURL)
	if err != nil {
		if ctxErr := r.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return &InputError{Input: r.name, Err: err}
	}
	defer resp.Body.Close() // reading only: a close error loses nothing
	r.url = resp.Request.URL.String()
	ct := resp.Header.Get("Content-Type")
	return r.read(resp.Body, formatOfMediaType(ct), false, ct)
}

// fetchPage fetches the page of a feed item and extracts its article.
func (r *reader) fetchPage(rawURL string) (page, error) {
	resp, err := r.get(rawURL)
	if err != nil {
		return page{}, err
	}
	defer resp.Body.Close() // reading only: a close error loses nothing
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return page{}, fmt.Errorf("GET %s: %s is not an HTML page", rawURL, mt)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, r.opt.MaxBytes+1))
	if err != nil {
		return page{}, fmt.Errorf("GET %s: %v", rawURL, err)
	}
	if int64(len(b)) > r.opt.MaxBytes {
		return page{}, fmt.Errorf("GET %s: page larger than %d bytes", rawURL, r.opt.MaxBytes)
	}
	final := resp.Request.URL.String()
	p, err := extractHTML(b, ct, final)
	if err != nil {
		return page{}, fmt.Errorf("%s: %v", final, err)
	}
	if p.URL == "" {
		p.URL = final
	}
	return p, nil
}
