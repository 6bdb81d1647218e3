// Command credsql puts SQL over the credential APIs of identity vendors: Okta, OpenZiti and
// Okta Privileged Access. See README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/credsql/credsql/internal/inventory"
)

// Set by the Makefile: -ldflags "-X main.version=... -X main.commit=...".
var (
	version = ""
	commit  = ""
)

// Exit codes (documented in README.md).
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitAuth     = 3
	exitFindings = 4
)

// command is a subcommand.
type command struct {
	name    string
	summary string
	usage   string // flags synopsis
	help    string // longer description
	// setup registers the command's flags on fs and returns the function that runs it with
	// the arguments left after the flags.
	setup func(a *app, fs *flag.FlagSet) func(args []string) error
}

var commands []*command

func register(c *command) { commands = append(commands, c) }

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func main() {
	a := newApp(os.Stdin, os.Stdout, os.Stderr)
	os.Exit(a.main(os.Args[1:]))
}

// usageError is a command-line mistake: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitError carries a specific exit code.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitCodeError) Unwrap() error { return e.err }

func (a *app) main(args []string) int {
	gfs := flag.NewFlagSet("credsql", flag.ContinueOnError)
	gfs.SetOutput(io.Discard)
	a.globals.register(gfs)
	showVersion := gfs.Bool("version", false, "print the version and exit")
	if err := gfs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.usage(a.stdout)
			return exitOK
		}
		fmt.Fprintf(a.stderr, "credsql: %v\n\n", err)
		a.usage(a.stderr)
		return exitUsage
	}
	if *showVersion {
		fmt.Fprintln(a.stdout, versionString())
		return exitOK
	}
	rest := gfs.Args()
	if len(rest) == 0 {
		a.usage(a.stderr)
		return exitUsage
	}
	name := rest[0]
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(a.stderr, "credsql: unknown command %q\n", name)
		if s := suggest(name); s != "" {
			fmt.Fprintf(a.stderr, "Did you mean %q?\n", s)
		}
		fmt.Fprintln(a.stderr, "Run 'credsql help' for the list of commands.")
		return exitUsage
	}
	fs := a.flagSet(c)
	run := c.setup(a, fs)
	if err := fs.Parse(rest[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.commandHelp(c)
			return exitOK
		}
		return a.exitCode(c, usagef("%v", err))
	}
	err := run(fs.Args())
	defer a.close()
	return a.exitCode(c, err)
}

func (a *app) exitCode(c *command, err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "credsql %s: %v\n", c.name, err)
		fmt.Fprintf(a.stderr, "Run 'credsql help %s' for usage.\n", c.name)
		return exitUsage
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(a.stderr, "credsql %s: %s\n", c.name, message(ec.err))
		}
		return ec.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(a.stderr, "credsql %s: %s\n", c.name, message(err))
	if isAuthError(err) {
		return exitAuth
	}
	return exitError
}

// message is an error as the command line shows it: without the MySQL error number, which
// means something to MySQL clients, not to a person reading a terminal.
func message(err error) string { return inventory.ErrorText(err) }

func (a *app) usage(w io.Writer) {
	fmt.Fprintf(w, `credsql: SQL over the credential APIs of Okta, OpenZiti and Okta Privileged Access.

Usage:
  credsql [global flags] <command> [flags]

Commands:
`)
	sorted := append([]*command(nil), commands...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nGlobal flags (also accepted after the command):\n%s\n", a.globals.help())
	fmt.Fprintln(w, "Run 'credsql help <command>' for a command's flags. Exit codes: 0 ok, 1 error, 2 usage, 3 authentication, 4 findings (--fail-on-rows).")
}

func suggest(name string) string {
	best, bestD := "", 3
	for _, c := range commands {
		if d := distance(name, c.name); d < bestD {
			best, bestD = c.name, d
		}
	}
	return best
}

// distance is the Levenshtein distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func init() {
	register(&command{
		name:    "help",
		summary: "show help for a command",
		usage:   "credsql help [command]",
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			return func(args []string) error {
				if len(args) == 0 {
					a.usage(a.stdout)
					return nil
				}
				c := findCommand(args[0])
				if c == nil {
					return usagef("unknown command %q", args[0])
				}
				a.commandHelp(c)
				return nil
			}
		},
	})
	register(&command{
		name:    "version",
		summary: "print the version",
		usage:   "credsql version",
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			return func([]string) error {
				fmt.Fprintln(a.stdout, versionString())
				return nil
			}
		},
	})
}

func (a *app) commandHelp(c *command) {
	fmt.Fprintf(a.stdout, "%s\n\nUsage:\n  %s\n", c.summary, c.usage)
	if c.help != "" {
		fmt.Fprintf(a.stdout, "\n%s\n", strings.TrimSpace(c.help))
	}
	// The command's own flags, apart from the global ones every command takes.
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(a, fs)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(a.stdout, "\nFlags:\n%s", b.String())
	}
	if c.name != "help" && c.name != "version" {
		fmt.Fprintln(a.stdout, "\nGlobal flags (--demo, --config, --read-only, --reveal-secrets, ...) go before or after the\ncommand; 'credsql help' lists them.")
	}
}
