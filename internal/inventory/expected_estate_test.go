package inventory_test

import (
	"testing"
	"time"
)

// estateWorld is what the Okta API says about authorization servers, API tokens and IdP
// signing keys, read without credsql.
type estateWorld struct {
	authz       []obj
	tokens      []obj
	signingKeys map[string][]obj // IdP id → signing keys
}

func readEstate(okta rawClient, idps []obj) estateWorld {
	w := estateWorld{signingKeys: map[string][]obj{}}
	w.authz = okta.list("/api/v1/authorizationServers?limit=200", jsonArray)
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
}
