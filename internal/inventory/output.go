package inventory

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/credsql/credsql/internal/render"
)

// Writer writes the results of a pack of queries in one format:
//
//   - table, markdown, vertical: a section per query (title, severity, count, action, rows);
//   - csv: a block per query with findings, blocks separated by an empty line;
//   - json: one array of records; ndjson: one record per line. Outside differential mode a
//     record is a Finding ({"name", "title", "severity", "columns"}), in differential mode an
//     Event (osquery's result-log shape).
type Writer struct {
	w      io.Writer
	f      render.Format
	n      int // records or CSV blocks written
	closed bool
}

// NewWriter starts the output.
func NewWriter(w io.Writer, f render.Format) *Writer { return &Writer{w: w, f: f} }

func (pw *Writer) sectioned() bool {
	return pw.f == render.Table || pw.f == render.Markdown || pw.f == render.Vertical
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
	}
	head := fmt.Sprintf("%d %s", len(r.Rows), plural(len(r.Rows), "finding", "findings"))
	return pw.block(r, head, r.Columns, r.Rows)
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
	head := fmt.Sprintf("%d added, %d removed", added, len(evs)-added)
	return pw.block(r, head, cols, rows)
}

// block writes a query's rows as a section (table formats) or a CSV block.
func (pw *Writer) block(r *Result, head string, cols []render.Column, rows [][]any) error {
	q := r.Query
	if pw.sectioned() {
		if _, err := fmt.Fprintf(pw.w, "## %s [%s] — %s\n", q.Title, q.Severity, head); err != nil {
			return err
		}
		if len(rows) == 0 {
			_, err := fmt.Fprintln(pw.w)
			return err
		}
		if q.Action != "" {
			fmt.Fprintf(pw.w, "Action: %s\n", q.Action)
		}
	} else if len(rows) == 0 {
		return nil
	} else if pw.n++; pw.n > 1 {
		if _, err := fmt.Fprintln(pw.w); err != nil {
			return err
		}
	}
	w := render.New(pw.w, pw.f, cols, render.Options{})
	for _, row := range rows {
		if err := w.Row(row); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if pw.sectioned() {
		_, err := fmt.Fprintln(pw.w)
		return err
	}
	return nil
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

// Close ends the output: the JSON array's bracket.
func (pw *Writer) Close() error {
	if pw.closed || pw.f != render.JSON {
		pw.closed = true
		return nil
	}
	pw.closed = true
	end := "\n]\n"
	if pw.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(pw.w, end)
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
