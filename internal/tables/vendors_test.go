package tables

import (
	"slices"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/routes"
)

// The vendor registry has one entry per vendor of routes.Vendors, in its order; each entry's
// routes and writes are its own vendor's; every table belongs to a registered vendor; and a
// connection of every vendor opens through its entry.
func TestVendorRegistry(t *testing.T) {
	t.Parallel()
	if len(vendorDefs) != len(routes.Vendors) {
		t.Fatalf("%d registry entries for %d vendors", len(vendorDefs), len(routes.Vendors))
	}
	for i, d := range vendorDefs {
		if d.Vendor != routes.Vendors[i] {
			t.Errorf("entry %d is %s, want %s (routes.Vendors order)", i, d.Vendor, routes.Vendors[i])
		}
		if len(d.Routes) == 0 || d.open == nil {
			t.Errorf("%s: no routes or no client constructor", d.Vendor)
		}
		for _, r := range d.Routes {
			if r.Vendor != d.Vendor {
				t.Errorf("%s's catalog holds %s, a route of %s", d.Vendor, r.Op(), r.Vendor)
			}
		}
		if d.Writes.Vendor != d.Vendor {
			t.Errorf("%s's writes are declared for %s", d.Vendor, d.Writes.Vendor)
		}
		if !slices.Contains(config.Vendors, string(d.Vendor)) {
			t.Errorf("config does not know the vendor %s", d.Vendor)
		}
	}
	for _, d := range All() {
		if m := d.Meta(); !func() bool { _, ok := vendorDef(m.Vendor); return ok }() {
			t.Errorf("table %s: vendor %q is not registered", m.Name, m.Vendor)
		}
	}
	for _, d := range vendorDefs {
		c, err := Open(config.Connection{Name: "x", Vendor: string(d.Vendor), URL: "https://example.invalid", Token: "t",
			Username: "u", Password: "p", Team: "team", KeyID: "k", KeySecret: "s"}, Settings{})
		if err != nil {
			t.Errorf("open a %s connection: %v", d.Vendor, err)
			continue
		}
		if c.HTTP() == nil {
			t.Errorf("a %s connection has no HTTP client", d.Vendor)
		}
	}
	if _, err := Open(config.Connection{Name: "x", Vendor: "oracle"}, Settings{}); err == nil || err.Error() != `connection "x": unknown vendor "oracle" (okta, ziti or opa)` {
		t.Errorf("an unknown vendor: %v", err)
	}
}
