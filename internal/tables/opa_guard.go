package tables

import (
	"context"
	"fmt"
)

// Guards of the OPA key credsql authenticates with: deleting it, disabling or deleting its
// service user, or rotating that user's keys (which puts an expiry on every other key of the
// user) would make every later query of the connection fail. Such a statement runs only when
// it says so: credsql_force (see WithForce).

const forceHint = "To do it anyway, say so explicitly: add the hint /*+ SET_VAR(credsql_force = ON) */ after DELETE or UPDATE, " +
	"or SET credsql_force = ON before the statement (and OFF after)"

// ownKey reports whether user owns the key connection c authenticates with (one read of the
// user's keys).
func ownKey(ctx context.Context, c *Conn, user string) (bool, error) {
	own := c.OPA.KeyID()
	for k, err := range c.OPA.Keys(ctx, user) {
		if err != nil {
			return false, fmt.Errorf("list the keys of %s: %w", user, err)
		}
		if k.ID == own {
			return true, nil
		}
	}
	return false, nil
}

// guardOwnKey refuses, unless forced, what statement would do to the key the connection
// authenticates with; consequence says what would happen.
func guardOwnKey(ctx context.Context, c *Conn, user, statement, consequence string) error {
	if Forced(ctx) {
		return nil
	}
	own, err := ownKey(ctx, c, user)
	if err != nil || !own {
		return err
	}
	return fmt.Errorf("%s: service user %s owns key %s, the key connection %q authenticates with; %s: %w. %s",
		statement, user, c.OPA.KeyID(), c.Name, consequence, ErrForceNeeded, forceHint)
}

// guardOwnKeyDelete refuses, unless forced, deleting the key the connection authenticates
// with.
func guardOwnKeyDelete(ctx context.Context, c *Conn, user, id string) error {
	if Forced(ctx) || id != c.OPA.KeyID() {
		return nil
	}
	return fmt.Errorf("DELETE FROM opa_service_user_keys: key %s of %s is the key connection %q authenticates with; deleting it makes every later query of that connection fail (401) until its key_id and key_secret are replaced: %w. %s",
		id, user, c.Name, ErrForceNeeded, forceHint)
}
