package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/metrics"
	"github.com/credsql/credsql/internal/tables"
)

// serveMetrics is the /metrics endpoint of `credsql serve --metrics-listen`: the vendor API
// calls of every connection as they happen, and the credentials' end dates and each
// connection's state, refreshed every interval.
type serveMetrics struct {
	reg      *prometheus.Registry
	calls    *metrics.Calls
	inv      *metrics.Collector
	interval time.Duration
	srv      *http.Server
	ln       net.Listener
	// logger, when set, says at debug level when a refresh has ended.
	logger *slog.Logger
}

// newServeMetrics registers the metrics; a.open must come after, so that every connection's
// client reports its calls.
func (a *app) newServeMetrics(interval time.Duration) *serveMetrics {
	m := &serveMetrics{reg: prometheus.NewRegistry(), interval: interval}
	m.calls = metrics.NewCalls(m.reg)
	m.inv = metrics.NewCollector(metrics.Snapshot{})
	m.reg.MustRegister(m.inv, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a.observer = m.calls
	return m
}

// start listens on addr and refreshes the inventory in the background until ctx ends.
func (m *serveMetrics) start(ctx context.Context, addr string, e *engine.Engine) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--metrics-listen: %w", err)
	}
	m.ln = ln
	m.srv = &http.Server{Handler: metrics.Handler(m.reg), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = m.srv.Serve(ln) }()
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			if !errors.Is(c.Err, tables.ErrUnconfigured) {
				m.calls.Init(string(v), c.Name)
			}
		}
	}
	m.reg.MustRegister(metrics.NewLimits(func() []metrics.LimitSample { return inFlightLimits(e) }))
	go func() {
		t := time.NewTicker(m.interval)
		defer t.Stop()
		for {
			snap := refresh(ctx, e)
			m.inv.Set(snap)
			if m.logger != nil {
				m.logger.Debug("metrics refreshed", "credentials", len(snap.Credentials), "connections", len(snap.Conns))
			}
			select {
			case <-t.C:
			case <-ctx.Done():
				return
			}
		}
	}()
	return nil
}

// inFlightLimits reads the adaptive in-flight limit of every bucket each connection has called.
func inFlightLimits(e *engine.Engine) []metrics.LimitSample {
	var out []metrics.LimitSample
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			h := c.HTTP()
			if h == nil {
				continue
			}
			for _, l := range h.Limits() {
				out = append(out, metrics.LimitSample{Vendor: string(v), Connection: c.Name, Bucket: l.Bucket,
					Limit: l.Limit, InFlight: l.InFlight, Ceiling: l.Ceiling})
			}
		}
	}
	return out
}

func (m *serveMetrics) close() {
	if m.srv != nil {
		_ = m.srv.Close()
	}
}

// refresh lists every dated credential and notes which connections answered.
func refresh(ctx context.Context, e *engine.Engine) metrics.Snapshot {
	tr := inventory.NewTracker(ctx, e)
	s := e.NewSession("credsql-metrics")
	snap := metrics.Snapshot{Time: time.Now()}
	for _, l := range inventory.Listings(tr.Configured) {
		r := tr.List(s, l)
		snap.Listings = append(snap.Listings, metrics.Listing{Vendor: string(l.Vendor), Table: l.Table, OK: r.Err == nil})
		snap.Credentials = append(snap.Credentials, r.Credentials...)
	}
	metrics.SortCredentials(snap.Credentials)
	failed := map[string]bool{}
	for _, f := range tr.All() {
		failed[f.Vendor+"/"+f.Connection] = true
	}
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			if !errors.Is(c.Err, tables.ErrUnconfigured) {
				snap.Conns = append(snap.Conns, metrics.Conn{Vendor: string(v), Name: c.Name, Up: !failed[string(v)+"/"+c.Name]})
			}
		}
	}
	return snap
}
