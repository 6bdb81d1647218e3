package engine

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	goerrors "gopkg.in/src-d/go-errors.v1"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// MySQL error numbers vitess does not name.
const (
	erUpdateWithoutKeyInSafeMode = 1175
	erSPWrongNoOfArgs            = 1318
	erQueryTimeout               = 3024
	erKeyNotFound                = 1032 // ER_KEY_NOT_FOUND: "Can't find record"
	erUnknownSystemVariable      = 1193
	erConnectToForeignSource     = 1429 // ER_CONNECT_TO_FOREIGN_DATA_SOURCE
	erQueryOnForeignSource       = 1430 // ER_QUERY_ON_FOREIGN_DATA_SOURCE
	erWrongValue                 = 1525 // ER_WRONG_VALUE: "Incorrect %s value"
	erInvalidJSONText            = 3141
	erNotCompleteRollback        = 1196 // ER_WARNING_NOT_COMPLETE_ROLLBACK
)

// errorRule maps one kind of error to a MySQL error number and SQLSTATE. errorRules is the
// one table of these mappings (docs/errors.md shows it): credsql's own sentinel errors, the
// vendors' failures (by the sentinel an *fetch.APIError matches, or its HTTP status class),
// and go-mysql-server's typed errors whose number it leaves at 1105.
//
// No rule gives a statement's error an SQLSTATE of class 08 (connection exception): a driver
// takes those for a lost connection and retries or discards the connection.
type errorRule struct {
	Name  string // what the rule matches, for the documentation and the tests
	Num   int
	State string
	is    func(error) bool
	kind  *goerrors.Kind // a go-mysql-server error kind: matched by type, or by its text once flattened
	// flat is the text of the error is matches once go-mysql-server has flattened it to 1105:
	// a cancellation its own row loop notices first is "context canceled", not a wrapped
	// context.Canceled.
	flat string
}

func sentinel(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func apiStatus(match func(status int) bool) func(error) bool {
	return func(err error) bool {
		var ae *fetch.APIError
		return errors.As(err, &ae) && match(ae.Status)
	}
}

// errorRules are tried in order; the first that matches gives the number and SQLSTATE.
var errorRules = []errorRule{
	{Name: "statement timeout (context deadline)", Num: erQueryTimeout, State: "HY000", is: sentinel(context.DeadlineExceeded), flat: context.DeadlineExceeded.Error()},
	{Name: "statement cancelled (KILL QUERY, client gone, Ctrl-C)", Num: mysql.ERQueryInterrupted, State: "70100", is: sentinel(context.Canceled), flat: context.Canceled.Error()},
	{Name: "read-only mode or account (tables.ErrReadOnly)", Num: mysql.EROptionPreventsStatement, State: "HY000", is: sentinel(tables.ErrReadOnly)},
	{Name: "needs SET credsql_force = ON (tables.ErrForceNeeded)", Num: mysql.EROptionPreventsStatement, State: "HY000", is: sentinel(tables.ErrForceNeeded)},
	{Name: "object changed concurrently (tables.ErrConflict)", Num: mysql.ERLockDeadlock, State: "40001", is: sentinel(tables.ErrConflict)},
	{Name: "object still in use (tables.ErrReferenced)", Num: mysql.ERRowIsReferenced2, State: "23000", is: sentinel(tables.ErrReferenced)},
	{Name: "vendor not configured (tables.ErrUnconfigured)", Num: erConnectToForeignSource, State: "HY000", is: sentinel(tables.ErrUnconfigured)},
	{Name: "vendor write outcome unknown (fetch.ErrOutcomeUnknown)", Num: erQueryOnForeignSource, State: "HY000", is: sentinel(fetch.ErrOutcomeUnknown)},
	{Name: "vendor 401 (fetch.ErrUnauthorized)", Num: mysql.ERSpecifiedAccessDenied, State: "42000", is: sentinel(fetch.ErrUnauthorized)},
	{Name: "vendor 403 (fetch.ErrForbidden)", Num: mysql.ERSpecifiedAccessDenied, State: "42000", is: sentinel(fetch.ErrForbidden)},
	{Name: "vendor 429, rate limit not reset in time (fetch.ErrRateLimited)", Num: mysql.ERLockWaitTimeout, State: "HY000", is: sentinel(fetch.ErrRateLimited)},
	{Name: "vendor 404 (fetch.ErrNotFound)", Num: erKeyNotFound, State: "HY000", is: sentinel(fetch.ErrNotFound)},
	{Name: "vendor 409: a name taken, a state conflict", Num: mysql.ERDupEntry, State: "23000", is: apiStatus(func(s int) bool { return s == http.StatusConflict })},
	{Name: "vendor 400/422: a value the vendor refused", Num: erWrongValue, State: "HY000", is: apiStatus(func(s int) bool { return s == http.StatusBadRequest || s == http.StatusUnprocessableEntity })},
	{Name: "vendor unreachable: no HTTP response", Num: erConnectToForeignSource, State: "HY000", is: apiStatus(func(s int) bool { return s == 0 })},
	{Name: "any other vendor failure (5xx, other 4xx)", Num: erQueryOnForeignSource, State: "HY000", is: apiStatus(func(int) bool { return true })},
	{Name: "unknown table", Num: mysql.ERNoSuchTable, State: "42S02", kind: sql.ErrTableNotFound},
	{Name: "unknown column", Num: mysql.ERBadFieldError, State: "42S22", kind: sql.ErrColumnNotFound},
	{Name: "unknown column of a table", Num: mysql.ERBadFieldError, State: "42S22", kind: sql.ErrTableColumnNotFound},
	{Name: "ambiguous column", Num: mysql.ERNonUniq, State: "23000", kind: sql.ErrAmbiguousColumnName},
	{Name: "unknown procedure", Num: mysql.ERSPDoesNotExist, State: "42000", kind: sql.ErrStoredProcedureDoesNotExist},
	{Name: "unknown function", Num: mysql.ERSPDoesNotExist, State: "42000", kind: sql.ErrFunctionNotFound},
	{Name: "unknown database", Num: mysql.ERBadDb, State: "42000", kind: sql.ErrDatabaseNotFound},
	{Name: "unknown system variable", Num: erUnknownSystemVariable, State: "HY000", kind: sql.ErrUnknownSystemVariable},
	{Name: "invalid JSON text", Num: erInvalidJSONText, State: "22032", kind: sql.ErrInvalidJSONText},
}

// sqlStates are MySQL's SQLSTATEs of the numbers credsql sends (from MySQL's errmsg list);
// an error made with a number and no SQLSTATE (go-mysql-server leaves most at HY000) gets
// its number's own. A number not listed keeps the SQLSTATE it was made with.
var sqlStates = map[int]string{
	mysql.ERDBAccessDenied:               "42000", // 1044
	mysql.ERAccessDeniedError:            "28000", // 1045
	mysql.ERNoDb:                         "3D000", // 1046
	mysql.ERBadNullError:                 "23000", // 1048
	mysql.ERBadDb:                        "42000", // 1049
	mysql.ERTableExists:                  "42S01", // 1050
	mysql.ERBadTable:                     "42S02", // 1051
	mysql.ERNonUniq:                      "23000", // 1052
	mysql.ERBadFieldError:                "42S22", // 1054
	mysql.ERDupEntry:                     "23000", // 1062
	mysql.ERParseError:                   "42000", // 1064
	mysql.EREmptyQuery:                   "42000", // 1065
	mysql.ERUnknownTable:                 "42S02", // 1109
	erTableAccessDenied:                  "42000", // 1142
	mysql.ERNoSuchTable:                  "42S02", // 1146
	mysql.ERSyntaxError:                  "42000", // 1149
	mysql.ERLockDeadlock:                 "40001", // 1213
	mysql.ERSpecifiedAccessDenied:        "42000", // 1227
	mysql.ERNotSupportedYet:              "42000", // 1235
	mysql.ERSPDoesNotExist:               "42000", // 1305
	mysql.ERQueryInterrupted:             "70100", // 1317
	erSPWrongNoOfArgs:                    "42000", // 1318
	erProcAccessDenied:                   "42000", // 1370
	mysql.ERRowIsReferenced2:             "23000", // 1451
	mysql.ErNoReferencedRow2:             "23000", // 1452
	mysql.ERWrongValueForVar:             "42000", // 1231
	mysql.ERWrongTypeForVar:              "42000", // 1232
	mysql.ERWrongNumberOfColumnsInSelect: "21000", // 1222
	mysql.EROperandColumns:               "21000", // 1241
	mysql.ERSubqueryNo1Row:               "21000", // 1242
	mysql.ERTruncatedWrongValueForField:  "HY000", // 1366
	erInvalidJSONText:                    "22032", // 3141
}

// sqlError gives an error the MySQL error number and SQLSTATE a client can act on; the
// message is kept. Vendor failures keep their full description: vendor, connection, route,
// status, vendor code, summary, causes and request id. The shell and the wire server send
// every error through it.
func sqlError(err error) error {
	if err == nil {
		return nil
	}
	se := parserCode(toSQLError(err))
	if se.Num == mysql.ERUnknownError {
		// go-mysql-server's handler flattens its typed errors to their text at 1105.
		for _, r := range errorRules {
			if r.kind != nil && kindText(r.kind).MatchString(se.Message) {
				return mysql.NewSQLError(r.Num, r.State, "%s", se.Message)
			}
			if r.flat != "" && (se.Message == r.flat || strings.HasSuffix(se.Message, ": "+r.flat)) {
				return mysql.NewSQLError(r.Num, r.State, "%s", ruleMessage(r, se.Message))
			}
		}
	}
	return normalize(se)
}

// normalize gives an error its number's SQLSTATE when it has the generic HY000.
func normalize(se *mysql.SQLError) *mysql.SQLError {
	if st, ok := sqlStates[se.Num]; ok && se.State != st && (se.State == mysql.SSUnknownSQLState || se.State == "") {
		return mysql.NewSQLError(se.Num, st, "%s", se.Message)
	}
	return se
}

var (
	kindTextMu sync.Mutex
	kindTexts  = map[*goerrors.Kind]*regexp.Regexp{}
)

// kindText is the pattern of the messages a go-mysql-server error kind makes: its format with
// every verb matching anything. It is derived from the kind itself, so the match follows
// go-mysql-server's wording.
func kindText(k *goerrors.Kind) *regexp.Regexp {
	kindTextMu.Lock()
	defer kindTextMu.Unlock()
	if re, ok := kindTexts[k]; ok {
		return re
	}
	parts := verb.Split(k.Message, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(`^(?s)` + strings.Join(parts, ".*") + `$`)
	kindTexts[k] = re
	return re
}

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

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
	for _, r := range errorRules {
		if (r.is != nil && r.is(err)) || (r.kind != nil && r.kind.Is(err)) {
			return mysql.NewSQLError(r.Num, r.State, "%s", ruleMessage(r, msg))
		}
	}
	if se := sql.CastSQLError(err); se.Num != mysql.ERUnknownError {
		return se
	}
	return mysql.NewSQLError(mysql.ERUnknownError, "HY000", "%s", msg)
}

// ruleMessage keeps MySQL's wording where clients look for it.
func ruleMessage(r errorRule, msg string) string {
	switch r.Num {
	case erQueryTimeout:
		return "query timed out: " + msg
	case mysql.ERQueryInterrupted:
		return "Query execution was interrupted: " + msg
	}
	return msg
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
