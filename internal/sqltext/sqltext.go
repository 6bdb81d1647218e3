// Package sqltext reads MySQL statement text the way the MySQL server and client do: quoted
// strings, quoted identifiers, comments and statement terminators. It is the one place
// credsql scans SQL text outside go-mysql-server's parser: the shell splits statements and
// finds its completion context with it, EXEC is parsed with it, the audit log redacts string
// literals with it, and saved queries have their header comments read with it.
//
// The rules, as MySQL has them (with the default sql_mode: no ANSI_QUOTES, backslash
// escapes on):
//
//   - '…' and "…" are strings; inside them a backslash escapes the next byte and a doubled
//     quote stands for one quote.
//   - `…` is a quoted identifier; a doubled backquote stands for one, backslash is ordinary.
//   - X'…' and B'…' are hexadecimal and bit literals.
//   - "-- " (two dashes then a space, a control character or the end), and "#", start a
//     comment to the end of the line; "--x" is two minus signs.
//   - /* … */ is a comment (not nested); /*! … */ and /*M! … */ are executable comments:
//     MySQL runs their content, so they are not comments to anything that must see code.
//   - ';' ends a statement; the mysql client also ends one with \G (vertical output).
package sqltext

import "strings"

// Kind is the kind of a token.
type Kind uint8

const (
	Space        Kind = iota + 1 // spaces, tabs, line breaks
	LineComment                  // "-- …" or "# …", without the line break that ends it
	BlockComment                 // /* … */
	ExecComment                  // /*! … */ or /*M! … */: MySQL runs what is inside
	String                       // '…' or "…"
	QuotedIdent                  // `…`
	HexLiteral                   // X'…'
	BitLiteral                   // B'…'
	Word                         // an unquoted identifier, keyword or number
	Semicolon                    // ;
	Vertical                     // \G, the mysql client's terminator for vertical output
	Punct                        // any other byte
)

// Token is one token of a text: its kind and where it is. Open is set when a quote or
// comment is not closed before the end of the text (the token then runs to the end).
type Token struct {
	Kind       Kind
	Start, End int
	Open       bool
}

// Text returns the token's text in src.
func (t Token) Text(src string) string { return src[t.Start:t.End] }

// IsComment reports whether the token is a comment MySQL ignores (not an executable one).
func (t Token) IsComment() bool { return t.Kind == LineComment || t.Kind == BlockComment }

// Quote returns the quote character of an open string or quoted identifier, 0 otherwise.
func (t Token) Quote(src string) byte {
	switch {
	case !t.Open:
		return 0
	case t.Kind == String || t.Kind == QuotedIdent:
		return src[t.Start]
	}
	return 0
}

// Next returns the token that starts at src[i] (i < len(src)).
func Next(src string, i int) Token {
	c := src[i]
	tok := func(k Kind, end int, open bool) Token { return Token{Kind: k, Start: i, End: end, Open: open} }
	switch {
	case isSpace(c):
		j := i + 1
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		return tok(Space, j, false)
	case c == '#' || c == '-' && IsDashComment(src, i):
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			return tok(LineComment, len(src), false)
		}
		return tok(LineComment, i+j, false)
	case c == '/' && strings.HasPrefix(src[i:], "/*"):
		k := BlockComment
		if strings.HasPrefix(src[i:], "/*!") || strings.HasPrefix(src[i:], "/*M!") {
			k = ExecComment
		}
		j := strings.Index(src[i+2:], "*/")
		if j < 0 {
			return tok(k, len(src), true)
		}
		return tok(k, i+2+j+2, false)
	case c == '\'' || c == '"':
		end, open := quoted(src, i+1, c, true)
		return tok(String, end, open)
	case c == '`':
		end, open := quoted(src, i+1, c, false)
		return tok(QuotedIdent, end, open)
	case (c|0x20 == 'x' || c|0x20 == 'b') && i+1 < len(src) && src[i+1] == '\'' && (i == 0 || !IsWordByte(src[i-1])):
		k := HexLiteral
		if c|0x20 == 'b' {
			k = BitLiteral
		}
		j := strings.IndexByte(src[i+2:], '\'')
		if j < 0 {
			return tok(k, len(src), true)
		}
		return tok(k, i+2+j+1, false)
	case IsWordByte(c):
		j := i + 1
		for j < len(src) && IsWordByte(src[j]) {
			j++
		}
		return tok(Word, j, false)
	case c == ';':
		return tok(Semicolon, i+1, false)
	case c == '\\' && i+1 < len(src) && src[i+1] == 'G':
		return tok(Vertical, i+2, false)
	}
	return tok(Punct, i+1, false)
}

// quoted returns the index after the quote that closes the string or identifier whose body
// starts at src[i], or len(src) and true when it is not closed.
func quoted(src string, i int, q byte, backslash bool) (int, bool) {
	for i < len(src) {
		c := src[i]
		switch {
		case backslash && c == '\\':
			i += 2
		case c == q && i+1 < len(src) && src[i+1] == q:
			i += 2
		case c == q:
			return i + 1, false
		default:
			i++
		}
	}
	return len(src), true
}

// Tokens returns the tokens of src, in order; together they cover it exactly.
func Tokens(src string) []Token {
	var out []Token
	for i := 0; i < len(src); {
		t := Next(src, i)
		out = append(out, t)
		i = t.End
	}
	return out
}

// IsDashComment reports whether a "-- " comment starts at src[i]: two dashes followed by
// whitespace, a control character or the end of the text (MySQL's rule).
func IsDashComment(src string, i int) bool {
	if !strings.HasPrefix(src[i:], "--") {
		return false
	}
	return i+2 == len(src) || src[i+2] <= ' ' || src[i+2] == 0x7f
}

// IsWordByte reports whether c can be part of an unquoted identifier, keyword or number.
func IsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// Unquote returns the value of a string literal or quoted identifier token's text: without
// its quotes, with doubled quotes and (in strings) backslash escapes resolved. Other text is
// returned as it is.
func Unquote(text string) string {
	if text == "" {
		return text
	}
	q := text[0]
	if q != '\'' && q != '"' && q != '`' {
		return text
	}
	body := text[1:]
	if end, open := quoted(text, 1, q, q != '`'); !open && end == len(text) {
		body = body[:len(body)-1]
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && q != '`' && i+1 < len(body):
			i++
			b.WriteByte(unescape(body[i]))
		case c == q && i+1 < len(body) && body[i+1] == q:
			i++
			b.WriteByte(q)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescape maps a MySQL backslash escape to its byte.
func unescape(c byte) byte {
	switch c {
	case '0':
		return 0
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'Z':
		return 26
	}
	return c
}

// Stmt is one statement of a script: its text (trimmed, comments kept, without its
// terminator) and whether \G ended it.
type Stmt struct {
	Text     string
	Vertical bool
}

// Split splits the complete statements off script: those ended by ';', or by \G when
// vertical is set (as the mysql client reads them). Statements holding only comments are
// dropped. rest is the unfinished text after the last terminator, "" when it is blank.
func Split(script string, vertical bool) (stmts []Stmt, rest string) {
	start := 0
	add := func(end int, v bool) {
		if st := strings.TrimSpace(script[start:end]); !OnlyComments(st) {
			stmts = append(stmts, Stmt{Text: st, Vertical: v})
		}
	}
	for i := 0; i < len(script); {
		t := Next(script, i)
		switch {
		case t.Kind == Semicolon:
			add(t.Start, false)
			start = t.End
		case t.Kind == Vertical && vertical:
			add(t.Start, true)
			start = t.End
		}
		i = t.End
	}
	if strings.TrimSpace(script[start:]) == "" {
		return stmts, ""
	}
	return stmts, script[start:]
}

// Statements returns every statement of script, the last one unterminated or not, without
// the statements that hold only comments.
func Statements(script string) []string {
	stmts, rest := Split(script, false)
	var out []string
	for _, s := range stmts {
		out = append(out, s.Text)
	}
	if r := strings.TrimSpace(rest); !OnlyComments(r) {
		out = append(out, r)
	}
	return out
}

// OnlyComments reports whether s holds nothing but whitespace and closed comments (an
// executable comment is code; an unclosed /* comment means the statement goes on).
func OnlyComments(s string) bool {
	for i := 0; i < len(s); {
		t := Next(s, i)
		if t.Kind != Space && !t.IsComment() || t.Open {
			return false
		}
		i = t.End
	}
	return true
}

// SkipComments returns s from its first token that is neither whitespace nor a comment.
func SkipComments(s string) string {
	for i := 0; i < len(s); {
		t := Next(s, i)
		if t.Kind != Space && !t.IsComment() || t.Open {
			return s[i:]
		}
		i = t.End
	}
	return ""
}

// Code returns s with each comment replaced by a space and each string literal by an empty one (an
// executable comment's content is kept): what is left are the statement's keywords,
// identifiers and operators, for checks that must not match inside strings or comments.
func Code(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		t := Next(s, i)
		switch {
		case t.IsComment():
			b.WriteByte(' ')
		case t.Kind == ExecComment:
			b.WriteByte(' ')
			b.WriteString(Code(ExecBody(t.Text(s))))
			b.WriteByte(' ')
		case t.Kind == String:
			b.WriteString("''")
		default:
			b.WriteString(t.Text(s))
		}
		i = t.End
	}
	return b.String()
}

// ExecBody returns the code inside an executable comment's text: without /*! or /*M!, the
// version number that may follow, and */.
func ExecBody(text string) string {
	body := strings.TrimPrefix(strings.TrimPrefix(text, "/*M!"), "/*!")
	body = strings.TrimSuffix(body, "*/")
	n := 0
	for n < len(body) && n < 6 && body[n] >= '0' && body[n] <= '9' {
		n++
	}
	if n >= 5 {
		body = body[n:]
	}
	return body
}

// OpenQuote returns the quote character of the string or quoted identifier still open at
// the end of s, or 0.
func OpenQuote(s string) byte {
	var last Token
	for i := 0; i < len(s); {
		last = Next(s, i)
		i = last.End
	}
	return last.Quote(s)
}
