package opa

import (
	"context"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// Probes are the calls CheckAccess makes after issuing a token: one service user of the team.
var Probes = []routes.Route{oparoutes.ListServiceUsers}

// CheckAccess issues a bearer token if needed and lists one service user of the team
// (oparoutes.ListServiceUsers with count=1), bypassing the cache. A 401 means the key id
// or secret was rejected; a 403 that the service user lacks a role that can list service users.
// Detail names the team.
func (c *Client) CheckAccess(ctx context.Context) fetch.Check {
	req := fetch.NewRequest(oparoutes.ListServiceUsers, c.team)
	req.Query, req.NoStore = url.Values{"count": {"1"}}, true
	var page struct {
		List []any `json:"list"`
	}
	req.Into = &page
	_, err := c.c.Do(fetch.BypassCache(ctx), req)
	ch := fetch.Check{Op: req.Op, Needs: oparoutes.ListServiceUsers.Needs, Err: err}
	if err == nil {
		ch.Detail = "team " + c.team
	}
	return ch
}
