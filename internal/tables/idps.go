package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"
	"slices"

	"github.com/credsql/credsql/internal/fetch/okta"
)

var idps = &Table[okta.IdP]{
	Name:     "idps",
	Doc:      "Okta identity providers; SAML2 and X509 IdPs trust a certificate of the IdP key store (idps_keys).",
	Vendor:   Okta,
	Route:    oktaroutes.ListIdPs,
	GetRoute: oktaroutes.GetIdP,
	Keys:     []string{"id"},
	// The `type` list parameter is an exact match on the type enum; other values are not
	// sent (Okta may refuse them), the engine checks every row anyway.
	Filters: []string{"type"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[okta.IdP, error] {
		typ := k.Str("type")
		if !slices.Contains(okta.IdPTypes, typ) {
			typ = ""
		}
		return c.Okta.IdPs(ctx, typ)
	},
	Get: func(ctx context.Context, c *Conn, k Values) (okta.IdP, error) {
		return c.Okta.IdP(ctx, k.Str("id"))
	},
	Columns: []Column[okta.IdP]{
		{Name: "id", Type: String, Doc: "Identity provider id (0oa...).", Get: func(p okta.IdP) any { return p.ID }},
		{Name: "name", Type: String, Doc: "Unique name of the IdP.", Get: func(p okta.IdP) any { return NZ(p.Name) }},
		{Name: "type", Type: String, Doc: "IdP type: SAML2, X509, OIDC, GOOGLE, MICROSOFT, FACEBOOK, ...", Get: func(p okta.IdP) any { return NZ(p.Type) }},
		{Name: "status", Type: String, Doc: "ACTIVE or INACTIVE.", Get: func(p okta.IdP) any { return NZ(p.Status) }},
		{Name: "issuer_mode", Type: String, Doc: "Issuer of the tokens Okta mints for this IdP: ORG_URL, CUSTOM_URL or DYNAMIC.", Get: func(p okta.IdP) any { return NZ(p.IssuerMode) }},
		{Name: "protocol_type", Type: String, Doc: "Protocol: SAML2, OIDC, OAUTH2, MTLS (X509 IdPs) or ID_PROOFING.", Get: func(p okta.IdP) any { return NZ(p.Protocol.Type) }},
		{Name: "trust_kid", Type: String, Doc: "kid of the IdP key store certificate the IdP trusts (protocol.credentials.trust.kid); joins to idps_keys.kid.", Get: func(p okta.IdP) any { return NZ(p.Protocol.Credentials.Trust.Kid) }},
		{Name: "trust_additional_kids", Type: JSON, Doc: "Further trusted kids of a SAML2 IdP (protocol.credentials.trust.additionalKids), a JSON array.", Get: func(p okta.IdP) any { return jsonOrNil(p.Protocol.Credentials.Trust.AdditionalKids) }},
		{Name: "trust_issuer", Type: String, Doc: "Issuer the IdP's assertions or certificates must come from (protocol.credentials.trust.issuer).", Get: func(p okta.IdP) any { return NZ(p.Protocol.Credentials.Trust.Issuer) }},
		{Name: "created", Type: Time, Doc: "When the IdP was created.", Get: func(p okta.IdP) any { return TS(p.Created) }},
		{Name: "last_updated", Type: Time, Doc: "When the IdP was last updated.", Get: func(p okta.IdP) any { return TS(p.LastUpdated) }},
	},
	UpdateCols:   idpUpdateCols,
	UpdateDoc:    idpUpdateDoc,
	UpdateRoutes: []routes.Route{oktaroutes.GetIdPKey, oktaroutes.GetIdP, oktaroutes.ReplaceIdP},
	Update:       updateIdP,
	Procedures: []Procedure[okta.IdP]{
		{
			Name: "trust_rotate", Mutating: true,
			Doc: "First half of a certificate rotation without downtime: uploads the partner's new certificate to the IdP key store " +
				"and adds it to the IdP's additional trusted kids, so that the IdP trusts the old and the new certificate. " +
				"Once the partner signs with the new one, CALL idps_trust_promote. An X509 IdP trusts a single kid: it is " +
				"switched to the new key at once. Returns the IdP, the old and new kid and the steps; stops at the first " +
				"failure, saying what state it left.",
			Routes:   []routes.Route{oktaroutes.GetIdP, oktaroutes.CreateIdPKey, oktaroutes.ReplaceIdP},
			CallNote: "the IdP is read again just before the PUT",
			Params: []Param{
				{Name: "idp_id", Type: String, Doc: "Identity provider id."},
				{Name: "x5c_pem", Type: Text, Doc: "The new certificate: PEM (a chain, leaf first), one base64 DER certificate, or a JSON array of them."},
			},
			Extra: []ExtraColumn{
				{Name: "old_kid", Type: String, Doc: "The IdP's primary trusted kid (unchanged for a SAML2 IdP)."},
				{Name: "new_kid", Type: String, Doc: "The kid of the uploaded certificate."},
				stepsExtra,
			},
			Run: rotateIdPTrust,
		},
		{
			Name: "trust_promote", Mutating: true,
			Doc: "Second half of the rotation: makes a kid the IdP already trusts its primary trusted kid and drops the old " +
				"primary kid from the trust list. The old key stays in idps_keys until deleted. The kid may be given as " +
				"'sha256:<cert_sha256>' to name the trusted key by its certificate.",
			Routes: []routes.Route{oktaroutes.GetIdP, oktaroutes.GetIdPKey, oktaroutes.ReplaceIdP},
			Params: []Param{
				{Name: "idp_id", Type: String, Doc: "Identity provider id."},
				{Name: "kid", Type: String, Doc: "A kid the IdP trusts (an additional kid), or sha256:<cert_sha256> of its certificate."},
			},
			Extra: []ExtraColumn{
				{Name: "old_kid", Type: String, Doc: "The primary trusted kid before, now dropped from the trust."},
				{Name: "new_kid", Type: String, Doc: "The primary trusted kid now."},
				stepsExtra,
			},
			Run: promoteIdPTrust,
		},
	},
	Examples: []Example{
		{"IdPs trusting a certificate that expires within 30 days", "SELECT i.name, i.type, k.kid, k.cert_not_after FROM idps i JOIN idps_keys k ON k.kid = i.trust_kid WHERE k.cert_not_after < NOW() + INTERVAL 30 DAY ORDER BY k.cert_not_after"},
		{"SAML identity providers and the certificate they trust", "SELECT name, status, trust_kid, trust_issuer FROM idps WHERE type = 'SAML2' ORDER BY name"},
	},
}
