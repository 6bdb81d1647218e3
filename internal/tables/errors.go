package tables

import (
	"errors"
	"fmt"
)

// Errors of writes that the engine turns into their own MySQL error numbers.
var (
	// ErrConflict: the object changed at the vendor between credsql's read and its write (its
	// lastUpdated moved), so the write was not sent: a replacing PUT would have undone the
	// other change.
	ErrConflict = errors.New("changed concurrently")
	// ErrReferenced: the object is still in use by another (an IdP trusts the key), so the
	// delete or change was not sent.
	ErrReferenced = errors.New("still in use")
	// ErrForceNeeded: the statement would cut off credsql's own access; it runs only when the
	// session says so explicitly (SET credsql_force = ON).
	ErrForceNeeded = errors.New("refused without credsql_force")
)

// conflictError says what changed concurrently.
func conflictError(what string, read, now any) error {
	return fmt.Errorf("%s was changed by someone else since credsql read it (lastUpdated %v, now %v): %w; nothing was sent, read it again and retry",
		what, read, now, ErrConflict)
}
