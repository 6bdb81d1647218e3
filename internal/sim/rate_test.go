package sim_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

// A call arriving while the concurrency limit's worth of Okta calls are being processed is
// refused as Okta refuses it: 429 E0000047 with X-Rate-Limit-Limit and -Remaining 0 and an
// estimated reset no later than the next second; rate windows are not charged for it, and
// calls are admitted again once the first is answered.
func TestConcurrencyLimit(t *testing.T) {
	o := newOkta(t, sim.Options{ConcurrencyLimit: 1})
	first := make(chan int, 1)
	// The first call is admitted before hooks run; its hook holds it (and so the limit) until
	// the second call has been answered, however slow the machine.
	admitted, release := make(chan struct{}), make(chan struct{})
	var releaseOnce sync.Once
	releaseFirst := func() { releaseOnce.Do(func() { close(release) }) }
	defer releaseFirst()
	o.srv.BeforeCall(1, func() { close(admitted); <-release }, oktaroutes.ListApps)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, o.base+"/api/v1/apps", nil)
		req.Header.Set("Authorization", "SSWS sim-okta-api-token")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	<-admitted
	r := o.do(http.MethodGet, "/api/v1/apps", nil)
	releaseFirst()
	if r.status != http.StatusTooManyRequests || r.h.Get("X-Rate-Limit-Limit") != "0" || r.h.Get("X-Rate-Limit-Remaining") != "0" {
		t.Fatalf("second call: %d, limit %q, remaining %q; want 429 with both 0", r.status, r.h.Get("X-Rate-Limit-Limit"), r.h.Get("X-Rate-Limit-Remaining"))
	}
	reset, err := strconv.ParseInt(r.h.Get("X-Rate-Limit-Reset"), 10, 64)
	date, derr := http.ParseTime(r.h.Get("Date"))
	if err != nil || derr != nil || reset < date.Unix() || reset > date.Unix()+1 {
		t.Errorf("reset %q against Date %q: want an epoch within a second of it", r.h.Get("X-Rate-Limit-Reset"), r.h.Get("Date"))
	}
	if !strings.Contains(string(r.body), "E0000047") {
		t.Errorf("body %s, want errorCode E0000047", r.body)
	}
	if got := <-first; got != http.StatusOK {
		t.Fatalf("first call: %d", got)
	}
	// The client may read the first answer before the handler has returned and left the
	// limit: wait until the simulator serves nothing.
	if err := o.srv.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := o.do(http.MethodGet, "/api/v1/apps", nil); got.status != http.StatusOK || got.h.Get("X-Rate-Limit-Remaining") != "9998" {
		t.Errorf("third call: %d, remaining %q; want 200 and the window charged for two calls, not the refused one", got.status, got.h.Get("X-Rate-Limit-Remaining"))
	}
	if o.srv.RateLimited() != 1 || o.srv.ConcurrencyLimited() != 1 {
		t.Errorf("RateLimited %d, ConcurrencyLimited %d; want 1 and 1", o.srv.RateLimited(), o.srv.ConcurrencyLimited())
	}
}
