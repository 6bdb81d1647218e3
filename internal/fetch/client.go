// Package fetch is credsql's HTTP layer: one resty client per configured connection, vendor
// authentication, pagination as streaming iterators, rate-limit pacing, retries that never
// repeat a write, typed errors and redaction. It knows HTTP, not SQL.
package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// Defaults for a connection.
const (
	// DefaultConcurrency is the default ceiling of a connection's calls in flight: the
	// adaptive limit (adaptive.go) starts at StartConcurrency and never grows past it. It is
	// under the smallest concurrency limit of Okta's current plans (35), so one credsql does
	// not take a whole org's share.
	DefaultConcurrency = 32
	DefaultMaxRetries  = 4
	DefaultMaxWait     = 2 * time.Minute
	DefaultTimeout     = 60 * time.Second
	// MaxBody bounds a response body; a vendor answer larger than this is an error.
	MaxBody = 64 << 20
)

// UserAgent is sent on every call.
var UserAgent = "credsql/dev"

// Auth puts a connection's credential on requests. Implementations obtain the credential
// lazily (a login call), cache it, and renew it once when the vendor says it expired.
type Auth interface {
	// Apply sets the credential on h and returns an identifier of the credential used.
	Apply(ctx context.Context, c *Client, h http.Header) (cred string, err error)
	// Stale is told about a 401 for a request sent with cred. It returns true when the
	// credential was stale and has been dropped, so that one retry with a new one makes sense.
	Stale(cred string, resp *Response) bool
}

// ErrorParser turns a vendor's non-2xx response into an APIError (Code, Message, Causes,
// RequestID). The client fills in the rest.
type ErrorParser func(resp *Response, e *APIError)

// Config describes one connection's HTTP side.
type Config struct {
	Vendor     Vendor
	Connection string
	BaseURL    string
	Auth       Auth
	ParseError ErrorParser
	RateStyle  RateStyle
	// RequestIDHeader names the header carrying the vendor's request id.
	RequestIDHeader string

	Tuning
	TLS *tls.Config // private CA, client certificate
	// Secrets are this connection's credentials, scrubbed from every error and log line.
	Secrets []string
	// Hint is appended to 401 errors: which variables or config entries hold the credential.
	Hint string
	// Writes is what the vendor documents about its writes; fetch reads Resend429.
	Writes VendorWrites
}

// Tuning is what every vendor client takes besides its address and credentials: how hard it
// may use the vendor's API, how it retries, its cache and its logger.
type Tuning struct {
	Concurrency   int           // the most calls in flight at once (default DefaultConcurrency); the adaptive limit stays under it
	RatePerMinute int           // optional steady pace, on top of the vendor's headers
	MaxRetries    int           // attempts after the first, for retryable failures
	MaxWait       time.Duration // total time one call may wait for rate limits
	Timeout       time.Duration // per attempt
	Backoff       time.Duration // base delay between retries of failed reads (default 200ms)
	Cache         *Cache        // cross-query response cache; nil = none
	Logger        *slog.Logger
	// ResetSkew is added to the reset time a 429 gives before calls start again, for the
	// clocks' skew (default 1s, as Okta's SDK; negative: none).
	ResetSkew time.Duration
	// WrapTransport, when set, wraps the connection's HTTP transport: the tests use it to
	// make chosen calls fail before they are sent (a refused connection, a broken TLS
	// handshake).
	WrapTransport func(http.RoundTripper) http.RoundTripper
	Observer      Observer // told about every attempt, for metrics; nil = none
	// AttemptTimeout bounds one attempt: by default context.WithTimeout(ctx, Timeout). Tests
	// replace it to end attempts on an event rather than on the wall clock.
	AttemptTimeout func(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc)
}

// Observer is told about every attempt of a call: the HTTP status of the response (0 when
// none arrived) and how long the attempt took. Attempts cancelled by the caller are not
// reported. Implementations must be safe for concurrent use.
type Observer interface {
	Observe(v Vendor, connection string, status int, d time.Duration)
}

// Response is a received HTTP response with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Attempts is how many attempts the call took (set on the final response).
	Attempts int
	// DryRun is set on the answer to a write a dry run did not send (see WithDryRun).
	DryRun bool
}

// Client makes one connection's calls.
type Client struct {
	cfg   Config
	base  *url.URL
	r     *resty.Client
	sched *scheduler
	log   *slog.Logger
	red   *Redactor
}

// New builds a connection's client.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("%s connection %q: base URL %q is not an absolute URL", cfg.Vendor.Title(), cfg.Connection, cfg.BaseURL)
	}
	if err := CheckScheme(base); err != nil {
		return nil, fmt.Errorf("%s connection %q: %w", cfg.Vendor.Title(), cfg.Connection, err)
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.MaxWait == 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = 200 * time.Millisecond
	}
	switch {
	case cfg.ResetSkew == 0:
		cfg.ResetSkew = time.Second
	case cfg.ResetSkew < 0:
		cfg.ResetSkew = 0
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ParseError == nil {
		cfg.ParseError = func(*Response, *APIError) {}
	}
	concurrency := cfg.Concurrency
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	transport := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:     cfg.TLS,
		MaxIdleConns:        2 * concurrency,
		MaxIdleConnsPerHost: concurrency,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	var rt http.RoundTripper = transport
	if cfg.WrapTransport != nil {
		rt = cfg.WrapTransport(transport)
	}
	r := resty.NewWithClient(&http.Client{Transport: rt}).
		SetRetryCount(0).
		SetDisableWarn(true).
		SetResponseBodyLimit(MaxBody).
		SetRedirectPolicy(resty.NoRedirectPolicy()).
		SetHeader("User-Agent", UserAgent).
		SetHeader("Accept", "application/json").
		SetLogger(quietLogger{})
	c := &Client{
		cfg:   cfg,
		base:  base,
		r:     r,
		sched: newScheduler(concurrency, cfg.RatePerMinute, cfg.RateStyle, cfg.ResetSkew),
		log:   cfg.Logger,
		red:   NewRedactor(cfg.Secrets...),
	}
	return c, nil
}

// CheckScheme allows plain http only for loopback hosts (tests, the simulator).
func CheckScheme(u *url.URL) error {
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if host == "localhost" {
			return nil
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
			return nil
		}
		return fmt.Errorf("plain http is allowed only for loopback hosts, not %q: use https", host)
	}
	return fmt.Errorf("unsupported URL scheme %q: use https", u.Scheme)
}

// Vendor returns the connection's vendor.
func (c *Client) Vendor() Vendor { return c.cfg.Vendor }

// Connection returns the connection's name.
func (c *Client) Connection() string { return c.cfg.Connection }

// BaseURL returns the connection's base URL.
func (c *Client) BaseURL() string { return c.base.String() }

// Redact scrubs the connection's secrets from s.
func (c *Client) Redact(s string) string { return c.red.Redact(s) }

// AddSecret registers a credential obtained at run time (a session token) for redaction.
func (c *Client) AddSecret(s string) { c.red.Add(s) }

// CloseIdleConnections closes the connection's pooled HTTP connections that are not in use.
// The pool keeps up to the ceiling's worth for 90 s, so that the next fan-out does not open
// them again.
func (c *Client) CloseIdleConnections() { c.r.GetClient().CloseIdleConnections() }

// Logger returns the connection's logger.
func (c *Client) Logger() *slog.Logger { return c.log }

// Decode sends req and decodes its JSON answer into a T (req.Into is set to it).
func Decode[T any](ctx context.Context, c *Client, req *Request) (T, error) {
	var out T
	req.Into = &out
	_, err := c.Do(ctx, req)
	return out, err
}

// Do sends req, retrying what may safely be retried, and returns the 2xx response or an
// *APIError. Reads are retried on 429 (after the window resets), 5xx, transport failures and
// undecodable bodies. A write is retried when it provably did not reach the vendor (the
// connection or the TLS handshake failed before any byte of it was written), after a 429
// only where the vendor documents that a 429 was not acted on (VendorWrites.Resend429), and
// after a lost answer only when it is idempotent (Request.Idempotent); any other write
// whose answer is lost is reported with Unknown set, never sent twice. A 401 caused by a
// stale credential is answered by renewing it once.
//
// Identical reads within one query (see WithMemo) are sent once; reads may be answered from
// the connection's cache, which any write on the connection clears. A login (Request.Login)
// is retried like a read but bypasses the cache and the memo, and clears neither.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	target, err := c.resolve(req)
	if err != nil {
		return nil, err
	}
	if req.Login || req.Fresh && !req.Mutating() {
		return c.send(ctx, req, target)
	}
	if req.Mutating() || req.RawBody != nil || req.Body != nil {
		if d := DryRunFrom(ctx); d != nil && req.Mutating() {
			return c.plan(d, req, target), nil
		}
		resp, err := c.send(ctx, req, target)
		c.audit(ctx, req, resp, err)
		if err == nil || errors.Is(err, ErrOutcomeUnknown) {
			c.cfg.Cache.clear(c.cfg.Connection)
			if m := memoFrom(ctx); m != nil {
				m.clear()
			}
		}
		return resp, err
	}
	key := c.cfg.Connection + " " + target
	if !req.NoStore && !bypassCache(ctx) {
		if resp, ok := c.cfg.Cache.get(key); ok && decodeInto(resp.Body, req.Into) == nil {
			return resp, nil
		}
	}
	fetch := func() (*Response, error) {
		gen := c.cfg.Cache.generation(c.cfg.Connection)
		resp, err := c.send(ctx, req, target)
		if err == nil && !req.NoStore {
			c.cfg.Cache.put(c.cfg.Connection, gen, key, resp)
		}
		return resp, err
	}
	m := memoFrom(ctx)
	if m == nil {
		return fetch()
	}
	resp, leader, err := m.do(key, fetch)
	if err == nil && !leader && req.Into != nil {
		// The leader's send decoded into its own target; this caller decodes the same bytes.
		err = decodeInto(resp.Body, req.Into)
	}
	return resp, err
}

func (c *Client) resolve(req *Request) (string, error) {
	var u *url.URL
	if req.URL != "" {
		next, err := url.Parse(req.URL)
		if err != nil {
			return "", &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: fmt.Errorf("follow pagination link: %w", err)}
		}
		u = c.base.ResolveReference(next)
		// A pagination link must stay on the connection's host: never send the token elsewhere.
		if u.Host != c.base.Host || u.Scheme != c.base.Scheme {
			return "", &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: fmt.Errorf("pagination link points to another host (%s)", u.Host)}
		}
	} else {
		// An empty key value leaves an empty segment ("/apps//keys") or drops the last one
		// ("/apps/"), which addresses a collection: never send it.
		if strings.Contains(req.Path, "//") || strings.HasSuffix(req.Path, "/") {
			return "", &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: ErrEmptyKey}
		}
		var err error
		u, err = url.Parse(c.base.String() + req.Path)
		if err != nil {
			return "", &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: err}
		}
	}
	if len(req.Query) > 0 {
		q := u.Query()
		for k, vs := range req.Query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

// quietLogger keeps resty from printing to stderr on its own.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
