package ziti

import "strings"

// Filter narrows an authenticator listing on the controller with a ZitiQL `filter`
// (docs/vendors/ziti.md §5). Only equality is pushed: in ZitiQL `not` binds more loosely than
// `and`/`or` and `between` excludes its upper bound, so SQL's NOT and BETWEEN stay with the
// engine. A value ZitiQL cannot express is left out; the engine re-checks every row.
type Filter struct {
	Method string // method = "..."
}

// String renders the filter, `(method = "cert")`, or "" when there is nothing to push.
func (f Filter) String() string {
	if f.Method == "" {
		return ""
	}
	t, _ := Eq("method", f.Method)
	return t
}

// Eq returns `(symbol = "value")`.
func Eq(symbol, value string) (string, bool) {
	q, ok := Quote(value)
	if !ok {
		return "", false
	}
	return "(" + symbol + " = " + q + ")", true
}

// Quote returns s as a ZitiQL string: double quotes, with \" \\ \f \n \r \t escaped. Other
// control characters cannot be written in ZitiQL; ok is false for them.
func Quote(s string) (string, bool) {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				return "", false
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String(), true
}
