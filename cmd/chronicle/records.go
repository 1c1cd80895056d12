package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
)

// recordWriter writes export records as JSON lines or CSV rows. A CSV
// column is a top-level field of the record; nested values (actors, lists,
// spans) are written as JSON text in their cell.
type recordWriter struct {
	format string
	buf    *bufio.Writer
	csv    *csv.Writer
	header []string
	zero   any
	rows   int
}

func newRecordWriter(w io.Writer, format string, zero any) *recordWriter {
	rw := &recordWriter{format: format, buf: bufio.NewWriterSize(w, 64<<10), zero: zero}
	if format == "csv" {
		rw.csv = csv.NewWriter(rw.buf)
	}
	return rw
}

// Write writes one record.
func (rw *recordWriter) Write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	rw.rows++
	if rw.csv == nil {
		rw.buf.Write(b)
		return rw.buf.WriteByte('\n')
	}
	keys, vals, err := fields(b)
	if err != nil {
		return err
	}
	if rw.header == nil {
		rw.header = keys
		if err := rw.csv.Write(keys); err != nil {
			return err
		}
	}
	return rw.csv.Write(vals)
}

// Close flushes the output; a CSV export with no records still gets its
// header line.
func (rw *recordWriter) Close() error {
	if rw.csv != nil {
		if rw.header == nil && rw.zero != nil {
			b, err := json.Marshal(rw.zero)
			if err != nil {
				return err
			}
			keys, _, err := fields(b)
			if err != nil {
				return err
			}
			if err := rw.csv.Write(keys); err != nil {
				return err
			}
		}
		rw.csv.Flush()
		if err := rw.csv.Error(); err != nil {
			return err
		}
	}
	return rw.buf.Flush()
}

// fields splits a JSON object into its keys, in order, and cell values:
// strings as they are, null as an empty cell, anything else as JSON.
func fields(obj []byte) (keys, vals []string, err error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("record is not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		keys = append(keys, key)
		switch {
		case bytes.Equal(raw, []byte("null")):
			vals = append(vals, "")
		case len(raw) > 0 && raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, nil, err
			}
			vals = append(vals, s)
		default:
			vals = append(vals, string(raw))
		}
	}
	return keys, vals, nil
}
