package okta

import (
	"context"
	"encoding/base64"
	"encoding/pem"
	"iter"
	"net/http"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// CSR is a pending certificate signing request of an application (okta.md §3.3). CSR is the
// PKCS#10 request as base64 DER (standard alphabet in practice, although the spec says
// base64url).
type CSR struct {
	ID      string `json:"id"`
	Created Time   `json:"created"`
	CSR     string `json:"csr"`
	Kty     string `json:"kty"`
}

// CSRMetadata is the body of a CSR generate request: the subject and the DNS names of the
// certificate to be.
type CSRMetadata struct {
	Subject         CSRSubject          `json:"subject"`
	SubjectAltNames *CSRSubjectAltNames `json:"subjectAltNames,omitempty"`
}

// CSRSubject is the subject of a CSR; empty fields are left out.
type CSRSubject struct {
	CountryName            string `json:"countryName,omitempty"`
	StateOrProvinceName    string `json:"stateOrProvinceName,omitempty"`
	LocalityName           string `json:"localityName,omitempty"`
	OrganizationName       string `json:"organizationName,omitempty"`
	OrganizationalUnitName string `json:"organizationalUnitName,omitempty"`
	CommonName             string `json:"commonName,omitempty"`
}

// CSRSubjectAltNames are a CSR's subject alternative names.
type CSRSubjectAltNames struct {
	DNSNames []string `json:"dnsNames"`
}

// CSRRoutes are the calls on the pending CSRs of one kind of parent: an app's (okta.md §3.3)
// or an IdP's (§3.11), the same shapes under another path.
type CSRRoutes struct {
	List, Get, Generate, Revoke, Publish routes.Route
}

// The CSR calls of apps and of identity providers.
var (
	AppCSRRoutes = CSRRoutes{oktaroutes.ListAppCSRs, oktaroutes.GetAppCSR, oktaroutes.GenerateAppCSR, oktaroutes.RevokeAppCSR, oktaroutes.PublishAppCSR}
	IdPCSRRoutes = CSRRoutes{oktaroutes.ListIdPCSRs, oktaroutes.GetIdPCSR, oktaroutes.GenerateIdPCSR, oktaroutes.RevokeIdPCSR, oktaroutes.PublishIdPCSR}
)

// CSRs lists a parent's pending CSRs.
func (c *Client) CSRs(ctx context.Context, r CSRRoutes, parentID string) iter.Seq2[CSR, error] {
	return list[CSR](ctx, c, r.List, nil, parentID)
}

// CSR gets one CSR of a parent.
func (c *Client) CSR(ctx context.Context, r CSRRoutes, parentID, csrID string) (CSR, error) {
	return get[CSR](ctx, c, r.Get, parentID, csrID)
}

// GenerateCSR creates a key pair and a CSR for it; the key is not among the parent's keys
// until the signed certificate is published.
func (c *Client) GenerateCSR(ctx context.Context, r CSRRoutes, parentID string, meta CSRMetadata) (CSR, error) {
	req := fetch.NewRequest(r.Generate, parentID)
	req.Body = meta
	return do[CSR](ctx, c, req)
}

// RevokeCSR revokes a CSR and deletes its key pair.
func (c *Client) RevokeCSR(ctx context.Context, r CSRRoutes, parentID, csrID string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(r.Revoke, parentID, csrID))
	return err
}

// PublishCSR publishes the certificate signed for a CSR (DER bytes) and returns the new key
// credential (an app key, or an IdP signing key); the CSR is gone afterwards. asPEM sends it
// as application/x-pem-file, otherwise as base64 DER (application/pkix-cert with
// Content-Transfer-Encoding: base64).
func (c *Client) PublishCSR(ctx context.Context, r CSRRoutes, parentID, csrID string, der []byte, asPEM bool) (JSONWebKey, error) {
	req := fetch.NewRequest(r.Publish, parentID, csrID)
	if asPEM {
		req.RawBody, req.ContentType = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), "application/x-pem-file"
	} else {
		req.RawBody, req.ContentType = []byte(base64.StdEncoding.EncodeToString(der)), "application/pkix-cert"
		req.Header = http.Header{"Content-Transfer-Encoding": {"base64"}}
	}
	return do[JSONWebKey](ctx, c, req)
}
