package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/credsql/credsql/internal/docgen"
)

func init() {
	register(&command{
		name:    "docs",
		summary: "generate the table reference (docs/tables) and docs/permissions.md from the table definitions and the route catalog",
		usage:   "credsql docs [--out docs/tables] [--permissions docs/permissions.md] [--check]",
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			out := fs.String("out", "docs/tables", "directory to write")
			perms := fs.String("permissions", docgen.PermissionsFile, "permissions page to write (\"\" for none)")
			check := fs.Bool("check", false, "only compare: fail when the files differ from the definitions")
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %s", strings.Join(args, " "))
				}
				if *check {
					if diffs := docgen.Check(*out); len(diffs) > 0 {
						return fmt.Errorf("%s is out of date; run 'make docs':\n  %s", *out, strings.Join(diffs, "\n  "))
					}
					if *perms != "" {
						if diffs := docgen.CheckPermissions(*perms); len(diffs) > 0 {
							return fmt.Errorf("%s is out of date; run 'make docs':\n  %s", *perms, strings.Join(diffs, "\n  "))
						}
					}
					fmt.Fprintf(a.stdout, "%s is up to date\n", *out)
					return nil
				}
				if err := docgen.Write(*out); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "wrote %s\n", *out)
				if *perms != "" {
					if err := docgen.WritePermissions(*perms); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "wrote %s\n", *perms)
				}
				return nil
			}
		},
	})
}
