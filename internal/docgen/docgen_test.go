package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// The committed reference must be what the definitions generate: `make docs` fixes a failure.
func TestCommittedDocsAreCurrent(t *testing.T) {
	if diffs := Check("../../docs/tables"); len(diffs) > 0 {
		t.Fatalf("docs/tables is out of date; run 'make docs':\n  %s", strings.Join(diffs, "\n  "))
	}
}

func TestCheckFindsDrift(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if diffs := Check(dir); len(diffs) != 0 {
		t.Fatalf("fresh output differs: %v", diffs)
	}
	if err := os.WriteFile(filepath.Join(dir, "apps.md"), []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gone.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "idps.md"))
	diffs := strings.Join(Check(dir), "\n")
	for _, want := range []string{"apps.md: differs", "gone.md: not generated any more", "idps.md: missing"} {
		if !strings.Contains(diffs, want) {
			t.Errorf("Check did not report %q:\n%s", want, diffs)
		}
	}
}

// The writes page has a row for every vendor call of every write of the registry, with the
// call's retry behaviour, and the 429 behaviour of every vendor.
func TestWritesPageCoversEveryWrite(t *testing.T) {
	page := string(writesPage())
	for _, d := range tables.All() {
		m := d.Meta()
		check := func(write string, routes []fetch.WriteRoute) {
			for _, r := range routes {
				row := "| " + write + " | `" + r.Op() + "` | " + onLost(r) + " |"
				if !strings.Contains(page, row) {
					t.Errorf("no row %q", row)
				}
			}
		}
		for _, stmt := range m.WriteStatements() {
			check("`"+stmt+"` "+m.Name, m.StatementRoutes(stmt))
		}
		for _, p := range m.Procedures {
			if p.Mutating {
				check("`CALL "+p.FullName+"`", p.Routes)
			}
		}
	}
	for _, v := range tables.VendorWrites() {
		if row := "| " + v.Vendor.Title() + " | " + on429(v) + " |"; !strings.Contains(page, row) {
			t.Errorf("no row %q", row)
		}
	}
	if !strings.Contains(onLost(fetch.WriteRoute{}), "not sent again") || onLost(fetch.WriteRoute{Idempotent: true}) != "sent again" {
		t.Error("onLost does not tell idempotent calls from the others")
	}
}

// The committed permissions page must be what the catalog and the tables generate.
func TestCommittedPermissionsAreCurrent(t *testing.T) {
	if diffs := CheckPermissions("../../docs/permissions.md"); len(diffs) > 0 {
		t.Fatalf("docs/permissions.md is out of date; run 'make docs':\n  %s", strings.Join(diffs, "\n  "))
	}
}

// The permissions page names every call of every catalog, and says what a few statements
// need as the vendors' references do (okta.md, ziti.md §7, opa.md §2.2).
func TestPermissionsPage(t *testing.T) {
	page := string(permissionsPage())
	for _, vc := range tables.VendorRoutes() {
		for _, r := range vc.Routes {
			if !strings.Contains(page, "| `"+r.Op()+"` |") {
				t.Errorf("the page lacks %s", r.Op())
			}
		}
	}
	for _, want := range []string{
		"| `CALL authz_server_keys_rotate` | `GET /api/v1/authorizationServers/{authServerId}/credentials/keys` | okta.authorizationServers.read |\n" +
			"|  | `POST /api/v1/authorizationServers/{authServerId}/credentials/lifecycle/keyRotate` | okta.authorizationServers.manage |",
		"| `DELETE` api_tokens | `GET /api/v1/api-tokens/current` | okta.apiTokens.read |\n|  | `DELETE /api/v1/api-tokens/{apiTokenId}` | okta.apiTokens.manage |",
		"| `SELECT` app_keys | `GET /api/v1/apps/{appId}/credentials/keys` | okta.apps.read |",
		"| `SELECT` ziti_identities | `GET /identities` | an administrator identity",
		"| `DELETE` ziti_api_sessions | `DELETE /current-api-session` | an API session of the identity",
		"| `INSERT` opa_service_users | `POST /v1/teams/{team_name}/service_users` | a PAM administrator role",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks:\n%s", want)
		}
	}
}
