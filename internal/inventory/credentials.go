package inventory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/tables"
)

// Credential is a credential of a table with an end date: an app signing key, an IdP key, an
// OpenZiti client certificate, an OPA service-user key.
type Credential struct {
	Vendor     string // okta, ziti, opa
	Connection string
	Table      string
	Kind       string // what it is, for people: "app signing key"
	// ID identifies it within its table and parent: the key id (kid) of a key, the id of an
	// authenticator. Parent is the parent's key (the app of an app key), Name a name to show.
	ID, Parent, Name string
	Expires          time.Time // zero: never expires
}

// Label is the credential's identifier for people: parent/id.
func (c Credential) Label() string {
	if c.Parent == "" {
		return c.ID
	}
	return c.Parent + "/" + c.ID
}

// Listing is one table's credential listing.
type Listing struct {
	Vendor tables.Vendor
	Table  string
	Kind   string
	SQL    string
}

// listingOverrides tune the listing of a table; every other table with an end date
// (cert_not_after or expires_at) is listed as is, so that a new table's credentials are in
// the inventory and the metrics without a change here.
var listingOverrides = map[string]struct {
	kind, where, from string
	skip              bool
}{
	"app_keys":            {kind: "app signing key"},
	"idps_keys":           {kind: "IdP certificate"},
	"ziti_authenticators": {kind: "client certificate", where: "t.method = 'cert'"},
	// Keys of deleted service users can no longer be used.
	"opa_service_user_keys": {kind: "service-user key",
		from:  "opa_service_user_keys t JOIN opa_service_users u ON u.name = t.user_name AND u.connection = t.connection",
		where: "u.status <> 'DELETED'"},
	// A session's end slides with every call: it is no credential to renew.
	"ziti_api_sessions": {skip: true},
	// The whole OpenZiti network (admin): every other identity's certificates (those of the
	// identity credsql connects as are ziti_authenticators' already) and pending enrollments.
	"ziti_identity_authenticators": {kind: "identity certificate",
		from:  "ziti_identity_authenticators t LEFT JOIN ziti_authenticators own ON own.id = t.id AND own.connection = t.connection",
		where: "t.method = 'cert' AND own.id IS NULL"},
	"ziti_enrollments": {kind: "pending enrollment"},
	// Okta: an API token ends when unused for its window; an IdP's own signing keys.
	"api_tokens":       {kind: "API token"},
	"idp_signing_keys": {kind: "IdP signing key"},
}

// Listings returns the credential listings of every table with an end date, of the given
// vendors, in registry order.
func Listings(vendors []string) []Listing {
	var out []Listing
	for _, d := range tables.All() {
		m := d.Meta()
		if !slices.Contains(vendors, string(m.Vendor)) {
			continue
		}
		if l, ok := listing(m); ok {
			out = append(out, l)
		}
	}
	return out
}

func listing(m *tables.Meta) (Listing, bool) {
	o := listingOverrides[m.Name]
	if o.skip {
		return Listing{}, false
	}
	has := func(name string) bool { return m.Column(name) >= 0 }
	var ends []string
	for _, c := range []string{"cert_not_after", "expires_at"} {
		if has(c) {
			ends = append(ends, "t."+c)
		}
	}
	if len(ends) == 0 || len(m.Keys) == 0 {
		return Listing{}, false
	}
	end := ends[0]
	if len(ends) > 1 {
		end = "COALESCE(" + strings.Join(ends, ", ") + ")"
	}
	parent := "NULL"
	if m.Parent != nil {
		parent = "t." + m.Parent.Column
	}
	id := "t." + m.Keys[len(m.Keys)-1]
	name := "NULL"
	for _, c := range []string{"name", "identity_name", "label"} {
		if has(c) {
			name = "t." + c
			break
		}
	}
	kind := o.kind
	if kind == "" {
		kind = strings.ReplaceAll(m.Name, "_", " ")
	}
	from := o.from
	if from == "" {
		from = m.Name + " t"
	}
	sqlText := fmt.Sprintf("SELECT t.connection, %s, %s, %s, %s FROM %s", parent, id, name, end, from)
	if o.where != "" {
		sqlText += " WHERE " + o.where
	}
	return Listing{Vendor: m.Vendor, Table: m.Name, Kind: kind, SQL: sqlText}, true
}

// ListingResult is what a listing returned.
type ListingResult struct {
	Listing
	Credentials []Credential
	Warnings    []string
	Err         error
	Blocked     bool   // it failed because a connection of its vendor had failed (Tracker)
	Why         string // then, what to say instead of the error
}

// List runs a credential listing in s.
func List(ctx context.Context, s *engine.Session, l Listing) ListingResult {
	r := Exec(ctx, s, Query{Name: l.Table, SQL: l.SQL})
	out := ListingResult{Listing: l, Warnings: r.Warnings, Err: r.Err}
	for _, row := range r.Rows {
		c := Credential{Vendor: string(l.Vendor), Table: l.Table, Kind: l.Kind,
			Connection: str(row[0]), Parent: str(row[1]), ID: str(row[2]), Name: str(row[3])}
		if t, ok := row[4].(time.Time); ok {
			c.Expires = t.UTC()
		}
		out.Credentials = append(out.Credentials, c)
	}
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}
