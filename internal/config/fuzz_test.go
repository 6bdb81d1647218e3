package config

import (
	"strings"
	"testing"
)

// configSeeds are config files as users write them (the example of docs/connecting.md, the
// server section) and as they go wrong: unknown keys, wrong types, duplicates, YAML tricks.
var configSeeds = []string{
	`connections:
  - name: prod
    vendor: okta
    url: https://acme.okta.com
    token_env: OKTA_PROD_TOKEN
    read_only: true
    concurrency: 8
    rate_per_minute: 300
  - name: edge
    vendor: ziti
    url: https://ctrl.example.com:1280/edge/management/v1
    username: inventory
    password_env: ZITI_PASSWORD
    ca_file: /etc/credsql/ziti-ca.pem
  - name: pam
    vendor: opa
    url: https://acme.pam.okta.com
    team: acme
    key_id_env: OPA_KEY_ID
    key_secret_env: OPA_KEY_SECRET
`,
	`server:
  listen: 0.0.0.0:3306
  tls_cert: tls.crt
  tls_key: tls.key
  require_tls: true
  audit_log: ""
  users:
    - name: admin
      password_env: ADMIN_PW
    - name: reader
      password_file: reader.password
      read_only: true
`,
	"connections:\n  - name: x\n    vendor: okta\n    url: https://a.okta.com\n    token: inline-token\n    max_wait: 30s\n    timeout: 2m\n",
	"connections:\n  - name: x\n    vendor: okta\n    token_env: A\n    token_file: f\n",
	"connections:\n  - {name: a, vendor: opa, url: 'http://127.0.0.1:1', team: t, key_id: k, key_secret_env: S}\n  - {name: a, vendor: opa}\n",
	"connections:\n  - name: x\n    vendor: nope\n    concurrency: -1\n    max_wait: soon\n",
	"server:\n  users:\n    - name: a\n      password: p\n    - name: a\n    - password_env: X\n",
	"server:\n  require_tls: true\n  tls_key: k\n",
	"unknown_key: 1\n",
	"connections: {}\n",
	"connections:\n  - &a {name: x, vendor: okta}\n  - *a\n",
	"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",
	"- [[[[[[[[[[]]]]]]]]]]\n",
	"%YAML 1.2\n---\nconnections: []\n...\n",
	"",
	"\t\x00\xff",
}

func fuzzEnv(k string) string {
	if strings.HasSuffix(k, "_UNSET") {
		return ""
	}
	return "value-of-" + k
}

// FuzzParse: whatever the config file holds, parsing never panics, and every connection it
// accepts is complete.
func FuzzParse(f *testing.F) {
	for _, s := range configSeeds {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := Parse(b, fuzzEnv, dir)
		if err == nil {
			for _, c := range cfg.Connections {
				if c.Name == "" || c.URL == "" {
					t.Fatalf("accepted a connection without a name or URL: %+v", c)
				}
				if err := c.check(); err != nil {
					t.Fatalf("accepted an invalid connection %q: %v", c.Name, err)
				}
			}
		}
		s, err := ParseServer(b, fuzzEnv, dir)
		if err == nil && s != nil {
			seen := map[string]bool{}
			for _, u := range s.Users {
				if u.Name == "" || u.Password == "" || seen[u.Name] {
					t.Fatalf("accepted user %+v", u)
				}
				seen[u.Name] = true
				conns := map[string]bool{}
				for _, c := range u.Connections {
					if c == "" || conns[c] {
						t.Fatalf("accepted the connections of user %+v", u)
					}
					conns[c] = true
				}
				if u.Connections != nil && len(u.Connections) == 0 {
					t.Fatalf("accepted an empty connections list: %+v", u)
				}
			}
			if (s.TLSCert == "") != (s.TLSKey == "") || s.RequireTLS && s.TLSCert == "" {
				t.Fatalf("accepted TLS settings %+v", s)
			}
		}
	})
}
