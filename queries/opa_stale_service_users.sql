-- title: Active OPA service users with no key used in 90 days
-- description: Okta Privileged Access service users that are ACTIVE although none of their API keys has
--   issued a token in the last 90 days (or they have no key at all). An unused machine identity
--   with live keys is an easy credential to steal and a hard one to miss.
-- severity: medium
-- action: Find the owner; if the integration is gone, disable the user
--   (UPDATE opa_service_users SET status = 'DISABLED' WHERE name = ...) and delete its keys.
SELECT u.connection, u.name AS user_name, COUNT(k.id) AS keys_total, MAX(k.last_used) AS last_used
  FROM opa_service_users u
  LEFT JOIN opa_service_user_keys k ON k.user_name = u.name AND k.connection = u.connection
 WHERE u.status = 'ACTIVE'
 GROUP BY u.connection, u.name
HAVING MAX(k.last_used) IS NULL OR MAX(k.last_used) < NOW() - INTERVAL 90 DAY
 ORDER BY u.connection, u.name;
