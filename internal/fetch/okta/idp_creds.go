package okta

import (
	"context"
	"encoding/base64"
	"encoding/pem"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// An IdP's own CSRs and signing keys (okta.md §3.11): the same shapes as an app's (CSR,
// JSONWebKey) of one identity provider (oktaroutes.ListIdPCSRs, ListIdPSigningKeys, ...).

// IdPCSRs lists an IdP's pending CSRs.
func (c *Client) IdPCSRs(ctx context.Context, idpID string) iter.Seq2[CSR, error] {
	return list[CSR](ctx, c, oktaroutes.ListIdPCSRs, nil, idpID)
}

// IdPCSR gets one CSR of an IdP.
func (c *Client) IdPCSR(ctx context.Context, idpID, csrID string) (CSR, error) {
	return get[CSR](ctx, c, oktaroutes.GetIdPCSR, idpID, csrID)
}

// GenerateIdPCSR creates a key pair and a CSR for it; the key is not among the IdP's signing
// keys until the signed certificate is published.
func (c *Client) GenerateIdPCSR(ctx context.Context, idpID string, meta CSRMetadata) (CSR, error) {
	req := fetch.NewRequest(oktaroutes.GenerateIdPCSR, idpID)
	req.Body = meta
	return do[CSR](ctx, c, req)
}

// RevokeIdPCSR revokes a CSR and deletes its key pair.
func (c *Client) RevokeIdPCSR(ctx context.Context, idpID, csrID string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(oktaroutes.RevokeIdPCSR, idpID, csrID))
	return err
}

// PublishIdPCSR publishes the certificate signed for a CSR (DER bytes) and returns the new
// signing key; asPEM as for PublishAppCSR.
func (c *Client) PublishIdPCSR(ctx context.Context, idpID, csrID string, der []byte, asPEM bool) (JSONWebKey, error) {
	req := fetch.NewRequest(oktaroutes.PublishIdPCSR, idpID, csrID)
	if asPEM {
		req.RawBody, req.ContentType = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), "application/x-pem-file"
	} else {
		req.RawBody, req.ContentType = []byte(base64.StdEncoding.EncodeToString(der)), "application/pkix-cert"
		req.Header = http.Header{"Content-Transfer-Encoding": {"base64"}}
	}
	return do[JSONWebKey](ctx, c, req)
}

// IdPSigningKeys lists an IdP's signing key credentials.
func (c *Client) IdPSigningKeys(ctx context.Context, idpID string) iter.Seq2[JSONWebKey, error] {
	return list[JSONWebKey](ctx, c, oktaroutes.ListIdPSigningKeys, nil, idpID)
}

// IdPSigningKey gets one signing key of an IdP by kid.
func (c *Client) IdPSigningKey(ctx context.Context, idpID, kid string) (JSONWebKey, error) {
	return get[JSONWebKey](ctx, c, oktaroutes.GetIdPSigningKey, idpID, kid)
}

// GenerateIdPSigningKey creates a signing key valid for validityYears (2–10); Okta answers
// 200, not 201.
func (c *Client) GenerateIdPSigningKey(ctx context.Context, idpID string, validityYears int) (JSONWebKey, error) {
	req := fetch.NewRequest(oktaroutes.GenerateIdPSigningKey, idpID)
	req.Query = url.Values{"validityYears": {strconv.Itoa(validityYears)}}
	return do[JSONWebKey](ctx, c, req)
}

// CloneIdPSigningKey copies a signing key to another IdP.
func (c *Client) CloneIdPSigningKey(ctx context.Context, idpID, kid, targetIdPID string) (JSONWebKey, error) {
	req := fetch.NewRequest(oktaroutes.CloneIdPSigningKey, idpID, kid)
	req.Query = url.Values{"targetIdpId": {targetIdPID}}
	return do[JSONWebKey](ctx, c, req)
}
