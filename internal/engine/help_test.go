package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/testenv"
)

// MySQL's help tables exist, with MySQL's columns (help_topic: help_topic_id, name,
// help_category_id, description, example, url), and are empty; HELP 'topic' answers one
// row of name, description and example, as MySQL does when one topic matches: the mysql client and mycli
// print it instead of a syntax error.
func TestHelpTablesAndHelpStatement(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	c := rawConn(t, e)
	for table, cols := range map[string]string{
		"help_topic":    "help_topic_id name help_category_id description example url",
		"help_category": "help_category_id name parent_category_id url",
		"help_keyword":  "help_keyword_id name",
		"help_relation": "help_topic_id help_keyword_id",
	} {
		res, err := c.ExecuteFetch("SELECT * FROM mysql."+table, 10, true)
		if err != nil {
			t.Errorf("%s: %v", table, err)
			continue
		}
		var got []string
		for _, f := range res.Fields {
			got = append(got, f.Name)
		}
		want := strings.Fields(cols)
		slices.Sort(got) // go-mysql-server orders help_relation's two columns the other way
		slices.Sort(want)
		if !slices.Equal(got, want) || len(res.Rows) != 0 {
			t.Errorf("mysql.%s: columns %v, %d rows; want %s and no row", table, got, len(res.Rows), cols)
		}
		res, err = c.ExecuteFetch("SELECT COUNT(*) FROM mysql."+table+" WHERE name LIKE 'select' OR 1 = 1", 1, false)
		if table == "help_relation" {
			res, err = c.ExecuteFetch("SELECT COUNT(*) FROM mysql."+table, 1, false)
		}
		if err != nil || len(res.Rows) != 1 || res.Rows[0][0].ToString() != "0" {
			t.Errorf("COUNT(*) of mysql.%s: %v %v, want 0", table, res, err)
		}
	}
	for _, q := range []string{"HELP 'select'", "help select", "/* mycli */ help 'Select';"} {
		res, err := c.ExecuteFetch(q, 10, true)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		if len(res.Fields) != 3 || res.Fields[0].Name != "name" || res.Fields[1].Name != "description" || res.Fields[2].Name != "example" ||
			len(res.Rows) != 1 || res.Rows[0][0].ToString() != "SELECT" || !strings.Contains(res.Rows[0][1].ToString(), "dev.mysql.com/doc/refman/8.0") {
			t.Errorf("%s: %v %v", q, res.Fields, res.Rows)
		}
	}
}
