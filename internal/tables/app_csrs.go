package tables

import (
	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch/okta"
)

// appCSR is a pending CSR with its app and its lazily decoded request.
type appCSR struct {
	AppID string
	okta.CSR
	req *certinfo.LazyCSR
}

func newAppCSR(appID string, c okta.CSR) appCSR {
	return appCSR{AppID: appID, CSR: c, req: certinfo.NewLazyCSR(c.CSR)}
}

// csrField reads a fact of the decoded CSR; NULL when it does not parse.
func csrField(f func(*certinfo.CSR) any) func(appCSR) any {
	return func(c appCSR) any {
		r := c.req.Get()
		if r == nil {
			return nil
		}
		return f(r)
	}
}

// csrSubjectColumns are the subject columns, decoded from the CSR and accepted by INSERT,
// with the CsrMetadata field each becomes.
var csrSubjectColumns = []struct {
	name, doc string
	get       func(*certinfo.CSR) string
	set       func(*okta.CSRSubject, string)
}{
	{"subject_common_name", "Subject common name (CN).",
		func(r *certinfo.CSR) string { return r.CommonName }, func(s *okta.CSRSubject, v string) { s.CommonName = v }},
	{"subject_country_name", "Subject country (C), e.g. US.",
		func(r *certinfo.CSR) string { return r.Country }, func(s *okta.CSRSubject, v string) { s.CountryName = v }},
	{"subject_state_or_province_name", "Subject state or province (ST).",
		func(r *certinfo.CSR) string { return r.StateOrProvince }, func(s *okta.CSRSubject, v string) { s.StateOrProvinceName = v }},
	{"subject_locality_name", "Subject locality, the city (L).",
		func(r *certinfo.CSR) string { return r.Locality }, func(s *okta.CSRSubject, v string) { s.LocalityName = v }},
	{"subject_organization_name", "Subject organization (O).",
		func(r *certinfo.CSR) string { return r.Organization }, func(s *okta.CSRSubject, v string) { s.OrganizationName = v }},
	{"subject_organizational_unit_name", "Subject organizational unit, e.g. the department (OU).",
		func(r *certinfo.CSR) string { return r.OrganizationalUnit }, func(s *okta.CSRSubject, v string) { s.OrganizationalUnitName = v }},
}

// csrMetadata is the CsrMetadata of an INSERT into a CSR table: the subject_* columns and
// dns_names.
func csrMetadata(v Values) (okta.CSRMetadata, error) {
	var meta okta.CSRMetadata
	for _, sc := range csrSubjectColumns {
		sc.set(&meta.Subject, v.Str(sc.name))
	}
	names, err := stringList("dns_names", v["dns_names"])
	if err != nil {
		return meta, err
	}
	if len(names) > 0 {
		meta.SubjectAltNames = &okta.CSRSubjectAltNames{DNSNames: names}
	}
	return meta, nil
}

func appCSRColumns() []Column[appCSR] {
	cols := []Column[appCSR]{
		{Name: "app_id", Type: String, Doc: "Id of the application (apps.id).", Get: func(c appCSR) any { return c.AppID }},
		{Name: "id", Type: String, Doc: "CSR id: the csr_id of app_csrs_publish.", Get: func(c appCSR) any { return c.ID }},
		{Name: "created", Type: Time, Doc: "When the CSR was generated.", Get: func(c appCSR) any { return TS(c.Created) }},
		{Name: "kty", Type: String, Doc: "Type of the CSR's key pair (RSA).", Get: func(c appCSR) any { return NZ(c.Kty) }},
		{Name: "csr", Type: Text, Doc: "The PKCS#10 request as PEM, ready to hand to a CA (the API's text if it does not decode).", Get: func(c appCSR) any {
			if r := c.req.Get(); r != nil {
				return r.PEM
			}
			return NZ(c.CSR.CSR)
		}},
	}
	for _, sc := range csrSubjectColumns {
		cols = append(cols, Column[appCSR]{Name: sc.name, Type: String, Doc: sc.doc + " Decoded from the CSR; settable by INSERT.",
			Get: csrField(func(r *certinfo.CSR) any { return NZ(sc.get(r)) })})
	}
	return append(cols,
		Column[appCSR]{Name: "dns_names", Type: JSON, Doc: "DNS subject alternative names, a JSON array. Decoded from the CSR; settable by INSERT as a JSON array or one name.",
			Get: csrField(func(r *certinfo.CSR) any { return jsonOrNil(r.DNSNames) })},
		Column[appCSR]{Name: "csr_key_type", Type: String, Doc: "Public key type of the CSR: RSA, EC or Ed25519.",
			Get: csrField(func(r *certinfo.CSR) any { return NZ(r.KeyType) })},
		Column[appCSR]{Name: "csr_key_bits", Type: Int, Doc: "Public key size of the CSR in bits.",
			Get: csrField(func(r *certinfo.CSR) any { return int64(r.KeyBits) })},
		Column[appCSR]{Name: "csr_signature_valid", Type: Bool, Doc: "Whether the CSR's self-signature verifies (proof that Okta holds the private key).",
			Get: csrField(func(r *certinfo.CSR) any { return r.SignatureValid })},
	)
}

// publishedKey names the extra columns of app_csrs_publish: the new key as app_keys shows it.
var publishedKey = []struct{ extra, column string }{
	{"kid", "kid"}, {"key_created", "created"}, {"expires_at", "expires_at"}, {"x5c", "x5c"},
	{"x5t_s256", "x5t_s256"}, {"x5t_s256_matches", "x5t_s256_matches"},
	{"cert_subject", "cert_subject"}, {"cert_issuer", "cert_issuer"}, {"cert_serial", "cert_serial"},
	{"cert_not_before", "cert_not_before"}, {"cert_not_after", "cert_not_after"}, {"cert_sha256", "cert_sha256"},
	{"cert_key_type", "cert_key_type"}, {"cert_key_bits", "cert_key_bits"}, {"cert_self_signed", "cert_self_signed"},
	{"cert_chain_length", "cert_chain_length"},
}

func appKeyColumn(name string) Column[appKey] {
	for _, c := range appKeys.Columns {
		if c.Name == name {
			return c
		}
	}
	panic("app_keys has no column " + name)
}

func publishedKeyExtra() []ExtraColumn {
	out := make([]ExtraColumn, len(publishedKey))
	for i, p := range publishedKey {
		c := appKeyColumn(p.column)
		out[i] = ExtraColumn{Name: p.extra, Type: c.Type, Doc: "The published key's " + p.column + " (app_keys." + p.column + "): " + c.Doc}
	}
	return out
}

func publishedKeyValues(k appKey) []any {
	out := make([]any, len(publishedKey))
	for i, p := range publishedKey {
		out[i] = appKeyColumn(p.column).Get(k)
	}
	return out
}

var appCSRs = csrTable(csrTableSpec[appCSR]{
	name:    "app_csrs",
	doc:     "Certificate signing requests of Okta applications: key pairs Okta generated that wait for a CA-signed certificate.",
	owner:   "app_id",
	noun:    "app",
	parent:  &Parent{Table: "apps", Column: "app_id", Key: "id"},
	routes:  okta.AppCSRRoutes,
	wrap:    newAppCSR,
	columns: appCSRColumns(),
	publishDoc: "Publishes the certificate a CA signed for a CSR: the key pair becomes a key credential of the app (app_keys) and the CSR is gone. " +
		"The certificate is PEM or base64 DER and must be valid for more than 90 days. The result row holds the CSR as it was just before publishing " +
		"(read with one GET, since a published CSR can no longer be read), and in the extra columns the new key as app_keys shows it: kid, key_created, expires_at, x5c, x5t_s256, cert_*.",
	ownerDoc:  "Application id.",
	csrIDDoc:  "CSR id (app_csrs.id).",
	extra:     publishedKeyExtra(),
	published: func(appID string, k okta.JSONWebKey) []any { return publishedKeyValues(newAppKey(appID, k)) },
	examples: []Example{
		{"CSRs pending for more than 7 days", "SELECT a.label, c.id, c.subject_common_name, c.created FROM app_csrs c JOIN apps a ON a.id = c.app_id WHERE c.created < NOW() - INTERVAL 7 DAY ORDER BY c.created"},
		{"The PEM of one CSR, to send to a CA", "SELECT csr FROM app_csrs WHERE app_id = '0oa1TAxlWz39xC3yd2na' AND id = 'Fmij33ojRHSPqdTXSDkdZLAvkdeQtCHog7No5NCap8M'"},
		{"CSRs by key type and size", "SELECT csr_key_type, csr_key_bits, COUNT(*) AS csrs FROM app_csrs GROUP BY csr_key_type, csr_key_bits"},
	},
})
