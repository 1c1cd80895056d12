package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"chronicle/internal/news"
)

// maxHeaderLines bounds the header lines of a WARC record or of the HTTP
// response inside it.
const maxHeaderLines = 1000

// readWARC reads a WARC 1.0 or 1.1 file record by record (gzip members,
// one per record or one for the file, are undone by read). Response
// records holding a 2xx HTML page, and resource records holding HTML, are
// articles; every other record is skipped. Records are numbered from 1 in
// Article.Input and errors. A record whose headers cannot be parsed ends
// the reading, since the next record cannot be found without them.
func (r *reader) readWARC(br *bufio.Reader) error {
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		h, err := readWARCHeader(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return r.errorf(n, "%v", err)
		}
		length, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64)
		if err != nil || length < 0 {
			return r.errorf(n, "bad Content-Length %q", h.Get("Content-Length"))
		}
		want := wantRecord(h)
		if !want || length > r.opt.MaxBytes {
			if _, err := io.CopyN(io.Discard, br, length); err != nil {
				return r.errorf(n, "truncated record: %v", err)
			}
			if want {
				if err := r.emitErr(n, fmt.Errorf("record larger than %d bytes", r.opt.MaxBytes)); err != nil {
					return err
				}
			}
			continue
		}
		block := make([]byte, length)
		if _, err := io.ReadFull(br, block); err != nil {
			return r.errorf(n, "truncated record: %v", err)
		}
		a, err := r.warcArticle(h, block, n)
		switch {
		case err != nil:
			err = r.emitErr(n, err)
		case a != nil:
			err = r.emitArticle(a)
		}
		if err != nil {
			return err
		}
	}
}

// readWARCHeader reads the version line and the named fields of the next
// record, skipping the blank lines that end the previous one. It returns
// io.EOF when no record is left.
func readWARCHeader(br *bufio.Reader) (textproto.MIMEHeader, error) {
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, errors.New("not a WARC record: line too long")
		}
		if err == io.EOF && len(bytes.TrimSpace(line)) == 0 {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read: %v", err)
		}
		s := strings.TrimSpace(string(line))
		if s == "" {
			continue
		}
		if s != "WARC/1.0" && s != "WARC/1.1" {
			return nil, fmt.Errorf("not a WARC 1.0 or 1.1 record: starts with %q", truncate(s, 40))
		}
		h, err := readHeaderFields(br, true)
		if err != nil {
			return nil, fmt.Errorf("record header: %v", err)
		}
		return h, nil
	}
}

// readHeaderFields reads "Name: value" lines up to a blank line, with
// continuation lines joined to the field before. strict rejects a line
// without a colon; otherwise such lines are skipped, as HTTP headers kept
// in archives are not always well formed.
func readHeaderFields(br *bufio.Reader, strict bool) (textproto.MIMEHeader, error) {
	h := textproto.MIMEHeader{}
	last := ""
	for i := 0; ; i++ {
		if i >= maxHeaderLines {
			return nil, fmt.Errorf("more than %d header lines", maxHeaderLines)
		}
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if strict {
				return nil, errors.New("header line too long")
			}
			if err := skipLine(br); err != nil {
				return h, nil
			}
			continue
		}
		if err != nil && (err != io.EOF || len(line) == 0) {
			if err == io.EOF {
				if strict {
					return nil, errors.New("unexpected end of input")
				}
				return h, nil
			}
			return nil, err
		}
		s := strings.TrimRight(string(line), "\r\n")
		if strings.TrimSpace(s) == "" {
			return h, nil
		}
		if (s[0] == ' ' || s[0] == '\t') && last != "" {
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(s)
			continue
		}
		k, v, ok := strings.Cut(s, ":")
		if !ok || strings.TrimSpace(k) == "" {
			if strict {
				return nil, fmt.Errorf("malformed header line %q", truncate(s, 40))
			}
			continue
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		h.Add(last, strings.TrimSpace(v))
		if err == io.EOF {
			if strict {
				return nil, errors.New("unexpected end of input")
			}
			return h, nil
		}
	}
}

// skipLine discards the rest of a line.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

// wantRecord reports whether a record may hold an article: a response
// carrying an HTTP message, or a resource that is HTML.
func wantRecord(h textproto.MIMEHeader) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	switch strings.ToLower(h.Get("WARC-Type")) {
	case "response":
		return mt == "" || mt == "application/http"
	case "resource":
		return mt == "text/html" || mt == "application/xhtml+xml"
	}
	return false
}

// warcArticle returns the article of a record's block, nil when the
// record holds no page (a redirect, an image, a script...), or the error
// that kept the page from being read.
func (r *reader) warcArticle(h textproto.MIMEHeader, block []byte, n int) (*news.Article, error) {
	contentType, body := h.Get("Content-Type"), block
	if strings.EqualFold(h.Get("WARC-Type"), "response") {
		resp, err := parseHTTPResponse(block, r.opt.MaxBytes)
		if err != nil {
			return nil, err
		}
		if resp.status < 200 || resp.status > 299 {
			return nil, nil
		}
		contentType, body = resp.header.Get("Content-Type"), resp.body
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
	case mt == "" && sniff(body) == formatHTML:
	default:
		return nil, nil
	}
	target := strings.Trim(h.Get("WARC-Target-URI"), "<> ")
	p, err := extractHTML(body, contentType, target)
	if err != nil {
		return nil, err
	}
	a := &news.Article{URL: target, Input: r.inputAt(n)}
	p.fill(a)
	if a.Published.IsZero() {
		if t, err := time.Parse(time.RFC3339Nano, h.Get("WARC-Date")); err == nil {
			a.Published = t
		}
	}
	return a, nil
}

// httpResponse is the HTTP message in a WARC response record.
type httpResponse struct {
	status int
	header textproto.MIMEHeader
	body   []byte // de-chunked and decompressed
}

// parseHTTPResponse parses the HTTP response kept in a WARC record. The
// body runs to the end of the block whatever the HTTP Content-Length says;
// a chunked body that does not parse as chunks is taken as it is, since
// some archivers store bodies already de-chunked.
func parseHTTPResponse(block []byte, maxBytes int64) (httpResponse, error) {
	br := bufio.NewReaderSize(bytes.NewReader(block), bufferSize)
	status, err := br.ReadSlice('\n')
	if err != nil && err != io.EOF {
		return httpResponse{}, errors.New("HTTP status line too long")
	}
	f := strings.Fields(string(status))
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return httpResponse{}, fmt.Errorf("bad HTTP status line %q", truncate(strings.TrimSpace(string(status)), 40))
	}
	code, err := strconv.Atoi(f[1])
	if err != nil {
		return httpResponse{}, fmt.Errorf("bad HTTP status %q", truncate(f[1], 20))
	}
	h, err := readHeaderFields(br, false)
	if err != nil {
		return httpResponse{}, fmt.Errorf("HTTP header: %v", err)
	}
	body, err := io.ReadAll(br)
	if err != nil {
		return httpResponse{}, err
	}
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		if b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = b
		}
	}
	body, err = decodeBody(body, h.Get("Content-Encoding"), maxBytes)
	if err != nil {
		return httpResponse{}, err
	}
	return httpResponse{status: code, header: h, body: body}, nil
}

// decodeBody undoes a Content-Encoding, keeping at most maxBytes. A body
// that turns out not to be compressed is taken as it is.
func decodeBody(body []byte, encoding string, maxBytes int64) ([]byte, error) {
	var zr io.Reader
	var err error
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		if !isGzip(body) {
			return body, nil
		}
		zr, err = gzip.NewReader(bytes.NewReader(body))
	case "deflate":
		zr, err = zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			zr, err = flate.NewReader(bytes.NewReader(body)), nil
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", truncate(encoding, 20))
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s body: %v", encoding, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("decode %s body: %v", encoding, err)
	}
	if int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("decoded body larger than %d bytes", maxBytes)
	}
	return b, nil
}

// truncate shortens s to at most n bytes for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}
