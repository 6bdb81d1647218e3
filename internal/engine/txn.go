package engine

import (
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
)

// Transactions. credsql's tables are vendor APIs: nothing can be held back until COMMIT, and
// nothing can be undone. BEGIN, START TRANSACTION, COMMIT and ROLLBACK are accepted, so that
// drivers and tools that wrap their work in a transaction (PHP PDO, JDBC with autocommit off,
// ORMs) work, and the server reports the in-transaction and autocommit status flags as MySQL
// does. A write inside a transaction is applied when its statement runs; a ROLLBACK of a
// transaction that wrote fails with error 1196, saying the writes stay applied, and ends the
// transaction. A ROLLBACK of a transaction that wrote nothing succeeds.

// session is a client's session: go-mysql-server's own, with credsql's transactions.
type session struct {
	*sql.BaseSession
}

var _ sql.TransactionSession = session{}

// baseSession returns the go-mysql-server session inside s.
func baseSession(s sql.Session) (*sql.BaseSession, bool) {
	switch x := s.(type) {
	case session:
		return x.BaseSession, true
	case *sql.BaseSession:
		return x, true
	}
	return nil, false
}

// transaction counts the statements that wrote to a vendor since it started.
type transaction struct {
	readOnly bool

	mu         sync.Mutex
	writes     int
	savepoints map[string]int // name → writes when it was made
}

func (t *transaction) String() string   { return "credsql transaction" }
func (t *transaction) IsReadOnly() bool { return t.readOnly }

func (s session) StartTransaction(_ *sql.Context, c sql.TransactionCharacteristic) (sql.Transaction, error) {
	return &transaction{readOnly: c == sql.ReadOnly}, nil
}

func (s session) CommitTransaction(*sql.Context, sql.Transaction) error { return nil }

func (s session) Rollback(ctx *sql.Context, tx sql.Transaction) error {
	t, ok := tx.(*transaction)
	if !ok {
		return nil
	}
	t.mu.Lock()
	n := t.writes
	t.mu.Unlock()
	if n == 0 {
		return nil
	}
	// The transaction ends all the same: a client that retries the ROLLBACK, or goes on, is
	// not left inside it.
	ctx.SetIgnoreAutoCommit(false)
	ctx.SetTransaction(nil)
	return notUndone(n, "ROLLBACK")
}

func (s session) CreateSavepoint(_ *sql.Context, tx sql.Transaction, name string) error {
	if t, ok := tx.(*transaction); ok {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.savepoints == nil {
			t.savepoints = map[string]int{}
		}
		t.savepoints[name] = t.writes
	}
	return nil
}

func (s session) RollbackToSavepoint(_ *sql.Context, tx sql.Transaction, name string) error {
	t, ok := tx.(*transaction)
	if !ok {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.savepoints[name]
	if !ok {
		return mysql.NewSQLError(mysql.ERSPDoesNotExist, "42000", "SAVEPOINT %s does not exist", name)
	}
	if n := t.writes - at; n > 0 {
		return notUndone(n, "ROLLBACK TO SAVEPOINT "+name)
	}
	return nil
}

func (s session) ReleaseSavepoint(_ *sql.Context, tx sql.Transaction, name string) error {
	if t, ok := tx.(*transaction); ok {
		t.mu.Lock()
		delete(t.savepoints, name)
		t.mu.Unlock()
	}
	return nil
}

func notUndone(n int, stmt string) error {
	s := "s"
	if n == 1 {
		s = ""
	}
	return mysql.NewSQLError(erNotCompleteRollback, "HY000",
		"%s cannot undo this transaction's %d write statement%s: credsql applies every write to the vendor when its statement runs, and they stay applied; SELECT to see the current state",
		stmt, n, s)
}

// markWrite records in the session's transaction that a statement is about to write to a
// vendor (a dry run writes nothing).
func markWrite(ctx *sql.Context) {
	if ctx == nil {
		return
	}
	if t, ok := ctx.GetTransaction().(*transaction); ok {
		t.mu.Lock()
		t.writes++
		t.mu.Unlock()
	}
}
