package sim_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
)

// How the paging oracle walks a list and what it checks on each page.

// link is one RFC 8288 link of a Link header.
type link struct{ url, rel string }

// links parses the Link headers of a response and checks their form: one link per header
// line (LinkHeaders, current Okta), or every link in one comma-joined line (LinkJoined).
func links(t *testing.T, h http.Header, style sim.LinkStyle) map[string]string {
	t.Helper()
	vals := h.Values("Link")
	var all []link
	for _, v := range vals {
		ls := parseLinks(t, v)
		if style == sim.LinkHeaders && len(ls) != 1 {
			t.Errorf("Link header line %q holds %d links, want one per line", v, len(ls))
		}
		all = append(all, ls...)
	}
	if style == sim.LinkJoined && len(vals) > 1 {
		t.Errorf("%d Link header lines, want the links joined in one: %q", len(vals), vals)
	}
	out := map[string]string{}
	for _, l := range all {
		if _, dup := out[l.rel]; dup {
			t.Errorf("two links with rel=%q: %q", l.rel, vals)
		}
		out[l.rel] = l.url
	}
	return out
}

// parseLinks splits `<u1>; rel="a", <u2>; rel="b"` (commas inside <> belong to the URL).
func parseLinks(t *testing.T, v string) []link {
	t.Helper()
	var out []link
	for rest := strings.TrimSpace(v); rest != ""; {
		if rest[0] != '<' {
			t.Fatalf("Link %q: want <url> at %q", v, rest)
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			t.Fatalf("Link %q: unterminated <", v)
		}
		l := link{url: rest[1:end]}
		rest = rest[end+1:]
		params, next, _ := strings.Cut(rest, ",")
		for _, p := range strings.Split(params, ";") {
			if k, val, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "rel") {
				l.rel = strings.Trim(val, `"`)
			}
		}
		if l.rel == "" {
			t.Fatalf("Link %q: a link without rel", v)
		}
		out = append(out, l)
		rest = strings.TrimSpace(next)
	}
	return out
}

// wantURL checks that got is the absolute URL of base+path with exactly the query q.
func wantURL(t *testing.T, what, got, base, path string, q url.Values) {
	t.Helper()
	u, err := url.Parse(got)
	if err != nil || !u.IsAbs() {
		t.Fatalf("%s link %q is not an absolute URL", what, got)
	}
	if u.Scheme+"://"+u.Host != base || u.EscapedPath() != (&url.URL{Path: path}).EscapedPath() {
		t.Errorf("%s link %q: want %s%s", what, got, base, path)
	}
	if d := gocmp.Diff(q, u.Query()); d != "" {
		t.Errorf("%s link %q: query (-want +got):\n%s", what, got, d)
	}
}

func withQuery(q url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = slices.Clone(v)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func pageURL(base, path string, q url.Values) string {
	if len(q) == 0 {
		return base + path
	}
	return base + path + "?" + q.Encode()
}

// checkCover reports duplicates and gaps of the concatenated pages against want.
func checkCover(t *testing.T, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
		if seen[id] == 2 {
			t.Errorf("%s listed twice", id)
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			t.Errorf("%s never listed", id)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d items listed, want %d", len(got), len(want))
	}
}

// walk lists c at page size n (0: no limit parameter, the vendor's default) and compares
// every page with the oracle. It returns the items listed.
func (w *pgWorld) walk(t *testing.T, rt pgRoute, c pgCase, n int) []map[string]any {
	t.Helper()
	size := n
	if n == 0 {
		size = rt.def
	}
	size = min(size, rt.max)
	switch rt.scheme {
	case oktaCursor:
		return w.walkLinks(t, rt, c, n, size, "limit", "after")
	case opaCursor:
		return w.walkLinks(t, rt, c, n, size, "count", "offset")
	case zitiOffset:
		return w.walkOffsets(t, rt, c, n, size)
	}
	return w.walkWhole(t, rt, c, n)
}

// walkLinks follows next links: each must hold the cursor of the page's last item (its id)
// and the page size, keep the filters, and be absent on the last page.
func (w *pgWorld) walkLinks(t *testing.T, rt pgRoute, c pgCase, n, size int, sizeParam, cursorParam string) []map[string]any {
	t.Helper()
	want := chunks(c.want, size)
	q := withQuery(c.query)
	if n > 0 {
		q.Set(sizeParam, strconv.Itoa(n))
	}
	u := pageURL(w.base, c.path, q)
	var got []map[string]any
	for i := 0; u != ""; i++ {
		if i == len(want) {
			t.Fatalf("page %d: the oracle has %d pages; next link %s", i+1, len(want), u)
		}
		r := w.get(t, u)
		page := items(t, r, rt.scheme, u)
		if d := gocmp.Diff(want[i], itemIDs(page)); d != "" {
			t.Errorf("page %d of %d (%s): ids (-want +got):\n%s", i+1, len(want), u, d)
		}
		got = append(got, page...)
		ls := links(t, r.header, w.style)
		if rt.scheme == oktaCursor {
			self, ok := ls["self"]
			if !ok {
				t.Errorf("page %d: no self link", i+1)
			} else if self != u {
				t.Errorf("page %d: self link %q, want %q", i+1, self, u)
			}
		}
		u = ls["next"]
		if i == len(want)-1 {
			if u != "" {
				t.Errorf("last page %d has a next link %s", i+1, u)
			}
			break
		}
		if u == "" {
			t.Fatalf("page %d of %d has no next link", i+1, len(want))
		}
		wantURL(t, "next", u, w.base, c.path, withQuery(c.query, cursorParam, want[i][len(want[i])-1], sizeParam, strconv.Itoa(size)))
	}
	checkCover(t, itemIDs(got), c.want)
	return got
}

// walkOffsets pages by offset as OpenZiti clients do (offset += limit until offset >= totalCount)
// and checks each envelope's pagination, then asks one page past the end.
func (w *pgWorld) walkOffsets(t *testing.T, rt pgRoute, c pgCase, n, size int) []map[string]any {
	t.Helper()
	want := chunks(c.want, size)
	var got []map[string]any
	type pagination struct{ Limit, Offset, TotalCount int }
	for i, off := 0, 0; ; i, off = i+1, off+size {
		q := withQuery(c.query, "offset", strconv.Itoa(off))
		if n > 0 {
			q.Set("limit", strconv.Itoa(n))
		}
		u := pageURL(w.base, c.path, q)
		r := w.get(t, u)
		page := items(t, r, rt.scheme, u)
		var env struct {
			Meta struct{ Pagination *pagination }
		}
		if err := json.Unmarshal(r.body, &env); err != nil || env.Meta.Pagination == nil {
			t.Fatalf("GET %s: no meta.pagination: %s", u, r.body)
		}
		wantMeta := pagination{Limit: size, Offset: off, TotalCount: len(c.want)}
		if d := gocmp.Diff(wantMeta, *env.Meta.Pagination); d != "" {
			t.Errorf("GET %s: meta.pagination (-want +got):\n%s", u, d)
		}
		if i >= len(want) {
			if len(page) != 0 {
				t.Errorf("GET %s: past the end, %d items", u, len(page))
			}
			break
		}
		if d := gocmp.Diff(want[i], itemIDs(page)); d != "" {
			t.Errorf("page %d of %d (%s): ids (-want +got):\n%s", i+1, len(want), u, d)
		}
		got = append(got, page...)
		if last := off+size >= env.Meta.Pagination.TotalCount; last != (i == len(want)-1) {
			t.Errorf("GET %s: totalCount %d ends the list after page %d, the oracle after %d", u, env.Meta.Pagination.TotalCount, i+1, len(want))
		}
	}
	checkCover(t, itemIDs(got), c.want)
	return got
}

// walkWhole checks a list without paging parameters: whatever limit or count is sent, the
// whole collection comes in one response with no next link.
func (w *pgWorld) walkWhole(t *testing.T, rt pgRoute, c pgCase, n int) []map[string]any {
	t.Helper()
	q := url.Values{}
	if n > 0 {
		param := "limit"
		if strings.HasPrefix(c.path, sim.OPAPrefix) {
			param = "count"
		}
		q.Set(param, strconv.Itoa(n))
	}
	u := pageURL(w.base, c.path, q)
	r := w.get(t, u)
	page := items(t, r, rt.scheme, u)
	if d := gocmp.Diff(c.want, itemIDs(page)); d != "" {
		t.Errorf("GET %s: ids (-want +got):\n%s", u, d)
	}
	if next, ok := links(t, r.header, w.style)["next"]; ok {
		t.Errorf("GET %s: a list without paging has a next link %s", u, next)
	}
	checkCover(t, itemIDs(page), c.want)
	return page
}

// checkItems compares every listed item with the same item read by itself.
func (w *pgWorld) checkItems(t *testing.T, c pgCase, list []map[string]any) {
	t.Helper()
	if c.get == nil {
		return
	}
	for _, it := range list {
		p := c.get(it)
		r := w.get(t, p)
		var one map[string]any
		if err := json.Unmarshal(r.body, &one); err != nil || r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, r.status, r.body)
		}
		if strings.HasPrefix(p, sim.ZitiPrefix) {
			one, _ = one["data"].(map[string]any)
		}
		if d := gocmp.Diff(one, it); d != "" {
			t.Errorf("listed item differs from GET %s (-get +list):\n%s", p, d)
		}
	}
}
