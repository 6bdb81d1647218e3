package repl

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

// runSlow runs lines against a simulator that answers each call after 150ms, with the
// progress line due after 20ms; out and err may be the same writer (a terminal).
func runSlow(t *testing.T, tty bool, lines []string, out, errw *lockedWriter) {
	t.Helper()
	env := newEnv(t, sim.Options{Latency: 150 * time.Millisecond})
	sh := New(Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: &script{lines: lines},
		Out: out, Err: errw, TTY: tty, Width: 100, ProgressAfter: 20 * time.Millisecond})
	if err := sh.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}

var progressRe = regexp.MustCompile(`\r\x1b\[2Krunning: (\d+) API calls?, (\d+) rows?, \d+\.\ds[^\r\x1b]*? — Ctrl-C cancels`)

// eraseLine returns to the start of the line and clears it (CR, then ANSI EL 2).
const eraseLine = "\r\x1b[2K"

func TestProgressLineWhileAQueryRuns(t *testing.T) {
	t.Parallel()
	var out, errw bytes.Buffer
	o, e := &lockedWriter{w: &out}, &lockedWriter{w: &errw}
	runSlow(t, true, []string{"SELECT label FROM apps LIMIT 3;"}, o, e)
	got := e.String()
	if !progressRe.MatchString(got) {
		t.Fatalf("no progress line on stderr: %q", got)
	}
	if !strings.HasSuffix(got, eraseLine) {
		t.Errorf("the progress line was not erased at the end: %q", got)
	}
	if strings.Contains(out.String(), "…") || strings.Contains(out.String(), "\x1b") {
		t.Errorf("progress leaked onto stdout: %q", out.String())
	}
	if !strings.Contains(out.String(), "3 rows in set") {
		t.Errorf("no result: %q", out.String())
	}
}

// On a terminal stdout and stderr are the same screen: rows streamed while the progress
// line shows must erase it first (the next tick redraws it below them).
func TestProgressLineErasedBeforeStreamedRows(t *testing.T) {
	t.Parallel()
	var screen bytes.Buffer
	w := &lockedWriter{w: &screen}
	runSlow(t, true, []string{`\format csv`, "SELECT label FROM apps LIMIT 5;"}, w, w)
	got := screen.String()
	if !progressRe.MatchString(got) {
		t.Fatalf("no progress line: %q", got)
	}
	for _, seg := range strings.Split(got, eraseLine) {
		if strings.HasPrefix(seg, "…") && strings.ContainsAny(seg, "\n") {
			t.Errorf("output written over the progress line without erasing it: %q", seg)
		}
	}
	segs := strings.Split(got, eraseLine)
	if last := segs[len(segs)-1]; strings.HasPrefix(last, "…") {
		t.Errorf("the progress line was left on the screen: %q", last)
	}
	clean := progressRe.ReplaceAllString(got, "")
	clean = strings.ReplaceAll(clean, eraseLine, "")
	if want := "Output format is csv.\nlabel\nSalesforce\nPagerDuty\nBox\nServiceNow\nVault UI\n5 rows in set ("; !strings.HasPrefix(clean, want) {
		t.Errorf("the screen without the progress line = %q, want %q...", clean, want)
	}
}

func TestNoProgressLineWhenPiped(t *testing.T) {
	t.Parallel()
	var out, errw bytes.Buffer
	runSlow(t, false, []string{"SELECT label FROM apps LIMIT 3;"}, &lockedWriter{w: &out}, &lockedWriter{w: &errw})
	if strings.Contains(errw.String(), "…") || strings.Contains(errw.String(), "\x1b") || strings.Contains(out.String(), "\x1b") {
		t.Errorf("progress or escape codes when piped:\nstdout %q\nstderr %q", out.String(), errw.String())
	}
	if want := "3 rows in set (0."; !strings.HasPrefix(errw.String(), want) {
		t.Errorf("stderr = %q, want the summary line %q...", errw.String(), want)
	}
}
