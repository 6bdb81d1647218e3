package okta

import (
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Writes is what Okta documents about its writes. A 429 is Okta's rate limiter refusing a
// request before any processing: the reset time comes in X-Rate-Limit-Reset, and Okta's own
// SDK sends any request refused with 429 again after that time, writes included, marking
// the retry with X-Okta-Retry-For. The routes are the catalog's writes (oktaroutes).
var Writes = fetch.VendorWrites{
	Vendor:    fetch.Okta,
	Resend429: true,
	Why429: "Okta's rate limiter refuses a request before processing it, says when the window resets (X-Rate-Limit-Reset), " +
		"and Okta's own SDK sends any request refused with 429 again after the reset, writes included.",
	Routes: routes.Writes(oktaroutes.All),
}
