package engine_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

func TestSmoke(t *testing.T) {
	s := sim.New(sim.Options{Seed: 1, PageSize: 2, Apps: 5})
	u := s.Start()
	defer s.Close()
	c, err := tables.Open(config.Connection{Name: "default", Vendor: "okta", URL: u, Token: "sim-okta-api-token"}, tables.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(engine.Options{Conns: []*tables.Conn{c}})
	if err != nil {
		t.Fatal(err)
	}
	sess := e.NewSession("root")
	for _, q := range []string{
		"SELECT id, label, sign_on_mode FROM apps",
		"SELECT app_id, kid, cert_not_after, x5t_s256_matches FROM app_keys",
		"SELECT * FROM apps LIMIT 3",
		"SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0'",
		"SELECT * FROM credsql_procedures",
		"EXEC app_keys.generate @validity_years = 3, @app_id = 'nope'",
		"DESCRIBE app_keys",
	} {
		s.ResetCalls()
		res, err := sess.Query(context.Background(), q)
		if err != nil {
			t.Logf("%s: %v", q, err)
			continue
		}
		n := 0
		for {
			row, err := res.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Logf("err %v", err)
				break
			}
			if n < 3 {
				fmt.Println(row)
			}
			n++
		}
		res.Close()
		fmt.Printf("%s -> %d rows, %d calls %v\n", q, n, s.CallCount(), s.Calls())
	}
}
