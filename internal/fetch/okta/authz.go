package okta

import (
	"context"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// AuthzServer is a custom authorization server (okta.md §3.9), reduced to what credsql shows.
type AuthzServer struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Audiences   []string `json:"audiences"`
	Issuer      string   `json:"issuer"`
	IssuerMode  string   `json:"issuerMode"`
	Status      string   `json:"status"`
	Created     Time     `json:"created"`
	LastUpdated Time     `json:"lastUpdated"`
	Credentials struct {
		Signing struct {
			Kid          string `json:"kid"`
			RotationMode string `json:"rotationMode"`
			LastRotated  Time   `json:"lastRotated"`
			// NextRotation is returned only in AUTO mode.
			NextRotation Time   `json:"nextRotation"`
			Use          string `json:"use"`
		} `json:"signing"`
	} `json:"credentials"`
}

// AuthzServerKey is a signing key of an authorization server: a JWK without a certificate
// or dates; Status is ACTIVE, NEXT or EXPIRED.
type AuthzServerKey struct {
	Kid    string `json:"kid"`
	Status string `json:"status"`
	Alg    string `json:"alg"`
	Kty    string `json:"kty"`
	Use    string `json:"use"`
	E      string `json:"e"`
	N      string `json:"n"`
}

// AuthzServers lists the custom authorization servers, 200 per page; a non-empty q keeps
// those whose name or audience matches it (Okta's search, a prefix in practice).
func (c *Client) AuthzServers(ctx context.Context, q string) iter.Seq2[AuthzServer, error] {
	p := map[string]string{"limit": "200"}
	if q != "" {
		p["q"] = q
	}
	return list[AuthzServer](ctx, c, oktaroutes.ListAuthzServers, p)
}

// AuthzServer gets one authorization server.
func (c *Client) AuthzServer(ctx context.Context, id string) (AuthzServer, error) {
	return get[AuthzServer](ctx, c, oktaroutes.GetAuthzServer, id)
}

// AuthzServerKeys lists the signing keys of an authorization server (one page: the spec
// gives the call no paging parameters, but a next link would be followed).
func (c *Client) AuthzServerKeys(ctx context.Context, id string) iter.Seq2[AuthzServerKey, error] {
	return list[AuthzServerKey](ctx, c, oktaroutes.ListAuthzKeys, nil, id)
}

// AuthzServerKey gets one signing key by kid.
func (c *Client) AuthzServerKey(ctx context.Context, id, kid string) (AuthzServerKey, error) {
	return get[AuthzServerKey](ctx, c, oktaroutes.GetAuthzKey, id, kid)
}

// RotateAuthzServerKeys rotates the signing keys (ACTIVE becomes EXPIRED, NEXT becomes
// ACTIVE) and returns the keys as they are afterwards. Valid in AUTO and MANUAL mode.
func (c *Client) RotateAuthzServerKeys(ctx context.Context, id string) ([]AuthzServerKey, error) {
	req := fetch.NewRequest(oktaroutes.RotateAuthzKeys, id)
	req.Body = map[string]string{"use": "sig"}
	return do[[]AuthzServerKey](ctx, c, req)
}
