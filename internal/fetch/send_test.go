package fetch_test

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
)

// A failed TLS handshake comes before any byte of the request: a write is retried like a
// refused connection and is never reported with an unknown outcome.
func TestTLSHandshakeFailureIsNotSent(t *testing.T) {
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request reached the server: %s %s", r.Method, r.URL)
	}))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.StartTLS()
	t.Cleanup(s.Close)
	c := client(t, s.URL, func(cfg *fetch.Config) { cfg.MaxRetries = 2 }) // the server's CA is not trusted
	_, err := c.Do(context.Background(), &fetch.Request{Method: http.MethodPost, Op: "POST /x", Path: "/x", Body: map[string]string{"a": "b"}})
	var ae *fetch.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if errors.Is(err, fetch.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "never reached the vendor") {
		t.Errorf("err = %v, want a write that never reached the vendor", err)
	}
	if ae.Attempts != 3 {
		t.Errorf("%d attempts, want 3: a handshake failure is retried like a refused connection", ae.Attempts)
	}
}
