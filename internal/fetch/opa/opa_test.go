package opa_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/sim"
)

var (
	tokenRoute = oparoutes.IssueToken
	usersRoute = oparoutes.ListServiceUsers
	keysRoute  = oparoutes.ListKeys
	hint       = "Check environment variables OPA_KEY_ID and OPA_KEY_SECRET."
)

func startSim(t *testing.T, o sim.Options) (*sim.Server, string) {
	t.Helper()
	s := sim.New(o)
	u := s.Start()
	t.Cleanup(s.Close)
	return s, u
}

func newClient(t *testing.T, s *sim.Server, base string, mod func(*opa.Options)) *opa.Client {
	t.Helper()
	so := s.Options()
	o := opa.Options{Connection: "pam", URL: base + sim.OPAPrefix, Team: so.OPATeam, KeyID: so.OPAKeyID, KeySecret: so.OPAKeySecret,
		Hint: hint, TeamHint: "environment variable OPA_TEAM", Tuning: fetch.Tuning{MaxRetries: 1}}
	if mod != nil {
		mod(&o)
	}
	c, err := opa.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func users(t *testing.T, c *opa.Client, f opa.UserFilter) []opa.ServiceUser {
	t.Helper()
	var out []opa.ServiceUser
	for u, err := range c.ServiceUsers(context.Background(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

func TestTokenIsLazyAndReused(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	if s.CallCount() != 0 {
		t.Fatal("New made calls")
	}
	for range 5 {
		users(t, c, opa.UserFilter{})
		if _, err := c.ServiceUser(context.Background(), "credsql"); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.OPATokensIssued(); n != 1 {
		t.Errorf("%d tokens for 10 calls, want 1", n)
	}
	for _, call := range s.Calls() {
		if call.Entry == tokenRoute && call.Path != sim.OPAPrefix+"/v1/teams/acme/service_token" {
			t.Errorf("token path %s", call.Path)
		}
	}
}

func TestExpiredTokenReissuedOnceUnderConcurrency(t *testing.T) {
	s, u := startSim(t, sim.Options{PageLatency: 40 * time.Millisecond})
	c := newClient(t, s, u, func(o *opa.Options) { o.Concurrency = 16 })
	ctx := context.Background()
	for round := 1; round <= 2; round++ {
		users(t, c, opa.UserFilter{})
		s.ExpireOPATokens()
		before := s.OPATokensIssued()
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, err := range c.Keys(ctx, "OPA User") {
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
			t.Fatalf("round %d: %v", round, err)
		}
		if n := s.OPATokensIssued() - before; n != 1 {
			t.Errorf("round %d: %d tokens after one expiry, want 1", round, n)
		}
	}
}

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	// The simulator's clock and credsql's are one fake clock, moved by the test.
	clock := sim.NewFakeClock(time.Now().Truncate(time.Second))
	s, u := startSim(t, sim.Options{OPATokenTTL: 2 * time.Second, Clock: clock.Now})
	c := newClient(t, s, u, func(o *opa.Options) { o.Now = clock.Now })
	ctx := context.Background()
	if _, err := c.ServiceUser(ctx, "credsql"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(1500 * time.Millisecond)
	if _, err := c.ServiceUser(ctx, "credsql"); err != nil {
		t.Fatal(err)
	}
	if n := s.OPATokensIssued(); n != 2 {
		t.Errorf("%d tokens, want 2", n)
	}
	for _, call := range s.Calls() {
		if call.Status == http.StatusUnauthorized {
			t.Errorf("the token was renewed only after a 401: %s", call)
		}
	}
}

func TestWrongKeySecret(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, func(o *opa.Options) { o.KeySecret = "not-the-key-secret" })
	_, err := c.ServiceUser(context.Background(), "credsql")
	if !errors.Is(err, fetch.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{`connection "pam"`, "service_token", "authentication_error", hint} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	if strings.Contains(msg, "not-the-key-secret") {
		t.Errorf("error leaks the secret: %q", msg)
	}
	if n := s.CallCount(); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
}

func TestTeamNames(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	// Team names compare without regard to case.
	upper := newClient(t, s, u, func(o *opa.Options) { o.Team = "ACME" })
	if _, err := upper.ServiceUser(context.Background(), "credsql"); err != nil {
		t.Fatalf("team ACME for acme: %v", err)
	}
	unknown := newClient(t, s, u, func(o *opa.Options) { o.Team = "nosuchteam" })
	_, err := unknown.ServiceUser(context.Background(), "credsql")
	if !errors.Is(err, fetch.ErrNotFound) || !strings.Contains(err.Error(), `Team "nosuchteam" was not found`) || !strings.Contains(err.Error(), "OPA_TEAM") {
		t.Errorf("unknown team: %v", err)
	}

	// A token for another team than the one configured is refused.
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/service_token") {
			s.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		var body map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		body["team_name"] = "other-team"
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(hs.Close)
	s.ResetCalls()
	other := newClient(t, s, hs.URL, nil)
	_, err = other.ServiceUser(context.Background(), "credsql")
	if err == nil || !strings.Contains(err.Error(), `team "other-team", not the configured team "acme"`) || !strings.Contains(err.Error(), `"pam"`) {
		t.Errorf("team mismatch: %v", err)
	}
	if n := s.Count(tokenRoute); n != 1 || s.CallCount() != 1 {
		t.Errorf("team mismatch: %d calls, want only the token call", s.CallCount())
	}
}

func TestPaginationFollowsLinksVerbatim(t *testing.T) {
	s, u := startSim(t, sim.Options{PageSize: 2})
	c := newClient(t, s, u, nil)
	all := users(t, c, opa.UserFilter{})
	if len(all) != 15 {
		t.Fatalf("%d users, want 15", len(all))
	}
	var pages []url.Values
	for _, call := range s.Calls() {
		if call.Entry == usersRoute {
			q, _ := url.ParseQuery(call.Query)
			pages = append(pages, q)
		}
	}
	if len(pages) != 8 {
		t.Fatalf("%d pages, want 8", len(pages))
	}
	if pages[0].Get("offset") != "" || pages[0].Get("count") != "100" {
		t.Errorf("first page %v", pages[0])
	}
	ids := map[string]bool{}
	for _, usr := range all {
		ids[usr.ID] = true
	}
	for i, q := range pages[1:] {
		// The cursor is the server's opaque value (a user id here), never a number credsql made up.
		if off := q.Get("offset"); !ids[off] {
			t.Errorf("page %d: offset %q is not the link's cursor", i+2, off)
		}
	}

	s.ResetCalls()
	n := 0
	for _, err := range c.ServiceUsers(context.Background(), opa.UserFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if got := s.Count(usersRoute); got != 2 {
		t.Errorf("stopping after 3 users made %d list calls, want 2", got)
	}
}

func TestStatusFilterAndPathEscaping(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	disabled := users(t, c, opa.UserFilter{Status: []string{"DISABLED"}})
	if len(disabled) == 0 {
		t.Fatal("no disabled users")
	}
	for _, usr := range disabled {
		if usr.Status != "DISABLED" {
			t.Errorf("status filter returned %s", usr.Status)
		}
	}
	ctx := context.Background()
	usr, err := c.ServiceUser(ctx, "OPA User")
	if err != nil || usr.Name != "OPA User" || usr.TeamName != "acme" || usr.UserType != "service" {
		t.Fatalf("OPA User: %+v, %v", usr, err)
	}
	keys := 0
	for _, err := range c.Keys(ctx, "OPA User") {
		if err != nil {
			t.Fatal(err)
		}
		keys++
	}
	var paths []string
	for _, call := range s.Calls() {
		if strings.Contains(call.Path, "OPA") {
			paths = append(paths, call.Path)
		}
	}
	want := []string{sim.OPAPrefix + "/v1/teams/acme/service_users/OPA%20User", sim.OPAPrefix + "/v1/teams/acme/service_users/OPA%20User/keys"}
	if strings.Join(paths, " ") != strings.Join(want, " ") || keys == 0 {
		t.Errorf("paths %v, want %v (%d keys)", paths, want, keys)
	}
	// A name is one path segment, whatever it holds.
	s.ResetCalls()
	_, err = c.ServiceUser(ctx, "../a/b")
	var ae *fetch.APIError
	if !errors.As(err, &ae) || !errors.Is(err, fetch.ErrNotFound) || ae.Code != "resource_does_not_exist" || ae.Message == "" {
		t.Errorf("missing user: %#v", err)
	}
	if call := s.Calls()[0]; call.Entry != oparoutes.GetServiceUser ||
		!strings.HasSuffix(call.Path, "/service_users/..%2Fa%2Fb") {
		t.Errorf("name with slashes sent as %s (route %q)", call.Path, call.Route)
	}
}

func TestKeysRotateAndDelete(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	ctx := context.Background()
	var never int
	for k, err := range c.Keys(ctx, "credsql") {
		if err != nil {
			t.Fatal(err)
		}
		if k.ExpiresAt.IsZero() {
			never++
		}
	}
	if never != 1 {
		t.Errorf("%d keys of credsql never expire, want 1 (0001-01-01 is never)", never)
	}
	k, err := c.RotateKey(ctx, "OPA User")
	if err != nil || k.Secret == "" || k.ID == "" {
		t.Fatalf("rotate: %+v, %v", k, err)
	}
	if got := c.HTTP().Redact("secret=" + k.Secret); strings.Contains(got, k.Secret) {
		t.Errorf("the new secret is not redacted from logs: %q", got)
	}
	var others, expiring int
	for key, err := range c.Keys(ctx, "OPA User") {
		if err != nil {
			t.Fatal(err)
		}
		if key.ID != k.ID {
			others++
			if !key.ExpiresAt.IsZero() {
				expiring++
			}
		}
	}
	if others == 0 || expiring != others {
		t.Errorf("after rotation %d of %d older keys expire", expiring, others)
	}
	if err := c.DeleteKey(ctx, "OPA User", k.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteKey(ctx, "OPA User", k.ID); !errors.Is(err, fetch.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestUsersCreateAndUpdate(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	ctx := context.Background()
	created, err := c.CreateServiceUser(ctx, "new bot")
	if err != nil || created.Status != "ACTIVE" || created.Name != "new bot" {
		t.Fatalf("create: %+v, %v", created, err)
	}
	if _, err := c.CreateServiceUser(ctx, "new bot"); err == nil || !strings.Contains(err.Error(), "409") {
		t.Errorf("duplicate: %v", err)
	}
	upd, err := c.UpdateServiceUser(ctx, "new bot", opa.UserUpdate{Name: "new bot", Status: "DELETED"})
	if err != nil || upd.Status != "DELETED" || upd.DeletedAt == nil {
		t.Errorf("soft delete: %+v, %v", upd, err)
	}
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	users(t, c, opa.UserFilter{})
	s.Inject(sim.Injection{Vendor: "opa", Entry: usersRoute, Kind: sim.Fault429, RetryAfter: time.Second})
	s.ResetCalls()
	start := time.Now()
	if got := users(t, c, opa.UserFilter{}); len(got) != 15 {
		t.Fatalf("%d users", len(got))
	}
	// Retry-At is a second away; the window's full reset a minute.
	if n, d := s.Count(usersRoute), time.Since(start); n != 2 || d < 900*time.Millisecond || d > 10*time.Second {
		t.Errorf("%d list calls in %s: want the 429 waited out until X-RateLimit-Retry-At, then one retry", n, d)
	}
	if s.OPATokensIssued() != 1 {
		t.Errorf("a 429 caused a new token")
	}
}

func TestErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		status   int
		body     string
		code     string
		msg      string
		noDetail bool
	}{
		{404, `{"type":"resource_does_not_exist","code":404,"message":"Not Found"}`, "resource_does_not_exist", "Not Found", false},
		{400, `{"error":"invalid_request","message":"bad name","errors":[{"path":"name","message":"too long"}]}`, "invalid_request", "bad name", false},
		{409, `{"nottype":"resource_already_exists","message":"taken"}`, "resource_already_exists", "taken", false},
		{500, `upstream exploded`, "", "upstream exploded", false},
		{409, `{"code":"resource_already_exists","message":"taken"}`, "resource_already_exists", "taken", false},
		{403, `{"type":"forbidden_error","message":"no","errors":[{"path":"uam","message":"role list"}]}`, "forbidden_error", "no", true},
	} {
		hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/service_token") {
				_, _ = w.Write([]byte(`{"bearer_token":"tok-123456","expires_at":"2999-01-01T00:00:00Z","team_name":"acme"}`))
				return
			}
			w.WriteHeader(tc.status)
			_, _ = w.Write([]byte(tc.body))
		}))
		c, err := opa.New(opa.Options{Connection: "pam", URL: hs.URL, Team: "acme", KeyID: "k", KeySecret: "s3cret-key", Tuning: fetch.Tuning{MaxRetries: -1}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ServiceUser(context.Background(), "x")
		var ae *fetch.APIError
		if !errors.As(err, &ae) || ae.Status != tc.status || ae.Code != tc.code || ae.Message != tc.msg {
			t.Errorf("%d %s: %#v", tc.status, tc.body, err)
		}
		if tc.noDetail && (len(ae.Causes) > 0 || bytes.Contains([]byte(err.Error()), []byte("role list"))) {
			t.Errorf("403 details shown: %v", err)
		}
		hs.Close()
	}
}
