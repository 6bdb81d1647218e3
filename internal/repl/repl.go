// Package repl is credsql's interactive SQL shell: readline editing with history and tab
// completion, multi-line statements ending in ';', backslash commands (\d, \x, \format,
// \timing), a progress line for slow queries, and Ctrl-C that cancels the running query
// but not the shell. When standard input is not a terminal it runs the statements it reads,
// as the mysql client does, and standard output carries only results.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/progress"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/sqltext"
)

// LineReader yields input lines. readline implements it on a terminal; a bufio reader when
// input is piped.
type LineReader interface {
	// ReadLine returns the next line. io.EOF ends the session; ErrInterrupt means Ctrl-C
	// while editing (the pending statement is dropped).
	ReadLine(prompt string) (string, error)
	Close() error
}

// HistorySaver is a LineReader that keeps history. The shell saves each complete
// statement as one entry, however many lines it took to type.
type HistorySaver interface {
	SaveHistory(entry string) error
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
	// TTY: interactive terminal (prompts, progress line, tables fitted to the width, wide
	// tables shown expanded). Otherwise standard output carries only results: status lines
	// ("3 rows in set", "Output format is json.") go to Err, and there is no progress line.
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

// expandMode is \x: tables as tables, always expanded, or expanded when too wide.
type expandMode int

const (
	expandOff expandMode = iota
	expandOn
	expandAuto
)

func (m expandMode) String() string {
	switch m {
	case expandOn:
		return "on"
	case expandAuto:
		return "used automatically"
	}
	return "off"
}

// Shell is a running REPL.
type Shell struct {
	cfg      Config
	format   render.Format
	expanded expandMode
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
	s := &Shell{cfg: cfg, format: render.Table, timing: true}
	if cfg.TTY {
		s.expanded = expandAuto
	}
	return s
}

const (
	prompt     = "credsql> "
	contPrompt = "      -> "
)

// info is where status lines go: the terminal, or standard error when output is piped so
// that standard output holds only results.
func (s *Shell) info() io.Writer {
	if s.cfg.TTY {
		return s.cfg.Out
	}
	return s.cfg.Err
}

// Run reads and runs statements until end of input or \q. In piped mode the first failing
// statement ends the run with its error (as `mysql` does in batch mode).
func (s *Shell) Run(ctx context.Context) error {
	if s.cfg.TTY && s.cfg.Banner != "" {
		fmt.Fprintln(s.cfg.Out, s.cfg.Banner)
	}
	var pending strings.Builder
	var typed []string // the lines of the pending input, for history
	for {
		p := prompt
		if pending.Len() > 0 {
			p = contPrompt
		}
		line, err := s.cfg.Lines.ReadLine(p)
		if errors.Is(err, ErrInterrupt) {
			pending.Reset()
			typed = nil
			continue
		}
		if err == io.EOF {
			if rest := pending.String(); !onlyComments(rest) {
				if err := s.statement(ctx, strings.TrimSpace(rest)); err != nil && !s.cfg.TTY {
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
			s.remember([]string{trimmed})
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
		if pending.Len() == 0 && isHelp(trimmed) {
			// help, help; and ? are what a newcomer types first: mysql answers them too.
			s.remember([]string{trimmed})
			_, _ = s.command(`\h`)
			continue
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		if trimmed != "" || len(typed) > 0 {
			typed = append(typed, line)
		}
		stmts, rest := complete(pending.String())
		pending.Reset()
		if !onlyComments(rest) {
			pending.WriteString(rest)
		} else if len(stmts) == 0 {
			// A comment on its own line: nothing to run, nothing to continue.
			typed = nil
		}
		if pending.Len() == 0 && len(typed) > 0 {
			s.remember(typed)
			typed = nil
		}
		for _, st := range stmts {
			if err := s.statement(ctx, st); err != nil && !s.cfg.TTY {
				return err
			}
		}
	}
}

// remember saves what was typed as one history entry: a multi-line statement becomes one
// line, so that Up recalls it whole. Lines with a "--" or "#" comment stay separate
// entries, since joining them would comment out the rest of the statement. A statement
// that may carry a secret (see holdsSecret) is not saved.
func (s *Shell) remember(lines []string) {
	h, ok := s.cfg.Lines.(HistorySaver)
	if !ok || len(lines) == 0 {
		return
	}
	joined := historyEntry(lines)
	if holdsSecret(joined) {
		return
	}
	if len(lines) > 1 && hasLineComment(joined) {
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				_ = h.SaveHistory(l)
			}
		}
		return
	}
	_ = h.SaveHistory(joined)
}

// hasLineComment reports whether stmt has a "-- " or "#" comment, which runs to the end of
// its line.
func hasLineComment(stmt string) bool {
	for _, t := range sqltext.Tokens(stmt) {
		if t.Kind == sqltext.LineComment {
			return true
		}
	}
	return false
}

// historyEntry joins the lines of a statement into one history line: at a line break
// outside a string the lines are joined with a space and their indentation dropped; inside a
// quoted string the break is kept as MySQL's \n escape, so that the statement Up recalls is
// the one that ran, not one whose string has a space for its newline.
func historyEntry(lines []string) string {
	var b strings.Builder
	var quote byte
	for i, line := range lines {
		if quote == 0 {
			line = strings.TrimLeft(line, " \t")
		}
		// The quote open at the end of this line, given the lines before it.
		end := sqltext.OpenQuote(strings.Join(lines[:i+1], "\n"))
		if end == 0 {
			line = strings.TrimRight(line, " \t\r")
		}
		if i > 0 {
			if quote == '\'' || quote == '"' {
				b.WriteString(`\n`)
			} else if b.Len() > 0 && line != "" {
				b.WriteByte(' ')
			}
		}
		b.WriteString(line)
		quote = end
	}
	return b.String()
}

func isQuit(s string) bool {
	s = strings.TrimSuffix(strings.ToLower(s), ";")
	return s == "quit" || s == "exit"
}

// isHelp reports whether a line asks for help as mysql understands it: help, \h's
// neighbours ? and help; .
func isHelp(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.ToLower(s), ";"))
	return s == "help" || s == "?"
}

// complete splits the complete statements (terminated by ';', or by \G for vertical output)
// off the input, respecting quotes and comments, and returns the unfinished rest.
func complete(input string) (stmts []string, rest string) {
	split, rest := sqltext.Split(input, true)
	for _, st := range split {
		if st.Vertical {
			st.Text += `\G`
		}
		stmts = append(stmts, st.Text)
	}
	return stmts, rest
}

// onlyComments reports whether s holds nothing but whitespace and comments.
func onlyComments(s string) bool { return sqltext.OnlyComments(s) }

// statement runs one statement and prints its result, or its error.
func (s *Shell) statement(ctx context.Context, stmt string) error {
	format := s.format
	if strings.HasSuffix(stmt, `\G`) {
		stmt = strings.TrimSpace(strings.TrimSuffix(stmt, `\G`))
		format = render.Vertical
	} else if s.expanded == expandOn && format == render.Table {
		format = render.Vertical
	}
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stats := &fetch.Stats{}
	qctx = fetch.WithStats(qctx, stats)
	start := s.cfg.Now()
	out := s.cfg.Out
	var prog *progress.Reporter
	if s.cfg.TTY {
		// A line on the terminal while the query runs: calls, rows, time, the learnt in-flight
		// limits, and each rate-limit wait as it starts.
		prog = progress.Start(s.cfg.Err, stats, progress.Options{TTY: true, After: s.cfg.ProgressAfter,
			Every: 200 * time.Millisecond, Width: s.width(), Now: s.cfg.Now, Suffix: " — Ctrl-C cancels"})
		out = prog.Output(out)
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
	rows, ok, err := s.run(qctx, stmt, format, out)
	if prog != nil {
		prog.Stop()
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
	switch {
	case ok && isUse(stmt):
		fmt.Fprintln(s.info(), "Database changed")
	case s.timing:
		fmt.Fprintln(s.info(), summary(rows, ok, elapsed, stats))
	}
	return nil
}

// isUse reports whether stmt is a USE statement, which mysql answers "Database changed".
func isUse(stmt string) bool {
	f := strings.Fields(stmt)
	return len(f) > 0 && strings.EqualFold(f[0], "use")
}

func (s *Shell) run(ctx context.Context, stmt string, format render.Format, out io.Writer) (rows uint64, ok bool, err error) {
	res, err := s.cfg.Session.Query(ctx, stmt)
	if err != nil {
		return 0, false, err
	}
	defer res.Close()
	// A statement without columns (USE, SET) answers OK, not "Empty set".
	if res.IsOK() || len(res.Columns()) == 0 {
		n, err := res.Drain(render.New(io.Discard, format, nil, render.Options{}))
		s.printNotes(res)
		return n, true, err
	}
	opts := render.Options{Width: s.width(), AutoVertical: s.expanded == expandAuto}
	w := render.New(out, format, render.Columns(res.Columns()), opts)
	n, err := res.Drain(w)
	if err != nil {
		// No table (and no header without rows) for a statement that failed: only its error.
		return n, false, err
	}
	cerr := w.Close()
	s.printNotes(res)
	return n, false, cerr
}

// printNotes prints the statement's notes and warnings: the API calls a dry run did not
// make, the steps of a procedure, a connection --partial left out.
func (s *Shell) printNotes(res *engine.Result) {
	for _, line := range res.Notes() {
		fmt.Fprintln(s.info(), line)
	}
}

func (s *Shell) width() int {
	if s.cfg.WidthFunc != nil {
		return s.cfg.WidthFunc()
	}
	return s.cfg.Width
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
