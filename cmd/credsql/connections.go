package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/tables"
)

func init() {
	register(&command{
		name:    "connections",
		summary: "list the configured connections and check each one's credential and permissions",
		usage:   "credsql connections [--format table|json|ndjson|csv|markdown] [--no-check] [--timeout D]",
		help: `Lists every connection of the config file (or the environment) without its secrets, and checks
each one with the cheapest calls that need what credsql reads:
` + probesHelp() + `A 401 means the credential was rejected; a 403 names the scope or role that is missing
(docs/permissions.md lists what each table needs).
The exit code is 0 when every connection passes, 3 when a vendor rejected a credential or a
permission is missing, 1 for other failures (unreachable, TLS, 5xx).`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			format := fs.String("format", "table", "output format: table, json, ndjson, csv or markdown")
			noCheck := fs.Bool("no-check", false, "list the connections without calling any API")
			timeout := fs.Duration("timeout", 30*time.Second, "give up checking a connection after this long")
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("no arguments expected, got %s", strings.Join(args, " "))
				}
				f, err := render.ParseFormat(*format)
				if err != nil {
					return usagef("%v", err)
				}
				return a.connections(f, !*noCheck, *timeout)
			}
		},
	})
}

// connStatus is one line of `credsql connections`.
type connStatus struct {
	cc     config.Connection
	status string // ok, rejected, missing permission, missing secret, failed, not checked, not configured
	detail string
	auth   bool // the failure is a rejected credential or a missing permission
}

func (a *app) connections(f render.Format, check bool, timeout time.Duration) error {
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(a.globals.logLevel)); err != nil {
		return usagef("--log-level %q: use debug, info, warn or error", a.globals.logLevel)
	}
	a.logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(a.stderr, "credsql: warning: %s\n", w)
	}
	g := &a.globals
	settings := tables.Settings{ReadOnly: g.readOnly, Concurrency: g.concurrency, MaxWait: g.maxWait, Timeout: g.timeout, Logger: a.logger}
	ctx, cancel := a.signalContext(0)
	defer cancel()
	out := make([]connStatus, len(cfg.Connections))
	var wg sync.WaitGroup
	for i, cc := range cfg.Connections {
		out[i] = connStatus{cc: cc, status: "not checked"}
		if cc.Err != nil {
			// Configured, but a secret it references is missing: nothing to check.
			out[i] = connStatus{cc: cc, status: "missing secret", detail: cc.Err.Error()}
			continue
		}
		if !check {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			out[i] = checkConnection(cctx, cc, settings)
		}()
	}
	wg.Wait()
	for _, v := range config.Vendors {
		if len(cfg.ByVendor(v)) == 0 {
			out = append(out, connStatus{cc: config.Connection{Vendor: v}, status: "not configured", detail: "set " + config.EnvHint(v) + ", or add a connection to the config file"})
		}
	}
	cols := []render.Column{{Name: "connection"}, {Name: "vendor"}, {Name: "url"}, {Name: "read_only", Bool: true},
		{Name: "concurrency"}, {Name: "rate_per_minute"}, {Name: "status"}, {Name: "detail"}}
	w := render.New(a.stdout, f, cols, render.Options{})
	var failed []string
	allAuth := true
	for _, s := range out {
		c := s.cc
		var ro, conc, rate any
		if c.Name != "" {
			ro, conc, rate = c.ReadOnly || g.readOnly, int64(g.concurrency), optionalInt(c.RatePerMinute)
			if c.Concurrency > 0 {
				conc = int64(c.Concurrency)
			}
		}
		if err := w.Row([]any{optionalString(c.Name), c.Vendor, optionalString(redactURL(c.URL)), ro, conc, rate, s.status, optionalString(s.detail)}); err != nil {
			return err
		}
		switch s.status {
		case "ok", "not checked", "not configured":
		default:
			failed = append(failed, fmt.Sprintf("%s (%s)", c.Name, c.Vendor))
			allAuth = allAuth && s.auth
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if len(cfg.Connections) == 0 {
		return errors.New("no connection is configured: use --config FILE, the environment variables, or --demo")
	}
	if len(failed) > 0 {
		code := exitError
		if allAuth {
			code = exitAuth
		}
		return &exitCodeError{code: code, err: fmt.Errorf("%d of %d connections failed the check: %s", len(failed), len(cfg.Connections), strings.Join(failed, ", "))}
	}
	return nil
}

// checkConnection opens a connection's client and makes its vendor's access probes.
func checkConnection(ctx context.Context, cc config.Connection, settings tables.Settings) connStatus {
	s := connStatus{cc: cc, status: "ok"}
	c, err := tables.Open(cc, settings)
	if err != nil {
		s.status, s.detail = "failed", err.Error()
		return s
	}
	var probes []fetch.Check
	switch {
	case c.Okta != nil:
		probes = c.Okta.CheckAccess(ctx)
		var granted []string
		for _, ch := range probes {
			if ch.Err == nil {
				granted = append(granted, ch.Needs)
			}
		}
		if len(granted) > 0 {
			s.detail = strings.Join(granted, ", ") + " granted"
		}
	case c.Ziti != nil:
		probes = c.Ziti.CheckAccess(ctx)
	case c.OPA != nil:
		probes = []fetch.Check{c.OPA.CheckAccess(ctx)}
	}
	var problems []string
	for _, p := range probes {
		if p.Err == nil {
			if p.Detail != "" {
				s.detail = p.Detail
			}
			continue
		}
		var ae *fetch.APIError
		status := 0
		if errors.As(p.Err, &ae) {
			status = ae.Status
		}
		switch {
		case status == http.StatusForbidden || errors.Is(p.Err, fetch.ErrForbidden):
			if s.status == "ok" {
				s.status, s.auth = "missing permission", true
			}
			problems = append(problems, fmt.Sprintf("%s needs %s: %v", p.Op, p.Needs, p.Err))
		case status == http.StatusUnauthorized:
			s.status, s.auth = "rejected", true
			problems = append(problems, p.Err.Error())
		default:
			s.status, s.auth = "failed", false
			problems = append(problems, p.Err.Error())
		}
		if status == http.StatusUnauthorized {
			break // the other probes of this credential say the same
		}
	}
	if len(problems) > 0 {
		if s.detail != "" {
			problems = append([]string{s.detail}, problems...)
		}
		s.detail = strings.Join(problems, "; ")
	}
	return s
}

func optionalString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// redactURL hides a password written into a URL (https://user:secret@host).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}

// optionalInt is n, or NULL for 0 (not set).
func optionalInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// probesHelp lists each vendor's access probes with what each needs, from the route catalog.
func probesHelp() string {
	var b strings.Builder
	for _, v := range []struct {
		name, login string
		probes      []routes.Route
	}{
		{"Okta", "", okta.Probes},
		{"OpenZiti", "log in, then ", ziti.Probes},
		{"OPA", "issue a token, then ", opa.Probes},
	} {
		for i, r := range v.probes {
			name, login := v.name, v.login
			if i > 0 {
				name, login = "", ""
			}
			fmt.Fprintf(&b, "  %-9s %s%s, needs %s\n", name, login, r.Op(), r.Needs)
		}
	}
	return b.String()
}
