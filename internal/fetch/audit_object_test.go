package fetch_test

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
)

// Each mutating call's record names the object it addressed: the path arguments of its
// route, unescaped, and for a create the id the vendor's answer gives; a secret in a path
// argument or an answer is masked.
func TestAuditObject(t *testing.T) {
	t.Parallel()
	answers := map[string]string{ // path -> answer body
		"/api/v1/apps/0oa%2F1/credentials/secrets":                          `{"id":"ocsNEW","client_secret":"generated-secret-value"}`,
		"/api/v1/apps/0oa1/credentials/keys/generate":                       `{"kid":"kidNEW","x5c":["MII"]}`,
		"/edge/management/v1/enrollments":                                   `{"data":{"id":"enrNEW"},"meta":{}}`,
		"/api/v1/apps/0oa1/credentials/secrets/ocs2/lifecycle/activate":     `{"id":"ocs2","status":"ACTIVE"}`,
		"/api/v1/authorizationServers/aus1/credentials/lifecycle/keyRotate": `[{"kid":"k1"},{"kid":"k2"}]`,
		"/api/v1/api-tokens/super-secret-token":                             `{}`,
		"/api/v1/users/00u1/credentials/change_password":                    `{"id":"super-secret-token"}`,
	}
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		body, ok := answers[r.URL.EscapedPath()]
		if !ok {
			t.Errorf("unexpected path %s", r.URL.EscapedPath())
		}
		w.Write([]byte(body))
	})
	c := client(t, s.URL, nil)
	a := &auditCalls{}
	ctx := fetch.WithAuditor(context.Background(), a)
	for _, tc := range []struct {
		method, tmpl string
		args         []string
		object       map[string]string
		created      string
	}{
		{"POST", "/api/v1/apps/{appId}/credentials/secrets", []string{"0oa/1"}, map[string]string{"appId": "0oa/1"}, "ocsNEW"},
		{"POST", "/api/v1/apps/{appId}/credentials/keys/generate", []string{"0oa1"}, map[string]string{"appId": "0oa1"}, "kidNEW"},
		{"POST", "/edge/management/v1/enrollments", nil, nil, "enrNEW"},
		// The answer of a lifecycle call describes the object of its path: nothing new.
		{"POST", "/api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/activate", []string{"0oa1", "ocs2"},
			map[string]string{"appId": "0oa1", "secretId": "ocs2"}, ""},
		// An array answer names no one object.
		{"POST", "/api/v1/authorizationServers/{authServerId}/credentials/lifecycle/keyRotate", []string{"aus1"},
			map[string]string{"authServerId": "aus1"}, ""},
		// The connection's credential, were it ever a path argument or an answer's id, is masked.
		{"DELETE", "/api/v1/api-tokens/{apiTokenId}", []string{"super-secret-token"}, map[string]string{"apiTokenId": "[REDACTED]"}, ""},
		{"POST", "/api/v1/users/{userId}/credentials/change_password", []string{"00u1"}, map[string]string{"userId": "00u1"}, "[REDACTED]"},
	} {
		route := fetch.WriteRoute{Vendor: fetch.Okta, Method: tc.method, Path: tc.tmpl}
		if _, err := c.Do(ctx, fetch.NewRequest(route, tc.args...)); err != nil {
			t.Fatalf("%s: %v", route.Op(), err)
		}
		got := a.take()
		if len(got) != 1 {
			t.Fatalf("%s: %d audit calls", route.Op(), len(got))
		}
		if !maps.Equal(got[0].Object, tc.object) || got[0].Created != tc.created {
			t.Errorf("%s: object %v created %q, want %v %q", route.Op(), got[0].Object, got[0].Created, tc.object, tc.created)
		}
		if strings.Contains(got[0].Created, "generated-secret-value") {
			t.Errorf("%s: the created id holds the answer's secret", route.Op())
		}
	}
}

func TestPathArgs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		op, path string
		want     map[string]string
	}{
		{"DELETE /v1/teams/{team_name}/service_users/{user_name}/keys/{key_id}", "/v1/teams/acme/service_users/A.User/keys/k%201",
			map[string]string{"team_name": "acme", "user_name": "A.User", "key_id": "k 1"}},
		{"PUT /api/v1/apps/{appId}", "/api/v1/apps/%2E%2E", map[string]string{"appId": ".."}},
		{"DELETE /current-api-session", "/current-api-session", nil},
		{"PUT /api/v1/apps/{appId}", "/api/v1/idps/x", nil},       // not the route's path
		{"PUT /api/v1/apps/{appId}", "/api/v1/apps/x/extra", nil}, // a segment more
		{"PUT /api/v1/apps/{appId}", "/api/v1/apps/x?y=1", map[string]string{"appId": "x"}},
	} {
		if got := fetch.PathArgs(tc.op, tc.path, nil); !maps.Equal(got, tc.want) {
			t.Errorf("PathArgs(%s, %s) = %v, want %v", tc.op, tc.path, got, tc.want)
		}
	}
}
