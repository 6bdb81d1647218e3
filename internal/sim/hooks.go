package sim

import (
	"slices"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/routes"
)

// hooks run test code at a chosen point of a conversation: before the n-th matching request
// is served, so that a test can change state between two calls of one statement (a
// concurrent edit) without sleeping.
type hooks struct {
	mu   sync.Mutex
	list []*hook
}

type hook struct {
	entries []routes.Route
	left    int
	f       func()
}

// BeforeCall runs f once, just before the n-th request from now served as one of the
// catalog entries (as Count counts them), or the n-th request of any route when none is given.
func (s *Server) BeforeCall(n int, f func(), entries ...routes.Route) {
	s.hooks.mu.Lock()
	s.hooks.list = append(s.hooks.list, &hook{entries: entries, left: n, f: f})
	s.hooks.mu.Unlock()
}

func (s *Server) runHooks(c Call) {
	s.hooks.mu.Lock()
	var run []func()
	keep := s.hooks.list[:0]
	for _, h := range s.hooks.list {
		if len(h.entries) == 0 || slices.Contains(h.entries, c.Entry) {
			h.left--
			if h.left == 0 {
				run = append(run, h.f)
				continue
			}
		}
		keep = append(keep, h)
	}
	s.hooks.list = keep
	s.hooks.mu.Unlock()
	for _, f := range run {
		f()
	}
}

// TouchApp changes an app as another administrator would (its lastUpdated moves on; its
// label gets a suffix), to test guards against concurrent edits.
func (s *Server) TouchApp(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.okta.appByID[id]; a != nil {
		a.LastUpdated = a.LastUpdated.Add(time.Second)
		a.Label += " (edited)"
		if a.doc != nil {
			a.doc["label"] = a.Label
		}
	}
}

// TouchIdP changes an IdP as another administrator would (its lastUpdated moves on).
func (s *Server) TouchIdP(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.okta.idpByID(id); p != nil {
		p.LastUpdated = p.LastUpdated.Add(time.Second)
	}
}

// ZitiSessionCount returns how many OpenZiti API sessions are open (not logged out, not
// expired by ExpireZitiSessions).
func (s *Server) ZitiSessionCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ziti.sessions)
}
