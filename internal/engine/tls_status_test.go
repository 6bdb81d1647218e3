package engine_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"math/big"
	"net"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// A TLS session's Ssl_version and Ssl_cipher name what was negotiated; Uptime is never 0
// (mycli divides by it).
func TestSessionStatusOfTLSAndUptime(t *testing.T) {
	t.Parallel()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	srvTLS := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}},
		MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}}
	e := testenv.New(t, testenv.Options{NoWire: true})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.Engine.NewServer(engine.ServerOptions{Listener: ln, TLS: srvTLS, Users: []engine.User{engine.Owner("test", "pw")}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Start() }()
	t.Cleanup(func() { _ = srv.Close() })
	if err := mysqldriver.RegisterTLSConfig("credsql-status-test", &tls.Config{InsecureSkipVerify: true}); err != nil {
		t.Fatal(err)
	}
	status := func(tlsName string) map[string]string {
		c := mysqldriver.NewConfig()
		c.User, c.Passwd, c.Net, c.Addr, c.DBName, c.TLSConfig = "test", "pw", "tcp", ln.Addr().String(), "credsql", tlsName
		db, err := sql.Open("mysql", c.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query("SHOW STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher', 'Uptime')")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]string{}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				t.Fatal(err)
			}
			m[k] = v
		}
		return m
	}
	got := status("credsql-status-test")
	if got["Ssl_version"] != "TLSv1.2" || got["Ssl_cipher"] != "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" {
		t.Errorf("TLS session: %v", got)
	}
	if got["Uptime"] == "0" || got["Uptime"] == "" {
		t.Errorf("Uptime %q", got["Uptime"])
	}
	if plain := status("false"); plain["Ssl_version"] != "" || plain["Ssl_cipher"] != "" {
		t.Errorf("plain session: %v", plain)
	}
}
