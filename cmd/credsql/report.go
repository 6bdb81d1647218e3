package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/report"
	"github.com/credsql/credsql/internal/tables"
)

func init() {
	register(&command{
		name:    "report",
		summary: "write the credential inventory as one self-contained HTML page",
		usage:   "credsql report --html FILE [DIR] [--title T] [--min-severity S]",
		help: `Lists every credential with an expiry date (Okta app signing keys and IdP certificates,
OpenZiti client certificates, OPA service-user keys), runs the saved queries of DIR (default:
queries), and writes one HTML page: a timeline of expiries over the next 12 months (and those
already expired) per vendor, the findings grouped by severity, and a summary per connection.
The page has no external resources (inline CSS, JS and SVG) and can be mailed or served as is;
FILE is replaced atomically. A query or listing that fails is shown in the page and makes the
exit code 1 (3 when a vendor rejected a credential); the page is written anyway.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			out := fs.String("html", "", "the HTML file to write ('-' for standard output)")
			title := fs.String("title", "", "the page's title (default \"credsql inventory report\")")
			minSeverity := fs.String("min-severity", "info", "run only the queries of this severity or higher")
			return func(args []string) error {
				dir, err := packDir(fs, args)
				if err != nil {
					return err
				}
				if *out == "" {
					return usagef("--html FILE is required")
				}
				queries, err := loadPack(dir, *minSeverity)
				if err != nil {
					return err
				}
				e, err := a.open(packCacheTTL)
				if err != nil {
					return err
				}
				ctx, cancel := a.signalContext(0)
				defer cancel()
				inv := report.Collect(ctx, e, queries)
				inv.Host, _ = os.Hostname()
				inv.Version = versionShort()
				var buf bytes.Buffer
				if err := report.Render(&buf, inv, report.Options{Title: *title}); err != nil {
					return err
				}
				if *out == "-" {
					if _, err := a.stdout.Write(buf.Bytes()); err != nil {
						return fmt.Errorf("write report: %w", err)
					}
				} else if err := inventory.WriteFileAtomic(*out, buf.Bytes(), 0o644); err != nil {
					return err
				}
				return a.reportOutcome(inv, *out)
			}
		},
	})
}

// reportOutcome prints what the report holds and turns failures into the exit code: each
// failed connection on one line, then the queries that failed, and a last line that never
// reads as an all-clear when something was not checked.
func (a *app) reportOutcome(inv *report.Inventory, out string) error {
	var firstErr error
	for _, f := range inv.Failed {
		fmt.Fprintf(a.stderr, "credsql report: %s connection %q %s; what it holds is not in the report: %s\n",
			tables.Vendor(f.Vendor).Title(), f.Name, f.What, f.Reason)
	}
	sum := inventory.Summary{Queries: len(inv.Results)}
	for _, f := range inv.Failed {
		sum.Connections = append(sum.Connections, f.Name)
	}
	for _, r := range inv.Results {
		for _, w := range r.Warnings {
			fmt.Fprintf(a.stderr, "credsql report: warning: %s: %s\n", r.Query.Name, w)
		}
		if r.Err != nil {
			fmt.Fprintf(a.stderr, "credsql report: %s: %s\n", r.Query.Name, r.Reason())
			sum.Failed = append(sum.Failed, r.Query.Name)
			if firstErr == nil {
				firstErr = r.Err
			}
			continue
		}
		sum.Count(r.Query.Severity, len(r.Rows))
	}
	for _, p := range inv.Problems {
		fmt.Fprintf(a.stderr, "credsql report: %s\n", p)
	}
	if len(inv.Errors) > 0 {
		sum.Other = append(sum.Other, "the credential listing")
		if firstErr == nil {
			firstErr = inv.Errors[0]
		}
	}
	for _, q := range inv.Skipped {
		fmt.Fprintf(a.stderr, "credsql report: skipped %s: no %s connection is configured\n", q.Name, vendorTitles(q.Missing(connectionVendors(inv))))
	}
	where := out
	if out == "-" {
		where = "standard output"
	}
	if sum.OK() {
		fmt.Fprintf(a.stderr, "report written to %s: %d credentials; %s\n", where, len(inv.Credentials), sum.Line())
		return nil
	}
	fmt.Fprintf(a.stderr, "report written to %s, incomplete: %s\n", where, sum.Line())
	if len(inv.Failed) > 0 && firstErr == nil {
		firstErr = errors.New("a connection failed")
	}
	code := exitError
	if isAuthError(firstErr) || allRejected(inv) {
		code = exitAuth
	}
	return &exitCodeError{code: code}
}

// allRejected reports whether the report failed only because vendors rejected credentials.
func allRejected(inv *report.Inventory) bool {
	if len(inv.Failed) == 0 {
		return false
	}
	for _, f := range inv.Failed {
		if !f.Rejected {
			return false
		}
	}
	return true
}

func connectionVendors(inv *report.Inventory) []string {
	var out []string
	for _, c := range inv.Connections {
		out = append(out, c.Vendor)
	}
	return out
}
