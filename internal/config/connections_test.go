package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/config"
)

func TestParseManyNamedConnections(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "eu-token"), []byte("eu-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"OKTA_US": "us-secret", "ZITI_PW": "ziti-secret", "OPA_SECRET": "opa-secret"}
	yamlText := `
connections:
  - name: eu
    vendor: okta
    url: https://acme-eu.okta.com
    token_file: eu-token
    read_only: true
    concurrency: 4
    rate_per_minute: 300
    max_wait: 2m
    timeout: 20s
  - name: us
    vendor: okta
    url: https://acme.okta.com
    token_env: OKTA_US
  - name: edge
    vendor: ziti
    url: https://ctrl.example.com:1280/edge/management/v1
    username: inventory
    password_env: ZITI_PW
  - name: pam
    vendor: opa
    url: https://acme.pam.okta.com
    team: acme
    key_id: 6052868b-1b04-4a14-8288-e6496d7f2f4b
    key_secret_env: OPA_SECRET
  - name: legacy
    vendor: okta
    url: https://legacy.okta.com
    token: inline-secret
`
	cfg, err := config.Parse([]byte(yamlText), func(k string) string { return env[k] }, dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cfg.ByVendor(config.Okta) {
		names = append(names, c.Name)
	}
	if d := cmp.Diff([]string{"eu", "us", "legacy"}, names); d != "" {
		t.Errorf("okta connections: %s", d)
	}
	eu := cfg.Connections[0]
	if eu.Token != "eu-secret" || !eu.ReadOnly || eu.Concurrency != 4 || eu.RatePerMinute != 300 || eu.MaxWait != 2*time.Minute || eu.Timeout != 20*time.Second {
		t.Errorf("eu: %+v", eu)
	}
	if cfg.Connections[1].Token != "us-secret" || cfg.Connections[2].Password != "ziti-secret" || cfg.Connections[3].KeySecret != "opa-secret" {
		t.Errorf("secrets by reference not resolved: %+v", cfg.Connections)
	}
	// Only the inline token is warned about (a key id is not a secret), naming the connection.
	if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], `"legacy": inline token`) || strings.Contains(cfg.Warnings[0], "inline-secret") {
		t.Errorf("warnings: %v", cfg.Warnings)
	}
}

func TestParseNamesTheBrokenConnection(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"two sources":   {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a, token_env: B}\n", `"eu": give token once`},
		"duplicate":     {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a}\n  - {name: eu, vendor: okta, url: https://b.okta.com, token: b}\n", `"eu": defined twice`},
		"bad duration":  {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a, max_wait: soon}\n", `"eu": max_wait "soon"`},
		"unknown key":   {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a, tokn: b}\n", "tokn"},
		"not a number":  {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a, concurrency: many}\n", `line 2: connections[0].concurrency: a whole number is expected, not "many"`},
		"not a mapping": {"connections:\n  - eu\nserver:\n  users: [bob]\n", `line 2: connections[0]: a mapping (name:, vendor:, url:, token:, ...) is expected, not "eu"; line 4: server.users[0]: a mapping`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := config.Parse([]byte(tc.yaml), func(string) string { return "" }, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// A missing secret makes its connection unusable, not the config: the others still load.
func TestMissingSecretFailsOnlyItsConnection(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"unset variable": {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token_env: NOPE}\n", `"eu": environment variable NOPE (token_env) is not set`},
		"missing file":   {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token_file: nope}\n", `"eu": read token_file`},
		"no credential":  {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com}\n", `an API token or access token is missing`},
	} {
		t.Run(name, func(t *testing.T) {
			yamlText := tc.yaml + "  - {name: pam, vendor: opa, url: https://a.pam.okta.com, team: acme, key_id: k, key_secret_env: OPA}\n"
			cfg, err := config.Parse([]byte(yamlText), func(k string) string { return map[string]string{"OPA": "s"}[k] }, t.TempDir())
			if err != nil {
				t.Fatalf("a missing secret failed the whole config: %v", err)
			}
			if len(cfg.Connections) != 2 {
				t.Fatalf("connections %+v", cfg.Connections)
			}
			eu, pam := cfg.Connections[0], cfg.Connections[1]
			if eu.Err == nil || !strings.Contains(eu.Err.Error(), tc.want) || !errors.Is(eu.Err, config.ErrMissingSecret) {
				t.Errorf("eu: %v, want %q matching ErrMissingSecret", eu.Err, tc.want)
			}
			if pam.Err != nil || pam.KeySecret != "s" {
				t.Errorf("pam: %+v", pam)
			}
		})
	}
	// From the environment too: OPA without its secret, Okta complete.
	env := map[string]string{"OKTA_ORG_URL": "https://a.okta.com", "OKTA_API_TOKEN": "t", "OPA_URL": "https://a.pam.okta.com", "OPA_TEAM": "acme", "OPA_KEY_ID": "k"}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Connections) != 2 || cfg.Connections[0].Err != nil || !errors.Is(cfg.Connections[1].Err, config.ErrMissingSecret) {
		t.Errorf("from the environment: %+v", cfg.Connections)
	}
}
