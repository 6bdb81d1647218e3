package sqltext

import (
	"reflect"
	"strings"
	"testing"
)

// kinds renders the tokens of src as kind:text pairs, spaces dropped.
func kinds(src string) []string {
	names := map[Kind]string{LineComment: "line", BlockComment: "block", ExecComment: "exec", String: "str",
		QuotedIdent: "ident", HexLiteral: "hex", BitLiteral: "bit", Word: "word", Semicolon: ";", Vertical: `\G`, Punct: "p"}
	var out []string
	for _, t := range Tokens(src) {
		if t.Kind == Space {
			continue
		}
		s := names[t.Kind] + ":" + t.Text(src)
		if t.Open {
			s += "(open)"
		}
		out = append(out, s)
	}
	return out
}

func TestTokens(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`SELECT 'a''b', "c\"d", ` + "`e``f`", []string{"word:SELECT", `str:'a''b'`, "p:,", `str:"c\"d"`, "p:,", "ident:`e``f`"}},
		{`'it\'s' -- note; 'x'` + "\n;", []string{`str:'it\'s'`, "line:-- note; 'x'", ";:;"}},
		{"a--b", []string{"word:a", "p:-", "p:-", "word:b"}},
		{"a --\tb\nc", []string{"word:a", "line:--\tb", "word:c"}},
		{"x -- ", []string{"word:x", "line:-- "}},
		{"x --", []string{"word:x", "line:--"}},
		{"# c 'q\nd", []string{"line:# c 'q", "word:d"}},
		{"/* a ; ' */ b", []string{"block:/* a ; ' */", "word:b"}},
		{"/*!50000 SELECT 1 */;", []string{"exec:/*!50000 SELECT 1 */", ";:;"}},
		{"/*M!100000 x */", []string{"exec:/*M!100000 x */"}},
		{"/* open", []string{"block:/* open(open)"}},
		{"'open \\' still", []string{"str:'open \\' still(open)"}},
		{"`a\\`b`", []string{"ident:`a\\`", "word:b", "ident:`(open)"}},
		{"X'4142' b'01' ax'41'", []string{"hex:X'4142'", "bit:b'01'", "word:ax", "str:'41'"}},
		{`SELECT 1\G`, []string{"word:SELECT", "word:1", `\G:\G`}},
		{`"a''b"`, []string{`str:"a''b"`}},
	} {
		if got := kinds(tc.src); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q)\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`'a''b'`:       "a'b",
		`"a\"b"`:       `a"b`,
		`'\n\t\0\Z\%'`: "\n\t\x00\x1a%",
		"`a``b`":       "a`b",
		"`a\\b`":       `a\b`,
		`'open`:        "open",
		`'ends\'`:      "ends'",
		`"x"`:          "x",
		`plain`:        "plain",
	} {
		if got := Unquote(in); got != want {
			t.Errorf("Unquote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src      string
		vertical bool
		want     []Stmt
		rest     string
	}{
		{"SELECT 1; SELECT ';'; SELECT 2", true, []Stmt{{"SELECT 1", false}, {"SELECT ';'", false}}, " SELECT 2"},
		{"SELECT 1\\G\nSELECT 2;", true, []Stmt{{"SELECT 1", true}, {"SELECT 2", false}}, ""},
		{"SELECT 1\\G", false, nil, "SELECT 1\\G"},
		{"-- only; a comment\n; /* and ; this */;", true, nil, ""},
		{"SELECT 1 /* ; */ -- ;\n;", true, []Stmt{{"SELECT 1 /* ; */ -- ;", false}}, ""},
		{"/*!50000 SELECT 1 */;", true, []Stmt{{"/*!50000 SELECT 1 */", false}}, ""},
		{"SELECT 'a;\nb", true, nil, "SELECT 'a;\nb"},
		{"SELECT `a;b`; x", true, []Stmt{{"SELECT `a;b`", false}}, " x"},
		{"SELECT 'a\\';'; x", true, []Stmt{{"SELECT 'a\\';'", false}}, " x"},
		{"SELECT 1;  \n ", true, []Stmt{{"SELECT 1", false}}, ""},
	} {
		got, rest := Split(tc.src, tc.vertical)
		if !reflect.DeepEqual(got, tc.want) || rest != tc.rest {
			t.Errorf("Split(%q) = %v, %q; want %v, %q", tc.src, got, rest, tc.want, tc.rest)
		}
	}
}

func TestStatementsAndComments(t *testing.T) {
	t.Parallel()
	if got, want := Statements("a; -- c\n; b /* x */"), []string{"a", "b /* x */"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Statements = %q, want %q", got, want)
	}
	for s, want := range map[string]bool{"": true, " -- a\n# b\n/* c */": true, "/* open": false, "/*!5 x */": false, "--x": false, "x": false} {
		if got := OnlyComments(s); got != want {
			t.Errorf("OnlyComments(%q) = %v", s, got)
		}
	}
	if got := SkipComments(" -- a\n/* b */ EXEC x"); got != "EXEC x" {
		t.Errorf("SkipComments = %q", got)
	}
	if got, want := Code("SELECT 'returning' -- returning\n/*!50000 RETURNING 'x' */ a"), "SELECT ''  \n  RETURNING ''   a"; got != want {
		t.Errorf("Code = %q, want %q", got, want)
	}
	for s, want := range map[string]byte{"'a": '\'', "\"a\\\"": '"', "`a": '`', "'a'": 0, "-- 'a": 0, "/* 'a": 0} {
		if got := OpenQuote(s); got != want {
			t.Errorf("OpenQuote(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestTokensCover(t *testing.T) {
	t.Parallel()
	src := "SELECT `a`, 'b' -- c\n/* d */ #e\nx'41';\\G"
	var b strings.Builder
	for _, tk := range Tokens(src) {
		b.WriteString(tk.Text(src))
	}
	if b.String() != src {
		t.Errorf("tokens do not cover the text: %q", b.String())
	}
}
