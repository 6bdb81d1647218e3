package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/testenv"
)

// docsParseCommand parses a credsql command line with the real flag sets, without running it.
func docsParseCommand(args []string) error {
	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	gfs := flag.NewFlagSet("credsql", flag.ContinueOnError)
	gfs.SetOutput(io.Discard)
	a.globals.register(gfs)
	if err := gfs.Parse(args); err != nil {
		return err
	}
	rest := gfs.Args()
	if len(rest) == 0 {
		return errors.New("no command")
	}
	c := findCommand(rest[0])
	if c == nil {
		return fmt.Errorf("unknown command %q", rest[0])
	}
	fs := a.flagSet(c)
	c.setup(a, fs)
	if err := fs.Parse(rest[1:]); err != nil {
		return err
	}
	_, err := interspersed(fs, fs.Args())
	return err
}

// docsCommandAfter returns the credsql arguments of a shell line: from the word after the one
// naming credsql, up to a redirection or comment.
func docsCommandAfter(line string, isCredsql func(string) bool) []string {
	words := strings.Fields(line)
	for i, w := range words {
		if !isCredsql(w) {
			continue
		}
		var args []string
		for _, a := range words[i+1:] {
			if strings.HasPrefix(a, ">") || strings.HasPrefix(a, "2>") || strings.HasPrefix(a, "#") {
				break
			}
			args = append(args, a)
		}
		return args
	}
	return nil
}

type docsBlock struct{ lang, body string }

func docsBlocks(t *testing.T) (string, []docsBlock) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "scheduling.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []docsBlock
	for _, m := range regexp.MustCompile("(?s)```(\\w*)\\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		out = append(out, docsBlock{m[1], m[2]})
	}
	return string(b), out
}

// TestSchedulingDocs checks what docs/scheduling.md shows: the table of saved queries matches
// queries/, every credsql command line (shell, cron, systemd, the CronJob's args) parses with
// the real flags, the config examples load, the YAML parses, and the units are well formed.
func TestSchedulingDocs(t *testing.T) {
	t.Parallel()
	text, blocks := docsBlocks(t)

	qs, err := inventory.Load(invQueriesDir)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `(\\w+)` \\| (\\w+) \\|").FindAllStringSubmatch(text, -1) {
		listed[m[1]] = m[2]
	}
	for _, q := range qs {
		if listed[q.Name] != q.Severity {
			t.Errorf("docs list %s as %q, the query says %q", q.Name, listed[q.Name], q.Severity)
		}
		delete(listed, q.Name)
	}
	if len(listed) > 0 {
		t.Errorf("docs list queries that do not exist: %v", listed)
	}

	commands := 0
	check := func(where string, args []string) {
		commands++
		if err := docsParseCommand(args); err != nil {
			t.Errorf("%s: credsql %s: %v", where, strings.Join(args, " "), err)
		}
	}
	for _, b := range blocks {
		switch {
		case b.lang == "sh":
			for _, line := range strings.Split(b.body, "\n") {
				if strings.HasPrefix(line, "credsql ") {
					check("shell", docsCommandAfter(line, func(w string) bool { return w == "credsql" }))
				}
				if f := strings.Fields(line); len(f) > 6 && !strings.HasPrefix(line, "#") && strings.Contains(line, "$CREDSQL") {
					if _, err := fmt.Sscanf(strings.Join(f[:5], " "), "%s %s %s %s %s", new(string), new(string), new(string), new(string), new(string)); err != nil || f[5] != "credsql" {
						t.Errorf("cron line without five time fields and a user: %s", line)
					}
					check("cron", docsCommandAfter(line, func(w string) bool { return w == "$CREDSQL" }))
				}
			}
		case b.lang == "ini" && strings.Contains(b.body, "/etc/systemd/system/"):
			docsCheckUnit(t, b.body, check)
		case b.lang == "yaml":
			docsCheckYAML(t, b.body, check)
		}
	}
	if commands < 10 {
		t.Errorf("only %d credsql command lines checked", commands)
	}
}

func docsCheckUnit(t *testing.T, body string, check func(string, []string)) {
	t.Helper()
	known := map[string]bool{"Unit": true, "Service": true, "Timer": true, "Install": true}
	section := ""
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
			if !known[section] {
				t.Errorf("unit section [%s]", section)
			}
		default:
			key, val, ok := strings.Cut(line, "=")
			if !ok || section == "" || key != strings.TrimSpace(key) || key == "" {
				t.Errorf("unit line %q is not Key=Value in a section", line)
			}
			if key == "ExecStart" {
				check("systemd", docsCommandAfter(val, func(w string) bool { return strings.HasSuffix(w, "/credsql") }))
			}
		}
	}
}

func docsCheckYAML(t *testing.T, body string, check func(string, []string)) {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(body))
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("YAML: %v\n%s", err, body)
		}
		switch {
		case doc["groups"] != nil:
			docsCheckRules(t, body)
		case doc["connections"] != nil:
			docsCheckConfig(t, body)
		case doc["kind"] == "Secret":
			docsCheckConfig(t, docsDig(doc, "stringData", "config.yaml").(string))
		case doc["kind"] == "CronJob":
			if doc["apiVersion"] != "batch/v1" || docsDig(doc, "spec", "concurrencyPolicy") != "Forbid" ||
				len(strings.Fields(docsDig(doc, "spec", "schedule").(string))) != 5 {
				t.Errorf("CronJob: %v", doc["spec"])
			}
			pod := docsDig(doc, "spec", "jobTemplate", "spec", "template", "spec").(map[string]any)
			volumes := map[any]bool{}
			for _, v := range pod["volumes"].([]any) {
				volumes[v.(map[string]any)["name"]] = true
			}
			for _, c := range pod["containers"].([]any) {
				var args []string
				for _, a := range c.(map[string]any)["args"].([]any) {
					args = append(args, fmt.Sprint(a))
				}
				check("CronJob", args)
				for _, m := range c.(map[string]any)["volumeMounts"].([]any) {
					if !volumes[m.(map[string]any)["name"]] {
						t.Errorf("CronJob mounts the undefined volume %v", m)
					}
				}
			}
		}
	}
}

// docsCheckConfig loads a config example, with its secret files and variables stubbed: it must be
// valid and reference every secret (no inline-secret warning).
func docsCheckConfig(t *testing.T, body string) {
	t.Helper()
	dir := t.TempDir()
	body = regexp.MustCompile(`(?m)^(\s*(?:token|access_token|password|session_token|key_id|key_secret)_file): .*$`).
		ReplaceAllStringFunc(body, func(line string) string {
			key, _, _ := strings.Cut(line, ":")
			p := filepath.Join(dir, strings.TrimSpace(key))
			if err := os.WriteFile(p, []byte("x\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			return key + ": " + p
		})
	cfg, err := config.Parse([]byte(body), func(string) string { return "x" }, dir)
	if err != nil {
		t.Errorf("config example: %v\n%s", err, body)
		return
	}
	if len(cfg.Connections) == 0 || len(cfg.Warnings) > 0 {
		t.Errorf("config example: %d connections, warnings %v", len(cfg.Connections), cfg.Warnings)
	}
}

func docsDig(m map[string]any, path ...string) any {
	var v any = m
	for _, p := range path {
		mm, _ := v.(map[string]any)
		v = mm[p]
	}
	return v
}

// docsCheckRules checks the alert rules with promtool, and that they use only metrics credsql
// writes.
func docsCheckRules(t *testing.T, body string) {
	t.Helper()
	known := map[string]bool{}
	for _, name := range []string{"credsql_credential_expiry_timestamp_seconds", "credsql_query_rows", "credsql_query_success",
		"credsql_credential_listing_success", "credsql_connection_up", "credsql_run_success", "credsql_run_timestamp_seconds"} {
		known[name] = true
	}
	for _, m := range regexp.MustCompile(`credsql_[a-z_]+`).FindAllString(body, -1) {
		if !known[m] {
			t.Errorf("the alert rules use %s, which credsql run --format prometheus does not write", m)
		}
	}
	bin := testenv.Program(t, "promtool", "apt-get install -y prometheus")
	f := filepath.Join(t.TempDir(), "rules.yml")
	if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "check", "rules", f).CombinedOutput(); err != nil {
		t.Errorf("promtool check rules: %v\n%s", err, out)
	}
}
