package okta

import (
	"context"
	"iter"
	"net/url"
	"strconv"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// An IdP's own signing keys (okta.md §3.11): the same shape as an app's keys (JSONWebKey). Its
// CSRs are an app's CSRs under the IdP (IdPCSRRoutes, csrs.go).

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
