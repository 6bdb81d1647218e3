package opa

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// ServiceUser is a User (docs/vendors/opa.md §2.1).
type ServiceUser struct {
	TeamName                 string          `json:"team_name"`
	ID                       string          `json:"id"`
	Name                     string          `json:"name"`
	Status                   string          `json:"status"` // ACTIVE, DISABLED, DELETED
	UserType                 string          `json:"user_type"`
	Details                  json.RawMessage `json:"details"` // null for service users
	DeletedAt                *time.Time      `json:"deleted_at"`
	OAuthClientApplicationID *string         `json:"oauth_client_application_id"`
	RoleGrants               []string        `json:"role_grants"`
}

// Key is a service user's API key (§2.6). ExpiresAt is the zero time when the key never
// expires: OPA sends "0001-01-01T00:00:00Z" for that.
type Key struct {
	ID        string     `json:"id"`
	IssuedAt  time.Time  `json:"issued_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	LastUsed  *time.Time `json:"last_used"`
}

// KeyWithSecret is a newly created key with its secret, which OPA shows only once.
type KeyWithSecret struct {
	Key
	Secret string `json:"secret"`
}

// UserFilter narrows a service-user listing on the server.
type UserFilter struct {
	Status []string // ACTIVE, DISABLED, DELETED; sent as repeated status parameters
}

// pageCount is the page size asked for; it is also OPA's default (§3).
const pageCount = "100"

func decodeList[T any](b []byte) ([]T, error) {
	var page struct {
		List []T `json:"list"`
	}
	err := json.Unmarshal(b, &page)
	return page.List, err
}

// ServiceUsers lists the team's service users, deleted ones included unless f excludes them.
// Pages follow Link rel="next" as given; the offset cursor is opaque.
func (c *Client) ServiceUsers(ctx context.Context, f UserFilter) iter.Seq2[ServiceUser, error] {
	q := url.Values{"count": {pageCount}}
	for _, s := range f.Status {
		q.Add("status", s)
	}
	req := fetch.NewRequest(oparoutes.ListServiceUsers, c.team)
	req.Query = q
	return fetch.LinkPages(ctx, c.c, req, decodeList[ServiceUser])
}

// ServiceUser gets a service user by name.
func (c *Client) ServiceUser(ctx context.Context, name string) (ServiceUser, error) {
	return fetch.Decode[ServiceUser](ctx, c.c, fetch.NewRequest(oparoutes.GetServiceUser, c.team, name))
}

// CreateServiceUser creates an active service user.
func (c *Client) CreateServiceUser(ctx context.Context, name string) (ServiceUser, error) {
	req := fetch.NewRequest(oparoutes.CreateServiceUser, c.team)
	req.Body = map[string]string{"name": name}
	return fetch.Decode[ServiceUser](ctx, c.c, req)
}

// UserUpdate is the PUT body; OPA requires both fields (§2.5). Status DELETED is the soft
// delete.
type UserUpdate struct {
	Name   string `json:"name"`
	Status string `json:"status"`
}

// UpdateServiceUser changes a service user's status (and name). A rename is never sent
// twice: once applied, the old name no longer exists.
func (c *Client) UpdateServiceUser(ctx context.Context, name string, u UserUpdate) (ServiceUser, error) {
	req := fetch.NewRequest(oparoutes.UpdateServiceUser, c.team, name)
	req.Body = u
	req.Idempotent = req.Idempotent && u.Name == name
	return fetch.Decode[ServiceUser](ctx, c.c, req)
}

// Keys lists a service user's API keys, without secrets.
func (c *Client) Keys(ctx context.Context, user string) iter.Seq2[Key, error] {
	req := fetch.NewRequest(oparoutes.ListKeys, c.team, user)
	return fetch.LinkPages(ctx, c.c, req, decodeList[Key])
}

// RotateKey creates a key for the user and puts an expiry on the user's other keys. The
// secret in the answer is shown once: it is returned to the caller, never cached, and masked
// in every error and log line of the connection from now on.
func (c *Client) RotateKey(ctx context.Context, user string) (KeyWithSecret, error) {
	var k KeyWithSecret
	req := fetch.NewRequest(oparoutes.RotateKey, c.team, user)
	req.Into, req.NoStore = &k, true
	_, err := c.c.Do(ctx, req)
	if k.Secret != "" {
		c.c.AddSecret(k.Secret)
	}
	return k, err
}

// DeleteKey deletes one of a user's keys; the key can no longer issue tokens.
func (c *Client) DeleteKey(ctx context.Context, user, keyID string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(oparoutes.DeleteKey, c.team, user, keyID))
	return err
}
