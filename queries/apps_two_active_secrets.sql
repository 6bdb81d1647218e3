-- title: Apps with two active client secrets
-- description: OAuth 2.0 clients with more than one active client secret: a rotation that was started and
--   never finished. Both secrets authenticate, so the old one is still a live credential.
-- severity: high
-- action: Confirm every client uses the newest secret, then deactivate the older one
--   (UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = ... AND id = ...) and delete it.
SELECT s.connection, s.app_id, a.label AS app_label, COUNT(*) AS active_secrets,
       MIN(s.created) AS oldest_created, MAX(s.created) AS newest_created
  FROM apps a
  JOIN apps_secrets s ON s.app_id = a.id
 WHERE a.sign_on_mode = 'OPENID_CONNECT' AND s.status = 'ACTIVE'
 GROUP BY s.connection, s.app_id, a.label
HAVING COUNT(*) > 1
 ORDER BY s.connection, s.app_id;
