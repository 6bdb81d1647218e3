-- title: Credentials still live or referenced after their owner or key was revoked
-- description: Credentials that outlive a revocation: OPA service-user keys that have not expired although
--   their user is disabled or deleted (enabling the user again brings them back, and a key used after
--   the user was disabled points at a forgotten integration); IdPs that trust a kid no longer in the IdP key
--   store; authorization servers that name a signing kid absent from their keys; Ziti API sessions
--   that are still open although their identity was disabled or the authenticator they logged in with
--   was deleted.
-- severity: high
-- action: Find who still holds the credential (opa_service_user_keys.last_used says when a key was last
--   used), then remove it:
--   DELETE FROM opa_service_user_keys WHERE user_name = ... AND id = ...; point the IdP at a key in the
--   store (CALL idps_trust_rotate); rotate the authorization server's keys (CALL authz_server_keys_rotate);
--   end the Ziti session (DELETE FROM ziti_api_sessions WHERE id = ...).
SELECT k.connection, 'opa_service_user_key' AS kind, k.id AS credential_id, u.name AS owner,
       CONCAT('service user is ', u.status) AS reason
  FROM opa_service_users u
  JOIN opa_service_user_keys k ON k.connection = u.connection AND k.user_name = u.name
 WHERE u.status IN ('DISABLED', 'DELETED')
   AND (k.expires_at IS NULL OR k.expires_at > NOW())
UNION ALL
SELECT i.connection, 'idp_trust_kid', i.trust_kid, i.id, 'kid not in the IdP key store'
  FROM idps i
 WHERE i.trust_kid IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM idps_keys k WHERE k.connection = i.connection AND k.kid = i.trust_kid)
UNION ALL
SELECT i.connection, 'idp_trust_kid', j.kid, i.id, 'additional kid not in the IdP key store'
  FROM idps i,
       JSON_TABLE(COALESCE(i.trust_additional_kids, '[]'), '$[*]' COLUMNS (kid VARCHAR(255) PATH '$')) j
 WHERE NOT EXISTS (SELECT 1 FROM idps_keys k WHERE k.connection = i.connection AND k.kid = j.kid)
UNION ALL
SELECT a.connection, 'authz_signing_kid', a.signing_kid, a.id, 'kid not among the server''s keys'
  FROM authz_servers a
 WHERE a.signing_kid IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM authz_server_keys k
                    WHERE k.connection = a.connection AND k.auth_server_id = a.id AND k.kid = a.signing_kid)
UNION ALL
SELECT s.connection, 'ziti_api_session', s.id, s.identity_id,
       CASE WHEN i.disabled THEN 'identity is disabled' ELSE 'authenticator was deleted' END
  FROM ziti_api_sessions s
  LEFT JOIN ziti_identities i ON i.connection = s.connection AND i.id = s.identity_id
 WHERE i.disabled
    OR (s.authenticator_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM ziti_identity_authenticators z WHERE z.connection = s.connection AND z.id = s.authenticator_id))
 ORDER BY connection, kind, credential_id;
