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
	// Bool marks a BOOLEAN (TINYINT(1)) column: true/false in every format (JSON booleans,
	// the words in tables, CSV and Markdown). Over the MySQL protocol it stays 1/0.
	Bool bool
	// JSON marks a JSON column, embedded as JSON (not as a string) in JSON output.
	JSON bool
}

// Columns converts column descriptions of any struct type with Column's fields (the engine's
// engine.Column) without render depending on where they come from.
func Columns[C ~struct {
	Name string
	Bool bool
	JSON bool
}](cs []C) []Column {
	out := make([]Column, len(cs))
	for i, c := range cs {
		out[i] = Column(c)
	}
	return out
}

// Options tune table output.
type Options struct {
	// Width is the terminal width to fit tables and vertical output into (0 = no limit).
	// A table wider than Width gets narrower columns: long cells are cut with "…" (or
	// wrapped, with Wrap); vertical output cuts long values.
	Width int
	// MaxCell truncates long cells in tables (0 = 60 when Width is set, else none).
	MaxCell int
	// Wrap wraps long cells onto more lines instead of cutting them (and ignores MaxCell).
	Wrap bool
	// AutoVertical prints a table that would not fit Width vertically instead, one
	// "column: value" line per column (psql's \x auto).
	AutoVertical bool
}

// Writer streams rows in one format.
type Writer struct {
	w      io.Writer
	f      Format
	cols   []Column
	opts   Options
	rows   int
	buffer [][]any // table and markdown need every row to size columns
	csv    bool    // the CSV header is written
}

// New starts a result. Nothing is written before the first row or Close: a statement that
// fails before its first row leaves no header behind.
func New(w io.Writer, f Format, cols []Column, opts Options) *Writer {
	return &Writer{w: w, f: f, cols: cols, opts: opts}
}

// csvHeader writes the CSV header once.
func (wr *Writer) csvHeader() {
	if !wr.csv {
		wr.csv = true
		wr.writeCSV(names(wr.cols))
	}
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
		wr.csvHeader()
		wr.writeCSV(vals)
		return nil
	case Vertical:
		return wr.vertical(wr.rows, vals)
	}
	wr.buffer = append(wr.buffer, vals)
	return nil
}

// vertical writes one row as mysql's \G does. With a Width, values are cut to fit it.
func (wr *Writer) vertical(n int, vals []any) error {
	var b strings.Builder
	fmt.Fprintf(&b, "*************************** %d. row ***************************\n", n)
	width := 0
	for _, c := range wr.cols {
		width = max(width, text.StringWidthWithoutEscSequences(c.Name))
	}
	room := 0
	if wr.opts.Width > 0 {
		room = wr.opts.Width - width - 2
	}
	for i, c := range wr.cols {
		v := Cell(c, vals[i])
		if room >= 10 {
			v = cut(v, room)
		}
		fmt.Fprintf(&b, "%s%s: %s\n", strings.Repeat(" ", width-text.StringWidthWithoutEscSequences(c.Name)), c.Name, v)
	}
	_, err := io.WriteString(wr.w, b.String())
	return err
}

// Cut shortens every line of s to width columns (display width), marking a cut with "…".
func Cut(s string, width int) string { return cut(s, width) }

// cut shortens every line of s to width columns, marking a cut with "…".
func cut(s string, width int) string {
	if !strings.Contains(s, "\n") {
		return cutLine(s, width)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = cutLine(l, width)
	}
	return strings.Join(lines, "\n")
}

func cutLine(s string, width int) string {
	if width < 1 || text.StringWidthWithoutEscSequences(s) <= width {
		return s
	}
	return text.Trim(s, width-1) + "…"
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
	case int64:
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

// Cell renders a value of column c for table, CSV and Markdown output: Text, with a boolean
// column's values as true and false, as JSON has them.
func Cell(c Column, v any) string {
	if c.Bool {
		switch x := v.(type) {
		case bool:
			return strconv.FormatBool(x)
		case int8:
			return strconv.FormatBool(x != 0)
		case int64:
			return strconv.FormatBool(x != 0)
		case int:
			return strconv.FormatBool(x != 0)
		}
	}
	return Text(v)
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
		if i < len(wr.cols) {
			s = Cell(wr.cols[i], v)
		}
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
	case CSV:
		if len(wr.cols) > 0 {
			wr.csvHeader()
		}
	}
	return nil
}

// Rows returns how many rows were written.
func (wr *Writer) Rows() int { return wr.rows }

func (wr *Writer) table() error {
	if len(wr.cols) == 0 {
		return nil
	}
	maxCell := wr.opts.MaxCell
	if maxCell == 0 && wr.opts.Width > 0 && !wr.opts.Wrap {
		maxCell = 60
	}
	cells := make([][]string, len(wr.buffer))
	widths := make([]int, len(wr.cols))
	for i, c := range wr.cols {
		widths[i] = text.LongestLineLen(c.Name)
	}
	for r, vals := range wr.buffer {
		cells[r] = make([]string, len(vals))
		for i, v := range vals {
			s := Cell(wr.cols[i], v)
			if maxCell > 0 {
				s = cut(s, maxCell)
			}
			cells[r][i] = s
			widths[i] = max(widths[i], text.LongestLineLen(s))
		}
	}
	// "| a | b |": one space either side of a cell and a border after each.
	frame := 3*len(widths) + 1
	if wr.f == Table && wr.opts.Width > 0 && wr.opts.AutoVertical && sum(widths)+frame > wr.opts.Width {
		for r, vals := range wr.buffer {
			if err := wr.vertical(r+1, vals); err != nil {
				return err
			}
		}
		return nil
	}
	t := table.NewWriter()
	t.SetOutputMirror(wr.w)
	header := make(table.Row, len(wr.cols))
	for i, c := range wr.cols {
		header[i] = c.Name
	}
	t.AppendHeader(header, table.RowConfig{AutoMerge: false})
	for _, r := range cells {
		row := make(table.Row, len(r))
		for i, s := range r {
			row[i] = s
		}
		t.AppendRow(row)
	}
	style := table.StyleDefault
	style.Format.Header = text.FormatDefault
	t.SetStyle(style)
	configs := make([]table.ColumnConfig, len(wr.cols))
	for i := range configs {
		configs[i].Number = i + 1
		if wr.numeric(i) {
			configs[i].Align = text.AlignRight // as the mysql client does
		}
	}
	if wr.f == Table && wr.opts.Width > 0 && sum(widths)+frame > wr.opts.Width {
		enforce := cut
		if wr.opts.Wrap {
			enforce = text.WrapSoft
		}
		for i, w := range fit(widths, wr.opts.Width-frame) {
			configs[i].WidthMax, configs[i].WidthMaxEnforcer = w, enforce
		}
		// Too many columns to fit even when narrowed: cut the lines.
		t.SetAllowedRowLength(wr.opts.Width)
	}
	t.SetColumnConfigs(configs)
	if wr.f == Markdown {
		t.RenderMarkdown()
	} else {
		t.Render()
	}
	return nil
}

// numeric reports whether column i holds numbers only (NULLs aside), and at least one.
func (wr *Writer) numeric(i int) bool {
	if wr.cols[i].Bool {
		return false
	}
	seen := false
	for _, r := range wr.buffer {
		switch r[i].(type) {
		case nil:
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
			seen = true
		default:
			return false
		}
	}
	return seen
}

// minColumn is the narrowest fit makes a column that is wider than that.
const minColumn = 8

// fit narrows column widths until they sum to at most room: the widest columns give way
// first, none below minColumn (or its own width, if smaller).
func fit(widths []int, room int) []int {
	out := append([]int(nil), widths...)
	for sum(out) > room {
		widest := -1
		for i, w := range out {
			if w > minColumn && (widest < 0 || w > out[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		out[widest]--
	}
	return out
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
