package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
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
	keys, raws, err := rawFields(obj)
	if err != nil {
		return nil, nil, err
	}
	vals = make([]string, len(raws))
	for i, raw := range raws {
		switch {
		case bytes.Equal(raw, []byte("null")):
		case len(raw) > 0 && raw[0] == '"':
			if err := json.Unmarshal(raw, &vals[i]); err != nil {
				return nil, nil, err
			}
		default:
			vals[i] = string(raw)
		}
	}
	return keys, vals, nil
}
