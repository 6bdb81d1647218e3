package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
)

// serve's accounts and checks, without a server: what each combination of flags, environment
// and config-file users yields.
func TestServeOptions(t *testing.T) {
	t.Parallel()
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	fileUsers := &config.Server{Users: []config.User{
		{Name: "admin", Password: "from-file", Admin: true, RevealSecrets: true},
		{Name: "bi", Password: "bi-pw", ReadOnly: true, Connections: []string{"prod"}},
	}}
	for _, c := range []struct {
		name    string
		o       serveOptions
		sc      *config.Server
		getenv  func(string) string
		wantErr string
		// users: name=password, "ro" when read-only, "owner" when it may do everything
		want []string
	}{
		{name: "loopback without password accepts anyone", o: serveOptions{listen: "127.0.0.1:3306"}, getenv: env()},
		{name: "non-loopback needs a password", o: serveOptions{listen: "0.0.0.0:3306"}, getenv: env(),
			wantErr: "not a loopback address"},
		{name: "the owner's password from the environment", o: serveOptions{listen: "0.0.0.0:3306", user: "ops"},
			getenv: env("CREDSQL_PASSWORD", "s3cret"), want: []string{"ops=s3cret owner"}},
		{name: "a read-only user needs its password", o: serveOptions{listen: "127.0.0.1:1", user: "ops", password: "p", roUser: "r"},
			getenv: env(), wantErr: "--read-only-user needs --read-only-password"},
		{name: "a read-only user alone would let anyone in", o: serveOptions{listen: "127.0.0.1:1", roUser: "r", roPassword: "rp"},
			getenv: env(), wantErr: "needs --password for the main user too"},
		{name: "owner and reader", o: serveOptions{listen: "127.0.0.1:1", user: "ops", password: "p", roUser: "r"},
			getenv: env("CREDSQL_READ_ONLY_PASSWORD", "rp"), want: []string{"ops=p owner", "r=rp ro"}},
		{name: "config users, then a flag user replaces the file's user of its name", sc: fileUsers,
			o:      serveOptions{listen: "0.0.0.0:3306", user: "admin", password: "from-flag"},
			getenv: env(), want: []string{"admin=from-flag owner", "bi=bi-pw ro"}},
		{name: "config users alone allow a non-loopback listener", sc: fileUsers, o: serveOptions{listen: "10.0.0.1:3306"},
			getenv: env(), want: []string{"admin=from-file", "bi=bi-pw ro"}},
		{name: "TLS certificate and key go together", o: serveOptions{listen: "127.0.0.1:1", certFile: "c.pem"},
			getenv: env(), wantErr: "--tls-cert and --tls-key go together"},
		{name: "TLS required without a certificate", o: serveOptions{listen: "127.0.0.1:1", requireTLS: true},
			getenv: env(), wantErr: "--require-tls needs --tls-cert"},
		{name: "an unreadable certificate", o: serveOptions{listen: "127.0.0.1:1", certFile: "/nonexistent/c.pem", keyFile: "/nonexistent/k.pem"},
			getenv: env(), wantErr: "load TLS certificate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.o.metricsInterval == 0 {
				c.o.metricsInterval = 1
			}
			opts, err := c.o.serverOptions(c.sc, c.getenv)
			if c.wantErr != "" {
				var u *usageError
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, c.wantErr)
				}
				if strings.HasPrefix(c.wantErr, "--") && !errors.As(err, &u) {
					t.Errorf("%v is not a usage error (exit code 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range opts.Users {
				s := u.Name + "=" + u.Password
				if u.ReadOnly {
					s += " ro"
				}
				if reflect.DeepEqual(u, engine.Owner(u.Name, u.Password)) {
					s += " owner"
				}
				got = append(got, s)
			}
			if strings.Join(got, ", ") != strings.Join(c.want, ", ") {
				t.Errorf("users %q, want %q", got, c.want)
			}
		})
	}
}
