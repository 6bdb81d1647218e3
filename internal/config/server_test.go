package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
)

// TestParseServerRefusesEachBrokenRule breaks one rule of the server section per case.
func TestParseServerRefusesEachBrokenRule(t *testing.T) {
	t.Parallel()
	env := map[string]string{"PW": "secret"}
	user := "  users:\n    - {name: admin, password_env: PW}\n"
	if s, err := config.ParseServer([]byte("server:\n  tls_cert: c.pem\n  tls_key: k.pem\n  require_tls: true\n"+user), func(k string) string { return env[k] }, ""); err != nil || len(s.Users) != 1 {
		t.Fatalf("a valid server section is refused: %v", err)
	}
	for name, tc := range map[string]struct{ yaml, want string }{
		"unknown key":             {"server:\n  listn: 127.0.0.1:3306\n", "parse YAML: yaml: unmarshal errors:\n  line 2: field listn not found"},
		"certificate without key": {"server:\n  tls_cert: c.pem\n", "server: tls_cert and tls_key go together"},
		"key without certificate": {"server:\n  tls_key: k.pem\n", "server: tls_cert and tls_key go together"},
		"require_tls without TLS": {"server:\n  require_tls: true\n", "server: require_tls needs tls_cert and tls_key"},
		"user without name":       {"server:\n  users:\n    - {password_env: PW}\n", "server: user #1: name is missing"},
		"user twice":              {"server:\n" + user + "    - {name: admin, password_env: PW}\n", `server: user "admin": defined twice`},
		"user without password":   {"server:\n  users:\n    - {name: admin}\n", `server user "admin": the password is missing (password_env or password_file)`},
		"password twice":          {"server:\n  users:\n    - {name: admin, password: a, password_env: PW}\n", `server user "admin": give password once: inline, password_env or password_file`},
		"password variable unset": {"server:\n  users:\n    - {name: admin, password_env: NOPE}\n", `server user "admin": environment variable NOPE (password_env) is not set`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := config.ParseServer([]byte(tc.yaml), func(k string) string { return env[k] }, t.TempDir())
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || joined(err) > 1 {
				t.Errorf("error %v\nwant one error starting %q", err, tc.want)
			}
		})
	}
}

// TestLoadNamesTheFile: a config file that cannot be read, or holds a broken entry, is an
// error naming the file, for the connections and for the server section alike.
func TestLoadNamesTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(bad, []byte("connections:\n  - {vendor: okta}\nserver:\n  require_tls: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nope.yaml")
	for name, load := range map[string]func(string) error{
		"connections": func(p string) error { _, err := config.Load(p, nil); return err },
		"server":      func(p string) error { _, err := config.LoadServer(p, nil); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if err := load(missing); err == nil || !strings.HasPrefix(err.Error(), "read config: open "+missing) {
				t.Errorf("missing file: %v", err)
			}
			if err := load(bad); err == nil || !strings.HasPrefix(err.Error(), "config "+bad+": ") {
				t.Errorf("broken file: %v", err)
			}
		})
	}
}
