package tables

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
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
	Okta        *okta.Client
	// Err, when set, is why the connection cannot be used (missing configuration); every
	// table of its vendor answers with it instead of calling the API.
	Err error
}

func (c *Conn) usable(table string) error {
	if c.Err != nil {
		return fmt.Errorf("%s: %w", table, c.Err)
	}
	return nil
}

func (c *Conn) writable(what string) error {
	if c.ReadOnly {
		why := c.ReadOnlyWhy
		if why == "" {
			why = "read-only mode"
		}
		return fmt.Errorf("%s on connection %q refused: %w (%s)", what, c.Name, ErrReadOnly, why)
	}
	return nil
}

// Settings apply to every connection opened.
type Settings struct {
	ReadOnly    bool // --read-only
	Concurrency int  // default per connection
	MaxWait     time.Duration
	Timeout     time.Duration
	MaxRetries  int
	Cache       *fetch.Cache
	Logger      *slog.Logger
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
	maxWait, timeout := cc.MaxWait, cc.Timeout
	if maxWait == 0 {
		maxWait = s.MaxWait
	}
	if timeout == 0 {
		timeout = s.Timeout
	}
	hint := "Check " + cc.Source + "."
	var err error
	switch cc.Vendor {
	case config.Okta:
		c.Okta, err = okta.New(okta.Options{
			Connection: cc.Name, OrgURL: cc.URL,
			Credentials: okta.Credentials{APIToken: cc.Token, AccessToken: cc.AccessToken},
			Concurrency: conc, RatePerMinute: cc.RatePerMinute, MaxWait: maxWait, Timeout: timeout,
			MaxRetries: s.MaxRetries, Cache: s.Cache, Logger: s.Logger, Hint: "The token was rejected. " + hint,
		})
	default:
		c.Err = fmt.Errorf("connection %q: vendor %q is not supported yet", cc.Name, cc.Vendor)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Unconfigured is the placeholder connection of a vendor with no configuration: its tables
// answer with an error naming what to set.
func Unconfigured(v Vendor) *Conn {
	return &Conn{Name: "default", Vendor: v, Err: fmt.Errorf("no %s connection is configured: set %s, or add a %q connection to the config file",
		v.Title(), config.EnvHint(string(v)), string(v))}
}
