package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestRedactStatement(t *testing.T) {
	for _, tc := range []struct {
		name, stmt string
		r          Redaction
		want       string
	}{
		{
			name: "the secret literal, the key kept",
			stmt: "INSERT INTO apps_secrets (app_id, client_secret) VALUES ('0oa1', 'abcdefghijklmnop')",
			r:    Redaction{Secrets: []string{"abcdefghijklmnop"}, All: true, Keep: []string{"0oa1"}},
			want: "INSERT INTO apps_secrets (app_id, client_secret) VALUES ('0oa1', '[REDACTED]')",
		},
		{
			name: "a secret built from pieces",
			stmt: "INSERT INTO apps_secrets (app_id, client_secret) VALUES ('0oa1', CONCAT('abcdefgh', \"ijklmnop\"))",
			r:    Redaction{Secrets: []string{"abcdefghijklmnop"}, All: true, Keep: []string{"0oa1"}},
			want: "INSERT INTO apps_secrets (app_id, client_secret) VALUES ('0oa1', CONCAT('[REDACTED]', '[REDACTED]'))",
		},
		{
			name: "escaped quotes inside a secret",
			stmt: `CALL ziti_authenticators_patch('a1', 'it''s\'old', NULL, 'new\\pw')`,
			r:    Redaction{Secrets: []string{"it's'old", `new\pw`}, All: true, Keep: []string{"a1"}},
			want: `CALL ziti_authenticators_patch('a1', '[REDACTED]', NULL, '[REDACTED]')`,
		},
		{
			name: "a literal in an executable comment is code",
			stmt: "CALL p('a1', /*!50000 'pw-from-pieces' */ 'x')",
			r:    Redaction{All: true, Keep: []string{"a1"}},
			want: "CALL p('a1', /*!50000 '[REDACTED]' */ '[REDACTED]')",
		},
		{
			name: "a quote in a comment opens no literal",
			stmt: "CALL p('a1', -- it's the new one\n'pw')",
			r:    Redaction{All: true, Keep: []string{"a1"}},
			want: "CALL p('a1', -- it's the new one\n'[REDACTED]')",
		},
		{
			name: "a quote in a block comment opens no literal",
			stmt: "CALL p(/* don't */ 'a1', 'pw')",
			r:    Redaction{All: true, Keep: []string{"a1"}},
			want: "CALL p(/* don't */ 'a1', '[REDACTED]')",
		},
		{
			name: "an unquoted secret, a comment",
			stmt: "CALL p('a1', 12345678) /* 12345678 */",
			r:    Redaction{Secrets: []string{"12345678"}},
			want: "CALL p('a1', [REDACTED]) /* [REDACTED] */",
		},
		{
			name: "no secret: literals stay",
			stmt: "DELETE FROM apps_secrets WHERE app_id = '0oa1' AND id = 'ocs2'",
			r:    Redaction{Keep: []string{"0oa1", "ocs2"}},
			want: "DELETE FROM apps_secrets WHERE app_id = '0oa1' AND id = 'ocs2'",
		},
		{
			name: "identifiers in backquotes are not literals",
			stmt: "INSERT INTO `apps_secrets` (`app_id`, client_secret) VALUES ('0oa1', 'x')",
			r:    Redaction{Secrets: []string{"x"}, All: true, Keep: []string{"0oa1"}},
			want: "INSERT INTO `apps_secrets` (`app_id`, client_secret) VALUES ('0oa1', '[REDACTED]')",
		},
		{
			name: "hex and bit literals when the statement carries a secret",
			stmt: "INSERT INTO apps_secrets (app_id, client_secret) VALUES (X'306f6131', CONCAT(X'61626364', 0x65666768, b'0110100101101010', 0b01101011, x'6c6d6e6f70'))",
			r:    Redaction{Secrets: []string{"abcdefghijklmnop"}, All: true, Keep: []string{"0oa1"}},
			want: "INSERT INTO apps_secrets (app_id, client_secret) VALUES (X'306f6131', CONCAT('[REDACTED]', '[REDACTED]', '[REDACTED]', '[REDACTED]', '[REDACTED]'))",
		},
		{
			name: "a hex literal that spells a secret",
			stmt: "CALL p('a1', 0x6162636465666768696a6b6c6d6e6f70, X'6162636465666768696A6B6C6D6E6F70')",
			r:    Redaction{Secrets: []string{"abcdefghijklmnop"}},
			want: "CALL p('a1', '[REDACTED]', '[REDACTED]')",
		},
		{
			name: "no secret: hex literals and look-alike identifiers stay",
			stmt: "SELECT col0x12, 0xyz, 0x1f FROM t WHERE b = b'01'",
			r:    Redaction{},
			want: "SELECT col0x12, 0xyz, 0x1f FROM t WHERE b = b'01'",
		},
		{
			name: "an unterminated literal is masked to the end",
			stmt: "CALL p('a1', 'secret-without-end",
			r:    Redaction{All: true, Keep: []string{"a1"}},
			want: "CALL p('a1', '[REDACTED]'",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := RedactStatement(tc.stmt, tc.r); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// Concurrent writers never interleave: every line is one whole record.
func TestLogLinesAreWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "audit.log")
	l, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				r := Record{Time: time.Now(), ConnID: uint32(g), Statement: fmt.Sprintf("CALL p(%d) -- %s", i, bytes.Repeat([]byte("x"), 3000))}
				if err := l.Write(r); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: the log names users and statements", st.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d is not a record: %v", n+1, err)
		}
		n++
	}
	if n != 8*200 {
		t.Errorf("%d records, want %d", n, 8*200)
	}
	// Reopening appends.
	l, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Write(Record{Statement: "one more"})
	_ = l.Close()
	b, _ := os.ReadFile(path)
	if got := bytes.Count(b, []byte("\n")); got != n+1 {
		t.Errorf("%d lines after reopening, want %d", got, n+1)
	}
}

func TestOpenSpecialPaths(t *testing.T) {
	if l, err := Open("", nil); l != nil || err != nil {
		t.Errorf(`Open(""): %v %v, want no log`, l, err)
	}
	var buf bytes.Buffer
	l, err := Open("-", &buf)
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Write(Record{User: "u"})
	if !bytes.Contains(buf.Bytes(), []byte(`"user":"u"`)) {
		t.Errorf("- did not write to the given stream: %q", buf.String())
	}
	env := map[string]string{"HOME": "/home/x"}
	if got := DefaultPath(func(k string) string { return env[k] }); got != "/home/x/.local/state/credsql/audit.log" {
		t.Errorf("default path %s", got)
	}
	env["XDG_STATE_HOME"] = "/state"
	if got := DefaultPath(func(k string) string { return env[k] }); got != "/state/credsql/audit.log" {
		t.Errorf("default path with XDG_STATE_HOME %s", got)
	}
}

// Each action's line carries its own fields: a write the API call's, a reveal the table,
// rows and values, a failed login the user and address; none carries another's empty fields.
func TestRecordFieldsByAction(t *testing.T) {
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		r          Record
		has, lacks []string
	}{
		{
			r:     Record{Time: at, Action: ActionWrite, User: "u", Method: "POST", Route: "POST /x", Status: 0, Outcome: "not_sent"},
			has:   []string{`"action":"write"`, `"method":"POST"`, `"status":0`, `"outcome":"not_sent"`, `"attempts":0`},
			lacks: []string{`"table"`, `"rows"`, `"failures"`, `"row_ids"`},
		},
		{
			r: Record{Time: at, Action: ActionReveal, ConnID: 3, User: "u", Client: "127.0.0.1:5", Statement: "SELECT client_secret FROM apps_secrets",
				Vendor: "okta", Connection: "prod", Table: "apps_secrets", Rows: 2, Values: 2, RowIDs: []string{"a/1", "a/2"}},
			has:   []string{`"action":"reveal"`, `"table":"apps_secrets"`, `"rows":2`, `"values":2`, `"row_ids":["a/1","a/2"]`, `"connection":"prod"`, `"conn_id":3`},
			lacks: []string{`"method"`, `"route"`, `"status"`, `"outcome"`, `"attempts"`, `"failures"`},
		},
		{
			r:     Record{Time: at, Action: ActionLoginFailed, User: "u", Client: "10.0.0.1:5", Error: "Access denied for user 'u'", Failures: 3, Suppressed: 2, DelayMS: 500},
			has:   []string{`"action":"login_failed"`, `"user":"u"`, `"client":"10.0.0.1:5"`, `"failures":3`, `"suppressed":2`, `"delay_ms":500`},
			lacks: []string{`"statement"`, `"method"`, `"status"`, `"table"`, `"conn_id"`},
		},
	} {
		b, err := json.Marshal(tc.r)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tc.has {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("%s line %s lacks %s", tc.r.Action, b, s)
			}
		}
		for _, s := range tc.lacks {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s line %s has %s", tc.r.Action, b, s)
			}
		}
		var back Record
		if err := json.Unmarshal(b, &back); err != nil || back.Action != tc.r.Action || back.User != tc.r.User {
			t.Errorf("%s line does not read back: %+v, %v", tc.r.Action, back, err)
		}
	}
}
