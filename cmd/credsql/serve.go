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
			listen := fs.String("listen", "127.0.0.1:3306", "address to listen on")
			socket := fs.String("socket", "", "also listen on this unix socket")
			user := fs.String("user", "credsql", "MySQL user name of the owner, who may do everything")
			password := fs.String("password", "", "MySQL password (or CREDSQL_PASSWORD)")
			roUser := fs.String("read-only-user", "", "an additional user that may only read, without revealing secrets (password from --read-only-password or CREDSQL_READ_ONLY_PASSWORD)")
			roPassword := fs.String("read-only-password", "", "password of --read-only-user")
			certFile := fs.String("tls-cert", "", "TLS certificate (PEM) for client connections")
			keyFile := fs.String("tls-key", "", "TLS private key (PEM)")
			requireTLS := fs.Bool("require-tls", false, "refuse clients that do not use TLS")
			var auditLog stringFlag
			fs.Var(&auditLog, "audit-log", "append a JSON line per mutating API call, revealing statement and failed login to this file ('-' for stderr, '' for none; default $XDG_STATE_HOME/credsql/audit.log)")
			metricsListen := fs.String("metrics-listen", "", "serve Prometheus metrics on http://ADDR/metrics (e.g. 127.0.0.1:9464)")
			metricsInterval := fs.Duration("metrics-interval", 5*time.Minute, "how often the metrics' credential end dates and connection states are refreshed")
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
				if sc != nil {
					if sc.Listen != "" && !given["listen"] {
						*listen = sc.Listen
					}
					if sc.TLSCert != "" && !given["tls-cert"] && !given["tls-key"] {
						*certFile, *keyFile = sc.TLSCert, sc.TLSKey
					}
					if sc.RequireTLS && !given["require-tls"] {
						*requireTLS = true
					}
					if sc.AuditLog != nil && !auditLog.set {
						auditLog.v, auditLog.set = *sc.AuditLog, true
					}
				}
				opts := engine.ServerOptions{Socket: *socket}
				users := map[string]int{} // name -> index in opts.Users
				addUser := func(u engine.User) {
					if i, ok := users[u.Name]; ok {
						opts.Users[i] = u // a flag overrides the config file's user of that name
						return
					}
					users[u.Name] = len(opts.Users)
					opts.Users = append(opts.Users, u)
				}
				if sc != nil {
					for _, u := range sc.Users {
						addUser(engine.User{Name: u.Name, Password: u.Password, ReadOnly: u.ReadOnly,
							RevealSecrets: u.RevealSecrets, Connections: u.Connections, Admin: u.Admin})
					}
				}
				pw := *password
				if pw == "" {
					pw = a.getenv("CREDSQL_PASSWORD")
				}
				if pw != "" {
					addUser(engine.Owner(*user, pw))
				}
				if *roUser != "" {
					rp := *roPassword
					if rp == "" {
						rp = a.getenv("CREDSQL_READ_ONLY_PASSWORD")
					}
					if rp == "" {
						return usagef("--read-only-user needs --read-only-password or CREDSQL_READ_ONLY_PASSWORD")
					}
					addUser(engine.User{Name: *roUser, Password: rp, ReadOnly: true})
				}
				if *roUser != "" && !hasWriter(opts.Users) {
					return usagef("--read-only-user needs --password for the main user too (otherwise any login is accepted)")
				}
				if !loopback(*listen) && len(opts.Users) == 0 {
					return usagef("--listen %s is not a loopback address: set --password or CREDSQL_PASSWORD, or users in the config file's server section", *listen)
				}
				if (*certFile == "") != (*keyFile == "") {
					return usagef("--tls-cert and --tls-key go together")
				}
				if *requireTLS && *certFile == "" {
					return usagef("--require-tls needs --tls-cert and --tls-key")
				}
				opts.RequireTLS = *requireTLS
				if *certFile != "" {
					cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
					if err != nil {
						return fmt.Errorf("load TLS certificate: %w", err)
					}
					opts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
				}
				if err := a.openAudit(auditLog); err != nil {
					return err
				}
				if *metricsInterval <= 0 {
					return usagef("--metrics-interval must be positive")
				}
				var sm *serveMetrics
				if *metricsListen != "" {
					sm = a.newServeMetrics(*metricsInterval)
				}
				e, err := a.open(30 * time.Second)
				if err != nil {
					return err
				}
				a.warnConnections(e)
				ln, err := net.Listen("tcp", *listen)
				if err != nil {
					return err
				}
				opts.Listener = ln
				srv, err := e.NewServer(opts)
				if err != nil {
					return err
				}
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
					if err := sm.start(mctx, *metricsListen, e); err != nil {
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
				sig := make(chan os.Signal, 1)
				signal.Notify(sig, os.Interrupt, sigterm)
				defer signal.Stop(sig)
				go func() {
					select {
					case <-sig:
					case <-a.stop:
					}
					_ = srv.Close()
				}()
				err = srv.Start()
				if err != nil && strings.Contains(err.Error(), "use of closed network connection") {
					return nil
				}
				return err
			}
		},
	})
}

// warnConnections says on stderr when serve has nothing to serve: no connection configured
// (every table answers with what to set), or a configured one that cannot be used.
func (a *app) warnConnections(e *engine.Engine) {
	configured := false
	for _, v := range []tables.Vendor{tables.Okta, tables.Ziti, tables.OPA} {
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
