package inventory_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/sim"
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

// An identity without admin rights: the estate listings fail with a missing permission, and
// the connection is not marked rejected, so the current identity's credentials are still
// listed after them.
func TestZitiEstateNotAdminIsNoRejectedCredential(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{ZitiNotAdmin: true}})
	tr := inventory.NewTracker(context.Background(), e.Engine)
	s := e.Engine.NewSession("test")
	ls := inventory.Listings([]string{string(tables.Ziti)})
	// The estate listings first, then the current identity's.
	sort.Slice(ls, func(i, j int) bool {
		return ls[i].Table != "ziti_authenticators" && ls[j].Table == "ziti_authenticators"
	})
	for _, l := range ls {
		r := tr.List(s, l)
		switch l.Table {
		case "ziti_authenticators":
			if r.Err != nil || len(r.Credentials) != 5 {
				t.Errorf("%s after the estate listings: %d credentials, %v", l.Table, len(r.Credentials), r.Err)
			}
		default:
			if r.Err == nil || r.Blocked || !strings.Contains(r.Err.Error(), "not an administrator") || !strings.Contains(r.Err.Error(), "1227") {
				t.Errorf("%s: %v (blocked %v)", l.Table, r.Err, r.Blocked)
			}
		}
	}
	if f := tr.All(); len(f) != 0 {
		t.Errorf("connections marked failed: %v", f)
	}
}
