package audit

import (
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/credsql/credsql/internal/sqltext"
)

func TestBind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, stmt string
		params     []string
		want       string
	}{
		{"in order", "DELETE FROM apps_secrets WHERE app_id = ? AND id IN (?, ?)", []string{"'0oa1'", "'ocs1'", "'ocs2'"},
			"DELETE FROM apps_secrets WHERE app_id = '0oa1' AND id IN ('ocs1', 'ocs2')"},
		{"a ? in a string, an identifier or a comment is no placeholder",
			"CALL p('?', `?`, ? /* ? */, \"?\") -- ?\n", []string{"7"},
			"CALL p('?', `?`, 7 /* ? */, \"?\") -- ?\n"},
		{"a value holding ? is not bound again", "CALL p(?, ?)", []string{"'a?'", "NULL"}, "CALL p('a?', NULL)"},
		{"placeholders beyond the values stay", "CALL p(?, ?)", []string{"1"}, "CALL p(1, ?)"},
		{"no values", "CALL p(?)", nil, "CALL p(?)"},
		{"a value against a word or a quote stays apart", "CALL p(0?, ??)", []string{"X'ff'", "'a'", "'b'"},
			"CALL p(0 X'ff', 'a' 'b')"},
	} {
		if got := Bind(tc.stmt, tc.params); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestLiteral(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v             string
		null, numeric bool
		want          string
	}{
		{"", true, false, "NULL"},
		{"42", false, true, "42"},
		{"-1.5e3", false, true, "-1.5e3"},
		{"42; DROP", false, true, "'42; DROP'"}, // a number type with no number in it
		{"42", false, false, "'42'"},
		{"it's", false, false, "'it''s'"},
		{"a\\b\nc\r\x00", false, false, `'a\\b\nc\r\0'`},
		{"\xff\x00\x01", false, false, "X'ff0001'"},
	} {
		if got := Literal([]byte(tc.v), tc.null, tc.numeric); got != tc.want {
			t.Errorf("Literal(%q, null %v, numeric %v) = %s, want %s", tc.v, tc.null, tc.numeric, got, tc.want)
		}
	}
}

// FuzzBoundSecret: any bound value reads back as itself from its literal, stays one token
// in the bound statement, and, when it is a secret, is masked like a literal secret is.
func FuzzBoundSecret(f *testing.F) {
	for _, s := range redactSeeds {
		f.Add(s.prefix+"?"+s.suffix, s.secret)
	}
	f.Add("CALL p(?, ?)", "x'6162'")
	f.Fuzz(func(t *testing.T, stmt, secret string) {
		lit := Literal([]byte(secret), false, false)
		toks := sqltext.Tokens(lit)
		if len(toks) != 1 || toks[0].Open {
			t.Fatalf("the literal %s of %q is not one closed token: %+v", lit, secret, toks)
		}
		back := sqltext.Unquote(lit)
		if toks[0].Kind == sqltext.HexLiteral {
			b, err := hex.DecodeString(strings.TrimSuffix(strings.TrimPrefix(lit, "X'"), "'"))
			if err != nil || utf8.ValidString(secret) {
				t.Fatalf("hex literal %s for %q: %v", lit, secret, err)
			}
			back = string(b)
		}
		if back != secret {
			t.Fatalf("the literal %s reads back as %q, not %q", lit, back, secret)
		}
		bound := Bind(stmt, []string{lit})
		for _, all := range []bool{false, true} {
			out := RedactStatement(bound, Redaction{Secrets: []string{secret}, All: all})
			if len(secret) >= minSecret && strings.Contains(out, secret) {
				t.Fatalf("the bound secret %q survives in %q (bound %q, all=%v)", secret, out, bound, all)
			}
			if len(secret) >= minSecret && strings.Contains(stmt, "?") && strings.Contains(out, lit) && placeholder(stmt) {
				t.Fatalf("the literal %s survives in %q", lit, out)
			}
		}
		// Alone, as the record's params show it, the secret's literal is the mask (or what is
		// left of it when the secret spells part of the mask).
		got := RedactStatement(lit, Redaction{Secrets: []string{secret}})
		if secret != "" && !strings.Contains(Masked, secret) && got != Masked ||
			len(secret) >= minSecret && strings.Contains(got, secret) {
			t.Fatalf("the bound value %q alone redacts to %s, want %s", secret, got, Masked)
		}
	})
}

// placeholder reports whether stmt has a ? that Bind replaces.
func placeholder(stmt string) bool {
	for _, t := range sqltext.Tokens(stmt) {
		if t.Kind == sqltext.Punct && t.Text(stmt) == "?" {
			return true
		}
	}
	return false
}
