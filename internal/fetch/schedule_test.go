package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// rateHeaders sets a window measured against the response's own Date, so that the one-second
// resolution of the epoch does not change the wait.
func rateHeaders(h http.Header, prefix string, remaining int, reset time.Duration) time.Time {
	now := time.Now().Truncate(time.Second)
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	h.Set(prefix+"Limit", "10")
	h.Set(prefix+"Remaining", fmt.Sprint(remaining))
	h.Set(prefix+"Reset", fmt.Sprint(now.Add(reset).Unix()))
	return now
}

// A call waiting for its bucket's window to reset does not hold a concurrency slot: a call
// to another bucket runs meanwhile.
func TestWaitForOneBucketLeavesSlotFree(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/v1/apps") {
			rateHeaders(w.Header(), "X-Rate-Limit-", 0, 2*time.Second)
		}
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.Concurrency = 1 })
	apps := &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"}
	if _, err := c.Do(context.Background(), apps); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	waits := make(chan fetch.Wait, 1)
	ctx = fetch.WithStats(ctx, &fetch.Stats{OnWait: func(w fetch.Wait) { waits <- w }})
	waiting := make(chan error)
	go func() {
		_, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps", NoStore: true})
		waiting <- err
	}()
	<-waits // the second apps call is waiting for the reset
	start := time.Now()
	if _, err := c.Do(context.Background(), &fetch.Request{Op: "GET /api/v1/idps", Path: "/api/v1/idps"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a call to another bucket took %s: the waiting call held the only slot", d)
	}
	cancel()
	if err := <-waiting; !errors.Is(err, context.Canceled) {
		t.Errorf("the waiting call: %v, want it cancelled while it waited", err)
	}
}

// After a 429, calls start again at OPA's X-RateLimit-Retry-At even when an answer to a call
// sent before the 429 arrives afterwards with the window's full reset.
func TestRetryAtHoldsAgainstLaterReset(t *testing.T) {
	slow, limited := make(chan struct{}), make(chan struct{})
	var limitedOnce atomic.Bool
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			<-slow
			rateHeaders(w.Header(), "X-RateLimit-", 0, time.Minute)
			w.Write([]byte(`{}`))
		case "/limited":
			if !limitedOnce.Swap(true) {
				now := rateHeaders(w.Header(), "X-RateLimit-", 0, time.Minute)
				w.Header().Set("X-RateLimit-Retry-At", fmt.Sprint(now.Unix()))
				w.WriteHeader(http.StatusTooManyRequests)
				close(limited)
				return
			}
			w.Write([]byte(`{}`))
		}
	})
	c := client(t, s.URL, func(cfg *fetch.Config) {
		cfg.Vendor, cfg.RateStyle, cfg.RequestIDHeader, cfg.MaxWait = fetch.OPA, fetch.RateOPA, "", 10*time.Second
	})
	slowDone := make(chan error)
	go func() {
		_, err := c.Do(context.Background(), &fetch.Request{Op: "GET /slow", Path: "/slow"})
		slowDone <- err
	}()
	limitedDone := make(chan error)
	start := time.Now()
	waits := make(chan fetch.Wait, 4)
	lctx := fetch.WithStats(context.Background(), &fetch.Stats{OnWait: func(w fetch.Wait) { waits <- w }})
	go func() {
		_, err := c.Do(lctx, &fetch.Request{Op: "GET /limited", Path: "/limited"})
		limitedDone <- err
	}()
	<-limited
	if w := <-waits; !w.After429 { // the client has taken in the 429 and waits for Retry-At
		t.Errorf("the limited call's wait: %+v, want one after its 429", w)
	}
	close(slow)
	if err := <-slowDone; err != nil {
		t.Fatal(err)
	}
	if err := <-limitedDone; err != nil {
		t.Fatalf("the limited call: %v, want it retried after X-RateLimit-Retry-At", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the limited call took %s, want about a second", d)
	}
}

// A concurrency 429 (limit and remaining 0) is not a spent window: the bucket is not held
// until a reset plus Okta's second of skew, which would outlast a --max-wait of 300ms; the
// call is tried again at the suggested time (this second), and the in-flight limit is halved.
func TestConcurrency429IsNotARateWindow(t *testing.T) {
	var refused atomic.Bool
	s, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		if !refused.Swap(true) {
			now := time.Now()
			w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
			w.Header().Set("X-Rate-Limit-Limit", "0")
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(now.Unix()))
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"errorCode":"E0000047"}`))
			return
		}
		rateHeaders(w.Header(), "X-Rate-Limit-", 9, time.Minute)
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.MaxWait = 300 * time.Millisecond })
	st := &fetch.Stats{}
	ctx := fetch.WithStats(context.Background(), st)
	for i := range 3 {
		req := &fetch.Request{Op: "GET /api/v1/apps/{appId}/credentials/keys", Path: fmt.Sprintf("/api/v1/apps/%d/credentials/keys", i)}
		if _, err := c.Do(ctx, req); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n.Load() != 4 || st.Calls.Load() != 4 || st.RateLimited.Load() != 1 || st.ConcurrencyLimited.Load() != 1 {
		t.Errorf("%d requests, stats %d calls, %d × 429, %d concurrency 429s; want 4, 4, 1, 1",
			n.Load(), st.Calls.Load(), st.RateLimited.Load(), st.ConcurrencyLimited.Load())
	}
	if got := c.Limit(); got != fetch.StartConcurrency/2 {
		t.Errorf("in-flight limit %d after a concurrency 429, want %d", got, fetch.StartConcurrency/2)
	}
	limits := st.Limits()
	if len(limits) != 1 || limits[0].Connection != "test" || limits[0].Limit != fetch.StartConcurrency/2 || limits[0].Ceiling != fetch.DefaultConcurrency {
		t.Errorf("Stats.Limits() = %+v", limits)
	}
}

// A rate 429 leaves the in-flight limit alone: the rate controller waits it out.
func TestRate429LeavesTheLimit(t *testing.T) {
	var refused atomic.Bool
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if !refused.Swap(true) {
			rateHeaders(w.Header(), "X-Rate-Limit-", 0, 0)
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.MaxWait = 5 * time.Second })
	st := &fetch.Stats{}
	if _, err := c.Do(fetch.WithStats(context.Background(), st), &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"}); err != nil {
		t.Fatal(err)
	}
	if st.RateLimited.Load() != 1 || st.ConcurrencyLimited.Load() != 0 || c.Limit() != fetch.StartConcurrency {
		t.Errorf("%d × 429, %d concurrency 429s, limit %d; want 1, 0, %d", st.RateLimited.Load(), st.ConcurrencyLimited.Load(), c.Limit(), fetch.StartConcurrency)
	}
}

// A vendor that refuses even one call at a time is backed off from, within --max-wait: the
// call fails as rate limited instead of retrying for ever.
func TestConcurrency429AtOneCallGivesUp(t *testing.T) {
	s, n := server(t, func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
		w.Header().Set("X-Rate-Limit-Limit", "0")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(now.Unix()))
		w.WriteHeader(http.StatusTooManyRequests)
	})
	c := client(t, s.URL, func(cfg *fetch.Config) {
		cfg.Concurrency, cfg.MaxWait, cfg.Backoff = 1, 100*time.Millisecond, 10*time.Millisecond
	})
	_, err := c.Do(context.Background(), &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"})
	if !errors.Is(err, fetch.ErrRateLimited) {
		t.Fatalf("err = %v, want rate limited", err)
	}
	if n.Load() > 10 {
		t.Errorf("%d attempts within a --max-wait of 100ms at a backoff from 10ms", n.Load())
	}
}
