package report_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/report"
	"github.com/credsql/credsql/internal/testenv"
)

// chromium finds a headless-capable Chromium, or skips the test (fails it in CI: CI=true or
// CREDSQL_REQUIRE_CLIENTS set).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testenv.Missing(t, "chromium is not installed, so the report is not checked in a browser", "apt-get install -y chromium")
	return ""
}

// dumpDOM loads a file in headless Chromium and returns the DOM after its scripts ran.
func dumpDOM(t *testing.T, bin, file string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--dump-dom", "file://"+file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// hostileCert is a certificate whose subject carries markup, expiring in 10 days.
func hostileCert(t *testing.T, payload string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(4242),
		Subject:      pkix.Name{CommonName: "partner", Organization: []string{payload}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(10 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

// TestReportInChromium renders a report of the simulator, with markup planted in vendor data
// (an IdP certificate's subject, an OPA service user's name), and loads it in headless
// Chromium: the page's script must have run (data-rendered, the findings count it writes),
// the chart and the findings must be in the DOM, and none of the planted markup may have
// become elements.
func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	e := testenv.New(t, testenv.Options{NoWire: true})
	const payload = `<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>`
	e.MustQuery(fmt.Sprintf("INSERT INTO idps_keys (x5c) VALUES ('%s')", hostileCert(t, payload)))
	e.MustQuery(fmt.Sprintf("INSERT INTO opa_service_users (name) VALUES ('%s')", strings.ReplaceAll(payload, "'", "''")))

	queries, err := inventory.Load(filepath.Join("..", "..", "queries"))
	if err != nil {
		t.Fatal(err)
	}
	inv := report.Collect(context.Background(), e.Engine, queries)
	findings := 0
	for _, r := range inv.Results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Query.Name, r.Err)
		}
		findings += len(r.Rows)
	}
	if len(inv.Problems) > 0 || len(inv.Credentials) == 0 {
		t.Fatalf("collect: %d credentials, problems %v", len(inv.Credentials), inv.Problems)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Render(f, inv, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	dom := dumpDOM(t, bin, file)
	if !regexp.MustCompile(`<body[^>]* data-rendered="true"`).MatchString(dom) {
		t.Fatalf("the page's script did not run:\n%.2000s", dom)
	}
	svg := regexp.MustCompile(`<svg id="timeline"[^>]*data-rendered="true"[^>]*data-bars="(\d+)"`).FindStringSubmatch(dom)
	if svg == nil {
		t.Fatal("no rendered timeline chart in the DOM")
	}
	if bars, _ := strconv.Atoi(svg[1]); bars == 0 || bars != strings.Count(dom, `<rect class="seg"`) {
		t.Errorf("chart bars: script counted %s, DOM has %d", svg[1], strings.Count(dom, `<rect class="seg"`))
	}
	if got := strings.Count(dom, `class="finding-row"`); got != findings {
		t.Errorf("%d finding rows in the DOM, want %d", got, findings)
	}
	if want := fmt.Sprintf(`data-shown="%d">Findings shown: %d of %d`, findings, findings, findings); !strings.Contains(dom, want) {
		t.Errorf("the script's findings count %q is not in the DOM", want)
	}
	for _, section := range []string{`id="severity-critical"`, `id="connections"`, `data-connection="demo"`, `data-query="idp_keys_unreferenced"`} {
		if !strings.Contains(dom, section) {
			t.Errorf("no %s in the DOM", section)
		}
	}
	if strings.Contains(dom, "<img") || strings.Count(dom, "<script") != 1 || strings.Contains(dom, "data-pwned") {
		t.Errorf("planted markup became elements or ran")
	}
	for _, shown := range []string{`O=\&lt;img src=x onerror=\"document.body.dataset.pwned=1\"\&gt;`, `<td>&lt;img src=x onerror="document.body.dataset.pwned=1"&gt;&lt;script&gt;`} {
		if !strings.Contains(dom, shown) {
			t.Errorf("the planted text is not shown as text: no %s", shown)
		}
	}
}

// TestIncompleteReportInChromium loads the report of an unreachable vendor in headless
// Chromium: after the page's script ran, the banner is there and nothing reads as an
// all-clear.
func TestIncompleteReportInChromium(t *testing.T) {
	bin := chromium(t)
	e := testenv.New(t, testenv.Options{NoWire: true})
	e.Sim.Close() // every vendor unreachable
	queries, err := inventory.Load(filepath.Join("..", "..", "queries"))
	if err != nil {
		t.Fatal(err)
	}
	inv := report.Collect(context.Background(), e.Engine, queries)
	if inv.Complete() || len(inv.Failed) == 0 {
		t.Fatalf("collect with every vendor down: complete %v, failed %v", inv.Complete(), inv.Failed)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	var b strings.Builder
	if err := report.Render(&b, inv, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := dumpDOM(t, bin, file)
	if !regexp.MustCompile(`<body[^>]* data-rendered="true"`).MatchString(dom) {
		t.Fatalf("the page's script did not run:\n%.2000s", dom)
	}
	if i, j := strings.Index(dom, `role="alert"`), strings.Index(dom, `<svg id="timeline"`); i < 0 || i > j {
		t.Errorf("no alert banner before the chart")
	}
	if m := regexp.MustCompile(`(?i)\b0 findings|no findings|\b0 credentials|\b0 expired|all clear`).FindString(dom); m != "" {
		t.Errorf("the rendered page says %q", m)
	}
}
