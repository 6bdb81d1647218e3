package sim

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/credsql/credsql/internal/routes"
)

// RouteOf returns the route template ("METHOD pattern": the catalog entry's Op, its path under the vendor's prefix) a
// request with method and escaped path would be served by, or "" when none matches: tests
// pick the requests to fault with it, in the simulator's own terms.
func (s *Server) RouteOf(method, escapedPath string) string {
	r, err := http.NewRequest(method, "http://sim"+escapedPath, nil)
	if err != nil {
		return ""
	}
	rt, _ := s.router.match(r)
	for _, known := range s.router.routes {
		if rt == known { // not the 405 answer to a known path with another method
			return rt.method + " " + rt.pattern
		}
	}
	return ""
}

// EntryOf returns the catalog entry a request with method and escaped path would be served
// as, or the zero Route when none matches.
func (s *Server) EntryOf(method, escapedPath string) routes.Route {
	r, err := http.NewRequest(method, "http://sim"+escapedPath, nil)
	if err != nil {
		return routes.Route{}
	}
	rt, _ := s.router.match(r)
	if rt == nil {
		return routes.Route{}
	}
	return rt.entry
}

// Entries returns every catalog entry the simulator serves, in registration order.
func (s *Server) Entries() []routes.Route {
	out := make([]routes.Route, len(s.router.routes))
	for i, rt := range s.router.routes {
		out[i] = rt.entry
	}
	return out
}

// ZitiSessions returns how many OpenZiti API sessions are open (logged in, not logged out).
func (s *Server) ZitiSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ziti.sessions)
}

// WaitIdle returns once no request is being served (every request received is in Calls), or
// with ctx's error. A request the client gave up on (a timeout fault) is served until the
// simulator notices the client has gone.
func (s *Server) WaitIdle(ctx context.Context) error {
	for {
		s.idle.mu.Lock()
		if s.inflight.Load() == 0 {
			s.idle.mu.Unlock()
			return nil
		}
		if s.idle.ch == nil {
			s.idle.ch = make(chan struct{})
		}
		ch := s.idle.ch
		s.idle.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// idleWaiters wakes WaitIdle when the last request in flight ends.
type idleWaiters struct {
	mu sync.Mutex
	ch chan struct{}
}

func (w *idleWaiters) signal(inflight *atomic.Int64) {
	w.mu.Lock()
	if inflight.Load() == 0 && w.ch != nil {
		close(w.ch)
		w.ch = nil
	}
	w.mu.Unlock()
}

// ZitiCertificatesSigned returns how many client certificates the OpenZiti controller has
// signed for extensions: each extend that was applied signs one.
func (s *Server) ZitiCertificatesSigned() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int(s.ziti.serial - zitiFirstSerial)
}
