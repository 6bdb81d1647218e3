package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

// invCLI runs credsql in-process with an environment of its own.
type invCLI struct {
	t   *testing.T
	env map[string]string
}

type invOutcome struct {
	code           int
	stdout, stderr string
}

func (c *invCLI) run(args ...string) invOutcome {
	c.t.Helper()
	var out, errb bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errb)
	a.getenv = func(k string) string { return c.env[k] }
	code := a.main(args)
	return invOutcome{code, out.String(), errb.String()}
}

// must runs credsql and fails the test unless the exit code is want.
func (c *invCLI) must(want int, args ...string) invOutcome {
	c.t.Helper()
	o := c.run(args...)
	if o.code != want {
		c.t.Fatalf("credsql %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), o.code, want, o.stdout, o.stderr)
	}
	return o
}

// startSim serves a simulator for the test.
func invStartSim(t *testing.T, o sim.Options) (*sim.Server, string) {
	t.Helper()
	if o.PageSize == 0 {
		o.PageSize = 2
	}
	s := sim.New(o)
	u := s.Start()
	t.Cleanup(s.Close)
	return s, u
}

// invConn is a connection entry of a test config file.
type invConn struct {
	name, vendor string
	sim          *sim.Server
	url          string
	secret       string // overrides the simulator's credential (a wrong one)
}

// writeConfig writes a YAML config file whose secrets are passed by reference, through
// environment variables set in c.env.
func (c *invCLI) writeConfig(conns ...invConn) string {
	c.t.Helper()
	if c.env == nil {
		c.env = map[string]string{}
	}
	var b strings.Builder
	b.WriteString("connections:\n")
	for _, cn := range conns {
		o := cn.sim.Options()
		envName := strings.ToUpper(strings.NewReplacer("-", "_").Replace(cn.vendor + "_" + cn.name + "_SECRET"))
		fmt.Fprintf(&b, "  - name: %s\n    vendor: %s\n", cn.name, cn.vendor)
		switch cn.vendor {
		case "okta":
			c.env[envName] = invOr(cn.secret, o.OktaToken)
			fmt.Fprintf(&b, "    url: %s\n    token_env: %s\n", cn.url, envName)
		case "ziti":
			c.env[envName] = invOr(cn.secret, o.ZitiPassword)
			fmt.Fprintf(&b, "    url: %s%s\n    username: %s\n    password_env: %s\n", cn.url, sim.ZitiPrefix, o.ZitiUsername, envName)
		case "opa":
			c.env[envName] = invOr(cn.secret, o.OPAKeySecret)
			fmt.Fprintf(&b, "    url: %s%s\n    team: %s\n    key_id: %s\n    key_secret_env: %s\n", cn.url, sim.OPAPrefix, o.OPATeam, o.OPAKeyID, envName)
		}
	}
	path := filepath.Join(c.t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return path
}

func invOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// jsonLines decodes NDJSON output.
func invNDJSON(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// jsonRows decodes `--format json` output.
func invJSON(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("%v in %s", err, s)
	}
	return out
}

// packDir writes saved queries into a folder.
func invPackDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const invQueriesDir = "../../queries"

// invLinesWith counts the lines of s that contain sub.
func invLinesWith(s, sub string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, sub) {
			n++
		}
	}
	return n
}

// invTail is the end of a long output, for a failure message.
func invTail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > 8 {
		lines = append([]string{"..."}, lines[len(lines)-8:]...)
	}
	return strings.Join(lines, "\n")
}

// invLastLine is the last line of an output.
func invLastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}

// invCSV parses CSV output: it must be one table.
func invCSV(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not one CSV table: %v\n%.500s", err, s)
	}
	return rows
}

// invAround shows where re matches in s.
func invAround(s string, re *regexp.Regexp) string {
	loc := re.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	return s[max(0, loc[0]-150):min(len(s), loc[1]+50)]
}
