package tables

import (
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// VendorDef declares what credsql knows of one vendor, once: its route catalog, the write
// routes it declares (with their behaviour under faults), and how a configured connection
// gets its API client. Its configuration keys are config's (config.EnvHint), its tables
// name it in their Vendor field.
type VendorDef struct {
	Vendor Vendor
	Routes []routes.Route
	Writes fetch.VendorWrites
	// open sets the connection's client from its configuration; hint is what to check when
	// the vendor rejects the credentials ("Check <source>.").
	open func(c *Conn, cc config.Connection, t fetch.Tuning, hint string) error
}

// vendorDefs is the registry, in routes.Vendors order (TestVendorRegistry).
var vendorDefs = []VendorDef{
	{Vendor: Okta, Routes: oktaroutes.All, Writes: okta.Writes, open: func(c *Conn, cc config.Connection, t fetch.Tuning, hint string) (err error) {
		c.Okta, err = okta.New(okta.Options{
			Connection: cc.Name, OrgURL: cc.URL,
			Credentials: okta.Credentials{APIToken: cc.Token, AccessToken: cc.AccessToken},
			Tuning:      t, Hint: "The token was rejected. " + hint, APITokenID: cc.APITokenID,
		})
		return err
	}},
	{Vendor: Ziti, Routes: zitiroutes.All, Writes: ziti.Writes, open: func(c *Conn, cc config.Connection, t fetch.Tuning, hint string) (err error) {
		c.Ziti, err = ziti.New(ziti.Options{
			Connection: cc.Name, URL: cc.URL, CAFile: cc.CAFile,
			Credentials: ziti.Credentials{Username: cc.Username, Password: cc.Password, SessionToken: cc.SessionToken,
				ClientCertFile: cc.ClientCertFile, ClientKeyFile: cc.ClientKeyFile},
			Tuning: t, Hint: zitiHint(cc) + " " + hint,
		})
		return err
	}},
	{Vendor: OPA, Routes: oparoutes.All, Writes: opa.Writes, open: func(c *Conn, cc config.Connection, t fetch.Tuning, hint string) (err error) {
		c.OPA, err = opa.New(opa.Options{
			Connection: cc.Name, URL: cc.URL, Team: cc.Team, KeyID: cc.KeyID, KeySecret: cc.KeySecret,
			Tuning: t,
			Hint:   "The service-user key id or secret was rejected. " + hint, TeamHint: cc.Source,
		})
		return err
	}},
}

// Vendors is every vendor, in display order (routes.Vendors).
func Vendors() []Vendor { return routes.Vendors }

// VendorDefs is the vendor registry, in display order.
func VendorDefs() []VendorDef { return vendorDefs }

// vendorDef returns v's registry entry.
func vendorDef(v Vendor) (VendorDef, bool) {
	for _, d := range vendorDefs {
		if d.Vendor == v {
			return d, true
		}
	}
	return VendorDef{}, false
}

// VendorRoutes is every vendor's route catalog, in vendor order.
func VendorRoutes() []VendorCatalog {
	out := make([]VendorCatalog, len(vendorDefs))
	for i, d := range vendorDefs {
		out[i] = VendorCatalog{d.Vendor, d.Routes}
	}
	return out
}

// VendorCatalog is one vendor's catalog of the endpoints credsql calls.
type VendorCatalog struct {
	Vendor Vendor
	Routes []routes.Route
}

// VendorWrites is every vendor's declaration of its write routes, in vendor order.
func VendorWrites() []fetch.VendorWrites {
	out := make([]fetch.VendorWrites, len(vendorDefs))
	for i, d := range vendorDefs {
		out[i] = d.Writes
	}
	return out
}
