package difftest

import (
	"strings"
	"testing"
	"time"

	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/google/go-cmp/cmp"
)

// TestCanon checks that a value read in-process and the same value read off the wire compare
// equal, and that different values do not.
func TestCanon(t *testing.T) {
	tm := time.Date(2026, 5, 1, 12, 30, 0, 123456789, time.UTC)
	for _, c := range []struct {
		name     string
		inproc   any
		wire     any
		wireJSON bool
	}{
		{"bool", int8(1), int64(1), false},
		{"bool as text", int8(0), []byte("0"), false},
		{"bigint", int64(2048), []byte("2048"), false},
		{"datetime", tm, tm.Truncate(time.Microsecond).In(time.FixedZone("x", 3600)), false},
		{"string", "ACTIVE", []byte("ACTIVE"), false},
		{"json", types.JSONDocument{Val: map[string]any{"b": 1.0, "a": []any{"x"}}}, []byte(`{"a": ["x"], "b": 1}`), true},
		{"null", nil, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := canon(c.wire)
			if c.wireJSON {
				got = canonJSON(string(c.wire.([]byte)))
			}
			if want := canon(c.inproc); got != want {
				t.Errorf("wire %q, in-process %q", got, want)
			}
		})
	}
	if canon(nil) == canon("NULL") || canon("") == canon(nil) {
		t.Error("NULL must differ from the strings 'NULL' and ''")
	}
}

func TestSameRows(t *testing.T) {
	a := [][]string{{"1", "x"}, {"2", "y"}, {"2", "z"}}
	swapped := [][]string{{"1", "x"}, {"2", "z"}, {"2", "y"}}
	reordered := [][]string{{"2", "y"}, {"1", "x"}, {"2", "z"}}
	dup := [][]string{{"1", "x"}, {"2", "y"}, {"2", "y"}}
	for _, c := range []struct {
		name      string
		got, want [][]string
		mode      compareMode
		same      bool
	}{
		{"ordered, same", a, a, compareMode{ordered: true}, true},
		{"ordered, ties swapped", swapped, a, compareMode{ordered: true}, false},
		{"multiset, reordered", reordered, a, compareMode{rows: true}, true},
		{"multiset, a row twice", dup, a, compareMode{rows: true}, false},
		{"sort key, ties swapped", swapped, a, compareMode{rows: true, sortKey: 1}, true},
		{"sort key, out of order", reordered, a, compareMode{rows: true, sortKey: 1}, false},
		{"limit under a partial order: count only", dup, a, compareMode{}, true},
		{"limit under a partial order: count differs", a[:2], a, compareMode{}, false},
	} {
		if got := sameRows(c.got, c.want, c.mode); got != c.same {
			t.Errorf("%s: sameRows = %v, want %v", c.name, got, c.same)
		}
	}
}

func TestCompareModeRoundTrip(t *testing.T) {
	for _, m := range []compareMode{{ordered: true}, {rows: true}, {sortKey: 2}, {rows: true, sortKey: 1}, {}} {
		back, err := parseCompareMode(m.String())
		if err != nil || back != m {
			t.Errorf("%v: parsed back as %v, %v", m, back, err)
		}
	}
}

func TestQueryCompareMode(t *testing.T) {
	q := &query{sel: []string{"app_id", "id"}, from: "apps_secrets", orderBy: []string{"app_id DESC"}, limit: 3}
	if got := q.compareMode(); got != (compareMode{sortKey: 1}) {
		t.Errorf("partial order with LIMIT: %v", got)
	}
	q.limit = 0
	if got := q.compareMode(); got != (compareMode{rows: true, sortKey: 1}) {
		t.Errorf("partial order: %v", got)
	}
	q.orderKeys = []string{"connection", "app_id", "id"}
	if got := q.compareMode(); got != (compareMode{ordered: true}) {
		t.Errorf("total order: %v", got)
	}
}

// TestMinimize shrinks a query against a fake failure (the IN list holding 'b' on a table
// read with ORDER BY): conditions, list values, select columns and the LIMIT all go.
func TestMinimize(t *testing.T) {
	q := &query{
		sel:  []string{"connection", "id", "status"},
		from: "apps_secrets",
		where: and(
			leaf("status IS NOT NULL"),
			junction{op: "OR", xs: []expr{leaf("created > '2020-01-01'"), inList{col: "id", vals: []string{"'a'", "'b'", "'c'", "'b'"}}}},
			notExpr{leaf("app_id = 'x'")},
		),
		orderKeys: []string{"connection", "app_id", "id"},
		limit:     2, offset: 1,
	}
	fails := func(c *query) bool {
		s := c.String()
		return strings.Contains(s, "'b'") && strings.Contains(s, "ORDER BY")
	}
	got := minimize(q, 500, func(*query) bool { return false }, fails).String()
	want := "SELECT status FROM apps_secrets WHERE id IN ('b') ORDER BY connection, app_id, id"
	if got != want {
		t.Errorf("minimized to\n  %s\nwant\n  %s", got, want)
	}
}

func TestShape(t *testing.T) {
	a := shape("SELECT n FROM app_keys WHERE kid IN ('x', 'y') LIMIT 3")
	b := shape("SELECT connection, kid FROM app_keys WHERE kid IN ('z', 'w', 'v') LIMIT 1")
	if a != b {
		t.Errorf("shapes differ:\n  %s\n  %s", a, b)
	}
	if c := shape("SELECT n FROM app_keys WHERE kid = 'x'"); c == a {
		t.Errorf("= and IN have one shape: %s", c)
	}
}

// TestPlantedDifference removes one row from the oracle: the harness must report the full
// scan of that table, shrink a larger query down to it, and leave other tables alone. This
// holds whatever credsql's own bugs are, so the harness can never pass by seeing nothing.
func TestPlantedDifference(t *testing.T) {
	r := newRun(t, Options{Seed: 7, PageSize: 2})
	m := r.byName["apps_secrets"]
	if len(m.rows) < 2 {
		t.Fatalf("apps_secrets has %d rows", len(m.rows))
	}
	if err := r.oracle.load(m.name(), m.schema, m.rows[1:]); err != nil {
		t.Fatal(err)
	}
	if mm := r.compare("SELECT COUNT(*) FROM apps", compareMode{rows: true}); mm != nil {
		t.Errorf("apps differ:\n%s", mm)
	}
	q := &query{sel: []string{"*"}, from: "apps_secrets",
		where: and(leaf("status IS NOT NULL"), leaf("created IS NOT NULL"), leaf("connection LIKE '%'"))}
	mm := r.compare(q.String(), q.compareMode())
	if mm == nil || mm.Kind != "rows" {
		t.Fatalf("a missing oracle row went unnoticed: %v", mm)
	}
	mm.Original = mm.SQL
	mm = r.shrink(q, mm)
	if mm.SQL != "SELECT * FROM apps_secrets" {
		t.Errorf("shrunk to %s", mm.SQL)
	}
	extra, missing := multisetDiff(mm.Got, mm.Want)
	if diff := cmp.Diff([][]string{canonRow(m.rows[0])}, extra); diff != "" || len(missing) > 0 {
		t.Errorf("difference (-want +got):\n%s\nmissing: %v", diff, missing)
	}
	if !strings.Contains(mm.String(), "DIFFTEST_SQL='SELECT * FROM apps_secrets'") {
		t.Errorf("reproducer:\n%s", mm)
	}
}

// JSON read off the wire arrives as LONGTEXT: the cells of the columns the oracle types as
// JSON are re-encoded, NULL and the other columns left alone.
func TestCanonJSONColumns(t *testing.T) {
	t.Parallel()
	rows := [][]string{{`{"b": 1, "a": [2]}`, `{"b": 1, "a": [2]}`}, {null, "x"}}
	canonJSONColumns(rows, []bool{true, false})
	if rows[0][0] != `{"a":[2],"b":1}` || rows[0][1] != `{"b": 1, "a": [2]}` || rows[1][0] != null || rows[1][1] != "x" {
		t.Errorf("%q", rows)
	}
}
