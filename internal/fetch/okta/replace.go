package okta

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Doc is a whole Okta object as JSON, every member kept, those credsql's types do not model
// included. A PUT on an app or an IdP replaces the object: members not sent are lost
// (docs/vendors/okta.md §3.7, §3.8), so credsql sends back the Doc it read
// with only the members it means to change. Numbers stay json.Number, so they come back
// exactly as they were read.
type Doc map[string]any

// DecodeDoc reads one JSON object.
func DecodeDoc(b []byte) (Doc, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var d Doc
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	return d, nil
}

// Clone returns a deep copy.
func (d Doc) Clone() Doc {
	b, err := json.Marshal(d)
	if err != nil {
		return Doc{}
	}
	c, err := DecodeDoc(b)
	if err != nil {
		return Doc{}
	}
	return c
}

// Get returns the member at path, or nil.
func (d Doc) Get(path ...string) any {
	var cur any = map[string]any(d)
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

// Str returns the string at path, or "".
func (d Doc) Str(path ...string) string {
	s, _ := d.Get(path...).(string)
	return s
}

// Strings returns the array of strings at path (nil when absent).
func (d Doc) Strings(path ...string) []string {
	arr, _ := d.Get(path...).([]any)
	var out []string
	for _, e := range arr {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Has reports whether the member at path exists (it may be null).
func (d Doc) Has(path ...string) bool {
	if len(path) == 0 {
		return true
	}
	parent, ok := d.Get(path[:len(path)-1]...).(map[string]any)
	if !ok {
		return false
	}
	_, ok = parent[path[len(path)-1]]
	return ok
}

// Set sets the member at path, creating the objects on the way. It fails when a member on
// the way is not an object.
func (d Doc) Set(value any, path ...string) error {
	cur := map[string]any(d)
	for i, p := range path[:len(path)-1] {
		next, ok := cur[p]
		if !ok || next == nil {
			m := map[string]any{}
			cur[p] = m
			cur = m
			continue
		}
		m, ok := next.(map[string]any)
		if !ok {
			return fmt.Errorf("%s is not an object", joinPath(path[:i+1]))
		}
		cur = m
	}
	cur[path[len(path)-1]] = value
	return nil
}

// Time returns the timestamp at path (zero when absent or not a timestamp).
func (d Doc) Time(path ...string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, d.Str(path...))
	if err != nil {
		return time.Time{}
	}
	return t
}

func joinPath(p []string) string {
	s := ""
	for i, x := range p {
		if i > 0 {
			s += "."
		}
		s += x
	}
	return s
}

// getDoc reads an object fresh: a replacing PUT must start from the vendor's current state,
// never from a cached or memoized answer.
func (c *Client) getDoc(ctx context.Context, route routes.Route, id string) (Doc, error) {
	var raw json.RawMessage
	req := fetch.NewRequest(route, id)
	req.Into, req.Fresh, req.NoStore = &raw, true, true
	if _, err := c.c.Do(ctx, req); err != nil {
		return nil, err
	}
	d, err := DecodeDoc(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: the answer is not a JSON object: %w", route.Op(), err)
	}
	return d, nil
}

// putDoc replaces an object and returns the vendor's answer; in a dry run it returns nil.
func (c *Client) putDoc(ctx context.Context, route fetch.WriteRoute, id string, d Doc) (Doc, error) {
	var raw json.RawMessage
	op := route.Op()
	req := fetch.NewRequest(route, id)
	req.Body, req.Into = map[string]any(d), &raw
	resp, err := c.c.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if resp.DryRun {
		return nil, nil
	}
	out, err := DecodeDoc(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: the answer is not a JSON object: %w", op, err)
	}
	return out, nil
}

// AppDoc reads an application whole, fresh from the vendor.
func (c *Client) AppDoc(ctx context.Context, appID string) (Doc, error) {
	return c.getDoc(ctx, oktaroutes.GetApp, appID)
}

// ReplaceApp sends an application whole (PUT replaces it; okta.md §3.7). In a
// dry run nothing is sent and the answer is nil.
func (c *Client) ReplaceApp(ctx context.Context, appID string, d Doc) (Doc, error) {
	return c.putDoc(ctx, oktaroutes.ReplaceApp, appID, d)
}

// IdPDoc reads an identity provider whole, fresh from the vendor.
func (c *Client) IdPDoc(ctx context.Context, idpID string) (Doc, error) {
	return c.getDoc(ctx, oktaroutes.GetIdP, idpID)
}

// ReplaceIdP sends an identity provider whole (PUT replaces it). In a dry run nothing is sent
// and the answer is nil.
func (c *Client) ReplaceIdP(ctx context.Context, idpID string, d Doc) (Doc, error) {
	return c.putDoc(ctx, oktaroutes.ReplaceIdP, idpID, d)
}

// AppFromDoc decodes the members of an app credsql shows.
func AppFromDoc(d Doc) (App, error) {
	var a App
	err := redecode(d, &a)
	return a, err
}

// IdPFromDoc decodes the members of an IdP credsql shows.
func IdPFromDoc(d Doc) (IdP, error) {
	var p IdP
	err := redecode(d, &p)
	return p, err
}

func redecode(d Doc, into any) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, into)
}
