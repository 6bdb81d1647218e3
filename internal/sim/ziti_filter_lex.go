package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// zqlTok is a ZitiQL token. kind: 'i' identifier or keyword, 's' string, 'n' number,
// 'd' datetime, 'p' punctuation or operator, 0 the end.
type zqlTok struct {
	kind byte
	text string
	num  float64
	t    time.Time
	pos  int
}

func zqlLex(src string) ([]zqlTok, error) {
	var toks []zqlTok
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isLetter(c):
			j := i
			for j < len(src) && (isLetter(src[j]) || src[j] == '_' || src[j] == '.' && j+1 < len(src) && isLetter(src[j+1]) ||
				src[j] == '-' && strings.Contains(src[i:j], ".")) {
				j++
			}
			if j < len(src) && isDigit(src[j]) {
				return nil, fmt.Errorf("identifiers cannot contain digits: position %d", j)
			}
			word := src[i:j]
			if k := strings.IndexByte(src[j:], '('); strings.EqualFold(word, "datetime") && k >= 0 && strings.TrimSpace(src[j:j+k]) == "" {
				end := strings.IndexByte(src[j:], ')')
				if end < 0 {
					return nil, fmt.Errorf("unterminated datetime at position %d", i)
				}
				raw := strings.TrimSpace(src[j+k+1 : j+end])
				t, err := time.Parse(time.RFC3339Nano, raw)
				if err != nil {
					return nil, fmt.Errorf("invalid datetime '%s' at position %d", raw, i)
				}
				toks = append(toks, zqlTok{kind: 'd', text: src[i : j+end+1], t: t, pos: i})
				i = j + end + 1
				continue
			}
			toks = append(toks, zqlTok{kind: 'i', text: word, pos: i})
			i = j
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				switch {
				case src[j] < 0x20:
					return nil, fmt.Errorf("control character in string at position %d", j)
				case src[j] == '\\':
					if j+1 >= len(src) {
						return nil, fmt.Errorf("unterminated string at position %d", i)
					}
					j++
					r, ok := map[byte]byte{'"': '"', '\\': '\\', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[src[j]]
					if !ok {
						return nil, fmt.Errorf("invalid escape '\\%c' at position %d", src[j], j-1)
					}
					b.WriteByte(r)
				default:
					b.WriteByte(src[j])
				}
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated string at position %d", i)
			}
			toks = append(toks, zqlTok{kind: 's', text: b.String(), pos: i})
			i = j + 1
		case isDigit(c) || c == '-' && i+1 < len(src) && isDigit(src[i+1]):
			j := i + 1
			for j < len(src) && (isDigit(src[j]) || src[j] == '.' || src[j] == 'e' || src[j] == 'E' ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E')) {
				j++
			}
			n, err := strconv.ParseFloat(src[i:j], 64)
			if err != nil {
				return nil, fmt.Errorf("invalid number '%s' at position %d", src[i:j], i)
			}
			toks = append(toks, zqlTok{kind: 'n', text: src[i:j], num: n, pos: i})
			i = j
		default:
			op := ""
			for _, o := range []string{"!=", "<=", ">=", "=", "<", ">", "(", ")", "[", "]", ","} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, fmt.Errorf("unexpected character '%c' at position %d", c, i)
			}
			toks = append(toks, zqlTok{kind: 'p', text: op, pos: i})
			i += len(op)
		}
	}
	return append(toks, zqlTok{pos: len(src)}), nil
}
