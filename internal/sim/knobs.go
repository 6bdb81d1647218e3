package sim

// SetOPARateLimit changes the OPA calls allowed per window and enforces it (0: unlimited,
// the rate-limit headers still sent with a limit of 10000).
func (s *Server) SetOPARateLimit(n int) {
	s.omu.Lock()
	s.opts.OPARateLimit = n
	s.omu.Unlock()
	s.limits.mu.Lock()
	delete(s.limits.buckets, "opa")
	s.limits.mu.Unlock()
}

// SetConcurrencyLimit changes how many Okta calls are processed at once (0: no limit); calls
// over it are answered with Okta's concurrency 429.
func (s *Server) SetConcurrencyLimit(n int) {
	s.omu.Lock()
	s.opts.ConcurrencyLimit = n
	s.omu.Unlock()
}
