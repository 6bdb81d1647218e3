package tables

import (
	"context"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"iter"

	"github.com/credsql/credsql/internal/fetch/ziti"
)

var zitiIdentities = &Table[ziti.Identity]{
	Name: "ziti_identities",
	Doc: "Every identity of the OpenZiti network (users, devices, services, routers): the owners of " +
		"ziti_identity_authenticators and ziti_enrollments. Needs an administrator identity.",
	Vendor:   Ziti,
	Route:    zitiroutes.ListIdentities,
	GetRoute: zitiroutes.GetIdentity,
	Keys:     []string{"id"},
	Filters:  []string{"name"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[ziti.Identity, error] {
		return c.Ziti.Identities(ctx, ziti.IdentityFilter{Name: k.Str("name")})
	},
	Get: func(ctx context.Context, c *Conn, k Values) (ziti.Identity, error) {
		return c.Ziti.Identity(ctx, k.Str("id"))
	},
	Columns: []Column[ziti.Identity]{
		{Name: "id", Type: String, Doc: "Identity id.", Get: func(i ziti.Identity) any { return i.ID }},
		{Name: "name", Type: String, Doc: "Identity name.", Get: func(i ziti.Identity) any { return NZ(i.Name) }},
		{Name: "type", Type: String, Doc: "Identity type (typeId: Default, Router, ...).", Get: func(i ziti.Identity) any {
			if i.TypeID != "" {
				return i.TypeID
			}
			return NZ(i.Type.Name)
		}},
		{Name: "is_admin", Type: Bool, Doc: "Whether the identity is an administrator.", Get: func(i ziti.Identity) any { return i.IsAdmin }},
		{Name: "is_default_admin", Type: Bool, Doc: "Whether the identity is the default administrator created with the network.", Get: func(i ziti.Identity) any { return i.IsDefaultAdmin }},
		{Name: "disabled", Type: Bool, Doc: "Whether the identity is disabled (it cannot log in).", Get: func(i ziti.Identity) any { return i.Disabled }},
		{Name: "disabled_at", Type: Time, Doc: "When the identity was disabled.", Get: func(i ziti.Identity) any { return tsPtr(i.DisabledAt) }},
		{Name: "disabled_until", Type: Time, Doc: "When a temporary disablement ends (NULL: until enabled again).", Get: func(i ziti.Identity) any { return tsPtr(i.DisabledUntil) }},
		{Name: "auth_policy_id", Type: String, Doc: "Id of the authentication policy the identity follows.", Get: func(i ziti.Identity) any {
			if i.AuthPolicyID != "" {
				return i.AuthPolicyID
			}
			return NZ(i.AuthPolicy.ID)
		}},
		{Name: "auth_policy_name", Type: String, Doc: "Name of that authentication policy.", Get: func(i ziti.Identity) any { return NZ(i.AuthPolicy.Name) }},
		{Name: "external_id", Type: String, Doc: "External id, matched by external JWT signers.", Get: func(i ziti.Identity) any {
			if i.ExternalID == nil {
				return nil
			}
			return NZ(*i.ExternalID)
		}},
		{Name: "has_api_session", Type: Bool, Doc: "Whether the identity has an API session now (the controller reports no last-seen time; this is the closest).", Get: func(i ziti.Identity) any { return i.HasAPISession }},
		{Name: "has_edge_router_connection", Type: Bool, Doc: "Whether the identity is connected to an edge router now.", Get: func(i ziti.Identity) any { return i.HasEdgeRouterConnection }},
		{Name: "edge_router_connection_status", Type: String, Doc: "online, offline or unknown.", Get: func(i ziti.Identity) any { return NZ(i.EdgeRouterConnectionStatus) }},
		{Name: "is_mfa_enabled", Type: Bool, Doc: "Whether the identity has multi-factor authentication enabled.", Get: func(i ziti.Identity) any { return i.IsMFAEnabled }},
		{Name: "role_attributes", Type: JSON, Doc: "Role attributes (a list).", Get: func(i ziti.Identity) any {
			if i.RoleAttributes == nil {
				return nil
			}
			return i.RoleAttributes
		}},
		{Name: "authenticators", Type: JSON, Doc: "One authenticator per method as the identity lists it ({updb: {id, username}, cert: {id, fingerprint}}); " +
			"ziti_identity_authenticators has all of them.", Get: func(i ziti.Identity) any { return mapOrNil(i.Authenticators) }},
		{Name: "enrollments", Type: JSON, Doc: "Pending enrollments by method ({ott: {id, expiresAt}}), without their tokens; ziti_enrollments has the details.",
			Get: func(i ziti.Identity) any { return mapOrNil(i.PendingEnrollments()) }},
		{Name: "created_at", Type: Time, Doc: "When the identity was created.", Get: func(i ziti.Identity) any { return TS(i.CreatedAt) }},
		{Name: "updated_at", Type: Time, Doc: "When the identity was last updated.", Get: func(i ziti.Identity) any { return TS(i.UpdatedAt) }},
		{Name: "tags", Type: JSON, Doc: "Tags (an object).", Get: func(i ziti.Identity) any { return mapOrNil(i.Tags) }},
	},
	ReadOnlyNote: "Identities are read-only in credsql: it manages their credentials (ziti_identity_authenticators, ziti_enrollments), not the identities.",
	Examples: []Example{
		{"Administrators", "SELECT name, is_default_admin FROM ziti_identities WHERE is_admin ORDER BY name"},
		{"Disabled identities that still hold a certificate", "SELECT i.name, a.cert_not_after FROM ziti_identities i JOIN ziti_identity_authenticators a ON a.identity_id = i.id WHERE i.disabled AND a.method = 'cert' ORDER BY i.name"},
	},
}
