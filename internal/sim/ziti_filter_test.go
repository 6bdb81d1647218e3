package sim_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

func TestZitiListFilter(t *testing.T) {
	_, base, _ := newZiti(t, sim.Options{PageSize: 2})
	c := zitiLogin(t, base)
	_, all := zitiListAll(t, c, 500, "")
	var updbID, certID, fp, identity string
	for _, a := range all {
		identity = a["identityId"].(string)
		if a["method"] == "updb" {
			updbID = a["id"].(string)
		} else if certID == "" {
			certID, fp = a["id"].(string), a["fingerprint"].(string)
		}
	}
	for _, tc := range []struct {
		filter string
		want   int
	}{
		{`method = "cert"`, 5},
		{`method="updb"`, 1},
		{`method != "cert"`, 1},
		{fmt.Sprintf(`id in ["%s", "%s"]`, updbID, certID), 2},
		{fmt.Sprintf(`id = "%s"`, certID), 1},
		{fmt.Sprintf(`certFingerprint = "%s"`, fp), 1},
		{`isIssuedByNetwork = true`, 3},
		{`method = "cert" and isIssuedByNetwork = false`, 2},
		{`(method = "cert" and isIssuedByNetwork = false) or updbUsername = "credsql-bot"`, 3},
		{`method = "cert" and (not isIssuedByNetwork)`, 2},
		{`not isIssuedByNetwork and method = "cert"`, 3}, // not takes the rest: not (a and b)
		{`updbUsername != "nobody"`, 1},                  // null compares false
		{`certPem = null`, 1},
		{fmt.Sprintf(`identity = "%s"`, identity), 6},
		{`tags.owner = "partner"`, 1},
		{`method in ["cert"] and lastAuthResolvedToRoot = false`, 1},
		{`createdAt < datetime(2000-01-01T00:00:00Z)`, 0},
		{`method = "cert" sort by id desc limit 2`, 5},
		{`METHOD = "cert"`, -1},
	} {
		t.Run(tc.filter, func(t *testing.T) {
			q := url.Values{"filter": {tc.filter}}
			r := c.do("GET", "/current-identity/authenticators?"+q.Encode(), nil)
			if tc.want < 0 {
				wantZitiError(t, r, 400, "INVALID_FILTER")
				return
			}
			if r.status != 200 || zget(r.body, "meta", "pagination", "totalCount") != float64(tc.want) {
				t.Fatalf("got %d totalCount %v, want %d", r.status, zget(r.body, "meta", "pagination", "totalCount"), tc.want)
			}
		})
	}
	q := url.Values{"filter": {`username = "credsql-bot"`}}
	r := c.do("GET", "/current-identity/authenticators?"+q.Encode(), nil)
	wantZitiError(t, r, 400, "INVALID_FILTER")
	if cause := zget(r.body, "error", "cause"); fmt.Sprint(cause) != "map[code:UNHANDLED message:unknown symbol 'username']" {
		t.Errorf("cause: %v", cause)
	}
	for _, bad := range []string{`method = 'cert'`, `method =`, `(method = "cert"`, `id in []`, `identity.name = "x"`, `method = "cert" and`, `isIssuedByNetwork > true`} {
		q := url.Values{"filter": {bad}}
		wantZitiError(t, c.do("GET", "/current-identity/authenticators?"+q.Encode(), nil), 400, "INVALID_FILTER")
	}
	r = c.do("GET", "/current-identity/authenticators?limit=500&"+url.Values{"filter": {`method = "cert" sort by id desc`}}.Encode(), nil)
	data := r.body["data"].([]any)
	if len(data) != 2 || data[0].(map[string]any)["id"].(string) < data[1].(map[string]any)["id"].(string) {
		t.Errorf("sort by id desc: %v", data)
	}
}
