package tables

import (
	"context"
	"errors"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/ziti"
)

// noRowsIfGone ends a listing answered 404 on its first call without an error: the
// authenticators of an identity that does not exist are no rows, as a get of a missing key is.
func noRowsIfGone[T any](seq iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		first := true
		for it, err := range seq {
			if err != nil && first && errors.Is(err, fetch.ErrNotFound) {
				return
			}
			first = false
			if !yield(it, err) {
				return
			}
		}
	}
}

var zitiIdentityAuthenticators = &Table[zitiAuthenticator]{
	Name: "ziti_identity_authenticators",
	Doc: "Authenticators (username/password and client certificates) of every identity of the OpenZiti network, " +
		"with the certificates decoded. Needs an administrator identity.",
	Vendor:   Ziti,
	Route:    zitiroutes.ListAuthenticators,
	GetRoute: zitiroutes.GetAuthenticator,
	Reads:    []routes.Route{zitiroutes.ListIdentityAuthenticators},
	Keys:     []string{"id"},
	// identity_id pinned reads that identity's authenticators alone
	// (zitiroutes.ListIdentityAuthenticators); method is pushed into the list's filter.
	Filters: []string{"identity_id", "method"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[zitiAuthenticator, error] {
		if id := k.Str("identity_id"); id != "" {
			return zitiAuthenticatorSeq(noRowsIfGone(c.Ziti.IdentityAuthenticators(ctx, id)))
		}
		return zitiAuthenticatorSeq(c.Ziti.AllAuthenticators(ctx, ziti.AllAuthenticatorsFilter{Method: k.Str("method")}))
	},
	Get: func(ctx context.Context, c *Conn, k Values) (zitiAuthenticator, error) {
		a, err := c.Ziti.AnyAuthenticator(ctx, k.Str("id"))
		return newZitiAuthenticator(a), err
	},
	// The columns of ziti_authenticators: the same objects, seen for every identity.
	Columns: zitiAuthenticators.Columns,
	Delete: func(ctx context.Context, c *Conn, k Values) error {
		id := k.Str("id")
		if err := guardOwnAuthenticator(ctx, c, id); err != nil {
			return err
		}
		return c.Ziti.DeleteAuthenticator(ctx, id)
	},
	DeleteDoc: "the identity can no longer log in with that password or certificate. " +
		"Refused for the authenticator the connection logged in with (read from the API session first) unless credsql_force is on",
	DeleteRoutes: []routes.Route{zitiroutes.CurrentSession, zitiroutes.DeleteAuthenticator},
	Examples: []Example{
		{"Certificates of every identity that expire within 90 days", "SELECT identity_name, id, cert_not_after FROM ziti_identity_authenticators WHERE method = 'cert' AND cert_not_after < NOW() + INTERVAL 90 DAY ORDER BY cert_not_after"},
		{"Identities logging in with a certificate not issued by the network", "SELECT identity_name, cert_issuer FROM ziti_identity_authenticators WHERE method = 'cert' AND NOT is_issued_by_network ORDER BY identity_name"},
	},
}
