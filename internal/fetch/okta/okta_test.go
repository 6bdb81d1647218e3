package okta_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/fetch/okta"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

const token = "00QCjAl4MlV-WPXM-test-token-0HmjFx"

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		status   int
		body     string
		is       error
		code     string
		contains []string
	}{
		{400, `{"errorCode":"E0000001","errorSummary":"Api validation failed: generateKey","errorLink":"E0000001","errorId":"oae1","errorCauses":[{"errorSummary":"Validity years out of range. It should be 2 - 10 years."}]}`,
			nil, "E0000001", []string{"400 Bad Request", "Api validation failed: generateKey", "Validity years out of range"}},
		{401, `{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae2","errorCauses":[]}`,
			fetch.ErrUnauthorized, "E0000011", []string{"401 Unauthorized", "Invalid token provided", "OKTA_API_TOKEN"}},
		{403, `{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorLink":"E0000006","errorId":"oae3","errorCauses":[]}`,
			fetch.ErrForbidden, "E0000006", []string{"403 Forbidden", "permission"}},
		{404, `{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: x (AppInstance)","errorLink":"E0000007","errorId":"oae4"}`,
			fetch.ErrNotFound, "E0000007", []string{"404 Not Found", "Resource not found"}},
		{429, `{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorLink":"E0000047","errorId":"oae5","errorCauses":[]}`,
			fetch.ErrRateLimited, "E0000047", []string{"429", "rate limit"}},
		// A 403 for a missing OAuth scope may come without an Okta body.
		{403, ``, fetch.ErrForbidden, "", []string{"403 Forbidden", "okta.apps.read"}},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Okta-Request-Id", "reqABC")
				if tt.status == 429 {
					w.Header().Set("X-Rate-Limit-Remaining", "0")
					w.Header().Set("X-Rate-Limit-Reset", "4102444800") // far away: more than --max-wait
				}
				if tt.body == "" {
					w.Header().Set("WWW-Authenticate", `Bearer realm="x", scope="okta.apps.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."`)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer s.Close()
			c, err := okta.New(okta.Options{Connection: "prod", OrgURL: s.URL, Credentials: okta.Credentials{APIToken: token},
				Tuning: fetch.Tuning{MaxWait: time.Second}, Hint: "Check environment variables OKTA_ORG_URL and OKTA_API_TOKEN."})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.App(context.Background(), "0oa1")
			var ae *fetch.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err %T %v is not an *APIError", err, err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if ae.Code != tt.code || ae.Op != oktaroutes.GetApp.Op() || ae.Connection != "prod" {
				t.Errorf("code %q op %q connection %q", ae.Code, ae.Op, ae.Connection)
			}
			if tt.status != 429 && ae.RequestID != "reqABC" {
				t.Errorf("request id %q", ae.RequestID)
			}
			for _, want := range tt.contains {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%q does not contain %q", err, want)
				}
			}
			if strings.Contains(err.Error(), token) {
				t.Errorf("the token leaks into %q", err)
			}
		})
	}
}

func TestListsEveryPageBothLinkForms(t *testing.T) {
	for _, style := range []sim.LinkStyle{sim.LinkHeaders, sim.LinkJoined} {
		s := sim.New(sim.Options{Seed: 3, Apps: 9, PageSize: 2, LinkStyle: style})
		u := s.Start()
		c, err := okta.New(okta.Options{Connection: "c", OrgURL: u, Credentials: okta.Credentials{APIToken: s.Options().OktaToken}})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for a, err := range c.Apps(context.Background(), okta.AppFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if seen[a.ID] {
				t.Errorf("app %s listed twice", a.ID)
			}
			seen[a.ID] = true
		}
		if len(seen) != 9 || s.CallCount() != 5 {
			t.Errorf("style %d: %d apps in %d calls, want 9 in 5", style, len(seen), s.CallCount())
		}
		s.Close()
	}
}

func TestBearerAccessToken(t *testing.T) {
	s := sim.New(sim.Options{Seed: 1, Apps: 3})
	u := s.Start()
	defer s.Close()
	c, _ := okta.New(okta.Options{Connection: "c", OrgURL: u, Credentials: okta.Credentials{AccessToken: s.Options().OktaAccessToken}})
	n := 0
	for _, err := range c.Apps(context.Background(), okta.AppFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d apps", n)
	}
	bad, _ := okta.New(okta.Options{Connection: "c", OrgURL: u, Credentials: okta.Credentials{AccessToken: "wrong"}})
	_, err := bad.App(context.Background(), "x")
	if !errors.Is(err, fetch.ErrUnauthorized) {
		t.Errorf("wrong token: %v", err)
	}
}
