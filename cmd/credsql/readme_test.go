package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// readmeBlocks returns the fenced code blocks of README.md of one language.
func readmeBlocks(t *testing.T, lang string) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)```" + lang + "\n(.*?)```")
	var out []string
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	if len(out) == 0 {
		t.Fatalf("README.md has no %s blocks", lang)
	}
	return out
}

// Every SQL example of the README runs against the simulator. Placeholders ('0oa...' and
// '...') become a real app id and one of its key ids.
func TestReadmeSQLExamples(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	app := e.MustQuery("SELECT id FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY id LIMIT 1")[0][0].(string)
	kid := e.MustQuery("SELECT kid FROM app_keys WHERE app_id = '" + app + "' LIMIT 1")[0][0].(string)
	n := 0
	for _, block := range readmeBlocks(t, "sql") {
		block = strings.ReplaceAll(block, "'0oa...'", "'"+app+"'")
		block = strings.ReplaceAll(block, "'...'", "'"+kid+"'")
		for _, stmt := range engine.SplitStatements(block) {
			n++
			e.CheckExample(t, "README.md", stmt)
		}
	}
	if n < 5 {
		t.Errorf("only %d SQL examples found", n)
	}
}

// Every `./bin/credsql --demo ...` command of the README runs and succeeds (or reports
// findings with exit code 4 where it asks to).
func TestReadmeDemoCommands(t *testing.T) {
	// Not parallel: it changes the working directory (t.Chdir).
	blocks := readmeBlocks(t, "sh") // read before leaving the package directory
	dir := t.TempDir()
	t.Chdir("../..") // the commands run from the repository root, as the README shows
	n := 0
	for _, block := range blocks {
		for _, line := range strings.Split(block, "\n") {
			line = strings.TrimSpace(line)
			if i := strings.Index(line, "  #"); i > 0 {
				line = strings.TrimSpace(line[:i])
			}
			if !strings.HasPrefix(line, "./bin/credsql --demo ") || strings.Contains(line, " shell") {
				continue
			}
			args, err := splitArgs(strings.TrimPrefix(line, "./bin/credsql "))
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			for i, a := range args {
				args[i] = strings.ReplaceAll(a, "/tmp/", dir+"/")
			}
			n++
			var out, errw bytes.Buffer
			a := newApp(strings.NewReader(""), &out, &errw)
			a.getenv = func(string) string { return "" }
			code := a.main(args)
			want := exitOK
			if strings.Contains(line, "--fail-on-rows") {
				want = exitFindings
			}
			if code != want {
				t.Errorf("%s: exit %d, want %d\n%s", line, code, want, errw.String())
			}
		}
	}
	if n < 4 {
		t.Errorf("only %d demo commands found", n)
	}
}

// splitArgs splits a command line with single and double quotes.
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	var quote rune
	inArg := false
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inArg = r, true
		case r == ' ':
			if inArg {
				out = append(out, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if inArg {
		out = append(out, cur.String())
	}
	return out, nil
}
