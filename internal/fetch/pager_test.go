package fetch_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
)

func decodeInts(b []byte) ([]int, error) {
	var v []int
	return v, json.Unmarshal(b, &v)
}

func collectInts(seq func(func(int, error) bool)) ([]int, error) {
	var got []int
	for v, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

// The end of a listing is a page without a next link, whatever the page size (okta.md §2.3).
func TestLinkPagesFollowsNextPastEmptyPage(t *testing.T) {
	pages := [][]int{{1, 2}, {}, {3}}
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p+1 < len(pages) {
			w.Header().Add("Link", fmt.Sprintf(`<http://%s/items?page=%d>; rel="next"`, r.Host, p+1))
		}
		json.NewEncoder(w).Encode(pages[p])
	})
	c := client(t, s.URL, nil)
	got, err := collectInts(fetch.LinkPages(context.Background(), c, &fetch.Request{Op: "GET /items", Path: "/items"}, decodeInts))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[1 2 3]" || calls.Load() != 3 {
		t.Errorf("got %v in %d calls, want [1 2 3] in 3", got, calls.Load())
	}
}

func TestLinkPagesLoopIsAnError(t *testing.T) {
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Link", fmt.Sprintf(`<http://%s/items?after=x>; rel="next"`, r.Host))
		w.Write([]byte(`[1]`))
	})
	c := client(t, s.URL, nil)
	got, err := collectInts(fetch.LinkPages(context.Background(), c, &fetch.Request{Op: "GET /items", Path: "/items"}, decodeInts))
	var ae *fetch.APIError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "pagination loop: the vendor sent the same next link twice") {
		t.Fatalf("err = %v, want an *APIError naming the pagination loop", err)
	}
	if len(got) != 2 || calls.Load() != 2 {
		t.Errorf("%v in %d calls before the error, want 2 items in 2 calls", got, calls.Load())
	}
}

// envelope serves items 0..n-1 as OpenZiti pages: limit capped at max, meta written by meta
// (nil: no meta at all).
func envelope(t *testing.T, n, max int, meta func(limit, offset int) map[string]any) (*fetch.Client, func() int64) {
	t.Helper()
	s, calls := server(t, func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit = min(limit, max)
		data := []int{}
		for i := offset; i < min(offset+limit, n); i++ {
			data = append(data, i)
		}
		body := map[string]any{"data": data}
		if meta != nil {
			body["meta"] = meta(limit, offset)
		}
		json.NewEncoder(w).Encode(body)
	})
	return client(t, s.URL, func(cfg *fetch.Config) { cfg.Vendor, cfg.RateStyle = fetch.Ziti, fetch.RateNone }), calls.Load
}

func TestOffsetPages(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n, max    int
		pageSize  int
		meta      func(limit, offset int) map[string]any
		wantCalls int64
		wantErr   string
	}{
		{name: "no meta", n: 5, max: 100, pageSize: 2, wantCalls: 3},
		{name: "no meta, exact multiple", n: 4, max: 100, pageSize: 2, wantCalls: 3},
		{name: "applied limit, no totalCount", n: 5, max: 2, pageSize: 10, wantCalls: 3,
			meta: func(limit, offset int) map[string]any {
				return map[string]any{"pagination": map[string]any{"limit": limit, "offset": offset}}
			}},
		{name: "totalCount ends a full page", n: 4, max: 100, pageSize: 2, wantCalls: 2,
			meta: func(limit, offset int) map[string]any {
				return map[string]any{"pagination": map[string]any{"limit": limit, "offset": offset, "totalCount": 4}}
			}},
		{name: "offset not advanced", n: 10, max: 100, pageSize: 2, wantCalls: 2, wantErr: "did not advance the offset",
			meta: func(limit, offset int) map[string]any {
				return map[string]any{"pagination": map[string]any{"limit": limit, "offset": 0}}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, calls := envelope(t, tc.n, tc.max, tc.meta)
			got, err := collectInts(fetch.OffsetPages[int](context.Background(), c, &fetch.Request{Op: "GET /items", Path: "/items"}, tc.pageSize))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != tc.n {
					t.Errorf("%d items, want %d", len(got), tc.n)
				}
			}
			if n := calls(); n != tc.wantCalls {
				t.Errorf("%d calls, want %d", n, tc.wantCalls)
			}
		})
	}
}
