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
	"github.com/credsql/credsql/internal/sim"
)

// vendorServer answers each request with the next of answers (the last one repeats), counts
// the requests and the ones it applied, and puts a request id on every answer.
type answer int

const (
	ok            answer = iota + 1 // 200 {}
	applyThenLose                   // the change is made, then the connection is reset
	applyThen502                    // the change is made, then 502 with the request id
	gone                            // 404
	limited                         // 429 with a reset in the past (no wait)
)

func vendorServer(t *testing.T, answers ...answer) (url string, calls, applied *atomic.Int64) {
	t.Helper()
	applied = &atomic.Int64{}
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Load()) - 1 // server() counted this request already
		a := answers[min(n, len(answers)-1)]
		w.Header().Set("X-Okta-Request-Id", fmt.Sprintf("req-%d", n+1))
		switch a {
		case ok:
			applied.Add(1)
			w.Write([]byte(`{}`))
		case applyThenLose:
			applied.Add(1)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		case applyThen502:
			applied.Add(1)
			w.WriteHeader(http.StatusBadGateway)
		case gone:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"errorCode":"E0000007","errorSummary":"Not found"}`))
		case limited:
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", fmt.Sprint(time.Now().Add(-time.Minute).Unix()))
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}`))
		}
	})
	return s.URL, calls, applied
}

func TestWriteRetryPolicy(t *testing.T) {
	t.Parallel()
	put := func(idempotent bool) *fetch.Request {
		return &fetch.Request{Method: http.MethodPut, Op: "PUT /x/{id}", Path: "/x/1", Idempotent: idempotent}
	}
	del := &fetch.Request{Method: http.MethodDelete, Op: "DELETE /x/{id}", Path: "/x/1", Idempotent: true}
	cases := []struct {
		name      string
		answers   []answer
		req       *fetch.Request
		resend429 bool
		// want: "" for success, else the outcome the audit log must record.
		want      fetch.Outcome
		calls     int
		errHas    []string
		auditCode int
	}{
		{name: "idempotent PUT, reset after applying: sent again", answers: []answer{applyThenLose, ok}, req: put(true), want: fetch.OutcomeOK, calls: 2, auditCode: 200},
		{name: "idempotent PUT, 502 after applying: sent again", answers: []answer{applyThen502, ok}, req: put(true), want: fetch.OutcomeOK, calls: 2, auditCode: 200},
		{name: "DELETE found gone after a lost answer: deleted", answers: []answer{applyThen502, gone}, req: del, want: fetch.OutcomeOK, calls: 2, auditCode: 404},
		{name: "DELETE answered 404 at once: refused", answers: []answer{gone}, req: del, want: fetch.OutcomeRefused, calls: 1, errHas: []string{"404"}, auditCode: 404},
		{name: "non-idempotent PUT, reset after applying: never sent again", answers: []answer{applyThenLose, ok}, req: put(false), want: fetch.OutcomeUnknown, calls: 1, errHas: []string{"outcome unknown"}},
		{name: "non-idempotent PUT, 502: never sent again, with the request id", answers: []answer{applyThen502, ok}, req: put(false), want: fetch.OutcomeUnknown, calls: 1, errHas: []string{"outcome unknown", "502", "[request id req-1]"}, auditCode: 502},
		{name: "idempotent PUT lost every time: unknown after the retries", answers: []answer{applyThen502}, req: put(true), want: fetch.OutcomeUnknown, calls: 3, errHas: []string{"outcome unknown", "(after 3 tries)"}, auditCode: 502},
		{name: "a 429 after a lost answer is still unknown", answers: []answer{applyThenLose, limited}, req: put(true), want: fetch.OutcomeUnknown, calls: 2, errHas: []string{"outcome unknown", "earlier attempt"}, auditCode: 429},
		{name: "429 on a write, vendor documents resending: sent again", answers: []answer{limited, ok}, req: put(false), resend429: true, want: fetch.OutcomeOK, calls: 2, auditCode: 200},
		{name: "429 on a write, vendor does not document it: not applied, not sent again", answers: []answer{limited, ok}, req: put(false), want: fetch.OutcomeRefused, calls: 1, errHas: []string{"429", "Not applied (rate limited)"}, auditCode: 429},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			url, calls, _ := vendorServer(t, c.answers...)
			cl := client(t, url, func(cfg *fetch.Config) {
				cfg.MaxRetries = 2
				cfg.Writes.Resend429 = c.resend429
				cfg.MaxWait = 10 * time.Second
			})
			a := &auditCalls{}
			req := *c.req
			_, err := cl.Do(fetch.WithAuditor(context.Background(), a), &req)
			if c.want == fetch.OutcomeOK {
				if err != nil {
					t.Fatalf("err = %v, want success", err)
				}
			} else if err == nil {
				t.Fatal("no error")
			}
			if err != nil {
				msg := err.Error()
				for _, w := range c.errHas {
					if !strings.Contains(msg, w) {
						t.Errorf("error lacks %q: %s", w, msg)
					}
				}
				if got := errors.Is(err, fetch.ErrOutcomeUnknown); got != (c.want == fetch.OutcomeUnknown) {
					t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v for outcome %s: %s", got, c.want, msg)
				}
			}
			if n := int(calls.Load()); n != c.calls {
				t.Errorf("%d requests, want %d", n, c.calls)
			}
			got := a.take()
			if len(got) != 1 || got[0].Outcome != c.want || got[0].Attempts != c.calls || got[0].Status != c.auditCode {
				t.Errorf("audit %+v, want one %s call, %d attempts, status %d", got, c.want, c.calls, c.auditCode)
			}
		})
	}
}

// A write whose TLS handshake fails never reached the vendor, however the handshake fails
// (garbage, or the server hanging up): it is retried, then reported as not sent.
func TestWriteBrokenHandshakeIsNotSent(t *testing.T) {
	t.Parallel()
	for _, f := range []sim.HandshakeFault{sim.HandshakeGarbage, sim.HandshakeHangup} {
		t.Run(f.String(), func(t *testing.T) {
			t.Parallel()
			b, err := sim.StartBrokenTLS(f)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(b.Close)
			c := client(t, b.URL, func(cfg *fetch.Config) { cfg.MaxRetries = 2 })
			a := &auditCalls{}
			_, err = c.Do(fetch.WithAuditor(context.Background(), a), &fetch.Request{Method: http.MethodPost, Op: "POST /x", Path: "/x", Body: map[string]string{"a": "b"}})
			var ae *fetch.APIError
			if !errors.As(err, &ae) || !ae.NotSent || ae.Unknown || ae.Attempts != 3 {
				t.Fatalf("err = %v (%+v), want not sent after 3 attempts", err, ae)
			}
			if !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("error does not say nothing changed: %v", err)
			}
			if b.Conns() != 3 {
				t.Errorf("%d connections, want 3", b.Conns())
			}
			if got := a.take(); len(got) != 1 || got[0].Outcome != fetch.OutcomeNotSent || got[0].Attempts != 3 {
				t.Errorf("audit %+v, want one not_sent call after 3 attempts", got)
			}
		})
	}
}
