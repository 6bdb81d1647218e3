package fetch

import (
	"strings"
	"sync"
)

// Redactor replaces known secret values with a mask wherever they occur in a string.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// minSecret is the shortest value treated as a secret: shorter strings would mask ordinary
// words of an error message.
const minSecret = 4

// NewRedactor returns a redactor for the given secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		r.Add(s)
	}
	return r
}

// Add registers a secret.
func (r *Redactor) Add(s string) {
	if len(s) < minSecret {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.secrets {
		if have == s {
			return
		}
	}
	r.secrets = append(r.secrets, s)
	// Longest first, so that a secret containing another is masked whole.
	for i := len(r.secrets) - 1; i > 0 && len(r.secrets[i]) > len(r.secrets[i-1]); i-- {
		r.secrets[i], r.secrets[i-1] = r.secrets[i-1], r.secrets[i]
	}
}

// With returns a redactor that also masks extra.
func (r *Redactor) With(extra ...string) *Redactor {
	r.mu.RLock()
	n := NewRedactor(r.secrets...)
	r.mu.RUnlock()
	for _, s := range extra {
		n.Add(s)
	}
	return n
}

// Redact masks every registered secret in s.
func (r *Redactor) Redact(s string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, "[REDACTED]")
		}
	}
	return s
}
