package ziti

import (
	"context"
	"iter"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// Enrollment is an enrollmentDetail (docs/vendors/ziti.md §7): a pending one-time enrollment of
// an identity (ott, ottca, updb) or a router. Token and JWT are one-time secrets: whoever
// holds them can enroll as the identity until the enrollment expires.
type Enrollment struct {
	ID              string         `json:"id"`
	Method          string         `json:"method"`
	Token           string         `json:"token"`
	JWT             string         `json:"jwt"`
	ExpiresAt       time.Time      `json:"expiresAt"`
	IdentityID      string         `json:"identityId"`
	Identity        *EntityRef     `json:"identity"`
	CAID            *string        `json:"caId"`
	Username        string         `json:"username"`
	EdgeRouterID    string         `json:"edgeRouterId"`
	TransitRouterID string         `json:"transitRouterId"`
	CreatedAt       time.Time      `json:"createdAt"`
	UpdatedAt       time.Time      `json:"updatedAt"`
	Tags            map[string]any `json:"tags"`
}

// OwnerID is the identity the enrollment is for: identityId, or the identity reference's id
// (the contract's example carries only the reference).
func (e Enrollment) OwnerID() string {
	if e.IdentityID != "" {
		return e.IdentityID
	}
	if e.Identity != nil {
		return e.Identity.ID
	}
	return ""
}

// OwnerName is the name of the identity the enrollment is for.
func (e Enrollment) OwnerName() string {
	if e.Identity != nil {
		return e.Identity.Name
	}
	return ""
}

// EnrollmentFilter narrows zitiroutes.ListEnrollments: method = "..." and identity = "...". The
// enrollment filter symbols are not confirmed by the contract; a refused filter is dropped
// (see listFiltered).
type EnrollmentFilter struct {
	Method     string
	IdentityID string
}

func (f EnrollmentFilter) String() string {
	return and(eqIf("method", f.Method), eqIf("identity", f.IdentityID))
}

// Enrollments lists every pending enrollment, PageSize per page. The answers hold the
// enrollment tokens and are never cached.
func (c *Client) Enrollments(ctx context.Context, f EnrollmentFilter) iter.Seq2[Enrollment, error] {
	return listFiltered[Enrollment](ctx, c, zitiroutes.ListEnrollments, f.String(), true)
}

// Enrollment gets one enrollment.
func (c *Client) Enrollment(ctx context.Context, id string) (Enrollment, error) {
	req := fetch.NewRequest(zitiroutes.GetEnrollment, id)
	req.NoStore = true
	return data[Enrollment](ctx, c, req)
}

// DeleteEnrollment deletes a pending enrollment: its token can no longer be used to enroll.
func (c *Client) DeleteEnrollment(ctx context.Context, id string) error {
	_, err := c.c.Do(ctx, fetch.NewRequest(zitiroutes.DeleteEnrollment, id))
	return err
}

// RefreshEnrollment resets an enrollment's expiry to expiresAt; the controller issues a new
// JWT, which must be used from then on. It answers with the enrollment's id only.
func (c *Client) RefreshEnrollment(ctx context.Context, id string, expiresAt time.Time) error {
	req := fetch.NewRequest(zitiroutes.RefreshEnrollment, id)
	req.Body = map[string]string{"expiresAt": expiresAt.UTC().Format("2006-01-02T15:04:05.000Z07:00")}
	_, err := c.c.Do(ctx, req)
	return err
}
