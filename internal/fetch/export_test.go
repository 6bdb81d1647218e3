package fetch

// OnWait sets a hook called when a caller of Get starts waiting for another caller's login.
func (c *Credential) OnWait(f func()) { c.onWait = f }
