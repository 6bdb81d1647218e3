package inventory_test

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"testing"
	"time"
)

const day = 24 * time.Hour

// savedQuery says what a saved query must find, computed from the simulator's API without
// credsql, and how many API calls it may make on data whose lists fit one page.
type savedQuery struct {
	// key identifies a result row (columns by name).
	key func(row map[string]any) string
	// want are the keys of the expected findings.
	want func(t *testing.T, w *world, now time.Time) []string
	// budget is the most API calls the query may make (logins and tokens included).
	budget func(w *world) int
}

func cols(names ...string) func(map[string]any) string {
	return func(row map[string]any) string {
		s := ""
		for i, n := range names {
			if i > 0 {
				s += " "
			}
			if n == "in_use" {
				s += flag(row[n])
				continue
			}
			s += boolText(row[n])
		}
		return s
	}
}

// flag prints a boolean column, which a UNION turns into an integer.
func flag(v any) string {
	switch x := v.(type) {
	case int64:
		return fmt.Sprint(x != 0)
	}
	return boolText(v)
}

// boolText prints a value the same way whether the engine gave a bool or an integer flag.
func boolText(v any) string {
	switch x := v.(type) {
	case bool:
		return fmt.Sprint(x)
	case int8:
		return fmt.Sprint(x != 0)
	case nil:
		return "NULL"
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// appKeys calls f with each app key credential and its app.
func (w *world) appKeys(f func(app, key obj)) {
	for _, a := range w.apps {
		for _, k := range w.keys[str(a["id"])] {
			f(a, k)
		}
	}
}

func signingKid(a obj) string {
	if c, ok := a["credentials"].(obj); ok {
		if s, ok := c["signing"].(obj); ok {
			return str(s["kid"])
		}
	}
	return ""
}

func inUse(a, k obj) string {
	if signingKid(a) == "" {
		return "NULL"
	}
	return fmt.Sprint(signingKid(a) == str(k["kid"]))
}

func thumbprintWrong(t *testing.T, k obj) bool {
	x5c, _ := k["x5c"].([]any)
	if len(x5c) == 0 {
		return false
	}
	der, err := base64.StdEncoding.DecodeString(str(x5c[0]))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:]) != str(k["x5t#S256"])
}

func trustKids(p obj) []string {
	proto, _ := p["protocol"].(obj)
	creds, _ := proto["credentials"].(obj)
	trust, _ := creds["trust"].(obj)
	var out []string
	if k := str(trust["kid"]); k != "" {
		out = append(out, k)
	}
	if more, ok := trust["additionalKids"].([]any); ok {
		for _, k := range more {
			out = append(out, str(k))
		}
	}
	return out
}

func (w *world) certAuths(t *testing.T, f func(a obj, notAfter time.Time)) {
	for _, a := range w.zitiAuths {
		if a["method"] == "cert" {
			f(a, certNotAfter(t, str(a["certPem"])))
		}
	}
}

func (w *world) oidcApps() int {
	n := 0
	for _, a := range w.apps {
		if a["signOnMode"] == "OPENID_CONNECT" {
			n++
		}
	}
	return n
}

func (w *world) liveOPAUsers(status ...string) int {
	n := 0
	for _, u := range w.opaUsers {
		for _, s := range status {
			if u["status"] == s {
				n++
			}
		}
	}
	return n
}

func appKeysWindow(from, to time.Duration) func(*testing.T, *world, time.Time) []string {
	return func(t *testing.T, w *world, now time.Time) []string {
		var out []string
		w.appKeys(func(a, k obj) {
			if within(ts(t, k["expiresAt"]), now.Add(from), now.Add(to)) {
				out = append(out, str(a["id"])+" "+str(k["kid"])+" "+inUse(a, k))
			}
		})
		return out
	}
}

func idpKeysWindow(from, to time.Duration) func(*testing.T, *world, time.Time) []string {
	return func(t *testing.T, w *world, now time.Time) []string {
		var out []string
		for _, k := range w.idpKeys {
			if within(ts(t, k["expiresAt"]), now.Add(from), now.Add(to)) {
				out = append(out, str(k["kid"]))
			}
		}
		return out
	}
}

var savedQueries = map[string]savedQuery{
	"app_keys_expiring_30d": {
		key: cols("app_id", "kid", "in_use"), want: appKeysWindow(0, 30*day),
		budget: func(w *world) int { return 1 + len(w.apps) },
	},
	"app_keys_expiring_90d": {
		key: cols("app_id", "kid", "in_use"), want: appKeysWindow(30*day, 90*day),
		budget: func(w *world) int { return 1 + len(w.apps) },
	},
	"idp_keys_expiring_30d": {key: cols("kid"), want: idpKeysWindow(0, 30*day), budget: func(*world) int { return 1 }},
	"idp_keys_expiring_90d": {key: cols("kid"), want: idpKeysWindow(30*day, 90*day), budget: func(*world) int { return 1 }},
	"expired_certificates": {
		key: cols("kind", "id", "in_use"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			w.appKeys(func(a, k obj) {
				if ts(t, k["expiresAt"]).Before(now) {
					out = append(out, "app_key "+str(a["id"])+"/"+str(k["kid"])+" "+inUse(a, k))
				}
			})
			for _, k := range w.idpKeys {
				if ts(t, k["expiresAt"]).Before(now) {
					out = append(out, "idp_key "+str(k["kid"])+" NULL")
				}
			}
			return out
		},
		budget: func(w *world) int { return 2 + len(w.apps) },
	},
	"ziti_certificates_expired": {
		key: cols("id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			w.certAuths(t, func(a obj, end time.Time) {
				if end.Before(now) {
					out = append(out, str(a["id"]))
				}
			})
			return out
		},
		budget: func(*world) int { return 2 }, // login, list
	},
	"ziti_certificates_expiring_30d": {
		key: cols("id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			w.certAuths(t, func(a obj, end time.Time) {
				if within(end, now, now.Add(30*day)) {
					out = append(out, str(a["id"]))
				}
			})
			return out
		},
		budget: func(*world) int { return 2 },
	},
	"ziti_identity_certificates_expiring_90d": {
		key: cols("id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, a := range w.zitiAllAuths {
				if a["method"] == "cert" && within(certNotAfter(t, str(a["certPem"])), now, now.Add(90*day)) {
					out = append(out, str(a["id"]))
				}
			}
			return out
		},
		budget: func(*world) int { return 2 }, // login, list
	},
	"ziti_enrollments_expired": {
		key: cols("id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, e := range w.zitiEnrollments {
				if ts(t, e["expiresAt"]).Before(now) {
					out = append(out, str(e["id"]))
				}
			}
			return out
		},
		budget: func(*world) int { return 2 },
	},
	"x5t_s256_mismatch": {
		key: cols("kind", "id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			w.appKeys(func(a, k obj) {
				if thumbprintWrong(t, k) {
					out = append(out, "app_key "+str(a["id"])+"/"+str(k["kid"]))
				}
			})
			for _, k := range w.idpKeys {
				if thumbprintWrong(t, k) {
					out = append(out, "idp_key "+str(k["kid"]))
				}
			}
			return out
		},
		budget: func(w *world) int { return 2 + len(w.apps) },
	},
	"apps_two_active_secrets": {
		key: cols("app_id", "active_secrets"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, a := range w.apps {
				n := 0
				for _, s := range w.secrets[str(a["id"])] {
					if s["status"] == "ACTIVE" {
						n++
					}
				}
				if n > 1 {
					out = append(out, fmt.Sprintf("%s %d", a["id"], n))
				}
			}
			return out
		},
		budget: func(w *world) int { return 1 + w.oidcApps() },
	},
	"client_secrets_older_than_90d": {
		key: cols("app_id", "secret_id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, a := range w.apps {
				for _, s := range w.secrets[str(a["id"])] {
					if s["status"] == "ACTIVE" && ts(t, s["created"]).Before(now.Add(-90*day)) {
						out = append(out, str(a["id"])+" "+str(s["id"]))
					}
				}
			}
			return out
		},
		budget: func(w *world) int { return 1 + w.oidcApps() },
	},
	"csrs_pending_7d": {
		key: cols("app_id", "csr_id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, a := range w.apps {
				for _, c := range w.csrs[str(a["id"])] {
					if ts(t, c["created"]).Before(now.Add(-7 * day)) {
						out = append(out, str(a["id"])+" "+str(c["id"]))
					}
				}
			}
			return out
		},
		budget: func(w *world) int { return 1 + len(w.apps) },
	},
	"idp_keys_unreferenced": {
		key: cols("kid"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			used := map[string]bool{}
			for _, p := range w.idps {
				for _, k := range trustKids(p) {
					used[k] = true
				}
			}
			var out []string
			for _, k := range w.idpKeys {
				if !used[str(k["kid"])] {
					out = append(out, str(k["kid"]))
				}
			}
			return out
		},
		budget: func(*world) int { return 2 },
	},
	"idps_trusting_expiring_keys": {
		key: cols("idp_id", "kid"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			ends := map[string]time.Time{}
			for _, k := range w.idpKeys {
				ends[str(k["kid"])] = ts(t, k["expiresAt"])
			}
			var out []string
			for _, p := range w.idps {
				for _, kid := range trustKids(p)[:min(1, len(trustKids(p)))] {
					if end, ok := ends[kid]; ok && end.Before(now.Add(30*day)) {
						out = append(out, str(p["id"])+" "+kid)
					}
				}
			}
			return out
		},
		budget: func(*world) int { return 2 },
	},
	"opa_stale_service_users": {
		key: cols("user_name", "keys_total"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, u := range w.opaUsers {
				if u["status"] != "ACTIVE" {
					continue
				}
				keys := w.opaKeys[str(u["name"])]
				var last time.Time
				for _, k := range keys {
					if lu := ts(t, k["last_used"]); lu.After(last) {
						last = lu
					}
				}
				if last.Before(now.Add(-90 * day)) {
					out = append(out, fmt.Sprintf("%s %d", u["name"], len(keys)))
				}
			}
			return out
		},
		budget: func(w *world) int { return 2 + w.liveOPAUsers("ACTIVE") }, // token, list, keys per active user
	},
	"opa_keys_never_expire": {
		key: cols("user_name", "key_id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			for _, u := range w.opaUsers {
				if u["status"] == "DELETED" {
					continue
				}
				for _, k := range w.opaKeys[str(u["name"])] {
					if ts(t, k["expires_at"]).IsZero() {
						out = append(out, str(u["name"])+" "+str(k["id"]))
					}
				}
			}
			return out
		},
		budget: func(w *world) int { return 2 + w.liveOPAUsers("ACTIVE", "DISABLED") },
	},
	"expiring_credentials_30d": {
		key: cols("vendor", "kind", "id"),
		want: func(t *testing.T, w *world, now time.Time) []string {
			var out []string
			soon := func(tm time.Time) bool { return within(tm, now, now.Add(30*day)) }
			w.appKeys(func(a, k obj) {
				if soon(ts(t, k["expiresAt"])) {
					out = append(out, "okta app_key "+str(a["id"])+"/"+str(k["kid"]))
				}
			})
			for _, k := range w.idpKeys {
				if soon(ts(t, k["expiresAt"])) {
					out = append(out, "okta idp_key "+str(k["kid"]))
				}
			}
			for _, p := range w.idps {
				for _, k := range w.estate.signingKeys[str(p["id"])] {
					if soon(ts(t, k["expiresAt"])) {
						out = append(out, "okta idp_signing_key "+str(p["id"])+"/"+str(k["kid"]))
					}
				}
			}
			w.certAuths(t, func(a obj, end time.Time) {
				if soon(end) {
					out = append(out, "ziti client_certificate "+str(a["id"]))
				}
			})
			for _, u := range w.opaUsers {
				for _, k := range w.opaKeys[str(u["name"])] {
					if soon(ts(t, k["expires_at"])) {
						out = append(out, "opa service_user_key "+str(u["name"])+"/"+str(k["id"]))
					}
				}
			}
			return out
		},
		budget: func(w *world) int { return 1 + len(w.apps) + 1 + 1 + len(w.idps) + 2 + 2 + len(w.opaUsers) },
	},
}
