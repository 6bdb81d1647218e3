package tables

import (
	"context"
	"fmt"
	"iter"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/routes"
)

// csrTableSpec is what differs between the CSR tables of two kinds of Okta parent (apps,
// identity providers): the calls are the same shapes under another path (okta.CSRRoutes).
type csrTableSpec[R any] struct {
	name, doc string
	// owner is the parent's key column (app_id, idp_id); noun names the parent in errors.
	owner, noun string
	parent      *Parent
	routes      okta.CSRRoutes
	wrap        func(ownerID string, c okta.CSR) R
	columns     []Column[R]
	// publishDoc documents the publish procedure; ownerDoc and csrIDDoc its first parameters.
	publishDoc, ownerDoc, csrIDDoc string
	// extra and published are the new key's columns in publish's result row.
	extra     []ExtraColumn
	published func(ownerID string, k okta.JSONWebKey) []any
	examples  []Example
}

// csrTable builds a CSR table: list and get, INSERT generates a key pair and a CSR, DELETE
// revokes it, and publish turns it into a key of its parent with the CA-signed certificate.
func csrTable[R any](s csrTableSpec[R]) *Table[R] {
	return &Table[R]{
		Name:     s.name,
		Doc:      s.doc,
		Vendor:   Okta,
		Route:    s.routes.List,
		GetRoute: s.routes.Get,
		Keys:     []string{s.owner, "id"},
		Parent:   s.parent,
		List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[R, error] {
			id := k.Str(s.owner)
			return mapSeq(c.Okta.CSRs(ctx, s.routes, id), func(r okta.CSR) R { return s.wrap(id, r) })
		},
		Get: func(ctx context.Context, c *Conn, k Values) (R, error) {
			r, err := c.Okta.CSR(ctx, s.routes, k.Str(s.owner), k.Str("id"))
			return s.wrap(k.Str(s.owner), r), err
		},
		Columns: s.columns,
		InsertCols: []string{s.owner, "subject_common_name", "subject_country_name", "subject_state_or_province_name", "subject_locality_name",
			"subject_organization_name", "subject_organizational_unit_name", "dns_names"},
		InsertNeeds:  []string{s.owner},
		InsertDoc:    "generates a key pair and a CSR from the CsrMetadata built from the subject_* columns and dns_names.",
		InsertRoutes: []routes.Route{s.routes.Generate},
		Insert: func(ctx context.Context, c *Conn, v Values) (R, error) {
			var zero R
			meta, err := csrMetadata(v)
			if err != nil {
				return zero, err
			}
			r, err := c.Okta.GenerateCSR(ctx, s.routes, v.Str(s.owner), meta)
			if err != nil {
				return zero, fmt.Errorf("generate CSR for %s %s: %w", s.noun, v.Str(s.owner), err)
			}
			return s.wrap(v.Str(s.owner), r), nil
		},
		DeleteDoc:    "revokes the CSR and deletes its key pair.",
		DeleteRoutes: []routes.Route{s.routes.Revoke},
		Delete: func(ctx context.Context, c *Conn, k Values) error {
			return c.Okta.RevokeCSR(ctx, s.routes, k.Str(s.owner), k.Str("id"))
		},
		Procedures: []Procedure[R]{{
			Name: "publish", Mutating: true,
			Doc:    s.publishDoc,
			Routes: []routes.Route{s.routes.Get, s.routes.Publish},
			Params: []Param{
				{Name: s.owner, Type: String, Doc: s.ownerDoc},
				{Name: "csr_id", Type: String, Doc: s.csrIDDoc},
				{Name: "certificate", Type: Text, Doc: "The signed certificate: PEM (sent as application/x-pem-file) or base64 DER (sent as application/pkix-cert)."},
			},
			Extra: s.extra,
			Run: func(ctx context.Context, c *Conn, a Values) (R, []any, error) {
				var zero R
				der, isPEM, err := certinfo.ParseCertificateArg(a.Str("certificate"))
				if err != nil {
					return zero, nil, fmt.Errorf("parameter certificate: %w", err)
				}
				owner, csrID := a.Str(s.owner), a.Str("csr_id")
				// A published CSR can no longer be read: the row is the CSR just before.
				before, err := c.Okta.CSR(fetch.BypassCache(ctx), s.routes, owner, csrID)
				if err != nil {
					return zero, nil, fmt.Errorf("get CSR %s of %s %s: %w", csrID, s.noun, owner, err)
				}
				k, err := c.Okta.PublishCSR(ctx, s.routes, owner, csrID, der, isPEM)
				if err != nil {
					return zero, nil, fmt.Errorf("publish CSR %s of %s %s: %w", csrID, s.noun, owner, err)
				}
				return s.wrap(owner, before), s.published(owner, k), nil
			},
		}},
		Examples: s.examples,
	}
}
