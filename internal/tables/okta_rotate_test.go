package tables_test

import (
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/testenv"
)

// Switching an app's signing key and an IdP's trust: Okta's PUT replaces the whole object, so
// these tests compare the whole object, as the simulator's own API shows it, before and after:
// only the intended members may change. The simulator drops what a PUT leaves out, so a client
// that sent a partial object would fail them.

// samlAppWithKeys returns a SAML app with at least two key credentials, its current kid and
// another of its kids.
func samlAppWithKeys(t testing.TB, e *testenv.Env) (id, cur, other string) {
	t.Helper()
	for _, a := range rawApps(t, e) {
		if a["signOnMode"] != "SAML_2_0" {
			continue
		}
		id := a["id"].(string)
		cur := testenv.Str(a, "credentials.signing.kid")
		for _, k := range oktaList(t, e, "/api/v1/apps/"+id+"/credentials/keys") {
			if k["kid"] != cur {
				return id, cur, k["kid"].(string)
			}
		}
	}
	t.Fatal("no SAML app with two keys")
	return
}

// wantOnlyChanged fails unless exactly the members in want differ between before and after.
func wantOnlyChanged(t testing.TB, before, after map[string]any, want ...string) {
	t.Helper()
	slices.Sort(want)
	if diff := cmp.Diff(want, testenv.ObjectDiff(before, after)); diff != "" {
		t.Errorf("members changed (-want +got):\n%s", diff)
	}
}

func TestSimulatorPutReplacesTheWholeApp(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	id, _, _ := samlAppWithKeys(t, e)
	before := e.OktaGet("/api/v1/apps/" + id)
	// A client that sends only what it changes: the simulator must lose the rest, or the
	// tests of credsql's PUT could not catch such a client.
	partial := map[string]any{"label": before["label"], "signOnMode": "SAML_2_0", "settings": map[string]any{"signOn": map[string]any{
		"allowMultipleAcsEndpoints": false, "assertionSigned": true, "honorForceAuthn": true, "requestCompressed": false, "responseSigned": true}}}
	status, after := e.OktaDo(http.MethodPut, "/api/v1/apps/"+id, partial)
	if status != http.StatusOK {
		t.Fatalf("PUT: %d %v", status, after)
	}
	changed := testenv.ObjectDiff(before, after)
	for _, lost := range []string{"settings.signOn.ssoAcsUrl", "visibility", "accessibility", "credentials.userNameTemplate"} {
		if !slices.Contains(changed, lost) {
			t.Errorf("a partial PUT kept %s (changed: %v)", lost, changed)
		}
	}
	if got := e.OktaGet("/api/v1/apps/" + id); testenv.Str(got, "settings.signOn.ssoAcsUrl") != "" {
		t.Errorf("a later GET still shows settings.signOn.ssoAcsUrl")
	}
	// Required members missing: 400 with one cause per member.
	status, body := e.OktaDo(http.MethodPut, "/api/v1/apps/"+id, map[string]any{"signOnMode": "SAML_2_0"})
	if status != http.StatusBadRequest || !strings.Contains(fmt.Sprint(body["errorCauses"]), "label: The field cannot be left blank") {
		t.Errorf("PUT without label: %d %v", status, body)
	}
}

func TestUpdateAppSigningKid(t *testing.T) {
	t.Parallel()
	var id, cur, other string
	var before map[string]any
	setup := func(e *testenv.Env) {
		id, cur, other = samlAppWithKeys(e.T, e)
		before = e.OktaGet("/api/v1/apps/" + id)
	}
	noPut := map[routes.Route]int{oktaroutes.ReplaceApp: 0}
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "switch to another key of the app: only the kid changes",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				return "UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id)
			},
			Want: [][]any{{int64(1)}},
			// The statement's read, the key check, the fresh read the PUT starts from, the PUT.
			Routes: map[routes.Route]int{oktaroutes.GetApp: 2, oktaroutes.ListAppKeys: 1, oktaroutes.ReplaceApp: 1},
			Calls:  testenv.N(4),
			After: func(t *testing.T, e *testenv.Env) {
				after := e.OktaGet("/api/v1/apps/" + id)
				if got := testenv.Str(after, "credentials.signing.kid"); got != other {
					t.Fatalf("signing kid %q, want %q", got, other)
				}
				wantOnlyChanged(t, before, after, "credentials.signing.kid", "lastUpdated")
				rows := e.MustQuery("SELECT signing_kid FROM apps WHERE id = " + q(id))
				if diff := cmp.Diff([][]any{{other}}, rows); diff != "" {
					t.Errorf("apps row (-want +got):\n%s", diff)
				}
			},
		},
		{
			Name: "a kid the app does not have: refused before any write",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				return "UPDATE apps SET signing_kid = 'not-a-kid' WHERE id = " + q(id)
			},
			WantErr: `signing_kid "not-a-kid" is not a key credential of app`,
			Routes:  noPut,
			After: func(t *testing.T, e *testenv.Env) {
				wantOnlyChanged(t, before, e.OktaGet("/api/v1/apps/"+id))
			},
		},
		{
			Name: "changed by someone else between the statement's read and the write: conflict, no PUT",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				// Another administrator edits the app just before credsql's second read.
				e.Sim.BeforeCall(2, func() { e.Sim.TouchApp(id) }, oktaroutes.GetApp)
				return "UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id)
			},
			WantErr: "1213",
			Routes:  noPut,
			After: func(t *testing.T, e *testenv.Env) {
				after := e.OktaGet("/api/v1/apps/" + id)
				if testenv.Str(after, "credentials.signing.kid") != cur || !strings.HasSuffix(after["label"].(string), "(edited)") {
					t.Errorf("the other edit was overwritten or the kid changed: %v", after["credentials"])
				}
			},
		},
		{
			Name: "the conflict error says what happened",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				e.Sim.BeforeCall(2, func() { e.Sim.TouchApp(id) }, oktaroutes.GetApp)
				return "UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id)
			},
			WantErr: "was changed by someone else since credsql read it",
		},
		{
			Name:    "NULL kid",
			SQLFunc: func(e *testenv.Env) string { setup(e); return "UPDATE apps SET signing_kid = NULL WHERE id = " + q(id) },
			WantErr: "signing_kid cannot be set to NULL",
			Routes:  noPut,
		},
		{
			Name:    "a column that is not updatable names the updatable ones",
			SQLFunc: func(e *testenv.Env) string { setup(e); return "UPDATE apps SET label = 'x' WHERE id = " + q(id) },
			WantErr: "UPDATE apps cannot change label: the updatable columns are signing_kid, token_endpoint_auth_method",
			Calls:   testenv.N(1),
		},
		{
			Name: "an app without a signing key",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE apps SET signing_kid = 'x' WHERE id = " + q(appWhere(t, e, "BOOKMARK", func(a map[string]any) bool { return a["signOnMode"] == "BOOKMARK" }))
			},
			WantErr: "is a BOOKMARK app, which has no signing key",
			Calls:   testenv.N(1),
		},
		{
			Name: "token_endpoint_auth_method of an OIDC app: only that member changes",
			SQLFunc: func(e *testenv.Env) string {
				id = appWhere(t, e, "OIDC with client_secret_basic", func(a map[string]any) bool {
					return testenv.Str(a, "credentials.oauthClient.token_endpoint_auth_method") == "client_secret_basic"
				})
				before = e.OktaGet("/api/v1/apps/" + id)
				return "UPDATE apps SET token_endpoint_auth_method = 'client_secret_post' WHERE id = " + q(id)
			},
			Want: [][]any{{int64(1)}},
			After: func(t *testing.T, e *testenv.Env) {
				wantOnlyChanged(t, before, e.OktaGet("/api/v1/apps/"+id), "credentials.oauthClient.token_endpoint_auth_method", "lastUpdated")
			},
		},
	})
}

func TestAppKeysRotate(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		id, cur, _ := samlAppWithKeys(t, e)
		before := e.OktaGet("/api/v1/apps/" + id)
		keysBefore := oktaList(t, e, "/api/v1/apps/"+id+"/credentials/keys")
		e.Sim.ResetCalls()
		rows := run.must(t, "CALL app_keys_rotate("+q(id)+")")
		if len(rows) != 1 {
			t.Fatalf("%d rows", len(rows))
		}
		rec := record(t, "app_keys", "rotate", rows[0])
		newKid := str(rec["new_kid"])
		if rec["old_kid"] != cur || newKid == "" || newKid == cur || rec["kid"] != newKid || rec["app_id"] != id {
			t.Fatalf("result: old %v new %v kid %v app %v", rec["old_kid"], rec["new_kid"], rec["kid"], rec["app_id"])
		}
		steps := str(rec["steps"])
		for _, want := range []string{"1. read app " + id, "2. generated key " + newKid + ", valid 2 years", "3. switched app " + id + " from kid " + cur + " to " + newKid, "4. kept the old key " + cur} {
			if !strings.Contains(steps, want) {
				t.Errorf("steps lack %q:\n%s", want, steps)
			}
		}
		if n := e.Sim.Count(oktaroutes.GenerateAppKey); n != 1 {
			t.Errorf("%d generate calls", n)
		}
		if n := e.Sim.Count(oktaroutes.ReplaceApp); n != 1 {
			t.Errorf("%d PUT calls", n)
		}
		after := e.OktaGet("/api/v1/apps/" + id)
		if testenv.Str(after, "credentials.signing.kid") != newKid {
			t.Fatalf("the app signs with %q, want %q", testenv.Str(after, "credentials.signing.kid"), newKid)
		}
		wantOnlyChanged(t, before, after, "credentials.signing.kid", "lastUpdated")
		keysAfter := oktaList(t, e, "/api/v1/apps/"+id+"/credentials/keys")
		if len(keysAfter) != len(keysBefore)+1 || !slices.ContainsFunc(keysAfter, func(k map[string]any) bool { return k["kid"] == cur }) {
			t.Errorf("keys: %d before, %d after; the old key must stay", len(keysBefore), len(keysAfter))
		}
		// validity_years given, in the EXEC form.
		rows = run.must(t, "EXEC app_keys.rotate @app_id = "+q(id)+", @validity_years = 5")
		rec = record(t, "app_keys", "rotate", rows[0])
		if rec["old_kid"] != newKid || !strings.Contains(str(rec["steps"]), "valid 5 years") {
			t.Errorf("second rotation: old %v, steps %v", rec["old_kid"], rec["steps"])
		}
	})
}

func TestAppKeysRotateStopsWithTheStateLeft(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	id, cur, _ := samlAppWithKeys(t, e)
	other := ""
	for _, k := range oktaList(t, e, "/api/v1/apps/"+id+"/credentials/keys") {
		if k["kid"] != cur {
			other = k["kid"].(string)
		}
	}
	// Someone switches the app to another key after the rotation generated its new key,
	// just before the rotation reads the app to switch it.
	e.Sim.BeforeCall(2, func() {
		app := e.OktaGet("/api/v1/apps/" + id)
		app["credentials"].(map[string]any)["signing"] = map[string]any{"kid": other}
		if status, body := e.OktaDo(http.MethodPut, "/api/v1/apps/"+id, app); status != 200 {
			t.Errorf("concurrent PUT: %d %v", status, body)
		}
	}, oktaroutes.GetApp)
	_, err := e.Query("CALL app_keys_rotate(" + q(id) + ")")
	if err == nil {
		t.Fatal("the rotation went on over a concurrent switch")
	}
	for _, want := range []string{"app_keys_rotate stopped at step 3 (switch the app's signing kid)", "State left: the new key", "exists on app " + id + " but is not used", "UPDATE apps SET signing_kid = ", "1213"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if got := testenv.Str(e.OktaGet("/api/v1/apps/"+id), "credentials.signing.kid"); got != other {
		t.Errorf("the concurrent switch to %s was overwritten: the app signs with %s", other, got)
	}
}

func TestValidityYearsOptional(t *testing.T) {
	t.Parallel()
	var id string
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "app_keys_generate without validity_years sends the default, 2",
			SQLFunc: func(e *testenv.Env) string {
				id, _, _ = samlAppWithKeys(t, e)
				return "CALL app_keys_generate(" + q(id) + ")"
			},
			WantCount: 1,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				calls := e.Sim.Calls()
				if len(calls) != 1 || !strings.Contains(calls[0].Query, "validityYears=2") {
					t.Errorf("calls: %v", calls)
				}
			},
		},
		{
			Name: "EXEC without it",
			SQLFunc: func(e *testenv.Env) string {
				id, _, _ = samlAppWithKeys(t, e)
				return "EXEC app_keys.generate @app_id = " + q(id)
			},
			WantCount: 1,
		},
		{
			Name: "NULL is the default too",
			SQLFunc: func(e *testenv.Env) string {
				id, _, _ = samlAppWithKeys(t, e)
				return "CALL app_keys_generate(" + q(id) + ", NULL)"
			},
			WantCount: 1,
		},
		{
			Name: "out of range",
			SQLFunc: func(e *testenv.Env) string {
				id, _, _ = samlAppWithKeys(t, e)
				return "CALL app_keys_generate(" + q(id) + ", 11)"
			},
			WantErr: "validity_years must be between 2 and 10, not 11",
			Calls:   testenv.N(0),
		},
	})
}

// samlIdP returns the SAML2 IdP "Partner SAML 1" and its trust kid.
func samlIdP(t testing.TB, e *testenv.Env) (id, kid string) {
	t.Helper()
	p := idpByName(t, e, "Partner SAML 1")
	return p["id"].(string), trustKid(p)
}

func TestSimulatorPutReplacesTheWholeIdP(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	id, kid := samlIdP(t, e)
	before := e.OktaGet("/api/v1/idps/" + id)
	partial := map[string]any{"name": before["name"], "protocol": map[string]any{"type": "SAML2",
		"credentials": map[string]any{"trust": map[string]any{"kid": kid}}}}
	status, after := e.OktaDo(http.MethodPut, "/api/v1/idps/"+id, partial)
	if status != http.StatusOK {
		t.Fatalf("PUT: %d %v", status, after)
	}
	changed := testenv.ObjectDiff(before, after)
	for _, lost := range []string{"policy", "protocol.endpoints", "protocol.credentials.trust.issuer"} {
		if !slices.Contains(changed, lost) {
			t.Errorf("a partial PUT kept %s (changed: %v)", lost, changed)
		}
	}
	partial["protocol"].(map[string]any)["credentials"] = map[string]any{"trust": map[string]any{"kid": "no-such-kid"}}
	status, body := e.OktaDo(http.MethodPut, "/api/v1/idps/"+id, partial)
	if status != http.StatusBadRequest || !strings.Contains(fmt.Sprint(body["errorCauses"]), "was not found in the IdP key store") {
		t.Errorf("PUT with an unknown kid: %d %v", status, body)
	}
}

func TestUpdateIdPTrust(t *testing.T) {
	t.Parallel()
	var id, kid string
	var before map[string]any
	setup := func(e *testenv.Env) {
		id, kid = samlIdP(e.T, e)
		before = e.OktaGet("/api/v1/idps/" + id)
	}
	spare := func(e *testenv.Env) string { return unusedKeys(e.T, e)[0] }
	noPut := map[routes.Route]int{oktaroutes.ReplaceIdP: 0}
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "trust a second key: only additionalKids changes",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				return "UPDATE idps SET trust_additional_kids = JSON_ARRAY(" + q(spare(e)) + ") WHERE id = " + q(id)
			},
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{oktaroutes.GetIdP: 2, oktaroutes.GetIdPKey: 1, oktaroutes.ReplaceIdP: 1},
			After: func(t *testing.T, e *testenv.Env) {
				after := e.OktaGet("/api/v1/idps/" + id)
				wantOnlyChanged(t, before, after, "protocol.credentials.trust.additionalKids", "lastUpdated")
				rows := e.MustQuery("SELECT trust_kid, trust_additional_kids FROM idps WHERE id = " + q(id))
				if diff := cmp.Diff([][]any{{kid, `["` + spare(e) + `"]`}}, rows); diff != "" {
					t.Errorf("idps row (-want +got):\n%s", diff)
				}
			},
		},
		{
			Name: "switch the trust kid: only the kid changes",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				return "UPDATE idps SET trust_kid = " + q(spare(e)) + " WHERE id = " + q(id)
			},
			Want: [][]any{{int64(1)}},
			After: func(t *testing.T, e *testenv.Env) {
				wantOnlyChanged(t, before, e.OktaGet("/api/v1/idps/"+id), "protocol.credentials.trust.kid", "lastUpdated", "_links.keys.href")
			},
		},
		{
			Name: "a kid not in the key store: refused before any write",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				return "UPDATE idps SET trust_kid = 'no-such-kid' WHERE id = " + q(id)
			},
			WantErr: `kid "no-such-kid" is not in the IdP key store`,
			Routes:  noPut,
		},
		{
			Name: "additional kids on an X509 IdP",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE idps SET trust_additional_kids = '[\"x\"]' WHERE id = " + q(idpByName(e.T, e, "Smart Card 2")["id"].(string))
			},
			WantErr: "it trusts one kid, it has no trust_additional_kids",
			Calls:   testenv.N(1),
		},
		{
			Name: "an OIDC IdP trusts no key",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE idps SET trust_kid = 'x' WHERE type = 'OIDC' AND id = " + q(idpOfType(e, "OIDC"))
			},
			WantErr: "which trusts no key of idps_keys",
			Routes:  noPut,
		},
		{
			Name: "changed concurrently: conflict, no PUT",
			SQLFunc: func(e *testenv.Env) string {
				setup(e)
				e.Sim.BeforeCall(2, func() { e.Sim.TouchIdP(id) }, oktaroutes.GetIdP)
				return "UPDATE idps SET trust_kid = " + q(spare(e)) + " WHERE id = " + q(id)
			},
			WantErr: "1213",
			Routes:  noPut,
		},
		{
			Name:    "other columns are read-only, naming the updatable ones",
			SQLFunc: func(e *testenv.Env) string { setup(e); return "UPDATE idps SET name = 'x' WHERE id = " + q(id) },
			WantErr: "UPDATE idps cannot change name: the updatable columns are trust_kid, trust_additional_kids",
		},
	})
}

func idpOfType(e *testenv.Env, typ string) string {
	for _, p := range rawIdPs(e.T, e) {
		if p["type"] == typ {
			return p["id"].(string)
		}
	}
	e.T.Fatalf("no %s IdP", typ)
	return ""
}

// TestIdPTrustRotationWithoutDowntime runs the whole rotation of a SAML2 IdP's certificate:
// upload and trust the new certificate next to the old, make it primary, delete the old.
func TestIdPTrustRotationWithoutDowntime(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		id, old := samlIdP(t, e)
		before := e.OktaGet("/api/v1/idps/" + id)
		cert := newCert(t, "idp-signing-next.partner.example", false)

		rows := run.must(t, "CALL idps_trust_rotate("+q(id)+", "+q(pemOf(cert))+")")
		rec := record(t, "idps", "trust_rotate", rows[0])
		newKid := str(rec["new_kid"])
		if rec["old_kid"] != old || newKid == "" || rec["trust_kid"] != old {
			t.Fatalf("rotate: old %v new %v trust_kid %v", rec["old_kid"], rec["new_kid"], rec["trust_kid"])
		}
		mid := e.OktaGet("/api/v1/idps/" + id)
		wantOnlyChanged(t, before, mid, "protocol.credentials.trust.additionalKids", "lastUpdated")
		if got := testenv.Str(mid, "protocol.credentials.trust.kid"); got != old {
			t.Errorf("after rotate the IdP trusts %s first, want the old %s", got, old)
		}
		steps := str(rec["steps"])
		for _, want := range []string{"2. uploaded the certificate (CN=idp-signing-next.partner.example", "as kid " + newKid, "3. added kid " + newKid, "CALL idps_trust_promote(" + q(id) + ", " + q(newKid) + ")"} {
			if !strings.Contains(steps, want) {
				t.Errorf("steps lack %q:\n%s", want, steps)
			}
		}
		// The old key is still trusted: it cannot be deleted yet.
		if _, err := run("DELETE FROM idps_keys WHERE kid = " + q(old)); err == nil || !strings.Contains(err.Error(), "Partner SAML 1") || !strings.Contains(err.Error(), "1451") {
			t.Errorf("deleting the old key while trusted: %v", err)
		}
		// The new key too, as an additional kid.
		if _, err := run("DELETE FROM idps_keys WHERE kid = " + q(newKid)); err == nil || !strings.Contains(err.Error(), "as an additional trusted kid") {
			t.Errorf("deleting the new key while trusted: %v", err)
		}

		rows = run.must(t, "CALL idps_trust_promote("+q(id)+", "+q(newKid)+")")
		rec = record(t, "idps", "trust_promote", rows[0])
		if rec["old_kid"] != old || rec["new_kid"] != newKid || rec["trust_kid"] != newKid || rec["trust_additional_kids"] != nil {
			t.Fatalf("promote: %v", rec)
		}
		after := e.OktaGet("/api/v1/idps/" + id)
		wantOnlyChanged(t, before, after, "protocol.credentials.trust.kid", "lastUpdated", "_links.keys.href")
		if got := testenv.Str(after, "protocol.credentials.trust.kid"); got != newKid {
			t.Errorf("after promote the IdP trusts %s, want %s", got, newKid)
		}
		if n := run.must(t, "DELETE FROM idps_keys WHERE kid = "+q(old)); n[0][0] != int64(1) {
			t.Errorf("deleting the old key after promote: %v rows", n[0][0])
		}
	})
}

func TestIdPTrustPromoteByThumbprint(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	id, _ := samlIdP(t, e)
	cert := newCert(t, "idp-next.partner.example", false)
	rows := e.MustQuery("CALL idps_trust_rotate(" + q(id) + ", " + q(pemOf(cert)) + ")")
	newKid := str(record(t, "idps", "trust_rotate", rows[0])["new_kid"])
	thumb := str(e.MustQuery("SELECT cert_sha256 FROM idps_keys WHERE kid = " + q(newKid))[0][0])
	rows = e.MustQuery("CALL idps_trust_promote(" + q(id) + ", 'sha256:" + thumb + "')")
	if got := record(t, "idps", "trust_promote", rows[0])["trust_kid"]; got != newKid {
		t.Errorf("promoted %v, want %s", got, newKid)
	}
	if _, err := e.Query("CALL idps_trust_promote(" + q(id) + ", 'sha256:nope')"); err == nil || !strings.Contains(err.Error(), "no key IdP") {
		t.Errorf("unknown thumbprint: %v", err)
	}
}

func TestX509IdPTrustRotateSwitchesAtOnce(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	p := idpByName(t, e, "Smart Card 2")
	id, old := p["id"].(string), trustKid(p)
	before := e.OktaGet("/api/v1/idps/" + id)
	rows := e.MustQuery("CALL idps_trust_rotate(" + q(id) + ", " + q(pemOf(caDER(t))) + ")")
	rec := record(t, "idps", "trust_rotate", rows[0])
	if rec["old_kid"] != old || rec["trust_kid"] != rec["new_kid"] || !strings.Contains(str(rec["steps"]), "an X509 IdP trusts one kid") {
		t.Fatalf("rotate: %v", rec)
	}
	wantOnlyChanged(t, before, e.OktaGet("/api/v1/idps/"+id), "protocol.credentials.trust.kid", "lastUpdated", "_links.keys.href")
}
