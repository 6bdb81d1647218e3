package tables_test

import (
	"context"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/certinfo"
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Certificates are decoded only when a query reads a column that needs them.
func TestCertificatesDecodedOnlyWhenRead(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{Sim: sim.Options{PageSize: 200}, NoWire: true})
	before := certinfo.Parses()
	rows := e.MustQuery("SELECT kid, x5c, x5t_s256 FROM idps_keys")
	if got := certinfo.Parses() - before; got != 0 {
		t.Errorf("listing %d IdP keys without cert_* columns decoded %d certificates", len(rows), got)
	}
	before = certinfo.Parses()
	rows = e.MustQuery("SELECT kid, cert_not_after, cert_subject, cert_key_bits, x5t_s256_matches FROM idps_keys")
	if got := certinfo.Parses() - before; got != int64(len(rows)) {
		t.Errorf("%d rows with four certificate columns decoded %d certificates, want one each", len(rows), got)
	}
	before = certinfo.Parses()
	e.MustQuery("SELECT kid FROM idps_keys WHERE cert_not_after < NOW()")
	if got := certinfo.Parses() - before; got != int64(len(rows)) {
		t.Errorf("a filter on cert_not_after decoded %d certificates, want %d", got, len(rows))
	}
}

// A slow connection does not hold back the rows of a fast one.
func TestSlowConnectionDoesNotBlockOthers(t *testing.T) {
	t.Parallel()
	fast := sim.New(sim.Options{Seed: 1, Apps: 6})
	fast.Start()
	defer fast.Close()
	slow := sim.New(sim.Options{Seed: 2, Apps: 6, Latency: 3 * time.Second})
	slow.Start()
	defer slow.Close()
	var conns []*tables.Conn
	for _, cfg := range []*config.Config{demo.Config(fast, fast.URL(), "fast"), demo.Config(slow, slow.URL(), "slow")} {
		c, err := tables.Open(cfg.Connections[0], tables.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	e, err := engine.New(engine.Options{Conns: conns})
	if err != nil {
		t.Fatal(err)
	}
	s := e.NewSession("t")
	start := time.Now()
	rows, err := testenv.QuerySession(context.Background(), s, "SELECT connection, id FROM apps LIMIT 3")
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("LIMIT 3 over a fast and a slow connection took %s: the slow one held it back", d)
	}
	for _, r := range rows {
		if r[0] != "fast" {
			t.Errorf("row %v: want the fast connection's rows first", r)
		}
	}
	// Without a LIMIT the fast rows still come first, then the slow ones.
	res, err := s.Query(context.Background(), "SELECT connection FROM apps")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	first, err := res.Next()
	if err != nil || engine.Plain(first[0]) != "fast" || time.Since(start) > 2*time.Second {
		t.Errorf("first row %v after %s (%v)", first, time.Since(start), err)
	}
}
