package sim

import (
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/routes"
)

// FaultKind is a way a request can fail.
type FaultKind int

// Fault kinds.
const (
	Fault5xx       FaultKind = iota + 1 // 500 (Okta E0000009) / 503 with the vendor's error body
	FaultReset                          // the connection is closed without an answer
	FaultTimeout                        // no answer until the client gives up
	FaultMalformed                      // 200 with a truncated, undecodable JSON body
	Fault429                            // 429 with the vendor's rate-limit headers
	FaultStatus                         // Injection.Status with the vendor's error body
	FaultBody                           // Injection.Body as a 200 answer (a huge or deeply nested document)
	// FaultGateway is a proxy in front of the vendor answering 502 Bad Gateway with its own
	// HTML page: no vendor error body, no vendor request id.
	FaultGateway
)

func (k FaultKind) String() string {
	switch k {
	case Fault5xx:
		return "5xx"
	case FaultReset:
		return "reset"
	case FaultTimeout:
		return "timeout"
	case FaultMalformed:
		return "malformed"
	case Fault429:
		return "429"
	case FaultStatus:
		return "status"
	case FaultBody:
		return "body"
	case FaultGateway:
		return "gateway"
	}
	return "none"
}

// Faults inject random failures into reads (GET requests).
type Faults struct {
	// Rate is the probability that a GET fails (0 = never).
	Rate float64
	// Kinds to choose from (all of 5xx, reset, timeout, malformed when empty).
	Kinds []FaultKind
	Seed  int64
	// Stall is how long a timeout fault holds the request (30s); the client's own
	// timeout should end it sooner.
	Stall time.Duration
	// OnStall, when set, is called as a timeout fault starts holding a request: a test ends
	// the client's attempt there (its timeout, on the event rather than the wall clock).
	OnStall func(*http.Request)
}

// Injection is a scripted fault for the next Count matching requests.
type Injection struct {
	Method string // "" = any
	Route  string // route template (as Call.Route: "METHOD pattern"); "" = any
	// Entry, when set, is the catalog entry of the requests to fault (oktaroutes.ListApps):
	// the typed form of Route.
	Entry  routes.Route
	Vendor string // "" = any
	Kind   FaultKind
	Status int // for FaultStatus and Fault5xx (default 500)
	Count  int // how many requests (default 1)
	// Apply performs the request before failing the answer: the write happens, the client
	// cannot know it did. With FaultReset it is "apply, then reset", with Fault5xx or
	// FaultGateway "apply, then 5xx", with FaultTimeout "apply, then hang past the client's
	// timeout". A Fault429 is never applied: a rate limiter refuses before any work.
	Apply bool
	// RetryAfter for Fault429: when the window resets (default 1s; negative: it already has).
	RetryAfter time.Duration
	// Body writes the answer of a FaultBody fault (status Status, default 200).
	Body func(w io.Writer)
}

func (f Injection) statusCode() int {
	switch f.Kind {
	case Fault5xx, FaultStatus:
		if f.Status != 0 {
			return f.Status
		}
		return http.StatusInternalServerError
	case Fault429:
		return http.StatusTooManyRequests
	case FaultMalformed:
		return http.StatusOK
	case FaultBody:
		if f.Status != 0 {
			return f.Status
		}
		return http.StatusOK
	case FaultGateway:
		return http.StatusBadGateway
	}
	return 0
}

type faultState struct {
	mu        sync.Mutex
	random    Faults
	rng       *rand.Rand
	scripted  []*Injection
	triggered map[FaultKind]int
}

func newFaultState(f Faults) *faultState {
	if len(f.Kinds) == 0 {
		f.Kinds = []FaultKind{Fault5xx, FaultReset, FaultTimeout, FaultMalformed}
	}
	if f.Stall == 0 {
		f.Stall = 30 * time.Second
	}
	return &faultState{random: f, rng: rand.New(rand.NewPCG(uint64(f.Seed), 0xfa017)), triggered: map[FaultKind]int{}}
}

// Inject scripts a fault.
func (s *Server) Inject(f Injection) {
	if f.Count == 0 {
		f.Count = 1
	}
	s.faults.mu.Lock()
	s.faults.scripted = append(s.faults.scripted, &f)
	s.faults.mu.Unlock()
}

// SetFaults replaces the random read faults.
func (s *Server) SetFaults(f Faults) {
	n := newFaultState(f)
	s.faults.mu.Lock()
	s.faults.random, s.faults.rng = n.random, n.rng
	s.faults.mu.Unlock()
}

// FaultsTriggered returns how many faults of each kind were injected.
func (s *Server) FaultsTriggered() map[FaultKind]int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	out := map[FaultKind]int{}
	for k, v := range s.faults.triggered {
		out[k] = v
	}
	return out
}

func (fs *faultState) pick(method, route string, entry routes.Route, vendor string) (Injection, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.scripted {
		if (f.Method == "" || f.Method == method) && (f.Route == "" || f.Route == route) && (f.Entry == routes.Route{} || f.Entry == entry) &&
			(f.Vendor == "" || f.Vendor == vendor) {
			f.Count--
			if f.Count <= 0 {
				fs.scripted = append(fs.scripted[:i], fs.scripted[i+1:]...)
			}
			fs.triggered[f.Kind]++
			return *f, true
		}
	}
	// Logins are not faulted at random: a login fault is a different test.
	if method != http.MethodGet || fs.random.Rate <= 0 || strings.Contains(route, "authenticate") {
		return Injection{}, false
	}
	if fs.rng.Float64() >= fs.random.Rate {
		return Injection{}, false
	}
	k := fs.random.Kinds[fs.rng.IntN(len(fs.random.Kinds))]
	fs.triggered[k]++
	status := 0
	if k == Fault5xx {
		status = []int{500, 502, 503}[fs.rng.IntN(3)]
	}
	return Injection{Kind: k, Status: status}, true
}

// fail answers with the injected fault.
func (s *Server) fail(w *recorder, r *http.Request, vendor string, f Injection) {
	switch f.Kind {
	case FaultReset:
		if hj, ok := w.ResponseWriter.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
					_ = tc.SetLinger(0) // RST, not FIN
				}
				_ = conn.Close()
				w.status = 0
				return
			}
		}
		panic(http.ErrAbortHandler)
	case FaultTimeout:
		s.faults.mu.Lock()
		stall, onStall := s.faults.random.Stall, s.faults.random.OnStall
		s.faults.mu.Unlock()
		if onStall != nil {
			onStall(r)
		}
		sleepCtx(r.Context(), stall)
		w.status = 0
		return
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`[{"id": "0oa`))
		return
	case FaultBody:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.statusCode())
		if f.Body != nil {
			f.Body(w)
		}
		return
	case FaultGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n"))
		return
	case Fault429:
		retry := f.RetryAfter
		if retry == 0 {
			retry = time.Second
		}
		s.writeRateLimited(w, vendor, time.Now().Add(retry))
		return
	}
	s.writeVendorError(w, vendor, f.statusCode())
}

// writeVendorError writes a generic error of the given status in the vendor's format.
func (s *Server) writeVendorError(w http.ResponseWriter, vendor string, status int) {
	switch vendor {
	case "ziti":
		zitiError(w, status, zitiCodeFor(status), nil)
	case "opa":
		opaError(w, status, opaTypeFor(status), http.StatusText(status))
	default:
		code, summary := "E0000009", "Internal Server Error"
		if status == http.StatusServiceUnavailable {
			code, summary = "E0000010", "Service is in read only mode"
		}
		oktaError(w, status, code, summary)
	}
}
