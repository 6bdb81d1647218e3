package okta

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// APIToken is the metadata of an Okta API token (okta.md §3.10); the token itself is never
// readable.
type APIToken struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	UserID      string `json:"userId"`
	ClientName  string `json:"clientName"`
	TokenWindow string `json:"tokenWindow"`
	// Network is the token's network condition as the API gives it (absent: nil).
	Network     map[string]any `json:"network"`
	Created     Time           `json:"created"`
	LastUpdated Time           `json:"lastUpdated"`
	ExpiresAt   Time           `json:"expiresAt"`
}

// APITokens lists the active API tokens (the spec gives the call no paging parameters, but
// a next link would be followed).
func (c *Client) APITokens(ctx context.Context) iter.Seq2[APIToken, error] {
	return list[APIToken](ctx, c, oktaroutes.ListAPITokens, nil)
}

// APIToken gets one API token's metadata.
func (c *Client) APIToken(ctx context.Context, id string) (APIToken, error) {
	return get[APIToken](ctx, c, oktaroutes.GetAPIToken, id)
}

// CurrentAPITokenID is the id of the API token this client authenticates with: the
// connection's configured id when there is one, else what oktaroutes.CurrentAPIToken
// answers. That call is not in Okta's published spec (okta.md §3.10): when the org does not
// serve it (400, 403, 404 or 405: how an org without it answers is unverified), known is
// false, with no error. A client using an OAuth access token
// uses no API token: known is true and id "". Other errors are returned. A successful
// answer is kept for the client's life.
func (c *Client) CurrentAPITokenID(ctx context.Context) (id string, known bool, err error) {
	if c.tokenID != "" {
		return c.tokenID, true, nil
	}
	if !c.ssws {
		return "", true, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.current != nil {
		return c.current.id, c.current.known, nil
	}
	t, err := get[APIToken](ctx, c, oktaroutes.CurrentAPIToken)
	var ae *fetch.APIError
	switch {
	case errors.As(err, &ae) && notServed[ae.Status]:
		c.current = &currentToken{}
	case err != nil:
		return "", false, err
	default:
		c.current = &currentToken{id: t.ID, known: t.ID != ""}
	}
	return c.current.id, c.current.known, nil
}

// notServed are the answers taken to mean that oktaroutes.CurrentAPIToken does not exist.
var notServed = map[int]bool{http.StatusBadRequest: true, http.StatusForbidden: true, http.StatusNotFound: true, http.StatusMethodNotAllowed: true}

// currentToken is the answer of CurrentAPITokenID once known.
type currentToken struct {
	id    string
	known bool
}

// RevokeAPIToken revokes an API token; every later call made with it is refused.
func (c *Client) RevokeAPIToken(ctx context.Context, id string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(oktaroutes.RevokeAPIToken, id))
	return err
}
