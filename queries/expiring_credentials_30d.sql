-- title: Credentials expiring in the next 30 days
-- description: Every credential with an expiry date in the next 30 days, across vendors: Okta application
--   signing keys (app_keys), IdP key store certificates (idps_keys), IdP signing keys (idp_signing_keys),
--   OpenZiti client certificates
--   (ziti_authenticators) and Okta Privileged Access service-user API keys (opa_service_user_keys).
--   Okta API tokens are left out: every one ends within its 30-day window unless used
--   (api_tokens_expiring_7d finds those about to lapse).
--   Already expired credentials and keys that never expire are left out. The id names the owner
--   first where a key belongs to something: app_id/kid, user_name/key id.
-- severity: high
-- action: Rotate each credential before it expires (credsql plan --expiring 30d writes the statements):
--   CALL app_keys_rotate(app_id); CALL idps_trust_rotate and idps_trust_promote for an IdP's
--   certificate, or UPDATE idps_keys SET x5c = ...; CALL idp_signing_keys_generate for an IdP's
--   signing key; renew an OpenZiti
--   certificate with ziti_authenticators_extend and _extend_verify; rotate an OPA key with
--   opa_service_user_keys_rotate and hand the new secret to its client.
SELECT 'okta' AS vendor, connection, 'app_key' AS kind, CONCAT(app_id, '/', kid) AS id, expires_at
  FROM app_keys
 WHERE expires_at >= NOW() AND expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'okta', connection, 'idp_key', kid, expires_at
  FROM idps_keys
 WHERE expires_at >= NOW() AND expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'okta', connection, 'idp_signing_key', CONCAT(idp_id, '/', kid), expires_at
  FROM idp_signing_keys
 WHERE expires_at >= NOW() AND expires_at < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'ziti', connection, 'client_certificate', id, cert_not_after
  FROM ziti_authenticators
 WHERE method = 'cert' AND cert_not_after >= NOW() AND cert_not_after < NOW() + INTERVAL 30 DAY
UNION ALL
SELECT 'opa', connection, 'service_user_key', CONCAT(user_name, '/', id), expires_at
  FROM opa_service_user_keys
 WHERE expires_at >= NOW() AND expires_at < NOW() + INTERVAL 30 DAY
ORDER BY expires_at, vendor, id;
