package sim_test

import (
	"net/http"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

// BeforeCall counts only the requests of its entries, or every request without one.
func TestBeforeCallCountsItsEntries(t *testing.T) {
	t.Parallel()
	o := newOkta(t, sim.Options{})
	var order []string
	o.srv.BeforeCall(2, func() { order = append(order, "second idps list") }, oktaroutes.ListIdPs)
	o.srv.BeforeCall(2, func() { order = append(order, "second request") })
	o.srv.BeforeCall(1, func() { order = append(order, "first apps or idps list") }, oktaroutes.ListApps, oktaroutes.ListIdPs)
	for _, p := range []string{"/api/v1/idps", "/api/v1/apps", "/api/v1/idps"} {
		if r := o.do(http.MethodGet, p, nil); r.status != http.StatusOK {
			t.Fatalf("GET %s: %d", p, r.status)
		}
	}
	want := []string{"first apps or idps list", "second request", "second idps list"}
	if len(order) != len(want) {
		t.Fatalf("hooks ran %q, want %q", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("hooks ran %q, want %q", order, want)
		}
	}
}
