package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/render"
)

func init() {
	register(&command{
		name:    "query",
		summary: "run SQL once and print the result (for scripts, cron and CI)",
		usage:   "credsql query (-e SQL | -f FILE) [--format table|json|ndjson|csv|markdown|vertical] [--fail-on-rows] [--timeout D] [--state FILE]",
		help: `Runs one or more statements (separated by ';') and prints each result. Statements run in
order; the first error stops the run with exit code 1 (3 when a vendor rejected a credential).
With --fail-on-rows the exit code is 4 when any statement returned rows: a finding.
With --state FILE the query (one SELECT) runs in differential mode: see 'credsql help run'.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			sqlText := fs.String("e", "", "SQL to run")
			file := fs.String("f", "", "file of SQL to run ('-' for standard input)")
			format := fs.String("format", "table", "output format: table, json, ndjson, csv, markdown or vertical")
			failOnRows := fs.Bool("fail-on-rows", false, "exit with code 4 when any statement returns rows")
			timeout := fs.Duration("timeout", 0, "cancel the run after this long (0 = no limit)")
			name := fs.String("name", "", "with --state: the query's name in differential events (default: the -f file's name without .sql)")
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
				e, err := a.open(0)
				if err != nil {
					return err
				}
				ctx, cancel := a.signalContext(*timeout)
				defer cancel()
				rows, err := runScript(ctx, e.NewSession("credsql"), script, a.stdout, a.stderr, f)
				if err != nil {
					if errors.Is(ctx.Err(), context.DeadlineExceeded) {
						return fmt.Errorf("timed out after %s: %w", *timeout, err)
					}
					return err
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

// runScript runs every statement of script, printing results; it returns how many rows the
// statements returned (not counting rows affected by writes).
func runScript(ctx context.Context, s *engine.Session, script string, out, errw io.Writer, f render.Format) (int, error) {
	total := 0
	for _, stmt := range engine.SplitStatements(script) {
		n, err := runStatement(ctx, s, stmt, out, errw, f)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func runStatement(ctx context.Context, s *engine.Session, stmt string, out, errw io.Writer, f render.Format) (int, error) {
	res, err := s.Query(ctx, stmt)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if res.IsOK() {
		n, err := res.Drain(render.New(io.Discard, f, nil, render.Options{}))
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(errw, "Query OK, %d %s affected\n", n, plural(int(n), "row", "rows"))
		printWarnings(errw, res)
		return 0, nil
	}
	w := render.New(out, f, res.Columns(), render.Options{})
	n, err := res.Drain(w)
	if err != nil {
		return int(n), err
	}
	printWarnings(errw, res)
	return int(n), w.Close()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
