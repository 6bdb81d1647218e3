package sim_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

type zitiClient struct {
	t     *testing.T
	base  string
	hc    *http.Client
	token string
}

type zitiResp struct {
	status int
	header http.Header
	body   map[string]any
}

func (c *zitiClient) do(method, path string, body any) zitiResp {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+sim.ZitiPrefix+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("zt-session", c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			c.t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
		}
	}
	return zitiResp{resp.StatusCode, resp.Header, m}
}

// zget walks nested JSON objects.
func zget(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}

func zitiTLSClient(t *testing.T, certPEM, keyPEM string) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(sim.CAPEM()))
	cfg := &tls.Config{RootCAs: pool}
	if certPEM != "" {
		pair, err := tls.X509KeyPair([]byte(certPEM), []byte(keyPEM))
		if err != nil {
			t.Fatal(err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}

func newZiti(t *testing.T, opts sim.Options) (srv *sim.Server, plain, secure string) {
	t.Helper()
	srv = sim.New(opts)
	plain, secure = srv.Start(), srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, plain, secure
}

func zitiLogin(t *testing.T, base string) *zitiClient {
	t.Helper()
	c := &zitiClient{t: t, base: base, hc: http.DefaultClient}
	r := c.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "sim-ziti-password"})
	if r.status != 200 {
		t.Fatalf("login: %d %v", r.status, r.body)
	}
	c.token = zget(r.body, "data", "token").(string)
	return c
}

func wantZitiError(t *testing.T, r zitiResp, status int, code string) {
	t.Helper()
	if r.status != status || zget(r.body, "error", "code") != code {
		t.Fatalf("got %d %v, want %d %s", r.status, r.body, status, code)
	}
	if zget(r.body, "error", "requestId") == "" || zget(r.body, "meta", "apiVersion") != "0.0.1" {
		t.Errorf("error envelope incomplete: %v", r.body)
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestZitiPasswordLogin(t *testing.T) {
	srv, base, _ := newZiti(t, sim.Options{})
	c := &zitiClient{t: t, base: base, hc: http.DefaultClient}
	wantZitiError(t, c.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "wrong-pass"}), 401, "INVALID_AUTH")
	wantZitiError(t, c.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "abc"}), 400, "COULD_NOT_VALIDATE")
	wantZitiError(t, c.do("POST", "/authenticate?method=magic", map[string]string{}), 400, "INVALID_AUTH_METHOD")

	r := c.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "sim-ziti-password"})
	if r.status != 200 {
		t.Fatalf("login: %d %v", r.status, r.body)
	}
	tok, _ := zget(r.body, "data", "token").(string)
	if !uuidRE.MatchString(tok) || r.header.Get("zt-session") != tok {
		t.Fatalf("token %q, header %q", tok, r.header.Get("zt-session"))
	}
	if r.header.Get("expiration-seconds") != "1800" || r.header.Get("expires-at") == "" {
		t.Errorf("session headers: %v", r.header)
	}
	if _, err := time.Parse("2006-01-02T15:04:05.000Z07:00", zget(r.body, "data", "expiresAt").(string)); err != nil {
		t.Errorf("expiresAt: %v", err)
	}
	c.token = tok
	for range 3 {
		s := c.do("GET", "/current-api-session", nil)
		if s.status != 200 || zget(s.body, "data", "token") != tok || zget(s.body, "data", "identity", "name") != "credsql-bot" ||
			zget(s.body, "data", "isMfaRequired") != false || zget(s.body, "data", "expirationSeconds") != 1800.0 {
			t.Fatalf("current-api-session: %d %v", s.status, s.body)
		}
		if q, ok := zget(s.body, "data", "authQueries").([]any); !ok || len(q) != 0 {
			t.Errorf("authQueries: %v", zget(s.body, "data", "authQueries"))
		}
	}
	if n := srv.ZitiLogins(); n != 1 {
		t.Errorf("ZitiLogins = %d, want 1 (the session is reused)", n)
	}
}

func TestZitiSessionExpiry(t *testing.T) {
	clock := sim.NewFakeClock(time.Now())
	srv, base, _ := newZiti(t, sim.Options{ZitiSessionTTL: 400 * time.Millisecond, Clock: clock.Now})
	anon := &zitiClient{t: t, base: base, hc: http.DefaultClient}
	r := anon.do("GET", "/current-api-session", nil)
	wantZitiError(t, r, 401, "UNAUTHORIZED")
	if wa := r.header.Get("WWW-Authenticate"); !strings.Contains(wa, `zt-session realm="zt-session" error="missing"`) {
		t.Errorf("missing challenge: %q", wa)
	}
	anon.token = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
	r = anon.do("GET", "/current-api-session", nil)
	wantZitiError(t, r, 401, "UNAUTHORIZED")
	const invalid = `zt-session realm="zt-session" error="invalid" error_description="token is invalid"`
	if wa := r.header.Get("WWW-Authenticate"); wa != invalid {
		t.Errorf("invalid challenge: %q", wa)
	}

	c := zitiLogin(t, base)
	for range 6 { // 600ms in all: the expiry slides with activity
		clock.Advance(100 * time.Millisecond)
		if r := c.do("GET", "/current-identity/authenticators", nil); r.status != 200 {
			t.Fatalf("active session refused: %d %v", r.status, r.body)
		}
	}
	clock.Advance(600 * time.Millisecond)
	r = c.do("GET", "/current-api-session", nil)
	wantZitiError(t, r, 401, "UNAUTHORIZED")
	if wa := r.header.Get("WWW-Authenticate"); wa != invalid {
		t.Errorf("expired challenge: %q", wa)
	}

	c.token = srv.ZitiSessionToken()
	if r := c.do("GET", "/current-api-session", nil); r.status != 200 {
		t.Fatalf("ZitiSessionToken: %d", r.status)
	}
	srv.ExpireZitiSessions()
	if r := c.do("GET", "/current-api-session", nil); r.status != 401 || r.header.Get("WWW-Authenticate") != invalid {
		t.Fatalf("after ExpireZitiSessions: %d %v", r.status, r.header)
	}
}

func TestZitiLogout(t *testing.T) {
	_, base, _ := newZiti(t, sim.Options{})
	c := zitiLogin(t, base)
	r := c.do("DELETE", "/current-api-session", nil)
	if r.status != 200 || fmt.Sprint(r.body) != "map[data:map[] meta:map[]]" {
		t.Fatalf("logout: %d %v", r.status, r.body)
	}
	wantZitiError(t, c.do("GET", "/current-api-session", nil), 401, "UNAUTHORIZED")
}

func TestZitiCertLogin(t *testing.T) {
	srv, base, secure := newZiti(t, sim.Options{})
	certPEM, keyPEM := srv.ZitiClientCertPEM()
	c := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, certPEM, keyPEM)}
	r := c.do("POST", "/authenticate?method=cert", map[string]any{})
	if r.status != 200 {
		t.Fatalf("cert login: %d %v", r.status, r.body)
	}
	c.token = zget(r.body, "data", "token").(string)
	authID := zget(r.body, "data", "authenticatorId").(string)
	if zget(r.body, "data", "isCertExtendable") != true {
		t.Errorf("isCertExtendable: %v", r.body)
	}
	a := c.do("GET", "/current-identity/authenticators/"+authID, nil)
	if zget(a.body, "data", "method") != "cert" || zget(a.body, "data", "fingerprint") != fingerprintPEM(t, certPEM) {
		t.Errorf("login authenticator: %v", a.body)
	}

	noCert := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, "", "")}
	wantZitiError(t, noCert.do("POST", "/authenticate?method=cert", nil), 401, "INVALID_AUTH")
	plain := &zitiClient{t: t, base: base, hc: http.DefaultClient}
	wantZitiError(t, plain.do("POST", "/authenticate?method=cert", nil), 401, "INVALID_AUTH")
	selfCert, selfKey := selfSignedClient(t)
	stranger := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, selfCert, selfKey)}
	wantZitiError(t, stranger.do("POST", "/authenticate?method=cert", nil), 401, "INVALID_AUTH")
	if n := srv.ZitiLogins(); n != 1 {
		t.Errorf("ZitiLogins = %d, want 1", n)
	}
}

func fingerprintPEM(t *testing.T, certPEM string) string {
	t.Helper()
	blk, _ := pem.Decode([]byte(certPEM))
	if blk == nil {
		t.Fatalf("not PEM: %q", certPEM)
	}
	sum := sha1.Sum(blk.Bytes)
	return hex.EncodeToString(sum[:])
}

func newKeyPEM(t *testing.T) (*ecdsa.PrivateKey, string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	return key, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func selfSignedClient(t *testing.T) (certPEM, keyPEM string) {
	key, keyPEM := newKeyPEM(t)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "stranger"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), keyPEM
}

// zitiListAll pages through the authenticators with limit, checking the envelope.
func zitiListAll(t *testing.T, c *zitiClient, limit int, filter string) (ids []string, items []map[string]any) {
	t.Helper()
	for offset, pages := 0, 0; ; pages++ {
		q := url.Values{"limit": {fmt.Sprint(limit)}, "offset": {fmt.Sprint(offset)}}
		if filter != "" {
			q.Set("filter", filter)
		}
		r := c.do("GET", "/current-identity/authenticators?"+q.Encode(), nil)
		if r.status != 200 {
			t.Fatalf("list: %d %v", r.status, r.body)
		}
		pg := zget(r.body, "meta", "pagination").(map[string]any)
		applied, total := int(pg["limit"].(float64)), int(pg["totalCount"].(float64))
		data := r.body["data"].([]any)
		for _, d := range data {
			m := d.(map[string]any)
			ids = append(ids, m["id"].(string))
			items = append(items, m)
		}
		offset += applied
		if offset >= total || pages > 50 {
			if len(ids) != total {
				t.Fatalf("listed %d items, totalCount %d", len(ids), total)
			}
			return ids, items
		}
	}
}

func TestZitiListPagination(t *testing.T) {
	_, base, _ := newZiti(t, sim.Options{PageSize: 2})
	c := zitiLogin(t, base)
	r := c.do("GET", "/current-identity/authenticators?limit=500", nil)
	if got := zget(r.body, "meta", "pagination", "limit"); got != 2.0 || len(r.body["data"].([]any)) != 2 {
		t.Fatalf("PageSize 2: limit %v, %d items", got, len(r.body["data"].([]any)))
	}
	if f, _ := zget(r.body, "meta", "filterableFields").([]any); len(f) == 0 {
		t.Errorf("filterableFields missing")
	}
	ids, items := zitiListAll(t, c, 500, "")
	if len(ids) != 6 {
		t.Fatalf("got %d authenticators, want 6", len(ids))
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] || i > 0 && ids[i-1] >= id {
			t.Fatalf("ids not unique and ascending: %v", ids)
		}
		seen[id] = true
	}
	methods := map[string]int{}
	for _, it := range items {
		methods[it["method"].(string)]++
		if it["identityId"] == "" || zget(it, "identity", "entity") != "identities" || zget(it, "_links", "self", "href") != "./current-identity/authenticators/"+it["id"].(string) {
			t.Errorf("authenticator shape: %v", it)
		}
		if it["method"] == "cert" && fingerprintPEM(t, it["certPem"].(string)) != it["fingerprint"] {
			t.Errorf("fingerprint does not match certPem: %v", it["fingerprint"])
		}
	}
	if methods["updb"] != 1 || methods["cert"] != 5 {
		t.Errorf("methods: %v", methods)
	}
}

func TestZitiListLimits(t *testing.T) {
	_, base, _ := newZiti(t, sim.Options{})
	c := zitiLogin(t, base)
	for _, tc := range []struct {
		query string
		limit float64
	}{{"", 10}, {"?limit=1000", 500}, {"?limit=3", 3}, {"?limit=0", 10}} {
		r := c.do("GET", "/current-identity/authenticators"+tc.query, nil)
		if got := zget(r.body, "meta", "pagination", "limit"); got != tc.limit {
			t.Errorf("%q: limit %v, want %v", tc.query, got, tc.limit)
		}
	}
	r := c.do("GET", "/current-identity/authenticators?limit=2&offset=4", nil)
	if len(r.body["data"].([]any)) != 2 || zget(r.body, "meta", "pagination", "offset") != 4.0 || zget(r.body, "meta", "pagination", "totalCount") != 6.0 {
		t.Errorf("offset 4: %v", r.body["meta"])
	}
	wantZitiError(t, c.do("GET", "/current-identity/authenticators?limit=ten", nil), 400, "INVALID_PAGINATION")
	wantZitiError(t, c.do("GET", "/current-identity/authenticators?offset=1.5", nil), 400, "INVALID_PAGINATION")
}

func TestZitiUpdateAuthenticator(t *testing.T) {
	_, base, _ := newZiti(t, sim.Options{})
	c := zitiLogin(t, base)
	_, all := zitiListAll(t, c, 500, "")
	var updbID, certID string
	for _, a := range all {
		if a["method"] == "updb" {
			updbID = a["id"].(string)
		} else {
			certID = a["id"].(string)
		}
	}
	wantZitiError(t, c.do("GET", "/current-identity/authenticators/nope", nil), 404, "NOT_FOUND")

	r := c.do("PUT", "/current-identity/authenticators/"+updbID, map[string]string{"username": "credsql-bot", "password": "n3w-s3cret", "currentPassword": "not-the-one"})
	wantZitiError(t, r, 401, "UNAUTHORIZED")
	if wa := r.header.Get("WWW-Authenticate"); wa != "" {
		t.Errorf("wrong currentPassword carries a challenge: %q", wa)
	}
	if cause := fmt.Sprint(zget(r.body, "error", "cause")); cause != "map[field:currentPassword reason:invalid current password value:not-the-one]" {
		t.Errorf("cause: %s", cause)
	}
	wantZitiError(t, c.do("PUT", "/current-identity/authenticators/"+updbID, map[string]string{"password": "n3w-s3cret", "currentPassword": "sim-ziti-password"}), 400, "COULD_NOT_VALIDATE")
	wantZitiError(t, c.do("PUT", "/current-identity/authenticators/"+certID, map[string]string{"username": "credsql-bot", "password": "n3w-s3cret", "currentPassword": "sim-ziti-password"}), 409, "CAN_NOT_UPDATE_AUTHENTICATOR")

	r = c.do("PUT", "/current-identity/authenticators/"+updbID, map[string]any{"username": "credsql-bot", "password": "n3w-s3cret", "currentPassword": "sim-ziti-password", "tags": map[string]string{"rotatedBy": "credsql"}})
	if r.status != 200 || fmt.Sprint(r.body) != "map[data:map[] meta:map[]]" {
		t.Fatalf("PUT: %d %v", r.status, r.body)
	}
	if tags := zget(c.do("GET", "/current-identity/authenticators/"+updbID, nil).body, "data", "tags", "rotatedBy"); tags != "credsql" {
		t.Errorf("tags after PUT: %v", tags)
	}
	anon := &zitiClient{t: t, base: base, hc: http.DefaultClient}
	wantZitiError(t, anon.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "sim-ziti-password"}), 401, "INVALID_AUTH")
	if r := anon.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "n3w-s3cret"}); r.status != 200 {
		t.Fatalf("login with the new password: %d", r.status)
	}

	wantZitiError(t, c.do("PATCH", "/current-identity/authenticators/"+updbID, map[string]string{"password": "th1rd-pass"}), 400, "COULD_NOT_VALIDATE")
	r = c.do("PATCH", "/current-identity/authenticators/"+updbID, map[string]string{"currentPassword": "n3w-s3cret", "password": "th1rd-pass"})
	if r.status != 200 {
		t.Fatalf("PATCH: %d %v", r.status, r.body)
	}
	if r := anon.do("POST", "/authenticate?method=password", map[string]string{"username": "credsql-bot", "password": "th1rd-pass"}); r.status != 200 {
		t.Fatalf("login after PATCH: %d", r.status)
	}
	wantZitiError(t, c.do("PATCH", "/current-identity/authenticators/"+certID, map[string]string{"currentPassword": "th1rd-pass"}), 409, "CAN_NOT_UPDATE_AUTHENTICATOR")
}

func TestZitiExtend(t *testing.T) {
	srv, base, secure := newZiti(t, sim.Options{})
	certPEM, keyPEM := srv.ZitiClientCertPEM()
	c := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, certPEM, keyPEM)}
	r := c.do("POST", "/authenticate?method=cert", nil)
	c.token = zget(r.body, "data", "token").(string)
	authID := zget(r.body, "data", "authenticatorId").(string)

	key, csrPEM := newCSR(t)
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	newKeyPEMStr := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))

	// Over plain HTTP with a password session there is no client certificate.
	pw := zitiLogin(t, base)
	wantZitiError(t, pw.do("POST", "/current-identity/authenticators/"+authID+"/extend", map[string]string{"clientCertCsr": csrPEM}), 401, "UNAUTHORIZED")
	wantZitiError(t, c.do("POST", "/current-identity/authenticators/"+authID+"/extend", map[string]string{}), 400, "COULD_NOT_VALIDATE")

	r = c.do("POST", "/current-identity/authenticators/"+authID+"/extend", map[string]string{"clientCertCsr": csrPEM})
	if r.status != 200 || zget(r.body, "data", "ca") != sim.CAPEM() {
		t.Fatalf("extend: %d %v", r.status, r.body)
	}
	newCert := zget(r.body, "data", "clientCert").(string)
	blk, _ := pem.Decode([]byte(newCert))
	x, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(sim.CAPEM()))
	if _, err := x.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil {
		t.Fatalf("extended certificate does not chain to the CA: %v", err)
	}
	if !x.PublicKey.(*ecdsa.PublicKey).Equal(&key.PublicKey) || x.NotAfter.Sub(x.NotBefore) < 364*24*time.Hour {
		t.Errorf("extended certificate: key or validity wrong (%v–%v)", x.NotBefore, x.NotAfter)
	}
	// Until verified the old certificate stays.
	if fp := zget(c.do("GET", "/current-identity/authenticators/"+authID, nil).body, "data", "fingerprint"); fp != fingerprintPEM(t, certPEM) {
		t.Errorf("fingerprint changed before extend-verify")
	}
	selfCert, _ := selfSignedClient(t)
	wantZitiError(t, c.do("POST", "/current-identity/authenticators/"+authID+"/extend-verify", map[string]string{"clientCert": selfCert}), 400, "COULD_NOT_VALIDATE")
	r = c.do("POST", "/current-identity/authenticators/"+authID+"/extend-verify", map[string]string{"clientCert": newCert})
	if r.status != 200 || fmt.Sprint(r.body) != "map[data:map[] meta:map[]]" {
		t.Fatalf("extend-verify: %d %v", r.status, r.body)
	}
	a := c.do("GET", "/current-identity/authenticators/"+authID, nil)
	if zget(a.body, "data", "fingerprint") != fingerprintPEM(t, newCert) || zget(a.body, "data", "certPem") != newCert {
		t.Errorf("after extend-verify: %v", a.body)
	}
	renewed := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, newCert, newKeyPEMStr)}
	if r := renewed.do("POST", "/authenticate?method=cert", nil); r.status != 200 || zget(r.body, "data", "authenticatorId") != authID {
		t.Fatalf("login with the extended certificate: %d %v", r.status, r.body)
	}
	old := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, certPEM, keyPEM)}
	wantZitiError(t, old.do("POST", "/authenticate?method=cert", nil), 401, "INVALID_AUTH")
}

func TestZitiExtendRefused(t *testing.T) {
	srv, _, secure := newZiti(t, sim.Options{})
	certPEM, keyPEM := srv.ZitiClientCertPEM()
	c := &zitiClient{t: t, base: secure, hc: zitiTLSClient(t, certPEM, keyPEM)}
	c.token = zget(c.do("POST", "/authenticate?method=cert", nil).body, "data", "token").(string)
	_, third := zitiListAll(t, c, 500, `method = "cert" and isIssuedByNetwork = false`)
	_, updb := zitiListAll(t, c, 500, `method = "updb"`)
	_, csrPEM := newCSR(t)
	body := map[string]string{"clientCertCsr": csrPEM}
	// The client certificate is not the third-party authenticator's.
	wantZitiError(t, c.do("POST", "/current-identity/authenticators/"+third[0]["id"].(string)+"/extend", body), 401, "UNAUTHORIZED")
	wantZitiError(t, c.do("POST", "/current-identity/authenticators/"+updb[0]["id"].(string)+"/extend", body), 400, "COULD_NOT_VALIDATE")
}

func newCSR(t *testing.T) (*ecdsa.PrivateKey, string) {
	t.Helper()
	key, _ := newKeyPEM(t)
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "credsql-bot"}}, key)
	if err != nil {
		t.Fatal(err)
	}
	return key, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
}
