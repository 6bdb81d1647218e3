package okta_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/sim"
)

// A fan-out against an org that processes 4 calls at once learns the limit: every call
// succeeds, with few concurrency 429s, and the connection ends at 4 calls in flight.
func TestFanOutLearnsTheOrgsConcurrencyLimit(t *testing.T) {
	s := sim.New(sim.Options{Seed: 5, Apps: 64, Latency: 2 * time.Millisecond, ConcurrencyLimit: 4})
	u := s.Start()
	defer s.Close()
	c, err := okta.New(okta.Options{Connection: "c", OrgURL: u, Credentials: okta.Credentials{APIToken: s.Options().OktaToken}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for app, err := range c.Apps(context.Background(), okta.AppFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, app.ID)
	}
	st := &fetch.Stats{}
	ctx := fetch.WithStats(context.Background(), st)
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, err := range c.AppKeys(ctx, id) {
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
		t.Fatal(err)
	}
	refused := s.ConcurrencyLimited()
	t.Logf("%d calls, %d concurrency 429s, limit %d", st.Calls.Load(), refused, c.HTTP().Limit())
	if refused == 0 || refused > 10 {
		t.Errorf("%d concurrency 429s, want 1 to 10", refused)
	}
	if got := st.ConcurrencyLimited.Load(); got != int64(refused) {
		t.Errorf("the client counted %d concurrency 429s, the org sent %d", got, refused)
	}
	if got := st.Calls.Load(); got != int64(len(ids)+refused) {
		t.Errorf("%d calls, want %d lists and %d retries", got, len(ids), refused)
	}
	if got := c.HTTP().Limit(); got > 4 {
		t.Errorf("in-flight limit %d at the end, over the org's 4", got)
	}
}
