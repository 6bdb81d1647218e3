package fetch

import (
	"net/http"
	"strings"
)

// NextLink returns the target of the rel="next" link in h, or "" when there is none.
//
// Okta sends one `link` header per relation; older Okta responses and OPA may join several
// links into one header, comma-separated (RFC 8288). Both forms are accepted; commas inside
// <...> are part of the URL. The relation is matched case-insensitively, quoted or not, and
// a rel with several space-separated values ("next last") matches too.
func NextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for _, l := range splitLinks(v) {
			target, params, ok := parseLink(l)
			if !ok {
				continue
			}
			for _, p := range params {
				name, val, found := strings.Cut(p, "=")
				if !found || !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				val = strings.Trim(strings.TrimSpace(val), `"`)
				for _, rel := range strings.Fields(val) {
					if strings.EqualFold(rel, "next") {
						return target
					}
				}
			}
		}
	}
	return ""
}

// splitLinks splits a Link header value on the commas that are outside <...> and quotes.
func splitLinks(v string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '"' && depth == 0:
			quoted = !quoted
		case c == '<' && !quoted:
			depth++
		case c == '>' && !quoted && depth > 0:
			depth--
		case c == ',' && depth == 0 && !quoted:
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	return append(out, v[start:])
}

// parseLink splits one link-value into its target and its parameters.
func parseLink(l string) (target string, params []string, ok bool) {
	l = strings.TrimSpace(l)
	if !strings.HasPrefix(l, "<") {
		return "", nil, false
	}
	end := strings.IndexByte(l, '>')
	if end < 0 {
		return "", nil, false
	}
	target = strings.TrimSpace(l[1:end])
	for _, p := range strings.Split(l[end+1:], ";") {
		if p = strings.TrimSpace(p); p != "" {
			params = append(params, p)
		}
	}
	return target, params, target != ""
}
