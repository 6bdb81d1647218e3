package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// A dry run sends every read and no write: Client.Do answers a mutating request of a dry-run
// context without sending it and records it as a PlannedCall. The caller gets a Response with
// DryRun set and nothing decoded into Request.Into, so code that needs the answer of a write
// (a generated kid) checks IsDryRun and goes on with a placeholder. Logins are not writes:
// they run, so that the reads a plan needs can.

// PlannedCall is a mutating call a dry run did not send: exactly what would have been sent,
// with secrets masked.
type PlannedCall struct {
	Vendor     Vendor
	Connection string
	Method     string
	Op         string // route template
	Path       string // path and query as sent, relative to the connection's base URL
	Body       string // the body as sent (JSON or PEM), secrets masked; "" for none
}

// String is the call as one line: the method, the expanded path and the body ("PUT /x/1 {...}").
func (p PlannedCall) String() string {
	s := p.Method + " " + p.Path
	if p.Body != "" {
		s += " " + p.Body
	}
	return s
}

// DryRun collects the calls of a dry run. It is safe for concurrent use.
type DryRun struct {
	mu    sync.Mutex
	calls []PlannedCall
	taken int
}

type dryRunKey struct{}

// WithDryRun returns a context whose mutating calls are recorded in d instead of being sent.
func WithDryRun(ctx context.Context, d *DryRun) context.Context {
	return context.WithValue(ctx, dryRunKey{}, d)
}

// DryRunFrom returns the context's DryRun, or nil.
func DryRunFrom(ctx context.Context) *DryRun {
	d, _ := ctx.Value(dryRunKey{}).(*DryRun)
	return d
}

// IsDryRun reports whether ctx is a dry run.
func IsDryRun(ctx context.Context) bool { return DryRunFrom(ctx) != nil }

func (d *DryRun) add(p PlannedCall) {
	d.mu.Lock()
	d.calls = append(d.calls, p)
	d.mu.Unlock()
}

// Calls returns every call planned so far.
func (d *DryRun) Calls() []PlannedCall {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]PlannedCall(nil), d.calls...)
}

// Take returns the calls planned since the last Take.
func (d *DryRun) Take() []PlannedCall {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := append([]PlannedCall(nil), d.calls[d.taken:]...)
	d.taken = len(d.calls)
	return out
}

// plan records req in the context's dry run and returns the answer the caller gets.
func (c *Client) plan(d *DryRun, req *Request, target string) *Response {
	path := strings.TrimPrefix(target, c.base.String())
	redactor := c.red.With(req.Secrets...)
	p := PlannedCall{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Method: req.Method, Op: req.Op, Path: redactor.Redact(path)}
	switch {
	case req.RawBody != nil:
		p.Body = redactor.Redact(string(req.RawBody))
	case req.Body != nil:
		b, err := json.Marshal(req.Body)
		if err != nil {
			p.Body = fmt.Sprintf("(body not encodable: %v)", err)
		} else {
			p.Body = redactor.Redact(string(MaskJSON(b)))
		}
	}
	d.add(p)
	return &Response{Status: 0, Header: map[string][]string{}, DryRun: true}
}

// secretMember reports whether a JSON member name holds a secret: a password, a secret or a
// token (password, currentPassword, client_secret, key_secret, bearer_token, ...).
func secretMember(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"password", "secret", "token"} {
		if n == s || strings.HasSuffix(n, s) && (strings.HasSuffix(n, "_"+s) || s == "password") {
			return true
		}
	}
	return false
}

// MaskJSON masks the values of members that hold secrets (passwords, secrets, tokens) in a
// JSON document; a document that does not parse is returned as it is.
func MaskJSON(b []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return b
	}
	v = maskValue("", v)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b
	}
	return bytes.TrimRight(out.Bytes(), "\n")
}

func maskValue(name string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = maskValue(k, e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = maskValue(name, e)
		}
		return x
	case string:
		if x != "" && secretMember(name) {
			return "****"
		}
	}
	return v
}
