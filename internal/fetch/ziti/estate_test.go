package ziti_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// The identity list's filter symbols are unconfirmed: a controller that refuses the filter
// (400 INVALID_FILTER, the error envelope of the contract) is asked again without it.
func TestIdentitiesFilterRefusedIsDropped(t *testing.T) {
	t.Parallel()
	s, base := startSim(t, sim.Options{})
	target, _ := url.Parse(base)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var refused, unfiltered atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == sim.ZitiPrefix+"/identities" {
			if r.URL.Query().Get("filter") != "" {
				refused.Add(1)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error":{"cause":{"code":"UNHANDLED","message":"unknown symbol 'name'"},"code":"INVALID_FILTER","message":"The filter query supplied is invalid","requestId":"r1"},"meta":{"apiEnrollmentVersion":"0.0.1","apiVersion":"0.0.1"}}`))
				return
			}
			unfiltered.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	c := newClient(t, front.URL, passwordCreds(s), nil)
	var names []string
	for id, err := range c.Identities(context.Background(), ziti.IdentityFilter{Name: "laptop-bob"}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, id.Name)
	}
	// Unfiltered, every identity comes back: the engine keeps the one the query asked for.
	if len(names) != 9 || !strings.Contains(strings.Join(names, ","), "laptop-bob") {
		t.Errorf("identities %v", names)
	}
	if refused.Load() != 1 || unfiltered.Load() != 1 {
		t.Errorf("%d filtered and %d unfiltered calls, want 1 and 1", refused.Load(), unfiltered.Load())
	}
}

// Another 400 is an error, not a reason to list everything.
func TestEnrollmentsOtherErrorIsKept(t *testing.T) {
	t.Parallel()
	s, base := startSim(t, sim.Options{})
	s.Inject(sim.Injection{Entry: zitiroutes.ListEnrollments, Kind: sim.FaultStatus, Status: 400})
	c := newClient(t, base, passwordCreds(s), nil)
	n := 0
	for _, err := range c.Enrollments(context.Background(), ziti.EnrollmentFilter{Method: "ott"}) {
		if err == nil {
			n++
			continue
		}
		if !strings.Contains(err.Error(), "400") {
			t.Errorf("error %v", err)
		}
		break
	}
	if n != 0 || s.Count(zitiroutes.ListEnrollments) != 1 {
		t.Errorf("%d rows, %d calls after a 400 that is not about the filter", n, s.Count(zitiroutes.ListEnrollments))
	}
}
