package tables

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/fetch/ziti"
	"github.com/credsql/credsql/internal/routes"
)

// ErrReadOnly refuses a write on a read-only connection, before any API call.
var ErrReadOnly = errors.New("read-only")

// Conn is one configured vendor account with its API client.
type Conn struct {
	Name     string
	Vendor   Vendor
	ReadOnly bool
	// ReadOnlyWhy says which setting made it read-only (--read-only, the config entry).
	ReadOnlyWhy string
	// Concurrency is how many calls of the connection may be in flight at once (0 = the
	// default); fan-outs over it run this wide.
	Concurrency int
	Okta        *okta.Client
	Ziti        *ziti.Client
	OPA         *opa.Client
	// Err, when set, is why the connection cannot be used (missing configuration); every
	// table of its vendor answers with it instead of calling the API.
	Err error
}

// HTTP is the connection's HTTP client (nil when the connection is not configured).
func (c *Conn) HTTP() *fetch.Client {
	switch {
	case c.Okta != nil:
		return c.Okta.HTTP()
	case c.Ziti != nil:
		return c.Ziti.HTTP()
	case c.OPA != nil:
		return c.OPA.HTTP()
	}
	return nil
}

func (c *Conn) usable(table string) error {
	if c.Err != nil {
		return fmt.Errorf("%s: %w", table, c.Err)
	}
	return nil
}

// Writable refuses what (a statement, "DELETE on apps_secrets", or a "CALL ...") on a read-only
// connection with an error that wraps ErrReadOnly and says why the connection is read-only.
func (c *Conn) Writable(what string) error {
	if !c.ReadOnly {
		return nil
	}
	why := c.ReadOnlyWhy
	if why == "" {
		why = "read-only"
	}
	return fmt.Errorf("connection %q is %w (%s), so it cannot execute %s", c.Name, ErrReadOnly, why, what)
}

// Settings apply to every connection opened.
type Settings struct {
	ReadOnly    bool // --read-only
	Concurrency int  // default per connection
	MaxWait     time.Duration
	Timeout     time.Duration
	MaxRetries  int
	Backoff     time.Duration // base delay between retries (fetch's default when 0)
	Cache       *fetch.Cache
	Logger      *slog.Logger
	// ResetSkew is added to a 429's reset time (fetch's default when 0, none when negative).
	ResetSkew time.Duration
	// WrapTransport wraps every connection's HTTP transport (tests: network faults).
	WrapTransport func(http.RoundTripper) http.RoundTripper
	Observer      fetch.Observer // metrics of every API call; nil = none
	// AttemptTimeout replaces the wall-clock timeout of one attempt (tests: see fetch.Tuning).
	AttemptTimeout func(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc)
}

// Open builds the client of a configured connection.
func Open(cc config.Connection, s Settings) (*Conn, error) {
	c := &Conn{Name: cc.Name, Vendor: Vendor(cc.Vendor), ReadOnly: cc.ReadOnly || s.ReadOnly}
	switch {
	case s.ReadOnly:
		c.ReadOnlyWhy = "--read-only"
	case cc.ReadOnly:
		c.ReadOnlyWhy = cc.Source + " sets read_only"
	}
	conc := cc.Concurrency
	if conc == 0 {
		conc = s.Concurrency
	}
	c.Concurrency = conc
	maxWait, timeout := cc.MaxWait, cc.Timeout
	if maxWait == 0 {
		maxWait = s.MaxWait
	}
	if timeout == 0 {
		timeout = s.Timeout
	}
	hint := "Check " + cc.Source + "."
	tuning := fetch.Tuning{Concurrency: conc, RatePerMinute: cc.RatePerMinute, MaxWait: maxWait, Timeout: timeout,
		MaxRetries: s.MaxRetries, Backoff: s.Backoff, Cache: s.Cache, Logger: s.Logger,
		ResetSkew: s.ResetSkew, WrapTransport: s.WrapTransport, Observer: s.Observer, AttemptTimeout: s.AttemptTimeout}
	if cc.Err != nil {
		// Configured, but not usable (a secret is missing): its vendor's tables answer with
		// the reason; the other vendors are not affected.
		c.Err = cc.Err
		return c, nil
	}
	d, ok := vendorDef(Vendor(cc.Vendor))
	if !ok {
		return nil, fmt.Errorf("connection %q: unknown vendor %q (%s)", cc.Name, cc.Vendor, vendorNames())
	}
	if err := d.open(c, cc, tuning, hint); err != nil {
		return nil, err
	}
	return c, nil
}

// vendorNames lists the vendors' names: "okta, ziti or opa".
func vendorNames() string {
	var b strings.Builder
	for i, v := range routes.Vendors {
		switch {
		case i == len(routes.Vendors)-1 && i > 0:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

// zitiHint says which OpenZiti credential a 401 is about.
func zitiHint(cc config.Connection) string {
	switch {
	case cc.SessionToken != "":
		return "The session token was rejected: it may have expired or been logged out, and credsql cannot renew a given token."
	case cc.Username != "":
		return "The username and password were rejected."
	}
	return "The client certificate was rejected."
}

// ErrUnconfigured matches the error of a vendor's placeholder connection (Unconfigured).
var ErrUnconfigured = errors.New("not configured")

// Unconfigured is the placeholder connection of a vendor with no configuration: its tables
// answer with an error naming what to set, which matches ErrUnconfigured.
func Unconfigured(v Vendor) *Conn {
	return &Conn{Name: "default", Vendor: v, Err: &unconfiguredError{fmt.Sprintf("no %s connection is configured: set %s, or add a %q connection to the config file",
		v.Title(), config.EnvHint(string(v)), string(v))}}
}

type unconfiguredError struct{ msg string }

func (e *unconfiguredError) Error() string        { return e.msg }
func (e *unconfiguredError) Is(target error) bool { return target == ErrUnconfigured }
