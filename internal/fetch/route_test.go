package fetch

import (
	"testing"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Every Okta entry declares the bucket the scheduler would give its template: its endpoint
// family, or the family's get by id (okta.md §2.4); and the scheduler counts a request built
// from an entry in the entry's bucket.
func TestOktaBucketsAreTheFamilies(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"GET /api/v1/apps":                             "/api/v1/apps",
		"GET /api/v1/apps/{appId}":                     "/api/v1/apps/{id}",
		"PUT /api/v1/apps/{appId}":                     "/api/v1/apps/{id}",
		"GET /api/v1/apps/{appId}/credentials/secrets": "/api/v1/apps",
		"GET /api/v1/idps/credentials/keys":            "/api/v1/idps",
		"GET /api/v1/api-tokens/current":               "/api/v1/api-tokens",
	}
	s := newScheduler(1, 0, RateOkta, 0)
	for _, r := range oktaroutes.All {
		if got := familyBucket(r.Op()); got != r.Bucket {
			t.Errorf("%s: bucket %q, the family rule gives %q", r, r.Bucket, got)
		}
		if w, ok := want[r.Op()]; ok && r.Bucket != w {
			t.Errorf("%s: bucket %q, want %q", r, r.Bucket, w)
		}
		if got := s.bucket(NewRequest(r, "x")); got != r.Bucket {
			t.Errorf("%s: the scheduler counts it in %q", r, got)
		}
	}
	if got := newScheduler(1, 0, RateOPA, 0).bucket(NewRequest(routes.Route{Method: "GET", Path: "/v1/teams/{t}", Bucket: "b"})); got != "" {
		t.Errorf("an OPA call in bucket %q, want the team's single bucket", got)
	}
}
