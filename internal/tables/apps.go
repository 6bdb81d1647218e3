package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch/okta"
)

// appFilterFields maps the apps columns Okta can filter on (one `eq` expression) to the
// API's filter field.
var appFilterFields = []struct{ column, field string }{
	{"id", "id"}, {"status", "status"}, {"name", "name"}, {"signing_kid", "credentials.signing.kid"},
}

var apps = &Table[okta.App]{
	Name:     "apps",
	Doc:      "Okta applications: the parent of app_keys, app_csrs and apps_secrets.",
	Vendor:   Okta,
	Route:    oktaroutes.ListApps,
	GetRoute: oktaroutes.GetApp,
	Keys:     []string{"id"},
	// Okta accepts a single `eq` expression on these (docs/vendors/okta.md §2.3).
	Filters: []string{"status", "name", "signing_kid"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[okta.App, error] {
		var f okta.AppFilter
		for _, ff := range appFilterFields {
			if k.Has(ff.column) {
				f.Field, f.Value = ff.field, k.Str(ff.column)
				break
			}
		}
		return c.Okta.Apps(ctx, f)
	},
	Get: func(ctx context.Context, c *Conn, k Values) (okta.App, error) {
		return c.Okta.App(ctx, k.Str("id"))
	},
	Columns: []Column[okta.App]{
		{Name: "id", Type: String, Doc: "Application id (0oa...).", Get: func(a okta.App) any { return a.ID }},
		{Name: "name", Type: String, Doc: "Application name: the integration key (oidc_client, bookmark, an OIN app key, or a generated one).", Get: func(a okta.App) any { return NZ(a.Name) }},
		{Name: "label", Type: String, Doc: "Display name.", Get: func(a okta.App) any { return NZ(a.Label) }},
		{Name: "status", Type: String, Doc: "ACTIVE, INACTIVE or DELETED.", Domain: []string{"ACTIVE", "INACTIVE", "DELETED"}, Get: func(a okta.App) any { return NZ(a.Status) }},
		{Name: "sign_on_mode", Type: String, Doc: "Sign-on mode: SAML_2_0, OPENID_CONNECT, WS_FEDERATION, BOOKMARK, AUTO_LOGIN, ...", Get: func(a okta.App) any { return NZ(a.SignOnMode) }},
		{Name: "created", Type: Time, Doc: "When the application was created.", Get: func(a okta.App) any { return TS(a.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the application was last updated.", Get: func(a okta.App) any { return TS(a.LastUpdated) }},
		{Name: "signing_kid", Type: String, Doc: "kid of the key credential the app signs with (credentials.signing.kid); joins to app_keys.kid.", Get: func(a okta.App) any { return NZ(a.Credentials.Signing.Kid) }},
		{Name: "client_id", Type: String, Doc: "OAuth 2.0 client id (credentials.oauthClient.client_id), OIDC apps only.", Get: func(a okta.App) any { return NZ(a.ClientID()) }},
		{Name: "token_endpoint_auth_method", Type: String, Doc: "OAuth 2.0 client authentication method: client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none.", Get: func(a okta.App) any { return NZ(a.TokenEndpointAuthMethod()) }},
	},
	UpdateCols:   appUpdateCols,
	UpdateDoc:    appUpdateDoc,
	UpdateRoutes: []routes.Route{oktaroutes.ListAppKeys, oktaroutes.GetApp, oktaroutes.ReplaceApp},
	Update:       updateApp,
	Examples: []Example{
		{"SAML applications and the key they sign with", "SELECT label, signing_kid FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY label"},
		{"Applications by sign-on mode", "SELECT sign_on_mode, COUNT(*) AS apps FROM apps GROUP BY sign_on_mode ORDER BY apps DESC"},
	},
}
