package tables

import (
	"context"
	"encoding/pem"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"iter"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch/ziti"
)

// zitiAuthenticator is an authenticator with its lazily decoded certificate.
type zitiAuthenticator struct {
	ziti.Authenticator
	cert *certinfo.Lazy
}

func newZitiAuthenticator(a ziti.Authenticator) zitiAuthenticator {
	return zitiAuthenticator{Authenticator: a, cert: certinfo.LazyPEM(a.CertPEM)}
}

func zitiAuthenticatorSeq(seq iter.Seq2[ziti.Authenticator, error]) iter.Seq2[zitiAuthenticator, error] {
	return func(yield func(zitiAuthenticator, error) bool) {
		for a, err := range seq {
			if !yield(newZitiAuthenticator(a), err) {
				return
			}
		}
	}
}

// getZitiAuthenticator reads an authenticator back after a change (PUT, PATCH and the extend
// calls answer with an empty envelope).
func getZitiAuthenticator(ctx context.Context, c *Conn, id string) (zitiAuthenticator, error) {
	a, err := c.Ziti.Authenticator(ctx, id)
	if err != nil {
		return zitiAuthenticator{}, fmt.Errorf("read authenticator %s back: %w", id, err)
	}
	return newZitiAuthenticator(a), nil
}

// passwordParams are the parameters of update and patch; the passwords are Secret.
func passwordParams(optional bool) []Param {
	return []Param{
		{Name: "id", Type: String, Doc: "Id of a updb (password) authenticator of the current identity."},
		{Name: "current_password", Type: String, Doc: "The authenticator's current password.", Secret: true},
		{Name: "username", Type: String, Doc: "The new username (4 to 100 characters).", Optional: optional},
		{Name: "password", Type: String, Doc: "The new password (5 to 100 characters).", Optional: optional, Secret: true},
	}
}

var zitiAuthenticators = &Table[zitiAuthenticator]{
	Name:     "ziti_authenticators",
	Doc:      "Authenticators (username/password and client certificates) of the OpenZiti identity credsql logs in as.",
	Vendor:   Ziti,
	Route:    zitiroutes.ListMyAuthenticators,
	GetRoute: zitiroutes.GetMyAuthenticator,
	Keys:     []string{"id"},
	Filters:  []string{"method"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[zitiAuthenticator, error] {
		return zitiAuthenticatorSeq(c.Ziti.Authenticators(ctx, ziti.Filter{Method: k.Str("method")}))
	},
	Get: func(ctx context.Context, c *Conn, k Values) (zitiAuthenticator, error) {
		a, err := c.Ziti.Authenticator(ctx, k.Str("id"))
		return newZitiAuthenticator(a), err
	},
	Columns: append([]Column[zitiAuthenticator]{
		{Name: "id", Type: String, Doc: "Authenticator id.", Get: func(a zitiAuthenticator) any { return a.ID }},
		{Name: "method", Type: String, Doc: "updb (username and password) or cert (client certificate).", Get: func(a zitiAuthenticator) any { return NZ(a.Method) }},
		{Name: "username", Type: String, Doc: "Username (updb only).", Get: func(a zitiAuthenticator) any { return NZ(a.Username) }},
		{Name: "cert_pem", Type: Text, Doc: "Client certificate, PEM (cert only).", Get: func(a zitiAuthenticator) any { return NZ(a.CertPEM) }},
		{Name: "fingerprint", Type: String, Doc: "Certificate fingerprint: hex SHA-1 of the DER (cert only).", Get: func(a zitiAuthenticator) any { return NZ(a.Fingerprint) }},
		{Name: "identity_id", Type: String, Doc: "Id of the identity.", Get: func(a zitiAuthenticator) any { return NZ(a.IdentityID) }},
		{Name: "identity_name", Type: String, Doc: "Name of the identity.", Get: func(a zitiAuthenticator) any { return NZ(a.Identity.Name) }},
		{Name: "is_issued_by_network", Type: Bool, Doc: "Whether the certificate was issued by the network's PKI (only those can be extended).", Get: func(a zitiAuthenticator) any { return a.IsIssuedByNetwork }},
		{Name: "is_extend_requested", Type: Bool, Doc: "Whether an administrator asked for the certificate to be extended.", Get: func(a zitiAuthenticator) any { return a.IsExtendRequested }},
		{Name: "is_key_roll_requested", Type: Bool, Doc: "Whether an administrator asked for a new key with the extension.", Get: func(a zitiAuthenticator) any { return a.IsKeyRollRequested }},
		{Name: "extend_requested_at", Type: Time, Doc: "When the extension was requested.", Get: func(a zitiAuthenticator) any {
			if a.ExtendRequestedAt == nil {
				return nil
			}
			return TS(*a.ExtendRequestedAt)
		}},
		{Name: "last_auth_resolved_to_root", Type: Bool, Doc: "Whether the last login with the certificate chained to a root CA.", Get: func(a zitiAuthenticator) any { return a.LastAuthResolvedToRoot }},
		{Name: "created_at", Type: Time, Doc: "When the authenticator was created.", Get: func(a zitiAuthenticator) any { return TS(a.CreatedAt) }},
		{Name: "updated_at", Type: Time, Doc: "When the authenticator was last updated.", Get: func(a zitiAuthenticator) any { return TS(a.UpdatedAt) }},
		{Name: "tags", Type: JSON, Doc: "Tags (an object).", Get: func(a zitiAuthenticator) any { return mapOrNil(a.Tags) }},
	}, certColumns(func(a zitiAuthenticator) *certinfo.Lazy { return a.cert })...),
	Procedures: []Procedure[zitiAuthenticator]{
		{
			Name: "update", Mutating: true, Params: passwordParams(false),
			Doc:    "Replaces the username and password of a updb authenticator. Its tags are kept (a PUT without them would clear them).",
			Routes: []routes.Route{zitiroutes.GetMyAuthenticator, zitiroutes.UpdateAuthenticator},
			Run: func(ctx context.Context, c *Conn, a Values) (zitiAuthenticator, []any, error) {
				id := a.Str("id")
				cur, err := c.Ziti.Authenticator(ctx, id)
				if err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("get authenticator %s: %w", id, err)
				}
				if err := updatable(cur); err != nil {
					return zitiAuthenticator{}, nil, err
				}
				err = c.Ziti.UpdateAuthenticator(ctx, id, ziti.AuthenticatorUpdate{Username: a.Str("username"),
					Password: a.Str("password"), CurrentPassword: a.Str("current_password"), Tags: cur.Tags})
				if err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("update authenticator %s: %w", id, err)
				}
				r, err := getZitiAuthenticator(ctx, c, id)
				return r, nil, err
			},
		},
		{
			Name: "patch", Mutating: true, Params: passwordParams(true),
			Doc:    "Changes the username, the password or both of a updb authenticator; NULL or '' leaves a field unchanged.",
			Routes: []routes.Route{zitiroutes.PatchAuthenticator, zitiroutes.GetMyAuthenticator},
			Run: func(ctx context.Context, c *Conn, a Values) (zitiAuthenticator, []any, error) {
				id := a.Str("id")
				p := ziti.AuthenticatorPatch{CurrentPassword: a.Str("current_password")}
				if v := a.Str("username"); v != "" {
					p.Username = &v
				}
				if v := a.Str("password"); v != "" {
					p.Password = &v
				}
				if p.Username == nil && p.Password == nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("nothing to change: give username, password or both")
				}
				if err := c.Ziti.PatchAuthenticator(ctx, id, p); err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("patch authenticator %s: %w", id, err)
				}
				r, err := getZitiAuthenticator(ctx, c, id)
				return r, nil, err
			},
		},
		{
			Name: "extend", Mutating: true,
			Doc: "Asks the controller to sign a CSR for a network-issued certificate authenticator and returns the new certificate " +
				"(client_cert) and the CA bundle (ca). The connection must log in with the current certificate (mTLS). The old " +
				"certificate stays valid until ziti_authenticators_extend_verify.",
			Routes: []routes.Route{zitiroutes.Extend, zitiroutes.GetMyAuthenticator},
			Params: []Param{
				{Name: "id", Type: String, Doc: "Id of a network-issued cert authenticator."},
				{Name: "client_cert_csr", Type: Text, Doc: "PEM certificate signing request for the new certificate."},
			},
			Extra: []ExtraColumn{
				{Name: "client_cert", Type: Text, Doc: "The new client certificate, PEM; confirm it with ziti_authenticators_extend_verify."},
				{Name: "ca", Type: Text, Doc: "The controller's CA bundle, PEM."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (zitiAuthenticator, []any, error) {
				id := a.Str("id")
				csr, err := certinfo.ParseCSR(a.Str("client_cert_csr"))
				if err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("client_cert_csr is not a certificate signing request: %w", err)
				}
				ext, err := c.Ziti.Extend(ctx, id, csr.PEM)
				if err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("extend authenticator %s: %w", id, err)
				}
				r, err := getZitiAuthenticator(ctx, c, id)
				return r, []any{NZ(ext.ClientCert), NZ(ext.CA)}, err
			},
		},
		{
			Name: "extend_verify", Mutating: true,
			Doc: "Confirms the certificate ziti_authenticators_extend returned: it replaces the authenticator's certificate, " +
				"and later logins must use it (update the connection's client certificate file).",
			Routes: []routes.Route{zitiroutes.ExtendVerify, zitiroutes.GetMyAuthenticator},
			Params: []Param{
				{Name: "id", Type: String, Doc: "Id of the cert authenticator being extended."},
				{Name: "client_cert", Type: Text, Doc: "The certificate ziti_authenticators_extend returned (PEM or base64 DER)."},
			},
			Run: func(ctx context.Context, c *Conn, a Values) (zitiAuthenticator, []any, error) {
				id := a.Str("id")
				der, _, err := certinfo.ParseCertificateArg(a.Str("client_cert"))
				if err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("client_cert: %w", err)
				}
				certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
				if err := c.Ziti.ExtendVerify(ctx, id, certPEM); err != nil {
					return zitiAuthenticator{}, nil, fmt.Errorf("verify extension of authenticator %s: %w", id, err)
				}
				r, err := getZitiAuthenticator(ctx, c, id)
				return r, nil, err
			},
		},
	},
	Examples: []Example{
		{"Client certificates that expire within 30 days", "SELECT id, cert_subject, cert_not_after FROM ziti_authenticators WHERE method = 'cert' AND cert_not_after < NOW() + INTERVAL 30 DAY ORDER BY cert_not_after"},
		{"Certificates not issued by the network (cannot be extended)", "SELECT id, cert_issuer, cert_not_after FROM ziti_authenticators WHERE method = 'cert' AND NOT is_issued_by_network"},
	},
}

// updatable refuses, before the PUT, what the controller would refuse with a 409.
func updatable(a ziti.Authenticator) error {
	if a.Method != "updb" {
		return fmt.Errorf("authenticator %s is a %s authenticator; only updb (password) authenticators can be updated", a.ID, a.Method)
	}
	return nil
}

// mapOrNil returns m for a JSON column, or nil when it is absent.
func mapOrNil(m map[string]any) any {
	if m == nil {
		return nil
	}
	return m
}
