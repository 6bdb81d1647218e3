package tables

import (
	"context"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"iter"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// idpCSR is a pending CSR of an IdP: app_csrs' row with the IdP's id in place of the app's.
type idpCSR struct {
	IdPID string
	appCSR
}

func newIdPCSR(idpID string, c okta.CSR) idpCSR {
	return idpCSR{IdPID: idpID, appCSR: newAppCSR(idpID, c)}
}

// idpCSRColumns are app_csrs' columns with idp_id in place of app_id.
func idpCSRColumns() []Column[idpCSR] {
	cols := []Column[idpCSR]{
		{Name: "idp_id", Type: String, Doc: "Id of the identity provider (idps.id).", Get: func(c idpCSR) any { return c.IdPID }},
	}
	for _, c := range appCSRColumns() {
		if c.Name == "app_id" {
			continue
		}
		doc := c.Doc
		if c.Name == "id" {
			doc = "CSR id: the csr_id of idp_csrs_publish."
		}
		get := c.Get
		cols = append(cols, Column[idpCSR]{Name: c.Name, Type: c.Type, Doc: doc, Sensitive: c.Sensitive,
			Get: func(x idpCSR) any { return get(x.appCSR) }})
	}
	return cols
}

var idpCSRs = &Table[idpCSR]{
	Name:     "idp_csrs",
	Doc:      "Certificate signing requests of Okta identity providers: key pairs Okta generated for an IdP that wait for a CA-signed certificate.",
	Vendor:   Okta,
	Route:    oktaroutes.ListIdPCSRs,
	GetRoute: oktaroutes.GetIdPCSR,
	Keys:     []string{"idp_id", "id"},
	Parent:   &Parent{Table: "idps", Column: "idp_id", Key: "id"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[idpCSR, error] {
		id := k.Str("idp_id")
		return mapSeq(c.Okta.CSRs(ctx, okta.IdPCSRRoutes, id), func(r okta.CSR) idpCSR { return newIdPCSR(id, r) })
	},
	Get: func(ctx context.Context, c *Conn, k Values) (idpCSR, error) {
		r, err := c.Okta.CSR(ctx, okta.IdPCSRRoutes, k.Str("idp_id"), k.Str("id"))
		return newIdPCSR(k.Str("idp_id"), r), err
	},
	Columns:      idpCSRColumns(),
	InsertCols:   []string{"idp_id", "subject_common_name", "subject_country_name", "subject_state_or_province_name", "subject_locality_name", "subject_organization_name", "subject_organizational_unit_name", "dns_names"},
	InsertNeeds:  []string{"idp_id"},
	InsertDoc:    "generates a key pair and a CSR from the CsrMetadata built from the subject_* columns and dns_names.",
	InsertRoutes: []routes.Route{oktaroutes.GenerateIdPCSR},
	Insert: func(ctx context.Context, c *Conn, v Values) (idpCSR, error) {
		meta, err := csrMetadata(v)
		if err != nil {
			return idpCSR{}, err
		}
		r, err := c.Okta.GenerateCSR(ctx, okta.IdPCSRRoutes, v.Str("idp_id"), meta)
		if err != nil {
			return idpCSR{}, fmt.Errorf("generate CSR for IdP %s: %w", v.Str("idp_id"), err)
		}
		return newIdPCSR(v.Str("idp_id"), r), nil
	},
	DeleteDoc:    "revokes the CSR and deletes its key pair.",
	DeleteRoutes: []routes.Route{oktaroutes.RevokeIdPCSR},
	Delete: func(ctx context.Context, c *Conn, k Values) error {
		return c.Okta.RevokeCSR(ctx, okta.IdPCSRRoutes, k.Str("idp_id"), k.Str("id"))
	},
	Procedures: []Procedure[idpCSR]{{
		Name: "publish", Mutating: true,
		Doc: "Publishes the certificate a CA signed for an IdP's CSR: the key pair becomes a signing key of the IdP (idp_signing_keys) and the CSR is gone. " +
			"The certificate is PEM or base64 DER and must be valid for more than 90 days. The result row holds the CSR as it was just before publishing " +
			"(read with one GET), and in the extra columns the new key as idp_signing_keys shows it: kid, key_created, expires_at, x5c, x5t_s256, cert_*.",
		Routes: []routes.Route{oktaroutes.GetIdPCSR, oktaroutes.PublishIdPCSR},
		Params: []Param{
			{Name: "idp_id", Type: String, Doc: "Identity provider id."},
			{Name: "csr_id", Type: String, Doc: "CSR id (idp_csrs.id)."},
			{Name: "certificate", Type: Text, Doc: "The signed certificate: PEM (sent as application/x-pem-file) or base64 DER (sent as application/pkix-cert)."},
		},
		Extra: idpPublishedKeyExtra(),
		Run: func(ctx context.Context, c *Conn, a Values) (idpCSR, []any, error) {
			der, isPEM, err := certinfo.ParseCertificateArg(a.Str("certificate"))
			if err != nil {
				return idpCSR{}, nil, fmt.Errorf("parameter certificate: %w", err)
			}
			idpID, csrID := a.Str("idp_id"), a.Str("csr_id")
			before, err := c.Okta.CSR(fetch.BypassCache(ctx), okta.IdPCSRRoutes, idpID, csrID)
			if err != nil {
				return idpCSR{}, nil, fmt.Errorf("get CSR %s of IdP %s: %w", csrID, idpID, err)
			}
			k, err := c.Okta.PublishCSR(ctx, okta.IdPCSRRoutes, idpID, csrID, der, isPEM)
			if err != nil {
				return idpCSR{}, nil, fmt.Errorf("publish CSR %s of IdP %s: %w", csrID, idpID, err)
			}
			return newIdPCSR(idpID, before), idpPublishedKeyValues(newIdPSigningKey(idpID, k)), nil
		},
	}},
	Examples: []Example{
		{"IdP CSRs pending for more than 7 days", "SELECT i.name, c.id, c.subject_common_name, c.created FROM idp_csrs c JOIN idps i ON i.id = c.idp_id WHERE c.created < NOW() - INTERVAL 7 DAY ORDER BY c.created"},
		{"IdP CSRs by key type and size", "SELECT csr_key_type, csr_key_bits, COUNT(*) AS csrs FROM idp_csrs GROUP BY csr_key_type, csr_key_bits"},
	},
}
