package engine_test

import (
	"fmt"
	"testing"

	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/credsql/credsql/internal/testenv"
)

// The column definitions of a result set agree with the catalog (information_schema.columns,
// which DESCRIBE shows): a tinyint(1) is TINY of display width 1, a datetime(6) has 6
// decimals, NOT NULL and PRI flags where IS_NULLABLE is NO and COLUMN_KEY is PRI.
func TestResultColumnsMatchTheCatalog(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	c := rawConn(t, e)
	cat := e.MustQuery("SELECT table_name, column_name, column_type, is_nullable, column_key FROM information_schema.columns WHERE table_schema = 'credsql' ORDER BY table_name, ordinal_position")
	byTable := map[string][][]any{}
	var order []string
	for _, r := range cat {
		tn := fmt.Sprint(r[0])
		if byTable[tn] == nil {
			order = append(order, tn)
		}
		byTable[tn] = append(byTable[tn], r)
	}
	bools := 0
	for _, tn := range order {
		res, err := c.ExecuteFetch("SELECT * FROM "+tn+" WHERE 1 = 0", 0, true)
		if err != nil {
			t.Errorf("%s: %v", tn, err)
			continue
		}
		cols := byTable[tn]
		if len(res.Fields) != len(cols) {
			t.Errorf("%s: %d fields, %d catalog columns", tn, len(res.Fields), len(cols))
			continue
		}
		for i, f := range res.Fields {
			name, ctype, nullable, key := fmt.Sprint(cols[i][1]), fmt.Sprint(cols[i][2]), fmt.Sprint(cols[i][3]), fmt.Sprint(cols[i][4])
			switch ctype {
			case "tinyint(1)":
				bools++
				if f.Type != sqltypes.Int8 || f.ColumnLength != 1 {
					t.Errorf("%s.%s is %s: field %v length %d, want TINY of length 1", tn, name, ctype, f.Type, f.ColumnLength)
				}
			case "datetime(6)":
				if f.Type != sqltypes.Datetime || f.Decimals != 6 {
					t.Errorf("%s.%s is %s: field %v decimals %d", tn, name, ctype, f.Type, f.Decimals)
				}
			}
			notNull := f.Flags&uint32(querypb.MySqlFlag_NOT_NULL_FLAG) != 0
			pri := f.Flags&uint32(querypb.MySqlFlag_PRI_KEY_FLAG) != 0
			if notNull != (nullable == "NO") || pri != (key == "PRI") {
				t.Errorf("%s.%s: field NOT NULL %v PRI %v; catalog IS_NULLABLE %s COLUMN_KEY %q", tn, name, notNull, pri, nullable, key)
			}
		}
	}
	if bools == 0 {
		t.Error("no tinyint(1) column in the catalog")
	}
	// Boolean expressions are TINYINT(1) too; another database's TINYINT keeps its width.
	res, err := c.ExecuteFetch("SELECT 1 = 1, TRUE", 1, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Fields {
		if f.ColumnLength != 1 {
			t.Errorf("%s: length %d, want 1", f.Name, f.ColumnLength)
		}
	}
}
