package engine

import (
	"encoding/json"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/tables"
)

// lenientJSON rewrites, in an INSERT ... VALUES or an UPDATE ... SET on a credsql table, every
// string literal given to a JSON column that is not valid JSON into a JSON string. The
// definition then receives the text itself (a PEM certificate, one base64 DER certificate,
// one DNS name), which docs/schema-contract.md promises for idps_keys.x5c, where MySQL would answer
// "Invalid JSON text" before the definition could read it. Valid JSON is left alone.
func (e *Engine) lenientJSON(stmt ast.Statement) {
	switch s := stmt.(type) {
	case *ast.Insert:
		t := e.tables[strings.ToLower(s.Table.Name.String())]
		rows, ok := s.Rows.(*ast.AliasedValues)
		if t == nil || !ok {
			return
		}
		var cols []string
		for _, c := range s.Columns {
			cols = append(cols, c.String())
		}
		if len(cols) == 0 {
			for _, c := range t.meta.Columns {
				cols = append(cols, c.Name)
			}
		}
		for _, tuple := range rows.Values {
			for i, ex := range tuple {
				if i < len(cols) && t.isJSON(cols[i]) {
					jsonString(ex)
				}
			}
		}
	case *ast.Update:
		if len(s.TableExprs) != 1 {
			return
		}
		ate, ok := s.TableExprs[0].(*ast.AliasedTableExpr)
		if !ok {
			return
		}
		tn, ok := ate.Expr.(ast.TableName)
		if !ok {
			return
		}
		t := e.tables[strings.ToLower(tn.Name.String())]
		if t == nil {
			return
		}
		for _, a := range s.Exprs {
			if a.Name != nil && t.isJSON(a.Name.Name.String()) {
				jsonString(a.Expr)
			}
		}
	}
}

func (t *table) isJSON(col string) bool {
	i := t.meta.Column(col)
	return i >= 0 && t.meta.Columns[i].Type == tables.JSON
}

// jsonString turns a string literal that is not JSON into the JSON string holding it.
func jsonString(ex ast.Expr) {
	v, ok := ex.(*ast.SQLVal)
	if !ok || v.Type != ast.StrVal || json.Valid(v.Val) {
		return
	}
	b, err := json.Marshal(string(v.Val))
	if err == nil {
		v.Val = b
	}
}
