package engine

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/audit"
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

// quoteLit writes s as a MySQL string literal in quote q, the quote doubled or backslashed.
func quoteLit(s string, q byte, backslash bool) string {
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			b.WriteString(`\\`)
		case c == q && backslash:
			b.WriteString(`\` + string(c))
		case c == q:
			b.WriteString(string(c) + string(c))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// FuzzExecValues: any procedure of the registry, EXEC'd with any string values (named in
// any order, quoted either way), becomes one CALL of that procedure whose arguments parse
// back to exactly those values in the procedure's order; and the statement as the audit log
// writes it never holds a secret parameter's value.
func FuzzExecValues(f *testing.F) {
	for i, vals := range [][4]string{
		{"0oa1", "ocs1", "x", "y"},
		{"a1", "p;w'd", "user", `new\pw"`},
		{"it's", "--", "/*", "*/"},
		{"ED]x", "[REDACTED]", "'[REDACTED]'", "DACT"},
		{"", " ", "\n", "NULL"},
		{"é✓", "\t", "?", "@x"},
	} {
		f.Add(uint8(i), vals[0], vals[1], vals[2], vals[3], uint8(i))
	}
	e := engineForFuzz(f)
	procs := e.Procedures()
	parser := sql.NewMysqlParser()
	f.Fuzz(func(t *testing.T, pi uint8, a, b, c, d string, style uint8) {
		vals := []string{a, b, c, d}
		for _, v := range vals {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				return // MySQL reads statements as UTF-8 text
			}
		}
		pm := procs[int(pi)%len(procs)]
		q := byte('\'')
		if style&1 == 1 {
			q = '"'
		}
		want := map[string]string{}
		var args []string
		for i, p := range pm.Params {
			want[p.Name] = vals[i%len(vals)]
			args = append(args, "@"+p.Name+" = "+quoteLit(want[p.Name], q, style&2 == 2))
		}
		if n := int(style>>2) % max(len(args), 1); n > 0 { // named parameters in any order
			args = append(args[n:], args[:n]...)
		}
		stmt := "EXEC " + pm.Table + "." + pm.Name + " " + strings.Join(args, ", ")
		body, rest, ok := splitExec(stmt)
		if !ok || rest != "" {
			t.Fatalf("%q: split into %q and %q", stmt, body, rest)
		}
		call, err := e.rewriteExec(body)
		if err != nil {
			t.Fatalf("%q: %v", stmt, err)
		}
		parsed, err := parser.ParseSimple(call)
		if err != nil {
			t.Fatalf("%q became %q, which does not parse: %v", stmt, call, err)
		}
		cs, ok := parsed.(*ast.Call)
		if !ok || !strings.EqualFold(cs.ProcName.Name.String(), pm.FullName) || len(cs.Params) != len(pm.Params) {
			t.Fatalf("%q became %q: not one CALL %s with %d arguments", stmt, call, pm.FullName, len(pm.Params))
		}
		for i, p := range pm.Params {
			v, ok := cs.Params[i].(*ast.SQLVal)
			if !ok || v.Type != ast.StrVal || string(v.Val) != want[p.Name] {
				t.Fatalf("%q became %q: argument %d (%s) is %s, want %q", stmt, call, i+1, p.Name, ast.String(cs.Params[i]), want[p.Name])
			}
		}
		// The audit log's text of the statement, as stmtAudit builds it.
		red := audit.Redaction{All: e.secretRe.MatchString(stmt)}
		for _, p := range pm.Params {
			if p.Secret {
				red.Secrets = append(red.Secrets, want[p.Name])
			} else {
				red.Keep = append(red.Keep, want[p.Name])
			}
		}
		logged := audit.RedactStatement(stmt, red)
		for _, s := range red.Secrets {
			if len(s) >= 4 && strings.Contains(logged, s) {
				t.Fatalf("the audit text %q holds the secret %q", logged, s)
			}
		}
	})
}
