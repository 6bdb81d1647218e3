package tables

import (
	"context"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"iter"
	"time"

	"github.com/credsql/credsql/internal/fetch/ziti"
)

var zitiEnrollments = &Table[ziti.Enrollment]{
	Name: "ziti_enrollments",
	Doc: "Pending enrollments of the OpenZiti network: one-time tokens (ott, ottca) and first passwords (updb) an identity " +
		"has not used yet. Needs an administrator identity.",
	Vendor:   Ziti,
	Route:    zitiroutes.ListEnrollments,
	GetRoute: zitiroutes.GetEnrollment,
	Keys:     []string{"id"},
	Filters:  []string{"identity_id", "method"},
	List: func(ctx context.Context, c *Conn, k Values) iter.Seq2[ziti.Enrollment, error] {
		return c.Ziti.Enrollments(ctx, ziti.EnrollmentFilter{Method: k.Str("method"), IdentityID: k.Str("identity_id")})
	},
	Get: func(ctx context.Context, c *Conn, k Values) (ziti.Enrollment, error) {
		return c.Ziti.Enrollment(ctx, k.Str("id"))
	},
	Columns: []Column[ziti.Enrollment]{
		{Name: "id", Type: String, Doc: "Enrollment id.", Get: func(e ziti.Enrollment) any { return e.ID }},
		{Name: "method", Type: String, Doc: "ott (one-time token), ottca (one-time token with a 3rd-party CA), updb (first password); routers have their own.", Get: func(e ziti.Enrollment) any { return NZ(e.Method) }},
		{Name: "identity_id", Type: String, Doc: "Id of the identity enrolling (ziti_identities.id).", Get: func(e ziti.Enrollment) any { return NZ(e.OwnerID()) }},
		{Name: "identity_name", Type: String, Doc: "Name of the identity enrolling.", Get: func(e ziti.Enrollment) any { return NZ(e.OwnerName()) }},
		{Name: "expires_at", Type: Time, Doc: "When the enrollment expires; an expired one can be refreshed or deleted.", Get: func(e ziti.Enrollment) any { return TS(e.ExpiresAt) }},
		{Name: "username", Type: String, Doc: "Username to enroll with (updb only).", Get: func(e ziti.Enrollment) any { return NZ(e.Username) }},
		{Name: "ca_id", Type: String, Doc: "Id of the 3rd-party CA (ottca only).", Get: func(e ziti.Enrollment) any {
			if e.CAID == nil {
				return nil
			}
			return NZ(*e.CAID)
		}},
		{Name: "edge_router_id", Type: String, Doc: "Edge router enrolling (router enrollments).", Get: func(e ziti.Enrollment) any { return NZ(e.EdgeRouterID) }},
		{Name: "transit_router_id", Type: String, Doc: "Transit router enrolling (router enrollments).", Get: func(e ziti.Enrollment) any { return NZ(e.TransitRouterID) }},
		{Name: "token", Type: String, Doc: "The one-time enrollment token.", Sensitive: true, Get: func(e ziti.Enrollment) any { return NZ(e.Token) }},
		{Name: "jwt", Type: Text, Doc: "The enrollment JWT given to the identity: whoever holds it can enroll until it expires.", Sensitive: true, Get: func(e ziti.Enrollment) any { return NZ(e.JWT) }},
		{Name: "created_at", Type: Time, Doc: "When the enrollment was created.", Get: func(e ziti.Enrollment) any { return TS(e.CreatedAt) }},
		{Name: "updated_at", Type: Time, Doc: "When the enrollment was last updated (refreshed).", Get: func(e ziti.Enrollment) any { return TS(e.UpdatedAt) }},
		{Name: "tags", Type: JSON, Doc: "Tags (an object).", Get: func(e ziti.Enrollment) any { return mapOrNil(e.Tags) }},
	},
	Delete: func(ctx context.Context, c *Conn, k Values) error {
		return c.Ziti.DeleteEnrollment(ctx, k.Str("id"))
	},
	DeleteDoc:    "the token can no longer be used to enroll",
	DeleteRoutes: []routes.Route{zitiroutes.DeleteEnrollment},
	Procedures: []Procedure[ziti.Enrollment]{{
		Name: "refresh", Mutating: true,
		Doc: "Gives an expired or unexpired enrollment a new expiry; the controller issues a new JWT, which must be used from " +
			"then on (the old one stops working). Returns the enrollment.",
		Routes: []routes.Route{zitiroutes.RefreshEnrollment, zitiroutes.GetEnrollment},
		Params: []Param{
			{Name: "id", Type: String, Doc: "Id of the enrollment."},
			{Name: "expires_at", Type: String, Doc: "The new expiry, in the future: '2026-12-31 23:59:59' (UTC) or RFC 3339."},
		},
		Run: func(ctx context.Context, c *Conn, a Values) (ziti.Enrollment, []any, error) {
			id := a.Str("id")
			at, err := parseExpiry(a["expires_at"])
			if err != nil {
				return ziti.Enrollment{}, nil, err
			}
			if err := c.Ziti.RefreshEnrollment(ctx, id, at); err != nil {
				return ziti.Enrollment{}, nil, fmt.Errorf("refresh enrollment %s: %w", id, err)
			}
			e, err := c.Ziti.Enrollment(ctx, id)
			if err != nil {
				return ziti.Enrollment{}, nil, fmt.Errorf("read enrollment %s back: %w", id, err)
			}
			return e, nil, nil
		},
	}},
	Examples: []Example{
		{"Enrollments past their expiry", "SELECT identity_name, method, expires_at FROM ziti_enrollments WHERE expires_at < NOW() ORDER BY expires_at"},
		{"Enrollments of one method", "SELECT identity_name, expires_at FROM ziti_enrollments WHERE method = 'ott' ORDER BY identity_name"},
	},
}

// expiryLayouts are the forms expires_at is accepted in, all UTC unless they say otherwise.
var expiryLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

// parseExpiry reads a procedure's time argument: a time, or a string in one of
// expiryLayouts.
func parseExpiry(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x.UTC(), nil
	case string:
		for _, l := range expiryLayouts {
			if t, err := time.Parse(l, x); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("expires_at %q is not a time: write '2026-12-31 23:59:59' (UTC) or RFC 3339", x)
	}
	return time.Time{}, fmt.Errorf("expires_at is required")
}

// tsPtr is TS of an optional time.
func tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return TS(*t)
}
