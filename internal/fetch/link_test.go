package fetch

import (
	"net/http"
	"testing"
)

func TestNextLink(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"separate headers, Okta today", []string{
			`<https://acme.okta.com/api/v1/apps?limit=20>; rel="self"`,
			`<https://acme.okta.com/api/v1/apps?after=0oa1&limit=20>; rel="next"`,
		}, "https://acme.okta.com/api/v1/apps?after=0oa1&limit=20"},
		{"comma-joined, older Okta", []string{
			`<https://acme.okta.com/api/v1/users?after=00ub>; rel="next", <https://acme.okta.com/api/v1/users?after=00ua>; rel="self"`,
		}, "https://acme.okta.com/api/v1/users?after=00ub"},
		{"self before next, joined", []string{
			`<https://x/a?limit=2>; rel="self", <https://x/a?after=b,c&limit=2>; rel="next"`,
		}, "https://x/a?after=b,c&limit=2"},
		{"unquoted and upper-case rel", []string{`<https://x/p2>; REL=next`}, "https://x/p2"},
		{"several relations in one rel", []string{`<https://x/p2>; rel="next last"`}, "https://x/p2"},
		{"extra parameters", []string{`<https://x/p2>; title="page, two"; rel="next"`}, "https://x/p2"},
		{"no next", []string{`<https://x/p1>; rel="self"`, `<https://x/p0>; rel="prev"`}, ""},
		{"no header", nil, ""},
		{"garbage", []string{`https://x/p2; rel="next"`, `<>; rel="next"`}, ""},
		{"nextish relation is not next", []string{`<https://x/p2>; rel="nextpage"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.values {
				h.Add("Link", v)
			}
			if got := NextLink(h); got != tt.want {
				t.Errorf("NextLink = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzNextLink(f *testing.F) {
	for _, s := range []string{
		`<https://a/b?after=1>; rel="next"`,
		`<https://a/b>; rel="self", <https://a/c>; rel="next"`,
		`<a,b>; rel=next, <c>; rel="prev"`,
		`<"quoted>; rel="next"`,
		``, `<`, `>`, `;;;,,,`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Add("Link", v)
		got := NextLink(h)
		if got != "" && len(got) > len(v) {
			t.Fatalf("link %q longer than its header %q", got, v)
		}
	})
}

func TestPath(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"0oa1"}, "/api/v1/apps/0oa1/credentials/keys"},
		{[]string{"a/b"}, "/api/v1/apps/a%2Fb/credentials/keys"},
		{[]string{".."}, "/api/v1/apps/%2E%2E/credentials/keys"},
		{[]string{"."}, "/api/v1/apps/%2E/credentials/keys"},
		{[]string{"x?y#z"}, "/api/v1/apps/x%3Fy%23z/credentials/keys"},
		{[]string{"100%"}, "/api/v1/apps/100%25/credentials/keys"},
		{[]string{"OPA User"}, "/api/v1/apps/OPA%20User/credentials/keys"},
	}
	for _, tt := range tests {
		if got := Path("/api/v1/apps/{appId}/credentials/keys", tt.args...); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
