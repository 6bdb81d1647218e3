package tables

import (
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

var idpCSRs = csrTable(csrTableSpec[idpCSR]{
	name:    "idp_csrs",
	doc:     "Certificate signing requests of Okta identity providers: key pairs Okta generated for an IdP that wait for a CA-signed certificate.",
	owner:   "idp_id",
	noun:    "IdP",
	parent:  &Parent{Table: "idps", Column: "idp_id", Key: "id"},
	routes:  okta.IdPCSRRoutes,
	wrap:    newIdPCSR,
	columns: idpCSRColumns(),
	publishDoc: "Publishes the certificate a CA signed for an IdP's CSR: the key pair becomes a signing key of the IdP (idp_signing_keys) and the CSR is gone. " +
		"The certificate is PEM or base64 DER and must be valid for more than 90 days. The result row holds the CSR as it was just before publishing " +
		"(read with one GET), and in the extra columns the new key as idp_signing_keys shows it: kid, key_created, expires_at, x5c, x5t_s256, cert_*.",
	ownerDoc:  "Identity provider id.",
	csrIDDoc:  "CSR id (idp_csrs.id).",
	extra:     idpPublishedKeyExtra(),
	published: func(idpID string, k okta.JSONWebKey) []any { return idpPublishedKeyValues(newIdPSigningKey(idpID, k)) },
	examples: []Example{
		{"IdP CSRs pending for more than 7 days", "SELECT i.name, c.id, c.subject_common_name, c.created FROM idp_csrs c JOIN idps i ON i.id = c.idp_id WHERE c.created < NOW() - INTERVAL 7 DAY ORDER BY c.created"},
		{"IdP CSRs by key type and size", "SELECT csr_key_type, csr_key_bits, COUNT(*) AS csrs FROM idp_csrs GROUP BY csr_key_type, csr_key_bits"},
	},
})
