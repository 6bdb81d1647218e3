package testenv

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
)

var nextRe = regexp.MustCompile(`<([^>]+)>;\s*rel="?next"?`)

// OktaList reads an Okta collection straight from the simulator with net/http, following
// every next link: an independent view of the data to compare credsql's answers with. Its
// calls are not in the way of a test: call it before ResetCalls or after the assertions.
func (e *Env) OktaList(path string) []map[string]any {
	e.T.Helper()
	url := e.Sim.URL() + path
	var out []map[string]any
	for url != "" {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "SSWS "+e.Sim.Options().OktaToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			e.T.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			e.T.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
		}
		var page []map[string]any
		if err := json.Unmarshal(b, &page); err != nil {
			e.T.Fatalf("GET %s: %v", url, err)
		}
		out = append(out, page...)
		url = ""
		for _, l := range resp.Header.Values("Link") {
			for _, part := range strings.Split(l, ",") {
				if m := nextRe.FindStringSubmatch(part); m != nil {
					url = m[1]
				}
			}
		}
	}
	return out
}
