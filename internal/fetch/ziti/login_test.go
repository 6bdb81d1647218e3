package ziti_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/sim"
)

// A login is a credential exchange, not a write: a 503 on it is retried like a read.
func TestLoginRetriedAfter503(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), nil)
	s.Inject(sim.Injection{Vendor: "ziti", Entry: loginRoute, Kind: sim.Fault5xx, Status: http.StatusServiceUnavailable})
	if got := collect(t, c, ziti.Filter{}); len(got) == 0 {
		t.Fatal("no authenticators")
	}
	if n := s.Count(loginRoute); n != 2 {
		t.Errorf("%d logins, want 2 (one 503, one retry)", n)
	}
}

// A new session changes nothing at the controller: it keeps the connection's cache.
func TestLoginKeepsCache(t *testing.T) {
	s, u := startSim(t, sim.Options{})
	c := newClient(t, u, passwordCreds(s), func(o *ziti.Options) { o.Cache = fetch.NewCache(time.Minute) })
	first := collect(t, c, ziti.Filter{})
	s.ExpireZitiSessions()
	if _, err := c.Authenticator(context.Background(), first[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := s.ZitiLogins(); n != 2 {
		t.Fatalf("%d logins, want 2: the expiry did not force a new one", n)
	}
	collect(t, c, ziti.Filter{})
	if n := s.Count(listRoute); n != 1 {
		t.Errorf("%d list calls, want 1: the login cleared the cache", n)
	}
}
