-- title: OpenZiti client certificates expiring within 30 days
-- description: Certificate authenticators of the OpenZiti identity credsql connects as whose client
--   certificate ends in the next 30 days. After that the identity can no longer log in with it.
--   Expired ones are reported by expired_certificates.
-- severity: high
-- action: Renew a network-issued certificate with CALL ziti_authenticators_extend(id, csr) followed by
--   ziti_authenticators_extend_verify; a certificate from another PKI is renewed there.
SELECT connection, id, identity_name, is_issued_by_network, cert_subject, fingerprint, cert_not_after
  FROM ziti_authenticators
 WHERE method = 'cert' AND cert_not_after >= NOW() AND cert_not_after < NOW() + INTERVAL 30 DAY
 ORDER BY cert_not_after, connection, id;
