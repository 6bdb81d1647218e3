package tables

import (
	"context"
	"fmt"
	"iter"

	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// opaKey is a service user's API key with its user.
type opaKey struct {
	UserName string
	opa.Key
}

var opaServiceUserKeys = &Table[opaKey]{
	Name:   "opa_service_user_keys",
	Doc:    "API keys of Okta Privileged Access service users (the secrets are never listed).",
	Vendor: OPA,
	Route:  oparoutes.ListKeys,
	Keys:   []string{"user_name", "id"},
	Parent: &Parent{Table: "opa_service_users", Column: "user_name", Key: "name"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[opaKey, error] {
		user := k.Str("user_name")
		return func(yield func(opaKey, error) bool) {
			for key, err := range c.OPA.Keys(ctx, user) {
				if !yield(opaKey{UserName: user, Key: key}, err) {
					return
				}
			}
		}
	},
	Columns: []Column[opaKey]{
		{Name: "user_name", Type: String, Doc: "Name of the service user (opa_service_users.name).", Get: func(k opaKey) any { return k.UserName }},
		{Name: "id", Type: String, Doc: "Key id: the key_id a client issues tokens with.", Get: func(k opaKey) any { return k.ID }},
		{Name: "issued_at", Type: Time, Doc: "When the key was created.", Get: func(k opaKey) any { return TS(k.IssuedAt) }},
		{Name: "expires_at", Type: Time, Doc: "When the key expires; NULL for a key that never expires (OPA's 0001-01-01T00:00:00Z). Rotating a user's key sets it on the user's other keys.", Get: func(k opaKey) any { return TS(k.ExpiresAt) }},
		{Name: "last_used", Type: Time, Doc: "When the key last issued a token; NULL if never.", Get: func(k opaKey) any {
			if k.LastUsed == nil {
				return nil
			}
			return TS(*k.LastUsed)
		}},
	},
	Delete: func(ctx context.Context, c *Conn, key Values) error {
		if err := guardOwnKeyDelete(ctx, c, key.Str("user_name"), key.Str("id")); err != nil {
			return err
		}
		if err := c.OPA.DeleteKey(ctx, key.Str("user_name"), key.Str("id")); err != nil {
			return fmt.Errorf("delete key %s of %s: %w", key.Str("id"), key.Str("user_name"), err)
		}
		return nil
	},
	DeleteDoc:    "deletes the key; refused without credsql_force for the key the connection authenticates with",
	DeleteRoutes: []routes.Route{oparoutes.DeleteKey},
	Procedures: []Procedure[opaKey]{{
		Name: "rotate", Mutating: true,
		Doc: "Creates a new API key for the service user and puts an expiry on the user's other keys. The result's secret " +
			"column is the only time OPA shows the secret: it is always shown, whatever credsql_reveal_secrets says.",
		Routes: []routes.Route{oparoutes.ListKeys, oparoutes.RotateKey},
		Params: []Param{{Name: "user_name", Type: String, Doc: "Name of the service user."}},
		Extra:  []ExtraColumn{{Name: "secret", Type: String, Doc: "The new key's secret, shown once.", Secret: true}},
		Run: func(ctx context.Context, c *Conn, a Values) (opaKey, []any, error) {
			user := a.Str("user_name")
			if err := guardOwnKey(ctx, c, user, "CALL opa_service_user_keys_rotate",
				"rotating puts an expiry on that key, and once it expires every query of the connection fails until its key_id and key_secret are the new key's"); err != nil {
				return opaKey{}, nil, err
			}
			k, err := c.OPA.RotateKey(ctx, user)
			if err != nil {
				return opaKey{}, nil, fmt.Errorf("rotate keys of %s: %w", user, err)
			}
			return opaKey{UserName: user, Key: k.Key}, []any{NZ(k.Secret)}, nil
		},
	}},
	Examples: []Example{
		{"Keys that expire within 30 days", "SELECT user_name, id, expires_at FROM opa_service_user_keys WHERE expires_at BETWEEN NOW() AND NOW() + INTERVAL 30 DAY ORDER BY expires_at"},
		{"Keys unused for 90 days", "SELECT user_name, id, last_used FROM opa_service_user_keys WHERE last_used IS NULL OR last_used < NOW() - INTERVAL 90 DAY ORDER BY user_name"},
	},
}
