package tables_test

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/testenv"
)

// Vendor refusals of writes: the MySQL error number says what kind, the message carries the
// vendor's summary and causes once, and the vendor's request id (what its support asks for).
func TestWriteErrors(t *testing.T) {
	t.Parallel()
	noRepeat := func(t *testing.T, msg string) {
		t.Helper()
		parts := strings.Split(msg, ": ")
		for i := 1; i < len(parts); i++ {
			if parts[i] == parts[i-1] {
				t.Errorf("repeated %q in %q", parts[i], msg)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		query func(t *testing.T, e *testenv.Env) string
		want  []string
		once  string
	}{
		{
			name: "Okta 400: 1525 with summary and cause",
			query: func(t *testing.T, e *testenv.Env) string {
				id, kid, _ := samlAppWithKeys(t, e)
				return "CALL app_keys_clone(" + q(id) + ", " + q(kid) + ", " + q(id) + ")"
			},
			want: []string{"1525", "400 Bad Request (E0000001): Api validation failed: cloneKey: Key already exists in the list of key credentials for the target app.", "[request id req"},
			once: "Key already exists",
		},
		{
			name: "OPA 409: a duplicate is 1062",
			query: func(*testing.T, *testenv.Env) string {
				return "INSERT INTO opa_service_users (name) VALUES ('ci-deploy')"
			},
			want: []string{"1062", "409 Conflict (resource_already_exists): a service user with this name already exists", "[request id opa"},
			once: "already exists",
		},
		{
			name: "OpenZiti 400: the field and reason once",
			query: func(t *testing.T, e *testenv.Env) string {
				return "CALL ziti_authenticators_update(" + q(updbAuthenticator(t, e)) + ", 'sim-ziti-password', 'credsql-bot', 'abc')"
			},
			want: []string{"1525", "400 Bad Request (COULD_NOT_VALIDATE)", "[request id "},
			once: "should be between 5 and 100 chars long",
		},
		{
			name: "OpenZiti extend without mTLS: said once",
			query: func(t *testing.T, e *testenv.Env) string {
				id := first(t, e, "SELECT id FROM ziti_authenticators WHERE method = 'cert' AND is_issued_by_network")
				return "CALL ziti_authenticators_extend(" + q(id) + ", " + q(testenv.CSRPEM(t)) + ")"
			},
			want: []string{"only over mTLS"},
			once: "extend authenticator",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
				_, err := run(tc.query(t, e))
				if err == nil {
					t.Fatal("no error")
				}
				msg := err.Error()
				for _, w := range tc.want {
					if !strings.Contains(msg, w) {
						t.Errorf("error lacks %q:\n%s", w, msg)
					}
				}
				if n := strings.Count(msg, tc.once); n != 1 {
					t.Errorf("%q appears %d times in:\n%s", tc.once, n, msg)
				}
				noRepeat(t, msg)
			})
		})
	}
}
