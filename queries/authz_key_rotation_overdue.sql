-- title: Authorization servers whose signing-key rotation is overdue
-- description: Okta custom authorization servers that sign tokens with a key past its rotation: AUTO
--   servers whose scheduled rotation is in the past (the NEXT key was never promoted: rotation is stuck)
--   and MANUAL servers not rotated for more than 90 days. A long-lived signing key widens what a leaked
--   key can forge, and clients that never saw a rotation break on the first one.
-- severity: high
-- action: Rotate the keys: CALL authz_server_keys_rotate(auth_server_id) (the NEXT key starts signing, the
--   ACTIVE one expires; clients that cache the server's keys must fetch them again). For a stuck AUTO
--   server, open a case with Okta if rotating by hand does not reschedule it.
SELECT connection, id AS auth_server_id, name, status, signing_rotation_mode, signing_kid,
       signing_last_rotated, signing_next_rotation
  FROM authz_servers
 WHERE (signing_rotation_mode = 'AUTO' AND signing_next_rotation < NOW())
    OR (signing_rotation_mode = 'MANUAL' AND signing_last_rotated < NOW() - INTERVAL 90 DAY)
 ORDER BY connection, name;
