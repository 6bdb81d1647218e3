package sim

import (
	"github.com/credsql/credsql/internal/routes"
	"net/http"
	"net/url"
	"strings"
)

// router matches requests on their escaped path, segment by segment, so that an escaped
// '/' or '..' inside a key stays inside one segment, as on a real API gateway.
type router struct{ routes []*route }

type route struct {
	entry   routes.Route // the catalog entry served
	vendor  string
	method  string
	pattern string // the entry's path under the vendor's prefix
	segs    []string
	list    bool // a list endpoint (PageLatency applies)
	h       handler
}

type params map[string]string

type handler func(w http.ResponseWriter, r *http.Request, p params)

// add serves the catalog entry e with h: the simulator serves only declared routes, under
// the prefix of the entry's vendor (vendorPrefix).
func (rt *router) add(e routes.Route, h handler) {
	pattern := vendorPrefix(e.Vendor) + e.Path
	rt.routes = append(rt.routes, &route{entry: e, vendor: string(e.Vendor), method: e.Method, pattern: pattern,
		segs: strings.Split(strings.Trim(pattern, "/"), "/"), list: e.Paging.List(), h: h})
}

// vendorPrefix is where the simulator serves a vendor's API: the path of the base URL a
// connection to it is given.
func vendorPrefix(v routes.Vendor) string {
	switch v {
	case routes.Ziti:
		return ZitiPrefix
	case routes.OPA:
		return OPAPrefix
	}
	return ""
}

func (rt *router) match(r *http.Request) (*route, params) {
	raw := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	segs := make([]string, len(raw))
	for i, s := range raw {
		u, err := url.PathUnescape(s)
		if err != nil {
			return nil, nil
		}
		segs[i] = u
	}
	var pathMatch *route
	for _, ro := range rt.routes {
		if len(ro.segs) != len(segs) {
			continue
		}
		p := params{}
		ok := true
		for i, s := range ro.segs {
			if strings.HasPrefix(s, "{") {
				p[s[1:len(s)-1]] = segs[i]
				continue
			}
			// Literal segments compare against the raw segment: "%2E%2E" is not "..".
			if s != raw[i] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if ro.method == r.Method {
			return ro, p
		}
		pathMatch = ro
	}
	if pathMatch != nil {
		return &route{vendor: pathMatch.vendor, method: r.Method, pattern: pathMatch.pattern, h: methodNotAllowed}, params{}
	}
	return nil, nil
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, _ params) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusMethodNotAllowed)
	_, _ = w.Write([]byte(`{"errorCode":"E0000022","errorSummary":"The endpoint does not support the provided HTTP method","errorLink":"E0000022","errorId":"` + requestID("oae") + `","errorCauses":[]}`))
}

func notFoundRoute(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	switch {
	case strings.HasPrefix(r.URL.Path, ZitiPrefix):
		_, _ = w.Write([]byte(`{"error":{"code":"NOT_FOUND","message":"The resource requested was not found or is no longer available","requestId":"` + requestID("") + `"},"meta":{"apiEnrollmentVersion":"0.0.1","apiVersion":"0.0.1"}}`))
	case strings.HasPrefix(r.URL.Path, OPAPrefix):
		_, _ = w.Write([]byte(`{"type":"resource_does_not_exist","code":404,"message":"Not Found"}`))
	default:
		_, _ = w.Write([]byte(`{"errorCode":"E0000008","errorSummary":"The requested path was not found","errorLink":"E0000008","errorId":"` + requestID("oae") + `","errorCauses":[]}`))
	}
}
