package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/metrics"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

type packOptions struct {
	cmd        string
	format     packFormatKind
	failOnRows bool
	diff       diffFlags
	outputDir  string
	wide       bool
}

// packFormatKind is a --format of run: a render format, or prometheus.
type packFormatKind struct {
	render     render.Format
	prometheus bool
}

// packRun is one run of a pack: its output and the runner it drives.
type packRun struct {
	a    *app
	o    packOptions
	run  *inventory.Runner
	w    *inventory.Writer
	snap metrics.Snapshot
}

// runPack runs queries one after the other and writes their findings (or, with a state file,
// their differential events) to stdout; notes, warnings and errors go to stderr. A connection
// found unreachable or rejected is named once on stderr, and the queries that read it fail at
// once (inventory.Runner); text output ends with the summary line, which says what failed.
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
	p := &packRun{a: a, o: o}
	wo := inventory.WriterOptions{OutputDir: o.outputDir}
	if !o.wide {
		wo.Width = a.width()
	}
	f, out := o.format.render, a.stdout
	if o.format.prometheus {
		f, out = render.NDJSON, io.Discard // the metrics are written at the end instead
	}
	p.w = inventory.NewWriter(out, f, wo)
	h := inventory.Handler{
		ConnectionFailed: p.connectionFailed,
		Skipped: func(q inventory.Query, missing []string) {
			fmt.Fprintf(a.stderr, "credsql %s: skipped %s: no %s connection is configured\n", o.cmd, q.Name, vendorTitles(missing))
		},
		QueryFailed: p.queryFailed,
		Listing:     p.listing,
	}
	h.Executed = func(r *inventory.Result) {
		for _, msg := range r.Warnings {
			fmt.Fprintf(a.stderr, "credsql %s: warning: %s: %s\n", o.cmd, r.Query.Name, msg)
		}
	}
	h.Result = func(r *inventory.Result) error {
		switch {
		case state == nil:
			return p.w.Result(r)
		case r.Partial():
			fmt.Fprintf(a.stderr, "credsql %s: %s: results are incomplete: no differential this run, the previous snapshot is kept\n", o.cmd, r.Query.Name)
			return nil
		}
		rows, err := r.LogRows()
		if err != nil {
			return err
		}
		diff.Now = time.Now()
		evs := state.Apply(r.Query, rows, diff)
		for _, ev := range evs {
			if ev.Action == "added" {
				p.run.Summary.Added++
			} else {
				p.run.Summary.Removed++
			}
		}
		if err := p.w.Events(r, evs); err != nil {
			// The events may not have reached the log: keep the old snapshot.
			return &writeError{fmt.Errorf("write differential events of %s (state not saved): %w", r.Query.Name, err)}
		}
		return nil
	}
	run, err := inventory.NewRunner(ctx, e, "credsql", h)
	p.run = run
	if err != nil {
		return err
	}
	run.Summary.Diff = state != nil
	var werr *writeError
	if err := run.Run(queries); errors.As(err, &werr) {
		return werr.err
	} else if err != nil {
		return err
	}
	for _, r := range run.Ran {
		p.snap.Queries = append(p.snap.Queries, metrics.Query{Name: r.Query.Name, Severity: r.Query.Severity, Rows: r.Rows, OK: r.OK})
	}
	if o.format.prometheus && ctx.Err() == nil {
		creds, err := run.List()
		if err != nil {
			return err
		}
		p.snap.Credentials = creds
		metrics.SortCredentials(p.snap.Credentials)
	}
	sum := run.Summary
	if err := p.w.Close(sum); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if state != nil {
		// Events were printed first: a crash before this save prints them again next run
		// (at least once), never loses them.
		if err := state.Save(o.diff.state); err != nil {
			return err
		}
	}
	if o.format.prometheus {
		if err := p.writeMetrics(e); err != nil {
			return err
		}
	}
	if !inventory.Text(f) {
		// Machine formats carry only data on stdout: the summary goes to stderr.
		fmt.Fprintln(a.stderr, sum.Line())
	}
	if !sum.OK() {
		code := exitError
		if isAuthError(run.FirstErr) {
			code = exitAuth
		}
		return &exitCodeError{code: code}
	}
	if sum.Queries == 0 && len(queries) > 0 {
		return errors.New("no query ran: no connection is configured for the vendors they read")
	}
	if o.failOnRows && (state == nil && sum.Total() > 0 || state != nil && sum.Added > 0) {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// writeError is a failure to write the differential events: it ends the run (the state must
// not be saved), where any other failure of a query's output fails only that query.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// connectionFailed reports a connection that failed: one stderr line, and a record in JSON
// output.
func (p *packRun) connectionFailed(cf inventory.ConnFailure) error {
	msg := message(cf.Err)
	fmt.Fprintf(p.a.stderr, "credsql %s: %s connection %q %s; what it holds is not checked this run: %s\n",
		p.o.cmd, tables.Vendor(cf.Vendor).Title(), cf.Connection, cf.What(), msg)
	if err := p.w.ConnectionFailed(cf.Vendor, cf.Connection, msg); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// queryFailed reports a query that failed: on stderr (without naming a failed connection
// again) and in the output.
func (p *packRun) queryFailed(r *inventory.Result) error {
	var werr *writeError
	if errors.As(r.Err, &werr) {
		return werr
	}
	fmt.Fprintf(p.a.stderr, "credsql %s: %s: %s\n", p.o.cmd, r.Query.Name, r.Reason())
	if err := p.w.QueryFailed(r); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// listing records a credential listing of the metrics output; one that failed is named on
// stderr unless its connection's failure already was.
func (p *packRun) listing(r inventory.ListingResult) error {
	p.snap.Listings = append(p.snap.Listings, metrics.Listing{Vendor: string(r.Vendor), Table: r.Table, OK: r.Err == nil})
	if r.Err != nil && !r.Blocked {
		fmt.Fprintf(p.a.stderr, "credsql %s: list the credentials of %s: %s\n", p.o.cmd, r.Table, message(r.Err))
	}
	return nil
}

// writeMetrics writes the run as Prometheus text exposition on stdout.
func (p *packRun) writeMetrics(e *engine.Engine) error {
	p.snap.Run, p.snap.OK, p.snap.Time = true, p.run.Summary.OK(), time.Now()
	failed := map[string]bool{}
	for _, f := range p.run.Tracker.All() {
		failed[f.Vendor+"/"+f.Connection] = true
	}
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			if !errors.Is(c.Err, tables.ErrUnconfigured) {
				p.snap.Conns = append(p.snap.Conns, metrics.Conn{Vendor: string(v), Name: c.Name, Up: !failed[string(v)+"/"+c.Name]})
			}
		}
	}
	return metrics.WriteText(p.a.stdout, metrics.NewCollector(p.snap))
}
