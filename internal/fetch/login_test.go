package fetch_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// A login is retried like a read, never answered from the cache or the memo, never
// audited, and leaves the memo and the cache of the connection's reads in place.
func TestLoginIsNotAWrite(t *testing.T) {
	var logins, reads, fail atomic.Int64
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			logins.Add(1)
			if fail.Add(-1) >= 0 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte(`{"token":"t"}`))
			return
		}
		reads.Add(1)
		w.Write([]byte(`{}`))
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.Cache = fetch.NewCache(time.Minute) })
	a := &auditCalls{}
	ctx := fetch.WithMemo(fetch.WithAuditor(context.Background(), a))
	read := func() {
		t.Helper()
		if _, err := c.Do(ctx, &fetch.Request{Op: "GET /x", Path: "/x"}); err != nil {
			t.Fatal(err)
		}
	}
	login := func() {
		t.Helper()
		var out map[string]string
		_, err := c.Do(ctx, &fetch.Request{Method: "POST", Op: "POST /login", Path: "/login", Body: map[string]string{"k": "v"},
			NoAuth: true, Login: true, Into: &out})
		if err != nil || out["token"] != "t" {
			t.Fatalf("login: %v %v", out, err)
		}
	}
	read()
	fail.Store(1)
	login()
	login()
	read()
	if n := logins.Load(); n != 3 {
		t.Errorf("%d login calls, want 3 (a 503 retried, then a second login sent again)", n)
	}
	if n := reads.Load(); n != 1 {
		t.Errorf("%d reads, want 1: a login cleared the memo or the cache", n)
	}
	if got := a.take(); len(got) != 0 {
		t.Errorf("logins audited: %+v", got)
	}
}
