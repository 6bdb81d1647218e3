package inventory_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// The timeline lists the certificates of every other OpenZiti identity once (the current
// identity's are ziti_authenticators') and the pending enrollments, with their end dates: the
// simulator's fixed data written by hand (days from its Now).
func TestZitiEstateListings(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	s := e.Engine.NewSession("test")
	now := e.Sim.Options().Now
	want := map[string][]string{
		"ziti_identity_authenticators": {"edge-router-eu -10", "iot-sensor 45", "laptop-alice 12", "partner-gw 400", "svc-billing 80"},
		"ziti_enrollments":             {"iot-sensor -8", "laptop-bob 2", "ops-carol -20", "partner-gw -3"},
	}
	kinds := map[string]string{"ziti_identity_authenticators": "identity certificate", "ziti_enrollments": "pending enrollment"}
	seen := 0
	for _, l := range inventory.Listings([]string{string(tables.Ziti)}) {
		w, ok := want[l.Table]
		if !ok {
			continue
		}
		seen++
		if l.Kind != kinds[l.Table] {
			t.Errorf("%s: kind %q", l.Table, l.Kind)
		}
		r := inventory.List(context.Background(), s, l)
		if r.Err != nil {
			t.Fatalf("%s: %v", l.Table, r.Err)
		}
		var got []string
		for _, c := range r.Credentials {
			days := int(c.Expires.Sub(now) / (24 * time.Hour))
			if !now.Add(time.Duration(days) * 24 * time.Hour).Equal(c.Expires) {
				t.Errorf("%s %s: expires %s, not a whole day from %s", l.Table, c.Name, c.Expires, now)
			}
			got = append(got, c.Name+" "+strconv.Itoa(days))
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(w, ",") {
			t.Errorf("%s: %v, want %v", l.Table, got, w)
		}
	}
	if seen != 2 {
		t.Errorf("%d of the 2 estate listings", seen)
	}
}
