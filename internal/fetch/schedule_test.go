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
	waiting := make(chan error)
	go func() {
		_, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps", NoStore: true})
		waiting <- err
	}()
	time.Sleep(100 * time.Millisecond) // the second apps call is waiting for the reset
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
	go func() {
		_, err := c.Do(context.Background(), &fetch.Request{Op: "GET /limited", Path: "/limited"})
		limitedDone <- err
	}()
	<-limited
	time.Sleep(200 * time.Millisecond) // the client has taken in the 429
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
