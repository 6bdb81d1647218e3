package ziti

import (
	"net/http"
	"testing"
	"time"
)

func TestSessionIdleUsesTheControllerClock(t *testing.T) {
	t.Parallel()
	local := time.Now()
	for _, skew := range []time.Duration{-5 * time.Hour, 0, 5 * time.Hour} {
		server := local.Add(skew).Truncate(time.Second)
		h := http.Header{"Date": {server.UTC().Format(http.TimeFormat)}}
		s := APISession{ExpiresAt: server.Add(30 * time.Minute), ExpirationSeconds: 1800}
		if got := sessionIdle(h, s); got != 30*time.Minute {
			t.Errorf("skew %s: idle %s, want 30m", skew, got)
		}
		// Renewed a minute before the end, measured from the local clock of the last call.
		if got := renewAfterIdle(local, sessionIdle(h, s)); !got.Equal(local.Add(29 * time.Minute)) {
			t.Errorf("skew %s: renew at %s, want %s", skew, got, local.Add(29*time.Minute))
		}
	}
	// No Date header: the configured timeout.
	if got := sessionIdle(http.Header{}, APISession{ExpiresAt: local.Add(-time.Hour), ExpirationSeconds: 600}); got != 10*time.Minute {
		t.Errorf("without Date: %s, want 10m", got)
	}
}
