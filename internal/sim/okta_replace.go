package sim

import (
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"net/http"
	"slices"
	"strings"
)

// Replacing an app (oktaroutes.ReplaceApp) and an IdP (oktaroutes.ReplaceIdP):
// docs/vendors/okta.md §3.7 and §3.8. A PUT replaces the object: what
// the body omits is lost, system-assigned members (id, name, status, created, lastUpdated)
// are ignored. Once replaced, an object is served from the document it was given, so that a
// client that sends a partial object loses what it left out, as on a real org.

// systemMembers are set by the org, never by a PUT body.
var systemMembers = []string{"id", "name", "status", "created", "lastUpdated", "orn", "_links", "_embedded"}

// appDocument is an app's document without its system members: the one a PUT stored, or the
// generated one. It is a deep copy.
func (a *oktaApp) appDocument() map[string]any {
	if a.doc != nil {
		return deepCopy(a.doc)
	}
	slug := strings.ToLower(strings.NewReplacer(" ", "-", ".", "").Replace(a.Label))
	host := "https://" + slug + ".example.com"
	creds := map[string]any{"userNameTemplate": map[string]any{"template": "${source.login}", "type": "BUILT_IN"}}
	settings := map[string]any{
		"app":                map[string]any{},
		"notifications":      map[string]any{"vpn": map[string]any{"network": map[string]any{"connection": "DISABLED"}, "message": nil, "helpUrl": nil}},
		"manualProvisioning": false,
		"implicitAssignment": false,
	}
	switch a.SignOnMode {
	case "SAML_2_0", "WS_FEDERATION":
		settings["signOn"] = map[string]any{
			"defaultRelayState":         "",
			"ssoAcsUrl":                 host + "/sso/saml",
			"audience":                  host,
			"recipient":                 host + "/sso/saml",
			"destination":               host + "/sso/saml",
			"subjectNameIdTemplate":     "${user.userName}",
			"subjectNameIdFormat":       "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
			"responseSigned":            true,
			"assertionSigned":           true,
			"signatureAlgorithm":        "RSA_SHA256",
			"digestAlgorithm":           "SHA256",
			"honorForceAuthn":           true,
			"authnContextClassRef":      "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
			"requestCompressed":         false,
			"allowMultipleAcsEndpoints": false,
			"attributeStatements":       []any{map[string]any{"type": "EXPRESSION", "name": "email", "namespace": "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified", "values": []any{"user.email"}}},
		}
	case "OPENID_CONNECT":
		creds["oauthClient"] = map[string]any{"autoKeyRotation": true, "pkce_required": a.AuthMethod == "none"}
		settings["oauthClient"] = map[string]any{
			"redirect_uris":    []any{host + "/oauth2/callback"},
			"response_types":   []any{"code"},
			"grant_types":      []any{"authorization_code", "refresh_token"},
			"application_type": "web",
			"consent_method":   "REQUIRED",
		}
	}
	return map[string]any{
		"label":         a.Label,
		"signOnMode":    a.SignOnMode,
		"features":      []any{},
		"accessibility": map[string]any{"selfService": false, "errorRedirectUrl": nil, "loginRedirectUrl": nil},
		"visibility":    map[string]any{"autoSubmitToolbar": false, "hide": map[string]any{"iOS": false, "web": false}},
		"credentials":   creds,
		"settings":      settings,
	}
}

// render is the app as the API shows it: its document, the system members, and the
// credentials the simulator models (signing kid, OAuth client id and auth method).
func (a *oktaApp) render() map[string]any {
	out := a.appDocument()
	out["id"], out["name"], out["status"] = a.ID, a.Name, a.Status
	out["label"], out["signOnMode"] = a.Label, a.SignOnMode
	out["created"], out["lastUpdated"] = oktaTS(a.Created), oktaTS(a.LastUpdated)
	out["orn"] = "orn:okta:idp:00o1n8sbwArJ7OQRw406:apps:" + a.Name + ":" + a.ID
	creds, _ := out["credentials"].(map[string]any)
	if creds == nil {
		creds = map[string]any{}
		out["credentials"] = creds
	}
	creds["signing"] = map[string]any{}
	if a.SigningKid != "" {
		creds["signing"] = map[string]any{"kid": a.SigningKid}
	}
	if a.SignOnMode == "OPENID_CONNECT" {
		oc, _ := creds["oauthClient"].(map[string]any)
		if oc == nil {
			oc = map[string]any{}
			creds["oauthClient"] = oc
		}
		oc["client_id"], oc["token_endpoint_auth_method"] = a.ClientID, a.AuthMethod
	}
	out["_links"] = map[string]any{
		"users":  map[string]any{"href": oktaroutes.GetApp.Expand(a.ID) + "/users"},
		"groups": map[string]any{"href": oktaroutes.GetApp.Expand(a.ID) + "/groups"},
	}
	return out
}

func deepCopy(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

func member(m map[string]any, path ...string) any {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[p]
	}
	return cur
}

// blank lists the members of path... that are missing, as Okta's causes name them.
func blank(body map[string]any, paths ...string) []string {
	var causes []string
	for _, p := range paths {
		if member(body, strings.Split(p, ".")...) == nil {
			causes = append(causes, p+": The field cannot be left blank")
		}
	}
	return causes
}

var tokenAuthMethods = []string{"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"}

// replaceApp is oktaroutes.ReplaceApp.
func (s *Server) replaceApp(w http.ResponseWriter, r *http.Request, p params) {
	a := s.app(w, p["appId"])
	if a == nil {
		return
	}
	var body map[string]any
	if !readJSON(w, r, &body) {
		return
	}
	if body == nil {
		oktaError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
		return
	}
	required := []string{"label", "signOnMode"}
	switch a.SignOnMode {
	case "OPENID_CONNECT":
		required = append(required, "name", "settings", "credentials", "settings.oauthClient.grant_types")
	case "SAML_2_0":
		for _, f := range []string{"allowMultipleAcsEndpoints", "assertionSigned", "honorForceAuthn", "requestCompressed", "responseSigned"} {
			required = append(required, "settings.signOn."+f)
		}
	}
	if causes := blank(body, required...); len(causes) > 0 {
		oktaValidation(w, "App", causes...)
		return
	}
	if mode, _ := body["signOnMode"].(string); mode != a.SignOnMode {
		oktaValidation(w, "signOnMode", "signOnMode: The sign on mode of an app cannot be changed.")
		return
	}
	kid := a.SigningKid
	if k, ok := member(body, "credentials", "signing", "kid").(string); ok && k != "" {
		if !slices.ContainsFunc(a.Keys, func(key *oktaKey) bool { return key.Kid == k }) {
			oktaValidation(w, "credentials.signing.kid", "credentials.signing.kid: The key id is not one of the app's key credentials.")
			return
		}
		kid = k
	}
	method := a.AuthMethod
	if a.SignOnMode == "OPENID_CONNECT" {
		method = "client_secret_basic"
		if m, ok := member(body, "credentials", "oauthClient", "token_endpoint_auth_method").(string); ok {
			if !slices.Contains(tokenAuthMethods, m) {
				oktaValidation(w, "credentials.oauthClient.token_endpoint_auth_method", "credentials.oauthClient.token_endpoint_auth_method: Invalid value.")
				return
			}
			method = m
		}
	}
	doc := deepCopy(body)
	for _, m := range systemMembers {
		delete(doc, m)
	}
	if creds, ok := doc["credentials"].(map[string]any); ok {
		delete(creds, "signing")
		if oc, ok := creds["oauthClient"].(map[string]any); ok {
			delete(oc, "client_id")
			delete(oc, "client_secret")
			delete(oc, "token_endpoint_auth_method")
			// Defaults of the members a full replacement resets (okta.md).
			if _, ok := oc["autoKeyRotation"]; !ok {
				oc["autoKeyRotation"] = true
			}
			if _, ok := oc["pkce_required"]; !ok {
				oc["pkce_required"] = false
			}
		}
	}
	if oc, ok := member(doc, "settings", "oauthClient").(map[string]any); ok {
		if _, ok := oc["application_type"]; !ok {
			oc["application_type"] = "web"
		}
	}
	label, _ := body["label"].(string)
	a.doc, a.Label, a.SigningKid, a.AuthMethod = doc, label, kid, method
	a.LastUpdated = s.okta.clock()
	writeJSON(w, http.StatusOK, a.render())
}

// idpSystemMembers are set by the org in an IdP.
var idpSystemMembers = []string{"id", "type", "status", "created", "lastUpdated", "_links", "_embedded"}

// replaceIdP is oktaroutes.ReplaceIdP.
func (s *Server) replaceIdP(w http.ResponseWriter, r *http.Request, p params) {
	idp := s.okta.idpByID(p["idpId"])
	if idp == nil {
		oktaNotFound(w, p["idpId"], "IdpAppInstance")
		return
	}
	var body map[string]any
	if !readJSON(w, r, &body) {
		return
	}
	if body == nil {
		oktaError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
		return
	}
	if causes := blank(body, "name", "protocol"); len(causes) > 0 {
		oktaValidation(w, "IdentityProvider", causes...)
		return
	}
	if t, ok := body["type"].(string); ok && t != idp.Type {
		oktaValidation(w, "type", "type: The type of an identity provider cannot be changed.")
		return
	}
	cur := idp.protocolType()
	if pt, _ := member(body, "protocol", "type").(string); pt != cur {
		oktaValidation(w, "protocol.type", fmt.Sprintf("protocol.type: The protocol of this identity provider is %s and cannot be changed.", cur))
		return
	}
	var kid string
	var additional []string
	if cur == "SAML2" || cur == "MTLS" {
		kid, _ = member(body, "protocol", "credentials", "trust", "kid").(string)
		if kid == "" {
			oktaValidation(w, "protocol.credentials.trust.kid", "protocol.credentials.trust.kid: The field cannot be left blank")
			return
		}
		if !s.okta.hasIdPKey(kid) {
			oktaValidation(w, "protocol.credentials.trust.kid", fmt.Sprintf("protocol.credentials.trust.kid: The key credential '%s' was not found in the IdP key store.", kid))
			return
		}
		list, _ := member(body, "protocol", "credentials", "trust", "additionalKids").([]any)
		if len(list) > 0 && cur == "MTLS" {
			oktaValidation(w, "protocol.credentials.trust.additionalKids", "protocol.credentials.trust.additionalKids: Additional kids are supported for SAML2 identity providers only.")
			return
		}
		for _, x := range list {
			k, _ := x.(string)
			if !s.okta.hasIdPKey(k) {
				oktaValidation(w, "protocol.credentials.trust.additionalKids", fmt.Sprintf("protocol.credentials.trust.additionalKids: The key credential '%s' was not found in the IdP key store.", k))
				return
			}
			additional = append(additional, k)
		}
	}
	doc := deepCopy(body)
	for _, m := range idpSystemMembers {
		delete(doc, m)
	}
	idp.doc = doc
	idp.Name, _ = body["name"].(string)
	idp.TrustKid, idp.AdditionalKids = kid, additional
	if iss, ok := member(body, "protocol", "credentials", "trust", "issuer").(string); ok {
		idp.Issuer = iss
	}
	idp.LastUpdated = s.okta.clock()
	writeJSON(w, http.StatusOK, idp.json(baseURL(r)))
}

func (p *oktaIdP) protocolType() string {
	switch p.Type {
	case "SAML2":
		return "SAML2"
	case "X509":
		return "MTLS"
	case "FACEBOOK":
		return "OAUTH2"
	}
	return "OIDC"
}

// trusts reports whether the IdP trusts kid, as its trust kid or an additional one.
func (p *oktaIdP) trusts(kid string) bool {
	return p.TrustKid == kid || slices.Contains(p.AdditionalKids, kid)
}

func (st *oktaState) idpByID(id string) *oktaIdP {
	for _, p := range st.idps {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (st *oktaState) hasIdPKey(kid string) bool {
	return slices.ContainsFunc(st.idpKeys, func(k *oktaIdPKey) bool { return k.Kid == kid })
}

// renderDoc is an IdP replaced by a PUT, as the API shows it: the document stored and the
// system members.
func (p *oktaIdP) renderDoc(links map[string]any) map[string]any {
	out := deepCopy(p.doc)
	out["id"], out["type"], out["status"] = p.ID, p.Type, p.Status
	out["created"], out["lastUpdated"] = oktaTS(p.Created), oktaTS(p.LastUpdated)
	out["_links"] = links
	return out
}
