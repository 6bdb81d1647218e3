package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// Session variables of writes.
const (
	// VarDryRun makes every write and procedure of the session show the API calls it would make
	// (as notes: SHOW WARNINGS) and make none; reads still run.
	VarDryRun = "credsql_dry_run"
	// VarForce lets a statement do what would cut off credsql's own access (delete, disable or
	// rotate away the key a connection authenticates with). Per statement, MySQL's hint
	// DELETE /*+ SET_VAR(credsql_force = ON) */ FROM ...; for the session: SET credsql_force = ON.
	VarForce = "credsql_force"
)

// noteCode is the code of credsql's notes (dry-run calls, procedure steps).
const noteCode = 1105

// writeVariables are the session variables of writes, registered with credsql's others.
func writeVariables() []sql.SystemVariable {
	return []sql.SystemVariable{
		&sql.MysqlSystemVariable{
			Name:              VarDryRun,
			Scope:             sql.GetMysqlScope(sql.SystemVariableScope_Session),
			Dynamic:           true,
			SetVarHintApplies: true,
			Type:              types.NewSystemBoolType(VarDryRun),
			Default:           int8(0),
		},
		&sql.MysqlSystemVariable{
			Name:              VarForce,
			Scope:             sql.GetMysqlScope(sql.SystemVariableScope_Session),
			Dynamic:           true,
			SetVarHintApplies: true,
			Type:              types.NewSystemBoolType(VarForce),
			Default:           int8(0),
		},
	}
}

func (e *Engine) dryRun(ctx *sql.Context) bool {
	if on, ok := setVarHint(ctx.Query(), VarDryRun); ok {
		return on
	}
	return sessionBool(ctx, VarDryRun, e.opts.DryRun)
}

func forced(ctx *sql.Context) bool {
	if on, ok := setVarHint(ctx.Query(), VarForce); ok {
		return on
	}
	return sessionBool(ctx, VarForce, false)
}

var setVarRe = regexp.MustCompile(`(?i)/\*\+[^*]*?\bSET_VAR\(\s*(credsql_[a-z_]+)\s*=\s*'?(on|off|1|0|true|false)'?\s*\)`)

// setVarHint reads MySQL's per-statement hint /*+ SET_VAR(name = ON) */ for one of credsql's
// variables from the statement's text (go-mysql-server parses the hint as a comment).
func setVarHint(query, name string) (on, ok bool) {
	for _, m := range setVarRe.FindAllStringSubmatch(query, -1) {
		if strings.EqualFold(m[1], name) {
			v := strings.ToLower(m[2])
			return v == "on" || v == "1" || v == "true", true
		}
	}
	return false, false
}

// writeCtx is the context a write or procedure runs in: with credsql_force, one that allows
// the guarded writes; in a dry run, one whose mutating calls are recorded rather than sent.
// done turns the calls recorded into notes of the statement; call it on the statement's
// goroutine once the write returns.
func (e *Engine) writeCtx(sctx *sql.Context, base context.Context) (ctx context.Context, done func()) {
	ctx = base
	if forced(sctx) {
		ctx = tables.WithForce(ctx)
	}
	if !e.dryRun(sctx) {
		markWrite(sctx)
		return ctx, func() {}
	}
	d := fetch.DryRunFrom(ctx)
	if d == nil {
		d = &fetch.DryRun{}
		ctx = fetch.WithDryRun(ctx, d)
	}
	return ctx, func() {
		for _, p := range d.Take() {
			addNote(sctx, "dry run, not sent: %s: %s", connLabel(p), p.String())
		}
	}
}

func connLabel(p fetch.PlannedCall) string {
	return p.Vendor.Title() + " connection " + quote(p.Connection)
}

// addNote adds a note to the statement's warnings (SHOW WARNINGS; the shell and `credsql query`
// print them).
func addNote(ctx *sql.Context, format string, args ...any) {
	if ctx == nil || ctx.Session == nil {
		return
	}
	ctx.Session.Warn(&sql.Warning{Level: "Note", Code: noteCode, Message: sprintf(format, args...)})
}

// stepNotes shows the steps a procedure lists in its steps column as notes, one per line.
func stepNotes(ctx *sql.Context, pm tables.ProcMeta, vals []any, ncols int) {
	for i, x := range pm.Extra {
		if x.Name != tables.StepsColumn || ncols+i >= len(vals) {
			continue
		}
		s, _ := vals[ncols+i].(string)
		for _, line := range strings.Split(s, "\n") {
			if line != "" {
				addNote(ctx, "%s: %s", pm.FullName, line)
			}
		}
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// EndSessions logs out of every session credsql opened (tables.Conn.EndSession), at the end of
// a one-shot command or a server's shutdown.
func (e *Engine) EndSessions(ctx context.Context) error {
	var errs []error
	for _, cs := range e.conns {
		for _, c := range cs {
			if err := c.EndSession(ctx); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
