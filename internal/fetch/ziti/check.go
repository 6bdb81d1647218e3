package ziti

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// ErrNotAdmin is the admin probe's error for an identity whose session is valid but which
// the controller refuses the admin lists (it answers 401 UNAUTHORIZED, not 403, to an
// identity without admin rights). It matches fetch.ErrForbidden.
var ErrNotAdmin = fmt.Errorf("the identity is not an administrator, which ziti_identities, ziti_identity_authenticators and ziti_enrollments need: %w", fetch.ErrForbidden)

// Probes are the calls CheckAccess makes after logging in: the current API session (any
// identity: every table of the current identity), then one identity (an administrator,
// which the tables of the whole network need).
var Probes = []routes.Route{zitiroutes.CurrentSession, zitiroutes.ListIdentities}

// CheckAccess logs in if needed and makes the Probes, the list asked for one item.
// Detail names the identity logged in as.
func (c *Client) CheckAccess(ctx context.Context) []fetch.Check {
	ctx = fetch.BypassCache(ctx)
	s, err := c.CurrentAPISession(ctx)
	session := fetch.Check{Op: zitiroutes.CurrentSession.Op(), Needs: zitiroutes.Authenticate.Needs, Err: err}
	if err != nil {
		return []fetch.Check{session}
	}
	session.Detail = "identity " + s.Identity.Name
	var page json.RawMessage
	req := fetch.NewRequest(zitiroutes.ListIdentities)
	req.Query, req.Into, req.NoStore = url.Values{"limit": {"1"}}, &page, true
	_, err = c.c.Do(ctx, req)
	var ae *fetch.APIError
	if errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden) {
		// The credential is good (the session read succeeded): fetch's hint about a
		// rejected credential does not apply.
		cp := *ae
		cp.Hint = ""
		err = fmt.Errorf("%w (%w)", ErrNotAdmin, &cp)
	}
	admin := fetch.Check{Op: req.Op, Needs: zitiroutes.ListIdentities.Needs, Err: err}
	if err == nil {
		admin.Detail = "identity " + s.Identity.Name + ", administrator"
	}
	return []fetch.Check{session, admin}
}
