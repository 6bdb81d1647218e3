-- title: App signing keys expiring in 30 to 90 days
-- description: Okta application key credentials whose certificate ends between 30 and 90 days from now:
--   time to plan the rotation with the service provider. Keys ending sooner are reported by
--   app_keys_expiring_30d.
-- severity: medium
-- action: Schedule the rotation: CALL app_keys_generate(app_id), hand the new certificate to the
--   service provider, and switch the app before the old key ends: UPDATE apps SET signing_kid = ...
SELECT k.connection, k.app_id, a.label AS app_label, k.kid, a.signing_kid = k.kid AS in_use, k.expires_at
  FROM apps a
  JOIN app_keys k ON k.app_id = a.id
 WHERE k.expires_at >= NOW() + INTERVAL 30 DAY AND k.expires_at < NOW() + INTERVAL 90 DAY
 ORDER BY k.expires_at, k.connection, k.app_id, k.kid;
