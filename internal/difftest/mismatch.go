package difftest

import (
	"context"
	dsql "database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/credsql/credsql/internal/engine"
)

// Mismatch is a statement on which credsql and the oracle disagree.
type Mismatch struct {
	Seed     uint64
	PageSize int
	Wire     bool
	// Kind is "rows" (different results), "credsql error" or "oracle error" (only one
	// side failed), "scan" (a full scan repeats a row) or "write" (a write affected a
	// different number of rows than the same write on the oracle).
	Kind string
	// Setup are the writes applied through credsql before SQL, in order.
	Setup []string
	// SQL is the shrunk statement; Original the generated one.
	SQL, Original string
	// Compare is how the results were compared.
	Compare compareMode
	// Got is credsql's result, Want the oracle's (canonical text values).
	Got, Want       [][]string
	GotErr, WantErr string
	Note            string
}

const maxShown = 5

// String is a reproducer, ready to paste: the command that replays the statement on the same
// simulator, the statement, and both results with the first rows that differ.
func (m *Mismatch) String() string {
	var b strings.Builder
	path := "in-process"
	if m.Wire {
		path = "wire"
	}
	fmt.Fprintf(&b, "difftest mismatch (%s): seed=%d page_size=%d path=%s\n", m.Kind, m.Seed, m.PageSize, path)
	fmt.Fprintf(&b, "  reproduce: DIFFTEST_SEED=%d DIFFTEST_PAGE_SIZE=%d", m.Seed, m.PageSize)
	if m.Wire {
		b.WriteString(" DIFFTEST_WIRE=1")
	}
	if m.Kind == "rows" {
		fmt.Fprintf(&b, " DIFFTEST_COMPARE=%s", m.Compare)
	}
	if len(m.Setup) > 0 {
		fmt.Fprintf(&b, " DIFFTEST_SETUP=%s", shellQuote(strings.Join(m.Setup, ";\n")))
	}
	fmt.Fprintf(&b, " DIFFTEST_SQL=%s go test -tags gms_pure_go -count=1 -run TestRepro ./internal/difftest\n", shellQuote(m.SQL))
	for i, s := range m.Setup {
		fmt.Fprintf(&b, "  setup %d: %s\n", i+1, s)
	}
	fmt.Fprintf(&b, "  sql:      %s\n", m.SQL)
	if m.Original != "" && m.Original != m.SQL {
		fmt.Fprintf(&b, "  original: %s\n", m.Original)
	}
	if m.Note != "" {
		fmt.Fprintf(&b, "  %s\n", m.Note)
	}
	if m.GotErr != "" {
		fmt.Fprintf(&b, "  credsql error: %s\n", m.GotErr)
	}
	if m.WantErr != "" {
		fmt.Fprintf(&b, "  oracle error: %s\n", m.WantErr)
	}
	if m.Kind != "rows" {
		return b.String()
	}
	fmt.Fprintf(&b, "  credsql: %d rows, oracle: %d rows (compared: %s)\n", len(m.Got), len(m.Want), m.Compare)
	extra, missing := multisetDiff(m.Got, m.Want)
	if !m.Compare.rows || len(extra)+len(missing) == 0 {
		got, want := m.Got, m.Want
		if !m.Compare.ordered && m.Compare.sortKey > 0 {
			got, want = project(got, m.Compare.sortKey), project(want, m.Compare.sortKey)
		}
		i := firstDiff(got, want)
		fmt.Fprintf(&b, "  first difference at row %d\n", i+1)
		for j := i; j < i+maxShown && (j < len(m.Got) || j < len(m.Want)); j++ {
			fmt.Fprintf(&b, "    row %d: credsql %s, oracle %s\n", j+1, rowAt(m.Got, j), rowAt(m.Want, j))
		}
		return b.String()
	}
	for _, d := range []struct {
		what string
		rows [][]string
	}{{"only in credsql", extra}, {"only in oracle", missing}} {
		if len(d.rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s (%d):\n", d.what, len(d.rows))
		for j, row := range d.rows {
			if j == maxShown {
				fmt.Fprintf(&b, "    ...\n")
				break
			}
			fmt.Fprintf(&b, "    %s\n", showRow(row))
		}
	}
	return b.String()
}

func rowAt(rows [][]string, i int) string {
	if i < len(rows) {
		return showRow(rows[i])
	}
	return "(none)"
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func rowKey(row []string) string { return strings.Join(row, "\x01") }

// sameRows compares results as mode says: in order, as multisets, and the order of the
// sort-key columns. The row counts must always agree.
func sameRows(got, want [][]string, mode compareMode) bool {
	if len(got) != len(want) {
		return false
	}
	if mode.ordered {
		return firstDiff(got, want) == len(got)
	}
	if mode.rows {
		if extra, missing := multisetDiff(got, want); len(extra) > 0 || len(missing) > 0 {
			return false
		}
	}
	if mode.sortKey > 0 {
		return firstDiff(project(got, mode.sortKey), project(want, mode.sortKey)) == len(got)
	}
	return true
}

func project(rows [][]string, n int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r[:min(n, len(r))]
	}
	return out
}

func firstDiff(got, want [][]string) int {
	n := min(len(got), len(want))
	for i := range n {
		if rowKey(got[i]) != rowKey(want[i]) {
			return i
		}
	}
	return n
}

// multisetDiff returns the rows got has more often than want, and those want has more often
// than got, each sorted.
func multisetDiff(got, want [][]string) (extra, missing [][]string) {
	count := map[string]int{}
	rows := map[string][]string{}
	for _, r := range got {
		count[rowKey(r)]++
		rows[rowKey(r)] = r
	}
	for _, r := range want {
		count[rowKey(r)]--
		rows[rowKey(r)] = r
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for n := count[k]; n > 0; n-- {
			extra = append(extra, rows[k])
		}
		for n := count[k]; n < 0; n++ {
			missing = append(missing, rows[k])
		}
	}
	return extra, missing
}

var (
	litRe  = regexp.MustCompile(`'(?:[^'\\]|''|\\.)*'|\b\d+\b`)
	listRe = regexp.MustCompile(`\?(?:, \?)+`)
)

// shape is a statement with its literals and select list blanked: mismatches of one shape are
// one finding.
func shape(q string) string {
	if rest, ok := strings.CutPrefix(q, "SELECT "); ok {
		if i := strings.Index(rest, " FROM "); i >= 0 {
			q = "SELECT ..." + rest[i:]
		}
	}
	return listRe.ReplaceAllString(litRe.ReplaceAllString(q, "?"), "?")
}

// sessionQuery runs a statement in an in-process credsql session.
func sessionQuery(s *engine.Session, q string) (rows [][]string, err error) {
	res, err := s.Query(context.Background(), q)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	for row, err := range res.Rows() {
		if err != nil {
			return nil, err
		}
		rows = append(rows, canonRow(row))
	}
	return rows, nil
}

// wireQuery runs a statement over the MySQL wire with go-sql-driver/mysql (text protocol).
func wireQuery(db *dsql.DB, q string) ([][]string, error) {
	rs, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	cts, err := rs.ColumnTypes()
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for rs.Next() {
		vals := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = canon(v)
			if b, ok := v.([]byte); ok && cts[i].DatabaseTypeName() == "JSON" {
				row[i] = canonJSON(string(b))
			}
		}
		rows = append(rows, row)
	}
	return rows, rs.Err()
}
