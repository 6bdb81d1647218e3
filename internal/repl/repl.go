// Package repl is credsql's interactive SQL shell: readline editing with history and tab
// completion, multi-line statements ending in ';', backslash commands (\d, \x, \format,
// \timing), a progress line for slow queries, and Ctrl-C that cancels the running query
// but not the shell. When standard input is not a terminal it runs the statements it reads,
// as the mysql client does.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/render"
)

// LineReader yields input lines. readline implements it on a terminal; a bufio reader when
// input is piped.
type LineReader interface {
	// ReadLine returns the next line. io.EOF ends the session; ErrInterrupt means Ctrl-C
	// while editing (the pending statement is dropped).
	ReadLine(prompt string) (string, error)
	Close() error
}

// ErrInterrupt is returned by a LineReader for Ctrl-C at the prompt.
var ErrInterrupt = errors.New("interrupt")

// Config sets up a shell.
type Config struct {
	Engine  *engine.Engine
	Session *engine.Session
	Lines   LineReader
	Out     io.Writer
	Err     io.Writer
	// TTY: interactive terminal (prompts, progress line, fitted tables). Piped input and
	// output get no prompts, colours or progress.
	TTY bool
	// Width of the terminal (0 = unlimited); WidthFunc, when set, is asked before each result.
	Width     int
	WidthFunc func() int
	// Interrupts delivers Ctrl-C while a query runs (SIGINT); nil = none.
	Interrupts <-chan struct{}
	// ProgressAfter is how long a query runs before the progress line appears (1s).
	ProgressAfter time.Duration
	// Now is the clock (tests freeze it for golden files).
	Now func() time.Time
	// Banner is printed at start on a terminal.
	Banner string
}

// Shell is a running REPL.
type Shell struct {
	cfg      Config
	format   render.Format
	expanded bool
	timing   bool
}

// New makes a shell.
func New(cfg Config) *Shell {
	if cfg.ProgressAfter == 0 {
		cfg.ProgressAfter = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Shell{cfg: cfg, format: render.Table, timing: true}
}

const (
	prompt     = "credsql> "
	contPrompt = "      -> "
)

// Run reads and runs statements until end of input or \q. In piped mode the first failing
// statement ends the run with its error (as `mysql` does in batch mode).
func (s *Shell) Run(ctx context.Context) error {
	if s.cfg.TTY && s.cfg.Banner != "" {
		fmt.Fprintln(s.cfg.Out, s.cfg.Banner)
	}
	var pending strings.Builder
	for {
		p := prompt
		if pending.Len() > 0 {
			p = contPrompt
		}
		line, err := s.cfg.Lines.ReadLine(p)
		if errors.Is(err, ErrInterrupt) {
			pending.Reset()
			continue
		}
		if err == io.EOF {
			if rest := strings.TrimSpace(pending.String()); rest != "" {
				if err := s.statement(ctx, rest); err != nil && !s.cfg.TTY {
					return err
				}
			}
			return nil
		}
		if err != nil {
			return err
		}
		trimmed := strings.TrimSpace(line)
		if pending.Len() == 0 && strings.HasPrefix(trimmed, `\`) {
			quit, err := s.command(trimmed)
			if quit {
				return nil
			}
			if err != nil {
				fmt.Fprintf(s.cfg.Err, "ERROR: %v\n", err)
				if !s.cfg.TTY {
					return err
				}
			}
			continue
		}
		if pending.Len() == 0 && isQuit(trimmed) {
			return nil
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		stmts, rest := complete(pending.String())
		pending.Reset()
		pending.WriteString(rest)
		for _, st := range stmts {
			if err := s.statement(ctx, st); err != nil && !s.cfg.TTY {
				return err
			}
		}
	}
}

func isQuit(s string) bool {
	s = strings.TrimSuffix(strings.ToLower(s), ";")
	return s == "quit" || s == "exit"
}

// complete splits the complete statements (terminated by ';', or by \G for vertical output)
// off the input, respecting quotes and comments, and returns the unfinished rest.
func complete(input string) (stmts []string, rest string) {
	var quote byte
	start := 0
	add := func(end int, keep string) {
		if st := strings.TrimSpace(input[start:end]); st != "" {
			stmts = append(stmts, st+keep)
		}
	}
	for i := 0; i < len(input); i++ {
		c := input[i]
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '#' || (c == '-' && strings.HasPrefix(input[i:], "-- ")):
			if nl := strings.IndexByte(input[i:], '\n'); nl >= 0 {
				i += nl
			} else {
				i = len(input)
			}
		case c == '/' && strings.HasPrefix(input[i:], "/*"):
			if end := strings.Index(input[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(input)
			}
		case c == ';':
			add(i, "")
			start = i + 1
		case c == '\\' && i+1 < len(input) && input[i+1] == 'G':
			add(i, `\G`)
			start = i + 2
			i++
		}
	}
	if strings.TrimSpace(input[min(start, len(input)):]) == "" {
		return stmts, ""
	}
	return stmts, input[start:]
}

// statement runs one statement and prints its result, or its error.
func (s *Shell) statement(ctx context.Context, stmt string) error {
	format := s.format
	if strings.HasSuffix(strings.TrimSpace(stmt), `\G`) {
		stmt = strings.TrimSuffix(strings.TrimSpace(stmt), `\G`)
		format = render.Vertical
	} else if s.expanded {
		format = render.Vertical
	}
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stats := &fetch.Stats{}
	qctx = fetch.WithStats(qctx, stats)
	start := s.cfg.Now()
	var stopProgress func()
	if s.cfg.TTY {
		stopProgress = s.progress(stats, start)
	}
	done := make(chan struct{})
	defer close(done)
	if s.cfg.Interrupts != nil {
		go func() {
			select {
			case <-s.cfg.Interrupts:
				cancel()
			case <-done:
			}
		}()
	}
	rows, ok, err := s.run(qctx, stmt, format)
	if stopProgress != nil {
		stopProgress()
	}
	elapsed := s.cfg.Now().Sub(start)
	if err != nil {
		if qctx.Err() != nil && ctx.Err() == nil {
			fmt.Fprintf(s.cfg.Err, "ERROR 1317 (70100): Query execution was interrupted (Ctrl-C)\n")
		} else {
			fmt.Fprintln(s.cfg.Err, formatError(err))
		}
		return err
	}
	if s.timing {
		fmt.Fprintln(s.cfg.Out, summary(rows, ok, elapsed, stats))
	}
	return nil
}

func (s *Shell) run(ctx context.Context, stmt string, format render.Format) (rows uint64, ok bool, err error) {
	res, err := s.cfg.Session.Query(ctx, stmt)
	if err != nil {
		return 0, false, err
	}
	defer res.Close()
	if res.IsOK() {
		n, err := res.Drain(render.New(io.Discard, format, nil, render.Options{}))
		return n, true, err
	}
	width := s.cfg.Width
	if s.cfg.WidthFunc != nil {
		width = s.cfg.WidthFunc()
	}
	w := render.New(s.cfg.Out, format, res.Columns(), render.Options{Width: width})
	n, err := res.Drain(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, false, err
}

// summary is the line after a result: "3 rows in set (0.42 sec, 5 API calls)".
func summary(rows uint64, ok bool, elapsed time.Duration, st *fetch.Stats) string {
	var b strings.Builder
	switch {
	case ok:
		fmt.Fprintf(&b, "Query OK, %d %s affected", rows, plural(rows, "row", "rows"))
	case rows == 0:
		b.WriteString("Empty set")
	default:
		fmt.Fprintf(&b, "%d %s in set", rows, plural(rows, "row", "rows"))
	}
	fmt.Fprintf(&b, " (%.2f sec", elapsed.Seconds())
	if calls := st.Calls.Load(); calls > 0 {
		fmt.Fprintf(&b, ", %d API %s", calls, plural(uint64(calls), "call", "calls"))
	}
	if w := st.Waits.Load(); w > 0 {
		fmt.Fprintf(&b, ", %d rate-limit %s", w, plural(uint64(w), "wait", "waits"))
	}
	b.WriteString(")")
	return b.String()
}

func plural(n uint64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// formatError prints an error as the mysql client does: ERROR 1105 (HY000): message.
func formatError(err error) string {
	msg := err.Error()
	// vitess renders "msg (errno N) (sqlstate S)"; put it in mysql's order.
	if i := strings.LastIndex(msg, " (errno "); i > 0 {
		tail := msg[i:]
		var code int
		var state string
		if n, _ := fmt.Sscanf(tail, " (errno %d) (sqlstate %5s)", &code, &state); n == 2 {
			return fmt.Sprintf("ERROR %d (%s): %s", code, state, msg[:i])
		}
	}
	return "ERROR: " + msg
}

// progress shows "API calls, rows, elapsed, rate-limit waits" on stderr while a query runs
// longer than ProgressAfter, and erases it when the query ends.
func (s *Shell) progress(st *fetch.Stats, start time.Time) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTimer(s.cfg.ProgressAfter)
		defer t.Stop()
		select {
		case <-t.C:
		case <-done:
			return
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			line := fmt.Sprintf("… %d API calls, %d rows, %.1fs", st.Calls.Load(), st.Rows.Load(), time.Since(start).Seconds())
			if w := st.Waits.Load(); w > 0 {
				line += fmt.Sprintf(", %d rate-limit waits (%.1fs)", w, time.Duration(st.WaitNanos.Load()).Seconds())
			}
			fmt.Fprintf(s.cfg.Err, "\r\x1b[2K%s", line)
			shown = true
			select {
			case <-tick.C:
			case <-done:
				if shown {
					fmt.Fprint(s.cfg.Err, "\r\x1b[2K")
				}
				return
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
