package tables

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/opa"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
)

// opaStatuses are the statuses a service user can be given.
var opaStatuses = []string{"ACTIVE", "DISABLED", "DELETED"}

func checkOPAStatus(s string) error {
	if !contains(opaStatuses, s) {
		return fmt.Errorf("status must be ACTIVE, DISABLED or DELETED, not %q", s)
	}
	return nil
}

var opaServiceUsers = &Table[opa.ServiceUser]{
	Name:     "opa_service_users",
	Doc:      "Service users of Okta Privileged Access teams: the parent of opa_service_user_keys.",
	Vendor:   OPA,
	Route:    oparoutes.ListServiceUsers,
	GetRoute: oparoutes.GetServiceUser,
	Keys:     []string{"name"},
	Filters:  []string{"status"},
	// OPA's delete is a soft delete: the user stays listed with status DELETED.
	SoftDeleted: [2]string{"status", "DELETED"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[opa.ServiceUser, error] {
		var f opa.UserFilter
		if k.Has("status") {
			f.Status = []string{k.Str("status")}
		}
		return c.OPA.ServiceUsers(ctx, f)
	},
	Get: func(ctx context.Context, c *Conn, k Values) (opa.ServiceUser, error) {
		return c.OPA.ServiceUser(ctx, k.Str("name"))
	},
	Columns: []Column[opa.ServiceUser]{
		{Name: "team_name", Type: String, Doc: "The team.", Get: func(u opa.ServiceUser) any { return NZ(u.TeamName) }},
		{Name: "id", Type: String, Doc: "Service user id (UUID).", Get: func(u opa.ServiceUser) any { return NZ(u.ID) }},
		{Name: "name", Type: String, Doc: "Service user name: the key the API addresses users by.", Get: func(u opa.ServiceUser) any { return u.Name }},
		{Name: "status", Type: String, Doc: "ACTIVE, DISABLED or DELETED (deletion is soft).", Domain: []string{"ACTIVE", "DISABLED", "DELETED"}, Get: func(u opa.ServiceUser) any { return NZ(u.Status) }},
		{Name: "user_type", Type: String, Doc: "service.", Get: func(u opa.ServiceUser) any { return NZ(u.UserType) }},
		{Name: "details", Type: JSON, Doc: "Details object (email, names); NULL for service users.", Get: func(u opa.ServiceUser) any { return rawJSON(u.Details) }},
		{Name: "deleted_at", Type: Time, Doc: "When the user was deleted.", Get: func(u opa.ServiceUser) any {
			if u.DeletedAt == nil {
				return nil
			}
			return TS(*u.DeletedAt)
		}},
		{Name: "oauth_client_application_id", Type: String, Doc: "OAuth client application that created the user through an approval, if any.", Get: func(u opa.ServiceUser) any {
			if u.OAuthClientApplicationID == nil {
				return nil
			}
			return NZ(*u.OAuthClientApplicationID)
		}},
		{Name: "role_grants", Type: JSON, Doc: "Roles granted to the user, as a list.", Get: func(u opa.ServiceUser) any { return jsonOrNil(u.RoleGrants) }},
	},
	Insert: func(ctx context.Context, c *Conn, v Values) (opa.ServiceUser, error) {
		u, err := c.OPA.CreateServiceUser(ctx, v.Str("name"))
		if err != nil {
			return u, fmt.Errorf("create service user %s: %w", v.Str("name"), err)
		}
		return u, nil
	},
	InsertCols:   []string{"name"},
	InsertNeeds:  []string{"name"},
	InsertDoc:    "creates an active user from {name}",
	InsertRoutes: []routes.Route{oparoutes.CreateServiceUser},
	Update: func(ctx context.Context, c *Conn, key, old, set Values) (opa.ServiceUser, error) {
		body := opa.UserUpdate{Name: old.Str("name"), Status: old.Str("status")}
		if set.Has("name") {
			body.Name = set.Str("name")
		}
		if set.Has("status") {
			body.Status = set.Str("status")
		}
		if err := checkOPAStatus(body.Status); err != nil {
			return opa.ServiceUser{}, err
		}
		if body.Status != "ACTIVE" && set.Has("status") {
			if err := guardOwnKey(ctx, c, key.Str("name"), "UPDATE opa_service_users SET status = '"+body.Status+"'",
				"with the user "+body.Status+" its keys issue no token, and every later query of that connection fails"); err != nil {
				return opa.ServiceUser{}, err
			}
		}
		u, err := c.OPA.UpdateServiceUser(ctx, key.Str("name"), body)
		if err != nil {
			return u, fmt.Errorf("update service user %s: %w", key.Str("name"), err)
		}
		return u, nil
	},
	UpdateCols: []string{"status", "name"},
	UpdateDoc: "sends {name, status} (both sent; unchanged ones as they were). Setting a status other than ACTIVE first lists the user's keys: " +
		"it is refused without credsql_force for the user whose key the connection authenticates with",
	UpdateRoutes: []routes.Route{oparoutes.ListKeys, oparoutes.UpdateServiceUser},
	Delete: func(ctx context.Context, c *Conn, key Values) error {
		name := key.Str("name")
		// A user already deleted is gone: 0 rows affected, and no second soft delete.
		u, err := c.OPA.ServiceUser(fetch.BypassCache(ctx), name)
		if err != nil {
			return fmt.Errorf("read service user %s: %w", name, err)
		}
		if u.Status == "DELETED" {
			return fmt.Errorf("service user %s is already deleted: %w", name, fetch.ErrNotFound)
		}
		if err := guardOwnKey(ctx, c, name, "DELETE FROM opa_service_users", "a deleted user's keys issue no token, and every later query of that connection fails"); err != nil {
			return err
		}
		if _, err := c.OPA.UpdateServiceUser(ctx, name, opa.UserUpdate{Name: name, Status: "DELETED"}); err != nil {
			return fmt.Errorf("delete service user %s: %w", name, err)
		}
		return nil
	},
	DeleteDoc: "reads the user, then sends status DELETED: OPA's soft delete; the name cannot be reused. A user already deleted is 0 rows affected. " +
		"Refused without credsql_force for the user whose key the connection authenticates with (its keys are listed first)",
	DeleteRoutes: []routes.Route{oparoutes.GetServiceUser, oparoutes.ListKeys, oparoutes.UpdateServiceUser},
	Examples: []Example{
		{"Service users by status", "SELECT status, COUNT(*) AS users FROM opa_service_users GROUP BY status ORDER BY status"},
		{"Disabled service users", "SELECT name, id FROM opa_service_users WHERE status = 'DISABLED' ORDER BY name"},
	},
}

// rawJSON decodes a JSON value for a JSON column; null or absent is NULL.
func rawJSON(b json.RawMessage) any {
	var v any
	if len(b) == 0 || json.Unmarshal(b, &v) != nil {
		return nil
	}
	return v
}
