-- title: Expired OpenZiti client certificates still present
-- description: Certificate authenticators of the OpenZiti identity credsql connects as whose client
--   certificate has ended. The identity can no longer log in with it; it only clutters the
--   identity's authenticators and hides which certificate is really in use.
-- severity: medium
-- action: Ask an OpenZiti administrator to delete the authenticator (the current identity cannot
--   delete its own), after checking that another authenticator is in use.
SELECT connection, id, identity_name, is_issued_by_network, cert_subject, fingerprint, cert_not_after
  FROM ziti_authenticators
 WHERE method = 'cert' AND cert_not_after < NOW()
 ORDER BY cert_not_after, connection, id;
