package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
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

// packRun is one run of a pack: what it has written and what failed so far.
type packRun struct {
	a        *app
	o        packOptions
	tr       *inventory.Tracker
	w        *inventory.Writer
	sum      inventory.Summary
	snap     metrics.Snapshot
	firstErr error
}

// runPack runs queries one after the other and writes their findings (or, with a state file,
// their differential events) to stdout; notes, warnings and errors go to stderr. A connection
// found unreachable or rejected is named once on stderr, and the queries that read it fail at
// once (inventory.Tracker); text output ends with the summary line, which says what failed.
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
	p := &packRun{a: a, o: o, tr: inventory.NewTracker(ctx, e), sum: inventory.Summary{Diff: state != nil}}
	s := e.NewSession("credsql")
	wo := inventory.WriterOptions{OutputDir: o.outputDir}
	if !o.wide {
		wo.Width = a.width()
	}
	f, out := o.format.render, a.stdout
	if o.format.prometheus {
		f, out = render.NDJSON, io.Discard // the metrics are written at the end instead
	}
	p.w = inventory.NewWriter(out, f, wo)
	if err := p.connectionFailures(); err != nil {
		return err
	}
	for _, q := range queries {
		if missing := q.Missing(p.tr.Configured); len(missing) > 0 {
			fmt.Fprintf(a.stderr, "credsql %s: skipped %s: no %s connection is configured\n", o.cmd, q.Name, vendorTitles(missing))
			continue
		}
		p.sum.Queries++
		r := p.tr.Exec(s, q)
		if err := p.connectionFailures(); err != nil {
			return err
		}
		for _, msg := range r.Warnings {
			fmt.Fprintf(a.stderr, "credsql %s: warning: %s: %s\n", o.cmd, q.Name, msg)
		}
		if r.Err == nil {
			p.sum.Count(q.Severity, len(r.Rows))
			switch {
			case state == nil:
				r.Err = p.w.Result(&r)
			case r.Partial():
				fmt.Fprintf(a.stderr, "credsql %s: %s: results are incomplete: no differential this run, the previous snapshot is kept\n", o.cmd, q.Name)
			default:
				rows, err := r.LogRows()
				if err != nil {
					r.Err = err
					break
				}
				diff.Now = time.Now()
				evs := state.Apply(q, rows, diff)
				for _, ev := range evs {
					if ev.Action == "added" {
						p.sum.Added++
					} else {
						p.sum.Removed++
					}
				}
				if err := p.w.Events(&r, evs); err != nil {
					// The events may not have reached the log: keep the old snapshot.
					return fmt.Errorf("write differential events of %s (state not saved): %w", q.Name, err)
				}
			}
		}
		p.snap.Queries = append(p.snap.Queries, metrics.Query{Name: q.Name, Severity: q.Severity, Rows: len(r.Rows), OK: r.Err == nil})
		if r.Err != nil {
			if err := p.queryFailed(&r); err != nil {
				return err
			}
			if ctx.Err() != nil {
				break
			}
		}
	}
	if o.format.prometheus && ctx.Err() == nil {
		if err := p.listCredentials(s); err != nil {
			return err
		}
	}
	if err := p.w.Close(p.sum); err != nil {
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
		fmt.Fprintln(a.stderr, p.sum.Line())
	}
	if !p.sum.OK() {
		code := exitError
		if isAuthError(p.firstErr) {
			code = exitAuth
		}
		return &exitCodeError{code: code}
	}
	if p.sum.Queries == 0 && len(queries) > 0 {
		return errors.New("no query ran: no connection is configured for the vendors they read")
	}
	if o.failOnRows && (state == nil && p.sum.Total() > 0 || state != nil && p.sum.Added > 0) {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// connectionFailures reports the connections that failed since the last call: one stderr
// line each, and a record in JSON output.
func (p *packRun) connectionFailures() error {
	for _, cf := range p.tr.New() {
		msg := message(cf.Err)
		fmt.Fprintf(p.a.stderr, "credsql %s: %s connection %q %s; what it holds is not checked this run: %s\n",
			p.o.cmd, tables.Vendor(cf.Vendor).Title(), cf.Connection, cf.What(), msg)
		p.sum.Connections = append(p.sum.Connections, cf.Connection)
		if p.firstErr == nil {
			p.firstErr = cf.Err
		}
		if err := p.w.ConnectionFailed(cf.Vendor, cf.Connection, msg); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return nil
}

// queryFailed reports a query that failed: on stderr (without naming a failed connection
// again), in the output, and in the summary.
func (p *packRun) queryFailed(r *inventory.Result) error {
	reason := r.Reason()
	fmt.Fprintf(p.a.stderr, "credsql %s: %s: %s\n", p.o.cmd, r.Query.Name, reason)
	p.sum.Failed = append(p.sum.Failed, r.Query.Name)
	if p.firstErr == nil {
		p.firstErr = r.Err
	}
	if err := p.w.QueryFailed(r); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// listCredentials lists every dated credential of the configured vendors into the metrics
// snapshot, whatever the pack; a listing that fails is a failure of the run.
func (p *packRun) listCredentials(s *engine.Session) error {
	for _, l := range inventory.Listings(p.tr.Configured) {
		r := p.tr.List(s, l)
		if err := p.connectionFailures(); err != nil {
			return err
		}
		p.snap.Listings = append(p.snap.Listings, metrics.Listing{Vendor: string(l.Vendor), Table: l.Table, OK: r.Err == nil})
		if r.Err != nil {
			if !r.Blocked {
				fmt.Fprintf(p.a.stderr, "credsql %s: list the credentials of %s: %s\n", p.o.cmd, l.Table, message(r.Err))
			}
			if !slices.Contains(p.sum.Other, "the credential listing") {
				p.sum.Other = append(p.sum.Other, "the credential listing")
			}
			if p.firstErr == nil {
				p.firstErr = r.Err
			}
			continue
		}
		p.snap.Credentials = append(p.snap.Credentials, r.Credentials...)
	}
	metrics.SortCredentials(p.snap.Credentials)
	return nil
}

// writeMetrics writes the run as Prometheus text exposition on stdout.
func (p *packRun) writeMetrics(e *engine.Engine) error {
	p.snap.Run, p.snap.OK, p.snap.Time = true, p.sum.OK(), time.Now()
	failed := map[string]bool{}
	for _, f := range p.tr.All() {
		failed[f.Vendor+"/"+f.Connection] = true
	}
	for _, v := range []tables.Vendor{tables.Okta, tables.Ziti, tables.OPA} {
		for _, c := range e.Conns(v) {
			if !errors.Is(c.Err, tables.ErrUnconfigured) {
				p.snap.Conns = append(p.snap.Conns, metrics.Conn{Vendor: string(v), Name: c.Name, Up: !failed[string(v)+"/"+c.Name]})
			}
		}
	}
	return metrics.WriteText(p.a.stdout, metrics.NewCollector(p.snap))
}
