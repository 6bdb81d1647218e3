package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch/ziti"
)

var zitiAPISessions = &Table[ziti.APISession]{
	Name:      "ziti_api_sessions",
	Doc:       "The OpenZiti API session credsql is logged in with: one row per connection.",
	Vendor:    Ziti,
	Route:     zitiroutes.CurrentSession,
	Singleton: true,
	List: func(ctx context.Context, c *Conn, _ Values) iter.Seq2[ziti.APISession, error] {
		return func(yield func(ziti.APISession, error) bool) {
			s, err := c.Ziti.CurrentAPISession(ctx)
			yield(s, err)
		}
	},
	Columns: []Column[ziti.APISession]{
		{Name: "id", Type: String, Doc: "API session id.", Get: func(s ziti.APISession) any { return s.ID }},
		{Name: "identity_id", Type: String, Doc: "Id of the identity logged in.", Get: func(s ziti.APISession) any { return NZ(s.IdentityID) }},
		{Name: "identity_name", Type: String, Doc: "Name of the identity logged in.", Get: func(s ziti.APISession) any { return NZ(s.Identity.Name) }},
		{Name: "authenticator_id", Type: String, Doc: "The authenticator used to log in (ziti_authenticators.id).", Get: func(s ziti.APISession) any { return NZ(s.AuthenticatorID) }},
		{Name: "ip_address", Type: String, Doc: "Address the session was created from.", Get: func(s ziti.APISession) any { return NZ(s.IPAddress) }},
		{Name: "token", Type: String, Doc: "The session token (zt-session header).", Sensitive: true, Get: func(s ziti.APISession) any { return NZ(s.Token) }},
		{Name: "expires_at", Type: Time, Doc: "When the session expires unless used: the timeout slides with every call.", Get: func(s ziti.APISession) any { return TS(s.ExpiresAt) }},
		{Name: "expiration_seconds", Type: Int, Doc: "The configured session timeout in seconds (remaining seconds for OIDC sessions).", Get: func(s ziti.APISession) any { return s.ExpirationSeconds }},
		{Name: "last_activity_at", Type: Time, Doc: "Last call made with the session.", Get: func(s ziti.APISession) any { return TS(s.LastActivityAt) }},
		{Name: "is_mfa_required", Type: Bool, Doc: "Whether the identity must pass multi-factor authentication.", Get: func(s ziti.APISession) any { return s.IsMFARequired }},
		{Name: "is_mfa_complete", Type: Bool, Doc: "Whether multi-factor authentication is done.", Get: func(s ziti.APISession) any { return s.IsMFAComplete }},
		{Name: "is_cert_extendable", Type: Bool, Doc: "Whether the session logged in with a network-issued certificate, which ziti_authenticators_extend needs.", Get: func(s ziti.APISession) any { return s.IsCertExtendable }},
		{Name: "auth_queries", Type: JSON, Doc: "Pending authentication steps (MFA), as a list.", Get: func(s ziti.APISession) any { return s.AuthQueries }},
		{Name: "created_at", Type: Time, Doc: "When the session was created.", Get: func(s ziti.APISession) any { return TS(s.CreatedAt) }},
		{Name: "updated_at", Type: Time, Doc: "When the session was last updated.", Get: func(s ziti.APISession) any { return TS(s.UpdatedAt) }},
		{Name: "tags", Type: JSON, Doc: "Tags (an object).", Get: func(s ziti.APISession) any { return mapOrNil(s.Tags) }},
	},
	Delete: func(ctx context.Context, c *Conn, _ Values) error {
		return c.Ziti.Logout(ctx)
	},
	DeleteDoc:    "logs out; the next query on the connection logs in again",
	DeleteRoutes: []routes.Route{zitiroutes.Logout},
	Examples: []Example{
		{"When each OpenZiti session expires", "SELECT connection, identity_name, expires_at FROM ziti_api_sessions"},
		{"Log out of one controller", "DELETE FROM ziti_api_sessions WHERE connection = 'default'"},
	},
}
