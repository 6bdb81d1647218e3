package tables

import (
	"context"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch/okta"
)

// apiToken is an API token's metadata with whether the connection authenticates with it:
// true, false, or nil when that is not known.
type apiToken struct {
	okta.APIToken
	current any
}

// currentTokenID asks once per statement which token the connection uses (see
// okta.Client.CurrentAPITokenID).
func currentTokenID(ctx context.Context, c *Conn) (string, bool, error) {
	id, known, err := c.Okta.CurrentAPITokenID(ctx)
	if err != nil {
		return "", false, fmt.Errorf("which API token connection %q uses (%s): %w", c.Name, oktaroutes.CurrentAPIToken, err)
	}
	return id, known, nil
}

func markCurrent(t okta.APIToken, id string, known bool) apiToken {
	if !known {
		return apiToken{APIToken: t}
	}
	return apiToken{APIToken: t, current: t.ID == id}
}

var apiTokens = &Table[apiToken]{
	Name: "api_tokens",
	Doc: "Okta API tokens (SSWS) of the org: who created each, from where it may be used, and when it expires " +
		"(a token expires once unused for its token window). is_current marks the token this connection uses.",
	Vendor:   Okta,
	Route:    oktaroutes.ListAPITokens,
	GetRoute: oktaroutes.GetAPIToken,
	Reads:    []routes.Route{oktaroutes.CurrentAPIToken},
	Keys:     []string{"id"},
	List: func(ctx context.Context, c *Conn, _ Values) iter.Seq2[apiToken, error] {
		return func(yield func(apiToken, error) bool) {
			id, known, err := currentTokenID(ctx, c)
			if err != nil {
				yield(apiToken{}, err)
				return
			}
			for t, err := range c.Okta.APITokens(ctx) {
				if !yield(markCurrent(t, id, known), err) || err != nil {
					return
				}
			}
		}
	},
	Get: func(ctx context.Context, c *Conn, k Values) (apiToken, error) {
		t, err := c.Okta.APIToken(ctx, k.Str("id"))
		if err != nil {
			return apiToken{}, err
		}
		id, known, err := currentTokenID(ctx, c)
		return markCurrent(t, id, known), err
	},
	Columns: []Column[apiToken]{
		{Name: "id", Type: String, Doc: "Token id (00T...); the token itself is never readable.", Get: func(t apiToken) any { return t.ID }},
		{Name: "name", Type: String, Doc: "Name given when the token was created.", Get: func(t apiToken) any { return NZ(t.Name) }},
		{Name: "user_id", Type: String, Doc: "Id of the admin user who created it; the token acts with that user's rights.", Get: func(t apiToken) any { return NZ(t.UserID) }},
		{Name: "client_name", Type: String, Doc: "Name of the client that created it (Okta API, or an integration).", Get: func(t apiToken) any { return NZ(t.ClientName) }},
		{Name: "token_window", Type: String, Doc: "How long the token may stay unused before it expires, as an ISO 8601 duration (P30D).", Get: func(t apiToken) any { return NZ(t.TokenWindow) }},
		{Name: "network", Type: JSON, Doc: "Network condition: where the token may be used from, a JSON object {connection, include, exclude}; NULL when the API sends none.",
			Get: func(t apiToken) any {
				if len(t.Network) == 0 {
					return nil
				}
				return t.Network
			}},
		{Name: "created", Type: Time, Doc: "When the token was created.", Get: func(t apiToken) any { return TS(t.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the token was last changed.", Get: func(t apiToken) any { return TS(t.LastUpdated) }},
		{Name: "expires_at", Type: Time, Doc: "When the token expires if it is not used again (its last use plus token_window).", Get: func(t apiToken) any { return TS(t.ExpiresAt) }},
		{Name: "is_current", Type: Bool, Doc: "Whether this connection authenticates with the token: from the connection's api_token_id setting, else from " +
			"the token's own metadata, oktaroutes.CurrentAPIToken (not in Okta's published API: NULL when the org does not answer it). FALSE on every row for an OAuth connection.",
			Get: func(t apiToken) any { return t.current }},
	},
	DeleteDoc: "revokes the token; every later call with it is refused. Revoking the token the connection " +
		"uses (is_current) is refused unless the statement says so: /*+ SET_VAR(credsql_force = ON) */ after DELETE, or SET credsql_force = ON.",
	DeleteRoutes: []routes.Route{oktaroutes.CurrentAPIToken, oktaroutes.RevokeAPIToken},
	Delete: func(ctx context.Context, c *Conn, k Values) error {
		id := k.Str("id")
		if !Forced(ctx) {
			own, known, err := currentTokenID(ctx, c)
			if err != nil {
				return err
			}
			if known && own == id {
				return fmt.Errorf("DELETE FROM api_tokens: token %s is the API token connection %q authenticates with; revoking it makes every later query of that connection fail (401) until its token is replaced: %w. %s",
					id, c.Name, ErrForceNeeded, forceHint)
			}
		}
		return c.Okta.RevokeAPIToken(ctx, id)
	},
	Examples: []Example{
		{"Tokens that expire within 7 days unless used", "SELECT name, client_name, expires_at FROM api_tokens WHERE expires_at < NOW() + INTERVAL 7 DAY ORDER BY expires_at"},
		{"The token credsql itself uses", "SELECT id, name, expires_at FROM api_tokens WHERE is_current"},
		{"Tokens usable from anywhere", "SELECT name, user_id FROM api_tokens WHERE network IS NULL OR JSON_UNQUOTE(JSON_EXTRACT(network, '$.connection')) = 'ANYWHERE' ORDER BY name"},
	},
}
