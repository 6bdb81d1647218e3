-- title: Expired Okta certificates still present
-- description: Okta app key credentials and IdP key store certificates past their end date that are still
--   configured. They no longer authenticate anything; left in place they hide which credential is
--   really in use, and an app still signing with one (in_use) is broken. OpenZiti certificates are
--   reported by ziti_certificates_expired.
-- severity: medium
-- action: An app key in use needs a new key now: CALL app_keys_rotate(app_id).
--   Otherwise check nothing refers to it (apps.signing_kid, idps.trust_kid), then remove it:
--   DELETE FROM idps_keys WHERE kid = ...; an app key goes away with the app's next rotation.
SELECT 'app_key' AS kind, k.connection, CONCAT(k.app_id, '/', k.kid) AS id, a.label AS owner,
       a.signing_kid = k.kid AS in_use, k.expires_at
  FROM apps a
  JOIN app_keys k ON k.app_id = a.id
 WHERE k.expires_at < NOW()
UNION ALL
-- NULL = TRUE: an unknown in_use that stays a boolean, so that every format shows true/false.
SELECT 'idp_key', connection, kid, cert_subject, NULL = TRUE, expires_at
  FROM idps_keys
 WHERE expires_at < NOW()
ORDER BY expires_at, kind, id;
