// Package report renders the credential inventory as one self-contained HTML page: a timeline
// of credential expiries across vendors, the findings of the saved queries grouped by
// severity, and a summary per connection. The page loads nothing from anywhere (inline CSS,
// JS and SVG under a hash-based Content-Security-Policy) and escapes every vendor value.
package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/plan"
	"github.com/credsql/credsql/internal/tables"
)

// Credential is a credential with an expiry date: a point of the timeline.
type Credential struct {
	Vendor     string // okta, ziti, opa
	Connection string
	Kind       string
	ID         string
	Expires    time.Time // zero: never expires
}

// Connection is a configured connection of the report.
type Connection struct {
	Vendor   string
	Name     string
	ReadOnly bool
}

// Inventory is everything a report shows.
type Inventory struct {
	Generated   time.Time
	Host        string
	Version     string
	Connections []Connection
	Credentials []Credential
	// Results are the saved queries that ran, in order; Skipped those that read a vendor
	// without a connection.
	Results []inventory.Result
	Skipped []inventory.Query
	// Problems are failures and warnings of the credential listings, for the page: the
	// timeline misses what they name. Errors are the failures alone.
	Problems []string
	Errors   []error
	// Plan rotates the credentials in use that expire soon; a finding about one of them shows
	// its block as the action (plan.go).
	Plan []plan.Block
}

// sources list every credential with an expiry, per vendor. Keys of deleted OPA service users
// are left out: they can no longer be used.
var sources = []struct {
	vendor tables.Vendor
	name   string
	sql    string
}{
	{tables.Okta, "app signing keys", `SELECT connection, 'app signing key' AS kind, CONCAT(app_id, '/', kid) AS id, expires_at FROM app_keys`},
	{tables.Okta, "IdP key store", `SELECT connection, 'IdP certificate' AS kind, kid AS id, expires_at FROM idps_keys`},
	{tables.Ziti, "client certificates", `SELECT connection, 'client certificate' AS kind, id, cert_not_after AS expires_at
		FROM ziti_authenticators WHERE method = 'cert'`},
	{tables.OPA, "service-user keys", `SELECT k.connection, 'service-user key' AS kind, CONCAT(k.user_name, '/', k.id) AS id, k.expires_at
		FROM opa_service_users u JOIN opa_service_user_keys k ON k.user_name = u.name AND k.connection = u.connection
		WHERE u.status <> 'DELETED'`},
}

// Collect lists the credentials of every configured vendor and runs the saved queries, all in
// one session of e. A failing listing or query does not stop the report: it is shown in it.
func Collect(ctx context.Context, e *engine.Engine, queries []inventory.Query) *Inventory {
	inv := &Inventory{Generated: time.Now().UTC()}
	var configured []string
	for _, v := range []tables.Vendor{tables.Okta, tables.Ziti, tables.OPA} {
		for _, c := range e.Conns(v) {
			if c.Err == nil {
				inv.Connections = append(inv.Connections, Connection{Vendor: string(v), Name: c.Name, ReadOnly: c.ReadOnly})
				if !slices.Contains(configured, string(v)) {
					configured = append(configured, string(v))
				}
			}
		}
	}
	s := e.NewSession("credsql-report")
	for _, src := range sources {
		if !slices.Contains(configured, string(src.vendor)) {
			continue
		}
		r := inventory.Exec(ctx, s, inventory.Query{Name: src.name, SQL: src.sql})
		for _, w := range r.Warnings {
			inv.Problems = append(inv.Problems, fmt.Sprintf("%s %s: %s", src.vendor.Title(), src.name, w))
		}
		if r.Err != nil {
			err := fmt.Errorf("list %s %s: %w", src.vendor.Title(), src.name, r.Err)
			inv.Problems = append(inv.Problems, err.Error())
			inv.Errors = append(inv.Errors, err)
			continue
		}
		for _, row := range r.Rows {
			c := Credential{Vendor: string(src.vendor), Connection: str(row[0]), Kind: str(row[1]), ID: str(row[2])}
			if t, ok := row[3].(time.Time); ok {
				c.Expires = t.UTC()
			}
			inv.Credentials = append(inv.Credentials, c)
		}
	}
	for _, q := range queries {
		if len(q.Missing(configured)) > 0 {
			inv.Skipped = append(inv.Skipped, q)
			continue
		}
		inv.Results = append(inv.Results, inventory.Exec(ctx, s, q))
	}
	inv.plan(ctx, s)
	return inv
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
