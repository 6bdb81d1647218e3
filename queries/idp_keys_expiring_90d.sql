-- title: IdP key store certificates expiring in 30 to 90 days
-- description: Certificates in the Okta IdP key store that end between 30 and 90 days from now. Ask the
--   partner for the next certificate now. Sooner ones are reported by idp_keys_expiring_30d.
-- severity: medium
-- action: Ask the identity provider's owner for its next signing certificate and add it to the key store
--   (INSERT INTO idps_keys (x5c) VALUES (...)) ahead of the switch.
SELECT connection, kid, kty, cert_subject, expires_at
  FROM idps_keys
 WHERE expires_at >= NOW() + INTERVAL 30 DAY AND expires_at < NOW() + INTERVAL 90 DAY
 ORDER BY expires_at, connection, kid;
