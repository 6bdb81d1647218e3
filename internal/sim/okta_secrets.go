package sim

import (
	"crypto/sha256"
	"encoding/base64"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// OAuth 2.0 client secrets of OIDC apps (docs/vendors/okta.md §3.4).

// oktaSecret is a client secret; Okta returns its value in clear text.
type oktaSecret struct {
	ID, Secret, Hash, Status string
	Created, LastUpdated     time.Time
}

const maxSecrets = 2

// secretChars are the characters of generated secrets.
const secretChars = alnum + "-_"

func newSecret(rng *rand.Rand, status string, created, updated time.Time) *oktaSecret {
	b := make([]byte, 40)
	for i := range b {
		b[i] = secretChars[rng.IntN(len(secretChars))]
	}
	return newSecretWith(rng, string(b), status, created, updated)
}

func newSecretWith(rng *rand.Rand, secret, status string, created, updated time.Time) *oktaSecret {
	sum := sha256.Sum256([]byte(secret))
	return &oktaSecret{ID: oktaID(rng, "ocs"), Secret: secret, Hash: base64.RawURLEncoding.EncodeToString(sum[:16]),
		Status: status, Created: created, LastUpdated: updated}
}

func (c *oktaSecret) json(base, appID string) map[string]any {
	self := base + oktaroutes.GetClientSecret.Expand(appID, c.ID)
	links := map[string]any{}
	if c.Status == "ACTIVE" {
		links["deactivate"] = halLink(base+oktaroutes.DeactivateClientSecret.Expand(appID, c.ID), "POST")
	} else {
		links["activate"] = halLink(base+oktaroutes.ActivateClientSecret.Expand(appID, c.ID), "POST")
		links["delete"] = halLink(self, "DELETE")
	}
	return map[string]any{
		"id": c.ID, "status": c.Status, "client_secret": c.Secret, "secret_hash": c.Hash,
		"created": oktaTS(c.Created), "lastUpdated": oktaTS(c.LastUpdated), "_links": links,
	}
}

// hasSecrets tells whether an app authenticates with a client secret.
func hasSecrets(a *oktaApp) bool {
	return a.SignOnMode == "OPENID_CONNECT" && strings.HasPrefix(a.AuthMethod, "client_secret_")
}

// genSecrets gives OIDC apps that use a client secret zero to two secrets. Apps 1, 5 and 6
// (OIDC by construction) hold the findings: two active secrets (a rotation left half-done,
// one secret older than 90 days), an active and an inactive one, and none at all.
func (s *oktaState) genSecrets(a *oktaApp, i int) {
	if !hasSecrets(a) {
		return
	}
	rng, now := s.secretRNG, s.opts.Now
	add := func(ageDays int, status string) {
		created := now.Add(-time.Duration(ageDays)*24*time.Hour - time.Duration(rng.IntN(86400))*time.Second)
		updated := created
		if status == "INACTIVE" {
			updated = created.Add(time.Duration(rng.IntN(ageDays+1)) * 24 * time.Hour)
		}
		a.Secrets = append(a.Secrets, newSecret(rng, status, created, updated))
	}
	switch i {
	case 1:
		add(200, "ACTIVE")
		add(3, "ACTIVE")
	case 5:
		add(400, "INACTIVE")
		add(30, "ACTIVE")
	case 6:
	default:
		switch x := rng.IntN(10); {
		case x < 2:
		case x < 7:
			add(1+rng.IntN(700), "ACTIVE")
		case x == 7:
			add(100+rng.IntN(600), "INACTIVE")
			add(1+rng.IntN(99), "ACTIVE")
		default:
			add(60+rng.IntN(600), "ACTIVE")
			add(1+rng.IntN(59), "ACTIVE")
		}
	}
}

func (s *Server) secretRoutes(add func(r routes.Route, h handler)) {
	add(oktaroutes.ListClientSecrets, s.listSecrets)
	add(oktaroutes.CreateClientSecret, s.createSecret)
	add(oktaroutes.GetClientSecret, s.getSecret)
	add(oktaroutes.DeleteClientSecret, s.deleteSecret)
	add(oktaroutes.ActivateClientSecret, s.activateSecret)
	add(oktaroutes.DeactivateClientSecret, s.deactivateSecret)
}

// secretsApp finds an app whose client secrets are asked for. Only OPENID_CONNECT apps have
// secrets; for any other app the simulator answers 404 E0000007 as for an unknown app. The
// real answer is unverified (docs/vendors/okta.md §3.4: 404 or 400).
func (s *Server) secretsApp(w http.ResponseWriter, id string) *oktaApp {
	a := s.okta.appByID[id]
	if a == nil || a.SignOnMode != "OPENID_CONNECT" {
		oktaNotFound(w, id, "AppInstance")
		return nil
	}
	return a
}

// secret finds an app's secret, answering 404 when either is missing.
func (s *Server) secret(w http.ResponseWriter, p params) (*oktaApp, int) {
	a := s.secretsApp(w, p["appId"])
	if a == nil {
		return nil, -1
	}
	for i, c := range a.Secrets {
		if c.ID == p["secretId"] {
			return a, i
		}
	}
	oktaNotFound(w, p["secretId"], "OAuth2ClientSecretMediated")
	return nil, -1
}

func (s *Server) listSecrets(w http.ResponseWriter, r *http.Request, p params) {
	a := s.secretsApp(w, p["appId"])
	if a == nil {
		return
	}
	out := make([]map[string]any, 0, len(a.Secrets))
	for _, c := range a.Secrets {
		out = append(out, c.json(baseURL(r), a.ID))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getSecret(w http.ResponseWriter, r *http.Request, p params) {
	if a, i := s.secret(w, p); a != nil {
		writeJSON(w, http.StatusOK, a.Secrets[i].json(baseURL(r), a.ID))
	}
}

const (
	secretMediated = "OAuth2ClientSecretMediated"
	secretField    = "client_secret"
)

func (s *Server) createSecret(w http.ResponseWriter, r *http.Request, p params) {
	a := s.secretsApp(w, p["appId"])
	if a == nil {
		return
	}
	var body struct {
		ClientSecret *string `json:"client_secret"`
		Status       string  `json:"status"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	status := body.Status
	switch status {
	case "":
		status = "ACTIVE"
	case "ACTIVE", "INACTIVE":
	default:
		oktaValidation(w, "status", "status: Status must be one of ACTIVE, INACTIVE.")
		return
	}
	if a.AuthMethod == "private_key_jwt" {
		// The rule names client_secret; an app without secret authentication gets no
		// generated secret either.
		oktaValidation(w, secretField, "'client_secret' can't be used when 'token_endpoint_auth_method' is 'private_key_jwt'.")
		return
	}
	if len(a.Secrets) >= maxSecrets {
		oktaValidation(w, secretMediated, "You've reached the maximum number of client secrets per client.")
		return
	}
	if body.ClientSecret != nil {
		if cause := secretRule(*body.ClientSecret, a.AuthMethod); cause != "" {
			oktaValidation(w, secretField, cause)
			return
		}
	}
	st := s.okta
	now := st.clock()
	var c *oktaSecret
	if body.ClientSecret != nil {
		c = newSecretWith(st.liveRNG, *body.ClientSecret, status, now, now)
	} else {
		c = newSecret(st.liveRNG, status, now, now)
	}
	a.Secrets = append(a.Secrets, c)
	writeJSON(w, http.StatusCreated, c.json(baseURL(r), a.ID))
}

// secretRule checks a client-supplied secret; "" when it is acceptable.
func secretRule(v, method string) string {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return "client_secret: ''client_secret'' must only contain printable ASCII: [x20-x7E]+"
		}
	}
	switch {
	case len(v) < 14:
		return "client_secret: 'client_secret' must be at least '14' characters long."
	case method == "client_secret_jwt" && len(v) < 32:
		return "client_secret: 'client_secret' must be at least '32' characters long when 'token_endpoint_auth_method' is 'client_secret_jwt'."
	case len(v) > 100:
		return "client_secret: 'client_secret' can't be more than '100' characters long."
	}
	return ""
}

func (s *Server) deleteSecret(w http.ResponseWriter, r *http.Request, p params) {
	a, i := s.secret(w, p)
	if a == nil {
		return
	}
	if a.Secrets[i].Status == "ACTIVE" {
		oktaValidation(w, secretMediated, "You can't delete an active client secret. Deactivate the secret before deleting it.")
		return
	}
	a.Secrets = append(a.Secrets[:i], a.Secrets[i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) activateSecret(w http.ResponseWriter, r *http.Request, p params) {
	a, i := s.secret(w, p)
	if a == nil {
		return
	}
	c := a.Secrets[i]
	if c.Status != "ACTIVE" {
		c.Status, c.LastUpdated = "ACTIVE", s.okta.clock()
	}
	writeJSON(w, http.StatusOK, c.json(baseURL(r), a.ID))
}

func (s *Server) deactivateSecret(w http.ResponseWriter, r *http.Request, p params) {
	a, i := s.secret(w, p)
	if a == nil {
		return
	}
	c := a.Secrets[i]
	if c.Status == "ACTIVE" {
		active := 0
		for _, o := range a.Secrets {
			if o.Status == "ACTIVE" {
				active++
			}
		}
		if active == 1 {
			oktaValidation(w, secretMediated, "You can't deactivate the only active client secret.")
			return
		}
		c.Status, c.LastUpdated = "INACTIVE", s.okta.clock()
	}
	writeJSON(w, http.StatusOK, c.json(baseURL(r), a.ID))
}
