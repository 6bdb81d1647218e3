package opa

import (
	"net/http"

	"github.com/credsql/credsql/internal/fetch"
)

// The Okta Privileged Access calls that change state. Every write request is built from one
// of these; Writes lists them for the docs and the tests.
var (
	CreateServiceUserRoute = fetch.WriteRoute{Vendor: fetch.OPA, Method: http.MethodPost, Path: usersPath,
		Why: "creates the user; sent again it is refused (the name exists), so a lost answer is left to a SELECT"}
	UpdateServiceUserRoute = fetch.WriteRoute{Vendor: fetch.OPA, Method: http.MethodPut, Path: userPath, Idempotent: true,
		Why: "a PUT of name and status: sent again it leaves the same user; a rename is not sent again (the old name is gone once it is applied)"}
	RotateKeyRoute = fetch.WriteRoute{Vendor: fetch.OPA, Method: http.MethodPost, Path: keysPath,
		Why: "creates a new key (and puts an expiry on the others) each time it is sent"}
	DeleteKeyRoute = fetch.WriteRoute{Vendor: fetch.OPA, Method: http.MethodDelete, Path: keysPath + "/{key_id}", Idempotent: true,
		Why: "a DELETE: sent again, it finds the key gone"}
)

// Writes is what OPA documents about its writes: a 429 comes with X-RateLimit-Retry-At, the
// time to send the request again, and the vendor's own clients sleep until then and send
// any request refused with 429 again; requests over the concurrency limit are queued, then
// refused with 429 without being run.
var Writes = fetch.VendorWrites{
	Vendor:    fetch.OPA,
	Resend429: true,
	Why429: "OPA refuses with 429 requests over its rate or concurrency limit (excess requests are queued, then refused), " +
		"says when to send again (X-RateLimit-Retry-At), and its own clients send any request refused with 429 again after that time.",
	Routes: []fetch.WriteRoute{CreateServiceUserRoute, UpdateServiceUserRoute, RotateKeyRoute, DeleteKeyRoute},
}
