package sim_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

// ---- helpers ----

type okta struct {
	t    *testing.T
	base string
	srv  *sim.Server
}

func newOkta(t *testing.T, o sim.Options) *okta {
	t.Helper()
	s := sim.New(o)
	base := s.Start()
	t.Cleanup(s.Close)
	return &okta{t: t, base: base, srv: s}
}

type resp struct {
	status int
	h      http.Header
	body   []byte
}

// do sends a request with the API token; hdr holds extra headers as name, value pairs.
func (o *okta) do(method, path string, body []byte, hdr ...string) resp {
	o.t.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = o.base + path
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		o.t.Fatal(err)
	}
	req.Header.Set("Authorization", "SSWS sim-okta-api-token")
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		o.t.Fatal(err)
	}
	return resp{res.StatusCode, res.Header, b}
}

// ok sends a request, requires the status and decodes the body into v (if not nil).
func (o *okta) ok(status int, v any, method, path string, body []byte, hdr ...string) resp {
	o.t.Helper()
	r := o.do(method, path, body, hdr...)
	if r.status != status {
		o.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.status, status, r.body)
	}
	if v != nil {
		reflect.ValueOf(v).Elem().SetZero()
		if err := json.Unmarshal(r.body, v); err != nil {
			o.t.Fatalf("%s %s: %v: %s", method, path, err, r.body)
		}
	}
	return r
}

type oktaErr struct {
	ErrorCode    string `json:"errorCode"`
	ErrorSummary string `json:"errorSummary"`
	ErrorLink    string `json:"errorLink"`
	ErrorID      string `json:"errorId"`
	ErrorCauses  []struct {
		ErrorSummary string `json:"errorSummary"`
	} `json:"errorCauses"`
}

// fails sends a request and requires an Okta error with the status, code, summary (if not
// "") and single cause (if not "").
func (o *okta) fails(status int, code, summary, cause, method, path string, body []byte, hdr ...string) {
	o.t.Helper()
	r := o.do(method, path, body, hdr...)
	var e oktaErr
	if err := json.Unmarshal(r.body, &e); err != nil || r.status != status || e.ErrorCode != code || e.ErrorLink != code || e.ErrorID == "" {
		o.t.Fatalf("%s %s: got %d %s, want %d %s", method, path, r.status, r.body, status, code)
	}
	if summary != "" && e.ErrorSummary != summary {
		o.t.Errorf("%s %s: summary %q, want %q", method, path, e.ErrorSummary, summary)
	}
	if cause != "" && (len(e.ErrorCauses) != 1 || e.ErrorCauses[0].ErrorSummary != cause) {
		o.t.Errorf("%s %s: causes %+v, want %q", method, path, e.ErrorCauses, cause)
	}
}

var nextRE = regexp.MustCompile(`<([^>]*)>\s*;\s*rel="?next"?`)

// all follows next links from path and returns every item.
func (o *okta) all(path string) []map[string]any {
	o.t.Helper()
	var out []map[string]any
	seen := map[string]bool{}
	for path != "" {
		var page []map[string]any
		r := o.ok(200, &page, "GET", path, nil)
		if !strings.Contains(strings.Join(r.h.Values("Link"), ","), `rel="self"`) {
			o.t.Fatalf("GET %s: no self link", path)
		}
		out = append(out, page...)
		path = ""
		if m := nextRE.FindStringSubmatch(strings.Join(r.h.Values("Link"), ",")); m != nil {
			path = m[1]
			if seen[path] {
				o.t.Fatalf("next link repeats: %s", path)
			}
			seen[path] = true
		}
	}
	return out
}

func str(m map[string]any, path ...string) string {
	var v any = m
	for _, p := range path {
		mm, _ := v.(map[string]any)
		v = mm[p]
	}
	s, _ := v.(string)
	return s
}

func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("timestamp %q: %v", s, err)
	}
	return v
}

func x5c0(t *testing.T, k map[string]any) *x509.Certificate {
	t.Helper()
	arr, _ := k["x5c"].([]any)
	if len(arr) == 0 {
		t.Fatalf("no x5c in %v", k)
	}
	der, err := base64.StdEncoding.DecodeString(arr[0].(string))
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func thumb(der []byte) string {
	s := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(s[:])
}

// caSign issues a certificate for pub from the simulator CA, valid for days from now.
func caSign(t *testing.T, pub any, days int) []byte {
	t.Helper()
	ca, key := sim.CAKey()
	now := time.Now().Add(-time.Minute)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "test"},
		NotBefore: now, NotAfter: now.Add(time.Duration(days) * 24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func findApp(t *testing.T, apps []map[string]any, pred func(map[string]any) bool) map[string]any {
	t.Helper()
	for _, a := range apps {
		if pred(a) {
			return a
		}
	}
	t.Fatal("no app matches")
	return nil
}

func mode(m string) func(map[string]any) bool {
	return func(a map[string]any) bool { return a["signOnMode"] == m }
}

func authMethod(m string) func(map[string]any) bool {
	return func(a map[string]any) bool {
		return str(a, "credentials", "oauthClient", "token_endpoint_auth_method") == m
	}
}

// ---- app keys: generate and clone ----

func TestOktaKeyGenerateClone(t *testing.T) {
	o := newOkta(t, sim.Options{Seed: 7})
	apps := o.all("/api/v1/apps?limit=200")
	a, b := apps[0]["id"].(string), apps[1]["id"].(string)
	keys := "/api/v1/apps/" + a + "/credentials/keys"
	for _, q := range []string{"", "?validityYears=1", "?validityYears=11", "?validityYears=x"} {
		o.fails(400, "E0000001", "Api validation failed: generateKey", "Validity years out of range. It should be 2 - 10 years.", "POST", keys+"/generate"+q, nil)
	}
	o.fails(404, "E0000007", "", "", "POST", "/api/v1/apps/0oaNOPE/credentials/keys/generate?validityYears=2", nil)

	var k map[string]any
	o.ok(201, &k, "POST", keys+"/generate?validityYears=3", nil)
	cert := x5c0(t, k)
	if len(str(k, "kid")) != 43 || k["kty"] != "RSA" || k["use"] != "sig" {
		t.Errorf("generated key %v", k)
	}
	if d := time.Since(cert.NotBefore); d < -time.Minute || d > time.Minute {
		t.Errorf("notBefore %v is not now", cert.NotBefore)
	}
	if !cert.NotAfter.Equal(cert.NotBefore.AddDate(3, 0, 0)) || !ts(t, str(k, "expiresAt")).Equal(cert.NotAfter) {
		t.Errorf("validity %v..%v, expiresAt %v", cert.NotBefore, cert.NotAfter, k["expiresAt"])
	}
	if err := cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature); err != nil {
		t.Errorf("not self-signed: %v", err)
	}
	if k["x5t#S256"] != thumb(cert.Raw) || k["n"] != base64.RawURLEncoding.EncodeToString(cert.PublicKey.(*rsa.PublicKey).N.Bytes()) || k["e"] != "AQAB" {
		t.Errorf("thumbprint or modulus wrong: %v", k)
	}
	kid := str(k, "kid")
	var got map[string]any
	o.ok(200, &got, "GET", keys+"/"+kid, nil)
	if got["x5c"].([]any)[0] != k["x5c"].([]any)[0] {
		t.Error("GET key differs from the generated one")
	}

	var c map[string]any
	o.ok(201, &c, "POST", keys+"/"+kid+"/clone?targetAid="+b, nil)
	if c["kid"] != kid || c["x5c"].([]any)[0] != k["x5c"].([]any)[0] || c["x5t#S256"] != k["x5t#S256"] {
		t.Errorf("clone %v differs from %v", c, k)
	}
	var bkeys []map[string]any
	o.ok(200, &bkeys, "GET", "/api/v1/apps/"+b+"/credentials/keys", nil)
	if bkeys[len(bkeys)-1]["kid"] != kid {
		t.Error("clone not in the target's keys")
	}
	o.fails(400, "E0000001", "Api validation failed: cloneKey", "Key already exists in the list of key credentials for the target app.", "POST", keys+"/"+kid+"/clone?targetAid="+b, nil)
	o.fails(400, "E0000001", "Api validation failed: cloneKey", "Key already exists in the list of key credentials for the target app.", "POST", keys+"/"+kid+"/clone?targetAid="+a, nil)
	o.fails(404, "E0000007", "", "", "POST", keys+"/nokey/clone?targetAid="+b, nil)
	o.fails(404, "E0000007", "", "", "POST", keys+"/"+kid+"/clone?targetAid=0oaNOPE", nil)
	o.fails(404, "E0000007", "", "", "POST", keys+"/"+kid+"/clone", nil)
}

// ---- CSRs ----

var csrBody = []byte(`{"subject":{"countryName":"US","stateOrProvinceName":"California","localityName":"San Francisco",
 "organizationName":"Okta, Inc.","organizationalUnitName":"Dev","commonName":"SP Issuer"},
 "subjectAltNames":{"dnsNames":["dev.okta.com","sso.okta.com"]}}`)

func TestOktaCSRLifecycle(t *testing.T) {
	o := newOkta(t, sim.Options{Seed: 3})
	app := findApp(t, o.all("/api/v1/apps?limit=200"), mode("SAML_2_0"))["id"].(string)
	csrs := "/api/v1/apps/" + app + "/credentials/csrs"

	generate := func() (map[string]any, *x509.CertificateRequest) {
		var c map[string]any
		r := o.ok(201, &c, "POST", csrs, csrBody)
		der, err := base64.StdEncoding.DecodeString(str(c, "csr"))
		if err != nil {
			t.Fatal(err)
		}
		req, err := x509.ParseCertificateRequest(der)
		if err != nil {
			t.Fatal(err)
		}
		if err := req.CheckSignature(); err != nil {
			t.Fatal(err)
		}
		id := str(c, "id")
		if r.h.Get("Location") != o.base+csrs+"/"+id || c["kty"] != "RSA" || str(c, "_links", "self", "href") != o.base+csrs+"/"+id ||
			str(c, "_links", "publish", "href") != o.base+csrs+"/"+id+"/lifecycle/publish" {
			t.Errorf("CSR object %v, Location %q", c, r.h.Get("Location"))
		}
		if fmt.Sprint(c["_links"].(map[string]any)["self"].(map[string]any)["hints"]) != "map[allow:[GET DELETE]]" {
			t.Errorf("self hints %v", c["_links"])
		}
		s := req.Subject
		if s.CommonName != "SP Issuer" || fmt.Sprint(s.Country, s.Province, s.Locality, s.Organization, s.OrganizationalUnit) != "[US] [California] [San Francisco] [Okta, Inc.] [Dev]" ||
			fmt.Sprint(req.DNSNames) != "[dev.okta.com sso.okta.com]" {
			t.Errorf("CSR subject %v, SANs %v", s, req.DNSNames)
		}
		return c, req
	}

	c1, req1 := generate()
	id1 := str(c1, "id")
	var list []map[string]any
	o.ok(200, &list, "GET", csrs, nil)
	if len(list) == 0 || list[len(list)-1]["id"] != id1 {
		t.Fatalf("CSR list %v lacks %s", list, id1)
	}
	var got map[string]any
	o.ok(200, &got, "GET", csrs+"/"+id1, nil)
	if got["csr"] != c1["csr"] || got["created"] != c1["created"] {
		t.Error("GET CSR differs")
	}
	r := o.ok(200, nil, "GET", csrs+"/"+id1, nil, "Accept", "application/pkcs10")
	if r.h.Get("Content-Type") != "application/pkcs10; filename=okta.p10" || string(r.body) != c1["csr"] {
		t.Errorf("pkcs10 GET: %q %q", r.h.Get("Content-Type"), r.body)
	}
	r = o.ok(201, nil, "POST", csrs, csrBody, "Accept", "application/pkcs10")
	if der, err := base64.StdEncoding.DecodeString(string(r.body)); err != nil || r.h.Get("Content-Type") != "application/pkcs10; filename=okta.p10" {
		t.Errorf("pkcs10 generate: %v %q", err, r.h.Get("Content-Type"))
	} else if _, err := x509.ParseCertificateRequest(der); err != nil {
		t.Error(err)
	}

	// Refusals leave the CSR pending.
	pub := csrs + "/" + id1 + "/lifecycle/publish"
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	o.fails(400, "E0000001", "Api validation failed: certificate", "The certificate doesn't match the CSR.", "POST", pub,
		[]byte(pemOf(caSign(t, &other.PublicKey, 365))), "Content-Type", "application/x-pem-file")
	o.fails(400, "E0000001", "Api validation failed: certificate", "The certificate must be valid for more than 90 days.", "POST", pub,
		caSign(t, req1.PublicKey, 60), "Content-Type", "application/pkix-cert")
	o.fails(400, "E0000001", "Api validation failed: certificate", "", "POST", pub, []byte("not a certificate"), "Content-Type", "application/x-pem-file")
	o.fails(400, "E0000021", "", "", "POST", pub, []byte(pemOf(caSign(t, req1.PublicKey, 365))), "Content-Type", "text/plain")

	keysPath := "/api/v1/apps/" + app + "/credentials/keys"
	publish := func(id string, body []byte, hdr ...string) {
		t.Helper()
		var k map[string]any
		o.ok(201, &k, "POST", csrs+"/"+id+"/lifecycle/publish", body, hdr...)
		cert := x5c0(t, k)
		if !ts(t, str(k, "expiresAt")).Equal(cert.NotAfter) || k["x5t#S256"] != thumb(cert.Raw) || len(k["x5c"].([]any)) != 1 {
			t.Errorf("published key %v", k)
		}
		var ks []map[string]any
		o.ok(200, &ks, "GET", keysPath, nil)
		last := ks[len(ks)-1]
		if last["kid"] != k["kid"] || last["expiresAt"] != k["expiresAt"] || x5c0(t, last).NotBefore != cert.NotBefore {
			t.Errorf("key list ends with %v, want %v", last, k)
		}
		o.fails(404, "E0000007", "", "", "GET", csrs+"/"+id, nil)
	}
	publish(id1, []byte(pemOf(caSign(t, req1.PublicKey, 365))), "Content-Type", "application/x-pem-file")
	c2, req2 := generate()
	publish(str(c2, "id"), []byte(base64.StdEncoding.EncodeToString(caSign(t, req2.PublicKey, 400))),
		"Content-Type", "application/pkix-cert", "Content-Transfer-Encoding", "base64")
	c3, req3 := generate()
	publish(str(c3, "id"), caSign(t, req3.PublicKey, 200), "Content-Type", "application/x-x509-ca-cert")
	o.fails(404, "E0000007", "", "", "POST", csrs+"/"+str(c3, "id")+"/lifecycle/publish", caSign(t, req3.PublicKey, 200), "Content-Type", "application/pkix-cert")

	c4, _ := generate()
	o.ok(204, nil, "DELETE", csrs+"/"+str(c4, "id"), nil)
	o.fails(404, "E0000007", "", "", "GET", csrs+"/"+str(c4, "id"), nil)
	o.fails(404, "E0000007", "", "", "DELETE", csrs+"/"+str(c4, "id"), nil)

	o.fails(400, "E0000003", "", "", "POST", csrs, []byte(`{"subject":`))
	o.fails(400, "E0000001", "", "", "POST", csrs, []byte(`{}`))
	o.fails(404, "E0000007", "", "", "GET", "/api/v1/apps/0oaNOPE/credentials/csrs", nil)
}

func pemOf(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// ---- client secrets ----

func TestOktaSecrets(t *testing.T) {
	o := newOkta(t, sim.Options{Seed: 11, Apps: 120})
	apps := o.all("/api/v1/apps?limit=200")
	saml := findApp(t, apps, mode("SAML_2_0"))["id"].(string)
	o.fails(404, "E0000007", "", "", "GET", "/api/v1/apps/"+saml+"/credentials/secrets", nil)
	o.fails(404, "E0000007", "", "", "POST", "/api/v1/apps/"+saml+"/credentials/secrets", []byte(`{}`))
	o.fails(404, "E0000007", "", "", "GET", "/api/v1/apps/0oaNOPE/credentials/secrets", nil)

	secretsOf := func(id string) []map[string]any {
		var l []map[string]any
		o.ok(200, &l, "GET", "/api/v1/apps/"+id+"/credentials/secrets", nil)
		return l
	}
	empty := findApp(t, apps, func(a map[string]any) bool {
		return authMethod("client_secret_basic")(a) && len(secretsOf(a["id"].(string))) == 0
	})["id"].(string)
	path := "/api/v1/apps/" + empty + "/credentials/secrets"
	const vld = "Api validation failed: client_secret"
	o.fails(400, "E0000001", vld, "client_secret: 'client_secret' must be at least '14' characters long.", "POST", path, []byte(`{"client_secret":"short"}`))
	o.fails(400, "E0000001", vld, "client_secret: 'client_secret' can't be more than '100' characters long.", "POST", path, []byte(`{"client_secret":"`+strings.Repeat("x", 101)+`"}`))
	o.fails(400, "E0000001", vld, "client_secret: ''client_secret'' must only contain printable ASCII: [x20-x7E]+", "POST", path, []byte(`{"client_secret":"abcdefghijklmn\u00e9op"}`))
	o.fails(400, "E0000001", vld, "client_secret: ''client_secret'' must only contain printable ASCII: [x20-x7E]+", "POST", path, []byte(`{"client_secret":"abcdefghijklmn\top"}`))
	o.fails(400, "E0000003", "", "", "POST", path, []byte(`{"client_secret":`))

	var s1, s2 map[string]any
	o.ok(201, &s1, "POST", path, []byte(`{}`))
	id1 := str(s1, "id")
	if !regexp.MustCompile(`^ocs[A-Za-z0-9]{17}$`).MatchString(id1) || s1["status"] != "ACTIVE" ||
		!regexp.MustCompile(`^[\x21-\x7e]{40}$`).MatchString(str(s1, "client_secret")) ||
		!regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`).MatchString(str(s1, "secret_hash")) {
		t.Errorf("generated secret %v", s1)
	}
	if l := s1["_links"].(map[string]any); len(l) != 1 || str(l, "deactivate", "href") != o.base+path+"/"+id1+"/lifecycle/deactivate" {
		t.Errorf("ACTIVE links %v", l)
	}
	o.ok(201, &s2, "POST", path, []byte(`{"client_secret":"abcdefghijklmn","status":"INACTIVE"}`))
	id2 := str(s2, "id")
	if s2["client_secret"] != "abcdefghijklmn" || s2["status"] != "INACTIVE" {
		t.Errorf("secret %v", s2)
	}
	if l := s2["_links"].(map[string]any); len(l) != 2 || str(l, "activate", "href") != o.base+path+"/"+id2+"/lifecycle/activate" || str(l, "delete", "href") != o.base+path+"/"+id2 {
		t.Errorf("INACTIVE links %v", l)
	}
	o.fails(400, "E0000001", "Api validation failed: OAuth2ClientSecretMediated", "You've reached the maximum number of client secrets per client.", "POST", path, []byte(`{}`))
	if l := secretsOf(empty); len(l) != 2 || l[0]["id"] != id1 || l[1]["id"] != id2 {
		t.Errorf("list %v", l)
	}
	var got map[string]any
	o.ok(200, &got, "GET", path+"/"+id1, nil)
	if got["client_secret"] != s1["client_secret"] || got["secret_hash"] != s1["secret_hash"] {
		t.Errorf("GET secret %v", got)
	}
	o.fails(404, "E0000007", "", "", "GET", path+"/ocsNOPE", nil)

	const med = "Api validation failed: OAuth2ClientSecretMediated"
	o.fails(400, "E0000001", med, "You can't delete an active client secret. Deactivate the secret before deleting it.", "DELETE", path+"/"+id1, nil)
	o.fails(400, "E0000001", med, "You can't deactivate the only active client secret.", "POST", path+"/"+id1+"/lifecycle/deactivate", nil)
	o.ok(200, &got, "POST", path+"/"+id2+"/lifecycle/activate", nil)
	if got["status"] != "ACTIVE" {
		t.Errorf("activated %v", got)
	}
	o.ok(200, &got, "POST", path+"/"+id1+"/lifecycle/deactivate", nil)
	if got["status"] != "INACTIVE" || got["_links"].(map[string]any)["delete"] == nil {
		t.Errorf("deactivated %v", got)
	}
	o.ok(204, nil, "DELETE", path+"/"+id1, nil)
	o.fails(404, "E0000007", "", "", "DELETE", path+"/"+id1, nil)
	if l := secretsOf(empty); len(l) != 1 || l[0]["id"] != id2 {
		t.Errorf("after delete %v", l)
	}

	pkj := findApp(t, apps, authMethod("private_key_jwt"))["id"].(string)
	o.fails(400, "E0000001", vld, "'client_secret' can't be used when 'token_endpoint_auth_method' is 'private_key_jwt'.", "POST", "/api/v1/apps/"+pkj+"/credentials/secrets", []byte(`{"client_secret":"abcdefghijklmnopqrstuvwxyz0123456789"}`))
	jwt := findApp(t, apps, func(a map[string]any) bool {
		return authMethod("client_secret_jwt")(a) && len(secretsOf(a["id"].(string))) < 2
	})["id"].(string)
	jp := "/api/v1/apps/" + jwt + "/credentials/secrets"
	o.fails(400, "E0000001", vld, "client_secret: 'client_secret' must be at least '32' characters long when 'token_endpoint_auth_method' is 'client_secret_jwt'.", "POST", jp, []byte(`{"client_secret":"abcdefghijklmnopqrstuvwxyz"}`))
	o.ok(201, nil, "POST", jp, []byte(`{"client_secret":"abcdefghijklmnopqrstuvwxyz012345"}`))
}

// ---- IdPs and the IdP key store ----

func TestOktaIdPPagination(t *testing.T) {
	for _, style := range []sim.LinkStyle{sim.LinkHeaders, sim.LinkJoined} {
		o := newOkta(t, sim.Options{Seed: 5, PageSize: 2, IdPs: 7, IdPKeys: 13, LinkStyle: style})
		for path, n := range map[string]int{"/api/v1/idps": 7, "/api/v1/idps/credentials/keys": 13, "/api/v1/idps/credentials/keys?limit=1": 13} {
			items := o.all(path)
			key := "id"
			if strings.Contains(path, "keys") {
				key = "kid"
			}
			seen := map[string]bool{}
			for _, it := range items {
				if seen[str(it, key)] {
					t.Errorf("%s: %s twice", path, str(it, key))
				}
				seen[str(it, key)] = true
			}
			if len(seen) != n {
				t.Errorf("%s: %d items, want %d", path, len(seen), n)
			}
		}
	}
	o := newOkta(t, sim.Options{Seed: 5})
	var page []map[string]any
	r := o.ok(200, &page, "GET", "/api/v1/idps/credentials/keys", nil)
	if len(page) != 12 || nextRE.MatchString(strings.Join(r.h.Values("Link"), ",")) {
		t.Errorf("default page: %d keys, links %v", len(page), r.h.Values("Link"))
	}
	idps := o.all("/api/v1/idps?limit=200")
	var got map[string]any
	o.ok(200, &got, "GET", "/api/v1/idps/"+str(idps[0], "id"), nil)
	if got["id"] != idps[0]["id"] || got["name"] != idps[0]["name"] {
		t.Errorf("GET idp %v", got)
	}
	o.fails(404, "E0000007", "", "", "GET", "/api/v1/idps/0oaNOPE", nil)
	var saml []map[string]any
	o.ok(200, &saml, "GET", "/api/v1/idps?type=SAML2", nil)
	for _, p := range saml {
		if p["type"] != "SAML2" || str(p, "protocol", "type") != "SAML2" || !strings.HasPrefix(str(p, "id"), "0oa") || len(str(p, "id")) != 20 {
			t.Errorf("SAML2 filter gave %v", p)
		}
	}
	if len(saml) < 2 {
		t.Errorf("%d SAML2 IdPs", len(saml))
	}
}

func TestOktaIdPKeyStore(t *testing.T) {
	clock := sim.NewFakeClock(time.Now())
	o := newOkta(t, sim.Options{Seed: 9, Clock: clock.Now})
	const path = "/api/v1/idps/credentials/keys"
	ecKey, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	ecDER := caSign(t, &ecKey.PublicKey, 500)
	body := func(ders ...[]byte) []byte {
		var x []string
		for _, d := range ders {
			x = append(x, base64.StdEncoding.EncodeToString(d))
		}
		b, _ := json.Marshal(map[string]any{"x5c": x})
		return b
	}
	var k map[string]any
	o.ok(200, &k, "POST", path, body(ecDER))
	kid := str(k, "kid")
	pt, _ := ecKey.PublicKey.ECDH()
	raw := pt.Bytes() // 0x04 || x || y
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(kid) ||
		k["kty"] != "EC" || k["alg"] != "EC" || k["use"] != "sig" || k["crv"] != "P-384" ||
		k["x"] != base64.RawURLEncoding.EncodeToString(raw[1:49]) || k["y"] != base64.RawURLEncoding.EncodeToString(raw[49:]) ||
		k["x5t#S256"] != thumb(ecDER) || k["e"] != nil || k["created"] != k["lastUpdated"] {
		t.Errorf("created key %v", k)
	}
	var got map[string]any
	o.ok(200, &got, "GET", path+"/"+kid, nil)
	if got["x5c"].([]any)[0] != k["x5c"].([]any)[0] {
		t.Error("GET differs")
	}
	found := false
	for _, it := range o.all(path + "?limit=200") {
		found = found || it["kid"] == kid
	}
	if !found {
		t.Error("created key not listed")
	}

	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsaDER := caSign(t, &rsaKey.PublicKey, 300)
	ca, _ := sim.CAKey()
	clock.Advance(2 * time.Millisecond) // the replacement's lastUpdated is after the creation's
	o.ok(200, &got, "PUT", path+"/"+kid, body(rsaDER, ca.Raw))
	if got["kid"] != kid || got["kty"] != "RSA" || got["alg"] != "RSA" || got["n"] != base64.RawURLEncoding.EncodeToString(rsaKey.N.Bytes()) ||
		len(got["x5c"].([]any)) != 2 || got["x5t#S256"] != thumb(rsaDER) || got["crv"] != nil || got["created"] != k["created"] || got["lastUpdated"] == k["lastUpdated"] {
		t.Errorf("replaced key %v", got)
	}
	o.fails(404, "E0000007", "", "", "PUT", path+"/nope", body(rsaDER))
	o.fails(400, "E0000001", "", "", "POST", path, []byte(`{}`))
	o.fails(400, "E0000001", "", "", "POST", path, []byte(`{"x5c":["bm90IGEgY2VydA=="]}`))
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	o.fails(400, "E0000001", "", "", "POST", path, body(caSign(t, edKey.Public(), 300)))
	o.fails(400, "E0000001", "", "", "PUT", path+"/"+kid, []byte(`{"x5c":[]}`))
	o.fails(400, "E0000003", "", "", "POST", path, []byte(`{"x5c":`))

	o.ok(204, nil, "DELETE", path+"/"+kid, nil)
	o.fails(404, "E0000007", "", "", "GET", path+"/"+kid, nil)
	o.fails(404, "E0000007", "", "", "DELETE", path+"/"+kid, nil)

	idps := o.all("/api/v1/idps?limit=200")
	trusted := findApp(t, idps, func(p map[string]any) bool { return str(p, "protocol", "credentials", "trust", "kid") != "" })
	tk := str(trusted, "protocol", "credentials", "trust", "kid")
	o.fails(400, "E0000001", "Api validation failed: deleteKey", "Cannot delete the key because it is in use by an identity provider.", "DELETE", path+"/"+tk, nil)
	o.ok(200, nil, "GET", path+"/"+tk, nil)
	if str(trusted, "_links", "keys", "href") != o.base+path+"/"+tk {
		t.Errorf("keys link %v", trusted["_links"])
	}
}

// ---- determinism and findings ----

// snapshot reads the keys, CSRs and secrets of every app and the IdPs and IdP keys, with
// the server's address taken out.
func snapshot(o *okta) string {
	var b strings.Builder
	for _, a := range o.all("/api/v1/apps?limit=200") {
		id := str(a, "id")
		for _, p := range []string{"keys", "csrs", "secrets"} {
			r := o.do("GET", "/api/v1/apps/"+id+"/credentials/"+p, nil)
			if r.status != 200 {
				r.body = nil // error ids differ
			}
			fmt.Fprintf(&b, "%s %s %d %s\n", id, p, r.status, r.body)
		}
	}
	for _, p := range []string{"/api/v1/idps?limit=200", "/api/v1/idps/credentials/keys?limit=200"} {
		r := o.do("GET", p, nil)
		b.Write(r.body)
	}
	return strings.ReplaceAll(b.String(), o.base, "BASE")
}

func TestOktaDeterminism(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a := snapshot(newOkta(t, sim.Options{Seed: 42, Now: now}))
	b := snapshot(newOkta(t, sim.Options{Seed: 42, Now: now}))
	c := snapshot(newOkta(t, sim.Options{Seed: 43, Now: now}))
	if a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Errorf("same seed, different data:\n%.300s\n%.300s", al[i], bl[i])
				break
			}
		}
	}
	if a == c {
		t.Error("different seeds, same data")
	}
}

type findings map[string]bool

func collect(t *testing.T, o *okta, now time.Time) findings {
	f := findings{}
	for _, a := range o.all("/api/v1/apps?limit=200") {
		id := str(a, "id")
		var csrs []map[string]any
		o.ok(200, &csrs, "GET", "/api/v1/apps/"+id+"/credentials/csrs", nil)
		f["app with 1 CSR"] = f["app with 1 CSR"] || len(csrs) == 1
		for _, c := range csrs {
			age := now.Sub(ts(t, str(c, "created")))
			f["CSR pending > 7 days"] = f["CSR pending > 7 days"] || age > 7*24*time.Hour
			f["recent CSR"] = f["recent CSR"] || (age > 0 && age <= 7*24*time.Hour)
		}
		if a["signOnMode"] != "OPENID_CONNECT" || !strings.HasPrefix(str(a, "credentials", "oauthClient", "token_endpoint_auth_method"), "client_secret_") {
			continue
		}
		var ss []map[string]any
		o.ok(200, &ss, "GET", "/api/v1/apps/"+id+"/credentials/secrets", nil)
		active := 0
		for _, s := range ss {
			if s["status"] == "ACTIVE" {
				active++
			}
			f["secret older than 90 days"] = f["secret older than 90 days"] || now.Sub(ts(t, str(s, "created"))) > 90*24*time.Hour
		}
		f["OIDC app with 2 ACTIVE secrets"] = f["OIDC app with 2 ACTIVE secrets"] || active == 2
		f["OIDC app with ACTIVE+INACTIVE"] = f["OIDC app with ACTIVE+INACTIVE"] || (len(ss) == 2 && active == 1)
		f["OIDC app without secret"] = f["OIDC app without secret"] || len(ss) == 0
	}
	keys := map[string]map[string]any{}
	for _, k := range o.all("/api/v1/idps/credentials/keys?limit=200") {
		keys[str(k, "kid")] = k
		left := ts(t, str(k, "expiresAt")).Sub(now)
		cert := x5c0(t, k)
		if !cert.NotAfter.Equal(ts(t, str(k, "expiresAt"))) {
			t.Errorf("expiresAt %v is not the certificate's %v", k["expiresAt"], cert.NotAfter)
		}
		f["expired IdP key"] = f["expired IdP key"] || left < 0
		f["IdP key expiring in 30 days"] = f["IdP key expiring in 30 days"] || (left >= 0 && left <= 30*24*time.Hour)
		f["IdP key expiring in 31-90 days"] = f["IdP key expiring in 31-90 days"] || (left > 30*24*time.Hour && left <= 90*24*time.Hour)
		f["healthy IdP key"] = f["healthy IdP key"] || left > 90*24*time.Hour
		f["RSA IdP key"] = f["RSA IdP key"] || k["kty"] == "RSA"
		f["EC P-256 IdP key"] = f["EC P-256 IdP key"] || k["crv"] == "P-256"
		f["EC P-384 IdP key"] = f["EC P-384 IdP key"] || k["crv"] == "P-384"
		f["wrong x5t#S256"] = f["wrong x5t#S256"] || k["x5t#S256"] != thumb(cert.Raw)
	}
	used := map[string]bool{}
	for _, p := range o.all("/api/v1/idps?limit=200") {
		kid := str(p, "protocol", "credentials", "trust", "kid")
		if kid == "" {
			continue
		}
		used[kid] = true
		k := keys[kid]
		if k == nil {
			t.Errorf("IdP %s trusts a missing key %s", p["id"], kid)
			continue
		}
		left := ts(t, str(k, "expiresAt")).Sub(now)
		if left >= 0 && left <= 30*24*time.Hour {
			f[p["type"].(string)+" IdP trusting a key expiring in 30 days"] = true
		}
		if left > 90*24*time.Hour {
			f["IdP trusting a healthy key"] = true
		}
		if p["type"] == "SAML2" && k["kty"] != "RSA" {
			t.Errorf("SAML2 IdP %s trusts an %v key", p["id"], k["kty"])
		}
	}
	f["unreferenced IdP key"] = len(used) < len(keys)
	return f
}

var wantFindings = []string{
	"app with 1 CSR", "CSR pending > 7 days", "recent CSR", "secret older than 90 days",
	"OIDC app with 2 ACTIVE secrets", "OIDC app with ACTIVE+INACTIVE", "OIDC app without secret",
	"expired IdP key", "IdP key expiring in 30 days", "IdP key expiring in 31-90 days", "healthy IdP key",
	"RSA IdP key", "EC P-256 IdP key", "EC P-384 IdP key", "wrong x5t#S256", "unreferenced IdP key",
	"SAML2 IdP trusting a key expiring in 30 days", "X509 IdP trusting a key expiring in 30 days", "IdP trusting a healthy key",
}

func TestOktaFindings(t *testing.T) {
	now := time.Date(2026, 5, 17, 0, 0, 0, 0, time.UTC)
	for _, o := range []sim.Options{
		{Seed: 1, Now: now},
		{Seed: 2},
		{Seed: 3, Now: now, Apps: 8, IdPs: 3, IdPKeys: 6},
		{Seed: 4, Now: now, Apps: 8, IdPs: 3, IdPKeys: 6},
		{Seed: 5, Now: now, Apps: 40, IdPs: 20, IdPKeys: 300, DistinctCerts: 2},
	} {
		srv := newOkta(t, o)
		f := collect(t, srv, srv.srv.Options().Now)
		for _, w := range wantFindings {
			if !f[w] {
				t.Errorf("%+v: no %q", o, w)
			}
		}
	}
}

// TestOktaIdPKeysBulk generates 100,000 IdP keys sharing 64 certificates and lists them
// all, 200 a page; it logs the timings.
func TestOktaIdPKeysBulk(t *testing.T) {
	if testing.Short() {
		t.Skip("bulk data")
	}
	const n = 100000
	start := time.Now()
	s := sim.New(sim.Options{Seed: 1, IdPKeys: n, DistinctCerts: 64})
	gen := time.Since(start)
	base := s.Start()
	defer s.Close()
	o := &okta{t: t, base: base, srv: s}
	start = time.Now()
	seen := map[string]bool{}
	pages, size := 0, 0
	for path := "/api/v1/idps/credentials/keys?limit=200"; path != ""; pages++ {
		r := o.do("GET", path, nil)
		var page []struct{ Kid string }
		if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
			t.Fatalf("GET %s: %d %v", path, r.status, err)
		}
		for _, k := range page {
			if seen[k.Kid] {
				t.Fatalf("%s listed twice", k.Kid)
			}
			seen[k.Kid] = true
		}
		size += len(r.body)
		path = ""
		if m := nextRE.FindStringSubmatch(strings.Join(r.h.Values("Link"), ",")); m != nil {
			path = m[1]
		}
	}
	list := time.Since(start)
	t.Logf("%d IdP keys, 64 distinct certificates: generated in %v; listed in %v (%d pages, %d MB)", n, gen, list, pages, size>>20)
	if len(seen) != n || pages != n/200 {
		t.Errorf("%d keys in %d pages, want %d in %d", len(seen), pages, n, n/200)
	}
	if gen > 3*time.Second {
		t.Errorf("generation took %v", gen)
	}
}
