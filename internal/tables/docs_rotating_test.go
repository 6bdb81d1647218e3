package tables_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// Every SQL example of docs/rotating.md runs, in order, in one session on the simulator (the
// OpenZiti connection logs in with its client certificate, as the certificate renewal needs).
// The partner's certificate and the CSR are made here; the client certificate is the one the
// extend returned.
func TestRotatingGuideExamples(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/rotating.md")
	if err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{Seed: 42}, ConfigureSim: zitiCertLogin(t)}) // the demo's data
	repl := map[string]string{
		"'<PARTNER CERTIFICATE PEM>'": q(pemOf(newCert(t, "idp-signing-next.partner.example", false))),
		"'<CSR PEM>'":                 q(testenv.CSRPEM(t)),
	}
	n := 0
	for _, m := range regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		for _, stmt := range engine.SplitStatements(m[1]) {
			for k, v := range repl {
				stmt = strings.ReplaceAll(stmt, k, v)
			}
			n++
			rows := e.CheckExample(t, "docs/rotating.md", stmt)
			if t.Failed() {
				t.FailNow() // the guide's later steps build on this one
			}
			if strings.HasPrefix(stmt, "CALL ziti_authenticators_extend(") {
				repl["'<CLIENT CERT PEM>'"] = q(str(record(t, "ziti_authenticators", "extend", rows[0])["client_cert"]))
			}
		}
	}
	if n < 25 {
		t.Errorf("only %d SQL examples found", n)
	}
	// The guide's rotations happened.
	if rows := e.MustQuery("SELECT COUNT(*) FROM apps_secrets WHERE app_id = (SELECT id FROM apps WHERE label = 'PagerDuty') AND status = 'ACTIVE'"); rows[0][0] != int64(1) {
		t.Errorf("PagerDuty has %v active secrets after the rotation, want 1", rows[0][0])
	}
	idp := idpByName(t, e, "Partner SAML 1")
	if k := trustKid(idp); !strings.Contains(str(e.MustQuery("SELECT cert_subject FROM idps_keys WHERE kid = " + q(k))[0][0]), "idp-signing-next") {
		t.Errorf("Partner SAML 1 trusts %s, not the new certificate", k)
	}
}
