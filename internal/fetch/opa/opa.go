// Package opa is the Okta Privileged Access API client of credsql: the service-token login,
// service users and their API keys. The contract is docs/vendors/opa.md.
package opa

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// renewBefore is how long before expires_at a bearer token is replaced (the Okta SDK renews
// within the last two minutes, docs/vendors/opa.md §1).
const renewBefore = 2 * time.Minute

// Options configure a client.
type Options struct {
	Connection string
	URL        string // https://acme.pam.okta.com
	Team       string
	KeyID      string
	KeySecret  string
	fetch.Tuning
	// Hint names where the key comes from, for 401 errors.
	Hint string
	// TeamHint names where the team name comes from, for a token call that finds no team.
	TeamHint string
	// Now is the local clock token lifetimes are measured with (time.Now when nil).
	Now func() time.Time
}

// Client calls one OPA team as one service user.
type Client struct {
	c     *fetch.Client
	team  string
	keyID string
}

// New returns a client; the first call issues the bearer token.
func New(o Options) (*Client, error) {
	if o.Team == "" || o.KeyID == "" || o.KeySecret == "" {
		return nil, fmt.Errorf("Okta Privileged Access connection %q: the team, key id and key secret are all required", o.Connection)
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	a := &auth{conn: o.Connection, team: o.Team, keyID: o.KeyID, keySecret: o.KeySecret, teamHint: o.TeamHint, now: now}
	a.cred.Now = now
	c, err := fetch.New(fetch.Config{
		Vendor:     fetch.OPA,
		Connection: o.Connection,
		BaseURL:    o.URL,
		Auth:       a,
		ParseError: parseError,
		RateStyle:  fetch.RateOPA,
		// Not documented for OPA (docs/vendors/opa.md §0: no request id): the common header,
		// shown in errors when the vendor sends it.
		RequestIDHeader: "X-Request-Id",
		Tuning:          o.Tuning,
		Secrets:         []string{o.KeySecret},
		Hint:            o.Hint,
		Writes:          Writes,
	})
	if err != nil {
		return nil, err
	}
	return &Client{c: c, team: o.Team, keyID: o.KeyID}, nil
}

// KeyID is the id of the service-user API key the client authenticates with.
func (c *Client) KeyID() string { return c.keyID }

// HTTP returns the underlying fetch client.
func (c *Client) HTTP() *fetch.Client { return c.c }

// auth is the bearer token: issued by the first call that needs one, shared, renewed shortly
// before expires_at, and re-issued once per 401 (fetch.Credential).
type auth struct {
	conn, team, keyID, keySecret string
	teamHint                     string
	cred                         fetch.Credential
	now                          func() time.Time
}

func (a *auth) Apply(ctx context.Context, c *fetch.Client, h http.Header) (string, error) {
	tok, err := a.cred.Get(ctx, func(ctx context.Context) (string, time.Time, error) { return a.issue(ctx, c) })
	if err != nil {
		return "", err
	}
	h.Set("Authorization", "Bearer "+tok)
	return tok, nil
}

// Stale is true for every 401: "Auth tokens may expire at any time" (docs/vendors/opa.md §1).
// The client retries once; a second 401 is a real authorization error.
func (a *auth) Stale(cred string, _ *fetch.Response) bool {
	a.cred.Drop(cred)
	return true
}

func (a *auth) issue(ctx context.Context, c *fetch.Client) (string, time.Time, error) {
	var out struct {
		BearerToken string    `json:"bearer_token"`
		ExpiresAt   time.Time `json:"expires_at"`
		TeamName    string    `json:"team_name"`
	}
	req := fetch.NewRequest(oparoutes.IssueToken, a.team)
	req.Body, req.NoAuth, req.Into = map[string]string{"key_id": a.keyID, "key_secret": a.keySecret}, true, &out
	resp, err := c.Do(ctx, req)
	var ae *fetch.APIError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound && ae.Hint == "" {
		ae.Hint = fmt.Sprintf("Team %q was not found: check the team name (%s).", a.team, a.teamHint)
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue service token: %w", err)
	}
	if out.BearerToken == "" {
		return "", time.Time{}, fmt.Errorf("Okta Privileged Access connection %q: the service token answer has no bearer_token", a.conn)
	}
	c.AddSecret(out.BearerToken)
	if !strings.EqualFold(out.TeamName, a.team) {
		return "", time.Time{}, fmt.Errorf("Okta Privileged Access connection %q: the key belongs to team %q, not the configured team %q (%s)",
			a.conn, out.TeamName, a.team, a.teamHint)
	}
	return out.BearerToken, renewAt(a.now(), localExpiry(a.now(), resp.Header, out.ExpiresAt)), nil
}

// localExpiry converts expires_at into local time, measured against the response's Date
// header when there is one (as serverTime does for rate limits), so that a skewed local clock
// neither renews every token at once nor keeps one past its expiry.
func localExpiry(now time.Time, h http.Header, expires time.Time) time.Time {
	if expires.IsZero() {
		return expires
	}
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		return now.Add(expires.Sub(date))
	}
	return expires
}

// renewAt is renewBefore ahead of expiry, or halfway for a token that lives shorter than
// twice that; zero (renew only on 401) when the expiry is unknown.
func renewAt(now, expires time.Time) time.Time {
	if expires.IsZero() {
		return time.Time{}
	}
	margin := min(renewBefore, expires.Sub(now)/2)
	return expires.Add(-max(margin, 0))
}

// parseError reads OPA's error body, whose shape is unverified (docs/vendors/opa.md §4.2): the
// error name in type, error or nottype (or a string code), a message, and optionally errors or
// error_cause.
// A 403 body may list the caller's permissions and is not shown.
func parseError(resp *fetch.Response, e *fetch.APIError) {
	var body struct {
		Type       string `json:"type"`
		Error      any    `json:"error"`
		NotType    string `json:"nottype"`
		Code       any    `json:"code"` // the HTTP status as a number; a name in some bodies
		Message    string `json:"message"`
		Errors     []struct{ Path, Message string }
		ErrorCause []struct {
			Error    string `json:"error"`
			Location string `json:"location"`
		} `json:"error_cause"`
	}
	if json.Unmarshal(resp.Body, &body) != nil {
		if resp.Status != http.StatusForbidden && len(resp.Body) > 0 && !strings.HasPrefix(strings.TrimSpace(string(resp.Body)), "<") {
			e.Message = truncate(string(resp.Body), 200)
		}
		return
	}
	errName, _ := body.Error.(string)
	codeName, _ := body.Code.(string)
	for _, s := range []string{body.Type, errName, body.NotType, codeName} {
		if s != "" {
			e.Code = s
			break
		}
	}
	e.Message = body.Message
	if e.Message == "" && errName != "" && errName != e.Code {
		e.Message = errName
	}
	if resp.Status == http.StatusForbidden {
		return
	}
	for _, x := range body.Errors {
		e.Causes = append(e.Causes, strings.TrimPrefix(x.Path+": "+x.Message, ": "))
	}
	for _, x := range body.ErrorCause {
		e.Causes = append(e.Causes, strings.TrimPrefix(x.Location+": "+x.Error, ": "))
	}
}

func truncate(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
