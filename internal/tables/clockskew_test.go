package tables_test

import (
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// With the vendor's clock hours away from credsql's, an OPA bearer token and an OpenZiti
// session are still used for their whole life: their lifetimes are measured against the
// answers' Date header. Measured against the local clock, a vendor clock behind credsql's
// makes every token look expired at once (a new token for every call), and one ahead keeps
// a token past its end.
func TestTokenLifetimesFollowTheVendorClock(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{-3 * time.Hour, 3 * time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			t.Parallel()
			e := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{ClockSkew: skew}})
			// Fan-outs: one key list per OPA service user, one get per OpenZiti authenticator.
			for range 2 {
				e.MustQuery("SELECT user_name, id FROM opa_service_user_keys")
				e.MustQuery("SELECT a.id FROM ziti_authenticators a JOIN ziti_authenticators b ON b.id = a.id")
			}
			if n := e.Sim.OPATokensIssued(); n != 1 {
				t.Errorf("%d OPA tokens for the queries, want 1", n)
			}
			if n := e.Sim.ZitiLogins(); n != 1 {
				t.Errorf("%d OpenZiti logins for the queries, want 1", n)
			}
		})
	}
}
