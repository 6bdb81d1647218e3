package fetch

import (
	"net/http"
	"net/url"

	"github.com/credsql/credsql/internal/routes"
)

// Request is one API call. Op is the route template shown in errors and logs; Path is the
// expanded path (see Path) or URL an absolute URL taken from a pagination link.
type Request struct {
	Method string
	Op     string // the catalog entry's Op, "METHOD /path/{param}"
	// Bucket is the rate-limit bucket of the route (routes.Route.Bucket); "" counts the call
	// in the bucket its Op names.
	Bucket string
	Path   string // relative to the connection's base URL
	URL    string // absolute URL, e.g. a Link rel="next" target; wins over Path
	Query  url.Values
	Header http.Header
	// Body is JSON-encoded unless RawBody is set; RawBody is sent with ContentType.
	Body        any
	RawBody     []byte
	ContentType string
	// Into receives the decoded JSON body of a 2xx response. A body that does not decode
	// fails the attempt, so reads retry it like a 5xx.
	Into any
	// NoAuth skips the connection's credential (login calls).
	NoAuth bool
	// Login marks a credential exchange (OPA's service token, OpenZiti's login): it
	// changes nothing at the vendor, so it is retried like a read, but its answer is never
	// cached, memoized or audited and it never clears the connection's caches.
	Login bool
	// Secrets are values in this request (a password, a client secret) that must never
	// appear in an error or a log line, in addition to the connection's own credentials.
	Secrets []string
	// NoStore keeps the response out of the cross-query cache (bodies holding secrets).
	NoStore bool
	// Idempotent marks a write that may be sent again after its answer was lost (see
	// WriteRoute.Idempotent). Requests built from a WriteRoute carry the route's value.
	Idempotent bool
	// Fresh reads the vendor's current state: neither the cache nor the query's memo answers
	// it or keeps its answer (the read-modify-write of a replacing PUT, its conflict check).
	Fresh bool
}

// Mutating reports whether the request changes vendor state. A login does not.
func (r *Request) Mutating() bool {
	if r.Login {
		return false
	}
	switch r.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// Path expands a route template with args in order (routes.Expand): every argument becomes
// exactly one path segment.
func Path(template string, args ...string) string { return routes.Expand(template, args...) }

// Segment escapes s as a single URL path segment.
func Segment(s string) string { return routes.Segment(s) }

// Check is the outcome of one access probe: the cheapest call that needs a permission.
type Check struct {
	Op     string // route template of the call
	Needs  string // what the call needs: an OAuth scope, a role, a credential
	Err    error  // nil when the call succeeded
	Detail string // what a successful probe showed (the identity logged in as, the team)
}
