package okta

import (
	"context"
	"iter"
	"net/url"
	"strconv"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// JSONWebKey is an application key credential (okta.md §3.2) or an IdP key (§3.5).
type JSONWebKey struct {
	Kid         string   `json:"kid"`
	Kty         string   `json:"kty"`
	Alg         string   `json:"alg"`
	Use         string   `json:"use"`
	Created     Time     `json:"created"`
	LastUpdated Time     `json:"lastUpdated"`
	ExpiresAt   Time     `json:"expiresAt"`
	E           string   `json:"e"`
	N           string   `json:"n"`
	X           string   `json:"x"`
	Y           string   `json:"y"`
	Crv         string   `json:"crv"`
	X5C         []string `json:"x5c"`
	X5TS256     string   `json:"x5t#S256"`
}

// AppKeys lists an application's key credentials.
func (c *Client) AppKeys(ctx context.Context, appID string) iter.Seq2[JSONWebKey, error] {
	return list[JSONWebKey](ctx, c, oktaroutes.ListAppKeys, nil, appID)
}

// AppKey gets one key credential by kid.
func (c *Client) AppKey(ctx context.Context, appID, kid string) (JSONWebKey, error) {
	return get[JSONWebKey](ctx, c, oktaroutes.GetAppKey, appID, kid)
}

// GenerateAppKey creates a new key credential valid for validityYears (2–10).
func (c *Client) GenerateAppKey(ctx context.Context, appID string, validityYears int) (JSONWebKey, error) {
	var k JSONWebKey
	req := fetch.NewRequest(oktaroutes.GenerateAppKey, appID)
	req.Query, req.Into = url.Values{"validityYears": {strconv.Itoa(validityYears)}}, &k
	_, err := c.c.Do(ctx, req)
	return k, err
}

// CloneAppKey copies a key credential to another application.
func (c *Client) CloneAppKey(ctx context.Context, appID, kid, targetAppID string) (JSONWebKey, error) {
	var k JSONWebKey
	req := fetch.NewRequest(oktaroutes.CloneAppKey, appID, kid)
	req.Query, req.Into = url.Values{"targetAid": {targetAppID}}, &k
	_, err := c.c.Do(ctx, req)
	return k, err
}
