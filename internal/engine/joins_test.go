package engine_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// twoOrgs is an engine over two Okta orgs (two simulators with different data), named
// "eu" and "us".
func twoOrgs(t *testing.T) (*engine.Session, map[string]*sim.Server) {
	t.Helper()
	sims := map[string]*sim.Server{}
	var conns []*tables.Conn
	for i, name := range []string{"eu", "us"} {
		s := sim.New(sim.Options{Seed: int64(10 + i), Apps: 6})
		s.Start()
		t.Cleanup(s.Close)
		sims[name] = s
		cfg := demo.Config(s, s.URL(), name)
		var okta config.Connection
		for _, c := range cfg.Connections {
			if c.Vendor == config.Okta {
				okta = c
			}
		}
		c, err := tables.Open(okta, tables.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	e, err := engine.New(engine.Options{Conns: conns})
	if err != nil {
		t.Fatal(err)
	}
	return e.NewSession("t"), sims
}

func query(t *testing.T, s *engine.Session, q string) [][]any {
	t.Helper()
	rows, err := testenv.QuerySession(context.Background(), s, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

func sortedStrings(rows [][]any) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(r...))
	}
	sort.Strings(out)
	return out
}

// A lookup join over two orgs that pins the connection sends each app's lookup to its own
// org only, and finds what each org alone finds.
func TestJoinAcrossConnections(t *testing.T) {
	t.Parallel()
	s, sims := twoOrgs(t)
	const join = "SELECT a.connection, a.id, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id%s WHERE a.sign_on_mode = 'SAML_2_0'%s"
	var want []string
	saml := map[string]int{}
	for _, org := range []string{"eu", "us"} {
		rows := query(t, s, fmt.Sprintf(join, "", " AND a.connection = '"+org+"' AND k.connection = '"+org+"'"))
		want = append(want, sortedStrings(rows)...)
		saml[org] = len(query(t, s, "SELECT id FROM apps WHERE sign_on_mode = 'SAML_2_0' AND connection = '"+org+"'"))
	}
	sort.Strings(want)
	if saml["eu"] == 0 || saml["us"] == 0 {
		t.Fatalf("the test needs SAML apps in both orgs: %v", saml)
	}
	for _, sm := range sims {
		sm.ResetCalls()
	}
	got := sortedStrings(query(t, s, fmt.Sprintf(join, " AND k.connection = a.connection", "")))
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) == 0 {
		t.Errorf("join over two orgs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, sm := range sims {
		if n := sm.Count(oktaroutes.ListAppKeys); n != saml[name] {
			t.Errorf("org %s got %d key lists for its %d SAML apps: lookups went to the wrong org", name, n, saml[name])
		}
	}
	// Without the connection in the join condition the rows are the same (app ids are unique
	// to an org): the other org's 404 for an app it does not have is no rows, not an error.
	got = sortedStrings(query(t, s, fmt.Sprintf(join, "", "")))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("join without the connection:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The children of a parent that does not exist are no rows, not an error.
func TestChildrenOfMissingParent(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	for _, q := range []string{
		"SELECT * FROM app_keys WHERE app_id = '0oaDoesNotExist'",
		"SELECT * FROM app_keys WHERE app_id IN ('0oaGone1', '0oaGone2')",
		"SELECT * FROM app_csrs WHERE app_id = '0oaDoesNotExist'",
		"SELECT * FROM opa_service_user_keys WHERE user_name = 'nobody'",
	} {
		rows, err := e.Query(q)
		if err != nil || len(rows) != 0 {
			t.Errorf("%s: %d rows, %v; want no rows and no error", q, len(rows), err)
		}
	}
}

// A join inside a correlated subquery runs go-mysql-server's own join (batching is for
// top-level joins), with the right result.
func TestJoinInCorrelatedSubquery(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	want := map[string]int64{}
	for _, r := range e.MustQuery("SELECT app_id, COUNT(*) FROM app_keys GROUP BY app_id") {
		want[r[0].(string)] = r[1].(int64)
	}
	for _, q := range []string{
		"SELECT o.id, (SELECT COUNT(*) FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.id = o.id) FROM apps o",
		"SELECT o.id, (SELECT COUNT(k.kid) FROM apps a LEFT JOIN app_keys k ON k.app_id = a.id WHERE a.id = o.id) FROM apps o",
	} {
		rows := e.MustQuery(q)
		if len(rows) != len(want) {
			t.Fatalf("%s: %d rows, want %d", q, len(rows), len(want))
		}
		for _, r := range rows {
			if r[1] != want[r[0].(string)] {
				t.Errorf("%s: app %v has %v keys, want %d", q, r[0], r[1], want[r[0].(string)])
			}
		}
	}
}

// A DELETE with ORDER BY and LIMIT deletes only the rows the LIMIT keeps.
func TestDeleteWithLimitDeletesOnlyThoseRows(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	// An OAuth app without secrets gets two inactive ones (Okta allows two per app).
	apps := e.MustQuery("SELECT id FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' AND token_endpoint_auth_method LIKE 'client_secret%' " +
		"AND id NOT IN (SELECT app_id FROM apps_secrets) ORDER BY id LIMIT 1")
	if len(apps) == 0 {
		t.Fatal("the simulator has no OAuth app without secrets")
	}
	app := apps[0][0].(string)
	e.MustQuery("INSERT INTO apps_secrets (app_id, status) VALUES ('" + app + "', 'INACTIVE'), ('" + app + "', 'INACTIVE')")
	ids := e.MustQuery("SELECT id FROM apps_secrets WHERE app_id = '" + app + "' AND status = 'INACTIVE' ORDER BY id")
	if len(ids) != 2 {
		t.Fatalf("%d inactive secrets, want 2", len(ids))
	}
	in := fmt.Sprintf("'%s', '%s'", ids[0][0], ids[1][0])
	e.Sim.ResetCalls()
	res := e.MustQuery("DELETE FROM apps_secrets WHERE app_id = '" + app + "' AND id IN (" + in + ") ORDER BY id LIMIT 1")
	if res[0][0] != int64(1) {
		t.Errorf("rows affected %v, want 1", res[0][0])
	}
	if n := e.Sim.Count(oktaroutes.DeleteClientSecret); n != 1 {
		t.Errorf("%d DELETE calls, want 1", n)
	}
	left := e.MustQuery("SELECT id FROM apps_secrets WHERE app_id = '" + app + "' AND id IN (" + in + ")")
	if len(left) != 1 || left[0][0] != ids[1][0] {
		t.Errorf("left %v, want only %v", left, ids[1][0])
	}
}

// The saved OPA queries over two teams find what each team alone finds: every key lookup goes
// to the team the user belongs to.
func TestSavedQueriesOverTwoTeams(t *testing.T) {
	t.Parallel()
	sims := map[string]*sim.Server{}
	var conns []*tables.Conn
	for i, name := range []string{"blue", "red"} {
		s := sim.New(sim.Options{Seed: int64(20 + i), ServiceUsers: 8})
		s.Start()
		t.Cleanup(s.Close)
		sims[name] = s
		for _, cc := range demo.Config(s, s.URL(), name).Connections {
			if cc.Vendor != config.OPA {
				continue
			}
			c, err := tables.Open(cc, tables.Settings{})
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
	}
	eng, err := engine.New(engine.Options{Conns: conns})
	if err != nil {
		t.Fatal(err)
	}
	s := eng.NewSession("t")
	for _, file := range []string{"opa_keys_never_expire", "opa_stale_service_users"} {
		b, err := os.ReadFile("../../queries/" + file + ".sql")
		if err != nil {
			t.Fatal(err)
		}
		q := strings.TrimSuffix(strings.TrimSpace(string(b)), ";")
		got := sortedStrings(query(t, s, q))
		var want []string
		for _, team := range []string{"blue", "red"} {
			// The same query pinned to one team (its WHERE or HAVING gains the pin).
			pinned := "SELECT * FROM (" + q + ") AS one WHERE one.connection = '" + team + "'"
			want = append(want, sortedStrings(query(t, s, pinned))...)
		}
		sort.Strings(want)
		if len(got) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s over two teams:\n%s\nwant:\n%s", file, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// A join inside a derived table or a UNION branch gives what the same join gives on its own.
func TestJoinInDerivedTableAndUnion(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	const join = "SELECT u.name, k.id FROM opa_service_users u LEFT JOIN opa_service_user_keys k ON k.user_name = u.name AND k.connection = u.connection"
	want := sortedStrings(e.MustQuery(join))
	for _, q := range []string{
		"SELECT * FROM (" + join + ") AS one",
		join + " UNION ALL SELECT name, NULL FROM opa_service_users WHERE 1 = 0",
	} {
		got := sortedStrings(e.MustQuery(q))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", q, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
