-- title: IdP key store certificates no identity provider uses
-- description: Entries of the Okta IdP key store that no identity provider trusts (neither as its
--   trust kid nor as an additional kid): leftovers of past rotations or abandoned integrations.
--   Each is still a trust anchor one configuration change away from being used.
-- severity: low
-- action: Confirm with the owner that it is not staged for an upcoming rotation, then remove it:
--   DELETE FROM idps_keys WHERE kid = ...
SELECT k.connection, k.kid, k.cert_subject, k.expires_at
  FROM idps_keys k
 WHERE NOT EXISTS (
         SELECT 1 FROM idps i
          WHERE i.connection = k.connection
            AND (i.trust_kid = k.kid OR JSON_CONTAINS(COALESCE(i.trust_additional_kids, '[]'), JSON_QUOTE(k.kid))))
 ORDER BY k.connection, k.kid;
