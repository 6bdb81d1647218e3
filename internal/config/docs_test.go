package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/config"
)

// yamlBlock returns the first yaml block of a markdown file.
func yamlBlock(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```yaml\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatalf("%s has no yaml block", path)
	}
	return block
}

// The account examples of docs/security.md and of the README are valid, and give the rights
// they describe.
func TestAccountExamplesInDocs(t *testing.T) {
	pw := func(string) string { return "pw" }
	for path, want := range map[string][]config.User{
		"../../docs/security.md": {
			{Name: "secops", Password: "pw"},
			{Name: "dashboard", Password: "pw", ReadOnly: true, Connections: []string{"prod", "pam"}},
			{Name: "auditor", Password: "pw", ReadOnly: true, RevealSecrets: true, Admin: true},
		},
		"../../README.md": {
			{Name: "dashboard", Password: "pw", ReadOnly: true, Connections: []string{"prod"}},
		},
	} {
		s, err := config.ParseServer([]byte(yamlBlock(t, path)), pw, t.TempDir())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if diff := cmp.Diff(want, s.Users); diff != "" {
			t.Errorf("%s users (-want +got):\n%s", path, diff)
		}
	}
}
