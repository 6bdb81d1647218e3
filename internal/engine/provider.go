package engine

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/tables"
)

// provider serves the one credsql database and its procedures.
type provider struct {
	e     *Engine
	procs sql.ExternalStoredProcedureRegistry
}

var (
	_ sql.DatabaseProvider                = (*provider)(nil)
	_ sql.ExternalStoredProcedureProvider = (*provider)(nil)
)

func newProvider(e *Engine) (*provider, error) {
	p := &provider{e: e, procs: sql.NewExternalStoredProcedureRegistry()}
	for _, pm := range e.procs {
		// CALL p(a, b) with every parameter, CALL p(a) without trailing optional ones, and
		// CALL p(a, b, 'conn') naming the connection (optional parameters then given as NULL).
		for n := requiredParams(pm); n <= len(pm.Params); n++ {
			d, err := e.procedure(pm, n, false)
			if err != nil {
				return nil, err
			}
			p.procs.Register(d)
		}
		d, err := e.procedure(pm, len(pm.Params), true)
		if err != nil {
			return nil, err
		}
		p.procs.Register(d)
	}
	return p, nil
}

func (p *provider) Database(ctx *sql.Context, name string) (sql.Database, error) {
	if strings.EqualFold(name, DatabaseName) {
		return p.e.db, nil
	}
	return nil, sql.ErrDatabaseNotFound.New(name)
}

func (p *provider) HasDatabase(ctx *sql.Context, name string) bool {
	return strings.EqualFold(name, DatabaseName)
}

func (p *provider) AllDatabases(*sql.Context) []sql.Database { return []sql.Database{p.e.db} }

// ExternalStoredProcedure finds the procedure a CALL with n arguments runs. A credsql
// procedure called with a wrong number of arguments is refused here with MySQL's 1318 and
// the parameter list (go-mysql-server's own message counts the optional connection as required).
func (p *provider) ExternalStoredProcedure(ctx *sql.Context, name string, n int) (*sql.ExternalStoredProcedureDetails, error) {
	for _, pm := range p.e.procs {
		if n >= 0 && strings.EqualFold(pm.FullName, name) && (n < requiredParams(pm) || n > len(pm.Params)+1) {
			expected := fmt.Sprint(len(pm.Params))
			if req := requiredParams(pm); req < len(pm.Params) {
				expected = fmt.Sprintf("%d to %d", req, len(pm.Params))
			}
			return nil, mysql.NewSQLError(erSPWrongNoOfArgs, "42000",
				"Incorrect number of arguments for PROCEDURE %s; expected %s, or %d with the connection, got %d; parameters: %s",
				pm.FullName, expected, len(pm.Params)+1, n, paramList(pm))
		}
	}
	// Otherwise the registry has the variant with n parameters (for an unknown count it
	// returns the longest, which GMS then reports).
	return p.procs.LookupByNameAndParamCount(name, n)
}

func (p *provider) ExternalStoredProcedures(ctx *sql.Context, name string) ([]sql.ExternalStoredProcedureDetails, error) {
	return p.procs.LookupByName(name)
}

// database is the credsql database: the registered tables and the catalog tables. Views,
// triggers and stored procedures are not supported, but the interfaces must exist for
// go-mysql-server's privilege wrapper (docs/gms.md §4, pitfall 1).
type database struct{ e *Engine }

var (
	_ sql.Database                = (*database)(nil)
	_ sql.ViewDatabase            = (*database)(nil)
	_ sql.TriggerDatabase         = (*database)(nil)
	_ sql.StoredProcedureDatabase = (*database)(nil)
)

func (d *database) Name() string { return DatabaseName }

func (d *database) GetTableInsensitive(ctx *sql.Context, name string) (sql.Table, bool, error) {
	if t, ok := d.e.tables[strings.ToLower(name)]; ok {
		return t, true, nil
	}
	switch strings.ToLower(name) {
	case proceduresTable:
		return d.e.proceduresCatalog(), true, nil
	case connectionsTable:
		return d.e.connectionsCatalog(ctx), true, nil
	}
	return nil, false, nil
}

func (d *database) GetTableNames(*sql.Context) ([]string, error) {
	names := []string{proceduresTable, connectionsTable}
	for n := range d.e.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

var errNoViews = fmt.Errorf("credsql does not store views, triggers or procedures")

func (d *database) CreateView(*sql.Context, string, string, string) error { return errNoViews }
func (d *database) DropView(*sql.Context, string) error                   { return errNoViews }
func (d *database) GetViewDefinition(*sql.Context, string) (sql.ViewDefinition, bool, error) {
	return sql.ViewDefinition{}, false, nil
}
func (d *database) AllViews(*sql.Context) ([]sql.ViewDefinition, error) { return nil, nil }
func (d *database) GetTriggers(*sql.Context) ([]sql.TriggerDefinition, error) {
	return nil, nil
}
func (d *database) CreateTrigger(*sql.Context, sql.TriggerDefinition) error { return errNoViews }
func (d *database) DropTrigger(*sql.Context, string) error                  { return errNoViews }
func (d *database) GetStoredProcedure(*sql.Context, string) (sql.StoredProcedureDetails, bool, error) {
	return sql.StoredProcedureDetails{}, false, nil
}
func (d *database) GetStoredProcedures(*sql.Context) ([]sql.StoredProcedureDetails, error) {
	return nil, nil
}
func (d *database) SaveStoredProcedure(*sql.Context, sql.StoredProcedureDetails) error {
	return errNoViews
}
func (d *database) DropStoredProcedure(*sql.Context, string) error { return errNoViews }

// requiredParams is how many leading parameters a CALL must give: all but the trailing
// optional ones.
func requiredParams(pm tables.ProcMeta) int {
	n := len(pm.Params)
	for n > 0 && pm.Params[n-1].Optional {
		n--
	}
	return n
}

// procedure builds the go-mysql-server procedure for a credsql procedure: a Go function with
// one typed parameter for each of the first n procedure parameters (and a trailing
// connection name when withConn). An optional parameter given as NULL (or left out) is not
// passed to the definition; go-mysql-server hands NULL to a typed parameter as its zero
// value, so for optional parameters 0 and ” mean "not given" too.
func (e *Engine) procedure(pm tables.ProcMeta, n int, withConn bool) (sql.ExternalStoredProcedureDetails, error) {
	t := e.tables[pm.Table]
	params := append([]tables.Param(nil), pm.Params[:n]...)
	if withConn {
		params = append(params, tables.Param{Name: tables.ConnectionColumn, Type: tables.String})
	}
	in := []reflect.Type{reflect.TypeOf((*sql.Context)(nil))}
	for _, p := range params {
		in = append(in, goType(p.Type))
	}
	out := []reflect.Type{reflect.TypeOf((*sql.RowIter)(nil)).Elem(), reflect.TypeOf((*error)(nil)).Elem()}
	fnType := reflect.FuncOf(in, out, false)
	schema := e.procSchema(t, pm)
	fn := reflect.MakeFunc(fnType, func(args []reflect.Value) []reflect.Value {
		ctx := args[0].Interface().(*sql.Context)
		vals := tables.Values{}
		conn := ""
		for i, p := range params {
			v := args[i+1].Interface()
			if p.Name == tables.ConnectionColumn {
				conn, _ = v.(string)
				continue
			}
			if p.Optional && reflect.ValueOf(v).IsZero() {
				continue
			}
			vals[p.Name] = v
		}
		iter, err := e.call(ctx, t, pm, conn, vals)
		if err != nil {
			return []reflect.Value{reflect.Zero(out[0]), reflect.ValueOf(&err).Elem()}
		}
		return []reflect.Value{reflect.ValueOf(&iter).Elem(), reflect.Zero(out[1])}
	})
	return sql.ExternalStoredProcedureDetails{
		Name:     pm.FullName,
		Schema:   schema,
		Function: fn.Interface(),
		ReadOnly: !pm.Mutating,
	}, nil
}

func goType(t tables.Type) reflect.Type {
	switch t {
	case tables.Int:
		return reflect.TypeOf(int64(0))
	case tables.Bool:
		return reflect.TypeOf(false)
	case tables.Time:
		return reflect.TypeOf(time.Time{})
	}
	return reflect.TypeOf("")
}

func (e *Engine) procSchema(t *table, pm tables.ProcMeta) sql.Schema {
	var s sql.Schema
	for _, c := range t.schema {
		cc := *c
		cc.Source = ""
		s = append(s, &cc)
	}
	for _, x := range pm.Extra {
		s = append(s, &sql.Column{Name: x.Name, Type: sqlType(x.Type), Comment: x.Doc, Nullable: true})
	}
	return s
}

// call runs a procedure and returns its result row.
func (e *Engine) call(ctx *sql.Context, t *table, pm tables.ProcMeta, connName string, args tables.Values) (sql.RowIter, error) {
	if pm.Mutating && e.userReadOnly(ctx) {
		return nil, readOnlyUserError(ctx, "CALL", pm.FullName)
	}
	c, err := e.userConnFor(ctx, t.meta.Vendor, connName)
	if err != nil {
		return nil, sqlError(err)
	}
	if pm.Mutating {
		if err := c.Writable("CALL " + pm.FullName); err != nil {
			return nil, sqlError(err)
		}
	}
	for _, p := range pm.Params {
		if !p.Optional {
			if s, ok := args[p.Name].(string); ok && s == "" {
				return nil, sqlError(fmt.Errorf("%s: parameter %s is required (parameters: %s)", pm.FullName, p.Name, paramList(pm)))
			}
		}
	}
	if pm.Mutating {
		noteArgs(ctx, pm, args, connName)
	}
	wctx, done := e.writeCtx(ctx, ctx)
	vals, err := t.def.Call(wctx, c, pm.Name, args)
	done()
	if err != nil {
		if pm.Mutating {
			err = e.withCheck(err, t.meta, c.Name, procKey(t.meta, pm, args))
		}
		return nil, sqlError(fmt.Errorf("%s: %w", pm.FullName, err))
	}
	stepNotes(ctx, pm, vals, len(t.meta.Columns))
	return sql.RowsToRowIter(e.procRow(ctx, t, pm, c.Name, vals)), nil
}

func paramList(pm tables.ProcMeta) string {
	var names []string
	for _, p := range pm.Params {
		n := p.Name
		if p.Optional {
			n += " (optional)"
		}
		names = append(names, n)
	}
	names = append(names, "connection (optional)")
	return strings.Join(names, ", ")
}
