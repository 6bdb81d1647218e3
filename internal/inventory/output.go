package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	pretty "github.com/jedib0t/go-pretty/v6/text"

	"github.com/credsql/credsql/internal/render"
)

// Writer writes the results of a pack of queries in one format:
//
//   - table, markdown, vertical: a section per query (title, severity, count, action, rows),
//     and a last line that sums up (Summary.Line);
//   - csv: one table, every finding a row with the query's name and severity first and the
//     union of the queries' columns after; or, with OutputDir, one file per query;
//   - json: one array of records; ndjson: one record per line. Outside differential mode a
//     finding is a Finding ({"name", "title", "severity", "columns"}), in differential mode an
//     Event (osquery's result-log shape); a failure is a Failure ({"failure": "query" or
//     "connection", ...}).
//
// Machine formats (csv, json, ndjson) carry only data: the summary is the caller's to print
// elsewhere.
type Writer struct {
	w      io.Writer
	f      render.Format
	o      WriterOptions
	n      int // records written
	closed bool
	// csv: the results, written as one table by Close.
	results []*Result
}

// WriterOptions tune a Writer.
type WriterOptions struct {
	// Width fits text tables into this many columns, wrapping wide cells (0 = no limit).
	Width int
	// OutputDir, with csv, writes DIR/<query>.csv per query instead of one table.
	OutputDir string
}

// NewWriter starts the output.
func NewWriter(w io.Writer, f render.Format, o WriterOptions) *Writer {
	return &Writer{w: w, f: f, o: o}
}

// Text reports whether f is a text format, for people: sections and a summary line.
func Text(f render.Format) bool {
	return f == render.Table || f == render.Markdown || f == render.Vertical
}

// Result writes a query's findings.
func (pw *Writer) Result(r *Result) error {
	switch pw.f {
	case render.JSON, render.NDJSON:
		if err := r.checkColumnNames(); err != nil {
			return err
		}
		for _, vals := range r.Rows {
			f := Finding{Name: r.Query.Name, Title: r.Query.Title, Severity: r.Query.Severity, Columns: r.Columns, Values: vals}
			if err := pw.record(f); err != nil {
				return err
			}
		}
		return nil
	case render.CSV:
		if pw.o.OutputDir != "" {
			return pw.csvFile(r)
		}
		pw.results = append(pw.results, r)
		return nil
	}
	head := fmt.Sprintf("%d %s", len(r.Rows), plural(len(r.Rows), "finding", "findings"))
	return pw.section(r, head, r.Columns, r.Rows)
}

// Events writes a query's differential events.
func (pw *Writer) Events(r *Result, evs []Event) error {
	switch pw.f {
	case render.JSON, render.NDJSON:
		for _, ev := range evs {
			if err := pw.record(ev); err != nil {
				return err
			}
		}
		return nil
	}
	added := 0
	cols := append([]render.Column{{Name: "action"}}, r.Columns...)
	rows := make([][]any, len(evs))
	for i, ev := range evs {
		if ev.Action == "added" {
			added++
		}
		row := []any{ev.Action}
		for _, c := range r.Columns {
			row = append(row, ev.Columns[c.Name])
		}
		rows[i] = row
	}
	if pw.f == render.CSV {
		res := *r
		res.Columns, res.Rows = cols, rows
		if pw.o.OutputDir != "" {
			return pw.csvFile(&res)
		}
		pw.results = append(pw.results, &res)
		return nil
	}
	head := fmt.Sprintf("%d added, %d removed", added, len(evs)-added)
	return pw.section(r, head, cols, rows)
}

// Failure is a record of something a run could not check: a query that failed, or a
// connection that failed (unreachable, its credential rejected or missing), after which its
// vendor's queries are not checked.
type Failure struct {
	Kind string `json:"failure"` // "query" or "connection"
	// A query's
	Name     string `json:"name,omitempty"`
	Title    string `json:"title,omitempty"`
	Severity string `json:"severity,omitempty"`
	// A connection's
	Vendor     string `json:"vendor,omitempty"`
	Connection string `json:"connection,omitempty"`
	Error      string `json:"error"`
}

// QueryFailed writes that a query failed: a record in JSON and NDJSON, a section saying so
// in text formats (csv has no place for it: the exit code and stderr say it).
func (pw *Writer) QueryFailed(r *Result) error {
	q, reason := r.Query, r.Reason()
	switch pw.f {
	case render.JSON, render.NDJSON:
		return pw.record(Failure{Kind: "query", Name: q.Name, Title: q.Title, Severity: q.Severity, Error: reason})
	case render.CSV:
		if pw.o.OutputDir != "" {
			// A file left by an earlier run would pass for this run's result.
			err := os.Remove(filepath.Join(pw.o.OutputDir, q.Name+".csv"))
			if err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		return nil
	}
	if !r.Blocked {
		reason = "failed: " + reason
	}
	_, err := fmt.Fprintf(pw.w, "## %s [%s] — %s\n\n", q.Title, q.Severity, reason)
	return err
}

// ConnectionFailed writes that a connection failed: a record in JSON and NDJSON (the other
// formats leave it to stderr and the summary line).
func (pw *Writer) ConnectionFailed(vendor, connection, reason string) error {
	switch pw.f {
	case render.JSON, render.NDJSON:
		return pw.record(Failure{Kind: "connection", Vendor: vendor, Connection: connection, Error: reason})
	}
	return nil
}

// section writes a query's rows under a heading with its title, severity and count.
func (pw *Writer) section(r *Result, head string, cols []render.Column, rows [][]any) error {
	q := r.Query
	if _, err := fmt.Fprintf(pw.w, "## %s [%s] — %s\n", q.Title, q.Severity, head); err != nil {
		return err
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(pw.w)
		return err
	}
	if q.Action != "" {
		action := "Action: " + q.Action
		if pw.o.Width > 0 {
			action = pretty.WrapSoft(action, pw.o.Width)
		}
		fmt.Fprintln(pw.w, action)
	}
	w := render.New(pw.w, pw.f, cols, render.Options{Width: pw.o.Width, Wrap: true})
	for _, row := range rows {
		if err := w.Row(row); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(pw.w)
	return err
}

// csvFile writes DIR/<query>.csv, replacing it atomically: the query's own columns.
func (pw *Writer) csvFile(r *Result) error {
	var b strings.Builder
	w := render.New(&b, render.CSV, r.Columns, render.Options{})
	for _, row := range r.Rows {
		if err := w.Row(row); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(pw.o.OutputDir, r.Query.Name+".csv"), []byte(b.String()), 0o644)
}

// csvTable writes every result as one table: query and severity, then the union of the
// columns in the order they first appear. A row has an empty cell for a column its query
// does not have.
func (pw *Writer) csvTable() error {
	cols := []render.Column{{Name: "query"}, {Name: "severity"}}
	index := map[string]int{"query": 0, "severity": 1}
	for _, r := range pw.results {
		for _, c := range r.Columns {
			if _, ok := index[c.Name]; !ok {
				index[c.Name] = len(cols)
				cols = append(cols, c)
			}
		}
	}
	w := render.New(pw.w, render.CSV, cols, render.Options{})
	for _, r := range pw.results {
		for _, vals := range r.Rows {
			row := make([]any, len(cols))
			row[0], row[1] = r.Query.Name, r.Query.Severity
			for i, c := range r.Columns {
				j := index[c.Name]
				if j < 2 {
					continue // a column named query or severity: the pack's own come first
				}
				// A column of another query with the same name but another type: render
				// the value as its own column would.
				row[j] = cellValue(c, cols[j], vals[i])
			}
			if err := w.Row(row); err != nil {
				return err
			}
		}
	}
	return w.Close()
}

// cellValue converts v of column own for the table's column of the same name.
func cellValue(own, table render.Column, v any) any {
	if v != nil && own.Bool != table.Bool {
		return render.Cell(own, v)
	}
	return v
}

func (pw *Writer) record(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	prefix := ""
	if pw.f == render.JSON {
		prefix = "[\n  "
		if pw.n > 0 {
			prefix = ",\n  "
		}
	}
	pw.n++
	suffix := ""
	if pw.f == render.NDJSON {
		suffix = "\n"
	}
	_, err = fmt.Fprintf(pw.w, "%s%s%s", prefix, b, suffix)
	return err
}

// Close ends the output: the CSV table, the JSON array's bracket, or, in text formats, the
// summary line.
func (pw *Writer) Close(sum Summary) error {
	if pw.closed {
		return nil
	}
	pw.closed = true
	switch {
	case pw.f == render.CSV && pw.o.OutputDir == "":
		return pw.csvTable()
	case pw.f == render.JSON:
		end := "\n]\n"
		if pw.n == 0 {
			end = "[]\n"
		}
		_, err := io.WriteString(pw.w, end)
		return err
	case Text(pw.f):
		_, err := fmt.Fprintln(pw.w, sum.Line())
		return err
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
