-- title: OpenZiti enrollments pending past their expiry
-- description: Enrollments (one-time tokens and first passwords) that were never used and have expired:
--   the identity was never set up, and the enrollment lingers until someone refreshes or deletes it.
--   Needs an administrator identity.
-- severity: low
-- action: If the identity is still wanted, CALL ziti_enrollments_refresh(id, 'YYYY-MM-DD HH:MM:SS') and
--   send it the new JWT; otherwise DELETE FROM ziti_enrollments WHERE id = ... (and consider the identity).
SELECT connection, identity_name, identity_id, id, method, expires_at
  FROM ziti_enrollments
 WHERE expires_at < NOW()
 ORDER BY expires_at, connection, id;
