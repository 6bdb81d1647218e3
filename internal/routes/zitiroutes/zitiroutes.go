// Package zitiroutes is the catalog of the OpenZiti management API endpoints credsql calls
// (docs/vendors/ziti.md): every path, method, paging scheme, permission and retry rule,
// declared once. Paths are relative to the controller's management API base URL
// (https://<controller>/edge/management/v1).
package zitiroutes

import "github.com/credsql/credsql/internal/routes"

// The path templates.
const (
	authenticatePath   = "/authenticate"
	sessionPath        = "/current-api-session"
	myAuthsPath        = "/current-identity/authenticators"
	myAuthPath         = myAuthsPath + "/{id}"
	identitiesPath     = "/identities"
	identityPath       = identitiesPath + "/{id}"
	identityAuthsPath  = identityPath + "/authenticators"
	allAuthsPath       = "/authenticators"
	anyAuthPath        = allAuthsPath + "/{id}"
	enrollmentsPath    = "/enrollments"
	enrollmentPath     = enrollmentsPath + "/{id}"
	enrollmentRefresh  = enrollmentPath + "/refresh"
	myAuthExtend       = myAuthPath + "/extend"
	myAuthExtendVerify = myAuthPath + "/extend-verify"
)

// The permissions. OpenZiti has no scopes: the self-service calls (the current API session,
// the current identity's authenticators) need only a session of the identity; the views of the whole network
// need an administrator identity ("Requires admin access").
const (
	Credential = "a credential the controller accepts (password, client certificate or session token)"
	Self       = "an API session of the identity (any identity, for its own objects)"
	Admin      = "an administrator identity (isAdmin)"
)

// The endpoints. OpenZiti documents no per-endpoint rate limits: no Bucket.
var (
	Authenticate = routes.Route{Vendor: routes.Ziti, Method: "POST", Path: authenticatePath, Login: true, Needs: Credential,
		Doc: "logs in (method=password or cert) and returns an API session token"}
	CurrentSession = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: sessionPath, Needs: Self,
		Doc: "gets the connection's API session"}
	Logout = routes.Route{Vendor: routes.Ziti, Method: "DELETE", Path: sessionPath, Idempotent: true, Needs: Self,
		Why: "a DELETE: sent again after the session ended, it is answered 401, credsql logs in again and ends the new session",
		Doc: "ends the connection's API session"}
	ListMyAuthenticators = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: myAuthsPath, Paging: routes.LimitOffset, Needs: Self,
		Doc: "lists the identity's own authenticators"}
	GetMyAuthenticator = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: myAuthPath, Needs: Self,
		Doc: "gets one of the identity's own authenticators"}
	UpdateAuthenticator = routes.Route{Vendor: routes.Ziti, Method: "PUT", Path: myAuthPath, Needs: Self,
		Why: "proves itself with the current password it may have just changed: sent again it could be refused, so a lost answer is left to a SELECT",
		Doc: "replaces the identity's own password authenticator (username and password)"}
	PatchAuthenticator = routes.Route{Vendor: routes.Ziti, Method: "PATCH", Path: myAuthPath, Needs: Self,
		Why: "proves itself with the current password it may have just changed: sent again it could be refused, so a lost answer is left to a SELECT",
		Doc: "changes the identity's own password"}
	Extend = routes.Route{Vendor: routes.Ziti, Method: "POST", Path: myAuthExtend, Needs: Self + ", logged in with the certificate",
		Why: "signs a new certificate each time it is sent",
		Doc: "signs a new client certificate for the identity's own cert authenticator"}
	ExtendVerify = routes.Route{Vendor: routes.Ziti, Method: "POST", Path: myAuthExtendVerify, Needs: Self + ", logged in with the certificate",
		Why: "installs the pending certificate; sent again after it did, it is refused, so a lost answer is left to a SELECT",
		Doc: "installs the certificate an extend signed"}

	ListIdentities = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: identitiesPath, Paging: routes.LimitOffset, Needs: Admin,
		Doc: "lists the identities of the network"}
	GetIdentity = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: identityPath, Needs: Admin,
		Doc: "gets an identity"}
	ListIdentityAuthenticators = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: identityAuthsPath, Paging: routes.OnePage, Needs: Admin,
		Doc: "lists one identity's authenticators"}
	ListAuthenticators = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: allAuthsPath, Paging: routes.LimitOffset, Needs: Admin,
		Doc: "lists every authenticator of the network"}
	GetAuthenticator = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: anyAuthPath, Needs: Admin,
		Doc: "gets any authenticator"}
	DeleteAuthenticator = routes.Route{Vendor: routes.Ziti, Method: "DELETE", Path: anyAuthPath, Idempotent: true, Needs: Admin,
		Why: "a DELETE: sent again after it was applied, the controller answers 404 and the authenticator is gone either way",
		Doc: "deletes an authenticator; the identity can no longer log in with it"}
	ListEnrollments = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: enrollmentsPath, Paging: routes.LimitOffset, Needs: Admin,
		Doc: "lists the pending enrollments of the network"}
	GetEnrollment = routes.Route{Vendor: routes.Ziti, Method: "GET", Path: enrollmentPath, Needs: Admin,
		Doc: "gets an enrollment"}
	DeleteEnrollment = routes.Route{Vendor: routes.Ziti, Method: "DELETE", Path: enrollmentPath, Idempotent: true, Needs: Admin,
		Why: "a DELETE: sent again after it was applied, the controller answers 404 and the enrollment is gone either way",
		Doc: "deletes an enrollment; its token can no longer enroll"}
	RefreshEnrollment = routes.Route{Vendor: routes.Ziti, Method: "POST", Path: enrollmentRefresh, Needs: Admin,
		Why: "issues a new enrollment JWT each time it is sent, so a lost answer is left to a SELECT",
		Doc: "issues a new enrollment token with a new expiry"}
)

// All is every OpenZiti endpoint credsql calls.
var All = []routes.Route{
	Authenticate, CurrentSession, Logout,
	ListMyAuthenticators, GetMyAuthenticator, UpdateAuthenticator, PatchAuthenticator, Extend, ExtendVerify,
	ListIdentities, GetIdentity, ListIdentityAuthenticators, ListAuthenticators, GetAuthenticator, DeleteAuthenticator,
	ListEnrollments, GetEnrollment, DeleteEnrollment, RefreshEnrollment,
}
