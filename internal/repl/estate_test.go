package repl

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

// The shell reads the Okta estate tables: authorization servers and their keys, API tokens,
// an IdP's own CSRs and signing keys (values from the simulator's fixed data).
func TestShellReadsOktaEstate(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	stdout, stderr, err := session(t, env, false, []string{
		"SELECT name, signing_rotation_mode FROM authz_servers WHERE name IN ('Payments API', 'Partner API') ORDER BY name;",
		"SELECT s.name, COUNT(*) AS n FROM authz_server_keys k JOIN authz_servers s ON s.id = k.auth_server_id WHERE s.name = 'default' GROUP BY s.name;",
		"SELECT name, is_current FROM api_tokens WHERE is_current;",
		"SELECT i.name, c.subject_common_name FROM idp_csrs c JOIN idps i ON i.id = c.idp_id ORDER BY i.name;",
		"SELECT cert_subject FROM idp_signing_keys WHERE cert_not_after < NOW() + INTERVAL 30 DAY;",
	}, nil)
	// Without a terminal the row counts go to stderr; anything else there is an error.
	if err != nil || strings.Count(stderr, " in set (") != 5 || strings.Contains(stderr, "ERROR") {
		t.Fatalf("%v %s", err, stderr)
	}
	// Each pair must share a row of the output.
	for _, want := range [][2]string{
		{"Partner API ", "| AUTO"}, {"Payments API ", "| MANUAL"},
		{"| default ", "| 3 "},
		{"| credsql ", "| true "},
		{"| Partner SAML 1 ", "| Partner SAML 1 "}, {"| Partner SAML 3 ", "| Partner SAML 3 "},
		{"| CN=Partner SAML 1 signing (old),O=Okta ", "|"},
	} {
		found := false
		for _, line := range strings.Split(stdout, "\n") {
			found = found || strings.Contains(line, want[0]) && strings.Contains(strings.Replace(line, want[0], "", 1), want[1])
		}
		if !found {
			t.Errorf("no row with %q and %q:\n%s", want[0], want[1], stdout)
		}
	}
}
