package ziti_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

var (
	loginRoute = zitiroutes.Authenticate
	listRoute  = zitiroutes.ListMyAuthenticators
	getRoute   = zitiroutes.GetMyAuthenticator
	putRoute   = zitiroutes.UpdateAuthenticator
	hint       = "Check environment variables ZITI_USERNAME and ZITI_PASSWORD."
)

func startSim(t *testing.T, o sim.Options) (*sim.Server, string) {
	t.Helper()
	s := sim.New(o)
	u := s.Start()
	t.Cleanup(s.Close)
	return s, u
}

func passwordCreds(s *sim.Server) ziti.Credentials {
	o := s.Options()
	return ziti.Credentials{Username: o.ZitiUsername, Password: o.ZitiPassword}
}

func newClient(t *testing.T, base string, cr ziti.Credentials, mod func(*ziti.Options)) *ziti.Client {
	t.Helper()
	o := ziti.Options{Connection: "edge", URL: base + sim.ZitiPrefix, Credentials: cr, Hint: hint, Tuning: fetch.Tuning{MaxRetries: 1}}
	if mod != nil {
		mod(&o)
	}
	c, err := ziti.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func collect(t *testing.T, c *ziti.Client, f ziti.Filter) []ziti.Authenticator {
	t.Helper()
	var out []ziti.Authenticator
	for a, err := range c.Authenticators(context.Background(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func firstOf(t *testing.T, c *ziti.Client, method string) ziti.Authenticator {
	t.Helper()
	as := collect(t, c, ziti.Filter{Method: method})
	if len(as) == 0 {
		t.Fatalf("no %s authenticator", method)
	}
	return as[0]
}

func TestPasswordLoginIsLazyAndReused(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), nil)
	if s.CallCount() != 0 {
		t.Fatalf("New made %d calls", s.CallCount())
	}
	ctx := context.Background()
	for range 5 {
		if _, err := c.CurrentAPISession(ctx); err != nil {
			t.Fatal(err)
		}
		collect(t, c, ziti.Filter{})
	}
	if n := s.ZitiLogins(); n != 1 {
		t.Errorf("%d logins for 10 calls, want 1", n)
	}
	if n := s.Count(loginRoute); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
}

func TestSessionExpiryRenewsOnceUnderConcurrency(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(*sim.Server) string
	}{
		{"challenge", func(s *sim.Server) string { return s.Start() }},
		// Controllers before 2.0 send no WWW-Authenticate: any 401 counts (ziti.md §1.3).
		{"no challenge", func(s *sim.Server) string {
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s.ServeHTTP(noChallenge{w}, r)
			}))
			return hs.URL
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Lists are slow and logins fast, and the calls start staggered: 401s for the old
			// session keep arriving after the new session exists, and must not drop it.
			s := sim.New(sim.Options{PageLatency: 40 * time.Millisecond})
			t.Cleanup(s.Close)
			c := newClient(t, tc.wrap(s), passwordCreds(s), func(o *ziti.Options) { o.Concurrency = 16 })
			ctx := context.Background()
			for round := 1; round <= 2; round++ {
				collect(t, c, ziti.Filter{})
				s.ExpireZitiSessions()
				before := s.ZitiLogins()
				var wg sync.WaitGroup
				errs := make(chan error, 16)
				for range 16 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for _, err := range c.Authenticators(ctx, ziti.Filter{}) {
							if err != nil {
								errs <- err
								return
							}
						}
					}()
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					if err != nil {
						t.Fatalf("round %d: %v", round, err)
					}
				}
				if n := s.ZitiLogins() - before; n != 1 {
					t.Errorf("round %d: %d logins after one expiry, want 1", round, n)
				}
			}
		})
	}
}

type noChallenge struct{ http.ResponseWriter }

func (w noChallenge) WriteHeader(code int) {
	w.Header().Del("WWW-Authenticate")
	w.ResponseWriter.WriteHeader(code)
}

func TestWrongPassword(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, ziti.Credentials{Username: "credsql-bot", Password: "not-the-password"}, nil)
	_, err := c.CurrentAPISession(context.Background())
	if !errors.Is(err, fetch.ErrUnauthorized) {
		t.Fatalf("err = %v, want 401", err)
	}
	msg := err.Error()
	for _, want := range []string{`connection "edge"`, "INVALID_AUTH", hint} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	if strings.Contains(msg, "not-the-password") {
		t.Errorf("error leaks the password: %q", msg)
	}
	if n := s.CallCount(); n != 1 {
		t.Errorf("%d calls, want 1 (a failed login is not retried)", n)
	}
}

func TestGivenSessionToken(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	tok := s.ZitiSessionToken()
	c := newClient(t, u, ziti.Credentials{SessionToken: tok}, nil)
	ctx := context.Background()
	sess, err := c.CurrentAPISession(ctx)
	if err != nil || sess.Token != tok {
		t.Fatalf("session %+v, %v", sess, err)
	}
	if s.ZitiLogins() != 0 {
		t.Errorf("a given token logged in")
	}
	s.ExpireZitiSessions()
	s.ResetCalls()
	_, err = c.CurrentAPISession(ctx)
	if !errors.Is(err, fetch.ErrUnauthorized) || !strings.Contains(err.Error(), hint) || strings.Contains(err.Error(), tok) {
		t.Errorf("expired given token: %v", err)
	}
	if n := s.CallCount(); n != 1 {
		t.Errorf("%d calls, want 1: a given token cannot be renewed", n)
	}
}

func TestPaginationAndEarlyStop(t *testing.T) {
	s, u := startSim(t, sim.Options{PageSize: 2})
	c := newClient(t, u, passwordCreds(s), nil)
	all := collect(t, c, ziti.Filter{})
	if len(all) != 6 {
		t.Fatalf("%d authenticators, want 6", len(all))
	}
	var offsets []string
	for _, call := range s.Calls() {
		if call.Entry == listRoute {
			q, _ := url.ParseQuery(call.Query)
			if q.Get("limit") != "500" {
				t.Errorf("limit %q, want 500", q.Get("limit"))
			}
			offsets = append(offsets, q.Get("offset"))
		}
	}
	if strings.Join(offsets, ",") != "0,2,4" {
		t.Errorf("offsets %v, want 0,2,4", offsets)
	}

	s.ResetCalls()
	n := 0
	for _, err := range c.Authenticators(context.Background(), ziti.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if got := s.Count(listRoute); got != 2 {
		t.Errorf("stopping after 3 items made %d list calls, want 2", got)
	}
}

func TestFilterIsPushed(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), nil)
	certs := collect(t, c, ziti.Filter{Method: "cert"})
	if len(certs) != 5 {
		t.Fatalf("%d cert authenticators, want 5", len(certs))
	}
	for _, a := range certs {
		if a.Method != "cert" || a.CertPEM == "" || a.Fingerprint == "" {
			t.Errorf("not a cert authenticator: %+v", a)
		}
	}
	for _, call := range s.Calls() {
		if call.Entry == listRoute {
			q, _ := url.ParseQuery(call.Query)
			if q.Get("filter") != `(method = "cert")` {
				t.Errorf("filter %q", q.Get("filter"))
			}
		}
	}
}

func TestFilterString(t *testing.T) {
	for _, tc := range []struct {
		f    ziti.Filter
		want string
	}{
		{ziti.Filter{}, ""},
		{ziti.Filter{Method: "cert"}, `(method = "cert")`},
		{ziti.Filter{Method: `a"b\c`}, `(method = "a\"b\\c")`},
		{ziti.Filter{Method: "tab\there\nnl"}, `(method = "tab\there\nnl")`},
		{ziti.Filter{Method: "bell\a"}, ""}, // not expressible: left to the engine
	} {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestWrongCurrentPasswordIsTheUsers(t *testing.T) {
	for _, stripChallenge := range []bool{false, true} {
		s := sim.New(sim.Options{})
		t.Cleanup(s.Close)
		base := s.Start()
		if stripChallenge {
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.ServeHTTP(noChallenge{w}, r) }))
			t.Cleanup(hs.Close)
			base = hs.URL
		}
		c := newClient(t, base, passwordCreds(s), nil)
		ctx := context.Background()
		id := firstOf(t, c, "updb").ID
		logins := s.ZitiLogins()
		s.ResetCalls()
		const wrong = "wr0ng-current-pass"
		newPass := "n3w-passw0rd!"
		errs := []error{
			c.UpdateAuthenticator(ctx, id, ziti.AuthenticatorUpdate{Username: "credsql-bot", Password: newPass, CurrentPassword: wrong}),
			c.PatchAuthenticator(ctx, id, ziti.AuthenticatorPatch{CurrentPassword: wrong, Password: &newPass}),
		}
		for _, err := range errs {
			if !errors.Is(err, fetch.ErrUnauthorized) {
				t.Fatalf("err = %v, want 401", err)
			}
			msg := err.Error()
			if strings.Contains(msg, wrong) || strings.Contains(msg, newPass) {
				t.Errorf("error leaks a password: %q", msg)
			}
			if !strings.Contains(msg, "currentPassword: invalid current password") || strings.Contains(msg, hint) {
				t.Errorf("error does not say the current password is wrong: %q", msg)
			}
			var ae *fetch.APIError
			if !errors.As(err, &ae) || ae.RequestID == "" || ae.Code != "UNAUTHORIZED" {
				t.Errorf("APIError fields: %+v", ae)
			}
		}
		if s.ZitiLogins() != logins || s.Count(loginRoute) != 0 {
			t.Errorf("challenge stripped %v: a wrong current password caused a login", stripChallenge)
		}
		if n := s.CallCount(); n != 2 {
			t.Errorf("%d calls, want 2 (no retry)", n)
		}
		// The right current password works, and the next login uses the configured one.
		if err := c.PatchAuthenticator(ctx, id, ziti.AuthenticatorPatch{CurrentPassword: s.Options().ZitiPassword, Username: ptr("credsql-bot2")}); err != nil {
			t.Fatal(err)
		}
		if a, err := c.Authenticator(ctx, id); err != nil || a.Username != "credsql-bot2" {
			t.Errorf("after PATCH: %+v, %v", a, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestNotFoundEnvelope(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), nil)
	_, err := c.Authenticator(context.Background(), "no/such id")
	var ae *fetch.APIError
	if !errors.As(err, &ae) || !errors.Is(err, fetch.ErrNotFound) || ae.Code != "NOT_FOUND" || ae.RequestID == "" ||
		ae.Op != "GET /current-identity/authenticators/{id}" {
		t.Fatalf("err = %#v", err)
	}
	if got := s.Calls()[len(s.Calls())-1].Path; got != sim.ZitiPrefix+"/current-identity/authenticators/no%2Fsuch%20id" {
		t.Errorf("path %q", got)
	}
}

func TestLogout(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), nil)
	ctx := context.Background()
	if err := c.Logout(ctx); !errors.Is(err, ziti.ErrNoSession) || s.CallCount() != 0 {
		t.Fatalf("logout without a session: %v, %d calls", err, s.CallCount())
	}
	first, err := c.CurrentAPISession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	if n := s.Count(zitiroutes.Logout); n != 1 {
		t.Errorf("%d logout calls", n)
	}
	second, err := c.CurrentAPISession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.ZitiLogins() != 2 || second.ID == first.ID {
		t.Errorf("after logout: %d logins, session %s then %s", s.ZitiLogins(), first.ID, second.ID)
	}
}

func TestMFALoginIsRefused(t *testing.T) {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == sim.ZitiPrefix+"/authenticate" {
			_, _ = w.Write([]byte(`{"data":{"id":"s1","token":"3c9c1a3e-mfa-pending-token","isMfaRequired":true,
				"authQueries":[{"typeId":"MFA","provider":"ziti","httpMethod":"POST","httpUrl":"./authenticate/mfa"}]},"meta":{}}`))
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"code":"UNAUTHORIZED","message":"mfa pending"},"meta":{}}`))
	}))
	t.Cleanup(hs.Close)
	c := newClient(t, hs.URL, ziti.Credentials{Username: "credsql-bot", Password: "sim-ziti-password"}, nil)
	_, err := c.CurrentAPISession(context.Background())
	if err == nil || !strings.Contains(err.Error(), "multi-factor authentication (MFA)") || !strings.Contains(err.Error(), `"edge"`) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "3c9c1a3e-mfa-pending-token") {
		t.Errorf("error leaks the token: %v", err)
	}
}

// certFiles writes the simulator's client certificate, key and CA to files.
func certFiles(t *testing.T, s *sim.Server) (certFile, keyFile, caFile string) {
	t.Helper()
	dir := t.TempDir()
	certPEM, keyPEM := s.ZitiClientCertPEM()
	for name, content := range map[string]string{"client.pem": certPEM, "client.key": keyPEM, "ca.pem": sim.CAPEM()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "client.pem"), filepath.Join(dir, "client.key"), filepath.Join(dir, "ca.pem")
}

func TestCertLoginAndExtend(t *testing.T) {
	s := sim.New(sim.Options{})
	t.Cleanup(s.Close)
	secure := s.StartTLS()
	certFile, keyFile, caFile := certFiles(t, s)
	creds := ziti.Credentials{ClientCertFile: certFile, ClientKeyFile: keyFile}
	c := newClient(t, secure, creds, func(o *ziti.Options) { o.CAFile = caFile })
	ctx := context.Background()
	sess, err := c.CurrentAPISession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sess.IsCertExtendable || s.ZitiLogins() != 1 {
		t.Fatalf("cert session %+v, %d logins", sess, s.ZitiLogins())
	}
	if q := s.Calls()[0].Query; q != "method=cert" {
		t.Errorf("login query %q", q)
	}

	csr := testenv.CSRPEM(t)
	ext, err := c.Extend(ctx, sess.AuthenticatorID, csr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ext.ClientCert, "BEGIN CERTIFICATE") || ext.CA != sim.CAPEM() {
		t.Fatalf("extension %+v", ext)
	}
	if err := c.ExtendVerify(ctx, sess.AuthenticatorID, ext.ClientCert); err != nil {
		t.Fatal(err)
	}
	a, err := c.Authenticator(ctx, sess.AuthenticatorID)
	if err != nil || a.CertPEM != ext.ClientCert {
		t.Errorf("after extend-verify: %v, cert changed %v", err, a.CertPEM == ext.ClientCert)
	}

	// Without the private CA the controller's certificate is not trusted.
	untrusting := newClient(t, secure, creds, nil)
	if _, err := untrusting.CurrentAPISession(ctx); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("without the CA file: %v", err)
	}
	// A password session has no client certificate: extend is refused before any call.
	pw := newClient(t, secure, passwordCreds(s), func(o *ziti.Options) { o.CAFile = caFile })
	s.ResetCalls()
	if _, err := pw.Extend(ctx, sess.AuthenticatorID, csr); err == nil || !strings.Contains(err.Error(), "mTLS") || s.CallCount() != 0 {
		t.Errorf("extend without a client certificate: %v, %d calls", err, s.CallCount())
	}
}

func TestNewRefusesBadConfiguration(t *testing.T) {
	dir := t.TempDir()
	for name, o := range map[string]ziti.Options{
		"no credential":   {URL: "https://ctrl.example.com"},
		"cert over http":  {URL: "http://127.0.0.1:1280", Credentials: ziti.Credentials{ClientCertFile: "c", ClientKeyFile: "k"}},
		"missing CA file": {URL: "https://ctrl.example.com", CAFile: filepath.Join(dir, "nope.pem"), Credentials: ziti.Credentials{SessionToken: "t0ken"}},
		"plain http host": {URL: "http://ctrl.example.com", Credentials: ziti.Credentials{SessionToken: "t0ken"}},
	} {
		o.Connection = "edge"
		if _, err := ziti.New(o); err == nil || !strings.Contains(err.Error(), `"edge"`) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
