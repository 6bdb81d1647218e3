package opa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/sim"
)

var userRoute = oparoutes.GetServiceUser

// A login is a credential exchange, not a write: a 503 on it is retried like a read.
func TestTokenRetriedAfter503(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, nil)
	s.Inject(sim.Injection{Vendor: "opa", Entry: tokenRoute, Kind: sim.Fault5xx, Status: http.StatusServiceUnavailable})
	if got := users(t, c, opa.UserFilter{}); len(got) != 15 {
		t.Fatalf("%d users", len(got))
	}
	if n := s.Count(tokenRoute); n != 2 {
		t.Errorf("%d token calls, want 2 (one 503, one retry)", n)
	}
}

// A new token changes nothing at the vendor: it keeps the connection's cache.
func TestTokenKeepsCache(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, s, u, func(o *opa.Options) { o.Cache = fetch.NewCache(time.Minute) })
	ctx := context.Background()
	users(t, c, opa.UserFilter{})
	s.ExpireOPATokens()
	if _, err := c.ServiceUser(ctx, "credsql"); err != nil {
		t.Fatal(err)
	}
	if n := s.OPATokensIssued(); n != 2 {
		t.Fatalf("%d tokens, want 2: the expiry did not force a new one", n)
	}
	users(t, c, opa.UserFilter{})
	if n := s.Count(usersRoute); n != 1 {
		t.Errorf("%d list calls, want 1: the login cleared the cache", n)
	}
}

// The token's lifetime is expires_at minus the answer's Date, not minus the local clock.
func TestTokenRenewalIgnoresClockSkew(t *testing.T) {
	for _, tc := range []struct {
		name       string
		skew, life time.Duration
		pause      time.Duration
		wantTokens int
	}{
		// Local clock an hour ahead: expires_at is in the local past, yet the token is good.
		{name: "local clock ahead", skew: -time.Hour, life: 10 * time.Minute, wantTokens: 1},
		// Local clock an hour behind: expires_at is far in the local future, yet the token
		// is due for renewal halfway through its second of life.
		{name: "local clock behind", skew: time.Hour, life: time.Second, pause: 700 * time.Millisecond, wantTokens: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tokens atomic.Int64
			clock := sim.NewFakeClock(time.Now())
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				date := clock.Now().Add(tc.skew).Truncate(time.Second)
				w.Header().Set("Date", date.UTC().Format(http.TimeFormat))
				if strings.HasSuffix(r.URL.Path, "/service_token") {
					n := tokens.Add(1)
					json.NewEncoder(w).Encode(map[string]any{"bearer_token": fmt.Sprint("token-", n),
						"expires_at": date.Add(tc.life).UTC().Format(time.RFC3339), "team_name": "acme"})
					return
				}
				json.NewEncoder(w).Encode(map[string]any{"name": "credsql", "status": "ACTIVE"})
			}))
			t.Cleanup(s.Close)
			c, err := opa.New(opa.Options{Connection: "pam", URL: s.URL, Team: "acme", KeyID: "id", KeySecret: "secret", Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				if i == 1 {
					clock.Advance(tc.pause)
				}
				if _, err := c.ServiceUser(context.Background(), "credsql"); err != nil {
					t.Fatal(err)
				}
			}
			if n := tokens.Load(); n != int64(tc.wantTokens) {
				t.Errorf("%d tokens for two calls, want %d", n, tc.wantTokens)
			}
		})
	}
}
