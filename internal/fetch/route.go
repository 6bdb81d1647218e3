package fetch

// WriteRoute is one vendor endpoint that changes state. Each vendor package declares its
// write routes once (writes.go) and builds every write request from them, so that retries,
// the table definitions, the generated docs and the tests read the same declaration.
type WriteRoute struct {
	Vendor Vendor
	Method string
	// Path is the template relative to the connection's base URL, with one {name} per
	// path argument ("/api/v1/apps/{appId}/credentials/secrets").
	Path string
	// Idempotent is set when sending the request again leaves the vendor as one send does:
	// a PUT of a whole object, a DELETE, a change to a named state. Such a write is sent
	// again when its answer is lost (a reset, a timeout, a 5xx); a DELETE that then finds
	// the object gone has done its job. Any other write (a create, a generate, a rotate, a
	// password change) is never sent twice: a lost answer is an unknown outcome.
	Idempotent bool
	// Why says, for the docs, what the call does and why it may or may not be sent again.
	Why string
}

// Op is the route template of errors, logs and the audit log: "POST /api/v1/apps/{appId}/...".
func (r WriteRoute) Op() string { return r.Method + " " + r.Path }

// Request is the route's request with args expanded into the path, in order (see Path).
func (r WriteRoute) Request(args ...string) *Request {
	return &Request{Method: r.Method, Op: r.Op(), Path: Path(r.Path, args...), Idempotent: r.Idempotent}
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
