-- title: Keys whose x5t#S256 thumbprint does not match the certificate
-- description: Okta app key credentials and IdP key store entries whose reported x5t#S256 is not the
--   SHA-256 of the certificate actually in x5c. Relying parties that select keys by thumbprint will
--   not find this one, and a mismatch can mean the key material was altered.
-- severity: high
-- action: Compare cert_sha256 with what the relying party pinned. Re-upload the IdP certificate
--   (UPDATE idps_keys SET x5c = ... WHERE kid = ...) or rotate the app key, and report the
--   mismatch to the vendor.
SELECT 'app_key' AS kind, k.connection, CONCAT(k.app_id, '/', k.kid) AS id, k.x5t_s256, k.cert_sha256
  FROM apps a
  JOIN app_keys k ON k.app_id = a.id
 WHERE k.x5t_s256_matches = FALSE
UNION ALL
SELECT 'idp_key', connection, kid, x5t_s256, cert_sha256
  FROM idps_keys
 WHERE x5t_s256_matches = FALSE
ORDER BY kind, connection, id;
