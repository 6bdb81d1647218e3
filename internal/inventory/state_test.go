package inventory

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var q1 = Query{Name: "q1", Title: "Query one", Severity: "high"}

func rows(ids ...string) []Row {
	out := make([]Row, len(ids))
	for i, id := range ids {
		out[i] = Row{"id": id, "connection": "prod"}
	}
	return out
}

func actions(evs []Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Action+" "+ev.Columns["id"])
	}
	return out
}

func TestApplyFollowsOsqueryCounterAndEpoch(t *testing.T) {
	t.Parallel()
	s := NewState()
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	o := DiffOptions{Host: "runner-1", Now: at}

	evs := s.Apply(q1, rows("a", "b"), o)
	if d := cmp.Diff([]string{"added a", "added b"}, actions(evs)); d != "" {
		t.Errorf("first run (-want +got):\n%s", d)
	}
	first := evs[0]
	if first.Counter != 0 || first.Name != "q1" || first.HostIdentifier != "runner-1" || first.UnixTime != at.Unix() ||
		first.CalendarTime != "Wed Mar  4 05:06:07 2026 UTC" || first.Numerics || first.Decorations["severity"] != "high" {
		t.Errorf("first event %+v", first)
	}

	evs = s.Apply(q1, rows("b", "c"), o)
	if d := cmp.Diff([]string{"removed a", "added c"}, actions(evs)); d != "" {
		t.Errorf("second run (-want +got):\n%s", d)
	}
	if evs[0].Counter != 1 {
		t.Errorf("counter %d, want 1", evs[0].Counter)
	}

	if evs = s.Apply(q1, rows("c", "b"), o); len(evs) != 0 {
		t.Errorf("unchanged rows in another order gave %v", actions(evs))
	}
	if got := s.Queries["q1"].Counter; got != 2 {
		t.Errorf("counter %d after a run without changes, want 2", got)
	}

	o.Epoch = 7
	evs = s.Apply(q1, rows("b", "c"), o)
	if d := cmp.Diff([]string{"added b", "added c"}, actions(evs)); d != "" || evs[0].Counter != 0 || evs[0].Epoch != 7 {
		t.Errorf("new epoch: %v counter %d epoch %d", d, evs[0].Counter, evs[0].Epoch)
	}
}

func TestDiffIsAMultiset(t *testing.T) {
	t.Parallel()
	added, removed := Diff(rows("a", "a", "b"), rows("a", "b", "b"))
	if d := cmp.Diff([]string{"b"}, ids(added)); d != "" {
		t.Errorf("added: %s", d)
	}
	if d := cmp.Diff([]string{"a"}, ids(removed)); d != "" {
		t.Errorf("removed: %s", d)
	}
	// A changed column is a different row: the old one removed, the new one added.
	changed := rows("a")
	changed[0]["connection"] = "stage"
	added, removed = Diff(rows("a"), changed)
	if len(added) != 1 || len(removed) != 1 {
		t.Errorf("changed row: added %v removed %v", added, removed)
	}
}

func ids(rs []Row) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r["id"])
	}
	return out
}

func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := LoadState(path)
	if err != nil || len(s.Queries) != 0 {
		t.Fatalf("missing file: %v %v, want an empty state", s, err)
	}
	s.Apply(q1, rows("a"), DiffOptions{Now: time.Now()})
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	back, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s.Queries["q1"].Rows, back.Queries["q1"].Rows); d != "" {
		t.Errorf("rows after a round trip: %s", d)
	}
	if evs := back.Apply(q1, rows("a"), DiffOptions{Now: time.Now()}); len(evs) != 0 || back.Queries["q1"].Counter != 1 {
		t.Errorf("reloaded state forgot the snapshot: %v", actions(evs))
	}
}

func TestLoadStateRefusesWhatItCannotTrust(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ content, want string }{
		"empty":         {"", "(empty file)"},
		"truncated":     {`{"version": 1, "queries": {"q1": {"epoch": 0, "counter": 3, "rows": [{"id": "a"`, "(parse JSON: unexpected EOF)"},
		"not JSON":      {"\x00\x01garbage", "(parse JSON: invalid character"},
		"other version": {`{"version": 2, "queries": {}}`, "(version 2, this credsql reads version 1)"},
		"no version":    {`{"queries": {}}`, "(version 0, this credsql reads version 1)"},
		"unknown field": {`{"version": 1, "queries": {}, "extra": true}`, `(parse JSON: json: unknown field "extra")`},
		"null query":    {`{"version": 1, "queries": {"q1": null}}`, `(query "q1" has no state)`},
		"trailing data": {`{"version": 1, "queries": {}} {}`, "(parse JSON: data after the state object)"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadState(path)
			if err == nil || !strings.HasPrefix(err.Error(), "state file "+path+" is unusable "+tc.want) || !strings.Contains(err.Error(), "move it away") {
				t.Fatalf("error %v, want one naming %s, the reason %s and how to start over", err, path, tc.want)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.content {
				t.Errorf("the state file was changed to %q", b)
			}
		})
	}
	t.Run("unreadable", func(t *testing.T) {
		_, err := LoadState(t.TempDir()) // a folder
		if err == nil || !strings.Contains(err.Error(), "read state file") {
			t.Fatalf("error %v", err)
		}
	})
}

// TestSaveIsAtomic stops a save between writing the new state and putting it in place, as a
// crash would: the old file must be intact and no temporary file left behind.
func TestSaveIsAtomic(t *testing.T) {
	// Not parallel: it replaces the package's beforeRename hook.
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	old := NewState()
	old.Apply(q1, rows("a"), DiffOptions{Now: time.Now()})
	if err := old.Save(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	next := NewState()
	next.Apply(q1, rows("a", "b", "c"), DiffOptions{Now: time.Now()})
	crash := errors.New("crash")
	beforeRename = func(tmp string) error {
		b, err := os.ReadFile(tmp)
		if err != nil || !strings.Contains(string(b), `"c"`) {
			t.Errorf("temporary file not complete before the rename: %v", err)
		}
		if cur, _ := os.ReadFile(path); string(cur) != string(before) {
			t.Errorf("state file touched before the rename")
		}
		return crash
	}
	defer func() { beforeRename = func(string) error { return nil } }()
	if err := next.Save(path); !errors.Is(err, crash) {
		t.Fatalf("Save: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("interrupted save changed the state file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	beforeRename = func(string) error { return nil }
	if err := next.Save(path); err != nil {
		t.Fatal(err)
	}
	s, err := LoadState(path)
	if err != nil || len(s.Queries["q1"].Rows) != 3 {
		t.Fatalf("after a completed save: %v %v", s, err)
	}
}

func TestVendorsOf(t *testing.T) {
	t.Parallel()
	for sqlText, want := range map[string][]string{
		"SELECT * FROM apps a JOIN app_keys k ON k.app_id = a.id":                       {"okta"},
		"SELECT * FROM `ziti_authenticators` -- FROM idps\n":                            {"ziti"},
		"SELECT 'apps', \"idps_keys\" FROM opa_service_users /* app_keys */":            {"opa"},
		"SELECT 1 FROM credsql.idps_keys UNION ALL SELECT 1 FROM opa_service_user_keys": {"okta", "opa"},
		"SELECT 1":                       nil,
		"SELECT 1 /*!50000 FROM apps */": {"okta"},
		"SELECT 'it''s -- apps' FROM `ziti_``x` # it's idps\n":    nil,
		"SELECT \"a\\\" apps\" FROM opa_service_users":            {"opa"},
		"SELECT 1 FROM t WHERE x = 1--1 OR idps_keys.kid IS NULL": {"okta"},
	} {
		if d := cmp.Diff(want, vendorsOf(sqlText)); d != "" {
			t.Errorf("%s: %s", sqlText, d)
		}
	}
}

func TestParseRefusesWhatIsNotOneSelect(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"-- title: x\nDELETE FROM idps_keys WHERE kid = 'a'":       "only reads",
		"-- title: x\nSELECT 1; SELECT 2":                          "2 statements",
		"-- title: x\n-- severity: urgent\nSELECT 1":               "severity",
		"-- title: only a header\n":                                "no SQL",
		"-- title: x\nCALL apps_secrets_activate('a', 'b')":        "only reads",
		"-- title: x\n/* lead */ UPDATE apps_secrets SET status=1": "only reads",
	} {
		if _, err := Parse(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
	q, err := Parse("  -- title: a\n\t-- description: b -- c\n# d\nSELECT '-- title: no' -- e\n;")
	if err != nil || q.Title != "a" || q.Description != "b -- c" || q.SQL != "# d\nSELECT '-- title: no' -- e" {
		t.Errorf("Parse: %+v %v", q, err)
	}
	q, err = Parse("-- title: t\n-- severity: HIGH\n-- action: do\n--   more\nWITH x AS (SELECT 1) SELECT * FROM x;")
	if err != nil || q.Severity != "high" || q.Action != "do more" || q.SQL != "WITH x AS (SELECT 1) SELECT * FROM x" {
		t.Errorf("Parse: %+v %v", q, err)
	}
}
