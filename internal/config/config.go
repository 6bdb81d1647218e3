// Package config reads credsql's connections: from the environment (one connection per
// vendor, named "default") or from a YAML file with any number of named connections whose
// secrets are given by reference (docs/architecture.md "Configuration").
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/credsql/credsql/internal/routes"
)

// Vendor names, as in the config file.
const (
	Okta = string(routes.Okta)
	Ziti = string(routes.Ziti)
	OPA  = string(routes.OPA)
)

// Vendors in display order: routes.Vendors, the one list of vendors.
var Vendors = func() []string {
	out := make([]string, len(routes.Vendors))
	for i, v := range routes.Vendors {
		out[i] = string(v)
	}
	return out
}()

// Connection is one configured vendor account, with its secrets resolved.
type Connection struct {
	Name   string
	Vendor string
	URL    string

	// Okta
	Token       string // SSWS API token
	AccessToken string // OAuth 2.0 access token (Bearer)
	// APITokenID is the id (00T...) of the API token in Token, for orgs that do not answer
	// GET /api/v1/api-tokens/current: it marks api_tokens.is_current and guards its revocation.
	APITokenID string
	// OpenZiti
	Username       string
	Password       string
	SessionToken   string
	ClientCertFile string
	ClientKeyFile  string
	CAFile         string
	// OPA
	Team      string
	KeyID     string
	KeySecret string

	ReadOnly bool
	// Concurrency is the ceiling of the calls in flight at once (0: --concurrency, by default
	// fetch.DefaultConcurrency); the connection adapts to the vendor's limit under it.
	Concurrency   int
	RatePerMinute int
	MaxWait       time.Duration
	Timeout       time.Duration

	// Source says where the credential came from, for error hints: the environment
	// variables or the config entry to check.
	Source string
	// Err, when set, says why the connection cannot be used: a secret it references is
	// missing (an unset variable, an unreadable file) or a credential is not given. It
	// matches ErrMissingSecret. Such a connection fails its own vendor's tables only.
	Err error
}

// ErrMissingSecret matches a Connection.Err: a credential is missing.
var ErrMissingSecret = errors.New("missing secret")

// missingError is an error that matches ErrMissingSecret.
type missingError struct{ error }

func (e *missingError) Unwrap() error        { return e.error }
func (e *missingError) Is(target error) bool { return target == ErrMissingSecret }

func missingf(format string, args ...any) error { return &missingError{fmt.Errorf(format, args...)} }

// splitMissing separates the missing-secret errors of errs from the others.
func splitMissing(errs []error) (missing, other []error) {
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, ErrMissingSecret):
			missing = append(missing, err)
		default:
			other = append(other, err)
		}
	}
	return missing, other
}

// Secrets returns the connection's secret values, for redaction.
func (c *Connection) Secrets() []string {
	return nonEmpty(c.Token, c.AccessToken, c.Password, c.SessionToken, c.KeySecret)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Config is every configured connection.
type Config struct {
	Connections []Connection
	// Warnings are non-fatal findings (an inline secret), to show once.
	Warnings []string
	// File is the config file read, if any.
	File string
}

// ByVendor returns the connections of a vendor, in config order.
func (c *Config) ByVendor(vendor string) []Connection {
	var out []Connection
	for _, conn := range c.Connections {
		if conn.Vendor == vendor {
			out = append(out, conn)
		}
	}
	return out
}

// Getenv reads an environment variable; tests replace it.
type Getenv func(string) string

// EnvHint names the variables that configure a vendor from the environment.
func EnvHint(vendor string) string {
	switch vendor {
	case Okta:
		return "OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN)"
	case Ziti:
		return "ZITI_MGMT_URL and ZITI_USERNAME + ZITI_PASSWORD, ZITI_SESSION_TOKEN, or ZITI_CLIENT_CERT + ZITI_CLIENT_KEY"
	case OPA:
		return "OPA_URL, OPA_TEAM, OPA_KEY_ID and OPA_KEY_SECRET"
	}
	return ""
}

// FromEnv returns the connections the environment configures: at most one per vendor, named
// "default". A vendor with none of its variables set is simply absent; one with some but not
// all is an error naming what is missing.
func FromEnv(getenv Getenv) (*Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := &Config{}
	var errs []error
	first := func(names ...string) string {
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	// Okta: OKTA_CLIENT_ORGURL / OKTA_CLIENT_TOKEN are the Okta SDKs' names, accepted as fallbacks.
	if u := first("OKTA_ORG_URL", "OKTA_CLIENT_ORGURL"); u != "" || first("OKTA_API_TOKEN", "OKTA_CLIENT_TOKEN", "OKTA_ACCESS_TOKEN") != "" {
		c := Connection{Name: "default", Vendor: Okta, URL: u,
			Token: first("OKTA_API_TOKEN", "OKTA_CLIENT_TOKEN"), AccessToken: getenv("OKTA_ACCESS_TOKEN"),
			APITokenID: getenv("OKTA_API_TOKEN_ID"),
			Source:     "environment variables " + EnvHint(Okta)}
		if c.AccessToken != "" && c.Token != "" {
			c.AccessToken = "" // the API token wins, as documented
		}
		errs = append(errs, c.setCheck())
		cfg.Connections = append(cfg.Connections, c)
	}
	if u := getenv("ZITI_MGMT_URL"); u != "" || first("ZITI_USERNAME", "ZITI_SESSION_TOKEN", "ZITI_CLIENT_CERT") != "" {
		c := Connection{Name: "default", Vendor: Ziti, URL: u,
			Username: getenv("ZITI_USERNAME"), Password: getenv("ZITI_PASSWORD"), SessionToken: getenv("ZITI_SESSION_TOKEN"),
			ClientCertFile: getenv("ZITI_CLIENT_CERT"), ClientKeyFile: getenv("ZITI_CLIENT_KEY"), CAFile: getenv("ZITI_CA_FILE"),
			Source: "environment variables " + EnvHint(Ziti)}
		errs = append(errs, c.setCheck())
		cfg.Connections = append(cfg.Connections, c)
	}
	if u := getenv("OPA_URL"); u != "" || first("OPA_TEAM", "OPA_KEY_ID") != "" {
		c := Connection{Name: "default", Vendor: OPA, URL: u, Team: getenv("OPA_TEAM"),
			KeyID: getenv("OPA_KEY_ID"), KeySecret: getenv("OPA_KEY_SECRET"),
			Source: "environment variables " + EnvHint(OPA)}
		errs = append(errs, c.setCheck())
		cfg.Connections = append(cfg.Connections, c)
	}
	return cfg, errors.Join(errs...)
}

// setCheck validates a connection from the environment: a missing credential becomes its
// Err, anything else is returned.
func (c *Connection) setCheck() error {
	err := c.check()
	if errors.Is(err, ErrMissingSecret) {
		c.Err = err
		return nil
	}
	return err
}

// check validates a resolved connection; a missing URL or credential matches
// ErrMissingSecret.
func (c *Connection) check() error {
	where := c.Source
	missing := func(what string) error {
		return missingf("%s connection %q: %s is missing (set %s)", c.Vendor, c.Name, what, where)
	}
	if c.URL == "" {
		return missing("the URL")
	}
	u, err := url.Parse(c.URL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("%s connection %q: URL %q is not an absolute URL like https://example.com", c.Vendor, c.Name, c.URL)
	}
	switch c.Vendor {
	case Okta:
		if c.Token == "" && c.AccessToken == "" {
			return missing("an API token or access token")
		}
	case Ziti:
		switch {
		case c.SessionToken != "":
		case c.Username != "" || c.Password != "":
			if c.Username == "" || c.Password == "" {
				return missing("the username or password")
			}
		case c.ClientCertFile != "" || c.ClientKeyFile != "":
			if c.ClientCertFile == "" || c.ClientKeyFile == "" {
				return missing("the client certificate or its key")
			}
		default:
			return missing("a credential (username and password, session token, or client certificate)")
		}
	case OPA:
		if c.Team == "" {
			return missing("the team name")
		}
		if c.KeyID == "" || c.KeySecret == "" {
			return missing("the service-user key id or secret")
		}
	default:
		return fmt.Errorf("connection %q: unknown vendor %q (okta, ziti or opa)", c.Name, c.Vendor)
	}
	return nil
}

// DefaultPath is $XDG_CONFIG_HOME/credsql/config.yaml (or ~/.config/..., ~ being $HOME), in
// the environment getenv reads, or "" when neither variable is set. The app reads its
// environment through a function the tests replace, so that they need not change the
// process's (and can run in parallel).
func DefaultPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "credsql", "config.yaml")
}

// file is the YAML layout of docs/architecture.md "Configuration" (examples in docs/connecting.md).
type file struct {
	Connections []entry      `yaml:"connections"`
	Server      *serverEntry `yaml:"server"`
}

type entry struct {
	Name   string `yaml:"name"`
	Vendor string `yaml:"vendor"`
	URL    string `yaml:"url"`

	Token            string `yaml:"token"`
	TokenEnv         string `yaml:"token_env"`
	TokenFile        string `yaml:"token_file"`
	AccessToken      string `yaml:"access_token"`
	AccessTokenEnv   string `yaml:"access_token_env"`
	AccessTokenFile  string `yaml:"access_token_file"`
	APITokenID       string `yaml:"api_token_id"`
	Username         string `yaml:"username"`
	Password         string `yaml:"password"`
	PasswordEnv      string `yaml:"password_env"`
	PasswordFile     string `yaml:"password_file"`
	SessionToken     string `yaml:"session_token"`
	SessionTokenEnv  string `yaml:"session_token_env"`
	SessionTokenFile string `yaml:"session_token_file"`
	ClientCertFile   string `yaml:"client_cert_file"`
	ClientKeyFile    string `yaml:"client_key_file"`
	CAFile           string `yaml:"ca_file"`
	Team             string `yaml:"team"`
	KeyID            string `yaml:"key_id"`
	KeyIDEnv         string `yaml:"key_id_env"`
	KeyIDFile        string `yaml:"key_id_file"`
	KeySecret        string `yaml:"key_secret"`
	KeySecretEnv     string `yaml:"key_secret_env"`
	KeySecretFile    string `yaml:"key_secret_file"`
	ReadOnly         bool   `yaml:"read_only"`
	Concurrency      int    `yaml:"concurrency"`
	RatePerMinute    int    `yaml:"rate_per_minute"`
	MaxWait          string `yaml:"max_wait"`
	Timeout          string `yaml:"timeout"`
}

// Load reads a YAML config file.
func Load(path string, getenv Getenv) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(b, getenv, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	cfg.File = path
	return cfg, nil
}

// Parse reads YAML config bytes; relative *_file paths resolve against dir. The server
// section is read by ParseServer.
func Parse(b []byte, getenv Getenv, dir string) (*Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	f, err := decode(b)
	if err != nil {
		return nil, err
	}
	cfg := &Config{}
	seen := map[string]bool{}
	var errs []error
	for i, e := range f.Connections {
		if e.Name == "" {
			errs = append(errs, fmt.Errorf("connection #%d: name is missing", i+1))
			continue
		}
		key := e.Vendor + "/" + e.Name
		if seen[key] {
			errs = append(errs, fmt.Errorf("connection %q: defined twice for vendor %s", e.Name, e.Vendor))
			continue
		}
		seen[key] = true
		c, warns, err := e.resolve(getenv, dir)
		cfg.Warnings = append(cfg.Warnings, warns...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cfg.Connections = append(cfg.Connections, c)
	}
	return cfg, errors.Join(errs...)
}

// decode reads the YAML layout, refusing unknown keys. An empty document is an empty config.
func decode(b []byte) (file, error) {
	var f file
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return file{}, fmt.Errorf("parse YAML: %w", keyErrors(b, reflect.TypeOf(f), err))
	}
	return f, nil
}

func (e entry) resolve(getenv Getenv, dir string) (Connection, []string, error) {
	c := Connection{Name: e.Name, Vendor: e.Vendor, URL: e.URL, Username: e.Username, Team: e.Team, APITokenID: e.APITokenID,
		ClientCertFile: rel(dir, e.ClientCertFile), ClientKeyFile: rel(dir, e.ClientKeyFile), CAFile: rel(dir, e.CAFile),
		ReadOnly: e.ReadOnly, Concurrency: e.Concurrency, RatePerMinute: e.RatePerMinute,
		Source: fmt.Sprintf("config entry %q", e.Name)}
	var warns []string
	var errs []error
	secret := func(field, inline, env, path string) string {
		v, w, err := resolveSecret(fmt.Sprintf("connection %q", e.Name), field, inline, env, rel(dir, path), getenv)
		if w != "" {
			warns = append(warns, w)
		}
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	c.Token = secret("token", e.Token, e.TokenEnv, e.TokenFile)
	c.AccessToken = secret("access_token", e.AccessToken, e.AccessTokenEnv, e.AccessTokenFile)
	c.Password = secret("password", e.Password, e.PasswordEnv, e.PasswordFile)
	c.SessionToken = secret("session_token", e.SessionToken, e.SessionTokenEnv, e.SessionTokenFile)
	c.KeyID = secret("key_id", e.KeyID, e.KeyIDEnv, e.KeyIDFile)
	c.KeySecret = secret("key_secret", e.KeySecret, e.KeySecretEnv, e.KeySecretFile)
	// A key id is not a secret; an inline one is fine.
	warns = dropWarning(warns, e.Name, "key_id")
	for _, d := range []struct {
		field, val string
		dst        *time.Duration
	}{{"max_wait", e.MaxWait, &c.MaxWait}, {"timeout", e.Timeout, &c.Timeout}} {
		if d.val == "" {
			continue
		}
		v, err := time.ParseDuration(d.val)
		if err != nil || v < 0 {
			errs = append(errs, fmt.Errorf("connection %q: %s %q is not a duration like 30s or 2m", e.Name, d.field, d.val))
			continue
		}
		*d.dst = v
	}
	if e.Concurrency < 0 || e.RatePerMinute < 0 {
		errs = append(errs, fmt.Errorf("connection %q: concurrency and rate_per_minute must not be negative", e.Name))
	}
	missing, other := splitMissing(errs)
	if len(other) > 0 {
		return c, warns, errors.Join(other...)
	}
	if len(missing) == 0 {
		missing, other = splitMissing([]error{c.check()})
		if len(other) > 0 {
			return c, warns, errors.Join(other...)
		}
	}
	// A missing secret makes this connection unusable, not the whole config: the other
	// connections (and vendors) still work.
	c.Err = errors.Join(missing...)
	return c, warns, nil
}

func dropWarning(warns []string, name, field string) []string {
	out := warns[:0]
	for _, w := range warns {
		if !strings.Contains(w, fmt.Sprintf("connection %q: inline %s", name, field)) {
			out = append(out, w)
		}
	}
	return out
}

func rel(dir, p string) string {
	if p == "" || filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

// resolveSecret takes a secret from exactly one of: inline value (warned about), an
// environment variable, a file (trailing newline trimmed). owner names the entry in messages
// (`connection "prod"`).
func resolveSecret(owner, field, inline, env, path string, getenv Getenv) (string, string, error) {
	n := 0
	for _, s := range []string{inline, env, path} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		return "", "", fmt.Errorf("%s: give %s once: inline, %s_env or %s_file", owner, field, field, field)
	}
	switch {
	case env != "":
		v := getenv(env)
		if v == "" {
			return "", "", missingf("%s: environment variable %s (%s_env) is not set", owner, env, field)
		}
		return v, "", nil
	case path != "":
		b, err := os.ReadFile(path)
		if err != nil {
			return "", "", missingf("%s: read %s_file: %w", owner, field, err)
		}
		v := strings.TrimRight(string(b), "\r\n")
		if v == "" {
			return "", "", missingf("%s: %s_file %s is empty", owner, field, path)
		}
		return v, "", nil
	case inline != "":
		return inline, fmt.Sprintf("%s: inline %s in the config file; prefer %s_env or %s_file", owner, field, field, field), nil
	}
	return "", "", nil
}
