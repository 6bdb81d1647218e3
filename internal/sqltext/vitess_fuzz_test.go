package sqltext

import (
	"strings"
	"testing"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// seeds are tricky inputs for FuzzAgainstVitess: escapes at the end, doubled quotes,
// comment markers inside strings and strings inside comments, adjacent strings.
var seeds = []string{
	`SELECT 'a''b', "c""d", 'e\'f', "g\\", 'h\\\'i'`,
	"SELECT `a``b`, `c\\`, `d'e`, `f\"g`",
	"SELECT 1 -- c 'x'\n, 2 # d \"y\"\n, 3 /* e `z` */",
	"SELECT '-- no comment', '# nor this', '/* nor */'",
	"SELECT 'a' 'b'  \"c\"",
	"SELECT 'unterminated",
	"SELECT `unterminated",
	"SELECT 1 /* unterminated",
	"SELECT 'a\\'",
	"SELECT X'4142', x'', B'0101', b'1'",
	"SELECT a.`b`.c FROM `t` WHERE `x` = 'y';",
	"/* lead */ SELECT 1; # trail",
	"SELECT '\\n\\t\\0\\Z\\%\\_'",
	"SELECT \"'\", '\"', `'\"`",
	"SELECT 1 -- \n",
	"SELECT 'a\nb' -- c\r\nd",
	"SELECT ''''''",
	"SELECT \"\"\"\"",
	"SELECT ``````",
	"SELECT 'é', `naïve`",
}

// skipVitess reports inputs on which vitess knowingly departs from MySQL, or where its token
// positions cannot be recovered: "--" without a following space is a comment to vitess, "//"
// is one too, it reads executable comments' content as code, @@ and @ take quotes into the
// name, FOR and NOT look one token ahead, and a NUL byte is its "nothing read yet" mark.
func skipVitess(s string) bool {
	if strings.IndexByte(s, 0) >= 0 {
		return true
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '-' && s[i+1] == '-' && !IsDashComment(s, i) {
			return true
		}
	}
	l := strings.ToLower(s)
	for _, bad := range []string{"//", "/*!", "/*m!", "@", "for", "not", ":"} {
		if strings.Contains(l, bad) {
			return true
		}
	}
	return false
}

type vtok struct {
	kind  Kind
	start int
	text  string
}

// vitessTokens returns the strings (adjacent ones merged, as vitess merges them), quoted
// identifiers, hexadecimal and bit literals and comments that the vitess tokenizer reads in
// s, with where each starts, up to its first lexing error; errAt is where that error's
// token starts (-1: none).
func vitessTokens(s string) (out []vtok, errAt int) {
	tkn := ast.NewStringTokenizer(s)
	for {
		start := max(tkn.Position-1, 0)
		for start < len(s) && strings.IndexByte(" \t\r\n", s[start]) >= 0 {
			start++
		}
		typ, val := tkn.Scan()
		if typ == 0 {
			return out, -1
		}
		if typ == ast.LEX_ERROR {
			return out, start
		}
		var k Kind
		switch c := s[start]; {
		case typ == ast.STRING:
			k = String
		case typ == ast.ID && c == '`':
			k = QuotedIdent
		case typ == ast.HEX && (c == 'x' || c == 'X'):
			k = HexLiteral
		case typ == ast.BIT_LITERAL:
			k = BitLiteral
		case typ == ast.COMMENT:
			k = LineComment
			if c == '/' {
				k = BlockComment
			}
			val = []byte(strings.TrimSuffix(string(val), "\n"))
		default:
			continue
		}
		out = append(out, vtok{k, start, string(val)})
	}
}

// ours returns the same view from Tokens: strings unquoted and adjacent ones merged, quoted
// identifiers unquoted, literals' digits, comments' text; and where the first open token
// starts (-1: none).
func ours(s string) (out []vtok, openAt int) {
	openAt = -1
	toks := Tokens(s)
	for i, t := range toks {
		if t.Open && openAt < 0 {
			openAt = t.Start
		}
		text := t.Text(s)
		switch t.Kind {
		case String:
			// vitess joins 'a' 'b' into one string 'ab' (and an error in 'b' is one at 'a').
			if n := len(out); n > 0 && out[n-1].kind == String && adjacent(s, toks, i) {
				out[n-1].text += Unquote(text)
				if t.Open {
					openAt = out[n-1].start
				}
				continue
			}
			out = append(out, vtok{String, t.Start, Unquote(text)})
		case QuotedIdent:
			out = append(out, vtok{QuotedIdent, t.Start, Unquote(text)})
		case HexLiteral, BitLiteral:
			out = append(out, vtok{t.Kind, t.Start, strings.TrimSuffix(text[2:], "'")})
		case LineComment, BlockComment:
			out = append(out, vtok{t.Kind, t.Start, text})
		}
	}
	return out, openAt
}

// adjacent reports whether toks[i] follows a string with only the whitespace vitess skips
// between (it does not skip \f and \v, which MySQL does).
func adjacent(s string, toks []Token, i int) bool {
	j := i - 1
	if j >= 0 && toks[j].Kind == Space {
		if strings.Trim(toks[j].Text(s), " \t\r\n") != "" {
			return false
		}
		j--
	}
	return j >= 0 && toks[j].Kind == String
}

// checkAgainstVitess compares the token boundaries and values of strings, quoted
// identifiers, literals and comments with the vitess tokenizer go-mysql-server parses with.
func checkAgainstVitess(t *testing.T, s string) {
	if skipVitess(s) {
		return
	}
	want, errAt := vitessTokens(s)
	got, openAt := ours(s)
	if errAt >= 0 {
		// Compare what precedes vitess's first error. An unterminated quote or comment is an
		// error to vitess and an open token to us, at the same place.
		var kept []vtok
		for _, g := range got {
			if g.start < errAt {
				kept = append(kept, g)
			}
		}
		got = kept
		if c := s[errAt]; (c == '\'' || c == '"' || c == '`' || c == '/') && openAt >= 0 && openAt != errAt {
			t.Fatalf("%q: vitess stops at an unterminated token at %d, ours is open at %d", s, errAt, openAt)
		}
		if openAt >= 0 && openAt < errAt {
			t.Fatalf("%q: our token at %d is open, vitess reads on to an error at %d", s, openAt, errAt)
		}
		// Vitess may stop inside a token we read (a bad hex digit in X'…'): that token is not compared.
		if n := len(got); n > 0 && len(want) < n {
			got = got[:len(want)]
		}
	} else if openAt >= 0 {
		t.Fatalf("%q: our token at %d is open, vitess reads the text without error", s, openAt)
	}
	if len(got) != len(want) {
		t.Fatalf("%q:\n ours   %+v\n vitess %+v", s, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d\n ours   %+v\n vitess %+v", s, i, got[i], want[i])
		}
	}
}

func TestSeedsAgainstVitess(t *testing.T) {
	t.Parallel()
	for _, s := range seeds {
		if skipVitess(s) {
			t.Errorf("seed %q is skipped by the comparison", s)
		}
		checkAgainstVitess(t, s)
	}
}

func FuzzAgainstVitess(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Every byte is in exactly one token, whatever the input.
		end := 0
		for _, tk := range Tokens(s) {
			if tk.Start != end || tk.End <= tk.Start {
				t.Fatalf("%q: token %+v does not follow %d", s, tk, end)
			}
			end = tk.End
		}
		if end != len(s) {
			t.Fatalf("%q: tokens end at %d", s, end)
		}
		checkAgainstVitess(t, s)
	})
}
