-- title: IdP signing certificates expiring in the next 30 days
-- description: Signing keys of Okta identity providers (the key pairs Okta signs requests to an IdP with,
--   not the certificates the IdP is trusted with) whose certificate ends in the next 30 days. The partner
--   that checks those signatures has to be given the new certificate before then.
-- severity: high
-- action: CALL idp_signing_keys_generate(idp_id) for a new key (or INSERT INTO idp_csrs and
--   CALL idp_csrs_publish for a CA-signed one), give its certificate to the partner, then switch the IdP's
--   signing key in the Admin Console.
SELECT k.connection, k.idp_id, i.name AS idp_name, k.kid, k.cert_subject, k.cert_not_after
  FROM idps i
  JOIN idp_signing_keys k ON k.idp_id = i.id AND k.connection = i.connection
 WHERE k.cert_not_after >= NOW() AND k.cert_not_after < NOW() + INTERVAL 30 DAY
 ORDER BY k.cert_not_after, k.connection, k.idp_id, k.kid;
