package ziti

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// EntityRef names a related entity.
type EntityRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Entity string `json:"entity"`
}

// Authenticator is an authenticatorDetail (docs/vendors/ziti.md §3.1): updb (username and
// password) or cert. Booleans the controller omits are false.
type Authenticator struct {
	ID                     string         `json:"id"`
	Method                 string         `json:"method"`
	Username               string         `json:"username"`
	CertPEM                string         `json:"certPem"`
	Fingerprint            string         `json:"fingerprint"`
	IdentityID             string         `json:"identityId"`
	Identity               EntityRef      `json:"identity"`
	IsIssuedByNetwork      bool           `json:"isIssuedByNetwork"`
	IsExtendRequested      bool           `json:"isExtendRequested"`
	IsKeyRollRequested     bool           `json:"isKeyRollRequested"`
	ExtendRequestedAt      *time.Time     `json:"extendRequestedAt"`
	LastAuthResolvedToRoot bool           `json:"lastAuthResolvedToRoot"`
	CreatedAt              time.Time      `json:"createdAt"`
	UpdatedAt              time.Time      `json:"updatedAt"`
	Tags                   map[string]any `json:"tags"`
}

// Authenticators lists the current identity's authenticators, PageSize per page, narrowed on
// the controller by f.
func (c *Client) Authenticators(ctx context.Context, f Filter) iter.Seq2[Authenticator, error] {
	req := fetch.NewRequest(zitiroutes.ListMyAuthenticators)
	if q := f.String(); q != "" {
		req.Query = url.Values{"filter": {q}}
	}
	return fetch.OffsetPages[Authenticator](ctx, c.c, req, PageSize)
}

// Authenticator gets one authenticator of the current identity.
func (c *Client) Authenticator(ctx context.Context, id string) (Authenticator, error) {
	return data[Authenticator](ctx, c, fetch.NewRequest(zitiroutes.GetMyAuthenticator, id))
}

// AuthenticatorUpdate is the PUT body: every field is replaced, tags included (nil = {}).
type AuthenticatorUpdate struct {
	Username        string         `json:"username"`
	Password        string         `json:"password"`
	CurrentPassword string         `json:"currentPassword"`
	Tags            map[string]any `json:"tags,omitempty"`
}

// AuthenticatorPatch is the PATCH body: nil fields are left unchanged.
type AuthenticatorPatch struct {
	CurrentPassword string         `json:"currentPassword"`
	Username        *string        `json:"username,omitempty"`
	Password        *string        `json:"password,omitempty"`
	Tags            map[string]any `json:"tags,omitempty"`
}

// UpdateAuthenticator replaces a updb authenticator's username and password. A wrong
// CurrentPassword is a 401 that never causes a new login (see auth.Stale).
func (c *Client) UpdateAuthenticator(ctx context.Context, id string, u AuthenticatorUpdate) error {
	req := fetch.NewRequest(zitiroutes.UpdateAuthenticator, id)
	req.Body, req.Secrets = u, []string{u.Password, u.CurrentPassword}
	_, err := c.c.Do(ctx, req)
	return err
}

// PatchAuthenticator changes the given fields of a updb authenticator.
func (c *Client) PatchAuthenticator(ctx context.Context, id string, p AuthenticatorPatch) error {
	secrets := []string{p.CurrentPassword}
	if p.Password != nil {
		secrets = append(secrets, *p.Password)
	}
	req := fetch.NewRequest(zitiroutes.PatchAuthenticator, id)
	req.Body, req.Secrets = p, secrets
	_, err := c.c.Do(ctx, req)
	return err
}

// Extension is what extend returns: the new client certificate and the controller's CA
// bundle, both PEM.
type Extension struct {
	ClientCert string `json:"clientCert"`
	CA         string `json:"ca"`
}

// Extend asks the controller to sign a CSR for a network-issued cert authenticator. The
// controller requires the current certificate over mTLS, so the client must log in with it.
// The old certificate stays valid until ExtendVerify.
func (c *Client) Extend(ctx context.Context, id, csrPEM string) (Extension, error) {
	if !c.mtls {
		return Extension{}, fmt.Errorf("the controller extends authenticator %s only over mTLS with its current client certificate; configure the connection with a client certificate and key", id)
	}
	req := fetch.NewRequest(zitiroutes.Extend, id)
	req.Body = map[string]string{"clientCertCsr": csrPEM}
	return data[Extension](ctx, c, req)
}

// ExtendVerify confirms the certificate Extend returned; from then on logins must use it.
func (c *Client) ExtendVerify(ctx context.Context, id, certPEM string) error {
	req := fetch.NewRequest(zitiroutes.ExtendVerify, id)
	req.Body = map[string]string{"clientCert": certPEM}
	_, err := c.c.Do(ctx, req)
	return err
}
