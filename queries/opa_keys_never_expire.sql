-- title: OPA service-user keys that never expire
-- description: API keys of Okta Privileged Access service users (not deleted) without an expiry date.
--   A key that never expires stays valid until someone remembers to delete it.
-- severity: low
-- action: Rotate with CALL opa_service_user_keys_rotate(user_name): the new key is issued and the
--   existing ones get an expiry; hand the new secret to the client.
-- last_used is left out: it changes with every use (credsql's own key at each login), and a
-- differential run would report the key as removed and added again.
SELECT k.connection, k.user_name, u.status AS user_status, k.id AS key_id, k.issued_at
  FROM opa_service_users u
  -- The key filter sits in ON: in WHERE it makes the keys the outer side, which lists the users twice.
  JOIN opa_service_user_keys k ON k.user_name = u.name AND k.connection = u.connection AND k.expires_at IS NULL
 WHERE u.status <> 'DELETED'
 ORDER BY k.connection, k.user_name, k.id;
