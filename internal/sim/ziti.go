package sim

import (
	"math/rand/v2"
	"net/http"
)

// zitiState is the OpenZiti controller: the current identity, its authenticators and API
// sessions.
type zitiState struct{}

func newZitiState(o *Options, rng *rand.Rand) *zitiState { return &zitiState{} }

func (s *Server) zitiRoutes(rt *router) {}

func (s *Server) serveZiti(w *recorder, r *http.Request, rt *route, p params) { rt.h(w, r, p) }

// zitiError writes OpenZiti's error envelope (shared/api/ziti.md §4.3).
func zitiError(w http.ResponseWriter, status int, code string, cause map[string]any) {
	e := map[string]any{"code": code, "message": zitiMessages[code], "requestId": requestID("")}
	if cause != nil {
		e["cause"] = cause
	}
	writeJSON(w, status, map[string]any{"error": e, "meta": map[string]any{"apiEnrollmentVersion": "0.0.1", "apiVersion": "0.0.1"}})
}

var zitiMessages = map[string]string{
	"COULD_NOT_VALIDATE":           "The supplied request contains an invalid document or no valid accept content were available, see cause",
	"INVALID_FILTER":               "The filter query supplied is invalid",
	"INVALID_PAGINATION":           "The pagination properties provided are invalid",
	"INVALID_AUTH_METHOD":          "The supplied authentication method is not valid",
	"UNAUTHORIZED":                 "The request could not be completed. The session is not authorized or the credentials are invalid",
	"INVALID_AUTH":                 "The authentication request failed",
	"NOT_FOUND":                    "The resource requested was not found or is no longer available",
	"CAN_NOT_UPDATE_AUTHENTICATOR": "The authenticator cannot be updated in this fashion",
	"RATE_LIMITED":                 "The requested operation is rate limited and the rate limit has been exceeded. Please try again later",
	"UNHANDLED":                    "An unhandled error occurred",
}

func zitiCodeFor(status int) string {
	switch status {
	case 400:
		return "COULD_NOT_VALIDATE"
	case 401:
		return "UNAUTHORIZED"
	case 404:
		return "NOT_FOUND"
	case 429:
		return "RATE_LIMITED"
	}
	return "UNHANDLED"
}
