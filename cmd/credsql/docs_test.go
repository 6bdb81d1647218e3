package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `credsql docs` writes the table reference and the permissions page; --check passes on what
// it wrote and fails, naming the page, once the permissions page is edited by hand.
func TestDocsWritesAndChecksThePermissionsPage(t *testing.T) {
	// Not parallel: runCLI sets the environment.
	dir := t.TempDir()
	out, perms := filepath.Join(dir, "tables"), filepath.Join(dir, "permissions.md")
	if stdout, stderr, code := runCLI(t, nil, "", "docs", "--out", out, "--permissions", perms); code != 0 || !strings.Contains(stdout, "wrote "+perms) {
		t.Fatalf("docs: code %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(perms)
	if err != nil || !strings.Contains(string(b), "# Permissions") {
		t.Fatalf("permissions page: %v\n%s", err, b)
	}
	if _, stderr, code := runCLI(t, nil, "", "docs", "--out", out, "--permissions", perms, "--check"); code != 0 {
		t.Fatalf("check of fresh docs: code %d: %s", code, stderr)
	}
	if err := os.WriteFile(perms, append(b, "edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, nil, "", "docs", "--out", out, "--permissions", perms, "--check")
	if code == 0 || !strings.Contains(stderr, perms+" is out of date") {
		t.Errorf("check of an edited permissions page: code %d: %s", code, stderr)
	}
}
