-- title: CSRs pending for more than 7 days
-- description: Certificate signing requests generated for an Okta app more than a week ago and never
--   published. Either the CA never signed it and the rotation stalled, or it was abandoned; the key
--   pair waits in Okta either way.
-- severity: low
-- action: Chase the certificate with the CA and publish it (CALL app_csrs_publish(app_id, csr_id, cert)),
--   or revoke the request: DELETE FROM app_csrs WHERE app_id = ... AND id = ...
SELECT c.connection, c.app_id, a.label AS app_label, c.id AS csr_id, c.subject_common_name, c.created
  FROM apps a
  JOIN app_csrs c ON c.app_id = a.id
 WHERE c.created < NOW() - INTERVAL 7 DAY
 ORDER BY c.created, c.connection, c.app_id;
