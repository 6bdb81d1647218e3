package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

// runRateLimited runs `credsql --demo query` in-process against a simulator whose Okta allows
// 20 calls per one-second window: COUNT(*) over app_keys takes 25 calls in one bucket (the
// app list and 24 key lists), so the query waits for the next window once.
func runRateLimited(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errw)
	a.getenv = func(string) string { return "" }
	var s *sim.Server
	a.onDemo = func(d *sim.Server) {
		d.SetRateLimit(20, time.Second, true)
		s = d
	}
	code = a.main(append([]string{"--demo", "query", "--format", "csv", "-e", "SELECT COUNT(*) AS n FROM app_keys"}, args...))
	if s == nil || s.RateLimited() != 0 {
		t.Errorf("the query was refused by the rate limit instead of waiting for it")
	}
	return out.String(), errw.String(), code
}

func TestQueryProgressWhileWaitingForARateLimit(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runRateLimited(t, "--progress")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// stdout is the result alone.
	if !regexp.MustCompile(`^n\n\d+\n$`).MatchString(stdout) {
		t.Errorf("stdout %q", stdout)
	}
	// stderr says what the query waits for, how long, and the calls so far: stderr is no
	// terminal here, so these are plain lines.
	wait := regexp.MustCompile(`(?m)^credsql query: waiting \S+ for the Okta rate-limit window of /api/v1/apps \(connection "demo"\), (\d+) API calls so far$`)
	m := wait.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no wait line on stderr:\n%s", stderr)
	}
	if m[1] == "0" || strings.Contains(stderr, "\r") || strings.Contains(stderr, "\x1b") {
		t.Errorf("stderr:\n%q", stderr)
	}
}

func TestQueryProgressIsOffWhenNotATerminal(t *testing.T) {
	t.Parallel()
	// Each run waits for the next rate-limit window (a second): the two wait side by side.
	for _, args := range [][]string{nil, {"--quiet"}} {
		t.Run(fmt.Sprint(args), func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := runRateLimited(t, args...)
			if code != exitOK || stderr != "" || !regexp.MustCompile(`^n\n\d+\n$`).MatchString(stdout) {
				t.Errorf("%v: exit %d, stdout %q, stderr %q: want the result and nothing on stderr", args, code, stdout, stderr)
			}
		})
	}
}
