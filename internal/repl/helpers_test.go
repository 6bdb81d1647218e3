package repl

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// frozen is the clock of golden tests and the simulator's "today".
var frozen = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

var update = flag.Bool("update", os.Getenv("UPDATE_GOLDEN") != "", "rewrite testdata/*.golden (also: UPDATE_GOLDEN=1)")

// newEnv starts the demo simulator (seed 42, frozen "today") and an engine, without the
// wire server.
func newEnv(t *testing.T, o sim.Options) *testenv.Env {
	t.Helper()
	if o.Seed == 0 {
		o.Seed = 42
	}
	if o.Now.IsZero() {
		o.Now = frozen
	}
	return testenv.New(t, testenv.Options{Sim: o, NoWire: true})
}

// script is a LineReader over fixed lines. On a terminal (echo) it writes the prompt and
// the line to out, as the terminal would show them, so golden files read as a session.
// A line equal to ctrlC is returned as ErrInterrupt.
type script struct {
	mu      sync.Mutex
	lines   []string
	echo    io.Writer
	history []string
	read    chan string // every line handed out, for tests that act while a query runs
}

const ctrlC = "<Ctrl-C>"

func (s *script) ReadLine(prompt string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	if s.echo != nil {
		io.WriteString(s.echo, prompt+l+"\n")
	}
	if s.read != nil {
		s.read <- l
	}
	if l == ctrlC {
		return "", ErrInterrupt
	}
	return l, nil
}

func (s *script) Close() error { return nil }

func (s *script) SaveHistory(entry string) error {
	s.history = append(s.history, entry)
	return nil
}

// session runs the shell over lines and returns what it wrote to Out and Err, and its error.
func session(t *testing.T, env *testenv.Env, tty bool, lines []string, edit func(*Config)) (stdout, stderr string, err error) {
	t.Helper()
	var out, errw bytes.Buffer
	sc := &script{lines: lines}
	if tty {
		sc.echo = &out
	}
	cfg := Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: sc, Out: &out, Err: &errw,
		TTY: tty, Now: func() time.Time { return frozen }}
	if tty {
		cfg.Width = 100
	}
	if edit != nil {
		edit(&cfg)
	}
	err = New(cfg).Run(context.Background())
	return out.String(), errw.String(), err
}

// golden compares got with testdata/name.golden, or rewrites it with UPDATE_GOLDEN=1.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got; UPDATE_GOLDEN=1 rewrites it):\n%s", path, diff)
	}
}

// transcript joins the two streams for a golden file; the terminal control sequences of
// the progress line are made visible.
func transcript(stdout, stderr string) string {
	vis := strings.NewReplacer("\r", `\r`, "\x1b", `\e`)
	return "=== stdout ===\n" + vis.Replace(stdout) + "=== stderr ===\n" + vis.Replace(stderr)
}

// lockedWriter serialises writes from the progress goroutine and the shell.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.(*bytes.Buffer).String()
}
