package ziti

import (
	"context"
	"errors"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// APISession is a currentApiSessionDetail (docs/vendors/ziti.md §2.1).
type APISession struct {
	ID                string         `json:"id"`
	Token             string         `json:"token"`
	IdentityID        string         `json:"identityId"`
	Identity          EntityRef      `json:"identity"`
	AuthenticatorID   string         `json:"authenticatorId"`
	IPAddress         string         `json:"ipAddress"`
	ExpiresAt         time.Time      `json:"expiresAt"`
	ExpirationSeconds int64          `json:"expirationSeconds"`
	LastActivityAt    time.Time      `json:"lastActivityAt"`
	IsMFARequired     bool           `json:"isMfaRequired"`
	IsMFAComplete     bool           `json:"isMfaComplete"`
	IsCertExtendable  bool           `json:"isCertExtendable"`
	AuthQueries       []AuthQuery    `json:"authQueries"`
	ConfigTypes       []string       `json:"configTypes"`
	CreatedAt         time.Time      `json:"createdAt"`
	UpdatedAt         time.Time      `json:"updatedAt"`
	Tags              map[string]any `json:"tags"`
}

// AuthQuery is a pending authentication step (MFA) of a partially authenticated session.
type AuthQuery struct {
	TypeID     string `json:"typeId"`
	Provider   string `json:"provider"`
	HTTPMethod string `json:"httpMethod,omitempty"`
	HTTPURL    string `json:"httpUrl,omitempty"`
	Format     string `json:"format,omitempty"`
	MinLength  int    `json:"minLength,omitempty"`
	MaxLength  int    `json:"maxLength,omitempty"`
}

// CurrentAPISession returns the session credsql is logged in with (logging in first if
// needed). The answer holds the token: it is never cached.
func (c *Client) CurrentAPISession(ctx context.Context) (APISession, error) {
	req := fetch.NewRequest(zitiroutes.CurrentSession)
	req.NoStore = true
	return data[APISession](ctx, c, req)
}

// EndSession logs out of the API session credsql opened itself, if any (at exit, so that no
// session is left on the controller until it times out). A session token given by the user is
// theirs and is left alone.
func (c *Client) EndSession(ctx context.Context) error {
	if c.auth.given || c.auth.cred.Current() == "" {
		return nil
	}
	err := c.Logout(ctx)
	if errors.Is(err, ErrNoSession) || errors.Is(err, fetch.ErrUnauthorized) {
		return nil // nothing to end, or the session is gone already
	}
	return err
}

// Logout ends the current API session; the next call logs in again. Without a session it
// returns ErrNoSession and sends nothing.
func (c *Client) Logout(ctx context.Context) error {
	if c.auth.cred.Current() == "" {
		return ErrNoSession
	}
	_, err := c.c.Do(ctx, fetch.NewRequest(zitiroutes.Logout))
	if err != nil {
		return err
	}
	c.auth.cred.Clear()
	return nil
}
