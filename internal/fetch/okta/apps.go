package okta

import (
	"context"
	"iter"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// App is an Okta application (okta.md §3.1), reduced to what credsql shows.
type App struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Label       string `json:"label"`
	Status      string `json:"status"`
	SignOnMode  string `json:"signOnMode"`
	Created     Time   `json:"created"`
	LastUpdated Time   `json:"lastUpdated"`
	Credentials struct {
		Signing struct {
			Kid string `json:"kid"`
		} `json:"signing"`
		OAuthClient *struct {
			ClientID                string `json:"client_id"`
			TokenEndpointAuthMethod string `json:"token_endpoint_auth_method"`
		} `json:"oauthClient"`
	} `json:"credentials"`
}

// ClientID returns credentials.oauthClient.client_id, or "".
func (a *App) ClientID() string {
	if a.Credentials.OAuthClient == nil {
		return ""
	}
	return a.Credentials.OAuthClient.ClientID
}

// TokenEndpointAuthMethod returns credentials.oauthClient.token_endpoint_auth_method, or "".
func (a *App) TokenEndpointAuthMethod() string {
	if a.Credentials.OAuthClient == nil {
		return ""
	}
	return a.Credentials.OAuthClient.TokenEndpointAuthMethod
}

// AppFilter narrows a listing on the server. Okta accepts one `eq` expression on id, status,
// name or credentials.signing.kid (okta.md §2.3); Q is a prefix search on name and label.
type AppFilter struct {
	Field, Value string
	Q            string
}

// Apps lists applications, 200 per page.
func (c *Client) Apps(ctx context.Context, f AppFilter) iter.Seq2[App, error] {
	q := map[string]string{"limit": "200"}
	if f.Field != "" {
		q["filter"] = f.Field + ` eq "` + f.Value + `"`
	}
	if f.Q != "" {
		q["q"] = f.Q
	}
	return list[App](ctx, c, oktaroutes.ListApps, q)
}

// App gets one application.
func (c *Client) App(ctx context.Context, appID string) (App, error) {
	return get[App](ctx, c, oktaroutes.GetApp, appID)
}
