package sim

import (
	"math/rand/v2"
	"net/http"
)

// opaState is the Okta Privileged Access team: service users and their API keys, and the
// bearer tokens issued to credsql.
type opaState struct{}

func newOPAState(o *Options, rng *rand.Rand) *opaState { return &opaState{} }

func (s *Server) opaRoutes(rt *router) {}

func (s *Server) serveOPA(w *recorder, r *http.Request, rt *route, p params) { rt.h(w, r, p) }

// opaError writes OPA's error body. Its shape is unverified (shared/api/opa.md §4.2); the
// simulator sends the most likely one: the error name in `type`, the status in `code` and a
// human-readable `message`.
func opaError(w http.ResponseWriter, status int, typ, message string) {
	writeJSON(w, status, map[string]any{"type": typ, "code": status, "message": message})
}

func opaTypeFor(status int) string {
	switch status {
	case 400:
		return "invalid_request"
	case 401:
		return "authentication_error"
	case 403:
		return "forbidden_error"
	case 404:
		return "resource_does_not_exist"
	case 409:
		return "resource_already_exists"
	case 429:
		return "too_many_requests"
	case 503:
		return "service_offline"
	case 504:
		return "gateway_timeout"
	}
	return "unknown_error"
}
