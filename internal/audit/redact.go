package audit

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/credsql/credsql/internal/sqltext"
)

// Masked replaces a string literal that may hold a secret.
const Masked = "'[REDACTED]'"

// minSecret is the shortest secret masked inside longer text: shorter values would mask
// ordinary words. A literal equal to a secret is masked whatever its length.
const minSecret = 4

// Redaction says what of a statement is secret.
type Redaction struct {
	// Secrets are values that must not appear: every string literal holding one is masked,
	// and any other occurrence (an unquoted number, a comment) is masked too.
	Secrets []string
	// All masks every string literal except those equal to a Keep value. The engine sets it
	// when the statement carries a secret (it sets a sensitive column or passes a secret
	// procedure parameter), so that a secret built from pieces (CONCAT('pass', 'word'))
	// is masked too.
	All bool
	// Keep are literal values that stay when All is set: the key values that say which
	// object changed (an app id, a key id).
	Keep []string
}

// RedactStatement returns stmt with its secret string literals replaced by '[REDACTED]'.
// Literals are single- or double-quoted strings (with backslash and doubled-quote escapes,
// as MySQL reads them) and hexadecimal and bit literals (X'6869', 0x6869, b'01', 0b01),
// compared by the string they stand for; identifiers in backquotes and comments are not
// literals.
func RedactStatement(stmt string, r Redaction) string {
	keep := map[string]bool{}
	for _, k := range r.Keep {
		keep[k] = true
	}
	secret := func(lit string) bool {
		for _, s := range r.Secrets {
			if s == "" {
				continue
			}
			if lit == s || len(s) >= minSecret && strings.Contains(lit, s) {
				return true
			}
		}
		return false
	}
	mask := func(lit string) bool { return secret(lit) || r.All && !keep[lit] }
	out := redactLiterals(stmt, mask)
	// Secrets outside string literals: unquoted numbers, comments, identifiers.
	return maskAll(out, r.Secrets)
}

// redactLiterals replaces the string, hexadecimal and bit literals of stmt whose value mask
// says to hide with '[REDACTED]', as sqltext reads them; literals inside an executable
// comment (/*! … */) are literals too, since MySQL runs its content.
func redactLiterals(stmt string, mask func(string) bool) string {
	var b strings.Builder
	for i := 0; i < len(stmt); {
		t := sqltext.Next(stmt, i)
		text := t.Text(stmt)
		i = t.End
		switch t.Kind {
		case sqltext.String:
			if mask(sqltext.Unquote(text)) {
				text = Masked
			}
		case sqltext.HexLiteral, sqltext.BitLiteral, sqltext.Word:
			if _, val, ok := scanBinary(text, 0); ok {
				if mask(val) {
					text = Masked
				}
			} else if t.Kind != sqltext.Word && mask(sqltext.Unquote(text[1:])) {
				// X'… that is not closed: a string to the end.
				text = Masked
			}
		case sqltext.ExecComment:
			body := sqltext.ExecBody(text)
			head := strings.TrimSuffix(text, "*/")
			head = head[:len(head)-len(body)]
			text = head + redactLiterals(body, mask)
			if !t.Open {
				text += "*/"
			}
		}
		b.WriteString(text)
	}
	return b.String()
}

// maskAll replaces every occurrence of the secrets (of minSecret bytes or more) in text
// with [REDACTED], the longest first where they overlap. A secret that shares characters
// with the mask ("D]ab", "DACT") could be spelled again by a mask and its neighbours
// ("D]abab" becomes "[REDACTED]ab"): what is left of it is then removed.
func maskAll(text string, secrets []string) string {
	var long []string
	for _, s := range secrets {
		if len(s) >= minSecret {
			long = append(long, s)
		}
	}
	if len(long) == 0 {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		n := 0
		for _, s := range long {
			if len(s) > n && strings.HasPrefix(text[i:], s) {
				n = len(s)
			}
		}
		if n == 0 {
			b.WriteByte(text[i])
			i++
			continue
		}
		b.WriteString("[REDACTED]")
		i += n
	}
	out := b.String()
	for left := true; left; {
		left = false
		for _, s := range long {
			if strings.Contains(out, s) {
				out, left = strings.ReplaceAll(out, s, ""), true
			}
		}
	}
	return out
}

// MaskSecrets replaces every occurrence in text of the secrets of minSecret bytes or more
// with [REDACTED] (as RedactStatement does outside literals).
func MaskSecrets(text string, secrets []string) string { return maskAll(text, secrets) }

// scanBinary reads the hexadecimal or bit literal starting at stmt[i], if there is one, and
// returns the index after it and the string it stands for (its digits when they do not
// decode).
func scanBinary(stmt string, i int) (end int, val string, ok bool) {
	if i+1 >= len(stmt) {
		return 0, "", false
	}
	var digits string
	base := byte(0)
	switch c, next := stmt[i]|0x20, stmt[i+1]; {
	case (c == 'x' || c == 'b') && next == '\'':
		close := strings.IndexByte(stmt[i+2:], '\'')
		if close < 0 {
			return 0, "", false
		}
		base, digits, end = c, stmt[i+2:i+2+close], i+2+close+1
	case stmt[i] == '0' && (next|0x20 == 'x' || next|0x20 == 'b'):
		base = next | 0x20
		end = i + 2
		for end < len(stmt) && identByte(stmt[end]) {
			end++
		}
		digits = stmt[i+2 : end]
		if digits == "" || !validDigits(digits, base) {
			return 0, "", false // an identifier such as 0xyz
		}
	default:
		return 0, "", false
	}
	if base == 'x' {
		if len(digits)%2 == 1 {
			digits = "0" + digits
		}
		if b, err := hex.DecodeString(digits); err == nil {
			return end, string(b), true
		}
		return end, digits, true
	}
	if !validDigits(digits, 'b') {
		return end, digits, true
	}
	n := (len(digits) + 7) / 8
	digits = strings.Repeat("0", n*8-len(digits)) + digits
	out := make([]byte, n)
	for k := range out {
		v, _ := strconv.ParseUint(digits[8*k:8*k+8], 2, 8)
		out[k] = byte(v)
	}
	return end, string(out), true
}

func validDigits(s string, base byte) bool {
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case base == 'b' && (c == '0' || c == '1'):
		case base == 'x' && (c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'):
		default:
			return false
		}
	}
	return true
}

// identByte reports whether c can be part of an unquoted identifier or number.
func identByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}
