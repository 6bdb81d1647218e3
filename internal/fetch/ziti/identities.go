package ziti

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// The admin views of the whole network (docs/vendors/ziti.md §7): every identity and every
// identity's authenticators. They need an administrator identity; the controller answers
// anyone else 401.

// Identity is an identityDetail. Fields the controller omits decode as zero values.
type Identity struct {
	ID                         string         `json:"id"`
	Name                       string         `json:"name"`
	TypeID                     string         `json:"typeId"`
	Type                       EntityRef      `json:"type"`
	IsAdmin                    bool           `json:"isAdmin"`
	IsDefaultAdmin             bool           `json:"isDefaultAdmin"`
	Disabled                   bool           `json:"disabled"`
	DisabledAt                 *time.Time     `json:"disabledAt"`
	DisabledUntil              *time.Time     `json:"disabledUntil"`
	AuthPolicyID               string         `json:"authPolicyId"`
	AuthPolicy                 EntityRef      `json:"authPolicy"`
	ExternalID                 *string        `json:"externalId"`
	HasAPISession              bool           `json:"hasApiSession"`
	HasEdgeRouterConnection    bool           `json:"hasEdgeRouterConnection"`
	EdgeRouterConnectionStatus string         `json:"edgeRouterConnectionStatus"`
	IsMFAEnabled               bool           `json:"isMfaEnabled"`
	RoleAttributes             []string       `json:"roleAttributes"`
	Authenticators             map[string]any `json:"authenticators"`
	// Enrollment is identityEnrollments: {ott|ottca|updb: {id, token, jwt, expiresAt}}. The
	// token and JWT are one-time secrets; Enrollments below drops them.
	Enrollment map[string]IdentityEnrollment `json:"enrollment"`
	EnvInfo    map[string]any                `json:"envInfo"`
	SDKInfo    map[string]any                `json:"sdkInfo"`
	CreatedAt  time.Time                     `json:"createdAt"`
	UpdatedAt  time.Time                     `json:"updatedAt"`
	Tags       map[string]any                `json:"tags"`
}

// IdentityEnrollment is one pending enrollment as an identity lists it.
type IdentityEnrollment struct {
	ID        string    `json:"id"`
	Token     string    `json:"token"`
	JWT       string    `json:"jwt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// PendingEnrollments returns the identity's pending enrollments by method, without their
// token and JWT: {"ott": {"id": ..., "expiresAt": ...}}.
func (i Identity) PendingEnrollments() map[string]any {
	if len(i.Enrollment) == 0 {
		return nil
	}
	out := map[string]any{}
	for m, e := range i.Enrollment {
		v := map[string]any{"id": e.ID}
		if !e.ExpiresAt.IsZero() {
			v["expiresAt"] = e.ExpiresAt.UTC().Format(time.RFC3339Nano)
		}
		out[m] = v
	}
	return out
}

const ()

// IdentityFilter narrows the identity listing: name = "...". The identities' filter symbols
// are not confirmed by the contract, so a controller that refuses the filter is asked again
// without it (the engine re-checks every row).
type IdentityFilter struct {
	Name string
}

func (f IdentityFilter) String() string {
	if f.Name == "" {
		return ""
	}
	t, _ := Eq("name", f.Name)
	return t
}

// Identities lists every identity of the network, PageSize per page.
func (c *Client) Identities(ctx context.Context, f IdentityFilter) iter.Seq2[Identity, error] {
	// Identities carry their pending enrollments' tokens: the answers are never cached.
	return listFiltered[Identity](ctx, c, zitiroutes.ListIdentities, f.String(), true)
}

// Identity gets one identity.
func (c *Client) Identity(ctx context.Context, id string) (Identity, error) {
	req := fetch.NewRequest(zitiroutes.GetIdentity, id)
	req.NoStore = true
	return data[Identity](ctx, c, req)
}

// AllAuthenticatorsFilter narrows zitiroutes.ListAuthenticators: method = "..." and identity = "...".
type AllAuthenticatorsFilter struct {
	Method     string
	IdentityID string
}

func (f AllAuthenticatorsFilter) String() string {
	return and(eqIf("method", f.Method), eqIf("identity", f.IdentityID))
}

// AllAuthenticators lists the authenticators of every identity, PageSize per page.
func (c *Client) AllAuthenticators(ctx context.Context, f AllAuthenticatorsFilter) iter.Seq2[Authenticator, error] {
	return listFiltered[Authenticator](ctx, c, zitiroutes.ListAuthenticators, f.String(), false)
}

// IdentityAuthenticators lists one identity's authenticators with
// zitiroutes.ListIdentityAuthenticators, which takes no paging or filter parameters: one call
// answers with all of them. An unknown identity is a 404.
func (c *Client) IdentityAuthenticators(ctx context.Context, identityID string) iter.Seq2[Authenticator, error] {
	return func(yield func(Authenticator, error) bool) {
		all, err := data[[]Authenticator](ctx, c, fetch.NewRequest(zitiroutes.ListIdentityAuthenticators, identityID))
		if err != nil {
			yield(Authenticator{}, err)
			return
		}
		for _, a := range all {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// AnyAuthenticator gets one authenticator of any identity.
func (c *Client) AnyAuthenticator(ctx context.Context, id string) (Authenticator, error) {
	return data[Authenticator](ctx, c, fetch.NewRequest(zitiroutes.GetAuthenticator, id))
}

// DeleteAuthenticator deletes an authenticator of any identity: a password or certificate it
// can no longer log in with.
func (c *Client) DeleteAuthenticator(ctx context.Context, id string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(zitiroutes.DeleteAuthenticator, id))
	return err
}

// SessionAuthenticator returns the identity and the authenticator the connection's API
// session logged in with (for the guards that keep credsql from locking itself out).
func (c *Client) SessionAuthenticator(ctx context.Context) (identityID, authenticatorID string, err error) {
	s, err := c.CurrentAPISession(ctx)
	return s.IdentityID, s.AuthenticatorID, err
}

// data sends req and returns the data of the controller's envelope ({"data": ..., "meta": ...}).
func data[T any](ctx context.Context, c *Client, req *fetch.Request) (T, error) {
	env, err := fetch.Decode[struct {
		Data T `json:"data"`
	}](ctx, c.c, req)
	return env.Data, err
}

// listFiltered pages through path with a ZitiQL filter. The filter symbols of the admin
// lists are partly unconfirmed (docs/vendors/ziti.md §7): when the controller refuses the
// filter (400 INVALID_FILTER) on the first page, the listing starts again without it, since
// the engine re-checks every row anyway.
func listFiltered[T any](ctx context.Context, c *Client, route routes.Route, filter string, noStore bool) iter.Seq2[T, error] {
	page := func(filter string) iter.Seq2[T, error] {
		req := fetch.NewRequest(route)
		req.NoStore = noStore
		if filter != "" {
			req.Query = url.Values{"filter": {filter}}
		}
		return fetch.OffsetPages[T](ctx, c.c, req, PageSize)
	}
	return func(yield func(T, error) bool) {
		first := true
		for it, err := range page(filter) {
			if err != nil && first && filter != "" && filterRefused(err) {
				for it, err := range page("") {
					if !yield(it, err) || err != nil {
						return
					}
				}
				return
			}
			first = false
			if !yield(it, err) || err != nil {
				return
			}
		}
	}
}

// filterRefused reports a 400 INVALID_FILTER.
func filterRefused(err error) bool {
	var ae *fetch.APIError
	return errors.As(err, &ae) && ae.Status == 400 && ae.Code == "INVALID_FILTER"
}

func eqIf(symbol, value string) string {
	if value == "" {
		return ""
	}
	t, _ := Eq(symbol, value)
	return t
}

// and joins non-empty terms with `and`; each term is parenthesised already.
func and(terms ...string) string {
	var out []string
	for _, t := range terms {
		if t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " and ")
}

// adminOps are the calls only an administrator may make: the catalog's routes that need
// zitiroutes.Admin.
var adminOps = map[string]bool{}

func init() {
	for _, r := range zitiroutes.All {
		if r.Needs == zitiroutes.Admin {
			adminOps[r.Op()] = true
		}
	}
}

// notAdmin turns the final 401 of an admin call into the 403 it means. The controller
// answers 401 UNAUTHORIZED to an identity without admin rights; by the time the error is
// final the session was renewed once (or was a given token the controller did not call
// invalid or expired), so the credential is good and the identity lacks the right. Left a
// 401, it would mark the whole connection's credential rejected and stop every later query
// of a scheduled run.
func notAdmin(resp *fetch.Response, e *fetch.APIError) {
	if e.Status != http.StatusUnauthorized || !adminOps[e.Op] {
		return
	}
	if challenges := resp.Header.Values("WWW-Authenticate"); len(challenges) > 0 && sessionRejected(resp) {
		return // the controller said the session is invalid or expired
	}
	e.Status = http.StatusForbidden
	e.Causes = append(e.Causes, "the controller answered 401 to a valid session: the identity is not an administrator, which "+
		"ziti_identities, ziti_identity_authenticators and ziti_enrollments need")
}
