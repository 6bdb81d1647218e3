package render

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jedib0t/go-pretty/v6/text"
)

func renderRows(t *testing.T, f Format, opts Options, cols []string, rows ...[]any) string {
	t.Helper()
	var b strings.Builder
	cs := make([]Column, len(cols))
	for i, c := range cols {
		cs[i] = Column{Name: c}
	}
	w := New(&b, f, cs, opts)
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func maxLineWidth(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, text.StringWidthWithoutEscSequences(l))
	}
	return n
}

var wide = []any{"0oa1TAxlWz39xC3yd2na", "Salesforce", strings.Repeat("MIIC5DCCAcygAwIBAgICBCow", 10), int64(2048)}

func TestTableFitsTheWidth(t *testing.T) {
	cols := []string{"id", "label", "x5c", "bits"}
	natural := renderRows(t, Table, Options{}, cols, wide)
	if maxLineWidth(natural) < 200 {
		t.Fatalf("without a width the table is not wide: %d\n%s", maxLineWidth(natural), natural)
	}
	for _, width := range []int{60, 80, 120} {
		got := renderRows(t, Table, Options{Width: width}, cols, wide)
		if w := maxLineWidth(got); w > width {
			t.Errorf("width %d: a line is %d wide:\n%s", width, w, got)
		}
		if !strings.Contains(got, "…") {
			t.Errorf("width %d: no cut cell marked with …:\n%s", width, got)
		}
		if !strings.Contains(got, "2048 |") {
			t.Errorf("width %d: the short number column was cut:\n%s", width, got)
		}
	}
	// At 80 columns the narrow columns keep their width; the certificate gives way.
	got := renderRows(t, Table, Options{Width: 80}, cols, wide)
	if !strings.Contains(got, "| Salesforce |") {
		t.Errorf("a column that fits was cut:\n%s", got)
	}
}

func TestTableWrap(t *testing.T) {
	doc := "Whether x5t_s256 equals cert_sha256, the SHA-256 of the certificate actually in x5c; NULL when either is missing."
	got := renderRows(t, Table, Options{Width: 60, Wrap: true}, []string{"column", "description"}, []any{"x5t_s256_matches", doc})
	if w := maxLineWidth(got); w > 60 {
		t.Errorf("a line is %d wide:\n%s", w, got)
	}
	if strings.Contains(got, "…") {
		t.Errorf("Wrap cut a cell:\n%s", got)
	}
	var words []string
	for _, l := range strings.Split(got, "\n") {
		if f := strings.Split(l, "|"); len(f) == 4 {
			words = append(words, strings.Fields(f[2])...)
		}
	}
	if diff := cmp.Diff(strings.Fields("description "+doc), words); diff != "" {
		t.Errorf("wrapped text lost words (-want +got):\n%s", diff)
	}
}

func TestAutoVertical(t *testing.T) {
	cols := []string{"id", "label", "x5c", "bits"}
	got := renderRows(t, Table, Options{Width: 80, AutoVertical: true}, cols, wide, wide)
	if !strings.HasPrefix(got, "*************************** 1. row ***************************\n   id: 0oa1TAxlWz39xC3yd2na\n") {
		t.Errorf("a table wider than the screen was not shown vertically:\n%s", got)
	}
	if !strings.Contains(got, "2. row") {
		t.Errorf("second row missing:\n%s", got)
	}
	if w := maxLineWidth(got); w > 80 {
		t.Errorf("a vertical line is %d wide:\n%s", w, got)
	}
	narrow := renderRows(t, Table, Options{Width: 80, AutoVertical: true}, []string{"id", "bits"}, []any{"a", int64(1)})
	if !strings.HasPrefix(narrow, "+----+------+") {
		t.Errorf("a table that fits was not shown as a table:\n%s", narrow)
	}
}

func TestNoWidthNoChanges(t *testing.T) {
	got := renderRows(t, Vertical, Options{}, []string{"x5c"}, []any{wide[2]})
	if !strings.Contains(got, wide[2].(string)) {
		t.Errorf("vertical output without a width cut a value:\n%s", got)
	}
	got = renderRows(t, CSV, Options{Width: 20}, []string{"x5c"}, []any{wide[2]})
	if !strings.Contains(got, wide[2].(string)) {
		t.Errorf("CSV was cut to the width:\n%s", got)
	}
}

func TestNumbersAlignRight(t *testing.T) {
	got := renderRows(t, Table, Options{}, []string{"name", "n"}, []any{"a", int64(5)}, []any{"b", int64(1234)}, []any{"c", nil})
	want := `+------+------+
| name | n    |
+------+------+
| a    |    5 |
| b    | 1234 |
| c    | NULL |
+------+------+
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		widths []int
		room   int
		want   []int
	}{
		{[]int{10, 20, 30}, 100, []int{10, 20, 30}},
		{[]int{10, 20, 30}, 50, []int{10, 20, 20}},
		{[]int{10, 20, 30}, 40, []int{10, 15, 15}},
		{[]int{4, 100}, 20, []int{4, 16}},
		{[]int{30, 30}, 4, []int{8, 8}}, // never below minColumn: the caller cuts the lines
	} {
		if got := fit(tc.widths, tc.room); !cmp.Equal(got, tc.want) {
			t.Errorf("fit(%v, %d) = %v, want %v", tc.widths, tc.room, got, tc.want)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven chars", 10, "eleven ch…"},
		{"two\nlines that are long", 8, "two\nlines t…"},
		{"生命生命生命", 5, "生命…"},
	} {
		if got := Cut(tc.in, tc.width); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

func TestBooleansReadTheSameInEveryFormat(t *testing.T) {
	cols := []Column{{Name: "in_use", Bool: true}, {Name: "n"}}
	for _, f := range Formats {
		var b strings.Builder
		w := New(&b, f, cols, Options{})
		for _, row := range [][]any{{int8(1), int64(1)}, {int8(0), int64(0)}} {
			if err := w.Row(row); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, "true") || !strings.Contains(out, "false") {
			t.Errorf("%s: booleans not shown as true/false:\n%s", f, out)
		}
	}
}
