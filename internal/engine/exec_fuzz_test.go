package engine

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// execSeeds are EXEC statements as users type them, and as they go wrong.
var execSeeds = []string{
	"EXEC apps_secrets.activate @app_id = '0oa1', @secret_id = 'ocs1'",
	"exec credsql.app_keys.generate @validity_years=2, @app_id=\"0oa1\";",
	"EXEC app_keys_generate @app_id = ?, @validity_years = ?",
	"/* c */ -- line\nEXEC apps_secrets.deactivate @app_id='a''b', @secret_id='c\\'d', @connection='prod'; SELECT 1",
	"EXEC ziti_authenticators.patch @id = 'x', @current_password = 'p;w', @password = NULL",
	"EXEC ziti_authenticators.update @id='x', @current_password='old', @username='u', @password='new'",
	"EXEC opa_service_user_keys.rotate @user_name = 'OPA User'",
	"EXEC app_csrs.publish @app_id='a', @csr_id='b', @certificate='-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'",
	"EXEC apps_secrets.activate @app_id = 'a'",
	"EXEC apps_secrets.activate @app_id = 'a', @app_id = 'b'",
	"EXEC apps_secrets.activate @nope = 1",
	"EXEC apps_secrets.activate app_id = 'a'",
	"EXEC apps_secrets.activate @app_id = 'unterminated",
	"EXEC no.such.proc",
	"EXEC",
	"EXEC ",
	"EXEC\t@",
	"EXECUTE stmt USING @a",
	"EXEC apps_secrets.activate @app_id = 'a'); DROP TABLE x; --', @secret_id = 'b'",
	"EXEC apps_secrets.activate @app_id = 0x41, @secret_id = -1.5e3",
	"EXEC apps_secrets.activate @app_id = 'é', @secret_id = `id`",
}

var (
	fuzzEngineOnce sync.Once
	fuzzEngine     *Engine
)

func engineForFuzz(t testing.TB) *Engine {
	fuzzEngineOnce.Do(func() {
		e, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		fuzzEngine = e
	})
	return fuzzEngine
}

// FuzzSplitExec: splitting an EXEC from what follows never loses or invents text.
func FuzzSplitExec(f *testing.F) {
	for _, s := range execSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		body, rest, ok := splitExec(q)
		if !ok {
			if body != "" || rest != "" {
				t.Fatalf("not an EXEC, yet split into %q and %q", body, rest)
			}
			return
		}
		if !strings.HasSuffix(q, body+";"+rest) && !(rest == "" && strings.HasSuffix(q, body)) {
			t.Fatalf("split %q into %q and %q: not a split of the input", q, body, rest)
		}
		if !strings.EqualFold(strings.TrimSpace(body)[:4], "exec") {
			t.Fatalf("body %q does not start with EXEC", body)
		}
	})
}

// FuzzRewriteExec: the EXEC rewrite never panics, and what it produces is exactly one CALL of
// the named procedure with one argument per parameter: a value can never end the CALL and
// smuggle in another statement.
func FuzzRewriteExec(f *testing.F) {
	for _, s := range execSeeds {
		f.Add(s)
	}
	e := engineForFuzz(f)
	parser := sql.NewMysqlParser()
	f.Fuzz(func(t *testing.T, q string) {
		body, _, ok := splitExec(q)
		if !ok {
			return
		}
		call, err := e.rewriteExec(body)
		if err != nil {
			return
		}
		name := strings.TrimSuffix(strings.TrimPrefix(call, "CALL "), ")")
		name = name[:strings.IndexByte(name, '(')]
		pm, ferr := e.findProcedure(name)
		if ferr != nil {
			t.Fatalf("%q became %q, a CALL of an unknown procedure", q, call)
		}
		stmt, perr := parser.ParseSimple(call)
		if perr != nil {
			// A value the scanner accepted that MySQL does not (the CALL then fails to
			// parse, as the EXEC would have): not a smuggled statement.
			return
		}
		c, isCall := stmt.(*ast.Call)
		if !isCall {
			t.Fatalf("%q became %q, which parses as %T", q, call, stmt)
		}
		if n := len(c.Params); n != len(pm.Params) && n != len(pm.Params)+1 {
			t.Fatalf("%q became %q: %d arguments for %d parameters", q, call, n, len(pm.Params))
		}
		if _, _, rest, err := parser.ParseWithOptions(context.Background(), call, ';', true, ast.ParserOptions{}); err == nil && strings.TrimSpace(rest) != "" {
			t.Fatalf("%q became %q, which holds more than one statement (rest %q)", q, call, rest)
		}
	})
}
