package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/credsql/credsql/internal/plan"
	"github.com/credsql/credsql/internal/render"
)

func init() {
	register(&command{
		name:    "plan",
		summary: "write a SQL script that rotates every credential in use that expires soon",
		usage:   "credsql plan --expiring 30d [--connection NAME] [--certs DIR] [--out FILE]",
		help: `Writes a reviewable rotation plan: one commented block per credential in use that expires
within the window (an Okta app's signing key, a certificate an IdP trusts, an active OPA
service user's API key, an OpenZiti client certificate), saying what expires, who uses it and
what the statements do, followed by the statements. Check the plan without changing anything
with 'credsql run --dry-run plan.sql', apply it with 'credsql run plan.sql'.

The new certificate of an IdP comes from its partner: put it in --certs DIR as <idp id>.pem
(or <old kid>.pem). Blocks that need input credsql cannot get (a certificate not in DIR, a CSR
for an OpenZiti certificate) say ACTION NEEDED and carry their statements commented out.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			expiring := fs.String("expiring", "", "rotate what expires within this window: 30d, 720h, ...")
			conn := fs.String("connection", "", "plan for this connection only")
			certs := fs.String("certs", "", "folder of new IdP certificates, <idp id>.pem or <old kid>.pem")
			out := fs.String("out", "", "write the plan to this file (default: standard output)")
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments %s", strings.Join(args, " "))
				}
				if *expiring == "" {
					return usagef("--expiring is required, e.g. --expiring 30d")
				}
				window, err := plan.ParseWindow(*expiring)
				if err != nil {
					return usagef("--expiring: %v", err)
				}
				e, err := a.open(0)
				if err != nil {
					return err
				}
				ctx, cancel := a.signalContext(0)
				defer cancel()
				p, err := plan.Build(ctx, e.NewSession("credsql"), plan.Options{Window: window, Connection: *conn, CertDir: *certs})
				if err != nil {
					return err
				}
				w := a.stdout
				if *out != "" {
					f, err := os.Create(*out)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				if err := p.Write(w); err != nil {
					return err
				}
				if *out != "" {
					fmt.Fprintf(a.stderr, "wrote %s: %d %s\n", *out, len(p.Blocks), plural(len(p.Blocks), "block", "blocks"))
				}
				return nil
			}
		},
	})
}

// isScript reports whether run's argument is a SQL script (a plan) rather than a folder of
// saved queries.
func isScript(args []string) (string, bool) {
	if len(args) == 0 || !strings.HasSuffix(strings.ToLower(args[0]), ".sql") {
		return "", false
	}
	st, err := os.Stat(args[0])
	return args[0], err == nil && !st.IsDir()
}

// runScriptFile runs a SQL script (a rotation plan) statement by statement, stopping at the
// first error; with --dry-run no write is made and each shows the calls it would make.
func (a *app) runScriptFile(path string, format string) error {
	f, err := render.ParseFormat(format)
	if err != nil {
		return usagef("%v", err)
	}
	script, err := readFile(a, path)
	if err != nil {
		return err
	}
	e, err := a.open(0)
	if err != nil {
		return err
	}
	ctx, cancel := a.signalContext(0)
	defer cancel()
	_, err = runScript(ctx, e.NewSession("credsql"), script, a.stdout, a.stderr, scriptOptions{format: f})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if a.globals.dryRun {
		fmt.Fprintf(a.stderr, "%s: dry run done, every statement checked, nothing was changed\n", path)
	}
	return nil
}
