// Package okta is the Okta management API client of credsql: endpoint methods and response
// types for applications, their key credentials, CSRs and client secrets, identity providers
// and the IdP key store. The contract is docs/vendors/okta.md.
package okta

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// Credentials for a connection: an API token (sent as SSWS) or an OAuth 2.0 access token
// (sent as Bearer).
type Credentials struct {
	APIToken    string
	AccessToken string
}

// Options configure a client.
type Options struct {
	Connection  string
	OrgURL      string
	Credentials Credentials
	fetch.Tuning
	// Hint names where the credential comes from, for 401 errors.
	Hint string
	// APITokenID, when set, is the id of the API token in Credentials (see CurrentAPITokenID).
	APITokenID string
}

// Client calls one Okta org.
type Client struct {
	c *fetch.Client
	// ssws is whether the client sends an API token (SSWS); tokenID its configured id.
	ssws    bool
	tokenID string
	mu      sync.Mutex
	current *currentToken // CurrentAPITokenID's answer, once known
}

// New returns a client for an org.
func New(o Options) (*Client, error) {
	if o.Credentials.APIToken == "" && o.Credentials.AccessToken == "" {
		return nil, fmt.Errorf("okta connection %q: no API token or access token", o.Connection)
	}
	cfg := fetch.Config{
		Vendor:          fetch.Okta,
		Connection:      o.Connection,
		BaseURL:         o.OrgURL,
		Auth:            staticAuth(o.Credentials),
		ParseError:      parseError,
		RateStyle:       fetch.RateOkta,
		RequestIDHeader: "X-Okta-Request-Id",
		Tuning:          o.Tuning,
		Secrets:         []string{o.Credentials.APIToken, o.Credentials.AccessToken},
		Hint:            o.Hint,
		Writes:          Writes,
	}
	c, err := fetch.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{c: c, ssws: o.Credentials.APIToken != "", tokenID: o.APITokenID}, nil
}

// HTTP returns the underlying fetch client.
func (c *Client) HTTP() *fetch.Client { return c.c }

type staticAuth Credentials

func (a staticAuth) Apply(_ context.Context, _ *fetch.Client, h http.Header) (string, error) {
	if a.APIToken != "" {
		h.Set("Authorization", "SSWS "+a.APIToken)
		return "ssws", nil
	}
	h.Set("Authorization", "Bearer "+a.AccessToken)
	return "bearer", nil
}

// Stale is false: an Okta token cannot be renewed by credsql, a 401 is final.
func (a staticAuth) Stale(string, *fetch.Response) bool { return false }

// parseError reads Okta's error object (okta.md §2.5): errorCode, errorSummary, errorCauses,
// errorId. A 403 for a missing OAuth scope may come without a body: then the
// WWW-Authenticate header says which scope.
func parseError(resp *fetch.Response, e *fetch.APIError) {
	var body struct {
		ErrorCode    string `json:"errorCode"`
		ErrorSummary string `json:"errorSummary"`
		ErrorID      string `json:"errorId"`
		ErrorCauses  []struct {
			ErrorSummary string `json:"errorSummary"`
		} `json:"errorCauses"`
	}
	if json.Unmarshal(resp.Body, &body) == nil && body.ErrorCode != "" {
		e.Code = body.ErrorCode
		e.Message = body.ErrorSummary
		for _, c := range body.ErrorCauses {
			if c.ErrorSummary != "" {
				e.Causes = append(e.Causes, c.ErrorSummary)
			}
		}
		if e.RequestID == "" {
			e.RequestID = body.ErrorID
		}
		return
	}
	if wa := resp.Header.Get("WWW-Authenticate"); wa != "" {
		e.Message = wwwAuthenticateSummary(wa)
	}
}

// wwwAuthenticateSummary extracts error_description and scope from an OAuth challenge.
func wwwAuthenticateSummary(h string) string {
	var desc, scope string
	for _, part := range strings.Split(h, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		switch strings.TrimSpace(k) {
		case "error_description":
			desc = v
		case "scope":
			scope = v
		}
	}
	if scope != "" {
		return strings.TrimSpace(desc + " (required scope: " + scope + ")")
	}
	return desc
}

// Time is an Okta timestamp; absent or null decodes to the zero time.
type Time = time.Time

// list streams the items of the list route r (with args expanded into its path).
func list[T any](ctx context.Context, c *Client, r routes.Route, q map[string]string, args ...string) iter.Seq2[T, error] {
	req := fetch.NewRequest(r, args...)
	if len(q) > 0 {
		req.Query = map[string][]string{}
		for k, v := range q {
			req.Query[k] = []string{v}
		}
	}
	return pages[T](ctx, c, req)
}

// pages streams the items of a JSON-array collection, following Link rel="next".
func pages[T any](ctx context.Context, c *Client, req *fetch.Request) iter.Seq2[T, error] {
	return fetch.LinkPages(ctx, c.c, req, func(b []byte) ([]T, error) {
		var items []T
		err := json.Unmarshal(b, &items)
		return items, err
	})
}

// get sends the get route r and decodes its answer.
func get[T any](ctx context.Context, c *Client, r routes.Route, args ...string) (T, error) {
	return do[T](ctx, c, fetch.NewRequest(r, args...))
}

// do sends req and decodes its JSON answer into a T.
func do[T any](ctx context.Context, c *Client, req *fetch.Request) (T, error) {
	return fetch.Decode[T](ctx, c.c, req)
}
