package tables

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Writes of idps: like apps, the PUT of an IdP (oktaroutes.ReplaceIdP) replaces the whole IdP, so a change is a
// read-modify-write of the whole object guarded by lastUpdated. The trust of a SAML2 IdP is a
// primary kid and a list of additional kids, all in the IdP key store (idps_keys): Okta
// accepts assertions signed by any of them, which is what makes a rotation without downtime
// possible (add the new key as additional, let the partner switch, make it primary, drop the
// old). An X509 (MTLS) IdP trusts one kid.

var idpUpdateCols = []string{"trust_kid", "trust_additional_kids"}

const idpUpdateDoc = "reads the IdP fresh, changes only protocol.credentials.trust.kid (trust_kid) and " +
	"protocol.credentials.trust.additionalKids (trust_additional_kids, SAML2 only), and sends " +
	"the whole object back (a PUT replaces the IdP). Every kid must be in idps_keys (each is read first); a new trust_kid leaves the " +
	"additional kids but drops itself from them. If the IdP's lastUpdated moved since the statement read it, nothing is " +
	"sent (conflict, error 1213)."

// trustPath is where an IdP's trust lives.
var trustPath = []string{"protocol", "credentials", "trust"}

func trustMember(m string) []string { return append(slices.Clone(trustPath), m) }

// trustProtocols are the protocol types whose trust is a key of the store: SAML2 (kid and
// additional kids) and MTLS, the protocol of X509 IdPs (one kid).
var trustProtocols = []string{"SAML2", "MTLS"}

// updateIdP is idps' Update.
func updateIdP(ctx context.Context, c *Conn, key, old, set Values) (okta.IdP, error) {
	idpID := key.Str("id")
	kidV, setKid := set["trust_kid"]
	addV, setAdd := set["trust_additional_kids"]
	if setKid && kidV == nil {
		return okta.IdP{}, fmt.Errorf("idps.trust_kid cannot be set to NULL: a SAML2 or X509 IdP must trust a key of idps_keys")
	}
	var add []string
	if setAdd {
		var err error
		if add, err = stringList("trust_additional_kids", addV); err != nil {
			return okta.IdP{}, err
		}
	}
	proto := old.Str("protocol_type")
	if proto != "" && !slices.Contains(trustProtocols, proto) {
		return okta.IdP{}, fmt.Errorf("IdP %s uses protocol %s, which trusts no key of idps_keys (only SAML2 and X509/MTLS IdPs do)", idpID, proto)
	}
	if setAdd && len(add) > 0 && proto == "MTLS" {
		return okta.IdP{}, fmt.Errorf("IdP %s is an X509 (MTLS) IdP: it trusts one kid, it has no trust_additional_kids", idpID)
	}
	var check []string
	if setKid {
		check = append(check, set.Str("trust_kid"))
	}
	check = append(check, add...)
	if err := checkStoreKids(ctx, c, check); err != nil {
		return okta.IdP{}, err
	}
	read, _ := old["last_updated"].(time.Time)
	doc, err := replaceIdP(ctx, c, idpID, read, func(d okta.Doc) error {
		cur := trustOf(d)
		kid := cur.kid
		if setKid {
			kid = set.Str("trust_kid")
		}
		more := cur.additional
		if setAdd {
			more = add
		}
		return setTrust(d, kid, more, setAdd || setKid && slices.Contains(cur.additional, kid))
	})
	if err != nil {
		return okta.IdP{}, err
	}
	return okta.IdPFromDoc(doc)
}

// trust is an IdP's trust: its primary kid and additional kids.
type trust struct {
	proto      string
	kid        string
	additional []string
}

func trustOf(d okta.Doc) trust {
	return trust{proto: d.Str("protocol", "type"), kid: d.Str(trustMember("kid")...), additional: d.Strings(trustMember("additionalKids")...)}
}

// setTrust writes kid and, when touchAdditional, the additional kids (without kid, without
// duplicates; none removes the member) into d.
func setTrust(d okta.Doc, kid string, additional []string, touchAdditional bool) error {
	if d.Get(trustPath...) == nil {
		return fmt.Errorf("the IdP has no protocol.credentials.trust")
	}
	if err := d.Set(kid, trustMember("kid")...); err != nil {
		return err
	}
	if !touchAdditional {
		return nil
	}
	var out []any
	seen := map[string]bool{kid: true}
	for _, k := range additional {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	t := d.Get(trustPath...).(map[string]any)
	if len(out) == 0 {
		delete(t, "additionalKids")
		return nil
	}
	t["additionalKids"] = out
	return nil
}

// checkStoreKids refuses, before any write, a kid that is not in the IdP key store.
func checkStoreKids(ctx context.Context, c *Conn, kids []string) error {
	for _, kid := range kids {
		if kid == "" {
			return fmt.Errorf("an empty kid is not a key of idps_keys")
		}
		if _, err := c.Okta.IdPKey(ctx, kid); err != nil {
			if fetch.IsNotFound(err) {
				return fmt.Errorf("kid %q is not in the IdP key store: add the certificate first (INSERT INTO idps_keys (x5c) VALUES (...)) or use CALL idps_trust_rotate", kid)
			}
			return fmt.Errorf("read IdP key %s: %w", kid, err)
		}
	}
	return nil
}

// replaceIdP is replaceApp for IdPs: read whole and fresh, refuse on a moved lastUpdated,
// change, PUT whole, check the answer's trust is what was sent.
func replaceIdP(ctx context.Context, c *Conn, idpID string, read time.Time, change func(okta.Doc) error) (okta.Doc, error) {
	d, err := c.Okta.IdPDoc(ctx, idpID)
	if err != nil {
		return nil, fmt.Errorf("read IdP %s: %w", idpID, err)
	}
	if now := d.Time("lastUpdated"); !read.IsZero() && !now.Equal(read) {
		return nil, conflictError("IdP "+idpID, read.UTC().Format(time.RFC3339Nano), now.UTC().Format(time.RFC3339Nano))
	}
	if err := change(d); err != nil {
		return nil, err
	}
	out, err := c.Okta.ReplaceIdP(ctx, idpID, d)
	if err != nil {
		return nil, fmt.Errorf("replace IdP %s: %w", idpID, err)
	}
	if out == nil { // dry run
		return d, nil
	}
	want, got := trustOf(d), trustOf(out)
	if want.kid != got.kid || !slices.Equal(want.additional, got.additional) {
		return out, fmt.Errorf("replace IdP %s: the vendor answered with trust kid %q and additional kids %v, not %q and %v: check the IdP (SELECT trust_kid, trust_additional_kids FROM idps WHERE id = '%s')",
			idpID, got.kid, got.additional, want.kid, want.additional, idpID)
	}
	return out, nil
}

// readTrustingIdP reads an IdP for a trust procedure and checks it trusts a key of the store.
func readTrustingIdP(ctx context.Context, c *Conn, idpID string) (okta.Doc, trust, error) {
	d, err := c.Okta.IdPDoc(ctx, idpID)
	if err != nil {
		return nil, trust{}, err
	}
	t := trustOf(d)
	if !slices.Contains(trustProtocols, t.proto) {
		return nil, trust{}, fmt.Errorf("IdP %s (%s) uses protocol %s, which trusts no key of idps_keys (only SAML2 and X509/MTLS IdPs do)", idpID, d.Str("name"), t.proto)
	}
	return d, t, nil
}

// rotateIdPTrust is idps_trust_rotate: upload the partner's new certificate to the key store
// and add it to the IdP's additional trusted kids (a SAML2 IdP), or, for an X509 IdP, which
// trusts a single kid, switch its trust to it.
func rotateIdPTrust(ctx context.Context, c *Conn, a Values) (okta.IdP, []any, error) {
	idpID := a.Str("idp_id")
	f := newFlow(ctx, "idps_trust_rotate")
	x5c, err := x5cArg(a["x5c_pem"])
	if err != nil {
		return okta.IdP{}, nil, fmt.Errorf("x5c_pem: %w", err)
	}
	d, t, err := readTrustingIdP(ctx, c, idpID)
	if err != nil {
		return okta.IdP{}, nil, f.fail("read the IdP", err, "nothing was changed")
	}
	name := d.Str("name")
	f.did("read IdP %s (%s, %s): it trusts kid %s%s", idpID, name, t.proto, orNone(t.kid), additionalText(t.additional))
	k, err := c.Okta.CreateIdPKey(ctx, x5c)
	if err != nil {
		state := fmt.Sprintf("IdP %s still trusts kid %s%s", idpID, orNone(t.kid), additionalText(t.additional))
		if info, ierr := certinfo.FromX5C(x5c); ierr == nil {
			state += fmt.Sprintf("; whether the certificate reached the key store, check with: SELECT kid FROM idps_keys WHERE cert_sha256 = '%s'", info.SHA256)
		}
		return okta.IdP{}, nil, f.fail("upload the certificate to the IdP key store", err, state)
	}
	newKid := k.Kid
	if f.dry {
		newKid = "<kid of the uploaded certificate>"
		f.did("upload the certificate (%s) to the IdP key store: %s", certSummary(x5c), callOf(oktaroutes.CreateIdPKey))
	} else {
		f.did("uploaded the certificate (%s) to the IdP key store as kid %s", certSummary(x5c), newKid)
	}
	state := fmt.Sprintf("the certificate is in the key store as kid %s, but IdP %s does not trust it yet (it trusts kid %s%s). Finish with: UPDATE idps SET trust_additional_kids = '%s' WHERE id = '%s', or undo with: DELETE FROM idps_keys WHERE kid = '%s'",
		newKid, idpID, orNone(t.kid), additionalText(t.additional), jsonList(append(slices.Clone(t.additional), newKid)), idpID, newKid)
	read := d.Time("lastUpdated")
	out, err := replaceIdP(ctx, c, idpID, read, func(d okta.Doc) error {
		if t.proto == "MTLS" {
			return setTrust(d, newKid, nil, false)
		}
		return setTrust(d, t.kid, append(slices.Clone(t.additional), newKid), true)
	})
	if err != nil {
		return okta.IdP{}, nil, f.fail("trust the new key", err, state)
	}
	switch {
	case t.proto == "MTLS":
		f.did("switched IdP %s (an X509 IdP trusts one kid) from kid %s to %s: %s with the whole IdP", idpID, orNone(t.kid), newKid, callOf(oktaroutes.ReplaceIdP, idpID))
	default:
		f.did("added kid %s to the additional trusted kids of IdP %s (%s with the whole IdP): it now trusts %s and %s",
			newKid, idpID, callOf(oktaroutes.ReplaceIdP, idpID), orNone(t.kid), strings.Join(append(slices.Clone(t.additional), newKid), ", "))
		f.did("next, once the partner signs with the new certificate: CALL idps_trust_promote('%s', '%s')", idpID, newKid)
	}
	p, err := okta.IdPFromDoc(out)
	return p, []any{NZ(t.kid), NZ(newKid), f.text()}, err
}

// promoteIdPTrust is idps_trust_promote: make a trusted kid the primary one and drop the old
// primary from the trust list (the old key stays in the key store until deleted).
func promoteIdPTrust(ctx context.Context, c *Conn, a Values) (okta.IdP, []any, error) {
	idpID := a.Str("idp_id")
	f := newFlow(ctx, "idps_trust_promote")
	d, t, err := readTrustingIdP(ctx, c, idpID)
	if err != nil {
		return okta.IdP{}, nil, f.fail("read the IdP", err, "nothing was changed")
	}
	kid, err := resolveTrustedKid(ctx, c, idpID, t, a.Str("kid"))
	if err != nil {
		return okta.IdP{}, nil, err
	}
	f.did("read IdP %s (%s): it trusts kid %s%s", idpID, d.Str("name"), orNone(t.kid), additionalText(t.additional))
	if kid == t.kid {
		f.did("kid %s is already the primary trusted kid: nothing to do", kid)
		p, err := okta.IdPFromDoc(d)
		return p, []any{NZ(t.kid), NZ(kid), f.text()}, err
	}
	rest := slices.DeleteFunc(slices.Clone(t.additional), func(k string) bool { return k == kid || k == t.kid })
	out, err := replaceIdP(ctx, c, idpID, d.Time("lastUpdated"), func(d okta.Doc) error { return setTrust(d, kid, rest, true) })
	if err != nil {
		return okta.IdP{}, nil, f.fail("make the kid primary", err, fmt.Sprintf("IdP %s still trusts kid %s%s", idpID, orNone(t.kid), additionalText(t.additional)))
	}
	f.did("made kid %s the primary trusted kid of IdP %s and dropped the old kid %s from its trust (%s with the whole IdP)", kid, idpID, orNone(t.kid), callOf(oktaroutes.ReplaceIdP, idpID))
	if t.kid != "" {
		f.did("kept the old key %s in the IdP key store; when no IdP trusts it any more: DELETE FROM idps_keys WHERE kid = '%s'", t.kid, t.kid)
	}
	p, err := okta.IdPFromDoc(out)
	return p, []any{NZ(t.kid), NZ(kid), f.text()}, err
}

// resolveTrustedKid finds the kid to promote: a kid the IdP trusts, or "sha256:<thumbprint>"
// naming one of its trusted keys by certificate (so that a plan written before the upload can
// name the key the upload will create).
func resolveTrustedKid(ctx context.Context, c *Conn, idpID string, t trust, ref string) (string, error) {
	trusted := append([]string{t.kid}, t.additional...)
	thumb, byThumb := strings.CutPrefix(ref, "sha256:")
	if !byThumb {
		if !slices.Contains(trusted, ref) {
			return "", fmt.Errorf("idps_trust_promote: kid %q is not trusted by IdP %s (it trusts %s): add it first with CALL idps_trust_rotate or UPDATE idps SET trust_additional_kids", ref, idpID, strings.Join(nonEmpty(trusted), ", "))
		}
		return ref, nil
	}
	for _, k := range nonEmpty(trusted) {
		key, err := c.Okta.IdPKey(ctx, k)
		if err != nil {
			return "", fmt.Errorf("read IdP key %s: %w", k, err)
		}
		if thumbprintMatches(key, thumb) {
			return k, nil
		}
	}
	if fetch.IsDryRun(ctx) {
		// The certificate may be the one an earlier statement of a dry-run plan would have
		// uploaded: it cannot be looked up, so the plan shows it by name.
		return "<kid of the certificate " + ref + ">", nil
	}
	return "", fmt.Errorf("idps_trust_promote: no key IdP %s trusts has the certificate %s (it trusts %s)", idpID, ref, strings.Join(nonEmpty(trusted), ", "))
}

// thumbprintMatches compares a key's certificate with a base64url SHA-256 thumbprint.
func thumbprintMatches(k okta.JSONWebKey, thumb string) bool {
	if len(k.X5C) == 0 {
		return false
	}
	info, err := certinfo.FromX5C(k.X5C)
	return err == nil && info.SHA256 == thumb
}

// idpsTrusting lists the IdPs that trust kid, as "name (id)", with how.
func idpsTrusting(ctx context.Context, c *Conn, kid string) ([]string, error) {
	var out []string
	for p, err := range c.Okta.IdPs(ctx, "") {
		if err != nil {
			return nil, fmt.Errorf("list IdPs: %w", err)
		}
		tr := p.Protocol.Credentials.Trust
		switch {
		case tr.Kid == kid:
			out = append(out, fmt.Sprintf("%q (%s) as its trust kid", p.Name, p.ID))
		case slices.Contains(tr.AdditionalKids, kid):
			out = append(out, fmt.Sprintf("%q (%s) as an additional trusted kid", p.Name, p.ID))
		}
	}
	return out, nil
}

// deleteIdPKey is idps_keys' Delete: refused, before the DELETE, while an IdP trusts the key.
func deleteIdPKey(ctx context.Context, c *Conn, k Values) error {
	kid := k.Str("kid")
	users, err := idpsTrusting(ctx, c, kid)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return fmt.Errorf("idps_keys %s is trusted by IdP %s: %w; nothing was deleted. Point the IdP at another key first (CALL idps_trust_promote, or UPDATE idps SET trust_kid / trust_additional_kids)",
			kid, strings.Join(users, " and by IdP "), ErrReferenced)
	}
	return c.Okta.DeleteIdPKey(ctx, kid)
}

func additionalText(kids []string) string {
	if len(kids) == 0 {
		return ""
	}
	return " and additional kids " + strings.Join(kids, ", ")
}

func nonEmpty(list []string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == "" })
}

func jsonList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = `"` + s + `"`
	}
	return "[" + strings.Join(q, ",") + "]"
}

// certSummary names the leaf of a chain: subject and end date.
func certSummary(x5c []string) string {
	info, err := certinfo.FromX5C(x5c)
	if err != nil {
		return "certificate"
	}
	return fmt.Sprintf("%s, valid until %s, sha256:%s", info.Subject, info.NotAfter.UTC().Format(time.DateOnly), info.SHA256)
}
