package report

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

const hostile = `<img src=x onerror="document.body.dataset.pwned=1"></td></script><script>document.body.dataset.pwned=2</script>`

func sampleInventory() *Inventory {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	cred := func(v, conn string, at time.Time) Credential {
		return Credential{Vendor: v, Connection: conn, Kind: "key " + hostile, ID: "id-" + hostile, Expires: at}
	}
	return &Inventory{
		Generated: now, Host: "host-" + hostile, Version: "v1",
		Connections: []Connection{{Vendor: "okta", Name: "prod"}, {Vendor: "okta", Name: hostile}, {Vendor: "ziti", Name: "edge"}, {Vendor: "opa", Name: "pam", ReadOnly: true}},
		Credentials: []Credential{
			cred("okta", "prod", now.Add(-3*day)),   // expired
			cred("okta", "prod", now.Add(-400*day)), // expired
			cred("okta", hostile, now.Add(5*day)),   // May 2026, within 30 days
			cred("ziti", "edge", now.Add(10*day)),   // May/June 2026
			cred("opa", "pam", time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)),
			cred("opa", "pam", time.Date(2026, 7, 9, 0, 0, 0, 0, time.UTC)),
			cred("opa", "pam", time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)), // past the 12 months
			cred("opa", "pam", time.Time{}),                                 // never expires
		},
		Results: []inventory.Result{
			{
				Query:   inventory.Query{Name: "low_one", Title: "Low " + hostile, Severity: "low", Description: "d " + hostile, Action: "a " + hostile, Vendors: []string{"okta"}},
				Columns: []render.Column{{Name: "connection"}, {Name: "col " + hostile}},
				Rows:    [][]any{{"prod", hostile}, {hostile, nil}},
			},
			{
				Query:   inventory.Query{Name: "crit_one", Title: "Critical", Severity: "critical", Vendors: []string{"okta", "opa"}},
				Columns: []render.Column{{Name: "vendor"}, {Name: "connection"}},
				Rows:    [][]any{{"opa", "pam"}},
			},
			{Query: inventory.Query{Name: "clean", Title: "Nothing here", Severity: "high"}, Columns: []render.Column{{Name: "x"}}},
			{Query: inventory.Query{Name: "broken", Title: "Broken", Severity: "high"}, Err: errors.New("list apps: " + hostile), Warnings: []string{"w " + hostile}},
		},
		Problems: []string{"problem " + hostile},
	}
}

func renderSample(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	if err := Render(&b, sampleInventory(), Options{Title: "Report " + hostile}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderEscapesVendorData(t *testing.T) {
	out := renderSample(t)
	if strings.Contains(out, "<img") || strings.Count(out, "<script") != 1 || strings.Contains(out, "onerror=\"") {
		t.Fatalf("vendor markup reached the page unescaped")
	}
	if n := strings.Count(out, "&lt;img src=x onerror=&#34;document.body.dataset.pwned=1&#34;&gt;"); n < 10 {
		t.Errorf("escaped payload shown %d times, want it in every field", n)
	}
}

func TestRenderIsSelfContained(t *testing.T) {
	out := renderSample(t)
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(out, -1) {
		names := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(tag, `""`) // attribute names only
		if m := regexp.MustCompile(`(?i)\s(src|href|action|srcset|poster|xlink:href|background)\s*=`).FindString(names); m != "" {
			t.Errorf("the page loads something: %s", tag)
		}
	}
	if m := regexp.MustCompile(`(?i)url\(|@import|https?://`).FindString(out); m != "" {
		t.Errorf("the page refers to something outside itself: %q", m)
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(out)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	csp[1] = html.UnescapeString(csp[1])
	script := regexp.MustCompile(`(?s)<script>(.*)</script>`).FindStringSubmatch(out)
	style := regexp.MustCompile(`(?s)<style>(.*)</style>`).FindStringSubmatch(out)
	if script == nil || style == nil {
		t.Fatal("no inline script or style")
	}
	for _, inline := range []string{script[1], style[1]} {
		sum := sha256.Sum256([]byte(inline))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp[1], h) {
			t.Errorf("CSP %q does not allow the page's own %s", csp[1], h)
		}
	}
	if !strings.Contains(csp[1], "default-src 'none'") || strings.Contains(csp[1], "unsafe-inline") {
		t.Errorf("CSP too loose: %s", csp[1])
	}
}

func TestTimelineBuckets(t *testing.T) {
	inv := sampleInventory()
	c := buildChart(inv.Credentials, inv.Generated)
	got := map[string]int{}
	for _, b := range c.Bars {
		got[b.Vendor+" "+b.Bucket] += b.Count
	}
	want := map[string]int{"okta Expired": 2, "okta May 2026": 1, "ziti May 2026": 1, "opa Jul 2026": 2}
	if len(got) != len(want) {
		t.Errorf("bars %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if c.Later != 1 || c.Never != 1 {
		t.Errorf("later %d never %d, want 1 and 1", c.Later, c.Never)
	}
	if labels := c.Labels; labels[0].Text != "Expired" {
		t.Errorf("first bucket %q", labels[0].Text)
	}
	// Stacked bars of one month touch: each starts where the one below ends.
	var may []bar
	for _, b := range c.Bars {
		if b.Bucket == "May 2026" {
			may = append(may, b)
		}
	}
	if len(may) != 2 || may[0].Y != may[1].Y+may[1].H {
		t.Errorf("May bars not stacked: %+v", may)
	}
}

func TestPageGroupsAndSummaries(t *testing.T) {
	p := buildPage(sampleInventory(), "t")
	var sevs []string
	for _, g := range p.Groups {
		sevs = append(sevs, g.Severity)
	}
	if strings.Join(sevs, ",") != "critical,low" || p.Findings != 3 {
		t.Errorf("groups %v, findings %d", sevs, p.Findings)
	}
	if len(p.Passed) != 1 || p.Passed[0].Name != "clean" || len(p.Failed) != 1 || p.Failed[0].Name != "broken" {
		t.Errorf("passed %v failed %v", p.Passed, p.Failed)
	}
	conns := map[string]connView{}
	for _, c := range p.Conns {
		conns[c.Vendor+"/"+c.Name] = c
	}
	if c := conns["okta/prod"]; c.Credentials != 2 || c.Expired != 2 || c.Findings != 1 || c.Next != "" {
		t.Errorf("okta/prod: %+v", c)
	}
	if c := conns["okta/"+hostile]; c.Soon != 1 || c.Quarter != 1 || c.Findings != 1 || c.Next != "2026-05-25" {
		t.Errorf("okta/hostile: %+v", c)
	}
	if c := conns["opa/pam"]; c.Credentials != 4 || c.Findings != 1 || !c.ReadOnly || c.Next != "2026-07-03" {
		t.Errorf("opa/pam: %+v", c)
	}
}

func TestCellsReadLikeTheTableOutput(t *testing.T) {
	r := &inventory.Result{
		Columns: []render.Column{{Name: "in_use", Bool: true}, {Name: "expires_at"}, {Name: "x5c", JSON: true}, {Name: "n"}, {Name: "missing"}},
		Rows:    [][]any{{int8(1), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), `["MIIB"]`, int64(7), nil}},
	}
	want := []string{"true", "2026-01-02 03:04:05", `["MIIB"]`, "7", "—"}
	if got := viewOf(r).Rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cells %q, want %q", got, want)
	}
}

// A report missing a connection opens with a banner naming it, shows what it could not count
// as unknown, and never reads as an all-clear.
func TestIncompleteReportIsNoAllClear(t *testing.T) {
	inv := &Inventory{
		Generated:   time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC),
		Connections: []Connection{{Vendor: "okta", Name: "prod"}, {Vendor: "opa", Name: "pam"}},
		Failed:      []FailedConnection{{Vendor: "okta", Name: "prod", What: "is unreachable", Reason: "connection refused"}},
		Listings:    []ListingOutcome{{Vendor: "okta", Table: "app_keys"}, {Vendor: "opa", Table: "opa_service_user_keys", OK: true}},
		Results: []inventory.Result{
			{Query: inventory.Query{Name: "q1", Title: "Q1", Severity: "high", Vendors: []string{"okta"}}, Err: errors.New("down"), Blocked: true},
			{Query: inventory.Query{Name: "q2", Title: "Q2", Severity: "low", Vendors: []string{"opa"}}, Columns: []render.Column{{Name: "x"}}},
		},
	}
	var b strings.Builder
	if err := Render(&b, inv, Options{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	banner, chart := strings.Index(page, `role="alert"`), strings.Index(page, `<svg id="timeline"`)
	if banner < 0 || banner > chart || !strings.Contains(page[banner:chart], "Okta connection prod</strong> is unreachable") {
		t.Errorf("no banner naming the connection before the chart")
	}
	if m := regexp.MustCompile(`(?i)\b0 findings|no findings|\b0 credentials|\b0 expired|all clear`).FindString(page); m != "" {
		t.Errorf("the page says %q", m)
	}
	for _, want := range []string{`<span class="value">—</span>credentials`, `<span class="value">—</span>expired`, `<span class="value">—</span>findings`,
		`data-connection="prod"><td><span class="swatch swatch-okta"></span>Okta</td><td>prod</td><td>—</td>`, "not checked: a connection it reads failed"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
	// The OPA connection was checked: its counts are known.
	if !strings.Contains(page, `data-connection="pam"><td><span class="swatch swatch-opa"></span>Okta Privileged Access</td><td>pam</td><td>0</td>`) {
		t.Errorf("the connection that was checked lost its counts")
	}
	// Complete, the same page may say there is nothing.
	inv.Failed, inv.Results[0].Err, inv.Listings[0].OK = nil, nil, true
	b.Reset()
	if err := Render(&b, inv, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `role="alert"`) || !strings.Contains(b.String(), "No findings.") {
		t.Errorf("a complete report with nothing found")
	}
}

// Every vendor of the registry has a colour of its own in the expiry chart.
func TestEveryVendorHasAColour(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for _, v := range tables.Vendors() {
		c := vendorColour[string(v)]
		if c == "" {
			t.Errorf("vendor %s has no colour", v)
		}
		if other, dup := seen[c]; dup {
			t.Errorf("vendors %s and %s share the colour %s", other, v, c)
		}
		seen[c] = string(v)
	}
}
