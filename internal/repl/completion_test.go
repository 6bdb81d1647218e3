package repl

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompleter(t *testing.T) {
	t.Parallel()
	c := NewCompleter()
	for _, tc := range []struct {
		name string
		line string // the cursor is at '|', else at the end
		want []string
		// wantFirst: the candidates must start with these, in order (the rest is not checked)
		wantFirst []string
		// wantNot: none of these may be offered
		wantNot []string
		wantLen int
	}{
		{name: "keyword keeps lower case", line: "sel", want: []string{"ect"}, wantLen: 3},
		{name: "keyword keeps upper case", line: "SEL", want: []string{"ECT"}, wantLen: 3},
		{name: "table after FROM", line: "SELECT * FROM app_", want: []string{"csrs", "keys"}, wantLen: 4},
		{name: "only tables after FROM", line: "select * from ap", want: []string{"i_tokens", "p_csrs", "p_keys", "ps", "ps_secrets"}, wantLen: 2},
		{name: "table after JOIN", line: "SELECT 1 FROM apps a JOIN idps_", want: []string{"keys"}, wantLen: 5},
		{name: "columns of the named table first", line: "SELECT c FROM app_keys WHERE cert_not", want: []string{"_before", "_after"}, wantLen: 8},
		{name: "columns before other words", line: "SELECT s FROM apps_secrets WHERE s", wantFirst: []string{"tatus", "ecret_hash"}, wantLen: 1},
		{name: "alias dot column", line: "SELECT k.cert_s| FROM app_keys k", want: []string{"ubject", "erial", "ha256", "elf_signed"}, wantLen: 6},
		{name: "AS alias dot column", line: "SELECT a.label, k.x5t| FROM apps AS a JOIN app_keys AS k ON k.app_id = a.id", want: []string{"_s256", "_s256_matches"}, wantLen: 3},
		{name: "unknown alias", line: "SELECT z.la| FROM apps a", want: nil, wantLen: 2},
		{name: "table dot column", line: "SELECT app_keys.x5", want: []string{"c", "t_s256", "t_s256_matches"}, wantLen: 2},
		{name: "procedure after CALL", line: "CALL apps_secrets_", want: []string{"activate", "deactivate"}, wantLen: 13},
		{name: "only procedures after CALL", line: "CALL a", wantFirst: []string{"pp_csrs_publish"}, wantNot: []string{"pps", "pp_keys"}, wantLen: 1},
		{name: "EXEC name", line: "EXEC app_keys.", want: []string{"clone", "generate", "rotate"}, wantLen: 9},
		{name: "EXEC names", line: "EXEC apps_s", want: []string{"ecrets.activate", "ecrets.deactivate"}, wantLen: 6},
		{name: "EXEC name, partly typed", line: "EXEC app_keys.gen", want: []string{"erate"}, wantLen: 12},
		{name: "nothing inside a string", line: "SELECT * FROM apps WHERE label = 'sel", want: nil, wantLen: 0},
		{name: "nothing inside a comment", line: "SELECT 1 -- sel", want: nil, wantLen: 0},
		{name: "nothing inside a block comment", line: "SELECT /* sel", want: nil, wantLen: 0},
		{name: "after a closed string", line: "SELECT 'x' FROM app_", want: []string{"csrs", "keys"}, wantLen: 4},
		{name: "FROM in a string is no context", line: "SELECT id FROM apps WHERE label IN ('x', 'FROM', la", wantFirst: []string{"bel"}, wantLen: 2},
		{name: "backslash commands", line: `\f`, want: []string{"ormat"}, wantLen: 2},
		{name: "all backslash commands", line: `\`, want: []string{"d", "dt", "x", "format", "timing", "h", "q"}, wantLen: 1},
		{name: "table after \\d", line: `\d ziti`, want: []string{"_api_sessions", "_authenticators", "_enrollments", "_identities", "_identity_authenticators"}, wantLen: 4},
		{name: "catalog tables", line: "SELECT * FROM credsql_", want: []string{"connections", "procedures"}, wantLen: 8},
		{name: "session variable", line: "SET credsql_rev", want: []string{"eal_secrets"}, wantLen: 11},
		{name: "nothing typed", line: "SELECT ", want: nil, wantLen: 0},
		{name: "unknown prefix", line: "SELECT zzz", want: nil, wantLen: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := []rune(strings.Replace(tc.line, "|", "", 1))
			pos := len(line)
			if i := strings.Index(tc.line, "|"); i >= 0 {
				pos = len([]rune(tc.line[:i]))
			}
			got, n := c.Do(line, pos)
			var gs []string
			for _, g := range got {
				gs = append(gs, string(g))
			}
			switch {
			case tc.wantFirst != nil:
				if len(gs) < len(tc.wantFirst) || !slices.Equal(gs[:len(tc.wantFirst)], tc.wantFirst) {
					t.Errorf("Do(%q) = %q, want it to start with %q", tc.line, gs, tc.wantFirst)
				}
			default:
				if diff := cmp.Diff(tc.want, gs); diff != "" {
					t.Errorf("Do(%q) (-want +got):\n%s", tc.line, diff)
				}
			}
			for _, bad := range tc.wantNot {
				if slices.Contains(gs, bad) {
					t.Errorf("Do(%q) offers %q", tc.line, bad)
				}
			}
			if n != tc.wantLen {
				t.Errorf("Do(%q) length = %d, want %d", tc.line, n, tc.wantLen)
			}
		})
	}
}
