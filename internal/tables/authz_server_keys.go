package tables

import (
	"context"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// authzKey is a signing key of an authorization server, with the server's id.
type authzKey struct {
	ServerID string
	okta.AuthzServerKey
}

var authzServerKeys = &Table[authzKey]{
	Name:     "authz_server_keys",
	Doc:      "Signing keys (JWKs) of Okta custom authorization servers: the ACTIVE key signs tokens, the NEXT key takes over at the next rotation, the EXPIRED key is the previous one.",
	Vendor:   Okta,
	Route:    oktaroutes.ListAuthzKeys,
	GetRoute: oktaroutes.GetAuthzKey,
	Keys:     []string{"auth_server_id", "kid"},
	Parent:   &Parent{Table: "authz_servers", Column: "auth_server_id", Key: "id"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[authzKey, error] {
		id := k.Str("auth_server_id")
		return mapSeq(c.Okta.AuthzServerKeys(ctx, id), func(key okta.AuthzServerKey) authzKey { return authzKey{id, key} })
	},
	Get: func(ctx context.Context, c *Conn, k Values) (authzKey, error) {
		key, err := c.Okta.AuthzServerKey(ctx, k.Str("auth_server_id"), k.Str("kid"))
		return authzKey{k.Str("auth_server_id"), key}, err
	},
	Columns: []Column[authzKey]{
		{Name: "auth_server_id", Type: String, Doc: "Id of the authorization server (authz_servers.id).", Get: func(k authzKey) any { return k.ServerID }},
		{Name: "kid", Type: String, Doc: "Key id.", Get: func(k authzKey) any { return k.Kid }},
		{Name: "status", Type: String, Doc: "ACTIVE (signs tokens), NEXT (signs after the next rotation) or EXPIRED (the previous key).",
			Domain: []string{"ACTIVE", "NEXT", "EXPIRED"}, Get: func(k authzKey) any { return NZ(k.Status) }},
		{Name: "use", Type: String, Doc: "Key use (sig).", Get: func(k authzKey) any { return NZ(k.Use) }},
		{Name: "alg", Type: String, Doc: "Signing algorithm (RS256).", Get: func(k authzKey) any { return NZ(k.Alg) }},
		{Name: "kty", Type: String, Doc: "Key type (RSA).", Get: func(k authzKey) any { return NZ(k.Kty) }},
		{Name: "e", Type: String, Doc: "RSA public exponent (base64url).", Get: func(k authzKey) any { return NZ(k.E) }},
		{Name: "n", Type: Text, Doc: "RSA modulus (base64url).", Get: func(k authzKey) any { return NZ(k.N) }},
	},
	Procedures: []Procedure[authzKey]{{
		Name: "rotate", Mutating: true,
		Doc: "Rotates the server's signing keys, in AUTO or MANUAL mode: the ACTIVE key becomes EXPIRED, the NEXT key becomes ACTIVE and " +
			"signs every token from now on, and Okta makes a new NEXT key. Clients that cache the server's keys must fetch them again. " +
			"Returns the new ACTIVE key, with the kid that was active before and the new NEXT kid.",
		Routes:   []routes.Route{oktaroutes.ListAuthzKeys, oktaroutes.RotateAuthzKeys},
		CallNote: `{"use":"sig"}`,
		Params:   []Param{{Name: "auth_server_id", Type: String, Doc: "Authorization server id (authz_servers.id)."}},
		Extra: []ExtraColumn{
			{Name: "old_kid", Type: String, Doc: "The kid that was ACTIVE before (now EXPIRED)."},
			{Name: "next_kid", Type: String, Doc: "The kid of the new NEXT key."},
		},
		Run: func(ctx context.Context, c *Conn, a Values) (authzKey, []any, error) {
			id := a.Str("auth_server_id")
			var old any
			for k, err := range c.Okta.AuthzServerKeys(fetch.BypassCache(ctx), id) {
				if err != nil {
					return authzKey{}, nil, fmt.Errorf("list the keys of authorization server %s: %w", id, err)
				}
				if k.Status == "ACTIVE" {
					old = k.Kid
				}
			}
			keys, err := c.Okta.RotateAuthzServerKeys(ctx, id)
			if err != nil {
				return authzKey{}, nil, fmt.Errorf("rotate the keys of authorization server %s: %w", id, err)
			}
			active := authzKey{ServerID: id}
			var next any
			for _, k := range keys {
				switch k.Status {
				case "ACTIVE":
					active = authzKey{id, k}
				case "NEXT":
					next = k.Kid
				}
			}
			return active, []any{old, next}, nil
		},
	}},
	Examples: []Example{
		{"The key each server signs with", "SELECT s.name, k.kid FROM authz_server_keys k JOIN authz_servers s ON s.id = k.auth_server_id WHERE k.status = 'ACTIVE' ORDER BY s.name"},
		{"The key each server signs with now, and the one it will sign with after the next rotation", "SELECT s.name, k.status, k.kid FROM authz_servers s JOIN authz_server_keys k ON k.auth_server_id = s.id WHERE k.status IN ('ACTIVE', 'NEXT') ORDER BY s.name, k.status"},
		{"Keys by status", "SELECT status, COUNT(*) AS n FROM authz_server_keys GROUP BY status ORDER BY status"},
	},
}
