package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sync"
)

//go:embed assets/page.html.tmpl assets/page.css assets/page.js
var assets embed.FS

var (
	// The template is parsed when a report is first rendered, not when the program starts:
	// every one-shot `credsql query` would pay for it.
	pageTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.ParseFS(assets, "assets/page.html.tmpl"))
	})
	pageStyle  = mustRead("assets/page.css")
	pageScript = mustRead("assets/page.js")
)

func mustRead(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Options tune a report.
type Options struct {
	Title string // default "credsql inventory report"
}

// Render writes the report of inv as one HTML page. Every vendor value goes through
// html/template's contextual escaping; the page's own style and script are allowed by their
// hashes in its Content-Security-Policy, so that markup slipped into the data could not run
// even if it were not escaped.
func Render(w io.Writer, inv *Inventory, o Options) error {
	if o.Title == "" {
		o.Title = "credsql inventory report"
	}
	data := struct {
		Page   page
		CSP    string
		Style  template.CSS
		Script template.JS
	}{
		Page:   buildPage(inv, o.Title),
		CSP:    contentSecurityPolicy(),
		Style:  template.CSS(pageStyle),
		Script: template.JS(pageScript),
	}
	if err := pageTemplate().Execute(w, data); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	return nil
}

// contentSecurityPolicy allows the page's own style and script only, and no network at all.
func contentSecurityPolicy() string {
	return fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; img-src data:; base-uri 'none'; form-action 'none'",
		hash(pageStyle), hash(pageScript))
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
