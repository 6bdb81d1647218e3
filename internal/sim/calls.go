package sim

import (
	"strings"
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
	Route  string // "GET /api/v1/apps/{appId}": the route template matched
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

// Count returns how many requests since the last Reset matched every given filter: a route
// template ("GET /api/v1/apps/{appId}"), a method ("DELETE"), or a vendor ("okta").
func (s *Server) Count(filters ...string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.matches(filters) {
			n++
		}
	}
	return n
}

func (c Call) matches(filters []string) bool {
	for _, f := range filters {
		switch {
		case strings.Contains(f, " "):
			if c.Route != f {
				return false
			}
		case f == c.Vendor || f == c.Method:
		default:
			return false
		}
	}
	return true
}

// ResetCalls clears the request log.
func (s *Server) ResetCalls() {
	s.log.mu.Lock()
	s.log.calls, s.log.total = nil, 0
	s.log.mu.Unlock()
}

// InFlight returns how many requests are being served now.
func (s *Server) InFlight() int { return int(s.inflight.Load()) }
