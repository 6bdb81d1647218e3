-- title: IdP key store certificates expiring within 30 days
-- description: Certificates in the Okta IdP key store (the trust anchors of SAML and smart-card identity
--   providers) that end in the next 30 days. Expired ones are reported by expired_certificates; the
--   IdPs that trust them by idps_trusting_expiring_keys.
-- severity: high
-- action: Get the partner's new certificate and trust it next to the old one (CALL idps_trust_rotate(idp_id,
--   pem)), then, once the partner uses it, CALL idps_trust_promote(idp_id, new_kid); or replace it in
--   place (UPDATE idps_keys SET x5c = ... WHERE kid = ...).
SELECT connection, kid, kty, cert_subject, expires_at
  FROM idps_keys
 WHERE expires_at >= NOW() AND expires_at < NOW() + INTERVAL 30 DAY
 ORDER BY expires_at, connection, kid;
