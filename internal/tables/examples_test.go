package tables_test

import (
	"testing"

	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Every example in a table definition (and so in docs/tables) runs against the simulator.
func TestEveryExampleRuns(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	for _, d := range tables.All() {
		m := d.Meta()
		for _, ex := range m.Examples {
			t.Run(m.Name+"/"+ex.Title, func(t *testing.T) {
				if _, err := e.Query(ex.SQL); err != nil {
					t.Errorf("%s\n%v", ex.SQL, err)
				}
			})
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	if err := tables.Validate(); err != nil {
		t.Fatal(err)
	}
}
