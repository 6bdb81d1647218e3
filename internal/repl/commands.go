package repl

import (
	"fmt"
	"strings"

	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

const help = `Statements end with ';' (or \G for one column per line) and may span lines.
  \d              list tables
  \d TABLE        describe a table: columns, keys, writes, procedures, examples
  \x              toggle expanded output (one column per line)
  \format NAME    output format: table, json, ndjson, csv, markdown, vertical
  \timing         toggle the row count and timing line
  \h, \?          this help
  \q              quit (also: quit, exit, Ctrl-D)
Ctrl-C cancels the running query. SELECT * FROM credsql_procedures lists the procedures.`

// command runs a backslash command; quit ends the shell.
func (s *Shell) command(line string) (quit bool, err error) {
	fields := strings.Fields(strings.TrimSuffix(line, ";"))
	switch fields[0] {
	case `\q`, `\quit`:
		return true, nil
	case `\h`, `\?`, `\help`:
		fmt.Fprintln(s.cfg.Out, help)
	case `\x`:
		s.expanded = !s.expanded
		fmt.Fprintf(s.cfg.Out, "Expanded display is %s.\n", onOff(s.expanded))
	case `\timing`:
		s.timing = !s.timing
		fmt.Fprintf(s.cfg.Out, "Timing is %s.\n", onOff(s.timing))
	case `\format`:
		if len(fields) != 2 {
			return false, fmt.Errorf(`\format needs a format: table, json, ndjson, csv, markdown or vertical (now %s)`, s.format)
		}
		f, err := render.ParseFormat(fields[1])
		if err != nil {
			return false, err
		}
		s.format = f
		fmt.Fprintf(s.cfg.Out, "Output format is %s.\n", f)
	case `\d`, `\dt`:
		if len(fields) == 1 {
			s.listTables()
			return false, nil
		}
		return false, s.describe(fields[1])
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

func (s *Shell) listTables() {
	w := render.New(s.cfg.Out, render.Table, []render.Column{{Name: "table"}, {Name: "vendor"}, {Name: "writes"}, {Name: "description"}}, render.Options{Width: s.width()})
	for _, d := range tables.All() {
		m := d.Meta()
		_ = w.Row([]any{m.Name, m.Vendor.Title(), writes(m), m.Doc})
	}
	_ = w.Close()
}

func (s *Shell) width() int {
	if s.cfg.WidthFunc != nil {
		return s.cfg.WidthFunc()
	}
	return s.cfg.Width
}

// writes summarises a table's writes: "INSERT, DELETE, 2 procedures".
func writes(m *tables.Meta) string {
	var w []string
	if m.CanInsert {
		w = append(w, "INSERT")
	}
	if m.CanUpdate {
		w = append(w, "UPDATE")
	}
	if m.CanDelete {
		w = append(w, "DELETE")
	}
	if n := len(m.Procedures); n > 0 {
		w = append(w, fmt.Sprintf("%d %s", n, map[bool]string{true: "procedure", false: "procedures"}[n == 1]))
	}
	if len(w) == 0 {
		return "read-only"
	}
	return strings.Join(w, ", ")
}

func (s *Shell) describe(name string) error {
	d, ok := tables.Lookup(name)
	if !ok {
		return fmt.Errorf("no table %q; \\d lists them", name)
	}
	m := d.Meta()
	out := s.cfg.Out
	fmt.Fprintf(out, "%s — %s\n%s API: %s\n", m.Name, m.Doc, m.Vendor.Title(), m.Route)
	fmt.Fprintf(out, "Key columns: %s", strings.Join(m.Keys, ", "))
	if m.Parent != nil {
		fmt.Fprintf(out, " (%s is %s.%s; without it, every %s row is fetched first)", m.Parent.Column, m.Parent.Table, m.Parent.Key, m.Parent.Table)
	}
	fmt.Fprintln(out)
	w := render.New(out, render.Table, []render.Column{{Name: "column"}, {Name: "type"}, {Name: "key"}, {Name: "description"}}, render.Options{Width: s.width()})
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
	_ = w.Close()
	if m.CanInsert {
		fmt.Fprintf(out, "INSERT (%s): %s\n", strings.Join(m.InsertCols, ", "), m.InsertDoc)
	}
	if m.CanUpdate {
		fmt.Fprintf(out, "UPDATE SET %s: %s\n", strings.Join(m.UpdateCols, ", "), m.UpdateDoc)
	}
	if m.CanDelete {
		fmt.Fprintf(out, "DELETE: %s\n", m.DeleteDoc)
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
