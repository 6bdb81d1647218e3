package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

// packCacheTTL is the default --cache-ttl of run and report: the queries of a pack read the
// same lists (apps, their keys and secrets), fetched once per run instead of once per query.
const packCacheTTL = 5 * time.Minute

func init() {
	register(&command{
		name:    "run",
		summary: "run every saved inventory query of a folder (a pack) and report the findings",
		usage:   "credsql run [DIR | PLAN.sql] [--format table|markdown|json|ndjson|csv] [--fail-on-rows] [--state FILE] [--min-severity S]",
		help: `Runs each *.sql file of DIR (default: queries) in name order. Each file starts with a header
comment: -- title:, -- description:, -- severity: (critical, high, medium, low, info) and
-- action: (what to do about a finding). Every row a query returns is a finding.

A query reads every connection of a vendor unless it pins one (WHERE connection = '...'). A
query that reads a vendor without any connection is skipped, with a note on stderr. A query
that fails is reported on stderr and the others still run; the exit code is then 1 (3 when a
vendor rejected a credential). With --partial a failing connection is a warning instead.

JSON and NDJSON records carry the query: {"name", "title", "severity", "columns": {row}}.

Differential mode (--state FILE) prints only what changed since the previous run, as NDJSON
events in the shape of osquery's result log: {"name", "hostIdentifier", "calendarTime",
"unixTime", "epoch", "counter", "numerics", "decorations", "columns", "action"} with action
"added" or "removed". As in osquery, the first run of a query reports every row as added with
counter 0, and counter counts up from 1 on later runs: alert on counter > 0 to skip the
baseline. A query that failed, or whose results are partial, keeps its previous snapshot. The
state file is replaced atomically; an unreadable one is an error, never silently reset.
With --fail-on-rows, differential mode exits 4 when a row was added.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			format := fs.String("format", "table", "output format: table, markdown, json, ndjson or csv (ndjson with --state)")
			failOnRows := fs.Bool("fail-on-rows", false, "exit with code 4 when a query returns rows (with --state: when a row was added)")
			minSeverity := fs.String("min-severity", "info", "run only the queries of this severity or higher")
			var d diffFlags
			d.register(fs)
			return func(args []string) error {
				if script, ok := isScript(args); ok {
					return a.runScriptFile(script, *format) // a rotation plan: credsql help plan
				}
				dir, err := packDir(fs, args)
				if err != nil {
					return err
				}
				f, err := packFormat(fs, *format, d.state != "")
				if err != nil {
					return err
				}
				if err := a.checkDiffFlags(d); err != nil {
					return err
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
				return a.runPack(ctx, e, queries, packOptions{cmd: "run", format: f, failOnRows: *failOnRows, diff: d})
			}
		},
	})
}

// packDir parses the flags of run and report, which may follow the pack's folder, and returns
// the folder: the one argument, or queries.
func packDir(fs *flag.FlagSet, args []string) (string, error) {
	args, err := interspersed(fs, args)
	if err != nil {
		return "", err
	}
	switch len(args) {
	case 0:
		return "queries", nil
	case 1:
		return args[0], nil
	}
	return "", usagef("one folder at most, got %s", strings.Join(args, " "))
}

// interspersed parses the flags that follow positional arguments too (credsql run DIR --state
// FILE) and returns the positional arguments.
func interspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		pos = append(pos, args[0])
		if err := fs.Parse(args[1:]); err != nil {
			return nil, usagef("%v", err)
		}
		args = fs.Args()
	}
	return pos, nil
}

// diffFlags are the flags of differential mode, shared by run and query.
type diffFlags struct {
	state string
	host  string
	epoch int64
}

func (d *diffFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.state, "state", "", "differential mode: keep the last results in this file and print only rows added or removed since the previous run")
	fs.StringVar(&d.host, "host-identifier", "", "hostIdentifier of differential events (default: the host name)")
	fs.Int64Var(&d.epoch, "epoch", 0, "epoch of differential events; a run with another epoch than the stored one starts over (every row added, counter 0)")
}

func (a *app) checkDiffFlags(d diffFlags) error {
	if d.state == "" {
		return nil
	}
	if a.globals.reveal {
		return usagef("--state with --reveal-secrets would store secrets in the state file and the log")
	}
	return nil
}

// packFormat is --format, ndjson by default in differential mode.
func packFormat(fs *flag.FlagSet, format string, diff bool) (render.Format, error) {
	given := false
	fs.Visit(func(fl *flag.Flag) { given = given || fl.Name == "format" })
	if diff && !given {
		return render.NDJSON, nil
	}
	f, err := render.ParseFormat(format)
	if err != nil {
		return "", usagef("%v", err)
	}
	return f, nil
}

type packOptions struct {
	cmd        string
	format     render.Format
	failOnRows bool
	diff       diffFlags
}

// runPack runs queries one after the other and writes their findings (or, with a state file,
// their differential events) to stdout; notes, warnings and errors go to stderr.
func (a *app) runPack(ctx context.Context, e *engine.Engine, queries []inventory.Query, o packOptions) error {
	var state *inventory.State
	if o.diff.state != "" {
		s, err := inventory.LoadState(o.diff.state)
		if err != nil {
			return err
		}
		state = s
	}
	diff := inventory.DiffOptions{Host: o.diff.host, Epoch: o.diff.epoch}
	if diff.Host == "" {
		diff.Host, _ = os.Hostname()
	}
	configured := configuredVendors(e)
	s := e.NewSession("credsql")
	w := inventory.NewWriter(a.stdout, o.format)
	var failed []string
	var firstErr error
	findings, added, removed, ran := 0, 0, 0, 0
	for _, q := range queries {
		if missing := q.Missing(configured); len(missing) > 0 {
			fmt.Fprintf(a.stderr, "credsql %s: skipped %s: no %s connection is configured\n", o.cmd, q.Name, vendorTitles(missing))
			continue
		}
		ran++
		r := inventory.Exec(ctx, s, q)
		for _, msg := range r.Warnings {
			fmt.Fprintf(a.stderr, "credsql %s: warning: %s: %s\n", o.cmd, q.Name, msg)
		}
		err := r.Err
		if err == nil {
			findings += len(r.Rows)
			switch {
			case state == nil:
				err = w.Result(&r)
			case r.Partial():
				fmt.Fprintf(a.stderr, "credsql %s: %s: results are incomplete: no differential this run, the previous snapshot is kept\n", o.cmd, q.Name)
			default:
				var rows []inventory.Row
				if rows, err = r.LogRows(); err == nil {
					diff.Now = time.Now()
					evs := state.Apply(q, rows, diff)
					for _, ev := range evs {
						if ev.Action == "added" {
							added++
						} else {
							removed++
						}
					}
					if err = w.Events(&r, evs); err != nil {
						// The events may not have reached the log: keep the old snapshot.
						return fmt.Errorf("write differential events of %s (state not saved): %w", q.Name, err)
					}
				}
			}
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "credsql %s: %s: %v\n", o.cmd, q.Name, err)
			failed = append(failed, q.Name)
			if firstErr == nil {
				firstErr = err
			}
			if ctx.Err() != nil {
				break
			}
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if state != nil {
		// Events were printed first: a crash before this save prints them again next run
		// (at least once), never loses them.
		if err := state.Save(o.diff.state); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "%d added, %d removed from %d queries\n", added, removed, ran)
	} else {
		fmt.Fprintf(a.stderr, "%d %s from %d queries\n", findings, plural(findings, "finding", "findings"), ran)
	}
	if len(failed) > 0 {
		code := exitError
		if isAuthError(firstErr) {
			code = exitAuth
		}
		return &exitCodeError{code: code, err: fmt.Errorf("%d of %d queries failed: %s", len(failed), ran, strings.Join(failed, ", "))}
	}
	if ran == 0 && len(queries) > 0 {
		return errors.New("no query ran: no connection is configured for the vendors they read")
	}
	if o.failOnRows && (state == nil && findings > 0 || state != nil && added > 0) {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// configuredVendors are the vendors with at least one usable connection.
func configuredVendors(e *engine.Engine) []string {
	var out []string
	for _, v := range []tables.Vendor{tables.Okta, tables.Ziti, tables.OPA} {
		for _, c := range e.Conns(v) {
			if c.Err == nil {
				out = append(out, string(v))
				break
			}
		}
	}
	return out
}

func vendorTitles(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = tables.Vendor(v).Title()
	}
	return strings.Join(out, " or ")
}

// queryDiff runs `credsql query` in differential mode: the script is one saved query (its
// header, if any, gives the title and severity), named after its file or --name.
func (a *app) queryDiff(fs *flag.FlagSet, script, file, name, format string, failOnRows bool, timeout time.Duration, d diffFlags) error {
	f, err := packFormat(fs, format, true)
	if err != nil {
		return err
	}
	if err := a.checkDiffFlags(d); err != nil {
		return err
	}
	q, err := inventory.Parse(script)
	if err != nil {
		return usagef("--state: %v", err)
	}
	switch {
	case name != "":
		q.Name = name
	case file != "" && file != "-":
		q.Name = strings.TrimSuffix(filepath.Base(file), ".sql")
	default:
		return usagef("--state needs --name to identify the query in the state file and its events")
	}
	if q.Title == "" {
		q.Title = q.Name
	}
	e, err := a.open(0)
	if err != nil {
		return err
	}
	ctx, cancel := a.signalContext(timeout)
	defer cancel()
	return a.runPack(ctx, e, []inventory.Query{q}, packOptions{cmd: "query", format: f, failOnRows: failOnRows, diff: d})
}

// printWarnings writes a statement's warnings (a connection left out by --partial) to stderr.
func printWarnings(w io.Writer, res *engine.Result) {
	for _, line := range res.Notes() {
		fmt.Fprintln(w, line)
	}
}

// loadPack reads the saved queries of dir with at least the given severity.
func loadPack(dir, minSeverity string) ([]inventory.Query, error) {
	rank := inventory.SeverityRank(strings.ToLower(minSeverity))
	if rank < 0 {
		return nil, usagef("--min-severity %q: use one of %s", minSeverity, strings.Join(inventory.Severities, ", "))
	}
	all, err := inventory.Load(dir)
	if err != nil {
		return nil, err
	}
	var queries []inventory.Query
	for _, q := range all {
		if inventory.SeverityRank(q.Severity) <= rank {
			queries = append(queries, q)
		}
	}
	return queries, nil
}
