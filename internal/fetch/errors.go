package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/routes"
)

// Sentinel errors that an *APIError matches with errors.Is, by HTTP status.
var (
	ErrNotFound     = errors.New("not found")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrRateLimited  = errors.New("rate limited")
	// ErrOutcomeUnknown marks a write whose request may have reached the vendor but whose
	// response was lost (5xx, reset or timeout after sending). It is never retried.
	ErrOutcomeUnknown = errors.New("outcome unknown")
	// ErrEmptyKey refuses, before sending, a call whose path has an empty key segment: no
	// vendor object has an empty id, and the path would address the collection instead. It
	// matches ErrNotFound.
	ErrEmptyKey = fmt.Errorf("an empty key value names no object: %w", ErrNotFound)
)

// Vendor names the API family a connection speaks (declared with the route catalog).
type Vendor = routes.Vendor

// The vendors credsql knows.
const (
	Okta = routes.Okta
	Ziti = routes.Ziti
	OPA  = routes.OPA
)

// APIError is every vendor failure, whatever the vendor: the HTTP status and the vendor's
// own error code, summary, causes and request id, with the route template (never the raw
// URL) of the call that failed. Okta bodies are described in docs/vendors/okta.md §2.5,
// OpenZiti envelopes in docs/vendors/ziti.md §4.3, OPA bodies in docs/vendors/opa.md §4.
type APIError struct {
	Vendor     Vendor
	Connection string
	Op         string // route template: the catalog entry's Op, "METHOD /path/{param}"
	Status     int    // 0 when no response arrived
	Code       string // vendor error code: Okta errorCode, Ziti error.code, OPA type
	Message    string // vendor summary
	Causes     []string
	RequestID  string        // X-Okta-Request-Id, Ziti requestId, ...
	RetryAfter time.Duration // from rate-limit headers, when the vendor said
	Attempts   int           // how many times the call was tried
	// Unknown is set for a write that may have been applied: see ErrOutcomeUnknown.
	Unknown bool
	// NotSent is set for a write no attempt of which reached the vendor: nothing changed.
	NotSent bool
	// Hint is a sentence for the user: which variable to check, which SELECT verifies a write.
	Hint string
	// Err is the transport error when there was no HTTP response.
	Err error
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Vendor.Title())
	if e.Connection != "" {
		fmt.Fprintf(&b, " connection %q", e.Connection)
	}
	if e.Op != "" {
		b.WriteString(": ")
		b.WriteString(e.Op)
	}
	if e.Unknown {
		b.WriteString(": outcome unknown")
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, ": %d %s", e.Status, http.StatusText(e.Status))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if causes := e.distinctCauses(); len(causes) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(causes, "; "))
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d tries)", e.Attempts)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// distinctCauses are the causes that say something the summary and earlier causes do not
// (OpenZiti may send the same text as causeMessage and as its cause's message).
func (e *APIError) distinctCauses() []string {
	var out []string
	seen := map[string]bool{e.Message: true}
	for _, c := range e.Causes {
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// Unwrap returns the transport error, if any.
func (e *APIError) Unwrap() error { return e.Err }

// Is maps the HTTP status onto the package's sentinel errors.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrUnauthorized:
		return e.Status == http.StatusUnauthorized
	case ErrForbidden:
		return e.Status == http.StatusForbidden
	case ErrRateLimited:
		return e.Status == http.StatusTooManyRequests
	case ErrOutcomeUnknown:
		return e.Unknown
	}
	return false
}

// IsNotFound reports whether err is a vendor 404.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
