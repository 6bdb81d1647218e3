package plan

import (
	"fmt"
	"strings"
	"time"
)

// authzManualMaxAge is how long a MANUAL authorization server may sign with one key before
// the plan rotates it (the saved query authz_key_rotation_overdue uses the same 90 days).
const authzManualMaxAge = 90 * 24 * time.Hour

// authzKeys plans the rotation of authorization-server signing keys. Their keys carry no
// expiry: what comes due is the rotation. An AUTO server whose scheduled rotation falls before
// the plan's end is Okta's to rotate unless the date is already past (the rotation is stuck);
// a MANUAL server is due once its last rotation is older than 90 days at the plan's end.
func (b *builder) authzKeys() error {
	rows, err := b.rows("SELECT a.connection, a.id, a.name, a.signing_rotation_mode, a.signing_kid, a.signing_last_rotated, a.signing_next_rotation " +
		"FROM authz_servers a WHERE a.status = 'ACTIVE'" + b.connFilter("a") + " ORDER BY a.id")
	if err != nil {
		return err
	}
	for _, r := range rows {
		conn, id, name, mode, kid, last, next := str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), tm(r[5]), tm(r[6])
		var due time.Time
		var why string
		switch mode {
		case "AUTO":
			if next.IsZero() || !next.Before(b.now) {
				continue // Okta rotates it on schedule
			}
			due, why = next, fmt.Sprintf("Okta was to rotate it on %s and has not: the automatic rotation is stuck", next.Format("2006-01-02"))
		case "MANUAL":
			due = last.Add(authzManualMaxAge)
			if last.IsZero() || !due.Before(b.until) {
				continue
			}
			why = fmt.Sprintf("it has signed since %s; keys rotated by hand are due every %d days", last.Format("2006-01-02"), int(authzManualMaxAge.Hours()/24))
		default:
			continue
		}
		b.blocks = append(b.blocks, Block{
			Kind: "authz_server_key", Connection: conn, Key: id + "/" + kid, ExpiresAt: due, Match: [][]string{{id}},
			What:   fmt.Sprintf("the signing key %s of authorization server %q (%s, %s rotation): %s", kid, name, id, mode, why),
			UsedBy: fmt.Sprintf("every access and ID token authorization server %q issues is signed with it; resource servers check them with its public keys", name),
			Notes: []string{
				"The statement makes the NEXT key the signing key and expires the current one (in AUTO mode Okta also schedules the next rotation).",
				"Resource servers that cache the server's keys (its jwks_uri) must fetch them again; most do on an unknown kid.",
			},
			Statements: []string{fmt.Sprintf("CALL authz_server_keys_rotate(%s, %s);", quote(id), quote(conn))},
		})
	}
	return nil
}

// idpSigningKeys plans the IdP signing keys (the keys an IdP signs its SAML requests or client
// assertions with) that expire in the window. credsql does not read which signing key an IdP
// uses, so an IdP whose every signing key expires in the window gets a new key generated, and
// an IdP that already has a key valid past the window is told to switch to it by hand.
func (b *builder) idpSigningKeys() error {
	rows, err := b.rows("SELECT i.connection, i.id, i.name, k.kid, k.expires_at FROM idps i " +
		"JOIN idp_signing_keys k ON k.idp_id = i.id AND k.connection = i.connection" + strings.Replace(b.connFilter("i"), " AND ", " WHERE ", 1) +
		" ORDER BY i.id, k.expires_at")
	if err != nil {
		return err
	}
	type idp struct {
		conn, id, name string
		expiring       []string
		first          time.Time
		fresh          string // a key valid past the window
	}
	var order []string
	idps := map[string]*idp{}
	for _, r := range rows {
		k := str(r[0]) + "/" + str(r[1])
		p := idps[k]
		if p == nil {
			p = &idp{conn: str(r[0]), id: str(r[1]), name: str(r[2])}
			idps[k] = p
			order = append(order, k)
		}
		kid, exp := str(r[3]), tm(r[4])
		if exp.Before(b.until) {
			if len(p.expiring) == 0 {
				p.first = exp
			}
			p.expiring = append(p.expiring, kid)
		} else if p.fresh == "" {
			p.fresh = kid
		}
	}
	for _, k := range order {
		p := idps[k]
		if len(p.expiring) == 0 {
			continue
		}
		var match [][]string
		for _, kid := range p.expiring {
			match = append(match, []string{p.id, kid})
		}
		blk := Block{
			Kind: "idp_signing_key", Connection: p.conn, Key: p.id + "/" + strings.Join(p.expiring, ","), ExpiresAt: p.first, Match: match,
			What:   fmt.Sprintf("signing key %s of IdP %q (%s), the first %s", strings.Join(p.expiring, ", "), p.name, p.id, b.when(p.first)),
			UsedBy: fmt.Sprintf("IdP %q signs its requests to the partner (SAML AuthnRequests, OIDC client assertions) with its signing key, and the partner checks them with its certificate", p.name),
		}
		switch {
		case p.fresh != "":
			blk.Notes = []string{
				fmt.Sprintf("ACTION NEEDED: the IdP already has signing key %s, valid past the window. Give its certificate to the partner", p.fresh),
				fmt.Sprintf("  (SELECT x5c FROM idp_signing_keys WHERE idp_id = %s AND kid = %s), then set it as the IdP's signing", quote(p.id), quote(p.fresh)),
				"  key (protocol.credentials.signing.kid) in the Okta admin console; credsql has no statement for that switch yet.",
			}
		default:
			blk.Notes = []string{
				"The statement generates a new signing key (2 years); the IdP keeps signing with the old one until it is switched.",
				"ACTION NEEDED then: give the new certificate to the partner and set the new kid as the IdP's signing key",
				"  (protocol.credentials.signing.kid) in the Okta admin console; credsql has no statement for that switch yet.",
			}
			blk.Statements = []string{fmt.Sprintf("CALL idp_signing_keys_generate(%s, 2, %s);", quote(p.id), quote(p.conn))}
		}
		b.blocks = append(b.blocks, blk)
	}
	return nil
}

// apiTokens lists the Okta API tokens that expire in the window. A token expires after it has
// gone unused for its token window (30 days by default), and the API cannot create one: the
// block says what to decide and holds the revocation, commented out.
func (b *builder) apiTokens() error {
	rows, err := b.rows("SELECT t.connection, t.id, t.name, t.user_id, t.expires_at, t.is_current FROM api_tokens t WHERE t.expires_at < " +
		b.before() + b.connFilter("t") + " ORDER BY t.expires_at")
	if err != nil {
		return err
	}
	for _, r := range rows {
		conn, id, name, user, exp := str(r[0]), str(r[1]), str(r[2]), str(r[3]), tm(r[4])
		current := fmt.Sprint(r[5]) == "true" || fmt.Sprint(r[5]) == "1"
		blk := Block{
			Kind: "api_token", Connection: conn, Key: id, ExpiresAt: exp, Match: [][]string{{id}},
			What:   fmt.Sprintf("API token %q (%s) of user %s, %s", name, id, user, b.when(exp)),
			UsedBy: "whatever automation calls the Okta API with it; it expires because it has not been used for its token window",
		}
		if current {
			blk.UsedBy = "credsql itself: this connection authenticates with it"
			blk.Notes = []string{
				"ACTION NEEDED: credsql's own token is unused between runs long enough to expire: run credsql more often, or",
				"  create a new token (Okta admin console: Security > API > Tokens) and put it in the connection's configuration.",
			}
		} else {
			blk.Notes = []string{
				"ACTION NEEDED: the Okta API cannot create tokens. If the automation still needs one, create it in the Okta admin",
				"  console (Security > API > Tokens) and hand it over; either way, revoke this one (uncomment the statement).",
			}
			blk.Commented = []string{fmt.Sprintf("DELETE FROM api_tokens WHERE connection = %s AND id = %s;", quote(conn), quote(id))}
		}
		b.blocks = append(b.blocks, blk)
	}
	return nil
}
