package sim_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

type opaClient struct {
	t     *testing.T
	base  string // .../pam/v1/teams/acme
	token string
}

type opaResp struct {
	status int
	header http.Header
	body   map[string]any
}

func (c *opaClient) do(method, rawURL string, body any) opaResp {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	if !strings.HasPrefix(rawURL, "http") {
		rawURL = c.base + rawURL
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			c.t.Fatalf("%s %s: decode %q: %v", method, rawURL, raw, err)
		}
	}
	return opaResp{resp.StatusCode, resp.Header, m}
}

func (c *opaClient) issue(keyID, secret string) opaResp {
	c.t.Helper()
	return c.do("POST", "/service_token", map[string]string{"key_id": keyID, "key_secret": secret})
}

func newOPA(t *testing.T, opts sim.Options) (*sim.Server, *opaClient) {
	t.Helper()
	srv := sim.New(opts)
	base := srv.Start()
	t.Cleanup(srv.Close)
	o := srv.Options()
	c := &opaClient{t: t, base: base + sim.OPAPrefix + "/v1/teams/" + o.OPATeam}
	r := c.issue(o.OPAKeyID, o.OPAKeySecret)
	if r.status != 200 {
		t.Fatalf("service_token: %d %v", r.status, r.body)
	}
	c.token = r.body["bearer_token"].(string)
	return srv, c
}

func wantOPAError(t *testing.T, r opaResp, status int, typ string) {
	t.Helper()
	if r.status != status || r.body["type"] != typ {
		t.Fatalf("got %d %v, want %d %s", r.status, r.body, status, typ)
	}
}

func TestOPAServiceToken(t *testing.T) {
	clock := sim.NewFakeClock(time.Now())
	srv, c := newOPA(t, sim.Options{OPATokenTTL: time.Second, Clock: clock.Now})
	o := srv.Options()
	anon := &opaClient{t: t, base: c.base}
	wantOPAError(t, anon.issue(o.OPAKeyID, "wrong"), 401, "authentication_error")
	wantOPAError(t, anon.issue("6052868b-1b04-4a14-8288-000000000000", o.OPAKeySecret), 401, "authentication_error")
	other := &opaClient{t: t, base: strings.Replace(c.base, "/teams/acme", "/teams/other", 1)}
	wantOPAError(t, other.issue(o.OPAKeyID, o.OPAKeySecret), 404, "resource_does_not_exist")

	r := anon.issue(o.OPAKeyID, o.OPAKeySecret)
	if r.status != 200 || r.body["team_name"] != "acme" || r.body["bearer_token"] == "" {
		t.Fatalf("service_token: %d %v", r.status, r.body)
	}
	exp, err := time.Parse(time.RFC3339, r.body["expires_at"].(string))
	if err != nil || exp.Before(time.Now()) || exp.After(time.Now().Add(2*time.Second)) {
		t.Errorf("expires_at %v (%v)", r.body["expires_at"], err)
	}
	if r.header.Get("X-RateLimit-Limit") == "" || r.header.Get("X-RateLimit-Remaining") == "" {
		t.Errorf("rate-limit headers missing: %v", r.header)
	}
	if n := srv.OPATokensIssued(); n != 2 {
		t.Errorf("OPATokensIssued = %d, want 2", n)
	}

	wantOPAError(t, anon.do("GET", "/service_users", nil), 401, "authentication_error")
	if r := c.do("GET", "/service_users", nil); r.status != 200 {
		t.Fatalf("list with token: %d", r.status)
	}
	// A token of team acme does not open another team.
	other.token = c.token
	wantOPAError(t, other.do("GET", "/service_users", nil), 401, "authentication_error")

	clock.Advance(1100 * time.Millisecond)
	wantOPAError(t, c.do("GET", "/service_users", nil), 401, "authentication_error")

	c.token = anon.issue(o.OPAKeyID, o.OPAKeySecret).body["bearer_token"].(string)
	if r := c.do("GET", "/service_users", nil); r.status != 200 {
		t.Fatalf("fresh token: %d", r.status)
	}
	srv.ExpireOPATokens()
	wantOPAError(t, c.do("GET", "/service_users", nil), 401, "authentication_error")
}

// opaAll follows rel="next" links verbatim and returns every user listed.
func opaAll(t *testing.T, c *opaClient, first string) (users []map[string]any, pages int) {
	t.Helper()
	next := first
	for next != "" {
		if pages++; pages > 100 {
			t.Fatal("too many pages")
		}
		r := c.do("GET", next, nil)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %v", next, r.status, r.body)
		}
		for _, u := range r.body["list"].([]any) {
			users = append(users, u.(map[string]any))
		}
		next = ""
		for _, l := range r.header.Values("Link") {
			for _, part := range strings.Split(l, ",") {
				if strings.Contains(part, `rel="next"`) {
					next = strings.Trim(strings.TrimSpace(strings.Split(part, ";")[0]), "<>")
				}
			}
		}
		if next != "" {
			u, err := url.Parse(next)
			if err != nil || !u.IsAbs() {
				t.Fatalf("next link not absolute: %q", next)
			}
			if _, err := strconv.Atoi(u.Query().Get("offset")); err == nil || u.Query().Get("offset") == "" {
				t.Fatalf("offset cursor %q is numeric or empty", u.Query().Get("offset"))
			}
			if u.Query().Get("count") == "" {
				t.Fatalf("next link lost count: %q", next)
			}
		}
	}
	return users, pages
}

func TestOPAPagination(t *testing.T) {
	for _, style := range []sim.LinkStyle{sim.LinkHeaders, sim.LinkJoined} {
		_, c := newOPA(t, sim.Options{PageSize: 2, LinkStyle: style})
		users, pages := opaAll(t, c, "/service_users")
		if len(users) != 15 || pages != 8 {
			t.Fatalf("style %d: %d users in %d pages, want 15 in 8", style, len(users), pages)
		}
		seen := map[string]bool{}
		for i, u := range users {
			name := u["name"].(string)
			if seen[name] || i > 0 && users[i-1]["name"].(string) >= name {
				t.Fatalf("users not unique and in name order at %q", name)
			}
			seen[name] = true
			if u["team_name"] != "acme" || u["user_type"] != "service" || len(u["id"].(string)) != 36 {
				t.Errorf("user shape: %v", u)
			}
			if _, ok := u["details"]; !ok {
				t.Errorf("details missing: %v", u)
			}
		}
		if !seen["OPA User"] || !seen["A.User"] {
			t.Errorf("fixed names missing")
		}
	}
	_, c := newOPA(t, sim.Options{})
	if users, pages := opaAll(t, c, "/service_users?count=4&descending=true"); len(users) != 15 || pages != 4 || users[0]["name"].(string) < users[1]["name"].(string) {
		t.Errorf("count=4 descending: %d users in %d pages", len(users), pages)
	}
}

func TestOPAFilters(t *testing.T) {
	_, c := newOPA(t, sim.Options{PageSize: 2, ServiceUsers: 60})
	all, _ := opaAll(t, c, "/service_users")
	count := func(q string, pred func(map[string]any) bool) {
		t.Helper()
		got, _ := opaAll(t, c, "/service_users?"+q)
		want := 0
		for _, u := range all {
			if pred(u) {
				want++
			}
		}
		for _, u := range got {
			if !pred(u) {
				t.Errorf("%s: listed %v", q, u["name"])
			}
		}
		if len(got) != want || want == 0 {
			t.Errorf("%s: %d users, want %d (> 0)", q, len(got), want)
		}
	}
	status := func(s ...string) func(map[string]any) bool {
		return func(u map[string]any) bool { return strings.Contains(strings.Join(s, ","), u["status"].(string)) }
	}
	count("status=DELETED", status("DELETED"))
	count("status=ACTIVE&status=DISABLED", status("ACTIVE", "DISABLED"))
	count("starts_with=opa", func(u map[string]any) bool { return strings.HasPrefix(strings.ToLower(u["name"].(string)), "opa") })
	count("contains=.", func(u map[string]any) bool { return strings.Contains(u["name"].(string), ".") })
	ids := []string{all[3]["id"].(string), all[40]["id"].(string)}
	count("id="+ids[0]+"&id="+ids[1], func(u map[string]any) bool { return u["id"] == ids[0] || u["id"] == ids[1] })
	wantOPAError(t, c.do("GET", "/service_users?count=x", nil), 400, "invalid_request")
	wantOPAError(t, c.do("GET", "/service_users?offset=garbage", nil), 400, "invalid_request")
}

func TestOPAUsers(t *testing.T) {
	_, c := newOPA(t, sim.Options{})
	esc := url.PathEscape
	r := c.do("GET", "/service_users/"+esc("OPA User"), nil)
	if r.status != 200 || r.body["name"] != "OPA User" || r.body["status"] != "ACTIVE" || r.body["deleted_at"] != nil {
		t.Fatalf("OPA User: %d %v", r.status, r.body)
	}
	if r := c.do("GET", "/service_users/A.User", nil); r.status != 200 || r.body["status"] != "DISABLED" {
		t.Fatalf("A.User: %d %v", r.status, r.body)
	}
	wantOPAError(t, c.do("GET", "/service_users/nobody", nil), 404, "resource_does_not_exist")

	name := "ci runner/eu"
	r = c.do("POST", "/service_users", map[string]string{"name": name})
	if r.status != 201 || r.body["name"] != name || r.body["status"] != "ACTIVE" {
		t.Fatalf("create: %d %v", r.status, r.body)
	}
	id := r.body["id"]
	if r := c.do("GET", "/service_users/"+esc(name), nil); r.status != 200 || r.body["id"] != id {
		t.Fatalf("get created: %d %v", r.status, r.body)
	}
	wantOPAError(t, c.do("POST", "/service_users", map[string]string{"name": name}), 409, "resource_already_exists")
	wantOPAError(t, c.do("POST", "/service_users", map[string]string{}), 400, "invalid_request")

	wantOPAError(t, c.do("PUT", "/service_users/"+esc(name), map[string]string{"status": "DISABLED"}), 400, "invalid_request")
	wantOPAError(t, c.do("PUT", "/service_users/"+esc(name), map[string]string{"name": name, "status": "PAUSED"}), 400, "invalid_request")
	r = c.do("PUT", "/service_users/"+esc(name), map[string]string{"name": name, "status": "DISABLED"})
	if r.status != 200 || r.body["status"] != "DISABLED" {
		t.Fatalf("disable: %d %v", r.status, r.body)
	}
	r = c.do("PUT", "/service_users/"+esc(name), map[string]string{"name": "ci-runner-eu", "status": "ACTIVE"})
	if r.status != 200 || r.body["name"] != "ci-runner-eu" || r.body["id"] != id {
		t.Fatalf("rename: %d %v", r.status, r.body)
	}
	wantOPAError(t, c.do("GET", "/service_users/"+esc(name), nil), 404, "resource_does_not_exist")
	r = c.do("PUT", "/service_users/ci-runner-eu", map[string]string{"name": "ci-runner-eu", "status": "DELETED"})
	if r.status != 200 || r.body["status"] != "DELETED" || r.body["deleted_at"] == nil {
		t.Fatalf("soft delete: %d %v", r.status, r.body)
	}
	if r := c.do("GET", "/service_users/ci-runner-eu", nil); r.status != 200 || r.body["status"] != "DELETED" {
		t.Errorf("deleted user still readable: %d %v", r.status, r.body)
	}
	wantOPAError(t, c.do("POST", "/service_users", map[string]string{"name": "ci-runner-eu"}), 409, "resource_already_exists")
}

func TestOPAKeys(t *testing.T) {
	srv, c := newOPA(t, sim.Options{})
	user := "/service_users/" + url.PathEscape("OPA User")
	r := c.do("GET", user+"/keys", nil)
	keys := r.body["list"].([]any)
	if r.status != 200 || len(keys) != 1 {
		t.Fatalf("keys: %d %v", r.status, r.body)
	}
	old := keys[0].(map[string]any)
	if old["expires_at"] != "0001-01-01T00:00:00Z" || old["last_used"] == nil {
		t.Fatalf("old key: %v", old)
	}
	if r := c.do("GET", "/service_users/reporting.bot/keys", nil); r.status != 200 || len(r.body["list"].([]any)) != 0 {
		t.Errorf("user without keys: %d %v", r.status, r.body)
	}

	r = c.do("POST", user+"/keys", nil)
	raw, err := base64.StdEncoding.DecodeString(r.body["secret"].(string))
	if r.status != 200 || err != nil || len(raw) != 64 || r.body["expires_at"] != "0001-01-01T00:00:00Z" || r.body["last_used"] != nil {
		t.Fatalf("rotate: %d %v", r.status, r.body)
	}
	newID, secret := r.body["id"].(string), r.body["secret"].(string)
	keys = c.do("GET", user+"/keys", nil).body["list"].([]any)
	if len(keys) != 2 {
		t.Fatalf("after rotate: %v", keys)
	}
	for _, k := range keys {
		k := k.(map[string]any)
		if _, ok := k["secret"]; ok {
			t.Errorf("list shows a secret")
		}
		if k["id"] == old["id"] {
			exp, err := time.Parse(time.RFC3339, k["expires_at"].(string))
			if err != nil || !exp.After(time.Now()) {
				t.Errorf("old key expiry after rotate: %v", k["expires_at"])
			}
		}
	}

	anon := &opaClient{t: t, base: c.base}
	if r := anon.issue(newID, secret); r.status != 200 {
		t.Fatalf("token with the rotated key: %d %v", r.status, r.body)
	}
	if r := c.do("DELETE", user+"/keys/"+newID, nil); r.status != 204 {
		t.Fatalf("delete key: %d", r.status)
	}
	wantOPAError(t, c.do("DELETE", user+"/keys/"+newID, nil), 404, "resource_does_not_exist")
	wantOPAError(t, anon.issue(newID, secret), 401, "authentication_error")
	if n := len(c.do("GET", user+"/keys", nil).body["list"].([]any)); n != 1 {
		t.Errorf("%d keys after delete, want 1", n)
	}
	if srv.OPATokensIssued() != 2 {
		t.Errorf("OPATokensIssued = %d", srv.OPATokensIssued())
	}
}

func TestOPAData(t *testing.T) {
	start := time.Now()
	large := sim.New(sim.Options{ServiceUsers: 2000})
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("generating 2,000 users took %v", d)
	}
	large.Close()

	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	_, c := newOPA(t, sim.Options{Now: now})
	users, _ := opaAll(t, c, "/service_users")
	facts := map[string]int{}
	for _, u := range users {
		facts[u["status"].(string)]++
		keys := c.do("GET", "/service_users/"+url.PathEscape(u["name"].(string))+"/keys", nil).body["list"].([]any)
		if len(keys) > 3 {
			t.Errorf("%s has %d keys", u["name"], len(keys))
		}
		stale := len(keys) > 0
		for _, k := range keys {
			k := k.(map[string]any)
			issued, _ := time.Parse(time.RFC3339, k["issued_at"].(string))
			if k["expires_at"] == "0001-01-01T00:00:00Z" {
				facts["never expires"]++
			} else {
				facts["expires"]++
			}
			last := issued
			if k["last_used"] != nil {
				last, _ = time.Parse(time.RFC3339, k["last_used"].(string))
				if now.Sub(last) < 7*24*time.Hour {
					facts["used recently"]++
				}
			}
			if now.Sub(last) <= 90*24*time.Hour {
				stale = false
			}
		}
		if stale && u["status"] == "ACTIVE" {
			facts["stale active"]++
		}
	}
	for _, f := range []string{"ACTIVE", "DISABLED", "DELETED", "never expires", "expires", "used recently", "stale active"} {
		if facts[f] == 0 {
			t.Errorf("no %s in the data: %v", f, facts)
		}
	}
}
