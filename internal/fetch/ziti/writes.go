package ziti

import (
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// Writes is what OpenZiti documents about its writes. Its contract names a 429
// (RATE_LIMITED, "please try again later") for the login rate limiter, with no time to wait
// for and nothing about other writes: a write refused with 429 is reported as not applied
// and not sent again by credsql. The routes are the catalog's writes (zitiroutes).
var Writes = fetch.VendorWrites{
	Vendor: fetch.Ziti,
	Why429: "OpenZiti documents its 429 (RATE_LIMITED, \"please try again later\") for the login rate limiter only, " +
		"with no header saying when to try again; credsql reports a write refused with 429 as not applied and leaves it to the user.",
	Routes: routes.Writes(zitiroutes.All),
}
