package tables_test

import (
	"fmt"
	"net"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Regression tests for the wrong-row classes the differential oracle (internal/difftest)
// is built to catch. Each expectation comes from a full scan of the table through credsql —
// no key, filter or parent pushed down, so a different API path — filtered, counted or
// sorted here in Go: the same question asked two ways.

// fullScan returns every row of cols in table, through the unfiltered path.
func fullScan(t testing.TB, run runner, table string, cols ...string) [][]any {
	t.Helper()
	return run.must(t, "SELECT "+strings.Join(cols, ", ")+" FROM "+table)
}

func column(rows [][]any, i int) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(r[i]))
	}
	return out
}

func inList(vals ...string) string {
	var qs []string
	for _, v := range vals {
		qs = append(qs, q(v))
	}
	return "(" + strings.Join(qs, ", ") + ")"
}

func wantCount(t testing.TB, run runner, sql string, want int) {
	t.Helper()
	rows := run.must(t, sql)
	if got := rows[0][0]; got != int64(want) {
		t.Errorf("%s\n= %v, want %d", sql, got, want)
	}
}

// wantRows compares a query's rows with expected ones as multisets.
func wantRows(t testing.TB, run runner, sql string, want [][]any) {
	t.Helper()
	got := run.must(t, sql)
	if diff := cmp.Diff(sortedRows(want), sortedRows(got)); diff != "" {
		t.Errorf("%s\nrows differ (-want +got):\n%s", sql, diff)
	}
}

// A child key pinned without its parent fans out over the parents; each parent's listing
// holds the rows of every pinned id, so a listing must keep only its point's rows.
func TestChildKeyINWithoutParentCountsEachRowOnce(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		secrets := column(fullScan(t, run, "apps_secrets", "id"), 0)
		keys := column(fullScan(t, run, "opa_service_user_keys", "id"), 0)
		if len(secrets) < 2 || len(keys) < 2 {
			t.Fatalf("the dataset needs two secrets and two keys: %v %v", secrets, keys)
		}
		wantCount(t, run, "SELECT COUNT(*) FROM apps_secrets WHERE id IN "+inList(secrets[0], secrets[len(secrets)-1]), 2)
		wantCount(t, run, "SELECT COUNT(*) FROM opa_service_user_keys WHERE id IN "+inList(keys[0], keys[len(keys)-1]), 2)
		// Duplicates inside the IN list are one value.
		wantCount(t, run, "SELECT COUNT(*) FROM apps_secrets WHERE id IN "+inList(secrets[0], secrets[0], secrets[1]), 2)
		wantCount(t, run, "SELECT COUNT(*) FROM apps_secrets WHERE id IN "+inList(secrets[0], "ocsNoSuchSecret00000"), 1)
	})
}

// The parent pinned and child ids of two parents: the other parent's id matches nothing.
func TestParentAndChildKeysPinTogether(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		rows := fullScan(t, run, "opa_service_user_keys", "user_name", "id")
		byUser := map[string][]string{}
		var users []string
		for _, r := range rows {
			u := fmt.Sprint(r[0])
			if byUser[u] == nil {
				users = append(users, u)
			}
			byUser[u] = append(byUser[u], fmt.Sprint(r[1]))
		}
		var user, other string
		for _, u := range users {
			if len(byUser[u]) >= 2 && user == "" {
				user = u
			} else if other == "" {
				other = u
			}
		}
		if user == "" || other == "" {
			t.Fatalf("the dataset needs a user with two keys and another with one: %v", byUser)
		}
		ids := inList(byUser[user][0], byUser[user][1], byUser[other][0])
		wantCount(t, run, "SELECT COUNT(*) FROM opa_service_user_keys WHERE user_name = "+q(user)+" AND id IN "+ids, 2)
	})
}

// An OR of a key equality and a non-key predicate, or NOT over key predicates, reaches the
// table as index ranges that overlap or pin different columns.
func TestOrAndNotOverKeysReturnEachRowOnce(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		all := fullScan(t, run, "app_keys", "app_id", "kid")
		kid0, kid1 := fmt.Sprint(all[0][1]), fmt.Sprint(all[1][1])
		var notLike, notKid, notKids [][]any
		for _, r := range all {
			if !strings.HasPrefix(fmt.Sprint(r[0]), "0O") || r[1] == kid0 {
				notLike = append(notLike, r)
			}
			if r[1] != kid0 {
				notKid = append(notKid, r)
			}
			if r[1] != kid0 && r[1] != kid1 {
				notKids = append(notKids, r)
			}
		}
		wantRows(t, run, "SELECT app_id, kid FROM app_keys WHERE kid = "+q(kid0)+" OR app_id NOT LIKE '0O%'", notLike)
		wantRows(t, run, "SELECT app_id, kid FROM app_keys WHERE NOT (kid = "+q(kid0)+")", notKid)
		wantRows(t, run, "SELECT app_id, kid FROM app_keys WHERE kid NOT IN "+inList(kid0, kid1), notKids)
		wantRows(t, run, "SELECT app_id, kid FROM app_keys WHERE kid = "+q(kid0)+" OR kid = "+q(kid1)+" OR kid = "+q(kid0), [][]any{all[0], all[1]})
	})
}

// IN on a column the vendor filters by (one list call per value): each call's rows must be
// that value's rows, whatever the vendor's filter returned.
func TestINOnPushedFilterColumn(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		all := fullScan(t, run, "idps", "id", "type")
		var want [][]any
		for _, r := range all {
			if r[1] == "OIDC" || r[1] == "X509" {
				want = append(want, r)
			}
		}
		wantRows(t, run, "SELECT id, type FROM idps WHERE type IN ('OID', 'X509', 'OIDC', 'X509')", want)
		apps := fullScan(t, run, "apps", "id", "status")
		var active [][]any
		for _, r := range apps {
			if r[1] == "ACTIVE" {
				active = append(active, r)
			}
		}
		wantRows(t, run, "SELECT id, status FROM apps WHERE status IN ('ACTIVE', 'BOGUS', 'ACTIVE')", active)
	})
}

// A key lookup returns rows in IN-list and page order; it must not claim the index's order,
// or go-mysql-server drops the sort.
func TestKeyLookupDoesNotClaimOrder(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		all := fullScan(t, run, "app_keys", "app_id", "kid")
		apps := slices.Compact(slices.Sorted(slices.Values(column(all, 0))))
		if len(apps) < 3 {
			t.Fatalf("the dataset needs three apps with keys")
		}
		a, b := apps[0], apps[len(apps)-1]
		var want [][]any
		for _, r := range all {
			if r[0] == a || r[0] == b {
				want = append(want, r)
			}
		}
		sort.SliceStable(want, func(i, j int) bool {
			return fmt.Sprint(want[i][0], "\x00", want[i][1]) < fmt.Sprint(want[j][0], "\x00", want[j][1])
		})
		want = want[1:min(4, len(want))]
		// b first: the IN list's order is the order the lookups run in.
		sql := "SELECT app_id, kid FROM app_keys WHERE app_id IN " + inList(b, a) + " ORDER BY app_id, kid LIMIT 3 OFFSET 1"
		if diff := cmp.Diff(want, run.must(t, sql)); diff != "" {
			t.Errorf("%s\nrows differ (-want +got):\n%s", sql, diff)
		}
		// ORDER BY the index's first column alone is not a total order: compare app_ids.
		sql = "SELECT app_id FROM app_keys WHERE app_id IN " + inList(b, a) + " ORDER BY app_id LIMIT 3 OFFSET 1"
		if diff := cmp.Diff(column(want, 0), column(run.must(t, sql), 0)); diff != "" {
			t.Errorf("%s\napp_ids differ (-want +got):\n%s", sql, diff)
		}
		sql = "SELECT app_id, kid FROM app_keys WHERE app_id IN " + inList(b, a) + " ORDER BY app_id DESC, kid DESC LIMIT 1"
		if got := run.must(t, sql); len(got) != 1 || got[0][0] != b {
			t.Errorf("%s = %v, want the last key of %s", sql, got, b)
		}
	})
}

// A value outside a column's documented domain matches no row: no call, no vendor error.
func TestValueOutsideDomainMakesNoCall(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{Name: "OPA status", SQL: "SELECT name FROM opa_service_users WHERE status = 'BOGUS'", CountSet: true, WantCount: 0, Calls: testenv.N(0)},
		{Name: "OPA status IN", SQL: "SELECT name FROM opa_service_users WHERE status IN ('bogus', 'Active')", CountSet: true, WantCount: 0, Calls: testenv.N(0)},
		{Name: "app status", SQL: "SELECT id FROM apps WHERE status = 'PAUSED'", CountSet: true, WantCount: 0, Calls: testenv.N(0)},
		{Name: "app keys of apps in a status outside the domain", SQL: "SELECT k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.status = 'PAUSED'", CountSet: true, WantCount: 0, Calls: testenv.N(0)},
	})
}

// A number compared with a string key is a numeric comparison in MySQL ('0oa…' is 0): it is
// not a lookup by the text "0".
func TestNumericLiteralOnStringKeyIsNotALookup(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		ids := column(fullScan(t, run, "apps", "id"), 0)
		zero := 0
		for _, id := range ids {
			if strings.HasPrefix(id, "0") && (len(id) == 1 || id[1] < '0' || id[1] > '9') {
				zero++
			}
		}
		if zero == 0 {
			t.Fatalf("the dataset needs an app id starting with 0 and a letter: %v", ids)
		}
		wantCount(t, run, "SELECT COUNT(*) FROM apps WHERE id = 0", zero)
	})
}

// INSERT … RETURNING returns the object the vendor created: the values a later read by its
// id returns, not the VALUES echoed with NULLs for what the vendor generated.
func TestInsertReturningIsTheCreatedObject(t *testing.T) {
	t.Parallel()
	leaf := newCert(t, "returning.partner.example", false)
	inserts := map[string]func(e *testenv.Env) string{
		"app_csrs": func(e *testenv.Env) string {
			return "INSERT INTO app_csrs (app_id, subject_common_name, subject_country_name) VALUES (" + q(appByLabel(e.T, e, "Slack")) + ", 'r.example.com', 'US') RETURNING *"
		},
		"apps_secrets": func(e *testenv.Env) string {
			return "INSERT INTO apps_secrets (app_id) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ") RETURNING *"
		},
		"idp_csrs": func(e *testenv.Env) string {
			return "INSERT INTO idp_csrs (idp_id, subject_common_name, subject_country_name) VALUES (" + q(idpID(e, "Partner SAML 3")) + ", 'r.example.com', 'US') RETURNING *"
		},
		"idps_keys": func(*testenv.Env) string {
			return "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(leaf)) + ") RETURNING *"
		},
		"opa_service_users": func(*testenv.Env) string {
			return "INSERT INTO opa_service_users (name) VALUES ('returning.user') RETURNING *"
		},
	}
	for _, d := range tables.All() {
		if m := d.Meta(); m.CanInsert && inserts[m.Name] == nil {
			t.Errorf("insertable table %s has no INSERT … RETURNING case", m.Name)
		}
	}
	for name, insert := range inserts {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, _ := tables.Lookup(name)
			m := d.Meta()
			eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
				got := run.must(t, insert(e))
				if len(got) != 1 || len(got[0]) != len(m.Columns) {
					t.Fatalf("RETURNING * gave %v, want one row of %d columns", got, len(m.Columns))
				}
				var where []string
				for _, k := range m.Keys {
					v := got[0][m.Column(k)]
					if v == nil {
						t.Fatalf("RETURNING gave a NULL key %s: %v", k, got[0])
					}
					where = append(where, k+" = "+q(fmt.Sprint(v)))
				}
				read := run.must(t, "SELECT * FROM "+name+" WHERE "+strings.Join(where, " AND "))
				if diff := cmp.Diff(read, got); diff != "" {
					t.Errorf("RETURNING differs from the object read back (-read +returned):\n%s", diff)
				}
				nonNull := 0
				for _, v := range got[0] {
					if v != nil {
						nonNull++
					}
				}
				if nonNull <= len(m.InsertCols)+1 {
					t.Errorf("RETURNING has only %d non-NULL values, no more than the statement gave: %v", nonNull, got[0])
				}
			})
		})
	}
}

// With --partial, connections that fail during one fan-out warn from their own goroutines;
// the warnings reach the session once each (and `go test -race` sees no race).
func TestPartialWarningsFromConcurrentFailures(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	e := testenv.New(t, testenv.Options{NoWire: true,
		Engine:   engine.Options{Partial: true},
		Settings: tables.Settings{MaxRetries: 1, Backoff: time.Millisecond},
		Configure: func(c *config.Config) {
			for _, name := range []string{"down1", "down2", "down3"} {
				c.Connections = append(c.Connections, config.Connection{Name: name, Vendor: config.Okta, URL: closed, Token: "t0ken-for-a-closed-port"})
			}
		}})
	apps := e.MustQuery("SELECT COUNT(*) FROM apps WHERE connection = 'demo'")
	got := e.MustQuery("SELECT COUNT(*) FROM apps")
	if diff := cmp.Diff(apps, got); diff != "" {
		t.Errorf("the live connection's rows (-want +got):\n%s", diff)
	}
	warns := e.MustQuery("SHOW WARNINGS")
	var named []string
	for _, w := range warns {
		msg := fmt.Sprint(w[2])
		for _, name := range []string{"down1", "down2", "down3"} {
			if strings.Contains(msg, `"`+name+`"`) {
				named = append(named, name)
			}
		}
	}
	sort.Strings(named)
	if diff := cmp.Diff([]string{"down1", "down2", "down3"}, named); diff != "" {
		t.Errorf("warnings %v: connections named (-want +got):\n%s", warns, diff)
	}
}
