package config_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/config"
)

// A user entry gives exactly its rights: read_only, reveal_secrets, connections and admin,
// each off (every connection) when not given.
func TestParseServerUserRights(t *testing.T) {
	env := map[string]string{"PW": "pw"}
	getenv := func(k string) string { return env[k] }
	s, err := config.ParseServer([]byte(`
server:
  users:
    - name: plain
      password_env: PW
    - name: reader
      password_env: PW
      read_only: true
      connections: [prod, edge]
    - name: auditor
      password_env: PW
      read_only: true
      reveal_secrets: true
      admin: true
`), getenv, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []config.User{
		{Name: "plain", Password: "pw"},
		{Name: "reader", Password: "pw", ReadOnly: true, Connections: []string{"prod", "edge"}},
		{Name: "auditor", Password: "pw", ReadOnly: true, RevealSecrets: true, Admin: true},
	}
	if diff := cmp.Diff(want, s.Users); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
}

func TestParseServerUserRightsErrors(t *testing.T) {
	getenv := func(string) string { return "pw" }
	for _, tc := range []struct{ name, users, want string }{
		{"empty list", "connections: []", `server user "u": connections is empty; omit it to give every connection`},
		{"repeated", "connections: [a, a]", `server user "u": connections: "a" is listed twice`},
		{"empty name", `connections: [a, ""]`, `server user "u": connections: a name is empty`},
		{"unknown key", "reveal: true", "field reveal not found"},
		{"not a bool", "admin: sometimes", "server.users[0].admin: true or false is expected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.ParseServer([]byte("server:\n  users:\n    - name: u\n      password_env: PW\n      "+tc.users+"\n"), getenv, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v, want an error with %q", err, tc.want)
			}
		})
	}
}
