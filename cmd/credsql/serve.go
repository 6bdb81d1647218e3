package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve SQL over the MySQL wire protocol, for any MySQL client, driver or BI tool",
		usage:   "credsql serve [--listen 127.0.0.1:3306] [--user U --password P] [--tls-cert F --tls-key F [--require-tls]]",
		help: `Serves the credsql database to MySQL clients. On a loopback address without --password any
user name and password are accepted; a non-loopback --listen requires --password (or
CREDSQL_PASSWORD). --read-only-user adds an account that can SELECT but never write.`,
		setup: func(a *app, fs *flag.FlagSet) func([]string) error {
			listen := fs.String("listen", "127.0.0.1:3306", "address to listen on")
			socket := fs.String("socket", "", "also listen on this unix socket")
			user := fs.String("user", "credsql", "MySQL user name")
			password := fs.String("password", "", "MySQL password (or CREDSQL_PASSWORD)")
			roUser := fs.String("read-only-user", "", "an additional user that may only read (password from --read-only-password or CREDSQL_READ_ONLY_PASSWORD)")
			roPassword := fs.String("read-only-password", "", "password of --read-only-user")
			certFile := fs.String("tls-cert", "", "TLS certificate (PEM) for client connections")
			keyFile := fs.String("tls-key", "", "TLS private key (PEM)")
			requireTLS := fs.Bool("require-tls", false, "refuse clients that do not use TLS")
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %s", strings.Join(args, " "))
				}
				pw := *password
				if pw == "" {
					pw = a.getenv("CREDSQL_PASSWORD")
				}
				if !loopback(*listen) && pw == "" {
					return usagef("--listen %s is not a loopback address: set --password or CREDSQL_PASSWORD", *listen)
				}
				opts := engine.ServerOptions{Socket: *socket, RequireTLS: *requireTLS}
				if pw != "" {
					opts.Users = append(opts.Users, engine.User{Name: *user, Password: pw})
				}
				if *roUser != "" {
					rp := *roPassword
					if rp == "" {
						rp = a.getenv("CREDSQL_READ_ONLY_PASSWORD")
					}
					if rp == "" {
						return usagef("--read-only-user needs --read-only-password or CREDSQL_READ_ONLY_PASSWORD")
					}
					if pw == "" {
						return usagef("--read-only-user needs --password for the main user too (otherwise any login is accepted)")
					}
					opts.Users = append(opts.Users, engine.User{Name: *roUser, Password: rp, ReadOnly: true})
				}
				if (*certFile == "") != (*keyFile == "") {
					return usagef("--tls-cert and --tls-key go together")
				}
				if *requireTLS && *certFile == "" {
					return usagef("--require-tls needs --tls-cert and --tls-key")
				}
				if *certFile != "" {
					cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
					if err != nil {
						return fmt.Errorf("load TLS certificate: %w", err)
					}
					opts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
				}
				e, err := a.open(30 * time.Second)
				if err != nil {
					return err
				}
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
				if f := a.getenv("CREDSQL_READY_FILE"); f != "" {
					_ = os.WriteFile(f, []byte(ln.Addr().String()+"\n"), 0o600)
				}
				sig := make(chan os.Signal, 1)
				signal.Notify(sig, os.Interrupt, sigterm)
				go func() {
					<-sig
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
