package fetch_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// deadServer accepts connections and closes them at once, counting them: a vendor that is
// reachable at the TCP level but never answers, whose attempts can be counted.
func deadServer(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return "http://" + ln.Addr().String(), &n
}

func TestBreakerMarksAnUnreachableConnectionDownAfterOneAttempt(t *testing.T) {
	url, attempts := deadServer(t)
	c := client(t, url, func(cfg *fetch.Config) { cfg.Concurrency = 4 })
	b := fetch.NewBreaker()
	ctx := fetch.WithBreaker(context.Background(), b)

	// Concurrent first calls: one probes, the others wait for its outcome.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"})
		}()
	}
	wg.Wait()
	// Later calls, on other routes, fail at once with the same error.
	_, later := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/idps", Path: "/api/v1/idps"})
	if n := attempts.Load(); n != 1 {
		t.Errorf("%d attempts against the dead vendor, want 1", n)
	}
	down := b.Down()
	if len(down) != 1 || down[0].Connection != "test" || down[0].Vendor != fetch.Okta {
		t.Fatalf("down: %+v", down)
	}
	for i, err := range append(errs, later) {
		if err != down[0].Err {
			t.Errorf("call %d: %v, want the connection's down error", i, err)
		}
	}
	if b.Stops() != 9 {
		t.Errorf("stops %d, want 9 (the probe and every later call)", b.Stops())
	}

	// Without a breaker (serve, shell) the call retries as before.
	attempts.Store(0)
	if _, err := c.Do(context.Background(), &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"}); err == nil {
		t.Fatal("no error from a dead vendor")
	}
	if n := attempts.Load(); n != 1+fetch.DefaultMaxRetries {
		t.Errorf("%d attempts without a breaker, want %d", n, 1+fetch.DefaultMaxRetries)
	}
}

func TestBreakerMarksARejectedCredentialDown(t *testing.T) {
	status := http.StatusUnauthorized
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
	})
	c := client(t, s.URL, nil)
	b := fetch.NewBreaker()
	ctx := fetch.WithBreaker(context.Background(), b)
	_, err1 := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"})
	_, err2 := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/idps", Path: "/api/v1/idps"})
	if !errors.Is(err1, fetch.ErrUnauthorized) || err2 != err1 || calls.Load() != 1 || len(b.Down()) != 1 {
		t.Errorf("401: %v / %v after %d calls, down %v", err1, err2, calls.Load(), b.Down())
	}

	// A 403 is one API family's missing permission, not the connection's failure.
	status = http.StatusForbidden
	calls.Store(0)
	b = fetch.NewBreaker()
	ctx = fetch.WithBreaker(context.Background(), b)
	for range 2 {
		if _, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/idps", Path: "/api/v1/idps"}); !errors.Is(err, fetch.ErrForbidden) {
			t.Errorf("403: %v", err)
		}
	}
	if calls.Load() != 2 || len(b.Down()) != 0 {
		t.Errorf("403: %d calls, down %v: want both sent and the connection up", calls.Load(), b.Down())
	}
}

func TestBreakerLeavesAConnectionThatAnsweredUp(t *testing.T) {
	fail := atomic.Bool{}
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`[]`))
	})
	c := client(t, s.URL, nil)
	b := fetch.NewBreaker()
	ctx := fetch.WithBreaker(context.Background(), b)
	if _, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps"}); err != nil {
		t.Fatal(err)
	}
	// A 5xx is retried as usual and does not mark the connection down.
	fail.Store(true)
	calls.Store(0)
	if _, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps", NoStore: true}); err == nil {
		t.Fatal("no error")
	}
	if calls.Load() != 1+fetch.DefaultMaxRetries || len(b.Down()) != 0 {
		t.Errorf("5xx: %d calls, down %v", calls.Load(), b.Down())
	}
}

// A call about to wait for a rate-limit window says so before it waits, with what it waits
// for: progress displays print it while the query seems idle.
func TestStatsOnWaitComesBeforeTheWait(t *testing.T) {
	var mu sync.Mutex
	var log []string
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		log = append(log, "request")
		mu.Unlock()
		w.Header().Set("X-Rate-Limit-Limit", "2")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix()+1, 10))
		w.Write([]byte(`[]`))
	})
	c := client(t, s.URL, nil)
	st := &fetch.Stats{}
	var waits []fetch.Wait
	st.OnWait = func(w fetch.Wait) {
		mu.Lock()
		log = append(log, "wait")
		waits = append(waits, w)
		mu.Unlock()
	}
	ctx := fetch.WithStats(context.Background(), st)
	for range 2 {
		if _, err := c.Do(ctx, &fetch.Request{Op: "GET /api/v1/apps", Path: "/api/v1/apps", NoStore: true}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(log, ",") != "request,wait,request" {
		t.Errorf("order %v, want the wait announced between the requests", log)
	}
	if len(waits) != 1 || waits[0].Bucket != "/api/v1/apps" || waits[0].Connection != "test" || waits[0].For <= 0 || waits[0].After429 {
		t.Errorf("waits %+v", waits)
	}
}
