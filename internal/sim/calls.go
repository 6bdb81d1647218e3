package sim

import (
	"github.com/credsql/credsql/internal/routes"
	"sync"
	"time"
)

// Call is one request the simulator received.
type Call struct {
	Time   time.Time
	Vendor string // okta, ziti, opa; "" for an unknown path
	Method string
	Path   string // escaped path
	Query  string
	Route  string // "METHOD pattern": the route template matched, the entry's path under the vendor's prefix
	// Entry is the catalog entry of the route matched; zero for an unknown path or method.
	Entry  routes.Route
	Status int
	Fault  string // the fault injected instead of an answer, if any
}

func (c Call) String() string {
	s := c.Method + " " + c.Path
	if c.Query != "" {
		s += "?" + c.Query
	}
	return s
}

type callLog struct {
	mu    sync.Mutex
	calls []Call
	total int
}

// maxLogged bounds the log: the oldest calls are dropped beyond it (counts stay exact).
const maxLogged = 200000

func (l *callLog) add(c Call) {
	l.mu.Lock()
	l.total++
	if len(l.calls) >= maxLogged {
		l.calls = l.calls[len(l.calls)/2:]
	}
	l.calls = append(l.calls, c)
	l.mu.Unlock()
}

// Calls returns the requests received since the last Reset, oldest first.
func (s *Server) Calls() []Call {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]Call(nil), s.log.calls...)
}

// CallCount returns how many requests arrived since the last Reset.
func (s *Server) CallCount() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.total
}

// Count returns how many requests since the last Reset the simulator served as the catalog
// entry e (oktaroutes.ListApps, ...).
func (s *Server) Count(e routes.Route) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Entry == e {
			n++
		}
	}
	return n
}

// CountMethod returns how many requests since the last Reset used the HTTP method, whatever
// their route ("DELETE").
func (s *Server) CountMethod(method string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Method == method {
			n++
		}
	}
	return n
}

// CountAll returns, for each catalog entry the simulator served since the last Reset, how
// many requests it served.
func (s *Server) CountAll() map[routes.Route]int {
	out := map[routes.Route]int{}
	for _, c := range s.Calls() {
		if c.Entry != (routes.Route{}) {
			out[c.Entry]++
		}
	}
	return out
}

// ResetCalls clears the request log.
func (s *Server) ResetCalls() {
	s.log.mu.Lock()
	s.log.calls, s.log.total = nil, 0
	s.log.mu.Unlock()
}

// InFlight returns how many requests are being served now.
func (s *Server) InFlight() int { return int(s.inflight.Load()) }
