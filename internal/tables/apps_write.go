package tables

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Writes of apps: Okta's PUT of an app (oktaroutes.ReplaceApp) replaces the whole application, so every
// change is a read-modify-write of the whole object (okta.Doc), guarded against concurrent
// edits by lastUpdated.

// rotatingModes are the sign-on modes whose apps sign with a key credential (okta.md:
// "Only apps with SAML_2_0, SAML_1_1, WS_FEDERATION, or OPENID_CONNECT signOnMode support
// the key rotation feature").
var rotatingModes = []string{"SAML_2_0", "SAML_1_1", "WS_FEDERATION", "OPENID_CONNECT"}

// tokenAuthMethods are the values of credentials.oauthClient.token_endpoint_auth_method.
var tokenAuthMethods = []string{"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"}

// appUpdateCols are the apps columns UPDATE can change.
var appUpdateCols = []string{"signing_kid", "token_endpoint_auth_method"}

const appUpdateDoc = "reads the app fresh, changes only credentials.signing.kid (signing_kid) or " +
	"credentials.oauthClient.token_endpoint_auth_method, and sends the whole object back " +
	"(a PUT replaces the app). signing_kid must be one of the app's app_keys (listed first); if the app's lastUpdated moved " +
	"since the statement read it, nothing is sent (conflict, error 1213)."

// updateApp is apps' Update.
func updateApp(ctx context.Context, c *Conn, key, old, set Values) (okta.App, error) {
	appID := key.Str("id")
	newKid, setKid := set["signing_kid"]
	method, setMethod := set["token_endpoint_auth_method"]
	if setKid && newKid == nil {
		return okta.App{}, fmt.Errorf("apps.signing_kid cannot be set to NULL: an app that signs needs a key (set another kid of app_keys)")
	}
	if setMethod && (method == nil || !slices.Contains(tokenAuthMethods, set.Str("token_endpoint_auth_method"))) {
		return okta.App{}, fmt.Errorf("apps.token_endpoint_auth_method must be one of %s, not %v", strings.Join(tokenAuthMethods, ", "), method)
	}
	mode := old.Str("sign_on_mode")
	if setKid && mode != "" && !slices.Contains(rotatingModes, mode) {
		return okta.App{}, fmt.Errorf("app %s is a %s app, which has no signing key (only %s apps do)", appID, mode, strings.Join(rotatingModes, ", "))
	}
	if setMethod && mode != "" && mode != "OPENID_CONNECT" {
		return okta.App{}, fmt.Errorf("app %s is a %s app: token_endpoint_auth_method exists on OPENID_CONNECT apps only", appID, mode)
	}
	if setKid {
		if err := checkAppKid(ctx, c, appID, set.Str("signing_kid")); err != nil {
			return okta.App{}, err
		}
	}
	read, _ := old["last_updated"].(time.Time)
	doc, err := replaceApp(ctx, c, appID, read, func(d okta.Doc) error {
		if setKid {
			if err := d.Set(set.Str("signing_kid"), "credentials", "signing", "kid"); err != nil {
				return err
			}
		}
		if setMethod {
			if d.Get("credentials", "oauthClient") == nil {
				return fmt.Errorf("app %s has no credentials.oauthClient", appID)
			}
			return d.Set(set.Str("token_endpoint_auth_method"), "credentials", "oauthClient", "token_endpoint_auth_method")
		}
		return nil
	})
	if err != nil {
		return okta.App{}, err
	}
	return okta.AppFromDoc(doc)
}

// checkAppKid refuses, before any write, a kid that is not one of the app's key credentials.
func checkAppKid(ctx context.Context, c *Conn, appID, kid string) error {
	var kids []string
	for k, err := range c.Okta.AppKeys(ctx, appID) {
		if err != nil {
			return fmt.Errorf("list the key credentials of app %s: %w", appID, err)
		}
		if k.Kid == kid {
			return nil
		}
		kids = append(kids, k.Kid)
	}
	have := "it has none"
	if len(kids) > 0 {
		have = "its keys: " + strings.Join(kids, ", ")
	}
	return fmt.Errorf("signing_kid %q is not a key credential of app %s (%s); create one with CALL app_keys_generate('%s') or CALL app_keys_rotate('%s')",
		kid, appID, have, appID, appID)
}

// replaceApp reads the app whole (fresh), refuses if its lastUpdated is no longer read (when
// read is set), applies change, PUTs the whole object and checks the answer carries every
// member changed. In a dry run the PUT is not sent and the object that would have been sent
// is returned.
func replaceApp(ctx context.Context, c *Conn, appID string, read time.Time, change func(okta.Doc) error) (okta.Doc, error) {
	d, err := c.Okta.AppDoc(ctx, appID)
	if err != nil {
		return nil, fmt.Errorf("read app %s: %w", appID, err)
	}
	if now := d.Time("lastUpdated"); !read.IsZero() && !now.Equal(read) {
		return nil, conflictError("app "+appID, read.UTC().Format(time.RFC3339Nano), now.UTC().Format(time.RFC3339Nano))
	}
	if err := change(d); err != nil {
		return nil, err
	}
	out, err := c.Okta.ReplaceApp(ctx, appID, d)
	if err != nil {
		return nil, fmt.Errorf("replace app %s: %w", appID, err)
	}
	if out == nil { // dry run
		return d, nil
	}
	if want, got := d.Str("credentials", "signing", "kid"), out.Str("credentials", "signing", "kid"); want != got {
		return out, fmt.Errorf("replace app %s: the vendor answered with signing kid %q, not %q: check the app (SELECT signing_kid FROM apps WHERE id = '%s')", appID, got, want, appID)
	}
	if d.Get("credentials", "oauthClient") != nil {
		want, got := d.Str("credentials", "oauthClient", "token_endpoint_auth_method"), out.Str("credentials", "oauthClient", "token_endpoint_auth_method")
		if want != got {
			return out, fmt.Errorf("replace app %s: the vendor answered with token_endpoint_auth_method %q, not %q", appID, got, want)
		}
	}
	return out, nil
}

// defaultValidityYears is sent when validity_years is left out: the current API requires the
// parameter (older SDK documentation calls it optional), and two years is the shortest
// validity Okta accepts.
const defaultValidityYears = 2

// validityYears reads the optional validity_years argument.
func validityYears(a Values) (int, error) {
	if !a.Has("validity_years") {
		return defaultValidityYears, nil
	}
	years, err := intArg(a, "validity_years")
	if err != nil {
		return 0, err
	}
	if years < 2 || years > 10 {
		return 0, fmt.Errorf("validity_years must be between 2 and 10, not %d", years)
	}
	return int(years), nil
}

// placeholderKid stands for the kid of a key a dry run did not generate.
const placeholderKid = "<kid of the new key>"

// rotateAppKey is app_keys_rotate: generate a key, switch the app to it, verify. The old key
// is left to expire (app keys cannot be deleted).
func rotateAppKey(ctx context.Context, c *Conn, a Values) (appKey, []any, error) {
	appID := a.Str("app_id")
	f := newFlow(ctx, "app_keys_rotate")
	years, err := validityYears(a)
	if err != nil {
		return appKey{}, nil, err
	}
	app, err := c.Okta.App(fetch.BypassCache(ctx), appID)
	if err != nil {
		return appKey{}, nil, f.fail("read the app", err, "nothing was changed")
	}
	if !slices.Contains(rotatingModes, app.SignOnMode) {
		return appKey{}, nil, fmt.Errorf("app_keys_rotate: app %s (%s) is a %s app, which does not sign with a key credential (only %s apps do)",
			appID, app.Label, app.SignOnMode, strings.Join(rotatingModes, ", "))
	}
	oldKid := app.Credentials.Signing.Kid
	f.did("read app %s (%s): it signs with kid %s", appID, app.Label, orNone(oldKid))
	k, err := c.Okta.GenerateAppKey(ctx, appID, years)
	if err != nil {
		return appKey{}, nil, f.fail("generate a key", err, fmt.Sprintf("app %s still signs with kid %s", appID, orNone(oldKid)))
	}
	newKid := k.Kid
	if f.dry {
		newKid = placeholderKid
		f.did("generate a key valid %d years: %s?validityYears=%d", years, callOf(oktaroutes.GenerateAppKey, appID), years)
	} else {
		f.did("generated key %s, valid %d years (until %s)", newKid, years, k.ExpiresAt.UTC().Format(time.DateOnly))
	}
	state := fmt.Sprintf("the new key %s exists on app %s but is not used; the app still signs with kid %s. Finish with: UPDATE apps SET signing_kid = '%s' WHERE id = '%s'",
		newKid, appID, orNone(oldKid), newKid, appID)
	out, err := replaceApp(ctx, c, appID, time.Time{}, func(d okta.Doc) error {
		if cur := d.Str("credentials", "signing", "kid"); cur != oldKid {
			return conflictError("the signing kid of app "+appID, orNone(oldKid), orNone(cur))
		}
		return d.Set(newKid, "credentials", "signing", "kid")
	})
	if err != nil {
		return appKey{}, nil, f.fail("switch the app's signing kid", err, state)
	}
	if f.dry {
		f.did("switch the app's signing kid from %s to the new key: %s with the whole app", orNone(oldKid), callOf(oktaroutes.ReplaceApp, appID))
	} else {
		f.did("switched app %s from kid %s to %s (%s; the answer shows signing kid %s)", appID, orNone(oldKid), newKid, callOf(oktaroutes.ReplaceApp, appID), out.Str("credentials", "signing", "kid"))
		f.did("kept the old key %s: app keys cannot be deleted; it stays until it expires", orNone(oldKid))
	}
	key := newAppKey(appID, k)
	if f.dry {
		key.Kid = newKid
	}
	return key, []any{NZ(oldKid), NZ(newKid), f.text()}, nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
