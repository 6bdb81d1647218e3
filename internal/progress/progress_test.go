package progress

import (
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
