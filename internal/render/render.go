// Package render writes query results as a table, JSON, NDJSON, CSV or Markdown. It is
// shared by `credsql query`, `credsql run` and the REPL.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// Format is an output format.
type Format string

// Output formats.
const (
	Table    Format = "table"
	JSON     Format = "json"
	NDJSON   Format = "ndjson"
	CSV      Format = "csv"
	Markdown Format = "markdown"
	Vertical Format = "vertical" // one "column: value" line per column, like mysql's \G
)

// Formats lists the formats `--format` accepts.
var Formats = []Format{Table, JSON, NDJSON, CSV, Markdown, Vertical}

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, strings.Join(names, ", "))
}

// Column describes a result column.
type Column struct {
	Name string
	// Bool marks a BOOLEAN (TINYINT(1)) column, shown as true/false in JSON.
	Bool bool
	// JSON marks a JSON column, embedded as JSON (not as a string) in JSON output.
	JSON bool
}

// Options tune table output.
type Options struct {
	// Width is the terminal width to fit tables into (0 = no limit).
	Width int
	// MaxCell truncates long cells in tables (0 = 60 when Width is set, else none).
	MaxCell int
}

// Writer streams rows in one format.
type Writer struct {
	w      io.Writer
	f      Format
	cols   []Column
	opts   Options
	rows   int
	buffer [][]any // table and markdown need every row to size columns
	csv    bool
}

// New starts a result.
func New(w io.Writer, f Format, cols []Column, opts Options) *Writer {
	wr := &Writer{w: w, f: f, cols: cols, opts: opts}
	if f == CSV {
		wr.writeCSV(names(cols))
	}
	return wr
}

func names(cols []Column) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// Row adds a row.
func (wr *Writer) Row(vals []any) error {
	wr.rows++
	switch wr.f {
	case JSON, NDJSON:
		b, err := json.Marshal(wr.object(vals))
		if err != nil {
			return err
		}
		prefix := ""
		if wr.f == JSON {
			prefix = "[\n  "
			if wr.rows > 1 {
				prefix = ",\n  "
			}
		}
		_, err = fmt.Fprintf(wr.w, "%s%s", prefix, b)
		if wr.f == NDJSON {
			_, err = io.WriteString(wr.w, "\n")
		}
		return err
	case CSV:
		wr.writeCSV(vals)
		return nil
	case Vertical:
		_, err := fmt.Fprintf(wr.w, "*************************** %d. row ***************************\n", wr.rows)
		width := 0
		for _, c := range wr.cols {
			width = max(width, len(c.Name))
		}
		for i, c := range wr.cols {
			_, err = fmt.Fprintf(wr.w, "%*s: %s\n", width, c.Name, Text(vals[i]))
		}
		return err
	}
	wr.buffer = append(wr.buffer, vals)
	return nil
}

// Object returns a row as a JSON object, keys in column order.
func (wr *Writer) object(vals []any) orderedObject {
	obj := make(orderedObject, len(wr.cols))
	for i, c := range wr.cols {
		obj[i] = kv{c.Name, jsonValue(c, vals[i])}
	}
	return obj
}

// JSONValue converts a SQL value for JSON output.
func JSONValue(c Column, v any) any { return jsonValue(c, v) }

func jsonValue(c Column, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return string(x)
	case int8:
		if c.Bool {
			return x != 0
		}
	case fmt.Stringer:
		if c.JSON {
			return json.RawMessage(x.String())
		}
		return x.String()
	}
	if c.JSON {
		if s, ok := v.(string); ok && json.Valid([]byte(s)) {
			return json.RawMessage(s)
		}
	}
	return v
}

type kv struct {
	k string
	v any
}

type orderedObject []kv

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.k)
		v, err := json.Marshal(p.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// Text renders a value for table, CSV and Markdown output.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		if x.Nanosecond() == 0 {
			return x.UTC().Format("2006-01-02 15:04:05")
		}
		return x.UTC().Format("2006-01-02 15:04:05.000")
	case []byte:
		return string(x)
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func (wr *Writer) writeCSV(vals []any) {
	cells := make([]string, len(vals))
	for i, v := range vals {
		s := Text(v)
		if v == nil {
			s = ""
		}
		if strings.ContainsAny(s, ",\"\n\r") || strings.TrimSpace(s) != s {
			s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		cells[i] = s
	}
	_, _ = io.WriteString(wr.w, strings.Join(cells, ",")+"\n")
}

// Close finishes the output. Tables and Markdown are written here.
func (wr *Writer) Close() error {
	switch wr.f {
	case JSON:
		if wr.rows > 0 {
			_, err := io.WriteString(wr.w, "\n]\n")
			return err
		}
		_, err := io.WriteString(wr.w, "[]\n")
		return err
	case Table, Markdown:
		return wr.table()
	}
	return nil
}

// Rows returns how many rows were written.
func (wr *Writer) Rows() int { return wr.rows }

func (wr *Writer) table() error {
	if len(wr.cols) == 0 {
		return nil
	}
	t := table.NewWriter()
	t.SetOutputMirror(wr.w)
	header := make(table.Row, len(wr.cols))
	for i, c := range wr.cols {
		header[i] = c.Name
	}
	t.AppendHeader(header, table.RowConfig{AutoMerge: false})
	maxCell := wr.opts.MaxCell
	if maxCell == 0 && wr.opts.Width > 0 {
		maxCell = 60
	}
	for _, r := range wr.buffer {
		row := make(table.Row, len(r))
		for i, v := range r {
			s := Text(v)
			if maxCell > 0 && len([]rune(s)) > maxCell {
				s = string([]rune(s)[:maxCell-1]) + "…"
			}
			row[i] = s
		}
		t.AppendRow(row)
	}
	style := table.StyleDefault
	style.Format.Header = text.FormatDefault
	t.SetStyle(style)
	if wr.opts.Width > 0 {
		t.SetAllowedRowLength(wr.opts.Width)
	}
	if wr.f == Markdown {
		t.RenderMarkdown()
	} else {
		t.Render()
	}
	return nil
}
