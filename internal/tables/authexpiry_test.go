package tables_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// TestCredentialExpiresMidFanOut: the vendor expires credsql's credential while a fan-out
// has many calls in flight. Every one of them is refused with 401; credsql logs in once, not
// once per call, and the query returns what it returns without the expiry.
func TestCredentialExpiresMidFanOut(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		query  func(e *testenv.Env) string
		expire func(s *sim.Server)
		logins func(s *sim.Server) int
	}{
		{
			name:   "OPA token during the key lists of every service user",
			query:  func(*testenv.Env) string { return "SELECT user_name, id, expires_at FROM opa_service_user_keys" },
			expire: (*sim.Server).ExpireOPATokens,
			logins: (*sim.Server).OPATokensIssued,
		},
		{
			name: "OpenZiti session during concurrent gets",
			query: func(e *testenv.Env) string {
				var ids []string
				for _, r := range e.MustQuery("SELECT id FROM ziti_authenticators") {
					ids = append(ids, "'"+r[0].(string)+"'")
				}
				return "SELECT id, method, cert_not_after FROM ziti_authenticators WHERE id IN (" + strings.Join(ids, ", ") + ")"
			},
			expire: (*sim.Server).ExpireZitiSessions,
			logins: (*sim.Server).ZitiLogins,
		},
	}
	// maxCalls bounds the calls a query makes here; each gets a hook.
	const maxCalls = 200
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := testenv.New(t, testenv.Options{NoWire: true})
			q := c.query(e)
			want := e.MustQuery(q)
			e.Sim.SetLatency(100 * time.Millisecond)
			before := c.logins(e.Sim)
			e.Sim.ResetCalls()
			// Expire once several calls are in flight with the current credential. The count
			// of calls in flight rises only when a request arrives, so it is checked on each
			// arrival (before the request is served: the arriving call is refused too).
			var once sync.Once
			inflight := 0
			for i := 1; i <= maxCalls; i++ {
				e.Sim.BeforeCall(i, func() {
					if n := e.Sim.InFlight(); n >= 3 {
						once.Do(func() { inflight = n; c.expire(e.Sim) })
					}
				})
			}
			got, err := e.Query(q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			waitIdle(t, e.Sim)
			once.Do(func() {
				t.Fatalf("never 3 calls in flight in the %d calls of the query: nothing to test", e.Sim.CallCount())
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows differ after the renewal (-want +got):\n%s", diff)
			}
			refused := 0
			for _, call := range e.Sim.Calls() {
				if call.Status == http.StatusUnauthorized {
					refused++
				}
			}
			if refused < 2 {
				t.Fatalf("%d calls were refused with 401 (%d in flight at the expiry): the expiry did not hit concurrent calls", refused, inflight)
			}
			if n := c.logins(e.Sim) - before; n != 1 {
				t.Errorf("%d logins after %d concurrent 401s, want exactly 1", n, refused)
			}
			t.Logf("%d calls in flight at the expiry, %d refused with 401, %d login(s)", inflight, refused, c.logins(e.Sim)-before)
		})
	}
}
