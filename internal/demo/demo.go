// Package demo starts the vendor simulator on loopback and configures one connection per
// vendor to it: what --demo runs against, and what the tests use.
package demo

import (
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/sim"
)

// Start serves a simulator and returns it with a configuration naming a "demo" connection
// for Okta, OpenZiti and OPA, authenticated as each vendor expects (SSWS token, password
// login, service-user key).
func Start(opts sim.Options) (*sim.Server, *config.Config) {
	s := sim.New(opts)
	u := s.Start()
	return s, Config(s, u, "demo")
}

// Config returns the connections of a running simulator at base URL u.
func Config(s *sim.Server, u, name string) *config.Config {
	o := s.Options()
	return &config.Config{Connections: []config.Connection{
		{Name: name, Vendor: config.Okta, URL: u, Token: o.OktaToken, Source: "the --demo simulator"},
		{Name: name, Vendor: config.Ziti, URL: u + sim.ZitiPrefix, Username: o.ZitiUsername, Password: o.ZitiPassword, Source: "the --demo simulator"},
		{Name: name, Vendor: config.OPA, URL: u + sim.OPAPrefix, Team: o.OPATeam, KeyID: o.OPAKeyID, KeySecret: o.OPAKeySecret, Source: "the --demo simulator"},
	}}
}
