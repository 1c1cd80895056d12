package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// parquetWriter writes export records as one Parquet file. Every top-level
// field of the record is a column: numbers are DOUBLE, booleans BOOLEAN,
// strings UTF-8, and nested values (actors, lists, spans) their JSON text.
// Unknown values are nulls. The schema comes from the kind's zero record,
// so an export with no records still writes a valid, empty file.
type parquetWriter struct {
	w      *parquet.Writer
	types  map[string]byte // 'n' number, 'b' bool, 's' string
	schema *parquet.Schema
}

// numericFields are columns that are numbers even where the zero record
// has them null.
var numericFields = map[string]bool{"lat": true, "lon": true}

func newParquetWriter(out io.Writer, zero any) (*parquetWriter, error) {
	b, err := json.Marshal(zero)
	if err != nil {
		return nil, err
	}
	keys, raws, err := rawFields(b)
	if err != nil {
		return nil, err
	}
	group := parquet.Group{}
	types := map[string]byte{}
	for i, k := range keys {
		switch {
		case numericFields[k] || len(raws[i]) > 0 && (raws[i][0] == '-' || raws[i][0] >= '0' && raws[i][0] <= '9'):
			group[k] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
			types[k] = 'n'
		case string(raws[i]) == "true" || string(raws[i]) == "false":
			group[k] = parquet.Optional(parquet.Leaf(parquet.BooleanType))
			types[k] = 'b'
		default:
			group[k] = parquet.Optional(parquet.String())
			types[k] = 's'
		}
	}
	schema := parquet.NewSchema("record", group)
	cfg, err := parquet.NewWriterConfig(schema)
	if err != nil {
		return nil, err
	}
	return &parquetWriter{w: parquet.NewWriter(out, cfg), types: types, schema: schema}, nil
}

// Write writes one record as a row.
func (pw *parquetWriter) Write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	keys, raws, err := rawFields(b)
	if err != nil {
		return err
	}
	row := make(map[string]any, len(keys))
	for i, k := range keys {
		typ, ok := pw.types[k]
		raw := raws[i]
		if !ok || bytes.Equal(raw, []byte("null")) {
			continue
		}
		switch typ {
		case 'n':
			var f float64
			if err := json.Unmarshal(raw, &f); err != nil {
				return fmt.Errorf("column %s: %v", k, err)
			}
			row[k] = f
		case 'b':
			row[k] = bytes.Equal(raw, []byte("true"))
		default:
			if raw[0] == '"' {
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					return err
				}
				row[k] = s
			} else {
				row[k] = string(raw)
			}
		}
	}
	return pw.w.Write(row)
}

// Close writes the file footer.
func (pw *parquetWriter) Close() error { return pw.w.Close() }

// rawFields splits a JSON object into its keys, in order, and raw values.
func rawFields(obj []byte) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("record is not a JSON object")
	}
	var keys []string
	var vals []json.RawMessage
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
		vals = append(vals, raw)
	}
	return keys, vals, nil
}
