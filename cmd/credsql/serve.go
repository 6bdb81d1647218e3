package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/tables"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve SQL over the MySQL wire protocol, for any MySQL client, driver or BI tool",
		usage:   "credsql serve [--listen 127.0.0.1:3306] [--user U --password P] [--tls-cert F --tls-key F [--require-tls]] [--audit-log FILE] [--metrics-listen ADDR]",
		help: `Serves the credsql database to MySQL clients. On a loopback address without a password any
user name and password are accepted; a non-loopback --listen requires a password (--password,
CREDSQL_PASSWORD, or users in the config file).

The --user account is the owner: it reads, writes and reveals secrets on every connection and
administers the server. Config file users get exactly what their entry says: read_only,
reveal_secrets (may SET credsql_reveal_secrets = ON; default false), connections (the ones it
sees and uses; default all) and admin (reads the mysql.* grant tables, sees and kills every
session's queries, SET GLOBAL; default false). --read-only-user adds a reader that neither
reveals nor administers. SHOW GRANTS states each account's rights; docs/security.md has the
privilege model and the MySQL error numbers of each refusal.

The config file's server section gives the same settings (flags win):

  server:
    listen: 0.0.0.0:3306
    tls_cert: tls.crt
    tls_key: tls.key
    require_tls: true
    audit_log: /var/log/credsql/audit.log
    users:
      - name: admin
        password_env: CREDSQL_ADMIN_PASSWORD   # or password_file
        admin: true
        reveal_secrets: true
      - name: reader
        password_file: reader.password
        read_only: true
        connections: [prod]

Every API call that changes vendor state is appended to the audit log as one JSON object per
line: time, action "write", MySQL connection id, user, client address, the statement (string
literals that hold a secret replaced by '[REDACTED]'), vendor, connection, method, route,
status, vendor request id and outcome (ok, refused, unknown, not_sent). So is every statement
that returns secrets unmasked (action "reveal": table, connection, rows, values and the rows'
keys, never the values) and every failed login (action "login_failed": user name and address,
never the password; at most 5 lines per address and minute, repeated failures answered later
and later). The default file is $XDG_STATE_HOME/credsql/audit.log
(~/.local/state/credsql/audit.log); --audit-log - writes to stderr, --audit-log '' turns it
off. With --demo it is off unless --audit-log is given.

--metrics-listen ADDR serves Prometheus metrics on http://ADDR/metrics: every vendor API
response (credsql_vendor_requests_total{connection,vendor,code}), the 429s among them
(credsql_vendor_rate_limited_total), the time of each call
(credsql_vendor_request_duration_seconds), the end date of every dated credential
(credsql_credential_expiry_timestamp_seconds) and whether each connection answers
(credsql_connection_up), both refreshed every --metrics-interval. See docs/scheduling.md for
alert rules.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			o := &serveOptions{}
			o.register(fs)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %s", strings.Join(args, " "))
				}
				given := map[string]bool{}
				fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
				sc, err := a.serverConfig()
				if err != nil {
					return err
				}
				o.applyConfig(sc, given)
				return o.run(a, sc)
			}
		},
	})
}

// serveOptions are serve's settings: flags, then the config file's server section for what
// the flags did not give.
type serveOptions struct {
	listen, socket                     string
	user, password, roUser, roPassword string
	certFile, keyFile                  string
	requireTLS                         bool
	auditLog                           stringFlag
	metricsListen                      string
	metricsInterval                    time.Duration
}

func (o *serveOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.listen, "listen", "127.0.0.1:3306", "address to listen on")
	fs.StringVar(&o.socket, "socket", "", "also listen on this unix socket")
	fs.StringVar(&o.user, "user", "credsql", "MySQL user name of the owner, who may do everything")
	fs.StringVar(&o.password, "password", "", "MySQL password (or CREDSQL_PASSWORD)")
	fs.StringVar(&o.roUser, "read-only-user", "", "an additional user that may only read, without revealing secrets (password from --read-only-password or CREDSQL_READ_ONLY_PASSWORD)")
	fs.StringVar(&o.roPassword, "read-only-password", "", "password of --read-only-user")
	fs.StringVar(&o.certFile, "tls-cert", "", "TLS certificate (PEM) for client connections")
	fs.StringVar(&o.keyFile, "tls-key", "", "TLS private key (PEM)")
	fs.BoolVar(&o.requireTLS, "require-tls", false, "refuse clients that do not use TLS")
	fs.Var(&o.auditLog, "audit-log", "append a JSON line per mutating API call, revealing statement and failed login to this file ('-' for stderr, '' for none; default $XDG_STATE_HOME/credsql/audit.log)")
	fs.StringVar(&o.metricsListen, "metrics-listen", "", "serve Prometheus metrics on http://ADDR/metrics (e.g. 127.0.0.1:9464)")
	fs.DurationVar(&o.metricsInterval, "metrics-interval", 5*time.Minute, "how often the metrics' credential end dates and connection states are refreshed")
}

// applyConfig takes from the config file's server section what no flag gave.
func (o *serveOptions) applyConfig(sc *config.Server, given map[string]bool) {
	if sc == nil {
		return
	}
	if sc.Listen != "" && !given["listen"] {
		o.listen = sc.Listen
	}
	if sc.TLSCert != "" && !given["tls-cert"] && !given["tls-key"] {
		o.certFile, o.keyFile = sc.TLSCert, sc.TLSKey
	}
	if sc.RequireTLS && !given["require-tls"] {
		o.requireTLS = true
	}
	if sc.AuditLog != nil && !o.auditLog.set {
		o.auditLog.v, o.auditLog.set = *sc.AuditLog, true
	}
}

// serverOptions checks the settings and returns the wire server's options (all but the
// listener): the config file's users, then the owner and the read-only user of the flags (a
// flag's user replaces the config file's user of that name), and TLS.
func (o *serveOptions) serverOptions(sc *config.Server, getenv func(string) string) (engine.ServerOptions, error) {
	opts := engine.ServerOptions{Socket: o.socket, RequireTLS: o.requireTLS}
	index := map[string]int{} // name -> index in opts.Users
	add := func(u engine.User) {
		if i, ok := index[u.Name]; ok {
			opts.Users[i] = u
			return
		}
		index[u.Name] = len(opts.Users)
		opts.Users = append(opts.Users, u)
	}
	if sc != nil {
		for _, u := range sc.Users {
			add(engine.User{Name: u.Name, Password: u.Password, ReadOnly: u.ReadOnly,
				RevealSecrets: u.RevealSecrets, Connections: u.Connections, Admin: u.Admin})
		}
	}
	pw := o.password
	if pw == "" {
		pw = getenv("CREDSQL_PASSWORD")
	}
	if pw != "" {
		add(engine.Owner(o.user, pw))
	}
	if o.roUser != "" {
		rp := o.roPassword
		if rp == "" {
			rp = getenv("CREDSQL_READ_ONLY_PASSWORD")
		}
		if rp == "" {
			return opts, usagef("--read-only-user needs --read-only-password or CREDSQL_READ_ONLY_PASSWORD")
		}
		add(engine.User{Name: o.roUser, Password: rp, ReadOnly: true})
		if !hasWriter(opts.Users) {
			return opts, usagef("--read-only-user needs --password for the main user too (otherwise any login is accepted)")
		}
	}
	if !loopback(o.listen) && len(opts.Users) == 0 {
		return opts, usagef("--listen %s is not a loopback address: set --password or CREDSQL_PASSWORD, or users in the config file's server section", o.listen)
	}
	if (o.certFile == "") != (o.keyFile == "") {
		return opts, usagef("--tls-cert and --tls-key go together")
	}
	if o.requireTLS && o.certFile == "" {
		return opts, usagef("--require-tls needs --tls-cert and --tls-key")
	}
	if o.certFile != "" {
		cert, err := tls.LoadX509KeyPair(o.certFile, o.keyFile)
		if err != nil {
			return opts, fmt.Errorf("load TLS certificate: %w", err)
		}
		opts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if o.metricsInterval <= 0 {
		return opts, usagef("--metrics-interval must be positive")
	}
	return opts, nil
}

// run serves until SIGINT/SIGTERM (or a.stop in tests).
func (o *serveOptions) run(a *app, sc *config.Server) error {
	opts, err := o.serverOptions(sc, a.getenv)
	if err != nil {
		return err
	}
	if err := a.openAudit(o.auditLog); err != nil {
		return err
	}
	var sm *serveMetrics
	if o.metricsListen != "" {
		sm = a.newServeMetrics(o.metricsInterval)
	}
	e, err := a.open(30 * time.Second)
	if err != nil {
		return err
	}
	a.warnConnections(e)
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	opts.Listener = ln
	srv, err := e.NewServer(opts)
	if err != nil {
		return err
	}
	// Before serve says it listens, so that a signal sent as soon as it does (a
	// supervisor's, a test's) stops it cleanly rather than killing it. Until here, Ctrl-C
	// ends a stuck start-up the default way.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, sigterm)
	defer signal.Stop(sig)
	fmt.Fprintf(a.stderr, "credsql %s serving on %s (database %s)", versionShort(), ln.Addr(), engine.DatabaseName)
	if a.sim != nil {
		fmt.Fprintf(a.stderr, ", demo simulator at %s", a.sim.URL())
	}
	fmt.Fprintln(a.stderr)
	if l, ok := a.audit.(*audit.Log); ok {
		fmt.Fprintf(a.stderr, "audit log: %s\n", l.Path())
	}
	if sm != nil {
		mctx, stopMetrics := context.WithCancel(context.Background())
		defer stopMetrics()
		sm.logger = a.logger
		if err := sm.start(mctx, o.metricsListen, e); err != nil {
			_ = srv.Close()
			return err
		}
		defer sm.close()
		fmt.Fprintf(a.stderr, "metrics on http://%s/metrics\n", sm.ln.Addr())
	}
	if f := a.getenv("CREDSQL_READY_FILE"); f != "" {
		_ = os.WriteFile(f, []byte(ln.Addr().String()+"\n"), 0o600)
	}
	if a.onListen != nil {
		a.onListen(ln.Addr().String())
	}
	go func() {
		select {
		case <-sig:
		case <-a.stop:
		}
		_ = srv.Close()
	}()
	if err := srv.Start(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// warnConnections says on stderr when serve has nothing to serve: no connection configured
// (every table answers with what to set), or a configured one that cannot be used.
func (a *app) warnConnections(e *engine.Engine) {
	configured := false
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			switch {
			case errors.Is(c.Err, tables.ErrUnconfigured):
			case c.Err != nil:
				configured = true
				fmt.Fprintf(a.stderr, "credsql serve: warning: %s connection %q cannot be used, its tables answer with an error: %s\n", v.Title(), c.Name, message(c.Err))
			default:
				configured = true
			}
		}
	}
	if !configured {
		fmt.Fprintln(a.stderr, "credsql serve: warning: no connection is configured, so every table answers with an error saying what to set: "+
			"set OKTA_ORG_URL and OKTA_API_TOKEN (or the OpenZiti or OPA variables), give --config FILE, or try --demo")
	}
}

// serverConfig reads the config file's server section, if a config file is in use (also with
// --demo: the accounts do not depend on the connections).
func (a *app) serverConfig() (*config.Server, error) {
	path := a.globals.configPath
	if path == "" {
		if p := config.DefaultPath(a.getenv); p != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
			}
		}
	}
	if path == "" {
		return nil, nil
	}
	sc, err := config.LoadServer(path, a.getenv)
	if err != nil {
		return nil, err
	}
	if sc != nil {
		for _, w := range sc.Warnings {
			fmt.Fprintf(a.stderr, "credsql serve: %s\n", w)
		}
	}
	return sc, nil
}

// openAudit opens the audit log: the path given, else the default one (none with --demo).
func (a *app) openAudit(o stringFlag) error {
	path := o.v
	if !o.set {
		if a.globals.demo {
			return nil
		}
		path = audit.DefaultPath(a.getenv)
		if path == "" {
			return usagef("no place for the audit log ($XDG_STATE_HOME and $HOME are unset): give --audit-log FILE, or --audit-log '' for none")
		}
	}
	l, err := audit.Open(path, a.stderr)
	if err != nil {
		return err
	}
	if l != nil {
		a.audit = l
		a.closers = append(a.closers, func() { _ = l.Close() })
	}
	return nil
}

func hasWriter(users []engine.User) bool {
	for _, u := range users {
		if !u.ReadOnly {
			return true
		}
	}
	return false
}

// stringFlag is a string flag that knows whether it was given, so that an empty value can
// mean "none" rather than "the default".
type stringFlag struct {
	v   string
	set bool
}

func (o *stringFlag) String() string { return o.v }

func (o *stringFlag) Set(s string) error {
	o.v, o.set = s, true
	return nil
}

// loopback reports whether a listen address is on the loopback interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
