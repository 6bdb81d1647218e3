package okta

import (
	"context"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// IdP is an identity provider (okta.md §3.6), reduced to what credsql shows. SAML2 and
// X509 (MTLS) IdPs trust a key of the IdP key store through protocol.credentials.trust.kid.
type IdP struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	IssuerMode  string `json:"issuerMode"`
	Created     Time   `json:"created"`
	LastUpdated Time   `json:"lastUpdated"`
	Protocol    struct {
		Type        string `json:"type"`
		Credentials struct {
			Trust struct {
				Issuer         string   `json:"issuer"`
				Kid            string   `json:"kid"`
				AdditionalKids []string `json:"additionalKids"`
			} `json:"trust"`
		} `json:"credentials"`
	} `json:"protocol"`
}

// IdPTypes are the values of the `type` list parameter (okta.md §2.3).
var IdPTypes = []string{"AMAZON", "APPLE", "DISCORD", "FACEBOOK", "GITHUB", "GITLAB", "GOOGLE", "IDV_CLEAR",
	"IDV_INCODE", "IDV_PERSONA", "IDV_STANDARD", "LINKEDIN", "LOGINGOV", "LOGINGOV_SANDBOX", "MICROSOFT", "OIDC",
	"OKTA_INTEGRATION", "PAYPAL", "PAYPAL_SANDBOX", "SALESFORCE", "SAML2", "SPOTIFY", "X509", "XERO", "YAHOO", "YAHOOJP"}

// IdPs lists identity providers, 200 per page; a non-empty typ (one of IdPTypes) lists only
// that type.
func (c *Client) IdPs(ctx context.Context, typ string) iter.Seq2[IdP, error] {
	q := map[string]string{"limit": "200"}
	if typ != "" {
		q["type"] = typ
	}
	return list[IdP](ctx, c, oktaroutes.ListIdPs, q)
}

// IdP gets one identity provider.
func (c *Client) IdP(ctx context.Context, idpID string) (IdP, error) {
	return get[IdP](ctx, c, oktaroutes.GetIdP, idpID)
}

// IdPKeys lists the IdP key store, 200 per page.
func (c *Client) IdPKeys(ctx context.Context) iter.Seq2[JSONWebKey, error] {
	return list[JSONWebKey](ctx, c, oktaroutes.ListIdPKeys, map[string]string{"limit": "200"})
}

// IdPKey gets one key of the store.
func (c *Client) IdPKey(ctx context.Context, kid string) (JSONWebKey, error) {
	return get[JSONWebKey](ctx, c, oktaroutes.GetIdPKey, kid)
}

// idpKeyBody is the body of a key create or replace: the certificate chain as standard
// base64 DER, leaf first.
type idpKeyBody struct {
	X5C []string `json:"x5c"`
}

// CreateIdPKey adds a certificate to the key store (Okta answers 200, not 201).
func (c *Client) CreateIdPKey(ctx context.Context, x5c []string) (JSONWebKey, error) {
	req := fetch.NewRequest(oktaroutes.CreateIdPKey)
	req.Body = idpKeyBody{X5C: x5c}
	return do[JSONWebKey](ctx, c, req)
}

// ReplaceIdPKey replaces the certificate of a key, keeping its kid.
func (c *Client) ReplaceIdPKey(ctx context.Context, kid string, x5c []string) (JSONWebKey, error) {
	req := fetch.NewRequest(oktaroutes.ReplaceIdPKey, kid)
	req.Body = idpKeyBody{X5C: x5c}
	return do[JSONWebKey](ctx, c, req)
}

// DeleteIdPKey deletes a key that no IdP uses.
func (c *Client) DeleteIdPKey(ctx context.Context, kid string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(oktaroutes.DeleteIdPKey, kid))
	return err
}
