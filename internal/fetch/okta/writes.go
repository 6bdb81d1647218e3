package okta

import (
	"net/http"

	"github.com/credsql/credsql/internal/fetch"
)

// The Okta calls that change state. Every write request is built from one of these; Writes
// lists them for the docs and the tests.
var (
	GenerateAppKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: appKeysPath + "/generate",
		Why: "generates a new key credential each time it is sent"}
	CloneAppKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: appKeysPath + "/{keyId}/clone",
		Why: "copies the key to the target app; a second copy is refused as a duplicate, so a lost answer is left to a SELECT"}
	GenerateAppCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: appCSRsPath,
		Why: "generates a new key pair and CSR each time it is sent"}
	RevokeAppCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodDelete, Path: appCSRsPath + "/{csrId}", Idempotent: true,
		Why: "a DELETE: sent again, it finds the CSR gone"}
	PublishAppCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: appCSRsPath + "/{csrId}/lifecycle/publish",
		Why: "turns the CSR into a key credential and removes the CSR; sent again it would be refused, so a lost answer is left to a SELECT"}
	CreateClientSecretRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: secretsPath,
		Why: "creates a new client secret each time it is sent"}
	DeleteClientSecretRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodDelete, Path: secretsPath + "/{secretId}", Idempotent: true,
		Why: "a DELETE: sent again, it finds the secret gone"}
	ActivateClientSecretRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: secretsPath + "/{secretId}/lifecycle/activate", Idempotent: true,
		Why: "sets the status to ACTIVE; activating an active secret changes nothing"}
	DeactivateClientSecretRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: secretsPath + "/{secretId}/lifecycle/deactivate", Idempotent: true,
		Why: "sets the status to INACTIVE; deactivating an inactive secret changes nothing"}
	CreateIdPKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: idpKeysPath,
		Why: "adds a key (with a new kid) each time it is sent"}
	ReplaceIdPKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPut, Path: idpKeysPath + "/{kid}", Idempotent: true,
		Why: "a PUT of the whole certificate chain under the same kid"}
	DeleteIdPKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodDelete, Path: idpKeysPath + "/{kid}", Idempotent: true,
		Why: "a DELETE: sent again, it finds the key gone"}
	ReplaceAppRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPut, Path: appOp, Idempotent: true,
		Why: "a PUT of the whole application as read just before: sent again, it leaves the same object"}
	ReplaceIdPRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPut, Path: idpOp, Idempotent: true,
		Why: "a PUT of the whole identity provider as read just before: sent again, it leaves the same object"}
)

// Authorization-server keys, API tokens, an IdP's own CSRs and signing keys (okta.md §3.9–3.11).
var (
	RotateAuthzServerKeysRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: authzServerPath + "/credentials/lifecycle/keyRotate",
		Why: "each send rotates once more (the active key expires, the next one signs), so a lost answer is left to a SELECT"}
	RevokeAPITokenRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodDelete, Path: apiTokenPath, Idempotent: true,
		Why: "a DELETE: sent again, it finds the token gone"}
	GenerateIdPCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: idpCSRsPath,
		Why: "generates a new key pair and CSR each time it is sent"}
	RevokeIdPCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodDelete, Path: idpCSRsPath + "/{idpCsrId}", Idempotent: true,
		Why: "a DELETE: sent again, it finds the CSR gone"}
	PublishIdPCSRRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: idpCSRsPath + "/{idpCsrId}/lifecycle/publish",
		Why: "turns the CSR into a signing key and removes the CSR; sent again it would be refused, so a lost answer is left to a SELECT"}
	GenerateIdPSigningKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: idpSigningKeysPath + "/generate",
		Why: "generates a new signing key each time it is sent"}
	CloneIdPSigningKeyRoute = fetch.WriteRoute{Vendor: fetch.Okta, Method: http.MethodPost, Path: idpSigningKeysPath + "/{kid}/clone",
		Why: "copies the key to the target IdP; a second copy is refused as a duplicate, so a lost answer is left to a SELECT"}
)

// Writes is what Okta documents about its writes. A 429 is Okta's rate limiter refusing a
// request before any processing: the reset time comes in X-Rate-Limit-Reset, and Okta's own
// SDK sends any request refused with 429 again after that time, writes included, marking
// the retry with X-Okta-Retry-For.
var Writes = fetch.VendorWrites{
	Vendor:    fetch.Okta,
	Resend429: true,
	Why429: "Okta's rate limiter refuses a request before processing it, says when the window resets (X-Rate-Limit-Reset), " +
		"and Okta's own SDK sends any request refused with 429 again after the reset, writes included.",
	Routes: []fetch.WriteRoute{
		GenerateAppKeyRoute, CloneAppKeyRoute,
		GenerateAppCSRRoute, RevokeAppCSRRoute, PublishAppCSRRoute,
		CreateClientSecretRoute, DeleteClientSecretRoute, ActivateClientSecretRoute, DeactivateClientSecretRoute,
		CreateIdPKeyRoute, ReplaceIdPKeyRoute, DeleteIdPKeyRoute,
		ReplaceAppRoute, ReplaceIdPRoute,
		RotateAuthzServerKeysRoute, RevokeAPITokenRoute,
		GenerateIdPCSRRoute, RevokeIdPCSRRoute, PublishIdPCSRRoute, GenerateIdPSigningKeyRoute, CloneIdPSigningKeyRoute,
	},
}
