package tables

import "context"

type forceKey struct{}

// WithForce returns a context in which writes that would cut off credsql's own access
// (deleting, disabling or rotating away the key a connection authenticates with) are done
// rather than refused: the statement said so explicitly (credsql_force).
func WithForce(ctx context.Context) context.Context { return context.WithValue(ctx, forceKey{}, true) }

// Forced reports whether ctx allows those writes.
func Forced(ctx context.Context) bool {
	f, _ := ctx.Value(forceKey{}).(bool)
	return f
}
