package engine

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// MySQL error numbers vitess does not name.
const (
	erUpdateWithoutKeyInSafeMode = 1175
	erSPWrongNoOfArgs            = 1318
	erQueryTimeout               = 3024
)

// sqlError gives an error the MySQL error number a client can act on; the message is kept.
// Vendor failures keep their full description: vendor, connection, route, status, vendor
// code, summary, causes and request id.
func sqlError(err error) error {
	if err == nil {
		return nil
	}
	return parserCode(toSQLError(err))
}

// parserSuffix ends the text of a *mysql.SQLError; go-mysql-server turns an error of the
// parser (an EXEC that names no procedure, a SET GLOBAL by a read-only account) into an
// unknown-error syntax error that keeps only that text.
var parserSuffix = regexp.MustCompile(`^(?s)(.*) \(errno (\d+)\) \(sqlstate ([0-9A-Z]{5})\)$`)

// parserCode gives back the number and SQLSTATE credsql's parser gave an error, and MySQL's
// 1064 to a syntax error.
func parserCode(se *mysql.SQLError) *mysql.SQLError {
	if se.Num != mysql.ERUnknownError {
		return se
	}
	if strings.HasPrefix(se.Message, "syntax error at position") {
		return mysql.NewSQLError(mysql.ERParseError, "42000", "%s", se.Message)
	}
	m := parserSuffix.FindStringSubmatch(se.Message)
	if m == nil {
		return se
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return se
	}
	return mysql.NewSQLError(n, m[3], "%s", m[1])
}

func toSQLError(err error) *mysql.SQLError {
	// go-mysql-server wraps an inserter's error without Unwrap.
	var wi sql.WrappedInsertError
	if errors.As(err, &wi) && wi.Cause != nil {
		err = wi.Cause
	}
	var se *mysql.SQLError
	if errors.As(err, &se) {
		return se
	}
	msg := dedupePrefixes(err.Error())
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return mysql.NewSQLError(erQueryTimeout, "HY000", "query timed out: %s", msg)
	case errors.Is(err, context.Canceled):
		return mysql.NewSQLError(mysql.ERQueryInterrupted, "70100", "Query execution was interrupted: %s", msg)
	case errors.Is(err, tables.ErrReadOnly), errors.Is(err, tables.ErrForceNeeded):
		return mysql.NewSQLError(mysql.EROptionPreventsStatement, "HY000", "%s", msg)
	case errors.Is(err, tables.ErrConflict):
		// MySQL's serialization failure: the statement lost a race and may be retried.
		return mysql.NewSQLError(mysql.ERLockDeadlock, "40001", "%s", msg)
	case errors.Is(err, tables.ErrReferenced):
		return mysql.NewSQLError(mysql.ERRowIsReferenced2, "23000", "%s", msg)
	}
	var ae *fetch.APIError
	if errors.As(err, &ae) {
		switch ae.Status {
		case http.StatusUnauthorized, http.StatusForbidden:
			return mysql.NewSQLError(mysql.ERSpecifiedAccessDenied, "42000", "%s", msg)
		case http.StatusTooManyRequests:
			return mysql.NewSQLError(mysql.ERLockWaitTimeout, "HY000", "%s", msg)
		case http.StatusConflict:
			// A duplicate (a name taken) or a state conflict the vendor refused.
			return mysql.NewSQLError(mysql.ERDupEntry, "23000", "%s", msg)
		}
	}
	return mysql.NewSQLError(mysql.ERUnknownError, "HY000", "%s", msg)
}

// dedupePrefixes drops a segment of a "context: context: cause" message that repeats the
// segment before it: wrappers at two layers naming the same action ("extend authenticator X")
// must not show twice. One-word segments are left alone: a vendor's summary may end with the
// field its cause starts with ("Api validation failed: client_secret: client_secret: ...").
func dedupePrefixes(msg string) string {
	parts := strings.Split(msg, ": ")
	out := parts[:1]
	for _, p := range parts[1:] {
		if p == out[len(out)-1] && strings.Contains(p, " ") {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ": ")
}
