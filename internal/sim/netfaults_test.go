package sim_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

func TestEntryOf(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{})
	for _, c := range []struct {
		method, path string
		want         routes.Route
	}{
		{"POST", "/api/v1/apps/0oa1/credentials/secrets", oktaroutes.CreateClientSecret},
		{"DELETE", sim.ZitiPrefix + "/current-api-session", zitiroutes.Logout},
		{"PUT", sim.OPAPrefix + "/v1/teams/acme/service_users/OPA%20User", oparoutes.UpdateServiceUser},
		{"PATCH", "/api/v1/apps/0oa1/credentials/secrets", routes.Route{}}, // a known path, not a known method
		{"GET", "/api/v1/nothing/here", routes.Route{}},
	} {
		if got := s.EntryOf(c.method, c.path); got != c.want {
			t.Errorf("EntryOf(%s %s) = %v, want %v", c.method, c.path, got, c.want)
		}
	}
}

// secretCount is how many client secrets an app has, read over HTTP.
func secretCount(o *okta, app string) int {
	o.t.Helper()
	r := o.do("GET", "/api/v1/apps/"+app+"/credentials/secrets", nil)
	var list []any
	if err := json.Unmarshal(r.body, &list); err != nil {
		o.t.Fatalf("%d %s: %v", r.status, r.body, err)
	}
	return len(list)
}

// firstOIDCApp is an app with at most one client secret, so that one more can be created.
func firstOIDCApp(o *okta) string {
	o.t.Helper()
	r := o.do("GET", "/api/v1/apps?limit=200", nil)
	var apps []map[string]any
	if err := json.Unmarshal(r.body, &apps); err != nil {
		o.t.Fatal(err)
	}
	for _, a := range apps {
		if a["signOnMode"] == "OPENID_CONNECT" && secretCount(o, a["id"].(string)) < 2 {
			return a["id"].(string)
		}
	}
	o.t.Fatal("no OIDC app")
	return ""
}

// A proxy's 502 after the write was applied: the change is made, the answer is an HTML page
// without the vendor's request id. A 429 is never applied, even when asked to be.
func TestGatewayAndRateLimitFaults(t *testing.T) {
	t.Parallel()
	o := newOkta(t, sim.Options{})
	app := firstOIDCApp(o)
	route := oktaroutes.CreateClientSecret
	for _, c := range []struct {
		inj     sim.Injection
		status  int
		applied int
	}{
		{sim.Injection{Entry: route, Kind: sim.FaultGateway, Apply: true}, http.StatusBadGateway, 1},
		{sim.Injection{Entry: route, Kind: sim.Fault429, Apply: true}, http.StatusTooManyRequests, 0},
	} {
		before := secretCount(o, app)
		o.srv.Inject(c.inj)
		r := o.do("POST", "/api/v1/apps/"+app+"/credentials/secrets", []byte(`{}`))
		if r.status != c.status {
			t.Errorf("%s: status %d, want %d", c.inj.Kind, r.status, c.status)
		}
		if c.inj.Kind == sim.FaultGateway && (r.h.Get("X-Okta-Request-Id") != "" || !strings.Contains(string(r.body), "502 Bad Gateway")) {
			t.Errorf("gateway answer: %v %s", r.h, r.body)
		}
		if got := secretCount(o, app) - before; got != c.applied {
			t.Errorf("%s: %d secrets created, want %d", c.inj.Kind, got, c.applied)
		}
	}
}

// WaitIdle returns once a request the client gave up on has ended, and its call is logged.
func TestWaitIdle(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{Faults: sim.Faults{Stall: time.Minute}})
	base := s.Start()
	t.Cleanup(s.Close)
	s.Inject(sim.Injection{Entry: oktaroutes.ListApps, Kind: sim.FaultTimeout})
	c := &http.Client{Timeout: 100 * time.Millisecond}
	req, _ := http.NewRequest("GET", base+"/api/v1/apps", nil)
	req.Header.Set("Authorization", "SSWS "+s.Options().OktaToken)
	if _, err := c.Do(req); err == nil {
		t.Fatal("the stalled request was answered")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if s.InFlight() != 0 || s.Count(oktaroutes.ListApps) != 1 {
		t.Errorf("in flight %d, calls %d", s.InFlight(), s.Count(oktaroutes.ListApps))
	}
}

// The network faults fail before any request is read: a refused connection, a TLS handshake
// answered with garbage or hung up on.
func TestNetworkFaults(t *testing.T) {
	t.Parallel()
	u, err := sim.RefusedURL()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(u); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("GET %s: %v, want a refused connection", u, err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM([]byte(sim.CAPEM()))
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	for _, f := range []sim.HandshakeFault{sim.HandshakeGarbage, sim.HandshakeHangup} {
		b, err := sim.StartBrokenTLS(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Post(b.URL+"/x", "application/json", strings.NewReader(`{}`))
		if err == nil {
			t.Errorf("%s: the request was answered", f)
		}
		b.Close()
		if b.Conns() != 1 {
			t.Errorf("%s: %d connections, want 1", f, b.Conns())
		}
	}
}
