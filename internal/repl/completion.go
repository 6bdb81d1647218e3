package repl

import (
	"sort"
	"strings"
	"unicode"

	"github.com/credsql/credsql/internal/tables"
)

var keywords = []string{
	"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "JOIN", "LEFT", "INNER",
	"ON", "AS", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "DISTINCT", "COUNT", "INSERT", "INTO",
	"VALUES", "UPDATE", "SET", "DELETE", "CALL", "EXEC", "SHOW", "TABLES", "DATABASES", "DESCRIBE", "EXPLAIN",
	"NOW()", "INTERVAL", "DAY", "ASC", "DESC", "CASE", "WHEN", "THEN", "ELSE", "END", "UNION", "ALL",
	"credsql_reveal_secrets", "sql_safe_updates", "credsql_procedures", "credsql_connections",
}

// Completer completes keywords, table names, column names and procedure names: columns of
// the tables the line mentions first, then every column.
type Completer struct {
	words   []string
	columns map[string][]string
}

// NewCompleter builds a completer from the table registry.
func NewCompleter() *Completer {
	c := &Completer{columns: map[string][]string{}}
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			c.words = append(c.words, w)
		}
	}
	for _, k := range keywords {
		add(k)
	}
	for _, d := range tables.All() {
		m := d.Meta()
		add(m.Name)
		for _, col := range m.Columns {
			c.columns[m.Name] = append(c.columns[m.Name], col.Name)
		}
		for _, p := range m.Procedures {
			add(p.FullName)
			add(m.Name + "." + p.Name)
		}
	}
	for _, cols := range c.columns {
		for _, col := range cols {
			add(col)
		}
	}
	sort.Strings(c.words)
	return c
}

// Do implements readline.AutoCompleter.
func (c *Completer) Do(line []rune, pos int) ([][]rune, int) {
	start := pos
	for start > 0 && isWord(line[start-1]) {
		start--
	}
	prefix := string(line[start:pos])
	if prefix == "" {
		return nil, 0
	}
	lp := strings.ToLower(prefix)
	var out [][]rune
	seen := map[string]bool{}
	// Columns of tables named on the line come first.
	text := strings.ToLower(string(line))
	for table, cols := range c.columns {
		if strings.Contains(text, table) {
			for _, col := range cols {
				if strings.HasPrefix(col, lp) && !seen[col] {
					seen[col] = true
					out = append(out, []rune(col[len(prefix):]))
				}
			}
		}
	}
	for _, w := range c.words {
		if seen[w] || !strings.HasPrefix(strings.ToLower(w), lp) {
			continue
		}
		seen[w] = true
		cand := w
		if isUpper(prefix) != isUpper(w) && isKeyword(w) {
			cand = strings.ToLower(w)
		}
		out = append(out, []rune(cand[len(prefix):]))
	}
	return out, len([]rune(prefix))
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' }

func isUpper(s string) bool { return strings.ToUpper(s) == s }

func isKeyword(w string) bool {
	for _, k := range keywords {
		if k == w {
			return strings.ToUpper(w) == w
		}
	}
	return false
}
