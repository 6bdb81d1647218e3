-- title: Identity providers trusting an expired or expiring certificate
-- description: Okta identity providers whose trusted key store certificate has ended or ends in the next
--   30 days. When it ends, sign-in through that IdP fails for every user who depends on it.
-- severity: critical
-- action: Get the IdP's new signing certificate, add it (INSERT INTO idps_keys (x5c) VALUES (...)) and
--   switch the IdP's trust to the new kid before the old one ends.
SELECT i.connection, i.id AS idp_id, i.name AS idp_name, i.type, i.status, k.kid, k.expires_at
  FROM idps i
  JOIN idps_keys k ON k.kid = i.trust_kid AND k.connection = i.connection
 WHERE k.expires_at < NOW() + INTERVAL 30 DAY
 ORDER BY k.expires_at, i.connection, i.name;
