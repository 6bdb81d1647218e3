package repl

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chzyer/readline"

	"github.com/credsql/credsql/internal/sim"
)

// fakeTerminal is readline in interactive mode over a pipe: keys are the bytes of keys
// (Enter is \r, Up is ESC [ A), the screen goes to screen.
func fakeTerminal(t *testing.T, history, keys string, screen io.Writer) *Terminal {
	t.Helper()
	term, err := newTerminal(&readline.Config{
		HistoryFile:        history,
		AutoComplete:       NewCompleter(),
		Stdin:              io.NopCloser(strings.NewReader(keys)),
		Stdout:             screen,
		Stderr:             screen,
		FuncIsTerminal:     func() bool { return true },
		FuncMakeRaw:        func() error { return nil },
		FuncExitRaw:        func() error { return nil },
		FuncGetWidth:       func() int { return 100 },
		FuncOnWidthChanged: func(func()) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	return term
}

// History survives the session: a multi-line statement typed in one session is one entry
// in the history file, and Up in the next session recalls it whole.
func TestHistoryAcrossSessions(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	history := filepath.Join(t.TempDir(), "state", "credsql", "history")
	session := func(keys string) string {
		var screen bytes.Buffer
		term := fakeTerminal(t, history, keys, &screen)
		cfg := Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: term, Out: &screen, Err: &screen, TTY: true, Width: 100}
		err := New(cfg).Run(t.Context())
		term.Close()
		if err != nil {
			t.Fatal(err)
		}
		return screen.String()
	}

	first := session("SELECT 'from the first session'\r  AS greeting;\r\\x on\r")
	if !strings.Contains(first, "| from the first session |") {
		t.Fatalf("first session did not run the statement:\n%s", first)
	}
	b, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	if want := "SELECT 'from the first session' AS greeting;\n\\x on\n"; string(b) != want {
		t.Errorf("history file = %q, want %q", b, want)
	}
	if fi, err := os.Stat(history); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode = %v (%v), want 0600: statements may hold secrets", fi.Mode().Perm(), err)
	}

	// Up, Up recalls the statement (the newest entry is \x on); Enter runs it.
	second := session("\x1b[A\x1b[A\r")
	if !strings.Contains(second, "| from the first session |") {
		t.Errorf("Up did not recall the first session's statement:\n%s", second)
	}
}

// Ctrl-C while typing drops the unfinished statement, not the shell; Tab completes.
func TestTerminalCtrlCAndTab(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	var screen bytes.Buffer
	term := fakeTerminal(t, "", "SELECT 'dropped'\r\x03SELECT COUNT(*) AS n FROM ziti_authentic\t;\r", &screen)
	defer term.Close()
	cfg := Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: term, Out: &screen, Err: &screen, TTY: true, Width: 100}
	if err := New(cfg).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := screen.String()
	if strings.Contains(got, "| dropped") {
		t.Errorf("the statement abandoned with Ctrl-C ran:\n%s", got)
	}
	if !strings.Contains(got, "1 row in set") || !strings.Contains(got, "| n |") {
		t.Errorf("the completed statement (Tab: ziti_authenticators) did not run:\n%s", got)
	}
}
