package sim

import "math/rand/v2"

// Placeholders for the rest of the Okta surface (CSRs, client secrets, IdPs, IdP keys).

type oktaCSR struct{}
type oktaSecret struct{}
type oktaIdP struct{}
type oktaIdPKey struct{}

func (s *oktaState) genAppExtras(rng *rand.Rand, a *oktaApp, i int) {}
func (s *oktaState) genIdPs(rng *rand.Rand)                          {}
func (s *Server) oktaMoreRoutes(add func(method, pattern string, list bool, h handler)) {}
