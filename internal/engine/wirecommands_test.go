package engine_test

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// A hand-written MySQL client, written from the protocol documentation
// (https://dev.mysql.com/doc/dev/mysql-server/latest/PAGE_PROTOCOL.html) and not from vitess,
// so that the tests of the commands credsql's patch of vitess handles check the bytes the
// server sends against the documentation rather than against the server's own code.

// Capability flags and status flags (protocol documentation, "Capabilities Flags" and
// "SERVER_STATUS_flags_enum").
const (
	capLongPassword     = 0x00000001
	capConnectWithDB    = 0x00000008
	capProtocol41       = 0x00000200
	capTransactions     = 0x00002000
	capSecureConnection = 0x00008000
	capMultiStatements  = 0x00010000
	capMultiResults     = 0x00020000
	capPluginAuth       = 0x00080000
	capDeprecateEOF     = 0x01000000

	statusInTrans     = 0x0001
	statusAutocommit  = 0x0002
	statusMoreResults = 0x0008
	statusCursorOpen  = 0x0040
)

type rawClient struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	seq  byte
	salt []byte // of the initial handshake
	caps uint32
}

// scramble is mysql_native_password's answer: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))).
func scramble(salt []byte, pw string) []byte {
	if pw == "" {
		return nil
	}
	h1 := sha1.Sum([]byte(pw))
	h2 := sha1.Sum(h1[:])
	h3 := sha1.Sum(append(append([]byte{}, salt...), h2[:]...))
	out := make([]byte, 20)
	for i := range out {
		out[i] = h1[i] ^ h3[i]
	}
	return out
}

// readPacket reads one packet; it checks its sequence number. io.EOF when the server closed.
func (c *rawClient) readPacket() ([]byte, error) {
	c.t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	var h [4]byte
	if _, err := io.ReadFull(c.r, h[:]); err != nil {
		return nil, err
	}
	n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
	if h[3] != c.seq {
		c.t.Fatalf("packet sequence %d, want %d", h[3], c.seq)
	}
	c.seq++
	p := make([]byte, n)
	if _, err := io.ReadFull(c.r, p); err != nil {
		return nil, err
	}
	return p, nil
}

func (c *rawClient) read() []byte {
	c.t.Helper()
	p, err := c.readPacket()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return p
}

func (c *rawClient) write(p []byte) {
	c.t.Helper()
	h := []byte{byte(len(p)), byte(len(p) >> 8), byte(len(p) >> 16), c.seq}
	c.seq++
	if _, err := c.conn.Write(append(h, p...)); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// command starts a command: its sequence numbers start again at 0.
func (c *rawClient) command(p []byte) {
	c.t.Helper()
	c.seq = 0
	c.write(p)
}

func nulString(p []byte, pos int) (string, int) {
	i := bytes.IndexByte(p[pos:], 0)
	if i < 0 {
		return string(p[pos:]), len(p)
	}
	return string(p[pos : pos+i]), pos + i + 1
}

func lenenc(p []byte, pos int) (uint64, int) {
	switch b := p[pos]; {
	case b < 0xfb:
		return uint64(b), pos + 1
	case b == 0xfc:
		return uint64(binary.LittleEndian.Uint16(p[pos+1:])), pos + 3
	case b == 0xfd:
		return uint64(p[pos+1]) | uint64(p[pos+2])<<8 | uint64(p[pos+3])<<16, pos + 4
	default:
		return binary.LittleEndian.Uint64(p[pos+1:]), pos + 9
	}
}

// dialRaw connects and logs in with mysql_native_password (caps are added to the basic ones).
func dialRaw(t *testing.T, addr, user, pw, db string, caps uint32) *rawClient {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	c := &rawClient{t: t, conn: conn, r: bufio.NewReader(conn)}
	hs := c.read() // Protocol::HandshakeV10
	if hs[0] != 10 {
		t.Fatalf("handshake protocol version %d", hs[0])
	}
	_, pos := nulString(hs, 1)
	pos += 4 // connection id
	c.salt = append(c.salt, hs[pos:pos+8]...)
	pos += 8 + 1 + 2 + 1 + 2 + 2 // salt 1, filler, capabilities, charset, status, capabilities
	n := int(hs[pos])
	pos += 1 + 10
	part2 := max(13, n-8)
	c.salt = append(c.salt, hs[pos:pos+part2-1]...) // without its NUL
	c.caps = capLongPassword | capConnectWithDB | capProtocol41 | capTransactions | capSecureConnection |
		capMultiStatements | capMultiResults | capPluginAuth | caps
	resp := binary.LittleEndian.AppendUint32(nil, c.caps)
	resp = binary.LittleEndian.AppendUint32(resp, 1<<24)
	resp = append(resp, 45) // utf8mb4_general_ci
	resp = append(resp, make([]byte, 23)...)
	resp = append(append(resp, user...), 0)
	auth := scramble(c.salt, pw)
	resp = append(append(resp, byte(len(auth))), auth...)
	resp = append(append(resp, db...), 0)
	resp = append(append(resp, "mysql_native_password"...), 0)
	c.write(resp)
	p := c.read()
	if p[0] == 0xfe { // AuthSwitchRequest
		plugin, pos := nulString(p, 1)
		if plugin != "mysql_native_password" {
			t.Fatalf("auth switch to %s", plugin)
		}
		c.write(scramble(bytes.TrimSuffix(p[pos:], []byte{0}), pw))
		p = c.read()
	}
	if p[0] != 0 {
		t.Fatalf("login of %s: %s", user, describe(p))
	}
	return c
}

// describe shows a packet: an ERR packet as number, SQLSTATE and message.
func describe(p []byte) string {
	if len(p) > 0 && p[0] == 0xff {
		num, state, msg := errPacket(p)
		return fmt.Sprintf("ERR %d (%s) %s", num, state, msg)
	}
	return fmt.Sprintf("% x", p)
}

// errPacket parses an ERR packet (protocol 4.1: 0xff, int<2> code, '#', string[5] state, message).
func errPacket(p []byte) (num uint16, state, msg string) {
	if len(p) < 9 || p[0] != 0xff || p[3] != '#' {
		return 0, "", fmt.Sprintf("not an ERR packet: % x", p)
	}
	return binary.LittleEndian.Uint16(p[1:]), string(p[4:9]), string(p[9:])
}

// okPacket parses an OK packet (header 0x00, or 0xfe as the end of a result set with
// CLIENT_DEPRECATE_EOF): affected rows, last insert id, status flags, warnings.
func okPacket(t *testing.T, p []byte, header byte) (affected, insertID uint64, status, warnings uint16) {
	t.Helper()
	if len(p) < 7 || p[0] != header {
		t.Fatalf("want an OK packet with header %#x, got %s", header, describe(p))
	}
	affected, pos := lenenc(p, 1)
	insertID, pos = lenenc(p, pos)
	return affected, insertID, binary.LittleEndian.Uint16(p[pos:]), binary.LittleEndian.Uint16(p[pos+2:])
}

// isEOF reports whether p is an EOF packet (0xfe and shorter than 9 bytes).
func isEOF(p []byte) bool { return len(p) > 0 && p[0] == 0xfe && len(p) < 9 }

// resultSet reads a result set after its column count packet and returns its rows and the
// status flags of its end (the EOF packet, or with CLIENT_DEPRECATE_EOF the OK packet with
// header 0xfe).
func (c *rawClient) resultSet(first []byte) (rows [][]byte, status uint16) {
	c.t.Helper()
	if first[0] == 0 || first[0] == 0xff {
		c.t.Fatalf("want a result set, got %s", describe(first))
	}
	n, _ := lenenc(first, 0)
	for range n {
		if p := c.read(); !bytes.HasPrefix(p, []byte("\x03def")) {
			c.t.Fatalf("column definition: % x", p)
		}
	}
	deprecateEOF := c.caps&capDeprecateEOF != 0
	if !deprecateEOF {
		if p := c.read(); !isEOF(p) {
			c.t.Fatalf("want the EOF after the column definitions, got %s", describe(p))
		}
	}
	for {
		p := c.read()
		if p[0] == 0xff {
			c.t.Fatalf("error in the rows: %s", describe(p))
		}
		if p[0] == 0xfe && len(p) < 0xffffff {
			if !deprecateEOF {
				if !isEOF(p) {
					c.t.Fatalf("not an EOF packet: % x", p)
				}
				return rows, binary.LittleEndian.Uint16(p[3:])
			}
			_, _, st, _ := okPacket(c.t, p, 0xfe)
			return rows, st
		}
		rows = append(rows, p)
	}
}

// query runs a text-protocol statement and returns its first packet.
func (c *rawClient) query(q string) []byte {
	c.t.Helper()
	c.command(append([]byte{0x03}, q...))
	return c.read()
}

// queryRows runs a statement with a result set and returns its text rows' first column.
func (c *rawClient) queryRows(q string) []string {
	c.t.Helper()
	rows, _ := c.resultSet(c.query(q))
	var out []string
	for _, r := range rows {
		if r[0] == 0xfb {
			out = append(out, "NULL")
			continue
		}
		n, pos := lenenc(r, 0)
		out = append(out, string(r[pos:pos+int(n)]))
	}
	return out
}

// ping checks that the server answers COM_PING with an OK packet, i.e. that it had no other
// packet left to send.
func (c *rawClient) ping() {
	c.t.Helper()
	c.command([]byte{0x0e})
	if p := c.read(); p[0] != 0 {
		c.t.Fatalf("COM_PING: %s (a packet of the previous command was left over?)", describe(p))
	}
}

// A CALL whose procedure returns a result set is answered as MySQL answers it: the result
// set, its end flagged SERVER_MORE_RESULTS_EXISTS, then a final OK packet, with and without
// CLIENT_DEPRECATE_EOF; in a multi-statement query the final OK is flagged in turn when a
// statement follows. A SELECT's result set ends as before, with nothing after it.
func TestCallEndsWithOKPacket(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	app := fmt.Sprint(e.MustQuery("SELECT id FROM apps LIMIT 1")[0][0])
	call := "CALL app_keys_generate('" + app + "', 2)"
	for _, caps := range []uint32{0, capDeprecateEOF} {
		t.Run(fmt.Sprintf("deprecate_eof=%v", caps != 0), func(t *testing.T) {
			t.Parallel()
			c := dialRaw(t, e.Addr(), "test", "test-password", engine.DatabaseName, caps)

			rows, st := c.resultSet(c.query(call))
			if len(rows) != 1 || st&statusMoreResults == 0 {
				t.Fatalf("CALL: %d rows, end status %#04x; want 1 row and SERVER_MORE_RESULTS_EXISTS", len(rows), st)
			}
			affected, id, st, _ := okPacket(t, c.read(), 0x00)
			if affected != 0 || id != 0 || st&statusMoreResults != 0 || st&statusAutocommit == 0 {
				t.Errorf("final OK of the CALL: affected %d, insert id %d, status %#04x; want 0, 0, autocommit and no more results", affected, id, st)
			}
			c.ping()

			// "/* comment */ call" is a CALL too; a statement follows it.
			rows, st = c.resultSet(c.query("/* x */ call app_keys_generate('" + app + "', 2); SELECT 7"))
			if len(rows) != 1 || st&statusMoreResults == 0 {
				t.Fatalf("CALL; SELECT: %d rows, end status %#04x", len(rows), st)
			}
			if _, _, st, _ = okPacket(t, c.read(), 0x00); st&statusMoreResults == 0 {
				t.Errorf("final OK of a CALL followed by a statement: status %#04x, want SERVER_MORE_RESULTS_EXISTS", st)
			}
			rows, st = c.resultSet(c.read())
			if len(rows) != 1 || string(rows[0]) != "\x017" || st&statusMoreResults != 0 {
				t.Errorf("the SELECT after the CALL: rows %q, status %#04x", rows, st)
			}
			c.ping()

			rows, st = c.resultSet(c.query("SELECT id FROM apps LIMIT 2"))
			if len(rows) != 2 || st&statusMoreResults != 0 {
				t.Errorf("SELECT: %d rows, end status %#04x; want 2 and no more results", len(rows), st)
			}
			c.ping()
		})
	}
}

// prepare sends COM_STMT_PREPARE and returns the statement id and parameter count, or the
// ERR packet.
func (c *rawClient) prepare(q string) (id uint32, params int, errp []byte) {
	c.t.Helper()
	c.command(append([]byte{0x16}, q...))
	p := c.read()
	if p[0] == 0xff {
		return 0, 0, p
	}
	if p[0] != 0 || len(p) < 12 {
		c.t.Fatalf("COM_STMT_PREPARE: %s", describe(p))
	}
	id = binary.LittleEndian.Uint32(p[1:])
	cols := int(binary.LittleEndian.Uint16(p[5:]))
	params = int(binary.LittleEndian.Uint16(p[7:]))
	for _, n := range []int{params, cols} {
		if n == 0 {
			continue
		}
		for range n {
			c.read()
		}
		if c.caps&capDeprecateEOF == 0 {
			if p := c.read(); !isEOF(p) {
				c.t.Fatalf("want an EOF after the definitions, got %s", describe(p))
			}
		}
	}
	return id, params, nil
}

// execute sends COM_STMT_EXECUTE with string parameters and cursor flags.
func (c *rawClient) execute(id uint32, flags byte, args ...string) {
	c.t.Helper()
	p := []byte{0x17}
	p = binary.LittleEndian.AppendUint32(p, id)
	p = append(p, flags)
	p = binary.LittleEndian.AppendUint32(p, 1)
	if len(args) > 0 {
		p = append(p, make([]byte, (len(args)+7)/8)...) // NULL bitmap
		p = append(p, 1)                                // new-params-bound
		for range args {
			p = append(p, 0xfd, 0) // MYSQL_TYPE_VAR_STRING
		}
		for _, a := range args {
			p = append(append(p, byte(len(a))), a...)
		}
	}
	c.command(p)
}

// A prepared CALL (COM_STMT_EXECUTE, binary protocol) ends the same way; a cursor asked for
// is not opened (MySQL opens none for a CALL), while a SELECT still gets its cursor.
func TestPreparedCallEndsWithOKPacket(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	app := fmt.Sprint(e.MustQuery("SELECT id FROM apps LIMIT 1")[0][0])
	for _, caps := range []uint32{0, capDeprecateEOF} {
		t.Run(fmt.Sprintf("deprecate_eof=%v", caps != 0), func(t *testing.T) {
			t.Parallel()
			c := dialRaw(t, e.Addr(), "test", "test-password", engine.DatabaseName, caps)
			id, params, errp := c.prepare("CALL app_keys_generate(?, ?)")
			if errp != nil || params != 2 {
				t.Fatalf("prepare: %d params, %s", params, describe(errp))
			}
			for _, cursor := range []byte{0x00, 0x01} { // CURSOR_TYPE_NO_CURSOR, CURSOR_TYPE_READ_ONLY
				c.execute(id, cursor, app, "2")
				rows, st := c.resultSet(c.read())
				if len(rows) != 1 || rows[0][0] != 0 || st&statusMoreResults == 0 || st&statusCursorOpen != 0 {
					t.Fatalf("execute (cursor flags %d): %d rows, end status %#04x; want 1 binary row, SERVER_MORE_RESULTS_EXISTS, no cursor", cursor, len(rows), st)
				}
				if _, _, st, _ := okPacket(t, c.read(), 0x00); st&statusMoreResults != 0 {
					t.Errorf("final OK of the prepared CALL: status %#04x", st)
				}
				c.ping()
			}

			sel, _, errp := c.prepare("SELECT id FROM apps WHERE id = ?")
			if errp != nil {
				t.Fatal(describe(errp))
			}
			c.execute(sel, 0x01, app)
			first := c.read()
			n, _ := lenenc(first, 0)
			for range n {
				c.read()
			}
			var st uint16
			if p := c.read(); c.caps&capDeprecateEOF == 0 {
				st = binary.LittleEndian.Uint16(p[3:])
			} else {
				_, _, st, _ = okPacket(t, p, 0xfe)
			}
			if st&statusCursorOpen == 0 || st&statusMoreResults != 0 {
				t.Errorf("SELECT with a cursor: status %#04x, want SERVER_STATUS_CURSOR_EXISTS", st)
			}
		})
	}
}

// A statement that does not parse is refused at COM_STMT_PREPARE with the error COM_QUERY
// gives it: MySQL's 1064 and SQLSTATE 42000.
func TestSyntaxErrorAtPrepareIs1064(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	c := dialRaw(t, e.Addr(), "test", "test-password", engine.DatabaseName, 0)
	for _, q := range []string{"SELEC 1", "SELECT * FROM apps WHERE id = ? AND", "INSERT INTO"} {
		_, _, errp := c.prepare(q)
		num, state, msg := errPacket(errp)
		if num != 1064 || state != "42000" || !strings.HasPrefix(msg, "syntax error at position") {
			t.Errorf("prepare %q: %s; want 1064 (42000) syntax error at position ...", q, describe(errp))
		}
		tn, tstate, tmsg := errPacket(c.query(q))
		if tn != num || tstate != state || tmsg != msg {
			t.Errorf("%q: COM_QUERY answers %d (%s) %s, COM_STMT_PREPARE %d (%s) %s", q, tn, tstate, tmsg, num, state, msg)
		}
		// go-sql-driver prepares on the server (InterpolateParams off).
		var me *mysqldriver.MySQLError
		if _, err := e.DB().Prepare(q); !errors.As(err, &me) || me.Number != 1064 || string(me.SQLState[:]) != "42000" {
			t.Errorf("go-sql-driver Prepare(%q): %v, want error 1064 (42000)", q, err)
		}
	}
	c.ping()
}

var statisticsLine = regexp.MustCompile(`^Uptime: (\d+)  Threads: (\d+)  Questions: (\d+)  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: (\d+)  Queries per second avg: \d+\.\d{3}$`)

// COM_STATISTICS is answered with MySQL's line (a bare string, not an OK packet). Not
// parallel: the global status variables are the process's, and every engine a parallel test
// starts sets them again.
func TestComStatistics(t *testing.T) {
	e := testenv.New(t, testenv.Options{})
	c := dialRaw(t, e.Addr(), "test", "test-password", engine.DatabaseName, 0)
	stat := func() []string {
		t.Helper()
		c.command([]byte{0x09})
		p := c.read()
		m := statisticsLine.FindStringSubmatch(string(p))
		if m == nil {
			t.Fatalf("COM_STATISTICS: %q", p)
		}
		return m
	}
	m := stat()
	if up, _ := strconv.Atoi(m[1]); up < 1 {
		t.Errorf("Uptime %s", m[1])
	}
	if th, _ := strconv.Atoi(m[2]); th < 1 {
		t.Errorf("Threads %s, want this connection at least", m[2])
	}
	if tables, _ := strconv.Atoi(m[4]); tables < 5 {
		t.Errorf("Open tables %s", m[4])
	}
	q1, _ := strconv.Atoi(m[3])
	c.queryRows("SELECT 1")
	c.queryRows("SELECT 2")
	if q2, _ := strconv.Atoi(stat()[3]); q2 < q1+2 {
		t.Errorf("Questions %d, then %d after two statements", q1, q2)
	}
	c.ping()
}

// changeUser sends COM_CHANGE_USER as libmysqlclient does: the answer scrambled with the salt
// of the initial handshake, the database, the character set and the auth plugin name. The
// server answers with an auth switch (a new salt); the client answers it. It returns the
// final packet.
func (c *rawClient) changeUser(user, pw, db string) []byte {
	c.t.Helper()
	p := append([]byte{0x11}, user...)
	p = append(p, 0)
	auth := scramble(c.salt, pw)
	p = append(append(p, byte(len(auth))), auth...)
	p = append(append(p, db...), 0)
	p = append(p, 45, 0)
	p = append(append(p, "mysql_native_password"...), 0)
	c.command(p)
	r := c.read()
	if r[0] == 0xfe && len(r) > 1 {
		plugin, pos := nulString(r, 1)
		if plugin != "mysql_native_password" {
			c.t.Fatalf("auth switch to %s", plugin)
		}
		c.write(scramble(bytes.TrimSuffix(r[pos:], []byte{0}), pw))
		pk, err := c.readPacket()
		if err != nil {
			c.t.Fatalf("after the auth switch: %v", err)
		}
		return pk
	}
	return r
}

// COM_CHANGE_USER logs the connection in as another account and gives it a new session:
// the user variables, prepared statements and transaction of the old one are gone, the
// database is the one asked for, and the rights are the new account's. A wrong password is
// refused with 1045 (28000), recorded as a failed login without the password, and closes the
// connection, as MySQL does.
func TestChangeUser(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	c := dialRaw(t, p.addr, "owner", "owner-pw", engine.DatabaseName, capDeprecateEOF)
	if _, _, errp := c.prepare("SELECT 1"); errp != nil {
		t.Fatal(describe(errp))
	}
	if p := c.query("SET @v = 'kept?'"); p[0] != 0 {
		t.Fatal(describe(p))
	}
	if _, _, st, _ := okPacket(t, c.query("BEGIN"), 0); st&statusInTrans == 0 {
		t.Fatalf("BEGIN: status %#04x", st)
	}

	_, _, st, _ := okPacket(t, c.changeUser("reader", "reader-pw", engine.DatabaseName), 0)
	if st&statusInTrans != 0 || st&statusAutocommit == 0 {
		t.Errorf("OK of COM_CHANGE_USER: status %#04x, want autocommit and no transaction", st)
	}
	if got := c.queryRows("SELECT CURRENT_USER()"); len(got) != 1 || !strings.HasPrefix(got[0], "reader@") {
		t.Errorf("CURRENT_USER() after the change: %q", got)
	}
	if got := c.queryRows("SELECT @v"); len(got) != 1 || got[0] != "NULL" {
		t.Errorf("@v after the change: %q, want NULL", got)
	}
	if got := c.queryRows("SELECT DATABASE()"); len(got) != 1 || got[0] != engine.DatabaseName {
		t.Errorf("DATABASE(): %q", got)
	}
	c.execute(1, 0)
	if r := c.read(); r[0] != 0xff {
		t.Errorf("executing the old session's prepared statement: %s, want an error", describe(r))
	}
	if num, state, _ := errPacket(c.query("INSERT INTO opa_service_users (name) VALUES ('x')")); num != 1142 || state != "42000" {
		t.Errorf("INSERT as the read-only reader: %d (%s), want 1142", num, state)
	}

	// Back to the owner, without a database.
	if r := c.changeUser("owner", "owner-pw", ""); r[0] != 0 {
		t.Fatalf("change to owner: %s", describe(r))
	}
	if got := c.queryRows("SELECT CONCAT(CURRENT_USER(), '/', COALESCE(DATABASE(), 'none'))"); len(got) != 1 || !strings.HasPrefix(got[0], "owner@") || !strings.HasSuffix(got[0], "/none") {
		t.Errorf("after the change back: %q", got)
	}

	// A wrong password: 1045, then the server closes the connection.
	num, state, msg := errPacket(c.changeUser("reader", "wrong-password", engine.DatabaseName))
	if num != 1045 || state != "28000" {
		t.Errorf("wrong password: %d (%s) %s, want 1045 (28000)", num, state, msg)
	}
	if r, err := c.readPacket(); !errors.Is(err, io.EOF) {
		t.Errorf("after a refused COM_CHANGE_USER the connection answers %s, %v; want it closed", describe(r), err)
	}
	audit := p.sink.text()
	if !strings.Contains(audit, "reader") || strings.Contains(audit, "wrong-password") {
		t.Errorf("audit log of the refused change: %s", audit)
	}
}
