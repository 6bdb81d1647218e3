// Package oparoutes is the catalog of the Okta Privileged Access endpoints credsql calls
// (docs/vendors/opa.md): every path, method, paging scheme, permission and retry rule,
// declared once.
package oparoutes

import "github.com/credsql/credsql/internal/routes"

// The path templates, relative to the connection's base URL (https://<org>.pam.okta.com).
const (
	teamPath    = "/v1/teams/{team_name}"
	tokenPath   = teamPath + "/service_token"
	usersPath   = teamPath + "/service_users"
	userPath    = usersPath + "/{user_name}"
	keysPath    = userPath + "/keys"
	keyPath     = keysPath + "/{key_id}"
	pamAdmin    = "a PAM administrator role (the API docs name access_admin; the exact OPA role is unverified)"
	credentials = "the service user's key id and secret"
)

// The endpoints. OPA counts a team's calls together: no Bucket.
var (
	IssueToken = routes.Route{Vendor: routes.OPA, Method: "POST", Path: tokenPath, Login: true, Needs: credentials,
		Doc: "exchanges the key id and secret for a bearer token"}
	ListServiceUsers = routes.Route{Vendor: routes.OPA, Method: "GET", Path: usersPath, Paging: routes.LinkHeader, Needs: pamAdmin,
		Doc: "lists the team's service users"}
	GetServiceUser = routes.Route{Vendor: routes.OPA, Method: "GET", Path: userPath, Needs: pamAdmin,
		Doc: "gets a service user by name"}
	CreateServiceUser = routes.Route{Vendor: routes.OPA, Method: "POST", Path: usersPath, Needs: pamAdmin,
		Why: "creates the user; sent again it is refused (the name exists), so a lost answer is left to a SELECT",
		Doc: "creates an active service user"}
	UpdateServiceUser = routes.Route{Vendor: routes.OPA, Method: "PUT", Path: userPath, Idempotent: true, Needs: pamAdmin,
		Why: "a PUT of name and status: sent again it leaves the same user; a rename is not sent again (the old name is gone once it is applied)",
		Doc: "sets a service user's name and status (status DELETED is the soft delete)"}
	ListKeys = routes.Route{Vendor: routes.OPA, Method: "GET", Path: keysPath, Paging: routes.OnePage, Needs: pamAdmin,
		Doc: "lists a service user's API keys, without secrets"}
	RotateKey = routes.Route{Vendor: routes.OPA, Method: "POST", Path: keysPath, Needs: pamAdmin,
		Why: "creates a new key (and puts an expiry on the others) each time it is sent",
		Doc: "creates a key, shown once with its secret, and puts an expiry on the user's other keys"}
	DeleteKey = routes.Route{Vendor: routes.OPA, Method: "DELETE", Path: keyPath, Idempotent: true, Needs: pamAdmin,
		Why: "a DELETE: sent again, it finds the key gone",
		Doc: "deletes a key; it can no longer issue tokens"}
)

// All is every OPA endpoint credsql calls.
var All = []routes.Route{IssueToken, ListServiceUsers, GetServiceUser, CreateServiceUser, UpdateServiceUser, ListKeys, RotateKey, DeleteKey}
