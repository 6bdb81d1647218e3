package tables

import (
	"context"
	"encoding/base64"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// idpKey is a key of the IdP key store with its lazily decoded certificate.
type idpKey struct {
	okta.JSONWebKey
	cert *certinfo.Lazy
}

func newIdPKey(k okta.JSONWebKey) idpKey {
	return idpKey{JSONWebKey: k, cert: certinfo.LazyX5C(k.X5C)}
}

// x5cArg reads a certificate chain given to INSERT or UPDATE: a JSON array of base64 DER
// certificates, one base64 DER certificate, or PEM holding one or more certificates (also
// as elements of the array). Every certificate must parse; the result is standard base64
// DER, leaf first, as the API takes it.
func x5cArg(v any) ([]string, error) {
	items, err := stringList("x5c", v)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("x5c is empty: give a JSON array of base64 DER certificates, one base64 DER certificate, or PEM")
	}
	var out []string
	for i, s := range items {
		ders, err := certinfo.ParseChainArg(s)
		if err != nil {
			if len(items) == 1 {
				return nil, fmt.Errorf("x5c: %w", err)
			}
			return nil, fmt.Errorf("x5c[%d]: %w", i, err)
		}
		for _, der := range ders {
			out = append(out, base64.StdEncoding.EncodeToString(der))
		}
	}
	return out, nil
}

var idpsKeys = &Table[idpKey]{
	Name:     "idps_keys",
	Doc:      "The Okta IdP key store: X.509 certificates that identity providers trust (idps.trust_kid).",
	Vendor:   Okta,
	Route:    oktaroutes.ListIdPKeys,
	GetRoute: oktaroutes.GetIdPKey,
	Keys:     []string{"kid"},
	List: func(ctx context.Context, c *Conn, _ Values) iter.Seq2[idpKey, error] {
		return mapSeq(c.Okta.IdPKeys(ctx), newIdPKey)
	},
	Get: func(ctx context.Context, c *Conn, k Values) (idpKey, error) {
		key, err := c.Okta.IdPKey(ctx, k.Str("kid"))
		return newIdPKey(key), err
	},
	Columns: append([]Column[idpKey]{
		{Name: "kid", Type: String, Doc: "Key id (a UUID); idps.trust_kid refers to it.", Get: func(k idpKey) any { return k.Kid }},
		{Name: "kty", Type: String, Doc: "Key type: RSA or EC.", Get: func(k idpKey) any { return NZ(k.Kty) }},
		{Name: "alg", Type: String, Doc: "Key algorithm family as the API reports it (RSA, EC).", Get: func(k idpKey) any { return NZ(k.Alg) }},
		{Name: "use", Type: String, Doc: "Key use (sig).", Get: func(k idpKey) any { return NZ(k.Use) }},
		{Name: "created", Type: Time, Doc: "When the key was added to the store.", Get: func(k idpKey) any { return TS(k.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the key was last replaced.", Get: func(k idpKey) any { return TS(k.LastUpdated) }},
		{Name: "expires_at", Type: Time, Doc: "When the certificate expires, as the API reports it.", Get: func(k idpKey) any { return TS(k.ExpiresAt) }},
		{Name: "e", Type: String, Doc: "RSA public exponent, as the API encodes it (base64url or decimal).", Get: func(k idpKey) any { return NZ(k.E) }},
		{Name: "n", Type: Text, Doc: "RSA modulus, as the API encodes it (base64url or decimal).", Get: func(k idpKey) any { return NZ(k.N) }},
		{Name: "x", Type: String, Doc: "EC public key x coordinate (base64url).", Get: func(k idpKey) any { return NZ(k.X) }},
		{Name: "y", Type: String, Doc: "EC public key y coordinate (base64url).", Get: func(k idpKey) any { return NZ(k.Y) }},
		{Name: "crv", Type: String, Doc: "EC curve: P-256, P-384 or P-521.", Get: func(k idpKey) any { return NZ(k.Crv) }},
		{Name: "x5c", Type: JSON, Doc: "X.509 certificate chain: base64 DER strings, leaf first. INSERT and UPDATE take a JSON array, one base64 DER certificate, or PEM.", Get: func(k idpKey) any { return jsonOrNil(k.X5C) }},
		{Name: "x5t_s256", Type: String, Doc: "SHA-256 thumbprint of the certificate as the API reports it (x5t#S256, base64url).", Get: func(k idpKey) any { return NZ(k.X5TS256) }},
		x5tMatches(func(k idpKey) *certinfo.Lazy { return k.cert }, func(k idpKey) string { return k.X5TS256 }),
	}, certColumns(func(k idpKey) *certinfo.Lazy { return k.cert })...),
	InsertCols:   []string{"x5c"},
	InsertNeeds:  []string{"x5c"},
	InsertDoc:    "adds the x5c chain to the key store.",
	InsertRoutes: []routes.Route{oktaroutes.CreateIdPKey},
	Insert: func(ctx context.Context, c *Conn, v Values) (idpKey, error) {
		x5c, err := x5cArg(v["x5c"])
		if err != nil {
			return idpKey{}, err
		}
		k, err := c.Okta.CreateIdPKey(ctx, x5c)
		if err != nil {
			return idpKey{}, fmt.Errorf("create IdP key: %w", err)
		}
		return newIdPKey(k), nil
	},
	UpdateCols:   []string{"x5c"},
	UpdateDoc:    "replaces the certificate, keeping the kid (IdPs trusting it follow).",
	UpdateRoutes: []routes.Route{oktaroutes.ReplaceIdPKey},
	Update: func(ctx context.Context, c *Conn, key, _, set Values) (idpKey, error) {
		x5c, err := x5cArg(set["x5c"])
		if err != nil {
			return idpKey{}, err
		}
		k, err := c.Okta.ReplaceIdPKey(ctx, key.Str("kid"), x5c)
		if err != nil {
			return idpKey{}, fmt.Errorf("replace IdP key %s: %w", key.Str("kid"), err)
		}
		return newIdPKey(k), nil
	},
	DeleteDoc:    "deletes the key; refused before the DELETE, naming the IdP, while an IdP trusts the key (the IdPs are listed first).",
	DeleteRoutes: []routes.Route{oktaroutes.ListIdPs, oktaroutes.DeleteIdPKey},
	Delete:       deleteIdPKey,
	Examples: []Example{
		{"IdP keys that no identity provider trusts", "SELECT k.kid, k.cert_subject, k.cert_not_after FROM idps_keys k WHERE NOT EXISTS (SELECT 1 FROM idps i WHERE i.trust_kid = k.kid) ORDER BY k.cert_not_after"},
		{"IdP certificates that expire within 90 days", "SELECT kid, kty, cert_subject, cert_not_after FROM idps_keys WHERE cert_not_after < NOW() + INTERVAL 90 DAY ORDER BY cert_not_after"},
		{"Keys whose reported thumbprint does not match their certificate", "SELECT kid, x5t_s256, cert_sha256 FROM idps_keys WHERE NOT x5t_s256_matches"},
	},
}
