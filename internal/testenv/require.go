package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Strict reports whether a missing test dependency must fail the test rather than skip it:
// in CI (CI set, as every CI service sets it) or with CREDSQL_REQUIRE_CLIENTS=1.
func Strict() bool {
	ci := os.Getenv("CI")
	return ci != "" && ci != "false" && ci != "0" || os.Getenv("CREDSQL_REQUIRE_CLIENTS") != ""
}

// Missing skips the test because what is not available, or fails it when Strict: a test
// that CI cannot run must not pass unnoticed. install says how to get it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if Strict() {
		t.Fatalf("%s, and CI (or CREDSQL_REQUIRE_CLIENTS) requires it: .ci/run installs it (%s)", what, install)
	}
	t.Skipf("%s: skipped (CI=true makes this a failure); .ci/run installs it (%s)", what, install)
}

// Program finds a program on PATH, or calls Missing.
func Program(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed", install)
	}
	return p
}
