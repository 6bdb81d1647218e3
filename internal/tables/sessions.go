package tables

import (
	"context"
	"fmt"
)

// EndSession ends what the connection opened at the vendor and would otherwise leave behind:
// the OpenZiti API session credsql logged in to (zitiroutes.Logout). A session
// token the user gave, OPA bearer tokens (which simply expire) and Okta tokens are left alone.
func (c *Conn) EndSession(ctx context.Context) error {
	if c.Ziti == nil {
		return nil
	}
	if err := c.Ziti.EndSession(ctx); err != nil {
		return fmt.Errorf("log out of OpenZiti connection %q: %w", c.Name, err)
	}
	return nil
}
