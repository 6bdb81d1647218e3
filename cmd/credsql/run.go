package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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
		usage:   "credsql run [DIR | PLAN.sql] [--format table|markdown|json|ndjson|csv|prometheus] [--output FILE | --output-dir DIR] [--wide] [--fail-on-rows] [--state FILE] [--min-severity S]",
		help: `Runs each *.sql file of DIR (default: queries), most severe first (then in name order). Each
file starts with a header comment: -- title:, -- description:, -- severity: (critical, high,
medium, low, info) and -- action: (what to do about a finding). Every row a query returns is
a finding. A single .sql file that is no saved query is a rotation plan (credsql help
plan): its statements run in order, and --dry-run shows the calls they would make.

A query reads every connection of a vendor unless it pins one (WHERE connection = '...'). A
query that reads a vendor without any connection is skipped, with a note on stderr. A query
that fails is reported on stderr and the others still run. The first call that finds a
connection unreachable, or its credential rejected, marks it failed for the rest of the run:
it is named once on stderr, and the queries that read it fail at once instead of trying
again. A connection whose secret is missing fails only its own vendor's queries. When
anything failed the exit code is 1 (3 when a vendor rejected a credential), and the output
says so: never an all-clear when something was not checked. With --partial, a query that
reads a vendor with several connections returns the rows of those that answered instead of
failing; the run still exits 1, since a connection was not checked.

Text formats (table, markdown) print a section per query, "## <title> [<severity>] — N
findings", and end with a summary line: "284 findings: 1 critical, 17 high, 135 medium, 131
low", or "FAILED: ..." naming what failed. Tables fit the terminal ($COLUMNS, or the width of
a terminal on stdout), wide cells wrapped; --wide turns that off. The machine formats print
only data on stdout; the summary line goes to stderr:

  csv         one table: query, severity, then every query's columns (empty where a query has
              no such column); --output-dir DIR writes DIR/<query>.csv per query instead
  json        an array of records; ndjson: one record per line. A finding is
              {"name", "title", "severity", "columns": {row}}; a failure is
              {"failure": "query", "name", "title", "severity", "error"} or
              {"failure": "connection", "vendor", "connection", "error"}
  prometheus  the text exposition format, for node_exporter's textfile collector: the end
              date of every dated credential of every connection (whatever the pack),
              credsql_query_rows, credsql_query_success, credsql_connection_up and
              credsql_run_success; written also when something failed (exit code 1)

--output FILE writes what would go to stdout to FILE instead, replaced atomically (a temporary
file renamed over it), also when the run fails: node_exporter's textfile collector never reads
half a file, and a failed run's metrics say that it failed.

Booleans are true and false in every format.

Differential mode (--state FILE) prints only what changed since the previous run, as NDJSON
events in the shape of osquery's result log: {"name", "hostIdentifier", "calendarTime",
"unixTime", "epoch", "counter", "numerics", "decorations", "columns", "action"} with action
"added" or "removed". As in osquery, the first run of a query reports every row as added with
counter 0, and counter counts up from 1 on later runs: alert on counter > 0 to skip the
baseline. A query that failed, or whose results are partial, keeps its previous snapshot. The
state file is replaced atomically; an unreadable one is an error, never silently reset.
With --fail-on-rows, differential mode exits 4 when a row was added.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			format := fs.String("format", "table", "output format: table, markdown, json, ndjson, csv or prometheus (ndjson with --state)")
			failOnRows := fs.Bool("fail-on-rows", false, "exit with code 4 when a query returns rows (with --state: when a row was added)")
			minSeverity := fs.String("min-severity", "info", "run only the queries of this severity or higher")
			outputDir := fs.String("output-dir", "", "with --format csv: write DIR/<query>.csv per query instead of one table on stdout")
			wide := fs.Bool("wide", false, "do not fit tables to the terminal width")
			output := fs.String("output", "", "write the output to this file instead of stdout, replacing it atomically, also when the run fails (for node_exporter's textfile collector)")
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
				if f.prometheus && d.state != "" {
					return usagef("--format prometheus has no differential mode: drop --state")
				}
				if *outputDir != "" && *output != "" {
					return usagef("give --output or --output-dir, not both")
				}
				if *outputDir != "" {
					if f.render != render.CSV || f.prometheus {
						return usagef("--output-dir works with --format csv")
					}
					if st, err := os.Stat(*outputDir); err != nil || !st.IsDir() {
						return usagef("--output-dir %s: not a folder", *outputDir)
					}
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
				o := packOptions{cmd: "run", format: f, failOnRows: *failOnRows, diff: d, outputDir: *outputDir, wide: *wide || *output != ""}
				if *output == "" {
					return a.runPack(ctx, e, queries, o)
				}
				stdout := a.stdout
				var buf bytes.Buffer
				a.stdout = &buf
				err = a.runPack(ctx, e, queries, o)
				a.stdout = stdout
				if werr := inventory.WriteFileAtomic(*output, buf.Bytes(), 0o644); werr != nil {
					return werr
				}
				return err
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
func packFormat(fs *flag.FlagSet, format string, diff bool) (packFormatKind, error) {
	given := false
	fs.Visit(func(fl *flag.Flag) { given = given || fl.Name == "format" })
	if diff && !given {
		return packFormatKind{render: render.NDJSON}, nil
	}
	if strings.EqualFold(format, "prometheus") {
		return packFormatKind{prometheus: true}, nil
	}
	f, err := render.ParseFormat(format)
	if err != nil {
		return packFormatKind{}, usagef("%v, or prometheus", err)
	}
	return packFormatKind{render: f}, nil
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
	if f.prometheus {
		return usagef("--format prometheus has no differential mode: drop --state")
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
	// Most severe first; Load sorted them by name.
	sort.SliceStable(queries, func(i, j int) bool {
		return inventory.SeverityRank(queries[i].Severity) < inventory.SeverityRank(queries[j].Severity)
	})
	return queries, nil
}
