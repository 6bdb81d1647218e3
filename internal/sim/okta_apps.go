package sim

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

var appLabels = []string{
	"Salesforce", "Workday", "GitHub Enterprise", "Slack", "Zoom", "AWS Console", "Jira Cloud",
	"Confluence", "ServiceNow", "Box", "Dropbox Business", "Google Workspace", "Tableau", "Snowflake",
	"Datadog", "PagerDuty", "Zendesk", "HubSpot", "Okta Admin Reports", "Internal Wiki", "Payroll Portal",
	"Expense Tracker", "Grafana", "Vault UI",
}

// signOnModes with weights (out of 20).
var signOnModes = []struct {
	mode   string
	weight int
}{
	{"SAML_2_0", 8}, {"OPENID_CONNECT", 7}, {"WS_FEDERATION", 1}, {"BOOKMARK", 2}, {"AUTO_LOGIN", 2},
}

var authMethods = []string{"client_secret_basic", "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"}

func pickMode(rng *rand.Rand, i int) string {
	// The first apps cover every mode, and three OIDC apps for the client-secret findings,
	// so that small data sets still have each.
	if i < len(signOnModes) {
		return signOnModes[i].mode
	}
	if i == 5 || i == 6 {
		return "OPENID_CONNECT"
	}
	n := rng.IntN(20)
	for _, m := range signOnModes {
		if n < m.weight {
			return m.mode
		}
		n -= m.weight
	}
	return "SAML_2_0"
}

// keyExpiry spreads key lifetimes so that every finding of the saved queries exists:
// expired, expiring within 30 days, within 90 days, and healthy.
func keyExpiry(rng *rand.Rand, now time.Time, n int) time.Time {
	switch n {
	case 0:
		return now.Add(12 * 24 * time.Hour) // expires in 12 days
	case 1:
		return now.Add(-40 * 24 * time.Hour) // expired 40 days ago
	case 2:
		return now.Add(61 * 24 * time.Hour) // within 90 days
	}
	switch x := rng.IntN(20); {
	case x == 0:
		return now.Add(-time.Duration(1+rng.IntN(300)) * 24 * time.Hour)
	case x == 1:
		return now.Add(time.Duration(1+rng.IntN(29)) * 24 * time.Hour)
	case x <= 3:
		return now.Add(time.Duration(31+rng.IntN(59)) * 24 * time.Hour)
	default:
		return now.Add(time.Duration(120+rng.IntN(5*365)) * 24 * time.Hour)
	}
}

func (s *oktaState) genApps(rng *rand.Rand) {
	now := s.opts.Now
	keyN := 0
	for i := 0; i < s.opts.Apps; i++ {
		mode := pickMode(rng, i)
		label := appLabels[i%len(appLabels)]
		if i >= len(appLabels) {
			label = fmt.Sprintf("%s %d", label, i/len(appLabels)+1)
		}
		created := now.Add(-time.Duration(30+rng.IntN(1500)) * 24 * time.Hour).Add(time.Duration(rng.IntN(86400)) * time.Second)
		a := &oktaApp{
			ID:          oktaID(rng, "0oa"),
			Label:       label,
			Status:      "ACTIVE",
			SignOnMode:  mode,
			Created:     created,
			LastUpdated: created.Add(time.Duration(rng.IntN(20)) * 24 * time.Hour),
		}
		if rng.IntN(10) == 0 && i >= len(signOnModes) {
			a.Status = "INACTIVE"
		}
		slug := strings.ToLower(strings.NewReplacer(" ", "", ".", "").Replace(label))
		switch mode {
		case "SAML_2_0", "WS_FEDERATION":
			a.Name = fmt.Sprintf("acme_%s_%d", slug, i)
		case "OPENID_CONNECT":
			a.Name = "oidc_client"
			a.ClientID = a.ID
			a.AuthMethod = authMethods[rng.IntN(len(authMethods))]
			if i < 8 {
				a.AuthMethod = "client_secret_basic"
			}
		case "BOOKMARK":
			a.Name = "bookmark"
		default:
			a.Name = fmt.Sprintf("acme_%s_swa", slug)
		}
		nkeys := 1 + rng.IntN(3)
		for k := 0; k < nkeys; k++ {
			notAfter := keyExpiry(rng, now, keyN)
			years := 2 + rng.IntN(4)
			notBefore := notAfter.AddDate(-years, 0, 0)
			if notBefore.After(now) {
				notBefore = now.Add(-24 * time.Hour)
			}
			key := &oktaKey{
				Kid:         kid(rng),
				Created:     notBefore.Truncate(time.Second),
				LastUpdated: notBefore.Truncate(time.Second),
				spec: certSpec{
					cn: label, org: "Okta", serial: s.nextSerial(),
					notBefore: notBefore, notAfter: notAfter,
				},
				// One key in seventeen reports a thumbprint that is not its certificate's.
				wrongX5t: keyN%17 == 4,
			}
			if d := s.opts.DistinctCerts; d > 0 && keyN >= d {
				key.shared = s.allKeys[keyN%d]
			} else {
				// Each key credential has a key pair of its own, as in Okta.
				priv := s.keys.take()
				key.spec.pub, key.spec.selfKey = &priv.PublicKey, priv
			}
			s.allKeys = append(s.allKeys, key)
			keyN++
			a.Keys = append(a.Keys, key)
		}
		switch mode {
		case "SAML_2_0", "WS_FEDERATION", "OPENID_CONNECT":
			a.SigningKid = a.Keys[0].Kid
		}
		s.genAppExtras(a, i)
		s.apps = append(s.apps, a)
		s.appByID[a.ID] = a
	}
	sort.Slice(s.apps, func(i, j int) bool { return s.apps[i].ID < s.apps[j].ID })
}

func (a *oktaApp) json() map[string]any { return a.render() }

func (k *oktaKey) json() map[string]any {
	m := k.material()
	out := map[string]any{
		"created": oktaTS(k.Created), "lastUpdated": oktaTS(k.LastUpdated),
		"kid": k.Kid, "kty": m.kty, "use": "sig",
		"x5c": []string{m.x5c}, "x5t#S256": m.x5t, "expiresAt": oktaTS(m.notAfter),
	}
	if k.wrongX5t {
		out["x5t#S256"] = x5tS256([]byte("not-this-certificate:" + k.Kid))
	}
	if m.e != "" {
		out["e"], out["n"] = m.e, m.n
	}
	return out
}

// appFilter evaluates the one `eq` expression Okta allows on apps (docs/vendors/okta.md §2.3).
func appFilter(filter string) (func(*oktaApp) bool, error) {
	if filter == "" {
		return func(*oktaApp) bool { return true }, nil
	}
	field, rest, ok := strings.Cut(strings.TrimSpace(filter), " eq ")
	if !ok || len(rest) < 2 || rest[0] != '"' || rest[len(rest)-1] != '"' || strings.Contains(rest[1:len(rest)-1], `"`) {
		return nil, fmt.Errorf("Invalid filter expression: %s", filter)
	}
	val := rest[1 : len(rest)-1]
	switch strings.TrimSpace(field) {
	case "id":
		return func(a *oktaApp) bool { return a.ID == val }, nil
	case "status":
		return func(a *oktaApp) bool { return a.Status == val }, nil
	case "name":
		return func(a *oktaApp) bool { return a.Name == val }, nil
	case "credentials.signing.kid":
		return func(a *oktaApp) bool { return a.SigningKid == val }, nil
	}
	return nil, fmt.Errorf("Invalid filter field: %s", field)
}

func (s *Server) listApps(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	match, err := appFilter(q.Get("filter"))
	if err != nil {
		oktaError(w, http.StatusBadRequest, "E0000031", "Invalid search criteria.", err.Error())
		return
	}
	prefix := strings.ToLower(q.Get("q"))
	var apps []*oktaApp
	for _, a := range s.okta.apps {
		if !match(a) {
			continue
		}
		if prefix != "" && !strings.HasPrefix(strings.ToLower(a.Name), prefix) && !strings.HasPrefix(strings.ToLower(a.Label), prefix) {
			continue
		}
		apps = append(apps, a)
	}
	page, ok := oktaPage(s, w, r, apps, func(a *oktaApp) string { return a.ID })
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(page))
	for _, a := range page {
		out = append(out, a.json())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) app(w http.ResponseWriter, id string) *oktaApp {
	a := s.okta.appByID[id]
	if a == nil {
		oktaNotFound(w, id, "AppInstance")
	}
	return a
}

func (s *Server) getApp(w http.ResponseWriter, r *http.Request, p params) {
	if a := s.app(w, p["appId"]); a != nil {
		writeJSON(w, http.StatusOK, a.json())
	}
}

func (s *Server) listAppKeys(w http.ResponseWriter, r *http.Request, p params) {
	a := s.app(w, p["appId"])
	if a == nil {
		return
	}
	out := make([]map[string]any, 0, len(a.Keys))
	for _, k := range a.Keys {
		out = append(out, k.json())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getAppKey(w http.ResponseWriter, r *http.Request, p params) {
	a := s.app(w, p["appId"])
	if a == nil {
		return
	}
	for _, k := range a.Keys {
		if k.Kid == p["keyId"] {
			writeJSON(w, http.StatusOK, k.json())
			return
		}
	}
	oktaNotFound(w, p["keyId"], "AppInstanceKeyCredential")
}
