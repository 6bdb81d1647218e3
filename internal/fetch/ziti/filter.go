package ziti

import "strings"

// Filter narrows an authenticator listing on the controller with a ZitiQL `filter`
// (shared/api/ziti.md §5). Only equality and IN are pushed: in ZitiQL `not` binds more loosely
// than `and`/`or` and `between` excludes its upper bound, so SQL's NOT and BETWEEN stay with
// the engine. A value ZitiQL cannot express is left out; the engine re-checks every row.
type Filter struct {
	Method string   // method = "..."
	IDs    []string // id in [...]
}

// String renders the filter, every term parenthesised: `(method = "cert") and (id in ["a","b"])`.
func (f Filter) String() string {
	var terms []string
	if f.Method != "" {
		if t, ok := Eq("method", f.Method); ok {
			terms = append(terms, t)
		}
	}
	if len(f.IDs) > 0 {
		if t, ok := In("id", f.IDs); ok {
			terms = append(terms, t)
		}
	}
	return strings.Join(terms, " and ")
}

// Eq returns `(symbol = "value")`.
func Eq(symbol, value string) (string, bool) {
	q, ok := Quote(value)
	if !ok {
		return "", false
	}
	return "(" + symbol + " = " + q + ")", true
}

// In returns `(symbol in ["a","b"])`; ZitiQL refuses an empty list, so that is not ok.
func In(symbol string, values []string) (string, bool) {
	if len(values) == 0 {
		return "", false
	}
	qs := make([]string, len(values))
	for i, v := range values {
		q, ok := Quote(v)
		if !ok {
			return "", false
		}
		qs[i] = q
	}
	return "(" + symbol + " in [" + strings.Join(qs, ",") + "])", true
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
