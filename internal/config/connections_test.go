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

// TestParseNamesTheBrokenConnection breaks one rule per case and wants that rule's error,
// naming the connection.
func TestParseNamesTheBrokenConnection(t *testing.T) {
	t.Parallel()
	conn := func(fields string) string { return "connections:\n  - {" + fields + "}\n" }
	const okta = "name: eu, vendor: okta, url: https://a.okta.com"
	const ziti = "name: edge, vendor: ziti, url: https://ctrl.example.com"
	const opa = "name: pam, vendor: opa, url: https://acme.pam.okta.com"
	env := map[string]string{"SET": "value"}
	for name, tc := range map[string]struct{ yaml, want string }{
		// the file
		"not YAML":    {"connections: [", "parse YAML: "},
		"unknown key": {conn(okta + ", token: a, tokn: b"), "parse YAML: yaml: unmarshal errors:\n  line 2: field tokn not found"},
		"no name":     {conn("vendor: okta, url: https://a.okta.com, token_env: SET"), `connection #1: name is missing`},
		"duplicate":   {conn(okta+", token_env: SET") + "  - {" + okta + ", token_env: SET}\n", `connection "eu": defined twice for vendor okta`},
		// secrets by reference
		"two sources":    {conn(okta + ", token: a, token_env: B"), `connection "eu": give token once: inline, token_env or token_file`},
		"unset variable": {conn(okta + ", token_env: NOPE"), `connection "eu": environment variable NOPE (token_env) is not set`},
		"missing file":   {conn(okta + ", token_file: nope"), `connection "eu": read token_file: `},
		"empty file":     {conn(okta + ", token_file: empty"), `connection "eu": token_file `},
		// numbers and durations
		"bad duration":         {conn(okta + ", token_env: SET, max_wait: soon"), `connection "eu": max_wait "soon" is not a duration like 30s or 2m`},
		"negative duration":    {conn(okta + ", token_env: SET, timeout: -1s"), `connection "eu": timeout "-1s" is not a duration like 30s or 2m`},
		"negative concurrency": {conn(okta + ", token_env: SET, concurrency: -1"), `connection "eu": concurrency and rate_per_minute must not be negative`},
		"negative rate":        {conn(okta + ", token_env: SET, rate_per_minute: -5"), `connection "eu": concurrency and rate_per_minute must not be negative`},
		// the connection
		"unknown vendor":   {conn("name: eu, vendor: aws, url: https://a.example.com"), `connection "eu": unknown vendor "aws" (okta, ziti or opa)`},
		"no URL":           {conn("name: eu, vendor: okta, token_env: SET"), `okta connection "eu": the URL is missing (set config entry "eu")`},
		"relative URL":     {conn("name: eu, vendor: okta, url: acme.okta.com, token_env: SET"), `okta connection "eu": URL "acme.okta.com" is not an absolute URL like https://example.com`},
		"okta no token":    {conn(okta), `okta connection "eu": an API token or access token is missing (set config entry "eu")`},
		"ziti no password": {conn(ziti + ", username: bot"), `ziti connection "edge": the username or password is missing (set config entry "edge")`},
		"ziti no username": {conn(ziti + ", password_env: SET"), `ziti connection "edge": the username or password is missing (set config entry "edge")`},
		"ziti no key":      {conn(ziti + ", client_cert_file: bot.pem"), `ziti connection "edge": the client certificate or its key is missing (set config entry "edge")`},
		"ziti no cert":     {conn(ziti + ", client_key_file: bot.key"), `ziti connection "edge": the client certificate or its key is missing (set config entry "edge")`},
		"ziti no credential": {conn(ziti),
			`ziti connection "edge": a credential (username and password, session token, or client certificate) is missing (set config entry "edge")`},
		"opa no team":   {conn(opa + ", key_id: k, key_secret_env: SET"), `opa connection "pam": the team name is missing (set config entry "pam")`},
		"opa no secret": {conn(opa + ", team: acme, key_id: k"), `opa connection "pam": the service-user key id or secret is missing (set config entry "pam")`},
		"opa no key id": {conn(opa + ", team: acme, key_secret_env: SET"), `opa connection "pam": the service-user key id or secret is missing (set config entry "pam")`},
		"not a number":  {"connections:\n  - {name: eu, vendor: okta, url: https://a.okta.com, token: a, concurrency: many}\n", `parse YAML: line 2: connections[0].concurrency: a whole number is expected, not "many"`},
		"not a mapping": {"connections:\n  - eu\nserver:\n  users: [bob]\n", `parse YAML: line 2: connections[0]: a mapping (name:, vendor:, url:, token:, ...) is expected, not "eu"; line 4: server.users[0]: a mapping`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "empty"), []byte("\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Parse([]byte(tc.yaml), func(k string) string { return env[k] }, dir)
			err = orConnErr(cfg, err)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || joined(err) > 1 {
				t.Errorf("error %v\nwant one error starting %q", err, tc.want)
			}
		})
	}
}

// TestFromEnvNamesWhatIsMissing: a vendor half-configured from the environment is refused,
// naming the variables to set.
func TestFromEnvNamesWhatIsMissing(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"okta token without URL": {map[string]string{"OKTA_API_TOKEN": "t"},
			`okta connection "default": the URL is missing (set environment variables OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN))`},
		"okta URL without token": {map[string]string{"OKTA_ORG_URL": "https://a.okta.com"},
			`okta connection "default": an API token or access token is missing (set environment variables OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN))`},
		"ziti username without password": {map[string]string{"ZITI_MGMT_URL": "https://c.example.com", "ZITI_USERNAME": "bot"},
			`ziti connection "default": the username or password is missing (set environment variables ` + config.EnvHint(config.Ziti) + ")"},
		"opa without key": {map[string]string{"OPA_URL": "https://a.pam.okta.com", "OPA_TEAM": "acme"},
			`opa connection "default": the service-user key id or secret is missing (set environment variables ` + config.EnvHint(config.OPA) + ")"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg, err := config.FromEnv(func(k string) string { return tc.env[k] })
			err = orConnErr(cfg, err)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v\nwant %s", err, tc.want)
			}
		})
	}
}

// orConnErr is the config's error or, when it loaded, its only connection's: a connection
// whose URL or credential is missing is unusable, and the rest of the config still loads.
func orConnErr(cfg *config.Config, err error) error {
	if err == nil && cfg != nil && len(cfg.Connections) == 1 {
		return cfg.Connections[0].Err
	}
	return err
}

// joined counts the errors an errors.Join holds (1 for any other error).
func joined(err error) int {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return len(j.Unwrap())
	}
	return 1
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
