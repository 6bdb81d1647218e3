package tables

import (
	"context"
	"fmt"
)

// guardOwnAuthenticator refuses, unless forced (credsql_force), deleting the OpenZiti
// authenticator the connection's API session logged in with: the next login of the
// connection would fail. The session names its authenticator (one read of
// zitiroutes.CurrentSession).
func guardOwnAuthenticator(ctx context.Context, c *Conn, id string) error {
	if Forced(ctx) {
		return nil
	}
	identity, own, err := c.Ziti.SessionAuthenticator(ctx)
	if err != nil {
		return fmt.Errorf("read the connection's API session to check that %s is not its own authenticator: %w", id, err)
	}
	if id != own {
		return nil
	}
	return fmt.Errorf("DELETE FROM ziti_identity_authenticators: authenticator %s of identity %s is the one connection %q logged in with; "+
		"deleting it makes the connection's next login fail until its credential is replaced: %w. %s",
		id, identity, c.Name, ErrForceNeeded, forceHint)
}
