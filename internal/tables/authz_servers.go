package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch/okta"
)

var authzServers = &Table[okta.AuthzServer]{
	Name:     "authz_servers",
	Doc:      "Custom authorization servers of the Okta org, with the state of their signing-key rotation: the parent of authz_server_keys.",
	Vendor:   Okta,
	Route:    oktaroutes.ListAuthzServers,
	GetRoute: oktaroutes.GetAuthzServer,
	Keys:     []string{"id"},
	// Equality on name is sent as the search parameter q (a match on name or audience); the
	// engine keeps the exact matches.
	Filters: []string{"name"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[okta.AuthzServer, error] {
		return c.Okta.AuthzServers(ctx, k.Str("name"))
	},
	Get: func(ctx context.Context, c *Conn, k Values) (okta.AuthzServer, error) {
		return c.Okta.AuthzServer(ctx, k.Str("id"))
	},
	Columns: []Column[okta.AuthzServer]{
		{Name: "id", Type: String, Doc: "Authorization server id (aus...).", Get: func(s okta.AuthzServer) any { return s.ID }},
		{Name: "name", Type: String, Doc: "Name.", Get: func(s okta.AuthzServer) any { return NZ(s.Name) }},
		{Name: "status", Type: String, Doc: "ACTIVE or INACTIVE.", Domain: []string{"ACTIVE", "INACTIVE"},
			Get: func(s okta.AuthzServer) any { return NZ(s.Status) }},
		{Name: "issuer", Type: String, Doc: "Issuer URL of the tokens it mints (https://{org}/oauth2/{id}).", Get: func(s okta.AuthzServer) any { return NZ(s.Issuer) }},
		{Name: "issuer_mode", Type: String, Doc: "ORG_URL, CUSTOM_URL or DYNAMIC.", Get: func(s okta.AuthzServer) any { return NZ(s.IssuerMode) }},
		{Name: "audiences", Type: JSON, Doc: "Audiences of its tokens, a JSON array (Okta supports one).", Get: func(s okta.AuthzServer) any { return jsonOrNil(s.Audiences) }},
		{Name: "signing_kid", Type: String, Doc: "Kid of the key that signs its tokens (credentials.signing.kid; authz_server_keys.kid).",
			Get: func(s okta.AuthzServer) any { return NZ(s.Credentials.Signing.Kid) }},
		{Name: "signing_rotation_mode", Type: String, Doc: "AUTO (Okta rotates the keys) or MANUAL (credentials.signing.rotationMode).",
			Get: func(s okta.AuthzServer) any { return NZ(s.Credentials.Signing.RotationMode) }},
		{Name: "signing_last_rotated", Type: Time, Doc: "When the keys were last rotated.",
			Get: func(s okta.AuthzServer) any { return TS(s.Credentials.Signing.LastRotated) }},
		{Name: "signing_next_rotation", Type: Time, Doc: "When Okta rotates the keys next; NULL in MANUAL mode (the API sends it only in AUTO mode).",
			Get: func(s okta.AuthzServer) any { return TS(s.Credentials.Signing.NextRotation) }},
		{Name: "created", Type: Time, Doc: "When the server was created.", Get: func(s okta.AuthzServer) any { return TS(s.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the server was last changed.", Get: func(s okta.AuthzServer) any { return TS(s.LastUpdated) }},
	},
	ReadOnlyNote: "Authorization servers are read-only in credsql; their keys rotate with CALL authz_server_keys_rotate.",
	Examples: []Example{
		{"Servers whose keys rotate by hand, oldest rotation first", "SELECT name, signing_last_rotated FROM authz_servers WHERE signing_rotation_mode = 'MANUAL' ORDER BY signing_last_rotated"},
		{"AUTO servers whose scheduled rotation is past", "SELECT name, signing_next_rotation FROM authz_servers WHERE signing_rotation_mode = 'AUTO' AND signing_next_rotation < NOW()"},
		{"One server by name", "SELECT id, issuer, audiences FROM authz_servers WHERE name = 'default'"},
	},
}
