-- title: Active client secrets older than 90 days
-- description: Active OAuth 2.0 client secrets created more than 90 days ago. Long-lived shared secrets
--   spread into config files and CI variables; rotating them regularly limits what a leak is worth.
-- severity: medium
-- action: INSERT INTO apps_secrets (app_id) VALUES (...) for a new secret, roll it out to the client,
--   then deactivate and delete the old one. Consider private_key_jwt instead of a shared secret.
SELECT s.connection, s.app_id, a.label AS app_label, s.id AS secret_id, s.secret_hash, s.created
  FROM apps a
  JOIN apps_secrets s ON s.app_id = a.id
 WHERE a.sign_on_mode = 'OPENID_CONNECT' AND s.status = 'ACTIVE' AND s.created < NOW() - INTERVAL 90 DAY
 ORDER BY s.created, s.connection, s.app_id;
