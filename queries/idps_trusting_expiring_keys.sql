-- title: Identity providers trusting an expired or expiring certificate
-- description: Okta identity providers whose trusted key store certificate has ended or ends in the next
--   30 days. When it ends, sign-in through that IdP fails for every user who depends on it.
-- severity: critical
-- action: Get the IdP's new signing certificate and rotate without downtime: CALL idps_trust_rotate(idp_id,
--   pem) trusts it next to the old one; once the partner signs with it, CALL idps_trust_promote(idp_id,
--   new_kid). credsql plan --expiring 30d --certs DIR writes the statements.
SELECT i.connection, i.id AS idp_id, i.name AS idp_name, i.type, i.status, k.kid, k.expires_at
  FROM idps i
  JOIN idps_keys k ON k.kid = i.trust_kid AND k.connection = i.connection
 WHERE k.expires_at < NOW() + INTERVAL 30 DAY
 ORDER BY k.expires_at, i.connection, i.name;
