package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/progress"
	"github.com/credsql/credsql/internal/render"
)

func init() {
	register(&command{
		name:    "query",
		summary: "run SQL once and print the result (for scripts, cron and CI)",
		usage:   "credsql query (-e SQL | -f FILE) [--format table|json|ndjson|csv|markdown|vertical] [--fail-on-rows] [--timeout D] [--state FILE] [--progress] [--quiet] [--wide]",
		help: `Runs one or more statements (separated by ';') and prints each result. Statements run in
order; the first error stops the run with exit code 1 (3 when a vendor rejected a credential).
A connection found unreachable or its credential rejected is not tried again by the later
statements. With --fail-on-rows the exit code is 4 when any statement returned rows: a
finding. With --state FILE the query (one SELECT) runs in differential mode: see 'credsql
help run'.

Standard output carries only the results. While a query runs, progress lines on standard
error say how many API calls it made and, the moment it starts waiting for a vendor's
rate-limit window, what it waits for and for how long: on by default when standard error is a
terminal (one line, redrawn), with --progress also when it is not (a line per event, and one
every 5s). --quiet prints nothing on standard error for a statement that succeeds. Tables
fit the terminal width ($COLUMNS when set); --wide turns that off. Booleans are true and false
in every format.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			sqlText := fs.String("e", "", "SQL to run")
			file := fs.String("f", "", "file of SQL to run ('-' for standard input)")
			format := fs.String("format", "table", "output format: table, json, ndjson, csv, markdown or vertical")
			failOnRows := fs.Bool("fail-on-rows", false, "exit with code 4 when any statement returns rows")
			timeout := fs.Duration("timeout", 0, "cancel the run after this long (0 = no limit)")
			name := fs.String("name", "", "with --state: the query's name in differential events (default: the -f file's name without .sql)")
			var prog optionalBool
			fs.Var(&prog, "progress", "show progress on standard error while a query runs, also when it is not a terminal (default: on a terminal)")
			quiet := fs.Bool("quiet", false, "print nothing on standard error for statements that succeed (no progress, no \"Query OK\")")
			wide := fs.Bool("wide", false, "do not fit tables to the terminal width")
			var d diffFlags
			d.register(fs)
			return func(args []string) error {
				script := *sqlText
				switch {
				case script != "" && *file != "":
					return usagef("give -e or -f, not both")
				case *file != "":
					b, err := readFile(a, *file)
					if err != nil {
						return err
					}
					script = b
				case script == "" && len(args) > 0:
					script = strings.Join(args, " ")
				}
				if strings.TrimSpace(script) == "" {
					return usagef("no SQL: give -e 'SELECT ...' or -f FILE")
				}
				if d.state != "" {
					return a.queryDiff(fs, script, *file, *name, *format, *failOnRows, *timeout, d)
				}
				f, err := render.ParseFormat(*format)
				if err != nil {
					return usagef("%v", err)
				}
				if *quiet && prog.set && prog.v {
					return usagef("--progress and --quiet go against each other")
				}
				e, err := a.open(0)
				if err != nil {
					return err
				}
				ctx, cancel := a.signalContext(*timeout)
				defer cancel()
				// A connection that is down stays down for the rest of the script.
				brk := fetch.NewBreaker()
				ctx = fetch.WithBreaker(ctx, brk)
				so := scriptOptions{format: f, quiet: *quiet}
				switch {
				case *quiet:
				case prog.set:
					so.progress = prog.v
				default:
					so.progress = isTerminal(a.stderr)
				}
				so.tty = so.progress && isTerminal(a.stderr)
				if !*wide {
					so.width = a.width()
				}
				rows, err := runScript(ctx, e.NewSession("credsql"), script, a.stdout, a.stderr, so)
				if err != nil {
					if errors.Is(ctx.Err(), context.DeadlineExceeded) {
						return fmt.Errorf("timed out after %s: %w", *timeout, err)
					}
					return err
				}
				if down := brk.Down(); len(down) > 0 {
					// --partial returned the other connections' rows, and warned: the result is
					// still incomplete, which a script must not take for a success.
					code := exitError
					if isAuthError(down[0].Err) {
						code = exitAuth
					}
					return &exitCodeError{code: code, err: errors.New("the result is incomplete: a connection failed (see the warning above)")}
				}
				if *failOnRows && rows > 0 {
					return &exitCodeError{code: exitFindings}
				}
				return nil
			}
		},
	})
}

func readFile(a *app, name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(a.stdin)
		return string(b), err
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// signalContext is cancelled by Ctrl-C (SIGINT), SIGTERM, or after timeout.
func (a *app) signalContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, sigterm)
	if timeout <= 0 {
		return ctx, stop
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	return tctx, func() { cancel(); stop() }
}

// scriptOptions say how runScript shows results and progress.
type scriptOptions struct {
	format   render.Format
	width    int  // fit tables to this width (0 = no limit)
	progress bool // progress on stderr while a statement runs
	tty      bool // stderr is a terminal: one progress line, redrawn
	quiet    bool // nothing on stderr for statements that succeed
}

// runScript runs every statement of script, printing results; it returns how many rows the
// statements returned (not counting rows affected by writes).
func runScript(ctx context.Context, s *engine.Session, script string, out, errw io.Writer, o scriptOptions) (int, error) {
	total := 0
	for _, stmt := range engine.SplitStatements(script) {
		n, err := runStatement(ctx, s, stmt, out, errw, o)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func runStatement(ctx context.Context, s *engine.Session, stmt string, out, errw io.Writer, o scriptOptions) (int, error) {
	if o.progress {
		st := &fetch.Stats{}
		ctx = fetch.WithStats(ctx, st)
		width := 0
		if o.tty {
			width = readline.GetScreenWidth()
		}
		p := progress.Start(errw, st, progress.Options{TTY: o.tty, Width: width, Prefix: "credsql query: "})
		defer p.Stop()
		out = p.Output(out)
	}
	res, err := s.Query(ctx, stmt)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if res.IsOK() {
		n, err := res.Drain(render.New(io.Discard, o.format, nil, render.Options{}))
		if err != nil {
			return 0, err
		}
		if !o.quiet {
			fmt.Fprintf(errw, "Query OK, %d %s affected\n", n, plural(int(n), "row", "rows"))
		}
		printWarnings(errw, res)
		return 0, nil
	}
	w := render.New(out, o.format, render.Columns(res.Columns()), render.Options{Width: o.width, Wrap: true})
	n, err := res.Drain(w)
	if err != nil {
		return int(n), err
	}
	printWarnings(errw, res)
	return int(n), w.Close()
}

// optionalBool is a boolean flag that knows whether it was given.
type optionalBool struct{ v, set bool }

func (o *optionalBool) String() string   { return strconv.FormatBool(o.v) }
func (o *optionalBool) IsBoolFlag() bool { return true }
func (o *optionalBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	o.v, o.set = v, true
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
