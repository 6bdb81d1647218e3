package ziti

import (
	"net/http"

	"github.com/credsql/credsql/internal/fetch"
)

// The OpenZiti calls that change state. Every write request is built from one of these;
// Writes lists them for the docs and the tests.
var (
	LogoutRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodDelete, Path: sessionPath, Idempotent: true,
		Why: "a DELETE: sent again after the session ended, it is answered 401, credsql logs in again and ends the new session"}
	UpdateAuthenticatorRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodPut, Path: authPath + "/{id}",
		Why: "proves itself with the current password it may have just changed: sent again it could be refused, so a lost answer is left to a SELECT"}
	PatchAuthenticatorRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodPatch, Path: authPath + "/{id}",
		Why: "proves itself with the current password it may have just changed: sent again it could be refused, so a lost answer is left to a SELECT"}
	ExtendRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodPost, Path: authPath + "/{id}/extend",
		Why: "signs a new certificate each time it is sent"}
	ExtendVerifyRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodPost, Path: authPath + "/{id}/extend-verify",
		Why: "installs the pending certificate; sent again after it did, it is refused, so a lost answer is left to a SELECT"}

	// The admin views of the network (docs/vendors/ziti.md §7).
	DeleteAuthenticatorRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodDelete, Path: allAuthenticatorsPath + "/{id}", Idempotent: true,
		Why: "a DELETE: sent again after it was applied, the controller answers 404 and the authenticator is gone either way"}
	DeleteEnrollmentRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodDelete, Path: enrollmentsPath + "/{id}", Idempotent: true,
		Why: "a DELETE: sent again after it was applied, the controller answers 404 and the enrollment is gone either way"}
	RefreshEnrollmentRoute = fetch.WriteRoute{Vendor: fetch.Ziti, Method: http.MethodPost, Path: enrollmentsPath + "/{id}/refresh",
		Why: "issues a new enrollment JWT each time it is sent, so a lost answer is left to a SELECT"}
)

// Writes is what OpenZiti documents about its writes. Its contract names a 429
// (RATE_LIMITED, "please try again later") for the login rate limiter, with no time to wait
// for and nothing about other writes: a write refused with 429 is reported as not applied
// and not sent again by credsql.
var Writes = fetch.VendorWrites{
	Vendor: fetch.Ziti,
	Why429: "OpenZiti documents its 429 (RATE_LIMITED, \"please try again later\") for the login rate limiter only, " +
		"with no header saying when to try again; credsql reports a write refused with 429 as not applied and leaves it to the user.",
	Routes: []fetch.WriteRoute{LogoutRoute, UpdateAuthenticatorRoute, PatchAuthenticatorRoute, ExtendRoute, ExtendVerifyRoute,
		DeleteAuthenticatorRoute, DeleteEnrollmentRoute, RefreshEnrollmentRoute},
}
