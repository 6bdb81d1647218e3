package tables_test

import (
	"testing"

	"github.com/credsql/credsql/internal/tables"
)

// schemaContract is the SQL surface of docs/schema-contract.md, which outside tools and saved
// queries depend on: every table, its key columns, the columns it promises and its
// procedures. credsql may add columns; it may not rename or drop these.
var schemaContract = []struct {
	table      string
	keys       []string
	columns    []string
	procedures []string
}{
	{"apps", []string{"id"},
		[]string{"connection", "id", "name", "label", "status", "sign_on_mode", "created", "last_updated", "signing_kid", "client_id", "token_endpoint_auth_method"},
		[]string{}},
	{"app_keys", []string{"app_id", "kid"},
		[]string{"connection", "app_id", "kid", "kty", "use", "created", "last_updated", "expires_at", "e", "n", "x5c", "x5t_s256", "x5t_s256_matches", "cert_sha256", "cert_subject", "cert_issuer", "cert_serial", "cert_not_before", "cert_not_after", "cert_key_type", "cert_key_bits", "cert_self_signed", "cert_chain_length"},
		[]string{"app_keys_clone", "app_keys_generate"}},
	{"app_csrs", []string{"app_id", "id"},
		[]string{"connection", "app_id", "id", "created", "kty", "csr", "subject_common_name", "subject_country_name", "subject_state_or_province_name", "subject_locality_name", "subject_organization_name", "subject_organizational_unit_name", "dns_names", "csr_key_type", "csr_key_bits", "csr_signature_valid"},
		[]string{"app_csrs_publish"}},
	{"apps_secrets", []string{"app_id", "id"},
		[]string{"connection", "app_id", "id", "status", "client_secret", "secret_hash", "created", "last_updated"},
		[]string{"apps_secrets_activate", "apps_secrets_deactivate"}},
	{"idps", []string{"id"},
		[]string{"connection", "id", "name", "type", "status", "issuer_mode", "protocol_type", "trust_kid", "created", "last_updated"},
		[]string{}},
	{"idps_keys", []string{"kid"},
		[]string{"connection", "kid", "kty", "alg", "use", "created", "last_updated", "expires_at", "e", "n", "x", "y", "crv", "x5c", "x5t_s256", "x5t_s256_matches", "cert_subject", "cert_issuer", "cert_serial", "cert_not_before", "cert_not_after", "cert_sha256", "cert_key_type", "cert_key_bits", "cert_self_signed", "cert_chain_length"},
		[]string{}},
	{"ziti_authenticators", []string{"id"},
		[]string{"connection", "id", "method", "username", "cert_pem", "fingerprint", "identity_id", "identity_name", "is_issued_by_network", "last_auth_resolved_to_root", "created_at", "updated_at", "tags", "cert_subject", "cert_issuer", "cert_serial", "cert_not_before", "cert_not_after", "cert_sha256", "cert_key_type", "cert_key_bits", "cert_self_signed", "cert_chain_length"},
		[]string{"ziti_authenticators_extend", "ziti_authenticators_extend_verify", "ziti_authenticators_patch", "ziti_authenticators_update"}},
	{"ziti_api_sessions", []string{},
		[]string{"connection", "id", "identity_id", "identity_name", "token", "expires_at", "expiration_seconds", "last_activity_at", "is_mfa_required", "is_mfa_complete", "auth_queries", "created_at", "updated_at", "tags"},
		[]string{}},
	{"ziti_identities", []string{"id"},
		[]string{"connection", "id", "name", "type", "is_admin", "disabled", "auth_policy_id"},
		[]string{}},
	{"ziti_identity_authenticators", []string{"id"},
		[]string{"connection", "id", "method", "username", "cert_pem", "fingerprint", "identity_id", "identity_name", "is_issued_by_network", "last_auth_resolved_to_root", "created_at", "updated_at", "tags", "cert_subject", "cert_issuer", "cert_serial", "cert_not_before", "cert_not_after", "cert_sha256", "cert_key_type", "cert_key_bits", "cert_self_signed", "cert_chain_length"},
		[]string{}},
	{"ziti_enrollments", []string{"id"},
		[]string{"connection", "id", "method", "identity_id", "identity_name", "expires_at", "created_at"},
		[]string{"ziti_enrollments_refresh"}},
	{"opa_service_users", []string{"name"},
		[]string{"connection", "team_name", "id", "name", "status", "user_type", "details", "deleted_at", "oauth_client_application_id"},
		[]string{}},
	{"opa_service_user_keys", []string{"user_name", "id"},
		[]string{"connection", "user_name", "id", "issued_at", "expires_at", "last_used"},
		[]string{"opa_service_user_keys_rotate"}},
}

func TestSchemaContract(t *testing.T) {
	t.Parallel()
	for _, want := range schemaContract {
		d, ok := tables.Lookup(want.table)
		if !ok {
			t.Errorf("table %s is gone", want.table)
			continue
		}
		m := d.Meta()
		if got := m.Keys; len(got) != len(want.keys) {
			t.Errorf("%s: key columns %v, want %v", want.table, got, want.keys)
		} else {
			for i := range got {
				if got[i] != want.keys[i] {
					t.Errorf("%s: key columns %v, want %v", want.table, got, want.keys)
				}
			}
		}
		if m.Columns[0].Name != tables.ConnectionColumn {
			t.Errorf("%s: first column %s, want connection", want.table, m.Columns[0].Name)
		}
		for _, c := range want.columns {
			if m.Column(c) < 0 {
				t.Errorf("%s: column %s is gone", want.table, c)
			}
		}
		procs := map[string]bool{}
		for _, p := range m.Procedures {
			procs[p.FullName] = true
		}
		for _, p := range want.procedures {
			if !procs[p] {
				t.Errorf("%s: procedure %s is gone", want.table, p)
			}
		}
	}
	if len(tables.All()) < len(schemaContract) {
		t.Errorf("%d tables registered, the contract has %d", len(tables.All()), len(schemaContract))
	}
}
