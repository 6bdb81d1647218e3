package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"
	"strings"

	"github.com/credsql/credsql/internal/fetch/okta"
)

// idpSigningKey is a signing key of an IdP (its own key pair, not the key store's trusted
// certificates) with the IdP's id.
type idpSigningKey struct {
	IdPID string
	idpKey
}

func newIdPSigningKey(idpID string, k okta.JSONWebKey) idpSigningKey {
	return idpSigningKey{IdPID: idpID, idpKey: newIdPKey(k)}
}

// idpSigningKeyColumns are idps_keys' columns (the same IdPKeyCredential shape) after idp_id.
func idpSigningKeyColumns() []Column[idpSigningKey] {
	cols := []Column[idpSigningKey]{
		{Name: "idp_id", Type: String, Doc: "Id of the identity provider (idps.id).", Get: func(k idpSigningKey) any { return k.IdPID }},
	}
	for _, c := range idpsKeys.Columns {
		doc := c.Doc
		switch c.Name {
		case "kid":
			doc = "Key id (akm...)."
		case "x5c":
			doc = "X.509 certificate chain: base64 DER strings, leaf first."
		case "created":
			doc = "When the key was created."
		case "last_updated":
			doc = "When the key was last updated."
		}
		get := c.Get
		cols = append(cols, Column[idpSigningKey]{Name: c.Name, Type: c.Type, Doc: doc, Sensitive: c.Sensitive,
			Get: func(k idpSigningKey) any { return get(k.idpKey) }})
	}
	return cols
}

var idpSigningKeys = &Table[idpSigningKey]{
	Name: "idp_signing_keys",
	Doc: "Signing key credentials of Okta identity providers: the key pairs (self-signed or CA-signed certificates) with which Okta signs " +
		"requests to an IdP. Not the certificates an IdP is trusted with (idps_keys).",
	Vendor:   Okta,
	Route:    oktaroutes.ListIdPSigningKeys,
	GetRoute: oktaroutes.GetIdPSigningKey,
	Keys:     []string{"idp_id", "kid"},
	Parent:   &Parent{Table: "idps", Column: "idp_id", Key: "id"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[idpSigningKey, error] {
		id := k.Str("idp_id")
		return mapSeq(c.Okta.IdPSigningKeys(ctx, id), func(key okta.JSONWebKey) idpSigningKey { return newIdPSigningKey(id, key) })
	},
	Get: func(ctx context.Context, c *Conn, k Values) (idpSigningKey, error) {
		key, err := c.Okta.IdPSigningKey(ctx, k.Str("idp_id"), k.Str("kid"))
		return newIdPSigningKey(k.Str("idp_id"), key), err
	},
	Columns: idpSigningKeyColumns(),
	Procedures: []Procedure[idpSigningKey]{
		{
			Name: "generate", Mutating: true,
			Doc:      "Generates a new signing key (a self-signed certificate) for the IdP. The IdP keeps signing with its current key until it is switched.",
			Routes:   []routes.Route{oktaroutes.GenerateIdPSigningKey},
			CallNote: "validityYears=N",
			Params: []Param{
				{Name: "idp_id", Type: String, Doc: "Identity provider id."},
				{Name: "validity_years", Type: Int, Optional: true, Doc: "Validity of the certificate in years, 2 to 10 (default 2)."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (idpSigningKey, []any, error) {
				years, err := validityYears(a)
				if err != nil {
					return idpSigningKey{}, nil, err
				}
				k, err := c.Okta.GenerateIdPSigningKey(ctx, a.Str("idp_id"), years)
				return newIdPSigningKey(a.Str("idp_id"), k), nil, err
			},
		},
		{
			Name: "clone", Mutating: true,
			Doc:      "Copies a signing key to another identity provider; refused by Okta when the target already holds it. Returns the key as stored on the target IdP.",
			Routes:   []routes.Route{oktaroutes.CloneIdPSigningKey},
			CallNote: "targetIdpId=...",
			Params: []Param{
				{Name: "idp_id", Type: String, Doc: "Identity provider holding the key."},
				{Name: "kid", Type: String, Doc: "Key id to clone."},
				{Name: "target_idp_id", Type: String, Doc: "Identity provider to copy the key to."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (idpSigningKey, []any, error) {
				k, err := c.Okta.CloneIdPSigningKey(ctx, a.Str("idp_id"), a.Str("kid"), a.Str("target_idp_id"))
				return newIdPSigningKey(a.Str("target_idp_id"), k), nil, err
			},
		},
	},
	Examples: []Example{
		{"IdP signing certificates that expire within 90 days", "SELECT i.name, k.kid, k.cert_not_after FROM idp_signing_keys k JOIN idps i ON i.id = k.idp_id WHERE k.cert_not_after < NOW() + INTERVAL 90 DAY ORDER BY k.cert_not_after"},
		{"Signing keys per IdP", "SELECT idp_id, COUNT(*) AS signing_keys FROM idp_signing_keys GROUP BY idp_id ORDER BY idp_id"},
	},
}

// idpPublishedKey names the extra columns of idp_csrs_publish: the new key as
// idp_signing_keys shows it.
func idpPublishedKeyExtra() []ExtraColumn {
	var out []ExtraColumn
	for _, p := range publishedKey {
		c := idpSigningKeyColumn(p.column)
		out = append(out, ExtraColumn{Name: p.extra, Type: c.Type, Doc: "The published key's " + p.column + " (idp_signing_keys." + p.column + "): " + c.Doc})
	}
	return out
}

func idpPublishedKeyValues(k idpSigningKey) []any {
	out := make([]any, len(publishedKey))
	for i, p := range publishedKey {
		out[i] = idpSigningKeyColumn(p.column).Get(k)
	}
	return out
}

func idpSigningKeyColumn(name string) Column[idpSigningKey] {
	for _, c := range idpSigningKeyColumns() {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	panic("idp_signing_keys has no column " + name)
}
