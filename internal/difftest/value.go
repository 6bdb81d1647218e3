package difftest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/credsql/credsql/internal/tables"
)

// null is the canonical form of SQL NULL; no real value prints like it.
const null = "\x00NULL"

const timeLayout = "2006-01-02 15:04:05.999999"

// canon is the form both sides of a comparison agree on, whatever path a value took: an
// in-process go-mysql-server value, or a go-sql-driver/mysql value read off the wire. Integers
// and booleans print as decimals, times in UTC to the microsecond, JSON re-encoded with sorted
// keys, everything else as its text.
func canon(v any) string {
	switch x := v.(type) {
	case nil:
		return null
	case string:
		return x
	case []byte:
		return string(x)
	case int8:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case uint8:
		return strconv.FormatUint(uint64(x), 10)
	case uint16:
		return strconv.FormatUint(uint64(x), 10)
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.UTC().Truncate(time.Microsecond).Format(timeLayout)
	case sql.JSONWrapper:
		val, err := x.ToInterface(context.Background())
		if err != nil {
			return fmt.Sprint(x)
		}
		return canonJSONValue(val)
	case sql.AnyWrapper:
		u, err := x.UnwrapAny(context.Background())
		if err != nil {
			return fmt.Sprint(x)
		}
		return canon(u)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// canonJSONColumns re-encodes, as canonJSON does, the cells of rows read off the wire in the
// columns the oracle's result types as JSON: the wire sends them as LONGTEXT, which a client
// cannot tell from text.
func canonJSONColumns(rows [][]string, jsonCols []bool) {
	for _, row := range rows {
		for i := range row {
			if i < len(jsonCols) && jsonCols[i] && row[i] != null {
				row[i] = canonJSON(row[i])
			}
		}
	}
}

// canonJSON re-encodes JSON text (a value read off the wire) the way canon encodes a document.
func canonJSON(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return s
	}
	return canonJSONValue(v)
}

func canonJSONValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	// A round trip through any turns every number into float64 and sorts object keys.
	var w any
	if json.Unmarshal(b, &w) != nil {
		return string(b)
	}
	b, err = json.Marshal(w)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func canonRow(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = canon(v)
	}
	return out
}

// quote renders a string as a SQL literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// literal renders a loaded value of a column of type t as a SQL literal.
func literal(t tables.Type, v any) string {
	if v == nil {
		return "NULL"
	}
	switch t {
	case tables.Int, tables.Bool:
		return canon(v)
	case tables.Time:
		if tm, ok := v.(time.Time); ok {
			return quote(tm.UTC().Format("2006-01-02 15:04:05.000000"))
		}
	}
	return quote(canon(v))
}

// showRow prints a row for a report, long values cut short.
func showRow(row []string) string {
	parts := make([]string, len(row))
	for i, v := range row {
		switch {
		case v == null:
			v = "NULL"
		case len(v) > 48:
			v = strconv.Quote(v[:45] + "...")
		default:
			v = strconv.Quote(v)
		}
		parts[i] = v
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
