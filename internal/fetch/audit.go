package fetch

import (
	"context"
	"errors"
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
	if resp != nil {
		call.Status = resp.Status
		call.RequestID = resp.Header.Get(c.cfg.RequestIDHeader)
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
