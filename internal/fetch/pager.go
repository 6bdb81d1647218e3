package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// LinkPages lists a collection paginated with `Link: <url>; rel="next"` headers (Okta, OPA),
// yielding items as each page arrives. The first request is first; every next page is the
// link's URL, followed as given (it already carries the cursor and page size). It stops when
// a page has no next link, when a next link repeats (a server bug Okta once had) or when the
// consumer stops; the following page is never requested before the consumer asks for it.
//
// decode turns one page body into its items: a JSON array for Okta, {"list": [...]} for OPA.
// An error ends the sequence after being yielded once.
func LinkPages[T any](ctx context.Context, c *Client, first *Request, decode func([]byte) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		req := *first
		seen := map[string]bool{}
		for page := 1; ; page++ {
			var raw json.RawMessage
			req.Into = &raw
			resp, err := c.Do(ctx, &req)
			if err != nil {
				yield(zero, pageError(err, page))
				return
			}
			items, err := decode(raw)
			if err != nil {
				yield(zero, &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Status: 0,
					Err: fmt.Errorf("decode page %d: %w", page, err)})
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			next := NextLink(resp.Header)
			if next == "" || seen[next] || len(items) == 0 {
				return
			}
			seen[next] = true
			req = Request{Method: first.Method, Op: first.Op, URL: next, Header: first.Header, NoStore: first.NoStore}
		}
	}
}

// OffsetPages lists a collection in OpenZiti's envelope {"data": [...], "meta":
// {"pagination": {"limit", "offset", "totalCount"}}} with limit/offset query parameters
// (shared/api/ziti.md §4.2). It asks for pageSize items per page, reads the limit the server
// actually applied, and stops at totalCount, at a short page, or when the consumer stops.
func OffsetPages[T any](ctx context.Context, c *Client, first *Request, pageSize int) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		offset := 0
		for page := 1; ; page++ {
			req := *first
			q := url.Values{}
			for k, v := range first.Query {
				q[k] = v
			}
			q.Set("limit", strconv.Itoa(pageSize))
			q.Set("offset", strconv.Itoa(offset))
			req.Query = q
			var env struct {
				Data []T `json:"data"`
				Meta struct {
					Pagination *struct {
						Limit      float64 `json:"limit"`
						Offset     float64 `json:"offset"`
						TotalCount float64 `json:"totalCount"`
					} `json:"pagination"`
				} `json:"meta"`
			}
			req.Into = &env
			if _, err := c.Do(ctx, &req); err != nil {
				yield(zero, pageError(err, page))
				return
			}
			for _, it := range env.Data {
				if !yield(it, nil) {
					return
				}
			}
			p := env.Meta.Pagination
			if p == nil || len(env.Data) == 0 {
				return
			}
			limit := int(p.Limit)
			if limit <= 0 {
				limit = len(env.Data)
			}
			offset = int(p.Offset) + len(env.Data)
			if offset >= int(p.TotalCount) || len(env.Data) < limit {
				return
			}
		}
	}
}

func pageError(err error, page int) error {
	if page == 1 {
		return err
	}
	return fmt.Errorf("page %d: %w", page, err)
}
