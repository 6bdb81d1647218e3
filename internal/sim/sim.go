// Package sim is credsql's vendor simulator: the Okta management API, the OpenZiti edge
// management API and the Okta Privileged Access API on one HTTP handler, implementing the
// contracts of docs/vendors/*.md independently of credsql's own clients (it imports neither
// internal/fetch nor internal/tables), so that tests against it prove something.
//
// It serves Okta under /api/v1, OpenZiti under /edge/management/v1 and OPA under /pam/v1.
// Data is generated deterministically from Options.Seed; certificates and CSRs are real.
// Every request is recorded so that tests can assert how many calls a query made.
package sim

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Path prefixes of the three vendors.
const (
	ZitiPrefix = "/edge/management/v1"
	OPAPrefix  = "/pam"
)

// LinkStyle chooses how Okta and OPA send pagination links.
type LinkStyle int

// Link header styles.
const (
	LinkHeaders LinkStyle = iota // one `link` header per relation (Okta today)
	LinkJoined                   // one `Link` header, comma-joined (older Okta docs, RFC 8288)
)

// Options configure a simulator. Zero values take the defaults in parentheses.
type Options struct {
	Seed int64
	// Now anchors every generated timestamp (today, UTC midnight).
	Now time.Time

	// Data sizes.
	Apps         int // Okta applications (24)
	IdPs         int // Okta identity providers (6)
	IdPKeys      int // keys in the Okta IdP key store (12)
	AuthzServers int // Okta custom authorization servers (4)
	APITokens    int // Okta API tokens (6); the first is the configured OktaToken
	ServiceUsers int // OPA service users (15)
	// ZitiAuthenticators is how many authenticators the OpenZiti identity has (6): one updb
	// and five cert authenticators, then network-issued cert authenticators for bulk data.
	ZitiAuthenticators int
	// ZitiIdentities is how many identities the OpenZiti network has (9): the current one,
	// eight fixed ones (ziti_estate.go), then devices with one certificate each (and a pending
	// enrollment for every third) for bulk data.
	ZitiIdentities int
	// DistinctCerts bounds how many different certificates bulk data uses (0 = one per key or
	// authenticator); large benchmark data sets reuse certificates to keep generation fast.
	DistinctCerts int

	// PageSize caps every paginated list, whatever the client asks (0 = the vendor's max:
	// Okta 200, OpenZiti 500, OPA 100).
	PageSize  int
	LinkStyle LinkStyle
	// Latency is added to every request.
	Latency time.Duration
	// PageLatency is added to list requests only (after Latency).
	PageLatency time.Duration

	// Okta credentials accepted (defaults: "sim-okta-api-token", "sim-okta-access-token").
	OktaToken       string
	OktaAccessToken string
	// NoCurrentAPIToken: the org does not serve oktaroutes.CurrentAPIToken (absent from
	// Okta's published spec), answering 404.
	NoCurrentAPIToken bool
	// RateLimit is the Okta calls allowed per bucket and window (0 = 10000, never enforced
	// unless EnforceRateLimit); RateWindow is the window (60s).
	RateLimit        int
	RateWindow       time.Duration
	EnforceRateLimit bool
	// ConcurrencyLimit is the Okta calls processed at once (0 = no limit): a call arriving
	// while that many are being processed is answered, after the latency, with Okta's
	// concurrency 429.
	ConcurrencyLimit int

	// OpenZiti credentials accepted (defaults: "credsql-bot" / "sim-ziti-password").
	ZitiUsername string
	ZitiPassword string
	// ZitiSessionTTL expires a session after this much inactivity (30m).
	ZitiSessionTTL time.Duration
	// ZitiNotAdmin refuses the admin routes (identities, every authenticator, enrollments)
	// with 401, as the controller does for an identity that is not an administrator.
	ZitiNotAdmin bool

	// OPA team and service-user key accepted (defaults: "acme",
	// "6052868b-1b04-4a14-8288-e6496d7f2f4b" / "sim-opa-key-secret").
	OPATeam      string
	OPAKeyID     string
	OPAKeySecret string
	// OPATokenTTL is the lifetime of an OPA bearer token (1h).
	OPATokenTTL time.Duration
	// OPARateLimit is OPA calls allowed per window (0 = unlimited; headers sent anyway).
	OPARateLimit int

	Faults Faults

	// ClockSkew sets the simulator's clock this far from the machine's: its Date headers,
	// OPA token expiries and OpenZiti session expiries follow it, so that tests can check that
	// credsql measures lifetimes with the vendor's clock, not its own.
	ClockSkew time.Duration
	// Clock, when set, is the simulator's clock instead of the machine's (tests move it to
	// expire tokens and sessions without waiting); ClockSkew applies to it too.
	Clock func() time.Time
}

// clock is the simulator's "now": the machine's clock (or Clock) plus ClockSkew.
func (o *Options) clock() time.Time {
	if o.Clock != nil {
		return o.Clock().Add(o.ClockSkew)
	}
	return time.Now().Add(o.ClockSkew)
}

// FakeClock is a clock for Options.Clock that moves only when told to.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a clock at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now is the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (o *Options) defaults() {
	if o.Now.IsZero() {
		o.Now = time.Now().UTC().Truncate(24 * time.Hour)
	}
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&o.Apps, 24)
	def(&o.IdPs, 6)
	def(&o.IdPKeys, 12)
	def(&o.AuthzServers, 4)
	def(&o.APITokens, 6)
	def(&o.ServiceUsers, 15)
	def(&o.ZitiAuthenticators, 6)
	def(&o.ZitiIdentities, 9)
	def(&o.RateLimit, 10000)
	if o.RateWindow == 0 {
		o.RateWindow = time.Minute
	}
	if o.OktaToken == "" {
		o.OktaToken = "sim-okta-api-token"
	}
	if o.OktaAccessToken == "" {
		o.OktaAccessToken = "sim-okta-access-token"
	}
	if o.ZitiUsername == "" {
		o.ZitiUsername = "credsql-bot"
	}
	if o.ZitiPassword == "" {
		o.ZitiPassword = "sim-ziti-password"
	}
	if o.ZitiSessionTTL == 0 {
		o.ZitiSessionTTL = 30 * time.Minute
	}
	if o.OPATeam == "" {
		o.OPATeam = "acme"
	}
	if o.OPAKeyID == "" {
		o.OPAKeyID = "6052868b-1b04-4a14-8288-e6496d7f2f4b"
	}
	if o.OPAKeySecret == "" {
		o.OPAKeySecret = "sim-opa-key-secret"
	}
	if o.OPATokenTTL == 0 {
		o.OPATokenTTL = time.Hour
	}
}

// Server is a running or runnable simulator.
type Server struct {
	opts Options

	omu    sync.Mutex // guards opts after New
	mu     sync.Mutex // guards the vendor state below
	okta   *oktaState
	ziti   *zitiState
	opa    *opaState
	router *router

	log      callLog
	hooks    hooks
	faults   *faultState
	limits   *rateState
	inflight atomic.Int64
	idle     idleWaiters

	hs     *httptest.Server
	tlsURL string
	tls    *httptest.Server
}

// New builds a simulator with generated data.
func New(opts Options) *Server {
	opts.defaults()
	s := &Server{opts: opts}
	s.faults = newFaultState(opts.Faults)
	s.limits = newRateState()
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed))
	s.okta = newOktaState(&s.opts, rng)
	s.ziti = newZitiState(&s.opts, rng)
	s.opa = newOPAState(&s.opts, rng)
	s.router = &router{}
	s.oktaRoutes(s.router)
	s.zitiRoutes(s.router)
	s.opaRoutes(s.router)
	return s
}

// Options returns the options in effect, defaults filled in.
func (s *Server) Options() Options { return s.opts }

// Start serves the simulator on a loopback port and returns its base URL.
func (s *Server) Start() string {
	s.hs = httptest.NewServer(s)
	return s.hs.URL
}

// StartTLS serves the simulator over TLS as well, asking clients for a certificate (OpenZiti
// certificate login), and returns the https base URL. Its CA is TLSCAPEM.
func (s *Server) StartTLS() string {
	ts := httptest.NewUnstartedServer(s)
	ts.TLS = &tls.Config{
		Certificates: []tls.Certificate{serverCertificate()},
		ClientAuth:   tls.RequestClientCert,
	}
	ts.StartTLS()
	s.tls = ts
	return ts.URL
}

// URL is the plain-http base URL (after Start).
func (s *Server) URL() string {
	if s.hs == nil {
		return ""
	}
	return s.hs.URL
}

// Close stops serving.
func (s *Server) Close() {
	if s.hs != nil {
		s.hs.CloseClientConnections()
		s.hs.Close()
	}
	if s.tls != nil {
		s.tls.CloseClientConnections()
		s.tls.Close()
	}
}

// SetLatency changes the latency added to every request.
func (s *Server) SetLatency(d time.Duration) {
	s.omu.Lock()
	s.opts.Latency = d
	s.omu.Unlock()
}

func (s *Server) latency(list bool) time.Duration {
	s.omu.Lock()
	defer s.omu.Unlock()
	d := s.opts.Latency
	if list {
		d += s.opts.PageLatency
	}
	return d
}

// pageSize returns the page size for a request asking for limit (0 = not given), given the
// vendor's default and maximum.
func (s *Server) pageSize(limit, def, max int) int {
	n := limit
	if n <= 0 {
		n = def
	}
	if n > max {
		n = max
	}
	s.omu.Lock()
	cap := s.opts.PageSize
	s.omu.Unlock()
	if cap > 0 && n > cap {
		n = cap
	}
	return n
}

// SetPageSize changes the page-size cap.
func (s *Server) SetPageSize(n int) {
	s.omu.Lock()
	s.opts.PageSize = n
	s.omu.Unlock()
}

// ServeHTTP routes a request through logging, latency, faults, rate limits and auth.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rw := &recorder{ResponseWriter: w, status: http.StatusOK}
	rt, params := s.router.match(r)
	call := Call{Time: time.Now(), Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery}
	if rt != nil {
		call.Vendor, call.Route, call.Entry = rt.vendor, rt.method+" "+rt.pattern, rt.entry
	}
	s.inflight.Add(1)
	defer func() {
		call.Status = rw.status
		s.log.add(call)
		s.inflight.Add(-1)
		s.idle.signal(&s.inflight)
	}()
	if rt == nil {
		notFoundRoute(rw, r)
		return
	}
	if rt.vendor == "okta" {
		if s.limits.admit(s.concurrencyLimit()) {
			defer s.limits.leave()
		} else {
			rw.refused = true
		}
	}
	s.runHooks(call)
	rw.Header().Set("Date", s.opts.clock().UTC().Format(http.TimeFormat))
	if r.Body != nil && r.ContentLength != 0 {
		// Read the request before working on it, as a real server does: only then does
		// net/http watch the connection and cancel r.Context() when the client goes away.
		b, err := io.ReadAll(r.Body)
		if err != nil {
			call.Fault = "client gone"
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	if d := s.latency(rt.list); d > 0 && !sleepCtx(r.Context(), d) {
		call.Fault = "client gone"
		return
	}
	if f, ok := s.faults.pick(r.Method, call.Route, call.Entry, rt.vendor); ok {
		call.Fault = f.Kind.String()
		if f.Apply && f.Kind != Fault429 { // a rate limiter refuses before any work
			// The write happens, then the answer is lost.
			s.dispatch(&recorder{ResponseWriter: discard{}, status: 200}, r, rt, params)
		}
		s.fail(rw, r, rt.vendor, f)
		if rw.status == 0 || rw.status == http.StatusOK {
			rw.status = f.statusCode()
		}
		return
	}
	s.dispatch(rw, r, rt, params)
}

func (s *Server) dispatch(w *recorder, r *http.Request, rt *route, p params) {
	switch rt.vendor {
	case "okta":
		s.serveOkta(w, r, rt, p)
	case "ziti":
		s.serveZiti(w, r, rt, p)
	case "opa":
		s.serveOPA(w, r, rt, p)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	// refused is set for an Okta call that arrived over the concurrency limit.
	refused bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status = code
		r.wrote = true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.wrote = true
	}
	return r.ResponseWriter.Write(b)
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

var requestSeq atomic.Int64

// requestID returns a unique vendor request id.
func requestID(prefix string) string {
	return prefix + strconv.FormatInt(time.Now().UnixNano()%1e9, 36) + strconv.FormatInt(requestSeq.Add(1), 36)
}
