package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/inventory"
)

func TestSnapshotText(t *testing.T) {
	end := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	snap := Snapshot{
		Credentials: []inventory.Credential{
			{Vendor: "okta", Connection: "prod", Table: "app_keys", Parent: "0oa1", ID: "k1", Expires: end},
			{Vendor: "okta", Connection: "prod", Table: "app_keys", Parent: "0oa1", ID: "k1", Expires: end}, // listed twice
			{Vendor: "opa", Connection: "pam", Table: "opa_service_user_keys", Parent: "bot", ID: "k2"},     // never expires
		},
		Queries: []Query{{Name: "ok", Severity: "high", Rows: 3, OK: true}, {Name: "broken", Severity: "low"}},
		Conns:   []Conn{{Vendor: "okta", Name: "prod", Up: true}},
		Run:     true, Time: end,
	}
	var b strings.Builder
	if err := WriteText(&b, NewCollector(snap)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# TYPE credsql_credential_expiry_timestamp_seconds gauge\n" +
			`credsql_credential_expiry_timestamp_seconds{connection="prod",id="k1",name="",parent="0oa1",table="app_keys",vendor="okta"} 1.798859045e+09` + "\n# HELP",
		`credsql_query_rows{query="ok",severity="high"} 3`,
		`credsql_query_success{query="broken",severity="low"} 0`,
		`credsql_connection_up{connection="prod",vendor="okta"} 1`,
		"credsql_run_success 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, `credsql_query_rows{query="broken"`) || strings.Contains(out, `id="k2"`) || strings.Count(out, `id="k1"`) != 1 {
		t.Errorf("a failed query's rows or an undated credential:\n%s", out)
	}
}

func TestCallsCountResponses(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	c := NewCalls(reg)
	c.Observe(fetch.Okta, "prod", 200, 10*time.Millisecond)
	c.Observe(fetch.Okta, "prod", 429, 10*time.Millisecond)
	c.Observe(fetch.Okta, "prod", 0, time.Second)
	var b strings.Builder
	if err := Write(&b, reg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`credsql_vendor_requests_total{code="200",connection="prod",vendor="okta"} 1`,
		`credsql_vendor_requests_total{code="429",connection="prod",vendor="okta"} 1`,
		`credsql_vendor_rate_limited_total{connection="prod",vendor="okta"} 1`,
		`credsql_vendor_request_failures_total{connection="prod",vendor="okta"} 1`,
		`credsql_vendor_request_duration_seconds_count{connection="prod",vendor="okta"} 3`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

func TestLimitsAreReadAtEachScrape(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewPedanticRegistry()
	limit := 8
	reg.MustRegister(NewLimits(func() []LimitSample {
		return []LimitSample{
			{Vendor: "okta", Connection: "prod", Bucket: "/api/v1/apps", Limit: limit, InFlight: 3, Ceiling: 32},
			{Vendor: "ziti", Connection: "lab", Limit: 4, Ceiling: 8},
		}
	}))
	scrape := func() string {
		var b strings.Builder
		if err := Write(&b, reg); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	first := scrape()
	limit = 16 // learnt between two scrapes
	second := scrape()
	for _, c := range []struct{ out, want string }{
		{first, `credsql_vendor_inflight_limit{bucket="/api/v1/apps",connection="prod",vendor="okta"} 8`},
		{first, `credsql_vendor_inflight{bucket="/api/v1/apps",connection="prod",vendor="okta"} 3`},
		{first, `credsql_vendor_inflight_ceiling{bucket="/api/v1/apps",connection="prod",vendor="okta"} 32`},
		{first, `credsql_vendor_inflight_limit{bucket="",connection="lab",vendor="ziti"} 4`},
		{first, "# TYPE credsql_vendor_inflight_limit gauge"},
		{second, `credsql_vendor_inflight_limit{bucket="/api/v1/apps",connection="prod",vendor="okta"} 16`},
	} {
		if !strings.Contains(c.out, c.want) {
			t.Errorf("no %q in\n%s", c.want, c.out)
		}
	}
}
