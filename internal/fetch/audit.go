package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"
)

// Outcome is how a mutating call ended, as the audit log records it.
type Outcome string

// Outcomes of a mutating call.
const (
	// OutcomeOK: the vendor answered 2xx; the change was made.
	OutcomeOK Outcome = "ok"
	// OutcomeRefused: the vendor answered with an error status, a 429 included; nothing was
	// changed.
	OutcomeRefused Outcome = "refused"
	// OutcomeUnknown: the request may have reached the vendor but no answer came back (a 5xx,
	// a reset, a timeout or a cancellation after sending): the change may have been made.
	OutcomeUnknown Outcome = "unknown"
	// OutcomeNotSent: no attempt reached the vendor: the connection or its TLS handshake
	// failed, the login before it failed, or an earlier 429's reset lay beyond --max-wait.
	OutcomeNotSent Outcome = "not_sent"
)

// AuditCall is what fetch knows of one mutating call once it is over: every attempt of it
// included, but never its body or its credentials.
type AuditCall struct {
	Time       time.Time
	Vendor     Vendor
	Connection string // the credsql connection name
	Method     string
	Op         string // route template, never the URL with key values
	Status     int    // last HTTP status; 0 when no answer arrived
	RequestID  string // the vendor's request id, when an answer arrived
	Outcome    Outcome
	Attempts   int
	Error      string // the error, redacted; "" when the call succeeded
	// Object is the concrete object the call addressed: each path argument of the route
	// template by its name ({"appId": "0oa1", "secretId": "ocs2"}), redacted. Nil for a
	// route without path arguments.
	Object map[string]string
	// Created is the id of the object a POST created, as the vendor's answer gives it ("id",
	// else "kid", else OpenZiti's "data.id"), redacted; "" when the answer names no new
	// object (or only one of the path arguments).
	Created string
	// Redact masks the call's secrets (the connection's credentials and the request's
	// Secrets) in a string; an Auditor applies it to what it adds of its own.
	Redact func(string) string
}

// Auditor records mutating API calls. The engine puts one in the context of each statement
// (WithAuditor): it knows who ran which statement, fetch knows the call.
type Auditor interface {
	AuditCall(ctx context.Context, call AuditCall)
}

type auditorKey struct{}

// WithAuditor returns a context whose mutating calls are reported to a.
func WithAuditor(ctx context.Context, a Auditor) context.Context {
	return context.WithValue(ctx, auditorKey{}, a)
}

// AuditorFrom returns the context's Auditor, or nil.
func AuditorFrom(ctx context.Context) Auditor {
	a, _ := ctx.Value(auditorKey{}).(Auditor)
	return a
}

// audit reports a finished mutating call. Logins change nothing at the vendor and are not
// audited.
func (c *Client) audit(ctx context.Context, req *Request, resp *Response, err error) {
	a := AuditorFrom(ctx)
	if a == nil || !req.Mutating() {
		return
	}
	redactor := c.red.With(req.Secrets...)
	call := AuditCall{Time: time.Now().UTC(), Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Method: req.Method,
		Op: req.Op, Outcome: OutcomeOK, Attempts: 1, Redact: redactor.Redact}
	call.Object = PathArgs(req.Op, req.Path, redactor.Redact)
	if resp != nil {
		call.Status = resp.Status
		call.RequestID = resp.Header.Get(c.cfg.RequestIDHeader)
		if req.Method == "POST" && err == nil && !resp.DryRun {
			call.Created = createdID(resp.Body, call.Object, redactor.Redact)
		}
	}
	var ae *APIError
	switch {
	case err == nil:
		call.Attempts = max(resp.Attempts, 1)
	case errors.As(err, &ae) && ae.Op == req.Op: // not a failed login before the call
		call.Status, call.RequestID, call.Attempts = ae.Status, ae.RequestID, max(ae.Attempts, 1)
		switch {
		case ae.Unknown:
			call.Outcome = OutcomeUnknown
		case ae.NotSent:
			call.Outcome = OutcomeNotSent
		case ae.Status >= 400:
			call.Outcome = OutcomeRefused
		case ae.Status >= 200 && ae.Status < 300:
			// Accepted, but the answer could not be read: the change was made.
			call.Outcome = OutcomeOK
		default:
			call.Outcome = OutcomeNotSent
		}
		call.Error = redactor.Redact(err.Error())
	default:
		call.Outcome = OutcomeNotSent
		call.Error = redactor.Redact(err.Error())
	}
	a.AuditCall(ctx, call)
}

// PathArgs returns the path arguments of a request: op is its route template
// ("DELETE /api/v1/apps/{appId}/credentials/secrets/{secretId}") and path the path it was
// sent to, relative to the connection's base URL (see Path). Each {name} segment of the
// template gives the unescaped path segment in the same place, passed through redact. It
// returns nil when the template has no argument or the path does not follow it.
func PathArgs(op, path string, redact func(string) string) map[string]string {
	_, tmpl, ok := strings.Cut(op, " ")
	if !ok || !strings.Contains(tmpl, "{") {
		return nil
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil
	}
	out := map[string]string{}
	for i, t := range ts {
		if len(t) < 2 || t[0] != '{' || t[len(t)-1] != '}' {
			if t != ps[i] {
				return nil
			}
			continue
		}
		v, err := url.PathUnescape(ps[i])
		if err != nil {
			v = ps[i]
		}
		if redact != nil {
			v = redact(v)
		}
		out[t[1:len(t)-1]] = v
	}
	return out
}

// createdID reads the id of the object a POST answer describes: its "id", else its "kid",
// else OpenZiti's envelope "data.id". An id equal to one of the path arguments (the answer
// of a lifecycle call describes the object it addressed) is no new object: "".
func createdID(body []byte, args map[string]string, redact func(string) string) string {
	var doc struct {
		ID   json.RawMessage `json:"id"`
		Kid  json.RawMessage `json:"kid"`
		Data *struct {
			ID json.RawMessage `json:"id"`
		} `json:"data"`
	}
	if len(body) == 0 || json.Unmarshal(body, &doc) != nil {
		return ""
	}
	id := scalar(doc.ID)
	if id == "" {
		id = scalar(doc.Kid)
	}
	if id == "" && doc.Data != nil {
		id = scalar(doc.Data.ID)
	}
	for _, v := range args {
		if v == id {
			return ""
		}
	}
	if id != "" && redact != nil {
		id = redact(id)
	}
	return id
}

// scalar is a JSON string or number as text; "" for anything else.
func scalar(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
