package opa

import (
	"context"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
)

// Check is the outcome of one access probe.
type Check struct {
	Op    string // route template of the call
	Needs string // what the call needs
	Err   error  // nil when the call succeeded
}

// CheckAccess issues a bearer token if needed and lists one service user of the team
// (GET /v1/teams/{team_name}/service_users?count=1), bypassing the cache. A 401 means the key id
// or secret was rejected; a 403 that the service user lacks a role that can list service users.
func (c *Client) CheckAccess(ctx context.Context) Check {
	req := &fetch.Request{Op: "GET " + usersPath, Path: fetch.Path(usersPath, c.team), Query: url.Values{"count": {"1"}}, NoStore: true}
	var page struct {
		List []any `json:"list"`
	}
	req.Into = &page
	_, err := c.c.Do(fetch.BypassCache(ctx), req)
	return Check{Op: req.Op, Needs: "a role that can list the team's service users", Err: err}
}
