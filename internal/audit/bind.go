package audit

import (
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/credsql/credsql/internal/sqltext"
)

// Bind returns stmt with its ? placeholders replaced, in order, by params (SQL literals, see
// Literal), so that the statement reads as if it had been sent with them as text and
// RedactStatement masks them as it masks literals. A ? inside a string, an identifier or a
// comment is no placeholder. Placeholders beyond params stay.
func Bind(stmt string, params []string) string {
	if len(params) == 0 {
		return stmt
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(stmt); {
		t := sqltext.Next(stmt, i)
		text := t.Text(stmt)
		i = t.End
		if t.Kind == sqltext.Punct && text == "?" && n < len(params) {
			// A value written against a word or a quote would merge with it ("0?" would read
			// 0X'…' as a word and a string, "??" two strings as one): a space keeps it apart.
			if s := b.String(); s != "" && merges(s[len(s)-1]) {
				b.WriteByte(' ')
			}
			b.WriteString(params[n])
			n++
			if i < len(stmt) && merges(stmt[i]) {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteString(text)
	}
	return b.String()
}

// merges reports whether a literal written next to c could be read together with it.
func merges(c byte) bool {
	return sqltext.IsWordByte(c) || c == '\'' || c == '"' || c == '`'
}

// Literal writes a bound value as the SQL literal that stands for it: NULL for a null, the
// digits of a number (numeric is set, and the text is a number), a single-quoted string
// otherwise, or a hexadecimal literal for bytes that are not UTF-8 text.
func Literal(v []byte, null, numeric bool) string {
	switch {
	case null:
		return "NULL"
	case numeric && isNumber(v):
		return string(v)
	case !utf8.Valid(v):
		return "X'" + hex.EncodeToString(v) + "'"
	}
	var b strings.Builder
	b.WriteByte('\'')
	for _, c := range []byte(string(v)) {
		switch c {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// isNumber reports whether v is a decimal number: an optional sign, digits, an optional
// fraction and exponent.
func isNumber(v []byte) bool {
	i := 0
	if i < len(v) && (v[i] == '-' || v[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
		digits++
	}
	if i < len(v) && v[i] == '.' {
		for i++; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(v) && (v[i]|0x20) == 'e' {
		i++
		if i < len(v) && (v[i] == '-' || v[i] == '+') {
			i++
		}
		exp := 0
		for ; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(v)
}
