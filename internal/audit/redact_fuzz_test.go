package audit

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sqltext"
)

// quoteSQL writes s as a MySQL string literal in quote q, escaping as a user might: the quote
// doubled or backslashed, backslashes doubled.
func quoteSQL(s string, q byte, backslash bool) string {
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			b.WriteString(`\\`)
		case c == q && backslash:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == q:
			b.WriteByte(c)
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// redactSeeds are statements with a secret, as the write paths audit them.
var redactSeeds = []struct {
	prefix, secret, suffix string
}{
	{"INSERT INTO apps_secrets (app_id, client_secret) VALUES ('0oa1', ", "abcdefghijklmnop", ")"},
	{"CALL ziti_authenticators_patch('a1', ", "it's'old", ", NULL, 'x')"},
	{"EXEC ziti_authenticators.update @id = 'x', @current_password = ", `p;w\"d`, ", @username = 'u', @password = 'new'"},
	{"CALL p('a1', ", "[REDACTED]", ") /* [REDACTED] */"},
	{"CALL p(", "aaaa", ", 'aaaaaaaa', 0x61616161)"},
	{"CALL p('", "ED]x", "') -- [REDACTED]x"},
	{"SELECT ", "\x00\xff\n\t", " FROM t"},
	{"CALL p(x'", "6162", "')"},
}

// FuzzRedactStatement: whatever the statement around it and however the literal is quoted, a
// secret never survives redaction, and redaction never panics.
func FuzzRedactStatement(f *testing.F) {
	for _, s := range redactSeeds {
		f.Add(s.prefix, s.secret, s.suffix, uint8(0))
		f.Add(s.prefix, s.secret, s.suffix, uint8(3))
	}
	f.Fuzz(func(t *testing.T, prefix, secret, suffix string, style uint8) {
		q := byte('\'')
		if style&1 == 1 {
			q = '"'
		}
		lit := quoteSQL(secret, q, style&2 == 2)
		stmt := prefix + lit + suffix
		for _, all := range []bool{false, true} {
			r := Redaction{Secrets: []string{secret}, All: all, Keep: []string{"0oa1", "a1"}}
			out := RedactStatement(stmt, r)
			if len(secret) >= minSecret && strings.Contains(out, secret) {
				t.Fatalf("the secret %q survives in %q (from %q, all=%v)", secret, out, stmt, all)
			}
			// The literal holding it is gone when it is read as one: the prefix may leave a
			// quote open, and then the literal is not one.
			if len(secret) >= minSecret && scannedWhole(prefix, stmt) && strings.Contains(out, lit) {
				t.Fatalf("the literal %s survives in %q", lit, out)
			}
		}
		// Arbitrary text and secrets: no panic, and no secret of four bytes or more left.
		out := RedactStatement(prefix+suffix, Redaction{Secrets: []string{secret, suffix}, All: style&4 == 4})
		for _, s := range []string{secret, suffix} {
			if len(s) >= minSecret && strings.Contains(out, s) {
				t.Fatalf("secret %q survives in %q", s, out)
			}
		}
	})
}

// scannedWhole reports whether, reading stmt, a string literal starts exactly where the
// prefix ends: the prefix then leaves no literal, comment or identifier open.
func scannedWhole(prefix, stmt string) bool {
	for _, t := range sqltext.Tokens(stmt) {
		if t.Start == len(prefix) {
			return t.Kind == sqltext.String
		}
	}
	return false
}
