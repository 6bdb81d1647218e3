package progress

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

type buffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestWaitsAreShownAtOnceAndOnce(t *testing.T) {
	for _, tty := range []bool{false, true} {
		var errw buffer
		st := &fetch.Stats{}
		st.Calls.Store(7)
		// After and Every an hour: only the waits print.
		r := Start(&errw, st, Options{TTY: tty, After: time.Hour, Every: time.Hour, Prefix: "credsql query: "})
		w := fetch.Wait{Vendor: fetch.Okta, Connection: "prod", Bucket: "/api/v1/apps", For: 41 * time.Second}
		st.OnWait(w)
		st.OnWait(w) // a second call hitting the same window says nothing new
		st.OnWait(fetch.Wait{Vendor: fetch.OPA, Connection: "pam", For: 5 * time.Second, After429: true})
		got := errw.String()
		r.Stop()
		want := []string{
			`credsql query: waiting 41s for the Okta rate-limit window of /api/v1/apps (connection "prod"), 7 API calls so far`,
			`credsql query: waiting 5s for the Okta Privileged Access rate limit (the vendor answered 429) (connection "pam"), 7 API calls so far`,
		}
		if !tty {
			if got != strings.Join(want, "\n")+"\n" {
				t.Errorf("lines:\n%s", got)
			}
			continue
		}
		if got != eraseLine+want[0]+eraseLine+want[1] || !strings.HasSuffix(errw.String(), eraseLine) {
			t.Errorf("terminal: %q", errw.String())
		}
	}
}

// The periodic line names the in-flight limit of each connection the query has called, as the
// connection's client reports it: before any 429 it is the starting limit, 8, under the
// connection's ceiling.
func TestLineShowsTheInFlightLimit(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("[]"))
	}))
	defer srv.Close()
	st := &fetch.Stats{}
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	r := &Reporter{stats: st, start: now, o: Options{Now: func() time.Time { return now.Add(1500 * time.Millisecond) }}}
	if got, want := r.line(), "running: 0 API calls, 0 rows, 1.5s"; got != want {
		t.Fatalf("before any call:\n got %q\nwant %q", got, want)
	}
	for _, name := range []string{"prod", "lab"} {
		c, err := fetch.New(fetch.Config{Vendor: fetch.Okta, Connection: name, BaseURL: srv.URL, Tuning: fetch.Tuning{Concurrency: 20}})
		if err != nil {
			t.Fatal(err)
		}
		var out []any
		if _, err := c.Do(fetch.WithStats(context.Background(), st), &fetch.Request{Method: "GET", Op: "GET /api/v1/apps", Path: "/api/v1/apps", Into: &out}); err != nil {
			t.Fatal(err)
		}
	}
	want := "running: 2 API calls, 0 rows, 1.5s, in flight ≤ 8 of 20 (okta lab); ≤ 8 of 20 (okta prod)"
	if got := r.line(); got != want {
		t.Fatalf("\n got %q\nwant %q", got, want)
	}
}
