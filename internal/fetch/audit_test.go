package fetch_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

type auditCalls struct {
	mu    sync.Mutex
	calls []fetch.AuditCall
}

func (a *auditCalls) AuditCall(_ context.Context, c fetch.AuditCall) {
	a.mu.Lock()
	a.calls = append(a.calls, c)
	a.mu.Unlock()
}

func (a *auditCalls) take() []fetch.AuditCall {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := a.calls
	a.calls = nil
	return out
}

// Every mutating call is reported once, when it is over, with its outcome; reads and logins
// are not; the request's secrets are masked.
func TestAuditOfMutatingCalls(t *testing.T) {
	var fail sync.Map // path -> status to answer
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Okta-Request-Id", "req-"+strings.TrimPrefix(r.URL.Path, "/"))
		if v, ok := fail.Load(r.URL.Path); ok {
			w.WriteHeader(v.(int))
			w.Write([]byte(`{"errorCode":"E0000001","errorSummary":"refused super-secret-token and the-client-secret"}`))
			return
		}
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.MaxRetries = 1 })
	a := &auditCalls{}
	ctx := fetch.WithAuditor(context.Background(), a)
	do := func(method, path string, mod ...func(*fetch.Request)) error {
		req := &fetch.Request{Method: method, Op: method + " " + path, Path: path}
		for _, m := range mod {
			m(req)
		}
		_, err := c.Do(ctx, req)
		return err
	}
	secret := func(r *fetch.Request) {
		r.Secrets = []string{"the-client-secret"}
		r.Body = map[string]string{"s": "the-client-secret"}
	}

	_ = do("GET", "/read")
	_ = do("POST", "/login", func(r *fetch.Request) { r.NoAuth, r.Login = true, true })
	if got := a.take(); len(got) != 0 {
		t.Errorf("reads and logins audited: %+v", got)
	}
	_ = do("POST", "/ok", secret)
	fail.Store("/refused", 400)
	_ = do("POST", "/refused", secret)
	fail.Store("/lost", 503)
	_ = do("DELETE", "/lost")
	got := a.take()
	if len(got) != 3 {
		t.Fatalf("%d audit calls, want 3: %+v", len(got), got)
	}
	for i, want := range []struct {
		method, op, outcome, requestID string
		status, attempts               int
	}{
		{"POST", "POST /ok", "ok", "req-ok", 200, 1},
		{"POST", "POST /refused", "refused", "req-refused", 400, 1},
		{"DELETE", "DELETE /lost", "unknown", "req-lost", 503, 1},
	} {
		g := got[i]
		if g.Method != want.method || g.Op != want.op || string(g.Outcome) != want.outcome || g.RequestID != want.requestID ||
			g.Status != want.status || g.Attempts != want.attempts || g.Vendor != fetch.Okta || g.Connection != "test" || g.Time.IsZero() {
			t.Errorf("call %d: %+v, want %+v", i, g, want)
		}
		if strings.Contains(g.Error, "super-secret-token") || strings.Contains(g.Error, "the-client-secret") {
			t.Errorf("call %d: the error holds a secret: %s", i, g.Error)
		}
		if g.Redact == nil || g.Redact("x the-client-secret super-secret-token") != "x [REDACTED] [REDACTED]" && i < 2 {
			t.Errorf("call %d: Redact does not mask the request's secrets", i)
		}
	}
	if !strings.Contains(got[1].Error, "400 Bad Request") || !strings.Contains(got[2].Error, "outcome unknown") {
		t.Errorf("errors: %q, %q", got[1].Error, got[2].Error)
	}
}

// A write to a port nobody listens on never left: it is retried, then audited as not sent.
func TestAuditOfWriteNeverSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	c := client(t, url, func(cfg *fetch.Config) { cfg.MaxRetries = 2 })
	a := &auditCalls{}
	_, err = c.Do(fetch.WithAuditor(context.Background(), a), &fetch.Request{Method: "POST", Op: "POST /x", Path: "/x"})
	if err == nil || errors.Is(err, fetch.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("error %v: want a refused connection, nothing changed", err)
	}
	got := a.take()
	if len(got) != 1 || got[0].Outcome != fetch.OutcomeNotSent || got[0].Attempts != 3 || got[0].Status != 0 {
		t.Errorf("audit %+v, want one not_sent call after 3 attempts", got)
	}
}

// A write cancelled while the vendor may be acting on it is an unknown outcome, and still
// a cancellation.
func TestCancelledWriteIsUnknown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) }) // before the server's Close, which waits for handlers
	c := client(t, s.URL, nil)
	a := &auditCalls{}
	ctx, cancel := context.WithCancel(fetch.WithAuditor(context.Background(), a))
	go func() { <-started; cancel() }()
	start := time.Now()
	_, err := c.Do(ctx, &fetch.Request{Method: "POST", Op: "POST /slow", Path: "/slow"})
	if time.Since(start) > 5*time.Second {
		t.Fatal("the cancellation did not end the call")
	}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, fetch.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "POST /slow: outcome unknown") {
		t.Errorf("error %v: want a cancelled call whose outcome is unknown", err)
	}
	if got := a.take(); len(got) != 1 || got[0].Outcome != fetch.OutcomeUnknown {
		t.Errorf("audit %+v, want one unknown outcome", got)
	}
}

// An empty key value never reaches the vendor: the path would name the collection.
func TestEmptyKeyIsNeverSent(t *testing.T) {
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`[]`)) })
	c := client(t, s.URL, nil)
	for _, tmpl := range []string{"/api/v1/apps/{appId}", "/api/v1/apps/{appId}/credentials/keys", "/api/v1/apps/{appId}/credentials/keys/{kid}"} {
		for _, method := range []string{"GET", "DELETE"} {
			_, err := c.Do(context.Background(), &fetch.Request{Method: method, Op: method + " " + tmpl, Path: fetch.Path(tmpl, "", "")})
			if !errors.Is(err, fetch.ErrEmptyKey) || !errors.Is(err, fetch.ErrNotFound) || !strings.Contains(err.Error(), method+" "+tmpl) {
				t.Errorf("%s %s with '': %v, want ErrEmptyKey (a not-found) naming the route", method, tmpl, err)
			}
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}
