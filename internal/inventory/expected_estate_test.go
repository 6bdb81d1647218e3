package inventory_test

import (
	"slices"
	"testing"
	"time"
)

// estateWorld is what the Okta API says about authorization servers, API tokens and IdP
// signing keys, read without credsql.
type estateWorld struct {
	authz       []obj
	tokens      []obj
	signingKeys map[string][]obj // IdP id → signing keys
	authzKeys   map[string][]obj // authorization server id → keys
}

func readEstate(okta rawClient, idps []obj) estateWorld {
	w := estateWorld{signingKeys: map[string][]obj{}, authzKeys: map[string][]obj{}}
	w.authz = okta.list("/api/v1/authorizationServers?limit=200", jsonArray)
	for _, a := range w.authz {
		w.authzKeys[str(a["id"])] = okta.list("/api/v1/authorizationServers/"+str(a["id"])+"/credentials/keys", jsonArray)
	}
	w.tokens = okta.list("/api/v1/api-tokens", jsonArray)
	for _, p := range idps {
		w.signingKeys[str(p["id"])] = okta.list("/api/v1/idps/"+str(p["id"])+"/credentials/keys", jsonArray)
	}
	return w
}

func signing(a obj) obj {
	c, _ := a["credentials"].(obj)
	s, _ := c["signing"].(obj)
	return s
}

func init() {
	savedQueries["api_tokens_expiring_7d"] = savedQuery{
		key: cols("id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, tk := range w.estate.tokens {
				if ts(t, tk["expiresAt"]).Before(now.Add(7 * day)) {
					out = append(out, str(tk["id"]))
				}
			}
			return out
		},
		budget: func(*world) int { return 2 }, // the list, and which token is credsql's
	}
	savedQueries["authz_key_rotation_overdue"] = savedQuery{
		key: cols("auth_server_id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, a := range w.estate.authz {
				s := signing(a)
				switch s["rotationMode"] {
				case "AUTO":
					if next := ts(t, s["nextRotation"]); !next.IsZero() && next.Before(now) {
						out = append(out, str(a["id"]))
					}
				case "MANUAL":
					if ts(t, s["lastRotated"]).Before(now.Add(-90 * day)) {
						out = append(out, str(a["id"]))
					}
				}
			}
			return out
		},
		budget: func(*world) int { return 1 },
	}
	savedQueries["idp_signing_keys_expiring_30d"] = savedQuery{
		key: cols("idp_id", "kid"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, p := range w.idps {
				for _, k := range w.estate.signingKeys[str(p["id"])] {
					if within(ts(t, k["expiresAt"]), now, now.Add(30*day)) {
						out = append(out, str(p["id"])+" "+str(k["kid"]))
					}
				}
			}
			return out
		},
		budget: func(w *world) int { return 1 + len(w.idps) },
	}
	savedQueries["credentials_referenced_after_revocation"] = savedQuery{
		key: cols("kind", "credential_id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, u := range w.opaUsers {
				if st := str(u["status"]); st != "DISABLED" && st != "DELETED" {
					continue
				}
				for _, k := range w.opaKeys[str(u["name"])] {
					// OPA's "never expires" is the zero time 0001-01-01T00:00:00Z.
					if exp := ts(t, k["expires_at"]); exp.Year() <= 1 || exp.After(now) {
						out = append(out, "opa_service_user_key "+str(k["id"]))
					}
				}
			}
			store := map[string]bool{}
			for _, k := range w.idpKeys {
				store[str(k["kid"])] = true
			}
			for _, p := range w.idps {
				for _, kid := range trustKids(p) {
					if !store[kid] {
						out = append(out, "idp_trust_kid "+kid)
					}
				}
			}
			for _, a := range w.estate.authz {
				kid := str(signing(a)["kid"])
				if kid == "" {
					continue
				}
				if !slices.ContainsFunc(w.estate.authzKeys[str(a["id"])], func(k obj) bool { return str(k["kid"]) == kid }) {
					out = append(out, "authz_signing_kid "+kid)
				}
			}
			if s := w.zitiSession; s != nil {
				disabled := slices.ContainsFunc(w.zitiIdentities, func(i obj) bool { return i["id"] == s["identityId"] && i["disabled"] == true })
				authGone := str(s["authenticatorId"]) != "" &&
					!slices.ContainsFunc(w.zitiAllAuths, func(a obj) bool { return a["id"] == s["authenticatorId"] })
				if disabled || authGone {
					out = append(out, "ziti_api_session "+str(s["id"]))
				}
			}
			return out
		},
		// OPA: a login, the disabled and the deleted users, then each one's keys; the IdPs and
		// the key store; the servers and each one's signing key; Ziti: a login, the session,
		// its identity and the authenticators.
		budget: func(w *world) int {
			n := 3 + 2 + 1 + len(w.estate.authz) + 4
			for _, u := range w.opaUsers {
				if st := str(u["status"]); st == "DISABLED" || st == "DELETED" {
					n++
				}
			}
			return n
		},
	}
}
