package tables_test

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// These helpers read the simulator with plain net/http, independently of credsql's fetch
// package, so that tests compare credsql's rows with what the API actually holds.

var nextLink = regexp.MustCompile(`<([^>]+)>;\s*rel="next"`)

// oktaRaw sends one request to the simulator's Okta API and returns the status and body.
func oktaRaw(t testing.TB, e *testenv.Env, method, pathOrURL string) (int, []byte, http.Header) {
	t.Helper()
	u := pathOrURL
	if !strings.HasPrefix(u, "http") {
		u = e.Sim.URL() + u
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "SSWS "+e.Sim.Options().OktaToken)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// oktaList reads a whole collection, following Link rel="next"; a 404 is an empty list.
func oktaList(t testing.TB, e *testenv.Env, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for u := path; u != ""; {
		status, body, h := oktaRaw(t, e, "GET", u)
		if status == http.StatusNotFound {
			return out
		}
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", u, status, body)
		}
		var page []map[string]any
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		out = append(out, page...)
		u = ""
		for _, l := range h.Values("Link") {
			if m := nextLink.FindStringSubmatch(l); m != nil {
				u = m[1]
			}
		}
	}
	return out
}

// oktaObject reads one object; nil for a 404.
func oktaObject(t testing.TB, e *testenv.Env, path string) map[string]any {
	t.Helper()
	status, body, _ := oktaRaw(t, e, "GET", path)
	if status == http.StatusNotFound {
		return nil
	}
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, status, body)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// rawApps are the org's applications as the API lists them.
func rawApps(t testing.TB, e *testenv.Env) []map[string]any {
	return oktaList(t, e, "/api/v1/apps?limit=200")
}

// appByLabel returns the id of the application with a label; the simulator's labels are
// fixed, its ids depend on the seed.
func appByLabel(t testing.TB, e *testenv.Env, label string) string {
	t.Helper()
	for _, a := range rawApps(t, e) {
		if a["label"] == label {
			return a["id"].(string)
		}
	}
	t.Fatalf("no app labelled %q", label)
	return ""
}

// appWhere returns the first app (in list order) for which ok holds.
func appWhere(t testing.TB, e *testenv.Env, what string, ok func(app map[string]any) bool) string {
	t.Helper()
	for _, a := range rawApps(t, e) {
		if ok(a) {
			return a["id"].(string)
		}
	}
	t.Fatalf("no app %s", what)
	return ""
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func oktaTime(t testing.TB, v any) any {
	t.Helper()
	if v == nil {
		return nil
	}
	tm, err := time.Parse(time.RFC3339, v.(string))
	if err != nil {
		t.Fatal(err)
	}
	return tm.UTC()
}

// sameConn runs a statement on the connection a case used: over the wire when the env
// has a wire server (the one pooled connection), in-process otherwise.
func sameConn(e *testenv.Env, q string) ([][]any, error) {
	if e.Addr() != "" {
		return e.WireQuery(q)
	}
	return e.Query(q)
}

// usableAfter is an After that checks the session still answers after an error: over the
// wire on the same connection (same CONNECTION_ID as before the statement).
func usableAfter(check string) (setup func(*testenv.Env), after func(*testing.T, *testenv.Env)) {
	var before any
	setup = func(e *testenv.Env) {
		rows, err := sameConn(e, "SELECT CONNECTION_ID()")
		if err != nil {
			e.T.Fatal(err)
		}
		before = rows[0][0]
	}
	after = func(t *testing.T, e *testenv.Env) {
		t.Helper()
		rows, err := sameConn(e, "SELECT CONNECTION_ID()")
		if err != nil {
			t.Fatalf("after the error: %v", err)
		}
		if rows[0][0] != before {
			t.Errorf("connection changed after the error: %v, then %v", before, rows[0][0])
		}
		if _, err := sameConn(e, check); err != nil {
			t.Errorf("after the error, %s: %v", check, err)
		}
	}
	return setup, after
}

// signCSR signs a PEM CSR with the simulator's CA, valid from an hour ago for days days,
// and returns the certificate as PEM and as base64 DER.
func signCSR(t testing.TB, csrPEM string, days int) (pemCert, b64 string) {
	t.Helper()
	blk, _ := pem.Decode([]byte(csrPEM))
	if blk == nil {
		t.Fatalf("csr column is not PEM: %q", csrPEM)
	}
	csr, err := x509.ParseCertificateRequest(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	der := issueFor(t, csr.Subject, csr.DNSNames, csr.PublicKey, days)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), base64.StdEncoding.EncodeToString(der)
}

// serial numbers certificates; subtests issue concurrently.
var serial atomic.Int64

func init() { serial.Store(7000) }

// issueFor issues a CA-signed certificate for pub.
func issueFor(t testing.TB, subject pkix.Name, dns []string, pub any, days int) []byte {
	t.Helper()
	ca, key := sim.CAKey()
	now := time.Now().UTC().Truncate(time.Second)
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial.Add(1)), Subject: subject, DNSNames: dns,
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(0, 0, days),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// q quotes a string as a SQL literal.
func q(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func sortedRows(rows [][]any) [][]any {
	out := append([][]any(nil), rows...)
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
	return out
}

// runner runs one statement on a path's session.
type runner func(q string) ([][]any, error)

// eachPath runs a multi-statement scenario in-process and over the wire (one connection, so
// session variables stick), each on a fresh simulator with the same seed.
func eachPath(t *testing.T, o testenv.Options, f func(t *testing.T, e *testenv.Env, run runner)) {
	t.Helper()
	for _, path := range []string{"in-process", "wire"} {
		t.Run(path, func(t *testing.T) {
			opts := o
			opts.NoWire = path != "wire"
			e := testenv.New(t, opts)
			run := runner(e.Query)
			if path == "wire" {
				run = func(q string) ([][]any, error) { return e.WireQuery(q) }
			}
			f(t, e, run)
		})
	}
}

// must runs a statement that has to succeed.
func (r runner) must(t testing.TB, q string) [][]any {
	t.Helper()
	rows, err := r(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

// record names the values of a procedure's result row: the table's columns, then the
// procedure's extra columns.
func record(t testing.TB, table, proc string, row []any) map[string]any {
	t.Helper()
	d, ok := tables.Lookup(table)
	if !ok {
		t.Fatalf("no table %s", table)
	}
	m := d.Meta()
	var names []string
	for _, c := range m.Columns {
		names = append(names, c.Name)
	}
	if pm, ok := m.Procedure(proc); ok {
		for _, x := range pm.Extra {
			names = append(names, x.Name)
		}
	}
	if len(row) != len(names) {
		t.Fatalf("%s_%s returned %d columns, want %d (%v)", table, proc, len(row), len(names), names)
	}
	out := map[string]any{}
	for i, n := range names {
		out[n] = row[i]
	}
	return out
}
