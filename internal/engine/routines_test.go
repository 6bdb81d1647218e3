package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Every procedure of the table registry is in information_schema.ROUTINES and PARAMETERS,
// SHOW PROCEDURE STATUS and SHOW CREATE PROCEDURE, over the wire (what JDBC's getProcedures
// and getProcedureColumns and ODBC's SQLProcedureColumns read).
func TestProcedureCatalog(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	var procs []tables.ProcMeta
	for _, d := range tables.All() {
		procs = append(procs, d.Meta().Procedures...)
	}
	if len(procs) == 0 {
		t.Fatal("no procedures")
	}
	routines := map[string]string{}
	for _, r := range mustWire(t, e, "SELECT routine_name, sql_data_access FROM information_schema.routines WHERE routine_schema = 'credsql' AND routine_type = 'PROCEDURE'") {
		name := fmt.Sprint(r[0])
		if _, dup := routines[name]; dup {
			t.Errorf("ROUTINES lists %s twice", name)
		}
		routines[name] = fmt.Sprint(r[1])
	}
	status := map[string]bool{}
	for _, r := range mustWire(t, e, "SHOW PROCEDURE STATUS WHERE Db = 'credsql'") {
		status[fmt.Sprint(r[1])] = true
	}
	params := map[string][]string{}
	for _, r := range mustWire(t, e, "SELECT specific_name, parameter_name, parameter_mode FROM information_schema.parameters WHERE specific_schema = 'credsql' ORDER BY specific_name, ordinal_position") {
		params[fmt.Sprint(r[0])] = append(params[fmt.Sprint(r[0])], fmt.Sprint(r[1])+" "+fmt.Sprint(r[2]))
	}
	if len(routines) != len(procs) {
		t.Errorf("ROUTINES has %d procedures, the registry %d", len(routines), len(procs))
	}
	for _, pm := range procs {
		wantAccess := "READS SQL DATA"
		if pm.Mutating {
			wantAccess = "MODIFIES SQL DATA"
		}
		if routines[pm.FullName] != wantAccess {
			t.Errorf("ROUTINES %s: %q, want %q", pm.FullName, routines[pm.FullName], wantAccess)
		}
		if !status[pm.FullName] {
			t.Errorf("SHOW PROCEDURE STATUS lacks %s", pm.FullName)
		}
		var want []string
		for _, p := range pm.Params {
			want = append(want, p.Name+" IN")
		}
		want = append(want, "connection IN")
		if strings.Join(params[pm.FullName], ", ") != strings.Join(want, ", ") {
			t.Errorf("PARAMETERS of %s: %v, want %v", pm.FullName, params[pm.FullName], want)
		}
		rows := mustWire(t, e, "SHOW CREATE PROCEDURE "+pm.FullName)
		if len(rows) != 1 {
			t.Errorf("SHOW CREATE PROCEDURE %s: %d rows", pm.FullName, len(rows))
			continue
		}
		create := fmt.Sprint(rows[0][2])
		for _, p := range pm.Params {
			if !strings.Contains(create, "IN `"+p.Name+"` ") {
				t.Errorf("SHOW CREATE PROCEDURE %s lacks parameter %s:\n%s", pm.FullName, p.Name, create)
			}
		}
		if pm.Call != "" && !strings.Contains(create, "-- API call: "+pm.Call) {
			t.Errorf("SHOW CREATE PROCEDURE %s lacks its API call %q:\n%s", pm.FullName, pm.Call, create)
		}
	}
	// One statement written out in full.
	got := fmt.Sprint(mustWire(t, e, "SHOW CREATE PROCEDURE apps_secrets_activate")[0][2])
	want := "CREATE DEFINER=`credsql`@`localhost` PROCEDURE `apps_secrets_activate`(IN `app_id` longtext, IN `secret_id` longtext, IN `connection` longtext)\n" +
		"    MODIFIES SQL DATA\n" +
		"    COMMENT 'Activates a client secret: clients can authenticate with it again. Returns the secret.'\n" +
		"BEGIN\n" +
		"  -- API call: POST /api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/activate\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("SHOW CREATE PROCEDURE apps_secrets_activate:\n%s\nwant it to start:\n%s", got, want)
	}
}

func mustWire(t *testing.T, e *testenv.Env, q string) [][]any {
	t.Helper()
	rows, err := e.WireQuery(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}
