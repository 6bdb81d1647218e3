// Package inventory runs saved inventory queries: `.sql` files whose header comment gives a
// title, a description, a severity and what to do about a finding, e.g.
//
//	-- title: App signing keys expiring within 30 days
//	-- description: Okta app key credentials whose certificate ends in the next 30 days.
//	-- severity: high
//	-- action: Generate a new key (CALL app_keys_generate) and switch the app to it.
//	SELECT ...
//
// Every row is a finding. Exec runs a query; Writer prints a pack's findings; State keeps the
// last rows of each query for differential mode, whose events have the shape of osquery's
// result log (docs/scheduling.md).
package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/credsql/credsql/internal/sqltext"
)

// Severities, most severe first.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// Query is one saved query.
type Query struct {
	Name        string // file name without .sql: the query's stable identifier
	File        string
	Title       string
	Description string
	Severity    string
	Action      string
	SQL         string
	// Vendors are the vendors whose tables the query reads (okta, ziti, opa): a pack skips a
	// query when one of them has no connection.
	Vendors []string
}

// Load reads every *.sql file of dir, sorted by name.
func Load(dir string) ([]Query, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no .sql files in %s", dir)
	}
	sort.Strings(paths)
	var out []Query
	for _, p := range paths {
		q, err := LoadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// LoadFile reads one saved query.
func LoadFile(path string) (Query, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Query{}, err
	}
	q, err := Parse(string(b))
	if err != nil {
		return Query{}, fmt.Errorf("%s: %w", path, err)
	}
	q.File = path
	q.Name = strings.TrimSuffix(filepath.Base(path), ".sql")
	if q.Title == "" {
		q.Title = q.Name
	}
	return q, nil
}

// Parse reads the header fields and the SQL of a saved query.
func Parse(text string) (Query, error) {
	var q Query
	var last *string
	// The header is the run of "-- " comments before the first other token.
	body := text
	for _, t := range sqltext.Tokens(text) {
		c := t.Text(text)
		if t.Kind == sqltext.Space {
			continue
		}
		if t.Kind != sqltext.LineComment || !strings.HasPrefix(c, "--") {
			body = text[t.Start:]
			break
		}
		body = text[t.End:]
		c = strings.TrimSpace(strings.TrimPrefix(c, "--"))
		key, val, ok := strings.Cut(c, ":")
		if ok {
			val = strings.TrimSpace(val)
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "title":
				q.Title, last = val, &q.Title
				continue
			case "description":
				q.Description, last = val, &q.Description
				continue
			case "severity":
				q.Severity, last = strings.ToLower(val), nil
				continue
			case "action":
				q.Action, last = val, &q.Action
				continue
			}
		}
		// A comment line without a key continues the previous field.
		if last != nil && c != "" {
			*last += " " + c
		}
	}
	q.SQL = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(body), ";"))
	if q.SQL == "" {
		return q, fmt.Errorf("no SQL after the header")
	}
	if n := len(sqltext.Statements(q.SQL)); n != 1 {
		return q, fmt.Errorf("%d statements: a saved query is one SELECT", n)
	}
	if verb := firstWord(q.SQL); !readVerbs[verb] {
		return q, fmt.Errorf("a saved query only reads (SELECT or WITH), not %s", verb)
	}
	q.Vendors = vendorsOf(q.SQL)
	if q.Severity == "" {
		q.Severity = "info"
	}
	if SeverityRank(q.Severity) < 0 {
		return q, fmt.Errorf("severity %q: use one of %s", q.Severity, strings.Join(Severities, ", "))
	}
	return q, nil
}

var readVerbs = map[string]bool{"SELECT": true, "WITH": true, "(": true}

// firstWord is the statement's first keyword, upper-cased, after comments.
func firstWord(sqlText string) string {
	ids := identifiers(sqlText)
	t := strings.TrimSpace(sqlText)
	if strings.HasPrefix(t, "(") {
		return "("
	}
	if len(ids) == 0 {
		return ""
	}
	return strings.ToUpper(ids[0])
}

// SeverityRank orders severities (0 = critical), -1 for an unknown one.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}
