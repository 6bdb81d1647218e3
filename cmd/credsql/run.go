package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/render"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run every saved inventory query of a folder (a pack) and report the findings",
		usage:   "credsql run [DIR] [--format table|markdown|json|ndjson|csv] [--fail-on-rows]",
		help: `Runs each *.sql file of DIR (default: queries) in name order. Each file starts with a header
comment: -- title:, -- description:, -- severity: (critical, high, medium, low, info) and
-- action: (what to do about a finding). Every row a query returns is a finding.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			format := fs.String("format", "table", "output format: table, markdown, json, ndjson or csv")
			failOnRows := fs.Bool("fail-on-rows", false, "exit with code 4 when any query returns rows")
			return func(args []string) error {
				dir := "queries"
				switch len(args) {
				case 0:
				case 1:
					dir = args[0]
				default:
					return usagef("one folder at most, got %s", strings.Join(args, " "))
				}
				f, err := render.ParseFormat(*format)
				if err != nil {
					return usagef("%v", err)
				}
				queries, err := inventory.Load(dir)
				if err != nil {
					return err
				}
				e, err := a.open(0)
				if err != nil {
					return err
				}
				ctx, cancel := a.signalContext(0)
				defer cancel()
				s := e.NewSession("credsql")
				total := 0
				for _, q := range queries {
					res, err := s.Query(ctx, q.SQL)
					if err != nil {
						return fmt.Errorf("%s: %w", q.Name, err)
					}
					var buf strings.Builder
					w := render.New(&buf, f, res.Columns(), render.Options{})
					n, err := res.Drain(w)
					res.Close()
					if err != nil {
						return fmt.Errorf("%s: %w", q.Name, err)
					}
					total += int(n)
					if f == render.Table || f == render.Markdown {
						fmt.Fprintf(a.stdout, "## %s [%s] — %d %s\n", q.Title, q.Severity, n, plural(int(n), "finding", "findings"))
						if n == 0 {
							fmt.Fprintln(a.stdout)
							continue
						}
						if q.Action != "" {
							fmt.Fprintf(a.stdout, "Action: %s\n", q.Action)
						}
					}
					if err := w.Close(); err != nil {
						return err
					}
					fmt.Fprint(a.stdout, buf.String())
					if f == render.Table || f == render.Markdown {
						fmt.Fprintln(a.stdout)
					}
				}
				fmt.Fprintf(a.stderr, "%d %s from %d queries\n", total, plural(total, "finding", "findings"), len(queries))
				if *failOnRows && total > 0 {
					return &exitCodeError{code: exitFindings}
				}
				return nil
			}
		},
	})
}

var _ = engine.DatabaseName
