package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// simEnv serves a simulator (seed 42, as --demo) and returns the environment variables that
// point credsql at it, so that several commands work on the same vendor state.
func simEnv(t *testing.T) (*sim.Server, map[string]string) {
	t.Helper()
	s := sim.New(sim.Options{Seed: 42})
	u := s.Start()
	t.Cleanup(s.Close)
	o := s.Options()
	return s, map[string]string{
		"OKTA_ORG_URL": u, "OKTA_API_TOKEN": o.OktaToken,
		"ZITI_MGMT_URL": u + sim.ZitiPrefix, "ZITI_USERNAME": o.ZitiUsername, "ZITI_PASSWORD": o.ZitiPassword,
		"OPA_URL": u + sim.OPAPrefix, "OPA_TEAM": o.OPATeam, "OPA_KEY_ID": o.OPAKeyID, "OPA_KEY_SECRET": o.OPAKeySecret,
	}
}

// cli runs one credsql command against env, failing the test on an unexpected exit code.
func cli(t *testing.T, env map[string]string, args ...string) (string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errw)
	a.getenv = func(k string) string { return env[k] }
	if code := a.main(args); code != exitOK {
		t.Fatalf("credsql %s: exit code %d\n%s", strings.Join(args, " "), code, errw.String())
	}
	return out.String(), errw.String()
}

// partnerCert is a partner's new certificate, PEM.
func partnerCert(t *testing.T, cn string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tpl := &x509.Certificate{SerialNumber: big.NewInt(now.UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(2, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// inUseExpiring counts the credentials in use that expire within 30 days: apps signing with
// one, IdPs trusting one (trust or additional kid), active service users' API keys.
const inUseExpiring = `
SELECT 'app', COUNT(*) FROM apps a JOIN app_keys k ON k.app_id = a.id
 WHERE a.signing_kid = k.kid AND k.expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'idp', COUNT(*) FROM idps i JOIN idps_keys k
    ON k.kid = i.trust_kid OR JSON_CONTAINS(COALESCE(i.trust_additional_kids, JSON_ARRAY()), JSON_QUOTE(k.kid))
 WHERE k.expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'opa', COUNT(*) FROM opa_service_users u JOIN opa_service_user_keys k ON k.user_name = u.name
 WHERE u.status = 'ACTIVE' AND k.expires_at >= NOW() AND k.expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'authz', COUNT(*) FROM authz_servers
 WHERE status = 'ACTIVE' AND ((signing_rotation_mode = 'AUTO' AND signing_next_rotation < NOW())
    OR (signing_rotation_mode = 'MANUAL' AND signing_last_rotated < NOW() - INTERVAL 60 DAY))`

func TestRotationPlan(t *testing.T) {
	t.Parallel()
	s, env := simEnv(t)
	dir := t.TempDir()
	// An active service user mid-rotation: its old keys now expire within the window.
	cli(t, env, "query", "-e", "CALL opa_service_user_keys_rotate('ci-deploy')")
	before, _ := cli(t, env, "query", "--format", "csv", "-e", inUseExpiring)
	for _, want := range []string{"app,2", "idp,2", "opa,2", "authz,2"} {
		if !strings.Contains(before, want) {
			t.Fatalf("before the plan: want %s among\n%s", want, before)
		}
	}
	// The partners of the two IdPs whose certificate expires sent their new ones.
	certs := filepath.Join(dir, "certs")
	if err := os.Mkdir(certs, 0o700); err != nil {
		t.Fatal(err)
	}
	idps, _ := cli(t, env, "query", "--format", "csv", "-e", "SELECT i.id FROM idps i JOIN idps_keys k ON k.kid = i.trust_kid WHERE k.expires_at < NOW() + INTERVAL 30 DAY")
	for _, id := range strings.Fields(idps)[1:] {
		if err := os.WriteFile(filepath.Join(certs, id+".pem"), []byte(partnerCert(t, "next-"+id)), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	planFile := filepath.Join(dir, "plan.sql")
	_, stderr := cli(t, env, "plan", "--expiring", "30d", "--certs", certs, "--out", planFile)
	if !strings.Contains(stderr, "wrote "+planFile) {
		t.Errorf("plan: %s", stderr)
	}
	b, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	for _, want := range []string{
		"-- [1] ", "Okta app signing key on connection default", "--   What expires: the signing key ", "--   Who uses it: app ",
		"CALL app_keys_rotate(", "CALL idps_trust_rotate(", "CALL idps_trust_promote(", "'sha256:",
		"CALL opa_service_user_keys_rotate('ci-deploy', 'default');", "DELETE FROM opa_service_user_keys WHERE connection = 'default' AND user_name = 'ci-deploy' AND id IN (",
		"-- CALL ziti_authenticators_extend(", "ACTION NEEDED",
		"Okta authorization server signing key on connection default", "CALL authz_server_keys_rotate(",
		"Okta API token on connection default", "-- DELETE FROM api_tokens WHERE connection = 'default' AND id = ",
		"Okta IdP signing key on connection default",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the plan lacks %q:\n%s", want, script)
		}
	}

	// The dry run checks every statement and changes nothing.
	s.ResetCalls()
	_, stderr = cli(t, env, "--dry-run", "run", planFile)
	if !strings.Contains(stderr, "dry run done, every statement checked, nothing was changed") || !strings.Contains(stderr, "Note: dry run, not sent: ") {
		t.Errorf("dry run output:\n%s", stderr)
	}
	for _, c := range s.Calls() {
		if c.Method != "GET" && !c.Entry.Login &&
			c.Entry != zitiroutes.Logout {
			t.Errorf("the dry run wrote: %s", c)
		}
	}
	if again, _ := cli(t, env, "query", "--format", "csv", "-e", inUseExpiring); again != before {
		t.Errorf("the dry run changed the estate:\n%s\nbefore:\n%s", again, before)
	}

	// Applied, it leaves no credential in use that expires in the window.
	out, stderr := cli(t, env, "run", planFile)
	if !strings.Contains(out, "secret") {
		t.Errorf("the OPA rotation's one-time secret is not in the output:\n%s", out)
	}
	after, _ := cli(t, env, "query", "--format", "csv", "-e", inUseExpiring)
	for _, want := range []string{"app,0", "idp,0", "opa,0", "authz,0"} {
		if !strings.Contains(after, want) {
			t.Errorf("after the plan: want %s among\n%s\n%s", want, after, stderr)
		}
	}
	// Planned again, nothing is left but what needs input.
	again, _ := cli(t, env, "plan", "--expiring", "30d", "--certs", certs)
	if strings.Contains(again, "\nCALL ") || strings.Contains(again, "\nUPDATE ") || strings.Contains(again, "\nDELETE ") {
		t.Errorf("a second plan still rotates:\n%s", again)
	}
	// Every API token expiring in the window has its block (revocation commented out), but
	// for credsql's own token, which the plan never offers to revoke.
	tokens, _ := cli(t, env, "query", "--format", "csv", "-e", "SELECT id, is_current FROM api_tokens WHERE expires_at < NOW() + INTERVAL 30 DAY")
	for _, line := range strings.Split(strings.TrimSpace(tokens), "\n")[1:] {
		id, current, _ := strings.Cut(line, ",")
		revoke := "-- DELETE FROM api_tokens WHERE connection = 'default' AND id = '" + id + "';"
		if !strings.Contains(again, "("+id+")") || strings.Contains(again, revoke) == (current == "true") {
			t.Errorf("API token %s (current %s): block or revocation wrong in\n%s", id, current, again)
		}
	}
}

// An IdP whose every signing key expires in the window gets a new one generated; an IdP with
// a key valid past the window is told to switch to it and gets no statement.
func TestRotationPlanIdPSigningKeys(t *testing.T) {
	t.Parallel()
	_, env := simEnv(t)
	const window = "INTERVAL 700 DAY"
	all, _ := cli(t, env, "query", "--format", "csv", "-e",
		"SELECT idp_id, MIN(expires_at < NOW() + "+window+") FROM idp_signing_keys GROUP BY idp_id HAVING MAX(expires_at < NOW() + "+window+") = 1")
	lines := strings.Split(strings.TrimSpace(all), "\n")[1:]
	var generate, switchOnly int
	plan, _ := cli(t, env, "plan", "--expiring", "700d")
	for _, line := range lines {
		id, allExpire, _ := strings.Cut(line, ",")
		gen := "CALL idp_signing_keys_generate('" + id + "', 2, 'default');"
		if allExpire == "true" {
			generate++
		} else {
			switchOnly++
		}
		if strings.Contains(plan, gen) != (allExpire == "true") || !strings.Contains(plan, "("+id+"), the first expires") {
			t.Errorf("IdP %s (every key expires: %s): want the generate statement only then, in\n%s", id, allExpire, plan)
		}
	}
	if generate == 0 || switchOnly == 0 {
		t.Fatalf("the simulator's data should have both cases at 700 days: %d to generate, %d to switch\n%s", generate, switchOnly, all)
	}
}

// The report's action for a finding about a credential the plan rotates is the plan's block.
func TestReportActionIsThePlanBlock(t *testing.T) {
	t.Parallel()
	_, env := simEnv(t)
	out, _ := cli(t, env, "report", "--html", "-", "../../queries")
	for _, want := range []string{
		"Action: the rotation plan's block",
		"CALL app_keys_rotate(&#39;0oa1TAxlWz39xC3yd2na&#39;, NULL, &#39;default&#39;);",
		"-- Okta app signing key on connection default",
		"ACTION NEEDED: get the partner&#39;s new certificate",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
