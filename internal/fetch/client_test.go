package fetch_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// server answers with the handler and counts requests.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func client(t *testing.T, url string, mod func(*fetch.Config)) *fetch.Client {
	t.Helper()
	cfg := fetch.Config{Vendor: fetch.Okta, Connection: "test", BaseURL: url, RequestIDHeader: "X-Okta-Request-Id",
		RateStyle: fetch.RateOkta, Tuning: fetch.Tuning{Backoff: time.Millisecond}, Secrets: []string{"super-secret-token"}}
	if mod != nil {
		mod(&cfg)
	}
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLinkPagesStreamsAndStops(t *testing.T) {
	// Six items, two per page, linked with rel="next"; the consumer stops after three.
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "0"
		}
		var p int
		fmt.Sscan(page, &p)
		if p < 2 {
			w.Header().Add("Link", fmt.Sprintf(`<http://%s/items?page=%d>; rel="next"`, r.Host, p+1))
		}
		json.NewEncoder(w).Encode([]int{2 * p, 2*p + 1})
	})
	c := client(t, s.URL, nil)
	seq := fetch.LinkPages(context.Background(), c, &fetch.Request{Op: "GET /items", Path: "/items"}, func(b []byte) ([]int, error) {
		var v []int
		return v, json.Unmarshal(b, &v)
	})
	var got []int
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		if len(got) == 3 {
			break
		}
	}
	if fmt.Sprint(got) != "[0 1 2]" {
		t.Errorf("got %v", got)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d calls for three items at two per page, want 2", n)
	}
	got = nil
	calls.Store(0)
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if fmt.Sprint(got) != "[0 1 2 3 4 5]" || calls.Load() != 3 {
		t.Errorf("full listing: %v in %d calls", got, calls.Load())
	}
}

func TestLinkPagesRefusesForeignHost(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Link", `<https://evil.example.com/steal>; rel="next"`)
		w.Write([]byte(`[1]`))
	})
	c := client(t, s.URL, nil)
	var err error
	for _, e := range fetch.LinkPages(context.Background(), c, &fetch.Request{Op: "GET /items", Path: "/items"}, func(b []byte) ([]int, error) {
		var v []int
		return v, json.Unmarshal(b, &v)
	}) {
		if e != nil {
			err = e
		}
	}
	if err == nil || !strings.Contains(err.Error(), "another host") {
		t.Fatalf("err = %v, want a refusal to follow a link to another host", err)
	}
}

func TestRetriesReadsNotWrites(t *testing.T) {
	var fail atomic.Int64
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		if fail.Add(-1) >= 0 {
			w.Header().Set("X-Okta-Request-Id", "req-500")
			w.WriteHeader(500)
			w.Write([]byte(`{"errorCode":"E0000009","errorSummary":"Internal Server Error"}`))
			return
		}
		w.Write([]byte(`{"ok":true}`))
	})
	c := client(t, s.URL, nil)
	fail.Store(2)
	var out map[string]bool
	if _, err := c.Do(context.Background(), &fetch.Request{Op: "GET /x", Path: "/x", Into: &out}); err != nil || !out["ok"] {
		t.Fatalf("read after two 500s: %v %v", out, err)
	}
	if calls.Load() != 3 {
		t.Errorf("read: %d calls, want 3", calls.Load())
	}
	calls.Store(0)
	fail.Store(1)
	_, err := c.Do(context.Background(), &fetch.Request{Method: "POST", Op: "POST /x", Path: "/x"})
	if calls.Load() != 1 {
		t.Errorf("write after a 500: %d calls, want exactly 1", calls.Load())
	}
	if !errors.Is(err, fetch.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "req-500") {
		t.Errorf("write error %v: want outcome unknown with the request id", err)
	}
}

func TestRateLimitWaitsForReset(t *testing.T) {
	var first atomic.Bool
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		if !first.Swap(true) {
			w.Header().Set("X-Rate-Limit-Limit", "10")
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(time.Now().Add(time.Second).Unix()))
			w.WriteHeader(429)
			w.Write([]byte(`{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}`))
			return
		}
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, nil)
	stats := &fetch.Stats{}
	start := time.Now()
	_, err := c.Do(fetch.WithStats(context.Background(), stats), &fetch.Request{Op: "GET /x", Path: "/x"})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 || stats.RateLimited.Load() != 1 {
		t.Errorf("calls %d, 429s %d", calls.Load(), stats.RateLimited.Load())
	}
	if time.Since(start) < 900*time.Millisecond {
		t.Errorf("retried after %s, before the window reset", time.Since(start))
	}
}

func TestRateLimitBeyondMaxWaitFails(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(time.Now().Add(time.Hour).Unix()))
		w.WriteHeader(429)
	})
	c := client(t, s.URL, func(c *fetch.Config) { c.MaxWait = 2 * time.Second })
	start := time.Now()
	_, err := c.Do(context.Background(), &fetch.Request{Op: "GET /x", Path: "/x"})
	if !errors.Is(err, fetch.ErrRateLimited) || !strings.Contains(err.Error(), "--max-wait") {
		t.Fatalf("err = %v, want a rate-limit error naming --max-wait", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("took %s: a wait that cannot fit should fail at once", time.Since(start))
	}
}

func TestCancelStopsInFlight(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	c := client(t, s.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Do(ctx, &fetch.Request{Op: "GET /slow", Path: "/slow"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancel took %s", d)
	}
}

func TestRedaction(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		// A vendor that echoes what it got, the credential included.
		fmt.Fprintf(w, `{"errorCode":"E0000001","errorSummary":"bad %s","errorCauses":[{"errorSummary":"password hunter2-password"}]}`, r.Header.Get("Authorization"))
	})
	c := client(t, s.URL, func(c *fetch.Config) {
		c.ParseError = func(resp *fetch.Response, e *fetch.APIError) {
			var b struct {
				ErrorSummary string
				ErrorCauses  []struct{ ErrorSummary string }
			}
			json.Unmarshal(resp.Body, &b)
			e.Message = b.ErrorSummary
			for _, cc := range b.ErrorCauses {
				e.Causes = append(e.Causes, cc.ErrorSummary)
			}
		}
		c.Auth = bearer("super-secret-token")
	})
	_, err := c.Do(context.Background(), &fetch.Request{Method: "POST", Op: "POST /x", Path: "/x", Secrets: []string{"hunter2-password"}})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, secret := range []string{"super-secret-token", "hunter2-password"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error leaks %q: %v", secret, err)
		}
	}
	if !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("error %q does not show where the secret was removed", err)
	}
}

type bearer string

func (b bearer) Apply(_ context.Context, _ *fetch.Client, h http.Header) (string, error) {
	h.Set("Authorization", "Bearer "+string(b))
	return string(b), nil
}
func (b bearer) Stale(string, *fetch.Response) bool { return false }

func TestPlainHTTPOnlyForLoopback(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://127.0.0.1:8080": true, "http://localhost": true, "http://[::1]:1": true,
		"https://acme.okta.com": true, "http://acme.okta.com": false, "ftp://x": false,
	} {
		_, err := fetch.New(fetch.Config{Vendor: fetch.Okta, Connection: "c", BaseURL: url})
		if (err == nil) != ok {
			t.Errorf("%s: err = %v", url, err)
		}
	}
}

func TestMemoSendsIdenticalReadsOnce(t *testing.T) {
	// The answer is held until the call reached the server, so that the other callers find
	// it in flight or finished: either way they share it.
	arrived, release := make(chan struct{}, 5), make(chan struct{})
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		w.Write([]byte(`{"n":1}`))
	})
	c := client(t, s.URL, nil)
	ctx := fetch.WithMemo(context.Background())
	done := make(chan error, 5)
	go func() { <-arrived; close(release) }()
	for range 5 {
		go func() {
			var v map[string]int
			_, err := c.Do(ctx, &fetch.Request{Op: "GET /x", Path: "/x", Into: &v})
			if err == nil && v["n"] != 1 {
				err = fmt.Errorf("decoded %v", v)
			}
			done <- err
		}()
	}
	for range 5 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("%d calls for 5 identical reads in one query, want 1", calls.Load())
	}
}

func TestCacheClearedByWrite(t *testing.T) {
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) })
	c := client(t, s.URL, func(c *fetch.Config) { c.Cache = fetch.NewCache(time.Minute) })
	get := func() { c.Do(context.Background(), &fetch.Request{Op: "GET /x", Path: "/x"}) }
	get()
	get()
	if calls.Load() != 1 {
		t.Fatalf("second read within the TTL made a call (%d calls)", calls.Load())
	}
	c.Do(context.Background(), &fetch.Request{Method: "DELETE", Op: "DELETE /x", Path: "/x"})
	get()
	if calls.Load() != 3 {
		t.Errorf("read after a write was served from the cache (%d calls, want 3)", calls.Load())
	}
}
