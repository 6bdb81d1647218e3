package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// appKey is an app key credential with its app and its lazily decoded certificate.
type appKey struct {
	AppID string
	okta.JSONWebKey
	cert *certinfo.Lazy
}

func newAppKey(appID string, k okta.JSONWebKey) appKey {
	return appKey{AppID: appID, JSONWebKey: k, cert: certinfo.LazyX5C(k.X5C)}
}

func appKeySeq(appID string, seq iter.Seq2[okta.JSONWebKey, error]) iter.Seq2[appKey, error] {
	return func(yield func(appKey, error) bool) {
		for k, err := range seq {
			if !yield(newAppKey(appID, k), err) {
				return
			}
		}
	}
}

var appKeys = &Table[appKey]{
	Name:     "app_keys",
	Doc:      "Key credentials (signing certificates) of Okta applications.",
	Vendor:   Okta,
	Route:    oktaroutes.ListAppKeys,
	GetRoute: oktaroutes.GetAppKey,
	Keys:     []string{"app_id", "kid"},
	Parent:   &Parent{Table: "apps", Column: "app_id", Key: "id"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[appKey, error] {
		return appKeySeq(k.Str("app_id"), c.Okta.AppKeys(ctx, k.Str("app_id")))
	},
	Get: func(ctx context.Context, c *Conn, k Values) (appKey, error) {
		key, err := c.Okta.AppKey(ctx, k.Str("app_id"), k.Str("kid"))
		return newAppKey(k.Str("app_id"), key), err
	},
	Columns: append([]Column[appKey]{
		{Name: "app_id", Type: String, Doc: "Id of the application (apps.id).", Get: func(k appKey) any { return k.AppID }},
		{Name: "kid", Type: String, Doc: "Key id.", Get: func(k appKey) any { return k.Kid }},
		{Name: "kty", Type: String, Doc: "Key type (RSA).", Get: func(k appKey) any { return NZ(k.Kty) }},
		{Name: "use", Type: String, Doc: "Key use (sig).", Get: func(k appKey) any { return NZ(k.Use) }},
		{Name: "created", Type: Time, Doc: "When the key was created.", Get: func(k appKey) any { return TS(k.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the key was last updated.", Get: func(k appKey) any { return TS(k.LastUpdated) }},
		{Name: "expires_at", Type: Time, Doc: "When the certificate expires, as the API reports it.", Get: func(k appKey) any { return TS(k.ExpiresAt) }},
		{Name: "e", Type: String, Doc: "RSA public exponent (base64url).", Get: func(k appKey) any { return NZ(k.E) }},
		{Name: "n", Type: Text, Doc: "RSA modulus (base64url).", Get: func(k appKey) any { return NZ(k.N) }},
		{Name: "x5c", Type: JSON, Doc: "X.509 certificate chain: base64 DER strings, leaf first.", Get: func(k appKey) any { return jsonOrNil(k.X5C) }},
		{Name: "x5t_s256", Type: String, Doc: "SHA-256 thumbprint of the certificate as the API reports it (x5t#S256, base64url).", Get: func(k appKey) any { return NZ(k.X5TS256) }},
		x5tMatches(func(k appKey) *certinfo.Lazy { return k.cert }, func(k appKey) string { return k.X5TS256 }),
	}, certColumns(func(k appKey) *certinfo.Lazy { return k.cert })...),
	Procedures: []Procedure[appKey]{
		{
			Name: "generate", Mutating: true,
			Doc:      "Generates a new key credential (a self-signed certificate) for the app. The app keeps signing with its current key until it is switched to the new kid.",
			Routes:   []routes.Route{oktaroutes.GenerateAppKey},
			CallNote: "validityYears=N",
			Params: []Param{
				{Name: "app_id", Type: String, Doc: "Application id."},
				{Name: "validity_years", Type: Int, Optional: true, Doc: "Validity of the certificate in years, 2 to 10 (default 2)."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (appKey, []any, error) {
				years, err := validityYears(a)
				if err != nil {
					return appKey{}, nil, err
				}
				k, err := c.Okta.GenerateAppKey(ctx, a.Str("app_id"), years)
				return newAppKey(a.Str("app_id"), k), nil, err
			},
		},
		{
			Name: "rotate", Mutating: true,
			Doc: "Rotates the app's signing key in one go: generates a key credential, switches the app's signing kid to it " +
				"(GET the app, PUT it back whole with the new kid) and checks the answer. Returns the new key, the old and new kid " +
				"and the steps taken. The old key is never deleted; it stays until it expires. Stops at the first failure, saying " +
				"what state it left.",
			Routes:   []routes.Route{oktaroutes.GetApp, oktaroutes.GenerateAppKey, oktaroutes.ReplaceApp},
			CallNote: "validityYears=N; the app is read again just before the PUT",
			Params: []Param{
				{Name: "app_id", Type: String, Doc: "Application id."},
				{Name: "validity_years", Type: Int, Optional: true, Doc: "Validity of the new certificate in years, 2 to 10 (default 2)."},
			},
			Extra: []ExtraColumn{
				{Name: "old_kid", Type: String, Doc: "The kid the app signed with before."},
				{Name: "new_kid", Type: String, Doc: "The kid the app signs with now."},
				stepsExtra,
			},
			Run: rotateAppKey,
		},
		{
			Name: "clone", Mutating: true,
			Doc:      "Copies a key credential to another application (sharing a certificate between apps is not recommended). Returns the key as stored on the target app.",
			Routes:   []routes.Route{oktaroutes.CloneAppKey},
			CallNote: "targetAid=...",
			Params: []Param{
				{Name: "app_id", Type: String, Doc: "Application holding the key."},
				{Name: "kid", Type: String, Doc: "Key id to clone."},
				{Name: "target_app_id", Type: String, Doc: "Application to copy the key to."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (appKey, []any, error) {
				k, err := c.Okta.CloneAppKey(ctx, a.Str("app_id"), a.Str("kid"), a.Str("target_app_id"))
				return newAppKey(a.Str("target_app_id"), k), nil, err
			},
		},
	},
	Examples: []Example{
		{"Signing certificates that expire within 90 days", "SELECT a.label, k.kid, k.cert_not_after FROM app_keys k JOIN apps a ON a.id = k.app_id WHERE k.cert_not_after < NOW() + INTERVAL 90 DAY ORDER BY k.cert_not_after"},
		{"Keys whose reported thumbprint does not match their certificate", "SELECT app_id, kid, x5t_s256, cert_sha256 FROM app_keys WHERE NOT x5t_s256_matches"},
	},
}
