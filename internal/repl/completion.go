package repl

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
)

var keywords = []string{
	"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "JOIN", "LEFT", "INNER",
	"ON", "AS", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "DISTINCT", "COUNT", "INSERT", "INTO",
	"VALUES", "UPDATE", "SET", "DELETE", "CALL", "EXEC", "SHOW", "TABLES", "DATABASES", "DESCRIBE", "EXPLAIN",
	"NOW()", "INTERVAL", "DAY", "ASC", "DESC", "CASE", "WHEN", "THEN", "ELSE", "END", "UNION", "ALL",
	"COLUMNS", "FULL", "CREATE", "TABLE", "PROCEDURE", "STATUS", "WITH", "EXISTS", "TRUE", "FALSE",
}

// Names the engine adds besides the registry's tables.
var extraNames = []string{"credsql_procedures", "credsql_connections", "credsql_reveal_secrets", "sql_safe_updates"}

var commandNames = []string{`\d`, `\dt`, `\x`, `\format`, `\timing`, `\h`, `\q`}

// Completer completes SQL for readline: keywords, table names, column names and procedure
// names. Columns of the tables the statement names come first; "alias." and "table."
// complete that table's columns; after FROM or JOIN come tables, after CALL procedures,
// after EXEC table.procedure names; a line starting with '\' completes shell commands, and
// "\d " a table.
type Completer struct {
	tables  []string            // sorted
	columns map[string][]string // in table order
	all     []string            // every column name, sorted, once
	calls   []string            // CALL names: apps_secrets_activate
	execs   []string            // EXEC names: apps_secrets.activate
}

// NewCompleter builds a completer from the table registry.
func NewCompleter() *Completer {
	c := &Completer{columns: map[string][]string{}}
	seen := map[string]bool{}
	for _, d := range tables.All() {
		m := d.Meta()
		c.tables = append(c.tables, m.Name)
		for _, col := range m.Columns {
			c.columns[m.Name] = append(c.columns[m.Name], col.Name)
			if !seen[col.Name] {
				seen[col.Name] = true
				c.all = append(c.all, col.Name)
			}
		}
		for _, p := range m.Procedures {
			c.calls = append(c.calls, p.FullName)
			c.execs = append(c.execs, m.Name+"."+p.Name)
		}
	}
	c.tables = append(c.tables, "credsql_procedures", "credsql_connections")
	for _, s := range [][]string{c.tables, c.all, c.calls, c.execs} {
		sort.Strings(s)
	}
	return c
}

// Do implements readline.AutoCompleter: the candidates' remaining text and how many runes
// before pos they complete.
func (c *Completer) Do(line []rune, pos int) ([][]rune, int) {
	start := pos
	for start > 0 && isWord(line[start-1]) {
		start--
	}
	if start > 0 && line[start-1] == '\\' && strings.TrimSpace(string(line[:start-1])) == "" {
		start--
	}
	prefix := string(line[start:pos])
	before := strings.TrimSpace(string(line[:start]))
	if inLiteral(string(line[:pos])) {
		return nil, 0
	}
	switch {
	case strings.HasPrefix(prefix, `\`):
		return candidates(prefix, commandNames), len([]rune(prefix))
	case before == `\d` || before == `\dt`:
		return candidates(prefix, c.tables), len([]rune(prefix))
	case prefix == "":
		return nil, 0
	}
	words := tokens(string(line[:start]))
	last := ""
	if len(words) > 0 {
		last = strings.ToUpper(words[len(words)-1])
	}
	if last == "EXEC" {
		return candidates(prefix, c.execs), len([]rune(prefix))
	}
	if dot := strings.LastIndexByte(prefix, '.'); dot >= 0 {
		// table.column, alias.column, or an EXEC name (apps_secrets.activate).
		qual, rest := strings.ToLower(prefix[:dot]), prefix[dot+1:]
		var out [][]rune
		if t := c.resolve(qual, string(line)); t != "" {
			out = candidates(rest, c.columns[t])
		}
		// Candidates are the text after the cursor, so an EXEC name completing the whole
		// prefix is one too.
		for _, e := range candidates(prefix, c.execs) {
			if !slices.ContainsFunc(out, func(o []rune) bool { return slices.Equal(o, e) }) {
				out = append(out, e)
			}
		}
		return out, len([]rune(rest))
	}
	var groups [][]string
	switch last {
	case "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE", "DESC":
		groups = [][]string{c.tables}
	case "CALL":
		groups = [][]string{c.calls}
	default:
		// Columns of the tables the statement names, then everything else.
		var named []string
		for _, w := range tokens(string(line)) {
			named = append(named, c.columns[strings.ToLower(w)]...)
		}
		groups = [][]string{named, c.tables, keywords, c.all, c.calls, c.execs, extraNames}
	}
	var out [][]rune
	seen := map[string]bool{}
	for _, g := range groups {
		for _, w := range g {
			lw := strings.ToLower(w)
			if seen[lw] || !strings.HasPrefix(lw, strings.ToLower(prefix)) {
				continue
			}
			seen[lw] = true
			if isUpper(w) && !isUpper(prefix) {
				w = lw // keywords follow the case the user types
			}
			out = append(out, []rune(w[len(prefix):]))
		}
	}
	return out, len([]rune(prefix))
}

// resolve maps a qualifier to a table: a table name, or an alias the line declares
// ("FROM apps a", "JOIN app_keys AS k").
func (c *Completer) resolve(qual, line string) string {
	if _, ok := c.columns[qual]; ok {
		return qual
	}
	words := tokens(line)
	for i, w := range words {
		t := strings.ToLower(w)
		if _, ok := c.columns[t]; !ok {
			continue
		}
		j := i + 1
		if j < len(words) && strings.EqualFold(words[j], "AS") {
			j++
		}
		if j < len(words) && strings.EqualFold(words[j], qual) {
			return t
		}
	}
	return ""
}

// candidates returns the remaining text of the words that start with prefix (any case).
func candidates(prefix string, words []string) [][]rune {
	var out [][]rune
	for _, w := range words {
		if len(w) >= len(prefix) && strings.EqualFold(w[:len(prefix)], prefix) {
			out = append(out, []rune(w[len(prefix):]))
		}
	}
	return out
}

// tokens splits a line into words (identifiers, keywords), dropping punctuation, string
// literals and comments.
func tokens(s string) []string {
	return strings.FieldsFunc(sqltext.Code(s), func(r rune) bool { return !isWord(r) || r == '.' })
}

// inLiteral reports whether text (what precedes the cursor) ends inside a string literal or
// a comment, where there is nothing to complete. Inside backquotes names are completed.
func inLiteral(text string) bool {
	toks := sqltext.Tokens(text)
	if len(toks) == 0 {
		return false
	}
	switch t := toks[len(toks)-1]; t.Kind {
	case sqltext.LineComment:
		return true
	case sqltext.String, sqltext.BlockComment, sqltext.HexLiteral, sqltext.BitLiteral:
		return t.Open
	}
	return false
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' }

func isUpper(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }
