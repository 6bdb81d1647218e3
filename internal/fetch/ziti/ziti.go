// Package ziti is the OpenZiti edge management API client of credsql: the legacy zt-session
// login (password, certificate over mTLS, or a given session token), the current API session
// and the current identity's authenticators. The contract is docs/vendors/ziti.md.
package ziti

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// PageSize is the controller's maximum list limit (docs/vendors/ziti.md §4.2).
const PageSize = 500

// Credentials select the login: a username and password (zitiroutes.Authenticate, method=password),
// a session token obtained elsewhere, or a client certificate (method=cert over mTLS).
type Credentials struct {
	Username, Password string
	SessionToken       string
	// ClientCertFile and ClientKeyFile are PEM files; the certificate is presented on every
	// connection, which extend needs too.
	ClientCertFile, ClientKeyFile string
}

// Options configure a client.
type Options struct {
	Connection  string
	URL         string // https://ctrl.example.com:1280/edge/management/v1
	Credentials Credentials
	// CAFile is a PEM bundle trusted in addition to the system roots (a private PKI).
	CAFile string
	fetch.Tuning
	// Hint names where the credential comes from, for 401 errors.
	Hint string
}

// Client calls one OpenZiti controller as one identity.
type Client struct {
	c    *fetch.Client
	auth *auth
	mtls bool
}

// New returns a client; nothing is sent until the first call.
func New(o Options) (*Client, error) {
	cr := o.Credentials
	a := &auth{conn: o.Connection, hint: o.Hint}
	switch {
	case cr.SessionToken != "":
		a.given = true
		a.cred.Set(cr.SessionToken, time.Time{})
	case cr.Username != "" && cr.Password != "":
		a.method, a.username, a.password = "password", cr.Username, cr.Password
	case cr.ClientCertFile != "" && cr.ClientKeyFile != "":
		a.method = "cert"
	default:
		return nil, fmt.Errorf("OpenZiti connection %q: no credential (username and password, session token, or client certificate and key)", o.Connection)
	}
	tc, err := tlsConfig(o)
	if err != nil {
		return nil, fmt.Errorf("OpenZiti connection %q: %w", o.Connection, err)
	}
	if a.method == "cert" && !strings.HasPrefix(strings.ToLower(o.URL), "https://") {
		return nil, fmt.Errorf("OpenZiti connection %q: certificate login needs an https URL, not %q", o.Connection, o.URL)
	}
	c, err := fetch.New(fetch.Config{
		Vendor:     fetch.Ziti,
		Connection: o.Connection,
		BaseURL:    o.URL,
		Auth:       a,
		ParseError: parseError,
		RateStyle:  fetch.RateNone,
		Tuning:     o.Tuning,
		TLS:        tc,
		Secrets:    []string{cr.Password, cr.SessionToken},
		Hint:       o.Hint,
		Writes:     Writes,
	})
	if err != nil {
		return nil, err
	}
	return &Client{c: c, auth: a, mtls: tc != nil && len(tc.Certificates) > 0}, nil
}

// HTTP returns the underlying fetch client.
func (c *Client) HTTP() *fetch.Client { return c.c }

func tlsConfig(o Options) (*tls.Config, error) {
	cr := o.Credentials
	if o.CAFile == "" && cr.ClientCertFile == "" {
		return nil, nil
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.CAFile != "" {
		b, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(b) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", o.CAFile)
		}
		tc.RootCAs = pool
	}
	if cr.ClientCertFile != "" {
		pair, err := tls.LoadX509KeyPair(cr.ClientCertFile, cr.ClientKeyFile)
		if err != nil {
			return nil, fmt.Errorf("load client certificate %s: %w", cr.ClientCertFile, err)
		}
		tc.Certificates = []tls.Certificate{pair}
	}
	return tc, nil
}

// auth is the zt-session credential: obtained by the first call that needs it, shared by
// every call, and renewed once per expiry (fetch.Credential).
type auth struct {
	conn, hint         string
	method             string // "password" or "cert"; "" for a given session token
	username, password string
	given              bool
	cred               fetch.Credential
	// idle is how long the session lives without a call, measured on the controller's clock
	// at login (expiresAt minus the answer's Date); 0 when unknown.
	idle atomic.Int64
}

func (a *auth) Apply(ctx context.Context, c *fetch.Client, h http.Header) (string, error) {
	tok, err := a.cred.Get(ctx, func(ctx context.Context) (string, time.Time, error) { return a.login(ctx, c) })
	if err != nil {
		return "", err
	}
	if idle := time.Duration(a.idle.Load()); idle > 0 {
		// Every call restarts the session's timeout (docs/vendors/ziti.md §1.1).
		a.cred.Slide(tok, renewAfterIdle(time.Now(), idle))
	}
	h.Set("zt-session", tok)
	return tok, nil
}

// Stale drops a session the controller called invalid or expired. A given session token
// cannot be renewed, and a 401 that is about a field (a wrong currentPassword) is the user's.
func (a *auth) Stale(cred string, resp *fetch.Response) bool {
	if a.given || !sessionRejected(resp) {
		return false
	}
	a.cred.Drop(cred)
	return true
}

var challengeError = regexp.MustCompile(`(?:^|[\s,])error="?([A-Za-z_]+)`)

// sessionRejected tells a dead session from other 401s (docs/vendors/ziti.md §1.3): controllers
// ≥ 2.0 say error="invalid" or "expired" in WWW-Authenticate; older ones send no challenge,
// and then any 401 but a field error counts.
func sessionRejected(resp *fetch.Response) bool {
	if challenges := resp.Header.Values("WWW-Authenticate"); len(challenges) > 0 {
		for _, ch := range challenges {
			for _, m := range challengeError.FindAllStringSubmatch(ch, -1) {
				if m[1] == "invalid" || m[1] == "expired" {
					return true
				}
			}
		}
		return false
	}
	var env errorEnvelope
	if json.Unmarshal(resp.Body, &env) == nil && env.Error != nil && env.Error.Cause != nil && env.Error.Cause.Field != "" {
		return false
	}
	return true
}

func (a *auth) login(ctx context.Context, c *fetch.Client) (string, time.Time, error) {
	if a.given {
		return "", time.Time{}, fmt.Errorf("OpenZiti connection %q: the session token was logged out; give a new one. %s", a.conn, a.hint)
	}
	// The Op names the login method: the errors of a password and a certificate login differ.
	req := fetch.NewRequest(zitiroutes.Authenticate)
	req.Op += "?method=" + a.method
	req.Query, req.NoAuth, req.Body = url.Values{"method": {a.method}}, true, struct{}{}
	if a.method == "password" {
		req.Body = map[string]string{"username": a.username, "password": a.password}
		req.Secrets = []string{a.password}
	}
	var env struct {
		Data APISession `json:"data"`
	}
	req.Into = &env
	resp, err := c.Do(ctx, req)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("log in: %w", err)
	}
	s := env.Data
	if s.Token == "" {
		return "", time.Time{}, fmt.Errorf("OpenZiti connection %q: the login answer has no session token", a.conn)
	}
	c.AddSecret(s.Token)
	if len(s.AuthQueries) > 0 {
		var kinds []string
		for _, q := range s.AuthQueries {
			kinds = append(kinds, q.TypeID)
		}
		return "", time.Time{}, fmt.Errorf("OpenZiti connection %q: the identity needs multi-factor authentication (%s), which credsql cannot answer; use an identity without MFA, a session token, or a client certificate",
			a.conn, strings.Join(kinds, ", "))
	}
	idle := sessionIdle(resp.Header, s)
	a.idle.Store(int64(idle))
	if idle <= 0 {
		return s.Token, time.Time{}, nil
	}
	return s.Token, renewAfterIdle(time.Now(), idle), nil
}

// sessionIdle is how long a new session lives without a call, on the controller's clock:
// expiresAt minus the answer's Date header, so that a local clock set differently neither
// renews the session at every call nor keeps it past its end. Without a Date header it is
// expirationSeconds, the configured timeout.
func sessionIdle(h http.Header, s APISession) time.Duration {
	if date, err := http.ParseTime(h.Get("Date")); err == nil && !s.ExpiresAt.IsZero() {
		if d := s.ExpiresAt.Sub(date); d > 0 {
			return d
		}
	}
	return time.Duration(s.ExpirationSeconds) * time.Second
}

// renewAfterIdle is when a session last used at now is renewed: a minute (or a quarter of
// its timeout, if shorter) before it would end.
func renewAfterIdle(now time.Time, idle time.Duration) time.Time {
	return now.Add(idle - min(time.Minute, idle/4))
}

// errorEnvelope is OpenZiti's error body (docs/vendors/ziti.md §4.3).
type errorEnvelope struct {
	Error *struct {
		Code         string      `json:"code"`
		Message      string      `json:"message"`
		RequestID    string      `json:"requestId"`
		CauseMessage string      `json:"causeMessage"`
		Cause        *errorCause `json:"cause"`
	} `json:"error"`
}

// errorCause merges apiFieldError {field, reason, value} and apiError {code, message, cause}.
type errorCause struct {
	Field   string      `json:"field"`
	Reason  string      `json:"reason"`
	Value   any         `json:"value"`
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Cause   *errorCause `json:"cause"`
}

func (c *errorCause) String() string {
	if c.Field != "" {
		s := c.Field + ": " + c.Reason
		// The controller echoes submitted values, a wrong currentPassword included.
		if v, ok := c.Value.(string); ok && v != "" && !secretField(c.Field) {
			s += fmt.Sprintf(" (value %q)", v)
		}
		return s
	}
	if c.Code != "" && c.Message != "" {
		return c.Code + ": " + c.Message
	}
	return c.Code + c.Message
}

func secretField(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "secret") || strings.Contains(n, "token") || strings.Contains(n, "key")
}

func parseError(resp *fetch.Response, e *fetch.APIError) {
	var env errorEnvelope
	if json.Unmarshal(resp.Body, &env) != nil || env.Error == nil {
		return
	}
	x := env.Error
	e.Code, e.Message = x.Code, x.Message
	if e.RequestID == "" {
		e.RequestID = x.RequestID
	}
	if x.CauseMessage != "" {
		e.Causes = append(e.Causes, x.CauseMessage)
	}
	for c, depth := x.Cause, 0; c != nil && depth < 5; c, depth = c.Cause, depth+1 {
		if s := c.String(); s != "" {
			e.Causes = append(e.Causes, s)
		}
	}
	if x.Cause != nil && x.Cause.Field == "currentPassword" {
		e.Hint = "The current password given does not match the authenticator's password."
	}
	notAdmin(resp, e)
}

// ErrNoSession is returned by Logout when there is no API session to end.
var ErrNoSession = fmt.Errorf("no API session: %w", fetch.ErrNotFound)
