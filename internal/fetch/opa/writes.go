package opa

import (
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// Writes is what OPA documents about its writes: a 429 comes with X-RateLimit-Retry-At, the
// time to send the request again, and the vendor's own clients sleep until then and send
// any request refused with 429 again; requests over the concurrency limit are queued, then
// refused with 429 without being run. The routes are the catalog's writes (oparoutes).
var Writes = fetch.VendorWrites{
	Vendor:    fetch.OPA,
	Resend429: true,
	Why429: "OPA refuses with 429 requests over its rate or concurrency limit (excess requests are queued, then refused), " +
		"says when to send again (X-RateLimit-Retry-At), and its own clients send any request refused with 429 again after that time.",
	Routes: routes.Writes(oparoutes.All),
}
