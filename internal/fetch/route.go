package fetch

import "github.com/credsql/credsql/internal/routes"

// WriteRoute is one vendor endpoint that changes state: an entry of the vendor's route
// catalog (internal/routes/<vendor>routes), which declares its method, path, permission and
// whether it may be sent again (Idempotent, Why).
type WriteRoute = routes.Route

// NewRequest is the request of route r with args expanded into its path, in order: its
// method, its template as Op, its rate-limit bucket, and its retry rule (Idempotent).
func NewRequest(r routes.Route, args ...string) *Request {
	return &Request{Method: r.Method, Op: r.Op(), Path: r.Expand(args...), Bucket: r.Bucket, Idempotent: r.Idempotent, Login: r.Login}
}

// VendorWrites is what one vendor's contract says about its writes: every route that
// changes state, and what a 429 answer to a write means.
type VendorWrites struct {
	Vendor Vendor
	// Resend429 is set when the vendor documents that a request refused with 429 was not
	// acted on and says when to send it again: a write is then waited out and sent again,
	// as a read is. Otherwise a write refused with 429 is reported as not applied and is
	// left for the user to run again.
	Resend429 bool
	// Why429 says, for the docs, what the vendor documents about a 429.
	Why429 string
	// Routes are the catalog's routes that change state (routes.Writes).
	Routes []WriteRoute
}

// Route returns the write route of op ("POST /api/v1/..."), if the vendor declares one.
func (w VendorWrites) Route(op string) (WriteRoute, bool) {
	for _, r := range w.Routes {
		if r.Op() == op {
			return r, true
		}
	}
	return WriteRoute{}, false
}
