// Package routes is the typed catalog of every vendor endpoint credsql calls: one Route per
// endpoint, declared once in the vendor's package (oktaroutes, zitiroutes, oparoutes). The
// fetch clients build their requests from the entries, the tables name them for their docs,
// the simulator serves exactly the declared routes and counts calls by entry, `credsql
// connections` reports the permission an entry needs, and docs/permissions.md is generated
// from them.
//
// The package imports nothing of credsql, so that fetch, tables, the simulator and the docs
// generator can all depend on it.
package routes

import (
	"net/url"
	"strings"
)

// Vendor names the API family a connection speaks.
type Vendor string

// The vendors credsql knows.
const (
	Okta Vendor = "okta"
	Ziti Vendor = "ziti"
	OPA  Vendor = "opa"
)

// Vendors is every vendor, in display order. It is the one list: the configuration, the
// tables' vendor registry (tables.VendorDefs), reports, metrics and the checks of `credsql
// connections` iterate it; a test proves each has a registry entry.
var Vendors = []Vendor{Okta, Ziti, OPA}

// Title is the vendor's display name.
func (v Vendor) Title() string {
	switch v {
	case Okta:
		return "Okta"
	case Ziti:
		return "OpenZiti"
	case OPA:
		return "Okta Privileged Access"
	}
	return string(v)
}

// Paging is how an endpoint answers: one object, or a list in one or more pages.
type Paging int

const (
	// NoPages is an endpoint that answers one object (or nothing): a get, a write, a login.
	NoPages Paging = iota
	// OnePage is a list the vendor answers whole, without paging parameters. The clients
	// still follow a Link rel="next" should one come.
	OnePage
	// LinkHeader is a list paged by the Link rel="next" response header, followed as given
	// (Okta's after cursor, OPA's opaque offset).
	LinkHeader
	// LimitOffset is a list paged with limit and offset, counted by meta.pagination in the
	// answer (OpenZiti).
	LimitOffset
)

func (p Paging) String() string {
	switch p {
	case OnePage:
		return "one page"
	case LinkHeader:
		return "Link rel=\"next\""
	case LimitOffset:
		return "limit/offset"
	}
	return "none"
}

// List reports whether the endpoint answers a list.
func (p Paging) List() bool { return p != NoPages }

// Route is one vendor endpoint. Routes are comparable: tests count calls by Route and the
// simulator registers its handlers by Route.
type Route struct {
	Vendor Vendor
	Method string
	// Path is the template relative to the connection's base URL, with one {name} per
	// path argument ("/things/{thingId}/parts").
	Path   string
	Paging Paging
	// Bucket is the rate-limit bucket the client counts the call in, for vendors whose
	// limits are per endpoint family (Okta); "" where the vendor counts all calls together.
	Bucket string
	// Needs is the permission the call needs: an OAuth scope (okta.apps.read), an admin role,
	// or the credential itself for a login.
	Needs string
	// Login marks a credential exchange: it changes nothing at the vendor and is retried like
	// a read.
	Login bool
	// Idempotent is set when sending the request again leaves the vendor as one send does:
	// a PUT of a whole object, a DELETE, a change to a named state. Such a write is sent
	// again when its answer is lost (a reset, a timeout, a 5xx); a DELETE that then finds
	// the object gone has done its job. Any other write (a create, a generate, a rotate, a
	// password change) is never sent twice: a lost answer is an unknown outcome.
	Idempotent bool
	// Why says, for a write, what the call does and why it may or may not be sent again.
	Why string
	// Doc is a short description of the call.
	Doc string
}

// Op is the route template of errors, logs and the audit log: "POST /things/{thingId}/parts".
func (r Route) Op() string { return r.Method + " " + r.Path }

// String is Op.
func (r Route) String() string { return r.Op() }

// Mutating reports whether the call changes vendor state: any method but GET, HEAD and
// OPTIONS, except a login.
func (r Route) Mutating() bool {
	if r.Login {
		return false
	}
	switch r.Method {
	case "", "GET", "HEAD", "OPTIONS":
		return false
	}
	return true
}

// Expand is the route's path with args expanded in order (see Expand).
func (r Route) Expand(args ...string) string { return Expand(r.Path, args...) }

// Params are the names of the template's {name} segments, in order.
func (r Route) Params() []string {
	var out []string
	for _, s := range strings.Split(r.Path, "/") {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			out = append(out, s[1:len(s)-1])
		}
	}
	return out
}

// Expand expands a route template such as "/things/{thingId}/parts/{partId}"
// with args in order. Every argument becomes exactly one path segment: '/', '?', '#', '%',
// spaces and dot-segments ("." and "..") are percent-encoded, so a key value can never
// address a different endpoint.
func Expand(template string, args ...string) string {
	var b strings.Builder
	i := 0
	for {
		open := strings.IndexByte(template, '{')
		if open < 0 {
			b.WriteString(template)
			break
		}
		end := strings.IndexByte(template[open:], '}')
		if end < 0 {
			b.WriteString(template)
			break
		}
		b.WriteString(template[:open])
		arg := ""
		if i < len(args) {
			arg = args[i]
		}
		i++
		b.WriteString(Segment(arg))
		template = template[open+end+1:]
	}
	return b.String()
}

// Segment escapes s as a single URL path segment.
func Segment(s string) string {
	if s == "" || s == "." || s == ".." {
		return strings.Repeat("%2E", len(s))
	}
	return url.PathEscape(s)
}

// Writes returns the routes of all that change vendor state, in order.
func Writes(all []Route) []Route {
	var out []Route
	for _, r := range all {
		if r.Mutating() {
			out = append(out, r)
		}
	}
	return out
}
