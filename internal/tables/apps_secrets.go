package tables

import (
	"context"
	"errors"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// appSecret is a client secret with its app.
type appSecret struct {
	AppID string
	okta.ClientSecret
}

// secretStatus reads a status given to a write: ACTIVE or INACTIVE, any case.
func secretStatus(v Values, name string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(v.Str(name)))
	switch s {
	case "ACTIVE", "INACTIVE":
		return s, nil
	}
	return "", fmt.Errorf("%s must be 'ACTIVE' or 'INACTIVE', not %q", name, v.Str(name))
}

// secretLifecycle activates or deactivates a secret.
func secretLifecycle(ctx context.Context, c *Conn, appID, secretID, status string) (appSecret, error) {
	call, verb := c.Okta.ActivateClientSecret, "activate"
	if status == "INACTIVE" {
		call, verb = c.Okta.DeactivateClientSecret, "deactivate"
	}
	s, err := call(ctx, appID, secretID)
	if err != nil {
		return appSecret{}, fmt.Errorf("%s client secret %s of app %s: %w", verb, secretID, appID, err)
	}
	return appSecret{AppID: appID, ClientSecret: s}, nil
}

func secretProcedure(name, status, doc string, route routes.Route) Procedure[appSecret] {
	return Procedure[appSecret]{
		Name: name, Mutating: true, Doc: doc,
		Routes: []routes.Route{route},
		Params: []Param{
			{Name: "app_id", Type: String, Doc: "Application id."},
			{Name: "secret_id", Type: String, Doc: "Client secret id (apps_secrets.id)."},
		},
		Run: func(ctx context.Context, c *Conn, a Values) (appSecret, []any, error) {
			s, err := secretLifecycle(ctx, c, a.Str("app_id"), a.Str("secret_id"), status)
			return s, nil, err
		},
	}
}

var appsSecrets = &Table[appSecret]{
	Name:     "apps_secrets",
	Doc:      "OAuth 2.0 client secrets of Okta applications (at most two per app; only OPENID_CONNECT apps have them).",
	Vendor:   Okta,
	Route:    oktaroutes.ListClientSecrets,
	GetRoute: oktaroutes.GetClientSecret,
	Keys:     []string{"app_id", "id"},
	// Only OAuth 2.0 clients have secrets (okta.md §6): the fan-out skips other apps.
	Parent: &Parent{Table: "apps", Column: "app_id", Key: "id", Only: Values{"sign_on_mode": "OPENID_CONNECT"}},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[appSecret, error] {
		appID := k.Str("app_id")
		return func(yield func(appSecret, error) bool) {
			for s, err := range c.Okta.ClientSecrets(ctx, appID) {
				// Okta answers 404 for an app that is not an OAuth 2.0 client: it has no secrets.
				if errors.Is(err, fetch.ErrNotFound) {
					return
				}
				if !yield(appSecret{AppID: appID, ClientSecret: s}, err) || err != nil {
					return
				}
			}
		}
	},
	Get: func(ctx context.Context, c *Conn, k Values) (appSecret, error) {
		s, err := c.Okta.ClientSecret(ctx, k.Str("app_id"), k.Str("id"))
		return appSecret{AppID: k.Str("app_id"), ClientSecret: s}, err
	},
	Columns: []Column[appSecret]{
		{Name: "app_id", Type: String, Doc: "Id of the application (apps.id).", Get: func(s appSecret) any { return s.AppID }},
		{Name: "id", Type: String, Doc: "Client secret id (ocs...).", Get: func(s appSecret) any { return s.ID }},
		{Name: "status", Type: String, Doc: "ACTIVE or INACTIVE; UPDATE ... SET status activates or deactivates the secret.", Get: func(s appSecret) any { return NZ(s.Status) }},
		{Name: "client_secret", Type: String, Sensitive: true, Doc: "The secret itself; INSERT may set it (14 to 100 printable ASCII characters, 32 or more for client_secret_jwt apps).", Get: func(s appSecret) any { return NZ(s.ClientSecret.ClientSecret) }},
		{Name: "secret_hash", Type: String, Doc: "Okta's hash of the secret: identifies it without revealing it.", Get: func(s appSecret) any { return NZ(s.SecretHash) }},
		{Name: "created", Type: Time, Doc: "When the secret was created.", Get: func(s appSecret) any { return TS(s.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the secret was last updated (activated or deactivated).", Get: func(s appSecret) any { return TS(s.LastUpdated) }},
	},
	InsertCols:   []string{"app_id", "client_secret", "status"},
	InsertNeeds:  []string{"app_id"},
	InsertDoc:    "creates a client secret (without client_secret, Okta generates one; status defaults to ACTIVE).",
	InsertRoutes: []routes.Route{oktaroutes.CreateClientSecret},
	Insert: func(ctx context.Context, c *Conn, v Values) (appSecret, error) {
		var body okta.NewClientSecret
		if v.Has("status") {
			st, err := secretStatus(v, "status")
			if err != nil {
				return appSecret{}, err
			}
			body.Status = st
		}
		if v.Has("client_secret") {
			body.ClientSecret = v.Str("client_secret")
			if body.ClientSecret == "" {
				return appSecret{}, errors.New("client_secret is empty: leave it out to have Okta generate one")
			}
		}
		s, err := c.Okta.CreateClientSecret(ctx, v.Str("app_id"), body)
		if err != nil {
			return appSecret{}, fmt.Errorf("create client secret for app %s: %w", v.Str("app_id"), err)
		}
		return appSecret{AppID: v.Str("app_id"), ClientSecret: s}, nil
	},
	UpdateCols:   []string{"status"},
	UpdateDoc:    "the first for status = 'ACTIVE', the second for status = 'INACTIVE'.",
	UpdateRoutes: []routes.Route{oktaroutes.ActivateClientSecret, oktaroutes.DeactivateClientSecret},
	Update: func(ctx context.Context, c *Conn, key, old, set Values) (appSecret, error) {
		st, err := secretStatus(set, "status")
		if err != nil {
			return appSecret{}, err
		}
		return secretLifecycle(ctx, c, key.Str("app_id"), key.Str("id"), st)
	},
	DeleteDoc:    "deletes the secret (Okta deletes only inactive secrets).",
	DeleteRoutes: []routes.Route{oktaroutes.DeleteClientSecret},
	Delete: func(ctx context.Context, c *Conn, k Values) error {
		return c.Okta.DeleteClientSecret(ctx, k.Str("app_id"), k.Str("id"))
	},
	Procedures: []Procedure[appSecret]{
		secretProcedure("activate", "ACTIVE", "Activates a client secret: clients can authenticate with it again. Returns the secret.", oktaroutes.ActivateClientSecret),
		secretProcedure("deactivate", "INACTIVE", "Deactivates a client secret (Okta refuses for the app's only active secret); an inactive secret can then be deleted. Returns the secret.", oktaroutes.DeactivateClientSecret),
	},
	Examples: []Example{
		{"Apps with two active secrets (a rotation left half-done)", "SELECT a.label, s.app_id, COUNT(*) AS active FROM apps_secrets s JOIN apps a ON a.id = s.app_id WHERE s.status = 'ACTIVE' GROUP BY a.label, s.app_id HAVING COUNT(*) = 2"},
		{"Active secrets older than 90 days", "SELECT app_id, id, secret_hash, created FROM apps_secrets WHERE status = 'ACTIVE' AND created < NOW() - INTERVAL 90 DAY ORDER BY created"},
		{"OIDC apps that use a client secret but have none", "SELECT a.label FROM apps a LEFT JOIN apps_secrets s ON s.app_id = a.id WHERE a.token_endpoint_auth_method LIKE 'client_secret%' AND s.id IS NULL"},
	},
}
