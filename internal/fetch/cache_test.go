package fetch_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// A read in flight while another session's write clears the cache must not store its
// answer, which predates the write.
func TestCacheSkipsReadInFlightAcrossWrite(t *testing.T) {
	arrived, written := make(chan struct{}), make(chan struct{})
	var version atomic.Value
	version.Store("before")
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			v := version.Load().(string)
			if v == "before" {
				close(arrived)
				<-written
			}
			w.Write([]byte(`{"v":"` + v + `"}`))
		}
	})
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.Cache = fetch.NewCache(time.Minute) })
	read := func() string {
		var out map[string]string
		if _, err := c.Do(context.Background(), &fetch.Request{Op: "GET /x", Path: "/x", Into: &out}); err != nil {
			t.Error(err)
		}
		return out["v"]
	}
	first := make(chan string)
	go func() { first <- read() }()
	<-arrived
	if _, err := c.Do(context.Background(), &fetch.Request{Method: http.MethodDelete, Op: "DELETE /x", Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	version.Store("after")
	close(written)
	if v := <-first; v != "before" {
		t.Fatalf("first read: %q", v)
	}
	if v := read(); v != "after" {
		t.Errorf("read after the write: %q from the cache, want %q (%d calls)", v, "after", calls.Load())
	}
}
