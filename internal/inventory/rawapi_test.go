package inventory_test

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
)

// world is the simulator's data read straight from its HTTP API with net/http: an independent
// view to compute the expected findings of each saved query from.
type world struct {
	apps      []obj
	keys      map[string][]obj // app id → key credentials
	secrets   map[string][]obj // app id → client secrets (none for non-OIDC apps: a 404)
	csrs      map[string][]obj
	idps      []obj
	idpKeys   []obj
	zitiAuths []obj
	// Every identity's authenticators and the pending enrollments (the admin lists).
	zitiAllAuths, zitiEnrollments []obj
	opaUsers                      []obj
	opaKeys                       map[string][]obj // user name → keys
	estate                        estateWorld      // authorization servers, API tokens, IdP signing keys
	zitiSession                   obj              // the current API session
	zitiIdentities                []obj
}

type obj = map[string]any

type rawClient struct {
	t    *testing.T
	base string
	auth func(*http.Request)
}

var linkNext = regexp.MustCompile(`<([^>]+)>;\s*rel="?next"?`)

// list reads a collection, following Link rel="next"; unwrap picks the items out of a page.
// A 404 is an empty collection.
func (c rawClient) list(path string, unwrap func([]byte) []obj) []obj {
	c.t.Helper()
	next := c.base + path
	var out []obj
	for next != "" {
		req, _ := http.NewRequest("GET", next, nil)
		c.auth(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			c.t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			return nil
		}
		if resp.StatusCode != http.StatusOK {
			c.t.Fatalf("GET %s: %d %s", next, resp.StatusCode, b)
		}
		out = append(out, unwrap(b)...)
		next = ""
		for _, l := range resp.Header.Values("Link") {
			if m := linkNext.FindStringSubmatch(l); m != nil {
				next = m[1]
			}
		}
	}
	return out
}

func (c rawClient) post(path string, body any, into any) {
	c.t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(c.base+path, "application/json", bytes.NewReader(b))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	rb, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		c.t.Fatalf("POST %s: %d %s", path, resp.StatusCode, rb)
	}
	if err := json.Unmarshal(rb, into); err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
}

func jsonArray(b []byte) []obj {
	var out []obj
	_ = json.Unmarshal(b, &out)
	return out
}

func underKey(key string) func([]byte) []obj {
	return func(b []byte) []obj {
		var page map[string]json.RawMessage
		_ = json.Unmarshal(b, &page)
		return jsonArray(page[key])
	}
}

// readWorld reads every collection the saved queries look at.
func readWorld(t *testing.T, s *sim.Server) *world {
	t.Helper()
	o := s.Options()
	w := &world{keys: map[string][]obj{}, secrets: map[string][]obj{}, csrs: map[string][]obj{}, opaKeys: map[string][]obj{}}
	okta := rawClient{t, s.URL(), func(r *http.Request) { r.Header.Set("Authorization", "SSWS "+o.OktaToken) }}
	w.apps = okta.list("/api/v1/apps?limit=200", jsonArray)
	for _, a := range w.apps {
		id := str(a["id"])
		w.keys[id] = okta.list("/api/v1/apps/"+id+"/credentials/keys", jsonArray)
		w.secrets[id] = okta.list("/api/v1/apps/"+id+"/credentials/secrets", jsonArray)
		w.csrs[id] = okta.list("/api/v1/apps/"+id+"/credentials/csrs", jsonArray)
	}
	w.idps = okta.list("/api/v1/idps", jsonArray)
	w.idpKeys = okta.list("/api/v1/idps/credentials/keys", jsonArray)
	w.estate = readEstate(okta, w.idps)

	var login struct {
		Data struct{ Token string } `json:"data"`
	}
	ziti := rawClient{t, s.URL() + sim.ZitiPrefix, nil}
	ziti.post("/authenticate?method=password", map[string]string{"username": o.ZitiUsername, "password": o.ZitiPassword}, &login)
	ziti.auth = func(r *http.Request) { r.Header.Set("zt-session", login.Data.Token) }
	for offset := 0; ; {
		page := ziti.list(fmt.Sprintf("/current-identity/authenticators?limit=500&offset=%d", offset), underKey("data"))
		w.zitiAuths = append(w.zitiAuths, page...)
		if len(page) == 0 {
			break
		}
		offset += len(page)
	}
	for _, l := range []struct {
		path string
		into *[]obj
	}{{"/authenticators", &w.zitiAllAuths}, {"/enrollments", &w.zitiEnrollments}, {"/identities", &w.zitiIdentities}} {
		for offset := 0; ; {
			page := ziti.list(fmt.Sprintf("%s?limit=500&offset=%d", l.path, offset), underKey("data"))
			*l.into = append(*l.into, page...)
			if len(page) == 0 {
				break
			}
			offset += len(page)
		}
	}

	if s := ziti.list("/current-api-session", func(b []byte) []obj {
		var page struct{ Data obj }
		_ = json.Unmarshal(b, &page)
		return []obj{page.Data}
	}); len(s) == 1 {
		w.zitiSession = s[0]
	}

	var token struct {
		BearerToken string `json:"bearer_token"`
	}
	team := "/v1/teams/" + url.PathEscape(o.OPATeam)
	opa := rawClient{t, s.URL() + sim.OPAPrefix, nil}
	opa.post(team+"/service_token", map[string]string{"key_id": o.OPAKeyID, "key_secret": o.OPAKeySecret}, &token)
	opa.auth = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token.BearerToken) }
	w.opaUsers = opa.list(team+"/service_users?count=100", underKey("list"))
	for _, u := range w.opaUsers {
		name := str(u["name"])
		w.opaKeys[name] = opa.list(team+"/service_users/"+url.PathEscape(name)+"/keys", underKey("list"))
	}
	return w
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// ts parses an API timestamp; "" and OPA's "never" (year 1) are the zero time.
func ts(t *testing.T, v any) time.Time {
	t.Helper()
	s := str(v)
	if s == "" {
		return time.Time{}
	}
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("timestamp %q: %v", s, err)
	}
	if tm.Year() == 1 {
		return time.Time{}
	}
	return tm
}

// certNotAfter reads the end of a PEM certificate's validity.
func certNotAfter(t *testing.T, pemText string) time.Time {
	t.Helper()
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		t.Fatalf("no PEM in %q", pemText)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c.NotAfter
}

func within(tm, from, to time.Time) bool { return !tm.IsZero() && !tm.Before(from) && tm.Before(to) }
