package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// LinkPages lists a collection paginated with `Link: <url>; rel="next"` headers (Okta, OPA),
// yielding items as each page arrives. The first request is first; every next page is the
// link's URL, followed as given (it already carries the cursor and page size). It stops when
// a page has no next link (okta.md §2.3), even after an empty page (OPA's filtered pages can
// be empty), or when the consumer stops; the following page is never requested before the
// consumer asks for it. A next link seen before (a server bug Okta once had) is an error, not
// a silent end.
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
			if next == "" {
				return
			}
			if seen[next] {
				yield(zero, &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: errPaginationLoop})
				return
			}
			seen[next] = true
			req = Request{Method: first.Method, Op: first.Op, URL: next, Header: first.Header, NoStore: first.NoStore}
		}
	}
}

// OffsetPages lists a collection in OpenZiti's envelope {"data": [...], "meta":
// {"pagination": {"limit", "offset", "totalCount"}}} with limit/offset query parameters
// (docs/vendors/ziti.md §4.2). It asks for pageSize items per page and continues while a page is
// full: as many items as the limit the server applied (meta.pagination.limit, else pageSize).
// It stops at a short page, at totalCount when the server sends one, or when the consumer
// stops; meta.pagination may be absent.
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
						Limit      *float64 `json:"limit"`
						Offset     *float64 `json:"offset"`
						TotalCount *float64 `json:"totalCount"`
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
			limit, next := pageSize, offset+len(env.Data)
			var total *float64
			if p := env.Meta.Pagination; p != nil {
				if p.Limit != nil && *p.Limit > 0 {
					limit = int(*p.Limit)
				}
				if p.Offset != nil {
					next = int(*p.Offset) + len(env.Data)
				}
				total = p.TotalCount
			}
			if len(env.Data) == 0 || len(env.Data) < limit || (total != nil && next >= int(*total)) {
				return
			}
			if next <= offset {
				// The server answered with an offset behind the one asked for: the same page again.
				yield(zero, &APIError{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Op: req.Op, Err: errOffsetLoop})
				return
			}
			offset = next
		}
	}
}

var (
	errPaginationLoop = errors.New("pagination loop: the vendor sent the same next link twice")
	errOffsetLoop     = errors.New("pagination loop: the vendor did not advance the offset")
)

func pageError(err error, page int) error {
	if page == 1 {
		return err
	}
	return fmt.Errorf("page %d: %w", page, err)
}
