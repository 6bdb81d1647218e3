package tables_test

import (
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// auditCase is what the audit log must say of one registered write, beyond what every write
// shares (the statement, its bound values, one record per vendor call naming the object the
// simulator saw addressed). Every write of the registry needs one (TestAuditEveryWrite).
type auditCase struct {
	// masked are the indexes of the statement's values (its literals, in order; the values
	// bound to its placeholders when prepared) the records show as '[REDACTED]'.
	masked []int
	// secrets are the indexes of the values that are secrets: they appear nowhere in the
	// log, in no form.
	secrets []int
	// created: a call of the write creates an object and the vendor's answer names it; the
	// record's created id is the one the simulator then has.
	created bool
	// calls is how many vendor calls (and records) the statement makes; 0 means 1.
	calls int
	// createdIn lists the objects among which a created one appears (default: the
	// scenario's check query); args are the statement's values.
	createdIn func(args []any) string
	// stmt replaces the fault scenario's statement (a secret-bearing or multi-row form, a
	// statement with a value to bind).
	stmt func(e *testenv.Env, run writeRun) string
}

// auditClientSecret is a client secret chosen by the user: the one secret-bearing INSERT.
const auditClientSecret = "audit-Client-Secret-0123456789abcdef"

var auditCases = map[string]auditCase{
	"api_tokens DELETE": {},
	"app_csrs INSERT":   {created: true},
	"app_csrs DELETE":   {},
	// Publishing a CSR's certificate creates the app's key.
	"CALL app_csrs_publish": {created: true, createdIn: func(args []any) string {
		return "SELECT kid FROM app_keys WHERE app_id = " + q(args[0].(string))
	}},
	"CALL app_keys_generate": {created: true},
	// The rotation generates a key (a new kid) and switches the app to it.
	"CALL app_keys_rotate": {created: true, calls: 2},
	// A clone keeps the key's kid: the answer names the path's key, nothing new.
	"CALL app_keys_clone": {},
	"apps UPDATE":         {},
	// A client secret of the user's: every value but the keys is masked once the statement
	// names a sensitive column, the status included.
	"apps_secrets INSERT": {masked: []int{1, 2}, secrets: []int{1}, created: true,
		stmt: func(e *testenv.Env, _ writeRun) string {
			return "INSERT INTO apps_secrets (app_id, client_secret, status) VALUES (" + q(appWithOneSecret(e)) + ", " + q(auditClientSecret) + ", 'INACTIVE')"
		}},
	// Multi-row: one active secret of each of two apps that have two, one call (and one
	// record) each.
	"apps_secrets UPDATE": {calls: 2, stmt: func(e *testenv.Env, _ writeRun) string {
		rows := e.MustQuery("SELECT app_id, MIN(id) FROM apps_secrets WHERE status = 'ACTIVE' GROUP BY app_id HAVING COUNT(*) = 2 ORDER BY app_id LIMIT 2")
		if len(rows) != 2 {
			e.T.Fatalf("apps with two active secrets: %v", rows)
		}
		return "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id IN (" + q(rows[0][0].(string)) + ", " + q(rows[1][0].(string)) +
			") AND id IN (" + q(rows[0][1].(string)) + ", " + q(rows[1][1].(string)) + ")"
	}},
	"apps_secrets DELETE":          {},
	"CALL apps_secrets_activate":   {},
	"CALL apps_secrets_deactivate": {},
	// The answer lists every key of the server (a JSON array): no one created id.
	"CALL authz_server_keys_rotate": {},
	"idp_csrs INSERT":               {created: true},
	"idp_csrs DELETE":               {},
	"CALL idp_csrs_publish": {created: true, createdIn: func(args []any) string {
		return "SELECT kid FROM idp_signing_keys WHERE idp_id = " + q(args[0].(string))
	}},
	"CALL idp_signing_keys_generate": {created: true},
	"CALL idp_signing_keys_clone":    {},
	"idps UPDATE":                    {},
	"CALL idps_trust_rotate":         {created: true, calls: 2},
	"CALL idps_trust_promote":        {},
	// x5c is a JSON column: a bound string is no JSON document, so the certificate goes in
	// a JSON_ARRAY in both forms.
	"idps_keys INSERT": {created: true, stmt: func(e *testenv.Env, _ writeRun) string {
		return "INSERT INTO idps_keys (x5c) VALUES (JSON_ARRAY(" + q(b64(newCert(e.T, "audit.partner.example", false))) + "))"
	}},
	"idps_keys UPDATE": {stmt: func(e *testenv.Env, _ writeRun) string {
		return "UPDATE idps_keys SET x5c = JSON_ARRAY(" + q(b64(newCert(e.T, "audit.partner.example", false))) + ") WHERE kid = " + q(unusedKeys(e.T, e)[0])
	}},
	// Multi-row: two keys no IdP trusts, one call (and one record) each.
	"idps_keys DELETE": {calls: 2, stmt: func(e *testenv.Env, _ writeRun) string {
		kids := unusedKeys(e.T, e)
		if len(kids) < 2 {
			e.T.Fatalf("unused IdP keys: %v", kids)
		}
		return "DELETE FROM idps_keys WHERE kid IN (" + q(kids[0]) + ", " + q(kids[1]) + ")"
	}},
	"opa_service_user_keys DELETE":      {},
	"CALL opa_service_user_keys_rotate": {created: true},
	"opa_service_users INSERT":          {created: true},
	"opa_service_users UPDATE":          {},
	"opa_service_users DELETE":          {},
	"ziti_api_sessions DELETE": {stmt: func(*testenv.Env, writeRun) string {
		return "DELETE FROM ziti_api_sessions WHERE connection = 'demo'"
	}},
	"ziti_identity_authenticators DELETE": {},
	"ziti_enrollments DELETE":             {},
	"CALL ziti_enrollments_refresh":       {},
	// The passwords are secret; the id and the new username are kept.
	"CALL ziti_authenticators_update": {masked: []int{1, 3}, secrets: []int{1, 3},
		stmt: func(e *testenv.Env, run writeRun) string {
			id, pw := zitiID(e, "updb"), e.Sim.Options().ZitiPassword
			return "CALL ziti_authenticators_update(" + q(id) + ", " + q(pw) + ", 'renamed-bot', 'audit-New-Password-42')"
		}},
	"CALL ziti_authenticators_patch": {masked: []int{1, 3}, secrets: []int{1, 3},
		stmt: func(e *testenv.Env, run writeRun) string {
			id, pw := zitiID(e, "updb"), e.Sim.Options().ZitiPassword
			return "CALL ziti_authenticators_patch(" + q(id) + ", " + q(pw) + ", 'renamed-bot', 'audit-New-Password-42')"
		}},
	"CALL ziti_authenticators_extend":        {},
	"CALL ziti_authenticators_extend_verify": {},
}

// TestAuditEveryWrite runs every write and every mutating procedure of the registry once as
// a statement prepared on the server and executed with bound values (COM_STMT_EXECUTE), and
// once as text, and checks its audit records against the simulator: one record per vendor
// call the simulator received, whose route and object ids rebuild the path the simulator
// was called on; ids the test used or found in the simulator's state; the id of a created
// object the one the simulator then holds; the statement with its values, the secret ones
// masked and nowhere else in the log.
func TestAuditEveryWrite(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, w := range registeredWrites() {
		seen[w.name] = true
		c, ok := auditCases[w.name]
		if !ok {
			t.Errorf("%s has no audit case: add one to auditCases", w.name)
			continue
		}
		s, ok := writeScenarios[w.name]
		if !ok {
			t.Errorf("%s has no write scenario to run", w.name)
			continue
		}
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			for _, prepared := range []bool{true, false} {
				t.Run(map[bool]string{true: "prepared", false: "text"}[prepared], func(t *testing.T) {
					t.Parallel()
					runAudited(t, w, s, c, prepared)
				})
			}
		})
	}
	for name := range auditCases {
		if !seen[name] {
			t.Errorf("audit case %q names no registered write", name)
		}
	}
}

// lifted is a statement with its literal values taken out as placeholders.
type lifted struct {
	text     string   // the statement as written
	prepared string   // the statement with a ? for each value
	args     []any    // the values, in order: string, int64 or nil
	lits     []string // each value's literal as the text has it
}

// liftValues replaces the string literals, the integers and the NULLs that stand as values
// (after "(", ",", "=" or IN) with placeholders.
func liftValues(stmt string) lifted {
	l := lifted{text: stmt}
	var b strings.Builder
	prev := ""
	for i := 0; i < len(stmt); {
		tok := sqltext.Next(stmt, i)
		text := tok.Text(stmt)
		i = tok.End
		valuePos := prev == "(" || prev == "," || prev == "="
		switch {
		case tok.Kind == sqltext.String:
			l.args = append(l.args, sqltext.Unquote(text))
			l.lits = append(l.lits, text)
			text = "?"
		case tok.Kind == sqltext.Word && valuePos && strings.EqualFold(text, "NULL"):
			l.args = append(l.args, nil)
			l.lits = append(l.lits, text)
			text = "?"
		case tok.Kind == sqltext.Word && valuePos:
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				l.args = append(l.args, n)
				l.lits = append(l.lits, text)
				text = "?"
			}
		}
		if tok.Kind != sqltext.Space && !tok.IsComment() {
			prev = strings.ToUpper(text)
		}
		b.WriteString(text)
	}
	l.prepared = b.String()
	return l
}

// sqlLiteral is the literal the audit log writes for a bound value (docs/security.md).
func sqlLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		r := strings.NewReplacer(`\`, `\\`, `'`, `''`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)
		return "'" + r.Replace(x) + "'"
	}
	panic(fmt.Sprintf("no literal for %T", v))
}

// substitute replaces the ? of prepared, in order, with lits.
func substitute(prepared string, lits []string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(prepared); {
		tok := sqltext.Next(prepared, i)
		text := tok.Text(prepared)
		i = tok.End
		if tok.Kind == sqltext.Punct && text == "?" {
			text = lits[n]
			n++
		}
		b.WriteString(text)
	}
	return b.String()
}

func runAudited(t *testing.T, w registeredWrite, s writeScenario, c auditCase, prepared bool) {
	recs := &auditRecords{}
	o := testenv.Options{Engine: engine.Options{Audit: recs}}
	if s.certLogin {
		o.ConfigureSim = zitiCertLogin(t)
	}
	e := testenv.New(t, o)
	run := s.prepare(e)
	stmt := run.stmt
	if c.stmt != nil {
		stmt = c.stmt(e, run)
	}
	l := liftValues(stmt)
	if len(l.args) == 0 {
		t.Fatalf("%s has no value to bind: give the case a statement with one", stmt)
	}
	createdIn := run.check
	if c.createdIn != nil {
		createdIn = c.createdIn(l.args)
	}
	rowsBefore := e.MustQuery(run.check)
	objectsBefore := e.MustQuery(createdIn)

	// Every id the statement may name: its values, the configured OPA team, and the ids the
	// simulator holds (a multi-row write's rows) before the write.
	used := map[string]bool{}
	for _, a := range l.args {
		if s, ok := a.(string); ok {
			used[s] = true
		}
	}
	for _, cc := range e.Config.Connections {
		if cc.Vendor == config.OPA {
			used[cc.Team] = true
		}
	}
	for _, r := range rowsBefore {
		for _, v := range r {
			used[fmt.Sprint(v)] = true
		}
	}

	recs.mu.Lock()
	recs.recs = nil // the scenario's own setup
	recs.mu.Unlock()
	e.Sim.ResetCalls()
	var err error
	if prepared {
		_, err = e.WireQuery(l.prepared, l.args...)
	} else {
		_, err = e.WireQuery(l.text)
	}
	if err != nil {
		t.Fatalf("%s: %v", map[bool]string{true: l.prepared, false: l.text}[prepared], err)
	}
	objectsAfter := e.MustQuery(createdIn)

	// The statement and the values as the records must show them.
	masked := func(i int) bool { return slices.Contains(c.masked, i) }
	wantLits := make([]string, len(l.args))
	for i, a := range l.args {
		switch {
		case masked(i):
			wantLits[i] = audit.Masked
		case prepared:
			wantLits[i] = sqlLiteral(a)
		default:
			wantLits[i] = l.lits[i]
		}
	}
	wantStmt := substitute(l.prepared, wantLits)
	var wantParams []string
	if prepared {
		wantParams = wantLits
	}

	// The vendor's write calls, as the simulator received them.
	writeOps := map[routes.Route]bool{}
	for _, r := range w.routes {
		writeOps[r] = true
	}
	var calls []sim.Call
	for _, call := range e.Sim.Calls() {
		if writeOps[call.Entry] {
			calls = append(calls, call)
		}
	}
	recs.mu.Lock()
	got := append([]audit.Record(nil), recs.recs...)
	recs.mu.Unlock()
	var writes []audit.Record
	for _, r := range got {
		if r.Action == audit.ActionWrite {
			writes = append(writes, r)
		}
	}
	wantCalls := max(c.calls, 1)
	if len(writes) != wantCalls || len(calls) != wantCalls {
		t.Fatalf("%d write records for %d write calls the simulator received (%v), want %d:\n%s", len(writes), len(calls), calls, wantCalls, dump(got))
	}
	var created []string
	for _, r := range writes {
		if r.Statement != wantStmt {
			t.Errorf("statement\n got %s\nwant %s", r.Statement, wantStmt)
		}
		if !slices.Equal(r.Params, wantParams) || prepared && r.Params == nil {
			t.Errorf("params %q, want %q", r.Params, wantParams)
		}
		if r.Outcome != "ok" || r.User != "test" || r.Connection != "demo" || r.ConnID == 0 {
			t.Errorf("record %+v: want outcome ok by user test on connection demo over the wire", r)
		}
		declared := false
		for _, rt := range w.routes {
			declared = declared || rt.Op() == r.Route && rt.Method == r.Method
		}
		if !declared {
			t.Errorf("record of %s %s, which %s does not declare", r.Method, r.Route, w.name)
		}
		// The object names every path argument of the route, with an id the test used or
		// found in the simulator, or the one an earlier call of the statement created.
		names := pathNames(r.Route)
		if len(r.Object) != len(names) {
			t.Errorf("%s: object %v, want the arguments %v", r.Route, r.Object, names)
		}
		for _, n := range names {
			v, ok := r.Object[n]
			if !ok || v == "" {
				t.Errorf("%s: object %v lacks %s", r.Route, r.Object, n)
			} else if !used[v] && !slices.Contains(created, v) {
				t.Errorf("%s: %s = %q is no id the statement used or the simulator held", r.Route, n, v)
			}
		}
		// The route filled with the object is the path the simulator was called on.
		path := fillRoute(r.Route, r.Object)
		k := slices.IndexFunc(calls, func(call sim.Call) bool {
			return call.Method == r.Method && strings.HasSuffix(call.Path, path) && call.Status == r.Status
		})
		if k < 0 {
			t.Errorf("no call of the simulator is %s %s (status %d): %v", r.Method, path, r.Status, calls)
		} else {
			calls = slices.Delete(calls, k, k+1)
		}
		if r.Created != "" {
			created = append(created, r.Created)
		}
	}
	// A created id is one the simulator holds after the write and did not before.
	if c.created != (len(created) > 0) {
		t.Errorf("created ids %v, want some: %v", created, c.created)
	}
	for _, id := range created {
		if !holds(objectsAfter, id) || holds(objectsBefore, id) {
			t.Errorf("created %q: not a new object of %s (before %v, after %v)", id, createdIn, objectsBefore, objectsAfter)
		}
	}
	// The secrets are nowhere in the log, in no form.
	b, _ := json.Marshal(got)
	for _, i := range c.secrets {
		sec := l.args[i].(string)
		for _, form := range []string{sec, sqlLiteral(sec), url.PathEscape(sec)} {
			if strings.Contains(string(b), form) {
				t.Errorf("the log holds the secret %q:\n%s", sec, dump(got))
			}
		}
	}
}

// pathNames are the argument names of a route template, in order.
func pathNames(route string) []string {
	var out []string
	for _, seg := range strings.Split(route, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

// fillRoute is the path of a route template with its arguments, escaped as a URL path.
func fillRoute(route string, args map[string]string) string {
	_, tmpl, _ := strings.Cut(route, " ")
	segs := strings.Split(tmpl, "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			segs[i] = url.PathEscape(args[seg[1:len(seg)-1]])
		}
	}
	return strings.Join(segs, "/")
}

func holds(rows [][]any, id string) bool {
	for _, r := range rows {
		for _, v := range r {
			if fmt.Sprint(v) == id {
				return true
			}
		}
	}
	return false
}

func dump(recs []audit.Record) string {
	var lines []string
	for _, r := range recs {
		b, _ := json.Marshal(r)
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// No write route takes a secret in its path, where the audit log's object would show it (it
// would be masked, but an id that names nothing helps no auditor): an argument named after a
// secret is an id of it (secretId, apiTokenId), never its value.
func TestNoSecretPathArguments(t *testing.T) {
	t.Parallel()
	secretWords := []string{"secret", "token", "password", "jwt", "key_secret", "private"}
	for _, v := range tables.VendorWrites() {
		for _, r := range v.Routes {
			for _, name := range pathNames(r.Op()) {
				lower := strings.ToLower(name)
				isID := strings.HasSuffix(lower, "id") || strings.HasSuffix(lower, "_id")
				for _, w := range secretWords {
					if strings.Contains(lower, w) && !isID {
						t.Errorf("%s %s: the path argument {%s} may be a secret", v.Vendor, r.Op(), name)
					}
				}
			}
		}
	}
}
