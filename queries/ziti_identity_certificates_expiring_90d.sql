-- title: OpenZiti identity certificates expiring within 90 days (every identity)
-- description: Client certificates of every identity of the OpenZiti network (not only the one credsql
--   connects as) that end in the next 90 days: this quarter's renewals. An identity whose only
--   certificate expires can no longer connect. Needs an administrator identity.
-- severity: medium
-- action: Renew the certificate before cert_not_after: a network-issued one by re-enrolling the identity
--   or extending it from the identity itself; a certificate from another PKI is renewed there. Delete a
--   certificate that is no longer used with DELETE FROM ziti_identity_authenticators WHERE id = ...
SELECT connection, identity_name, identity_id, id, is_issued_by_network, cert_subject, fingerprint, cert_not_after
  FROM ziti_identity_authenticators
 WHERE method = 'cert' AND cert_not_after >= NOW() AND cert_not_after < NOW() + INTERVAL 90 DAY
 ORDER BY cert_not_after, connection, id;
