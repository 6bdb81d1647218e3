// Package plan writes rotation plans: a reviewable SQL script with one commented block per
// credential that expires within a window and is in use (an app signs with it, an IdP
// trusts it, an active service user authenticates with it), holding the statements that
// rotate it. `credsql run --dry-run plan.sql` checks a plan; `credsql run plan.sql` applies it.
package plan

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
)

// Options say what to plan.
type Options struct {
	// Window: credentials expiring before now + Window are rotated.
	Window time.Duration
	// Connection, when set, plans for that connection only.
	Connection string
	// CertDir holds the new certificates of IdP partners: <idp id>.pem, or <old kid>.pem. An
	// IdP whose certificate is not there gets a block to complete by hand.
	CertDir string
	// Now is the plan's time (time.Now when zero).
	Now time.Time
}

// Block is the plan of one credential.
type Block struct {
	Kind       string // app_key, idp_key, opa_key, ziti_certificate, authz_server_key, idp_signing_key, api_token
	Connection string
	Key        string // what identifies the credential: app_id/kid, idp_id/kid, user/key id, authenticator id
	What       string // what expires
	ExpiresAt  time.Time
	UsedBy     string // who uses it
	Notes      []string
	Statements []string // SQL to run; empty when the block needs input first
	Commented  []string // statements to complete by hand (written commented out)
	// Match identifies the credential in other results (a finding's row): the row is about
	// it when it holds every value of one of these lists.
	Match [][]string
}

// Matches reports whether a row (its values as text) is about the block's credential: it
// holds every value of one of the block's Match lists, as a value or as a part of a
// slash-joined id ("app_id/kid").
func (blk Block) Matches(row []string) bool {
	has := func(v string) bool {
		for _, c := range row {
			if c == v {
				return true
			}
			for _, part := range strings.Split(c, "/") {
				if part == v {
					return true
				}
			}
		}
		return false
	}
	for _, m := range blk.Match {
		ok := len(m) > 0
		for _, v := range m {
			if !has(v) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// Plan is the blocks of a rotation plan.
type Plan struct {
	Generated time.Time
	Until     time.Time
	Window    time.Duration
	Blocks    []Block
}

// Build reads the credentials through s and plans their rotation.
func Build(ctx context.Context, s *engine.Session, o Options) (*Plan, error) {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	p := &Plan{Generated: now, Until: now.Add(o.Window), Window: o.Window}
	b := &builder{ctx: ctx, s: s, o: o, now: now, until: p.Until}
	for _, step := range []func() error{b.appKeys, b.idpKeys, b.opaKeys, b.zitiCerts, b.authzKeys, b.idpSigningKeys, b.apiTokens} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	p.Blocks = b.blocks
	sort.SliceStable(p.Blocks, func(i, j int) bool { return p.Blocks[i].ExpiresAt.Before(p.Blocks[j].ExpiresAt) })
	return p, nil
}

type builder struct {
	ctx        context.Context
	s          *engine.Session
	o          Options
	now, until time.Time
	blocks     []Block
}

// rows runs a query and returns its rows as plain values.
func (b *builder) rows(q string) ([][]any, error) {
	res, err := b.s.Query(b.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	defer res.Close()
	var out [][]any
	for row, err := range res.Rows() {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
		out = append(out, engine.PlainRow(row))
	}
	return out, nil
}

// connFilter is the AND clause of --connection on a table aliased a.
func (b *builder) connFilter(alias string) string {
	if b.o.Connection == "" {
		return ""
	}
	return " AND " + alias + ".connection = " + quote(b.o.Connection)
}

func (b *builder) before() string {
	return quote(b.until.Format("2006-01-02 15:04:05"))
}

func (b *builder) appKeys() error {
	rows, err := b.rows("SELECT a.connection, a.id, a.label, a.sign_on_mode, k.kid, k.expires_at FROM apps a " +
		"JOIN app_keys k ON k.app_id = a.id AND k.connection = a.connection " +
		"WHERE a.signing_kid = k.kid AND k.expires_at < " + b.before() + b.connFilter("a") + " ORDER BY k.expires_at, a.id")
	if err != nil {
		return err
	}
	for _, r := range rows {
		conn, id, label, mode, kid, exp := str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), tm(r[5])
		b.blocks = append(b.blocks, Block{
			Kind: "app_key", Connection: conn, Key: id + "/" + kid, ExpiresAt: exp, Match: [][]string{{id, kid}},
			What:   fmt.Sprintf("the signing key %s of app %q (%s, %s), %s", kid, label, id, mode, b.when(exp)),
			UsedBy: fmt.Sprintf("app %q signs its %s with it; its service providers trust that certificate", label, signs(mode)),
			Notes: []string{
				"The statement generates a key (2 years) and switches the app to it at once; the old key stays until it expires.",
				"Give the service providers the new certificate first (or generate now with app_keys_generate and switch later):",
				"  SELECT x5c FROM app_keys WHERE app_id = " + quote(id) + " ORDER BY created DESC LIMIT 1",
			},
			Statements: []string{fmt.Sprintf("CALL app_keys_rotate(%s, NULL, %s);", quote(id), quote(conn))},
		})
	}
	return nil
}

func (b *builder) idpKeys() error {
	keys, err := b.rows("SELECT k.connection, k.kid, k.expires_at, k.cert_subject FROM idps_keys k WHERE k.expires_at < " + b.before() + b.connFilter("k"))
	if err != nil {
		return err
	}
	type key struct {
		exp     time.Time
		subject string
	}
	expiring := map[string]key{}
	for _, r := range keys {
		expiring[str(r[0])+"/"+str(r[1])] = key{tm(r[2]), str(r[3])}
	}
	if len(expiring) == 0 {
		return nil
	}
	idps, err := b.rows("SELECT i.connection, i.id, i.name, i.type, i.protocol_type, i.trust_kid, i.trust_additional_kids FROM idps i " +
		"WHERE i.protocol_type IN ('SAML2', 'MTLS')" + b.connFilter("i") + " ORDER BY i.id")
	if err != nil {
		return err
	}
	for _, r := range idps {
		conn, id, name, typ, kid := str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[5])
		var additional []string
		if s := str(r[6]); s != "" {
			_ = json.Unmarshal([]byte(s), &additional)
		}
		if k, ok := expiring[conn+"/"+kid]; ok {
			b.blocks = append(b.blocks, b.idpBlock(conn, id, name, typ, kid, k.exp, k.subject))
		}
		var keep []string
		var dropped []string
		var first time.Time
		for _, a := range additional {
			if k, ok := expiring[conn+"/"+a]; ok {
				dropped = append(dropped, a)
				if first.IsZero() || k.exp.Before(first) {
					first = k.exp
				}
				continue
			}
			keep = append(keep, a)
		}
		if len(dropped) > 0 {
			var match [][]string
			for _, d := range dropped {
				match = append(match, []string{d})
			}
			b.blocks = append(b.blocks, Block{
				Match: match,
				Kind:  "idp_key", Connection: conn, Key: id + "/" + strings.Join(dropped, ","), ExpiresAt: first,
				What:       fmt.Sprintf("additional trusted keys %s of IdP %q (%s), the first %s", strings.Join(dropped, ", "), name, id, b.when(first)),
				UsedBy:     fmt.Sprintf("IdP %q accepts assertions signed with them, besides its trust kid %s", name, kid),
				Notes:      []string{"The statement stops trusting them; the trust kid stays."},
				Statements: []string{fmt.Sprintf("UPDATE idps SET trust_additional_kids = %s WHERE connection = %s AND id = %s;", quote(jsonList(keep)), quote(conn), quote(id))},
			})
		}
	}
	return nil
}

func (b *builder) idpBlock(conn, id, name, typ, kid string, exp time.Time, subject string) Block {
	blk := Block{
		Kind: "idp_key", Connection: conn, Key: id + "/" + kid, ExpiresAt: exp, Match: [][]string{{kid}},
		What:   fmt.Sprintf("the certificate %s (%s) that IdP %q (%s, %s) trusts, %s", kid, subject, name, id, typ, b.when(exp)),
		UsedBy: fmt.Sprintf("IdP %q accepts only what is signed with (or, X509, issued by) that certificate", name),
	}
	certPEM, certFile := b.partnerCert(id, kid)
	rotate := "CALL idps_trust_rotate(%s, %s, %s);"
	if certPEM == "" {
		blk.Notes = []string{
			"ACTION NEEDED: get the partner's new certificate, save it as " + filepath.Join(dirOr(b.o.CertDir), id+".pem") + " and plan again,",
			"or paste it into the statements below and uncomment them.",
		}
		blk.Commented = []string{fmt.Sprintf(rotate, quote(id), "'<the new certificate, PEM>'", quote(conn))}
		if typ == "SAML2" {
			blk.Commented = append(blk.Commented, fmt.Sprintf("CALL idps_trust_promote(%s, 'sha256:<cert_sha256 of the new certificate>', %s);", quote(id), quote(conn)))
		}
		return blk
	}
	blk.Notes = []string{"The new certificate is " + certFile + " (" + thumbNote(certPEM) + ")."}
	blk.Statements = []string{fmt.Sprintf(rotate, quote(id), quote(certPEM), quote(conn))}
	if typ == "SAML2" {
		blk.Notes = append(blk.Notes,
			"The first statement uploads it and trusts it next to the old one; the second makes it the only trusted one.",
			"For a rotation without downtime, run the second only once the partner signs with the new certificate.")
		blk.Statements = append(blk.Statements, fmt.Sprintf("CALL idps_trust_promote(%s, %s, %s);", quote(id), quote("sha256:"+thumb(certPEM)), quote(conn)))
	} else {
		blk.Notes = append(blk.Notes, "An X509 IdP trusts one certificate: the statement uploads the new one and switches to it at once.")
	}
	blk.Notes = append(blk.Notes, "The old key stays in idps_keys; once no IdP trusts it: DELETE FROM idps_keys WHERE kid = "+quote(kid))
	return blk
}

// partnerCert reads the new certificate of an IdP from the certificate folder.
func (b *builder) partnerCert(id, kid string) (string, string) {
	if b.o.CertDir == "" {
		return "", ""
	}
	for _, name := range []string{id + ".pem", kid + ".pem"} {
		p := filepath.Join(b.o.CertDir, name)
		if data, err := os.ReadFile(p); err == nil {
			return strings.TrimSpace(string(data)) + "\n", p
		}
	}
	return "", ""
}

func (b *builder) opaKeys() error {
	rows, err := b.rows("SELECT k.connection, k.user_name, k.id, k.expires_at FROM opa_service_users u " +
		"JOIN opa_service_user_keys k ON k.user_name = u.name AND k.connection = u.connection " +
		"WHERE u.status = 'ACTIVE' AND k.expires_at >= " + quote(b.now.Format("2006-01-02 15:04:05")) + " AND k.expires_at < " + b.before() +
		b.connFilter("u") + " ORDER BY k.expires_at")
	if err != nil {
		return err
	}
	type user struct {
		conn, name string
		exp        time.Time
		expiring   []string
	}
	var order []string
	users := map[string]*user{}
	for _, r := range rows {
		k := str(r[0]) + "/" + str(r[1])
		u := users[k]
		if u == nil {
			u = &user{conn: str(r[0]), name: str(r[1]), exp: tm(r[3])}
			users[k] = u
			order = append(order, k)
		}
		u.expiring = append(u.expiring, str(r[2]))
	}
	for _, k := range order {
		u := users[k]
		all, err := b.rows("SELECT id FROM opa_service_user_keys WHERE connection = " + quote(u.conn) + " AND user_name = " + quote(u.name) + " ORDER BY id")
		if err != nil {
			return err
		}
		var ids []string
		for _, r := range all {
			ids = append(ids, quote(str(r[0])))
		}
		var match [][]string
		for _, id := range u.expiring {
			match = append(match, []string{u.name, id})
		}
		blk := Block{
			Match: match,
			Kind:  "opa_key", Connection: u.conn, Key: u.name + "/" + strings.Join(u.expiring, ","), ExpiresAt: u.exp,
			What:   fmt.Sprintf("API key %s of service user %s, %s", strings.Join(u.expiring, ", "), u.name, b.when(u.exp)),
			UsedBy: fmt.Sprintf("whatever authenticates as service user %s with that key id and its secret", u.name),
			Notes: []string{
				"The first statement creates a key; its secret is in the result, shown this once: hand it to the client.",
				"Rotating puts an expiry on every other key of the user; the DELETE removes them: run it once the client uses the new key.",
			},
			Statements: []string{
				fmt.Sprintf("CALL opa_service_user_keys_rotate(%s, %s);", quote(u.name), quote(u.conn)),
				fmt.Sprintf("DELETE FROM opa_service_user_keys WHERE connection = %s AND user_name = %s AND id IN (%s);", quote(u.conn), quote(u.name), strings.Join(ids, ", ")),
			},
		}
		b.blocks = append(b.blocks, blk)
	}
	return nil
}

func (b *builder) zitiCerts() error {
	rows, err := b.rows("SELECT a.connection, a.id, a.cert_subject, a.cert_not_after, a.is_issued_by_network FROM ziti_authenticators a " +
		"WHERE a.method = 'cert' AND a.cert_not_after >= " + quote(b.now.Format("2006-01-02 15:04:05")) + " AND a.cert_not_after < " + b.before() + b.connFilter("a") + " ORDER BY a.cert_not_after")
	if err != nil {
		return err
	}
	for _, r := range rows {
		conn, id, subject, exp := str(r[0]), str(r[1]), str(r[2]), tm(r[3])
		blk := Block{
			Kind: "ziti_certificate", Connection: conn, Key: id, ExpiresAt: exp, Match: [][]string{{id}},
			What:   fmt.Sprintf("client certificate %s of authenticator %s, %s", subject, id, b.when(exp)),
			UsedBy: "the identity credsql's OpenZiti connection logs in as, when it logs in with this certificate",
		}
		if fmt.Sprint(r[4]) == "true" || fmt.Sprint(r[4]) == "1" {
			blk.Notes = []string{
				"ACTION NEEDED: the new certificate is signed for a new key only its holder has: make a CSR with that key,",
				"paste it below, run the extend, save the certificate it returns, then verify it and switch the connection to it.",
			}
			blk.Commented = []string{
				fmt.Sprintf("CALL ziti_authenticators_extend(%s, '<PEM CSR of the new key>', %s);", quote(id), quote(conn)),
				fmt.Sprintf("CALL ziti_authenticators_extend_verify(%s, '<the client_cert the extend returned>', %s);", quote(id), quote(conn)),
			}
		} else {
			blk.Notes = []string{"ACTION NEEDED: the certificate was not issued by the network: renew it with the CA that issued it."}
		}
		b.blocks = append(b.blocks, blk)
	}
	return nil
}

// when says when a credential expires relative to the plan's time.
func (b *builder) when(t time.Time) string {
	d := t.Sub(b.now)
	date := t.UTC().Format("2006-01-02")
	switch {
	case d < 0:
		return fmt.Sprintf("expired %s (%d days ago)", date, int(-d.Hours()/24))
	case d < 24*time.Hour:
		return "expires " + date + " (within a day)"
	}
	return fmt.Sprintf("expires %s (in %d days)", date, int(d.Hours()/24))
}

// Write writes the plan as a SQL script.
func (p *Plan) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "-- credsql rotation plan, generated %s: credentials in use that expire before %s (%s).\n",
		p.Generated.Format(time.RFC3339), p.Until.Format(time.RFC3339), windowText(p.Window))
	b.WriteString("-- Review each block; delete a block to skip its credential. Then check the plan without changing anything:\n")
	b.WriteString("--   credsql run --dry-run plan.sql\n-- and apply it:\n--   credsql run plan.sql\n")
	if len(p.Blocks) == 0 {
		b.WriteString("\n-- Nothing to rotate.\n")
	}
	for i, blk := range p.Blocks {
		b.WriteString("\n")
		b.WriteString(blk.Text(i + 1))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Text is a block as SQL: its comment and its statements. n numbers it (0: no number).
func (blk Block) Text(n int) string {
	var b strings.Builder
	num := ""
	if n > 0 {
		num = fmt.Sprintf("[%d] ", n)
	}
	fmt.Fprintf(&b, "-- %s%s on connection %s\n", num, kindTitle(blk.Kind), blk.Connection)
	fmt.Fprintf(&b, "--   What expires: %s.\n", blk.What)
	fmt.Fprintf(&b, "--   Who uses it: %s.\n", blk.UsedBy)
	for _, n := range blk.Notes {
		fmt.Fprintf(&b, "--   %s\n", n)
	}
	for _, s := range blk.Statements {
		b.WriteString(s)
		b.WriteString("\n")
	}
	for _, s := range blk.Commented {
		b.WriteString("-- ")
		b.WriteString(s)
		b.WriteString("\n")
	}
	return b.String()
}

func kindTitle(k string) string {
	switch k {
	case "app_key":
		return "Okta app signing key"
	case "idp_key":
		return "Okta IdP trusted certificate"
	case "opa_key":
		return "Okta Privileged Access service-user API key"
	case "ziti_certificate":
		return "OpenZiti client certificate"
	case "authz_server_key":
		return "Okta authorization server signing key"
	case "idp_signing_key":
		return "Okta IdP signing key"
	case "api_token":
		return "Okta API token"
	}
	return k
}

func windowText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	}
	return d.String()
}

// ParseWindow reads a window: Go durations (720h) or days (30d).
func ParseWindow(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		if _, err := fmt.Sscanf(n, "%d", &days); err == nil && days > 0 && fmt.Sprint(days) == n {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a window like 30d or 720h", s)
	}
	return d, nil
}

func signs(mode string) string {
	switch mode {
	case "OPENID_CONNECT":
		return "tokens"
	case "WS_FEDERATION":
		return "WS-Federation tokens"
	}
	return "SAML assertions"
}

func dirOr(d string) string {
	if d == "" {
		return "<certificate folder>"
	}
	return d
}

// thumb is the base64url SHA-256 of the first certificate of a PEM bundle (its cert_sha256).
func thumb(certPEM string) string {
	blk, _ := pem.Decode([]byte(certPEM))
	if blk == nil {
		return ""
	}
	sum := sha256.Sum256(blk.Bytes)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func thumbNote(certPEM string) string {
	if t := thumb(certPEM); t != "" {
		return "cert_sha256 " + t
	}
	return "not PEM: the statement will say what is wrong"
}

func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

func jsonList(list []string) string {
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func tm(v any) time.Time {
	t, _ := v.(time.Time)
	return t.UTC()
}
