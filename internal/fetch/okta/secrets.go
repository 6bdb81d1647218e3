package okta

import (
	"context"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// ClientSecret is an OAuth 2.0 client secret of an application (okta.md §3.4). Okta returns
// the secret in clear text, so every request here keeps its response out of the
// cross-query cache.
type ClientSecret struct {
	ID           string `json:"id"`
	Status       string `json:"status"`
	ClientSecret string `json:"client_secret"`
	SecretHash   string `json:"secret_hash"`
	Created      Time   `json:"created"`
	LastUpdated  Time   `json:"lastUpdated"`
}

// NewClientSecret is the body of a secret create request: both fields are optional (no
// secret: Okta generates one; no status: ACTIVE).
type NewClientSecret struct {
	ClientSecret string `json:"client_secret,omitempty"`
	Status       string `json:"status,omitempty"`
}

// ClientSecrets lists an application's client secrets (at most two).
func (c *Client) ClientSecrets(ctx context.Context, appID string) iter.Seq2[ClientSecret, error] {
	req := fetch.NewRequest(oktaroutes.ListClientSecrets, appID)
	req.NoStore = true
	return pages[ClientSecret](ctx, c, req)
}

// ClientSecret gets one client secret.
func (c *Client) ClientSecret(ctx context.Context, appID, secretID string) (ClientSecret, error) {
	req := fetch.NewRequest(oktaroutes.GetClientSecret, appID, secretID)
	req.NoStore = true
	return do[ClientSecret](ctx, c, req)
}

// CreateClientSecret adds a client secret; a secret given in s is never logged.
func (c *Client) CreateClientSecret(ctx context.Context, appID string, s NewClientSecret) (ClientSecret, error) {
	req := fetch.NewRequest(oktaroutes.CreateClientSecret, appID)
	req.Body, req.NoStore = s, true
	if s.ClientSecret != "" {
		req.Secrets = []string{s.ClientSecret}
	}
	return do[ClientSecret](ctx, c, req)
}

// DeleteClientSecret deletes an inactive client secret.
func (c *Client) DeleteClientSecret(ctx context.Context, appID, secretID string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(oktaroutes.DeleteClientSecret, appID, secretID))
	return err
}

// ActivateClientSecret activates a client secret.
func (c *Client) ActivateClientSecret(ctx context.Context, appID, secretID string) (ClientSecret, error) {
	return c.secretLifecycle(ctx, oktaroutes.ActivateClientSecret, appID, secretID)
}

// DeactivateClientSecret deactivates a client secret; Okta refuses for the only active one.
func (c *Client) DeactivateClientSecret(ctx context.Context, appID, secretID string) (ClientSecret, error) {
	return c.secretLifecycle(ctx, oktaroutes.DeactivateClientSecret, appID, secretID)
}

func (c *Client) secretLifecycle(ctx context.Context, route fetch.WriteRoute, appID, secretID string) (ClientSecret, error) {
	req := fetch.NewRequest(route, appID, secretID)
	req.NoStore = true
	return do[ClientSecret](ctx, c, req)
}
