package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/chzyer/readline"

	"github.com/credsql/credsql/internal/repl"
)

func init() {
	register(&command{
		name:    "shell",
		summary: "interactive SQL shell (reads statements from standard input when it is not a terminal)",
		usage:   "credsql shell [--history FILE]",
		help: `An interactive SQL shell. Statements end with ';' and may span lines; Tab completes
keywords, tables, columns and procedures; Up recalls earlier statements, kept across
sessions in the --history file (--history '' keeps none). \d lists the tables, \d TABLE
describes one; \x, \format and \timing change the output (\h lists them). Tables fit the
terminal, and one too wide for it is shown one column per line. A query that runs longer than
a second shows its progress (API calls, rows, rate-limit waits); Ctrl-C cancels it, not the
shell.

When standard input is not a terminal, the shell runs the statements it reads and exits at
the end of input, like the mysql client: results on standard output, row counts and errors
on standard error, and the first error ends the run (exit code 1, or 3 when a vendor
rejected a credential):
  echo 'SELECT label FROM apps;' | credsql shell --demo`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			history := fs.String("history", repl.HistoryFile(), "history file")
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments; to run SQL once use: credsql query -e '...'")
				}
				e, err := a.open(30 * time.Second)
				if err != nil {
					return err
				}
				tty := a.stdin == os.Stdin && readline.DefaultIsTerminal() && readline.IsTerminal(int(os.Stdout.Fd()))
				cfg := repl.Config{Engine: e, Session: e.NewSession("credsql"), Out: a.stdout, Err: a.stderr, TTY: tty}
				if tty {
					t, err := repl.NewTerminal(*history, repl.NewCompleter())
					if err != nil {
						return err
					}
					defer t.Close()
					cfg.Lines = t
					cfg.WidthFunc = readline.GetScreenWidth
					cfg.Banner = fmt.Sprintf("credsql %s — SQL over your identity vendors' credentials. \\h for help, \\q to quit.", versionShort())
					if a.sim != nil {
						cfg.Banner += "\nConnected to the demo simulator: try  SELECT label, sign_on_mode FROM apps;  or  \\d"
						if a.globals.demoLatency == 0 {
							cfg.Banner += "\nIt answers at once; start with --demo-latency 300ms to see a slow query's progress line and cancel it with Ctrl-C."
						}
					}
					ints := make(chan os.Signal, 1)
					signal.Notify(ints, os.Interrupt)
					defer signal.Stop(ints)
					relay := make(chan struct{})
					go func() {
						for range ints {
							select {
							case relay <- struct{}{}:
							default:
							}
						}
					}()
					cfg.Interrupts = relay
				} else {
					cfg.Lines = repl.NewPiped(a.stdin)
				}
				err = repl.New(cfg).Run(context.Background())
				if err != nil && !tty {
					// The statement's error is already printed.
					return &exitCodeError{code: exitCodeFor(err)}
				}
				return err
			}
		},
	})
}

func exitCodeFor(err error) int {
	if isAuthError(err) {
		return exitAuth
	}
	return exitError
}
