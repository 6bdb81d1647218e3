package mysql

// This file is credsql's patch of vitess (CREDSQL-PATCHES.md at the module root): the
// commands and protocol details that the Conn's command loop must handle, with the optional
// interfaces through which a Handler takes part. A Handler that implements none of them gets
// the behaviour of the unpatched module.

import (
	"context"
	"fmt"

	"github.com/dolthub/vitess/go/vt/log"
)

const (
	// ComStatistics is COM_STATISTICS.
	ComStatistics = 0x09
	// ComChangeUser is COM_CHANGE_USER.
	ComChangeUser = 0x11
)

// StatisticsHandler is a Handler that answers COM_STATISTICS (mysql_stat(), the mysql
// client's status command, mysqladmin status).
type StatisticsHandler interface {
	// ComStatistics returns the human-readable line MySQL sends: "Uptime: N  Threads: N
	// Questions: N  ...". It is sent as it is (a string<EOF>, not an OK packet).
	ComStatistics(c *Conn) string
}

// ChangeUserHandler is a Handler that supports COM_CHANGE_USER. The Conn authenticates the
// new user with the listener's AuthServer, as at connection time, and then calls
// ComChangeUser.
type ChangeUserHandler interface {
	// ComChangeUser is called once c.User and c.UserData are those of the new user (the
	// prepared statements and any open cursor of c are already gone): it gives the connection
	// a new session of that user with schemaName ("" for none) as the current database,
	// dropping the old session's variables, transaction and locks. An error is sent to the
	// client, and the connection is closed.
	ComChangeUser(c *Conn, schemaName string) error
}

// CallHandler is a Handler that runs CALL statements. MySQL answers a CALL whose procedure
// returned a result set with that result set, its end flagged SERVER_MORE_RESULTS_EXISTS,
// and then a final OK packet with the status of the CALL itself; drivers (mysql2's execute,
// the mariadb Node connector, Connector/J) read that OK packet.
type CallHandler interface {
	// IsCall reports whether the first statement of query is a CALL.
	IsCall(c *Conn, query string) bool
}

// PrepareErrorHandler is a Handler that chooses the error of a statement that the Conn
// could not parse at COM_STMT_PREPARE (the Conn parses it to count its parameters, before
// the Handler sees it), so that it is the error the Handler gives the same statement at
// COM_QUERY: MySQL's 1064 for a syntax error, instead of 1105.
type PrepareErrorHandler interface {
	PrepareError(c *Conn, query string, err error) error
}

// isCall reports whether handler says the first statement of query is a CALL.
func isCall(handler Handler, c *Conn, query string) bool {
	h, ok := handler.(CallHandler)
	return ok && h.IsCall(c, query)
}

// writeCallOK writes the final OK packet of a CALL that returned a result set; more is set
// when statements of a multi-statement query follow.
func (c *Conn) writeCallOK(more bool, handler Handler) error {
	flags := c.StatusFlags
	if more {
		flags |= ServerMoreResultsExists
	}
	return c.writeOKPacket(0, 0, flags, handler.WarningCount(c))
}

// PrepareRewriter is a Handler that rewrites the text of a statement at COM_STMT_PREPARE
// before the Conn parses it (credsql turns its EXEC and the MySQL syntax the parser lacks
// into statements it can parse, as it does for COM_QUERY). An error is sent to the client
// instead of preparing.
type PrepareRewriter interface {
	RewritePrepare(c *Conn, query string) (string, error)
}

// rewritePrepare is the text of a statement to prepare, after the handler's rewrite.
func rewritePrepare(handler Handler, c *Conn, query string) (string, error) {
	if h, ok := handler.(PrepareRewriter); ok {
		return h.RewritePrepare(c, query)
	}
	return query, nil
}

// prepareParseError is the error sent for a statement that could not be parsed at
// COM_STMT_PREPARE.
func prepareParseError(handler Handler, c *Conn, query string, err error) error {
	if h, ok := handler.(PrepareErrorHandler); ok {
		return h.PrepareError(c, query, err)
	}
	return err
}

// handleCredsqlCommand handles the commands of this patch: COM_STATISTICS and COM_CHANGE_USER.
// A Handler that does not support one gets the unknown-command error of the unpatched module.
// It returns an error when the connection must be closed.
func (c *Conn) handleCredsqlCommand(ctx context.Context, handler Handler, data []byte) error {
	switch data[0] {
	case ComStatistics:
		if h, ok := handler.(StatisticsHandler); ok {
			c.recycleReadPacket()
			return c.writeStatistics(h.ComStatistics(c))
		}
	case ComChangeUser:
		if h, ok := handler.(ChangeUserHandler); ok {
			return c.handleComChangeUser(ctx, h, data)
		}
	}
	cmd := data[0]
	c.recycleReadPacket()
	if err := c.writeErrorPacket(ERUnknownComError, SSUnknownComError, "command handling not implemented yet: %v", cmd); err != nil {
		log.Errorf("Error writing error packet to %s: %s", c, err)
		return err
	}
	return nil
}

// writeStatistics writes the answer to COM_STATISTICS: the text alone, without a header byte.
func (c *Conn) writeStatistics(s string) error {
	data := c.startEphemeralPacket(len(s))
	copy(data, s)
	if err := c.writeEphemeralPacket(); err != nil {
		log.Errorf("Error writing ComStatistics result to %s: %v", c, err)
		return err
	}
	return nil
}

// changeUser is a parsed COM_CHANGE_USER packet.
type changeUser struct {
	user, schema string
	authMethod   AuthMethodDescription
	authResponse []byte
	charset      uint8
	hasCharset   bool
}

// parseComChangeUser parses COM_CHANGE_USER (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_change_user.html):
//
//	int<1> 0x11, string<NUL> user,
//	CLIENT_SECURE_CONNECTION: int<1> length, string<length> auth response; else string<NUL>,
//	string<NUL> database,
//	if more data: int<2> character set, CLIENT_PLUGIN_AUTH: string<NUL> auth plugin name,
//	CLIENT_CONNECT_ATTRS: connection attributes.
//
// The Conn keeps only a subset of the client's capabilities, so the optional fields are read
// when present. The returned values are copies.
func parseComChangeUser(data []byte) (changeUser, error) {
	var cu changeUser
	pos := 1
	var ok bool
	if cu.user, pos, ok = readNullString(data, pos); !ok {
		return cu, fmt.Errorf("COM_CHANGE_USER: can't read the user name")
	}
	var n byte
	if n, pos, ok = readByte(data, pos); !ok {
		return cu, fmt.Errorf("COM_CHANGE_USER: can't read the auth response length")
	}
	if cu.authResponse, pos, ok = readBytesCopy(data, pos, int(n)); !ok {
		return cu, fmt.Errorf("COM_CHANGE_USER: can't read the auth response")
	}
	if cu.schema, pos, ok = readNullString(data, pos); !ok {
		return cu, fmt.Errorf("COM_CHANGE_USER: can't read the database")
	}
	cu.authMethod = MysqlNativePassword
	if pos+2 <= len(data) {
		cs, _, _ := readUint16(data, pos)
		pos += 2
		cu.charset, cu.hasCharset = uint8(cs), true
		if pos < len(data) {
			var m string
			if m, pos, ok = readNullString(data, pos); ok && m != "" {
				cu.authMethod = AuthMethodDescription(m)
			}
		}
	}
	return cu, nil
}

// handleComChangeUser authenticates the connection as another user and gives it a new
// session. The server always answers with an auth switch request carrying a new salt, which
// COM_CHANGE_USER allows and every client follows, so that the client's answer is checked
// against a salt this Conn chose. A refused login is sent as an error and closes the
// connection, as MySQL does.
func (c *Conn) handleComChangeUser(ctx context.Context, h ChangeUserHandler, data []byte) error {
	cu, err := parseComChangeUser(data)
	c.recycleReadPacket()
	if err != nil {
		log.Errorf("Conn %v: %v", c.ID(), err)
		if werr := c.writeErrorPacket(ERUnknownComError, SSUnknownComError, "%v", err); werr != nil {
			return werr
		}
		return err
	}
	l := c.listener
	refuse := func(reason string) error {
		log.Warningf("Conn %v: COM_CHANGE_USER to %q: %s", c.ID(), cu.user, reason)
		if werr := c.writeErrorPacket(ERAccessDeniedError, SSAccessDeniedError, "Access denied for user '%s'", cu.user); werr != nil {
			return werr
		}
		return fmt.Errorf("COM_CHANGE_USER refused")
	}
	if l == nil || l.authServer == nil {
		return refuse("no auth server")
	}
	method, err := negotiateAuthMethod(c, l.authServer, cu.user, cu.authMethod)
	if err != nil {
		method = nil
		for _, m := range l.authServer.AuthMethods() {
			if m.HandleUser(c, cu.user) {
				method = m
				break
			}
		}
	}
	if method == nil {
		return refuse("no authentication method")
	}
	if !l.AllowClearTextWithoutTLS.Get() && !c.TLSEnabled() && !method.AllowClearTextWithoutTLS() {
		return refuse("clear text authentication over a connection without TLS")
	}
	salt, err := method.AuthPluginData()
	if err != nil {
		return err
	}
	if err := c.writeAuthSwitchRequest(string(method.Name()), salt); err != nil {
		return err
	}
	resp, err := c.readEphemeralPacket(ctx)
	if err != nil {
		return err
	}
	answer, _, ok := readBytesCopy(resp, 0, len(resp))
	c.recycleReadPacket()
	if !ok {
		return fmt.Errorf("COM_CHANGE_USER: can't read the auth switch response")
	}
	userData, err := method.HandleAuthPluginData(c, cu.user, salt, answer, c.RemoteAddr())
	if err != nil {
		log.Warningf("Conn %v: COM_CHANGE_USER to %q refused", c.ID(), cu.user)
		if werr := c.writeErrorPacketFromError(err); werr != nil {
			return werr
		}
		return fmt.Errorf("COM_CHANGE_USER refused")
	}

	c.discardCursor()
	c.PrepareData = make(map[uint32]*PrepareData)
	c.User = cu.user
	c.UserData = userData
	c.schemaName = cu.schema
	if cu.hasCharset {
		c.CharacterSet = cu.charset
	}
	if err := h.ComChangeUser(c, cu.schema); err != nil {
		log.Errorf("Conn %v: COM_CHANGE_USER to %q: %v", c.ID(), cu.user, err)
		if werr := c.writeErrorPacketFromError(err); werr != nil {
			return werr
		}
		return err
	}
	return c.writeOKPacket(0, 0, c.StatusFlags, 0)
}
