package repl

import (
	"context"
	"fmt"
	"strings"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

const help = `Statements end with ';' (or \G for one column per line) and may span lines.
  \d              list tables
  \d TABLE        describe a table: columns, keys, writes, procedures, examples
  \x [on|off|auto]  expanded output (one column per line): toggle, or set; auto (the
                  default on a terminal) expands a table only when it is wider than the screen
  \format NAME    output format: table, json, ndjson, csv, markdown, vertical
  \timing         toggle the row count and timing line
  \h, \?, help    this help (help and ? need no ;)
  \q              quit (also: quit, exit, Ctrl-D)
Tab completes keywords, tables, columns and procedures. Ctrl-C cancels the running query.
SELECT * FROM credsql_procedures lists the procedures.`

// command runs a backslash command; quit ends the shell.
func (s *Shell) command(line string) (quit bool, err error) {
	fields := strings.Fields(strings.TrimSuffix(line, ";"))
	switch fields[0] {
	case `\q`, `\quit`:
		return true, nil
	case `\h`, `\?`, `\help`:
		fmt.Fprintln(s.info(), help)
	case `\x`:
		switch {
		case len(fields) == 1 && s.expanded == expandOn:
			s.expanded = expandOff
		case len(fields) == 1:
			s.expanded = expandOn
		case len(fields) == 2 && fields[1] == "on":
			s.expanded = expandOn
		case len(fields) == 2 && fields[1] == "off":
			s.expanded = expandOff
		case len(fields) == 2 && fields[1] == "auto":
			s.expanded = expandAuto
		default:
			return false, fmt.Errorf(`\x takes on, off or auto (now %s)`, s.expanded)
		}
		fmt.Fprintf(s.info(), "Expanded display is %s.\n", s.expanded)
	case `\timing`:
		s.timing = !s.timing
		fmt.Fprintf(s.info(), "Timing is %s.\n", onOff(s.timing))
	case `\format`:
		if len(fields) != 2 {
			return false, fmt.Errorf(`\format needs a format: table, json, ndjson, csv, markdown or vertical (now %s)`, s.format)
		}
		f, err := render.ParseFormat(fields[1])
		if err != nil {
			return false, err
		}
		s.format = f
		fmt.Fprintf(s.info(), "Output format is %s.\n", f)
	case `\d`, `\dt`:
		switch len(fields) {
		case 1:
			return false, s.listTables()
		case 2:
			return false, s.describe(fields[1])
		}
		return false, fmt.Errorf(`\d takes one table name at most`)
	default:
		return false, fmt.Errorf(`unknown command %s; \h lists the commands`, fields[0])
	}
	return false, nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// listTables lists the tables of the registry, then the catalog tables the engine adds
// (credsql_procedures, ...), which it reads from information_schema.
func (s *Shell) listTables() error {
	w := render.New(s.cfg.Out, render.Table, []render.Column{{Name: "table"}, {Name: "vendor"}, {Name: "description"}}, render.Options{Width: s.width(), Wrap: true})
	known := map[string]bool{}
	for _, d := range tables.All() {
		m := d.Meta()
		known[m.Name] = true
		vendor := m.Vendor.Title()
		if m.Vendor == tables.OPA {
			vendor = "OPA" // Okta Privileged Access: the long name would take the description's room
		}
		_ = w.Row([]any{m.Name, vendor, m.Doc + " " + writes(m)})
	}
	rows, err := s.query("SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = '" + engine.DatabaseName + "' ORDER BY table_name")
	if err != nil {
		return err
	}
	for _, r := range rows {
		if !known[r[0]] {
			_ = w.Row([]any{r[0], "credsql", r[1] + " Read-only."})
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintln(s.cfg.Out, `\d TABLE describes one.`)
	return nil
}

// query runs a catalog query and returns its rows as text.
func (s *Shell) query(q string) ([][]string, error) {
	res, err := s.cfg.Session.Query(context.Background(), q)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	var out [][]string
	for row, err := range res.Rows() {
		if err != nil {
			return nil, err
		}
		r := make([]string, len(row))
		for i, v := range engine.PlainRow(row) {
			r[i] = render.Text(v)
		}
		out = append(out, r)
	}
	return out, nil
}

// writes summarises a table's writes: "Writes: INSERT, DELETE, 2 procedures." or "Read-only."
func writes(m *tables.Meta) string {
	w := m.WriteStatements()
	if n := len(m.Procedures); n == 1 {
		w = append(w, "1 procedure")
	} else if n > 1 {
		w = append(w, fmt.Sprintf("%d procedures", n))
	}
	if len(w) == 0 {
		return "Read-only."
	}
	return "Writes: " + strings.Join(w, ", ") + "."
}

func (s *Shell) describe(name string) error {
	name = strings.Trim(strings.ToLower(name), "`")
	d, ok := tables.Lookup(name)
	if !ok {
		return s.describeCatalog(name)
	}
	m := d.Meta()
	out := s.cfg.Out
	fmt.Fprintf(out, "%s — %s\n%s API: %s\n", m.Name, m.Doc, m.Vendor.Title(), m.Route)
	switch {
	case m.Singleton:
		fmt.Fprintln(out, "One row per connection; no key columns.")
	case m.HasGet:
		fmt.Fprintf(out, "Key columns: %s (all pinned with = or IN: one get per key)\n", strings.Join(m.Keys, ", "))
	default:
		fmt.Fprintf(out, "Key columns: %s\n", strings.Join(m.Keys, ", "))
	}
	if p := m.Parent; p != nil {
		fmt.Fprintf(out, "Parent: %s.%s = %s. Without %s in the WHERE clause, every %s row is listed first.\n", p.Table, p.Key, p.Column, p.Column, p.Table)
	}
	if len(m.Filters) > 0 {
		fmt.Fprintf(out, "Pushed to the API as a vendor-side filter: equality on %s.\n", strings.Join(m.Filters, ", "))
	}
	w := render.New(out, render.Table, []render.Column{{Name: "column"}, {Name: "type"}, {Name: "key"}, {Name: "description"}}, render.Options{Width: s.width(), Wrap: true})
	for _, c := range m.Columns {
		key := ""
		if c.Key {
			key = "key"
		}
		doc := c.Doc
		if c.Sensitive {
			doc = "⚠ " + doc + " (masked unless SET credsql_reveal_secrets = ON)"
		}
		_ = w.Row([]any{c.Name, c.Type.String(), key, doc})
	}
	if err := w.Close(); err != nil {
		return err
	}
	if m.CanInsert {
		fmt.Fprintf(out, "INSERT (%s): %s", strings.Join(m.InsertCols, ", "), m.InsertDoc)
		if len(m.InsertNeeds) > 0 {
			fmt.Fprintf(out, " Required: %s.", strings.Join(m.InsertNeeds, ", "))
		}
		fmt.Fprintln(out)
	}
	if m.CanUpdate {
		fmt.Fprintf(out, "UPDATE SET %s: %s\n", strings.Join(m.UpdateCols, ", "), m.UpdateDoc)
	}
	if m.CanDelete {
		fmt.Fprintf(out, "DELETE: %s\n", m.DeleteDoc)
	}
	if !m.CanInsert && !m.CanUpdate && !m.CanDelete {
		if m.ReadOnlyNote != "" {
			fmt.Fprintln(out, m.ReadOnlyNote)
		} else {
			fmt.Fprintln(out, "No INSERT, UPDATE or DELETE.")
		}
	}
	for _, p := range m.Procedures {
		var params []string
		for _, a := range p.Params {
			params = append(params, a.Name)
		}
		fmt.Fprintf(out, "CALL %s(%s) — %s\n", p.FullName, strings.Join(params, ", "), p.Doc)
	}
	if len(m.Examples) > 0 {
		fmt.Fprintln(out, "Examples:")
		for _, e := range m.Examples {
			fmt.Fprintf(out, "  -- %s\n  %s;\n", e.Title, e.SQL)
		}
	}
	return nil
}

// describeCatalog describes a table that is not in the registry (credsql_procedures, ...)
// from information_schema.
func (s *Shell) describeCatalog(name string) error {
	if strings.ContainsAny(name, `'\`) {
		return fmt.Errorf("no table %q; \\d lists them", name)
	}
	where := " WHERE table_schema = '" + engine.DatabaseName + "' AND table_name = '" + name + "'"
	t, err := s.query("SELECT table_comment FROM information_schema.tables" + where)
	if err != nil {
		return err
	}
	if len(t) == 0 {
		return fmt.Errorf("no table %q; \\d lists them", name)
	}
	cols, err := s.query("SELECT column_name, column_type, column_comment FROM information_schema.columns" + where + " ORDER BY ordinal_position")
	if err != nil {
		return err
	}
	fmt.Fprintf(s.cfg.Out, "%s — %s\nRead-only; computed by credsql, no API calls.\n", name, t[0][0])
	w := render.New(s.cfg.Out, render.Table, []render.Column{{Name: "column"}, {Name: "type"}, {Name: "description"}}, render.Options{Width: s.width(), Wrap: true})
	for _, c := range cols {
		_ = w.Row([]any{c[0], c[1], c[2]})
	}
	return w.Close()
}
