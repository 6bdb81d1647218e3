// Package oktaroutes is the catalog of the Okta management API endpoints credsql calls
// (docs/vendors/okta.md): every path, method, paging scheme, rate-limit bucket, OAuth scope
// and retry rule, declared once. With an API token (SSWS) instead of OAuth, the token's admin
// role must grant what the scope names.
package oktaroutes

import "github.com/credsql/credsql/internal/routes"

// The path templates, relative to the org URL.
const (
	appsPath          = "/api/v1/apps"
	appPath           = appsPath + "/{appId}"
	appKeysPath       = appPath + "/credentials/keys"
	appKeyPath        = appKeysPath + "/{keyId}"
	appKeyGenerate    = appKeysPath + "/generate"
	appKeyClone       = appKeyPath + "/clone"
	appCSRsPath       = appPath + "/credentials/csrs"
	appCSRPath        = appCSRsPath + "/{csrId}"
	appCSRPublish     = appCSRPath + "/lifecycle/publish"
	secretsPath       = appPath + "/credentials/secrets"
	secretPath        = secretsPath + "/{secretId}"
	secretActivate    = secretPath + "/lifecycle/activate"
	secretDeactivate  = secretPath + "/lifecycle/deactivate"
	idpsPath          = "/api/v1/idps"
	idpPath           = idpsPath + "/{idpId}"
	idpKeysPath       = idpsPath + "/credentials/keys"
	idpKeyPath        = idpKeysPath + "/{kid}"
	idpCSRsPath       = idpPath + "/credentials/csrs"
	idpCSRPath        = idpCSRsPath + "/{idpCsrId}"
	idpCSRPublish     = idpCSRPath + "/lifecycle/publish"
	idpSigningKeys    = idpPath + "/credentials/keys"
	idpSigningKey     = idpSigningKeys + "/{kid}"
	idpSigningKeyGen  = idpSigningKeys + "/generate"
	idpSigningKeyCopy = idpSigningKey + "/clone"
	authzServersPath  = "/api/v1/authorizationServers"
	authzServerPath   = authzServersPath + "/{authServerId}"
	authzKeysPath     = authzServerPath + "/credentials/keys"
	authzKeyPath      = authzKeysPath + "/{keyId}"
	authzKeyRotate    = authzServerPath + "/credentials/lifecycle/keyRotate"
	apiTokensPath     = "/api/v1/api-tokens"
	apiTokenPath      = apiTokensPath + "/{apiTokenId}"
	apiTokenCurrent   = apiTokensPath + "/current"
)

// The rate-limit buckets credsql counts calls in: one per endpoint family, and a get of one
// object by id in a bucket of its own (okta.md §2.4: the apps family and the larger get of
// one app by id are different buckets). Each bucket's window is learnt from the
// headers of its own answers.
const (
	AppsBucket         = appsPath
	AppBucket          = appsPath + "/{id}"
	IdPsBucket         = idpsPath
	IdPBucket          = idpsPath + "/{id}"
	AuthzServersBucket = authzServersPath
	AuthzServerBucket  = authzServersPath + "/{id}"
	APITokensBucket    = apiTokensPath
	APITokenBucket     = apiTokensPath + "/{id}"
)

// The OAuth scopes.
const (
	AppsRead          = "okta.apps.read"
	AppsManage        = "okta.apps.manage"
	IdPsRead          = "okta.idps.read"
	IdPsManage        = "okta.idps.manage"
	AuthzServersRead  = "okta.authorizationServers.read"
	AuthzServerManage = "okta.authorizationServers.manage"
	APITokensRead     = "okta.apiTokens.read"
	APITokensManage   = "okta.apiTokens.manage"
)

func read(path string, paging routes.Paging, bucket, scope, doc string) routes.Route {
	return routes.Route{Vendor: routes.Okta, Method: "GET", Path: path, Paging: paging, Bucket: bucket, Needs: scope, Doc: doc}
}

func write(method, path string, idempotent bool, bucket, scope, doc, why string) routes.Route {
	return routes.Route{Vendor: routes.Okta, Method: method, Path: path, Idempotent: idempotent, Bucket: bucket, Needs: scope, Doc: doc, Why: why}
}

// Applications and their key credentials, CSRs and client secrets.
var (
	ListApps   = read(appsPath, routes.LinkHeader, AppsBucket, AppsRead, "lists applications")
	GetApp     = read(appPath, routes.NoPages, AppBucket, AppsRead, "gets an application whole")
	ReplaceApp = write("PUT", appPath, true, AppBucket, AppsManage, "replaces an application whole",
		"a PUT of the whole application as read just before: sent again, it leaves the same object")

	ListAppKeys    = read(appKeysPath, routes.OnePage, AppsBucket, AppsRead, "lists an application's key credentials")
	GetAppKey      = read(appKeyPath, routes.NoPages, AppsBucket, AppsRead, "gets one key credential of an application")
	GenerateAppKey = write("POST", appKeyGenerate, false, AppsBucket, AppsManage, "generates a new key credential (validityYears=N)",
		"generates a new key credential each time it is sent")
	CloneAppKey = write("POST", appKeyClone, false, AppsBucket, AppsManage, "copies a key credential to another application (targetAid=...)",
		"copies the key to the target app; a second copy is refused as a duplicate, so a lost answer is left to a SELECT")

	ListAppCSRs    = read(appCSRsPath, routes.OnePage, AppsBucket, AppsRead, "lists an application's certificate signing requests")
	GetAppCSR      = read(appCSRPath, routes.NoPages, AppsBucket, AppsRead, "gets one CSR of an application")
	GenerateAppCSR = write("POST", appCSRsPath, false, AppsBucket, AppsManage, "generates a key pair and a CSR",
		"generates a new key pair and CSR each time it is sent")
	RevokeAppCSR = write("DELETE", appCSRPath, true, AppsBucket, AppsManage, "revokes a CSR and deletes its key pair",
		"a DELETE: sent again, it finds the CSR gone")
	PublishAppCSR = write("POST", appCSRPublish, false, AppsBucket, AppsManage, "publishes the signed certificate of a CSR as a key credential",
		"turns the CSR into a key credential and removes the CSR; sent again it would be refused, so a lost answer is left to a SELECT")

	ListClientSecrets  = read(secretsPath, routes.OnePage, AppsBucket, AppsRead, "lists an OIDC application's client secrets")
	GetClientSecret    = read(secretPath, routes.NoPages, AppsBucket, AppsRead, "gets one client secret")
	CreateClientSecret = write("POST", secretsPath, false, AppsBucket, AppsManage, "creates a client secret (generated by Okta unless given)",
		"creates a new client secret each time it is sent")
	DeleteClientSecret = write("DELETE", secretPath, true, AppsBucket, AppsManage, "deletes an inactive client secret",
		"a DELETE: sent again, it finds the secret gone")
	ActivateClientSecret = write("POST", secretActivate, true, AppsBucket, AppsManage, "activates a client secret",
		"sets the status to ACTIVE; activating an active secret changes nothing")
	DeactivateClientSecret = write("POST", secretDeactivate, true, AppsBucket, AppsManage, "deactivates a client secret",
		"sets the status to INACTIVE; deactivating an inactive secret changes nothing")
)

// Identity providers, the IdP key store, an IdP's own CSRs and signing keys.
var (
	ListIdPs   = read(idpsPath, routes.LinkHeader, IdPsBucket, IdPsRead, "lists identity providers")
	GetIdP     = read(idpPath, routes.NoPages, IdPBucket, IdPsRead, "gets an identity provider whole")
	ReplaceIdP = write("PUT", idpPath, true, IdPBucket, IdPsManage, "replaces an identity provider whole",
		"a PUT of the whole identity provider as read just before: sent again, it leaves the same object")

	ListIdPKeys  = read(idpKeysPath, routes.LinkHeader, IdPsBucket, IdPsRead, "lists the IdP key store")
	GetIdPKey    = read(idpKeyPath, routes.NoPages, IdPsBucket, IdPsRead, "gets one key of the IdP key store")
	CreateIdPKey = write("POST", idpKeysPath, false, IdPsBucket, IdPsManage, "adds an X.509 certificate to the IdP key store",
		"adds a key (with a new kid) each time it is sent")
	ReplaceIdPKey = write("PUT", idpKeyPath, true, IdPsBucket, IdPsManage, "replaces a key's certificate, keeping the kid",
		"a PUT of the whole certificate chain under the same kid")
	DeleteIdPKey = write("DELETE", idpKeyPath, true, IdPsBucket, IdPsManage, "deletes a key of the IdP key store",
		"a DELETE: sent again, it finds the key gone")

	ListIdPCSRs    = read(idpCSRsPath, routes.OnePage, IdPsBucket, IdPsRead, "lists an IdP's certificate signing requests")
	GetIdPCSR      = read(idpCSRPath, routes.NoPages, IdPsBucket, IdPsRead, "gets one CSR of an IdP")
	GenerateIdPCSR = write("POST", idpCSRsPath, false, IdPsBucket, IdPsManage, "generates a key pair and a CSR for an IdP",
		"generates a new key pair and CSR each time it is sent")
	RevokeIdPCSR = write("DELETE", idpCSRPath, true, IdPsBucket, IdPsManage, "revokes an IdP CSR and deletes its key pair",
		"a DELETE: sent again, it finds the CSR gone")
	PublishIdPCSR = write("POST", idpCSRPublish, false, IdPsBucket, IdPsManage, "publishes the signed certificate of an IdP CSR as a signing key",
		"turns the CSR into a signing key and removes the CSR; sent again it would be refused, so a lost answer is left to a SELECT")

	ListIdPSigningKeys    = read(idpSigningKeys, routes.OnePage, IdPsBucket, IdPsRead, "lists an IdP's signing keys")
	GetIdPSigningKey      = read(idpSigningKey, routes.NoPages, IdPsBucket, IdPsRead, "gets one signing key of an IdP")
	GenerateIdPSigningKey = write("POST", idpSigningKeyGen, false, IdPsBucket, IdPsManage, "generates a new signing key (validityYears=N)",
		"generates a new signing key each time it is sent")
	CloneIdPSigningKey = write("POST", idpSigningKeyCopy, false, IdPsBucket, IdPsManage, "copies a signing key to another IdP (targetIdpId=...)",
		"copies the key to the target IdP; a second copy is refused as a duplicate, so a lost answer is left to a SELECT")
)

// Custom authorization servers and their signing keys.
var (
	ListAuthzServers = read(authzServersPath, routes.LinkHeader, AuthzServersBucket, AuthzServersRead, "lists custom authorization servers")
	GetAuthzServer   = read(authzServerPath, routes.NoPages, AuthzServerBucket, AuthzServersRead, "gets an authorization server")
	ListAuthzKeys    = read(authzKeysPath, routes.OnePage, AuthzServersBucket, AuthzServersRead, "lists an authorization server's signing keys")
	GetAuthzKey      = read(authzKeyPath, routes.NoPages, AuthzServersBucket, AuthzServersRead, "gets one signing key of an authorization server")
	RotateAuthzKeys  = write("POST", authzKeyRotate, false, AuthzServersBucket, AuthzServerManage, "rotates an authorization server's signing keys ({\"use\":\"sig\"})",
		"each send rotates once more (the active key expires, the next one signs), so a lost answer is left to a SELECT")
)

// API tokens.
var (
	ListAPITokens   = read(apiTokensPath, routes.OnePage, APITokensBucket, APITokensRead, "lists the org's API tokens")
	GetAPIToken     = read(apiTokenPath, routes.NoPages, APITokenBucket, APITokensRead, "gets an API token's metadata")
	CurrentAPIToken = read(apiTokenCurrent, routes.NoPages, APITokensBucket, APITokensRead, "gets the metadata of the API token the call is made with")
	RevokeAPIToken  = write("DELETE", apiTokenPath, true, APITokenBucket, APITokensManage, "revokes an API token",
		"a DELETE: sent again, it finds the token gone")
)

// All is every Okta endpoint credsql calls.
var All = []routes.Route{
	ListApps, GetApp, ReplaceApp,
	ListAppKeys, GetAppKey, GenerateAppKey, CloneAppKey,
	ListAppCSRs, GetAppCSR, GenerateAppCSR, RevokeAppCSR, PublishAppCSR,
	ListClientSecrets, GetClientSecret, CreateClientSecret, DeleteClientSecret, ActivateClientSecret, DeactivateClientSecret,
	ListIdPs, GetIdP, ReplaceIdP,
	ListIdPKeys, GetIdPKey, CreateIdPKey, ReplaceIdPKey, DeleteIdPKey,
	ListIdPCSRs, GetIdPCSR, GenerateIdPCSR, RevokeIdPCSR, PublishIdPCSR,
	ListIdPSigningKeys, GetIdPSigningKey, GenerateIdPSigningKey, CloneIdPSigningKey,
	ListAuthzServers, GetAuthzServer, ListAuthzKeys, GetAuthzKey, RotateAuthzKeys,
	ListAPITokens, GetAPIToken, CurrentAPIToken, RevokeAPIToken,
}
