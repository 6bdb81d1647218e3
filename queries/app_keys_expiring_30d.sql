-- title: App signing keys expiring within 30 days
-- description: Okta application key credentials (SAML, WS-Federation and OIDC signing certificates) whose
--   certificate ends in the next 30 days. When it ends, the app's assertions or tokens stop validating
--   at the service provider. Expired keys are reported by expired_certificates.
-- severity: high
-- action: CALL app_keys_generate(app_id) for a new key, give its certificate to the service provider,
--   then switch the app to it: UPDATE apps SET signing_kid = '<new kid>' WHERE id = app_id (or both at
--   once: CALL app_keys_rotate(app_id)). credsql plan --expiring 30d writes the statements.
SELECT k.connection, k.app_id, a.label AS app_label, k.kid, a.signing_kid = k.kid AS in_use, k.expires_at
  FROM apps a
  JOIN app_keys k ON k.app_id = a.id
 WHERE k.expires_at >= NOW() AND k.expires_at < NOW() + INTERVAL 30 DAY
 ORDER BY k.expires_at, k.connection, k.app_id, k.kid;
