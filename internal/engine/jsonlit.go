package engine

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
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
					tuple[i] = jsonString(ex)
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
				a.Expr = jsonString(a.Expr)
			}
		}
	}
}

func (t *table) isJSON(col string) bool {
	i := t.meta.Column(col)
	return i >= 0 && t.meta.Columns[i].Type == tables.JSON
}

// jsonString turns a string literal that is not JSON into the JSON string holding it, and
// wraps a bound parameter (?) in credsql_json_text, which does the same with the value bound
// when the statement is executed (a prepared statement's parameter is not known when it is
// parsed).
func jsonString(ex ast.Expr) ast.Expr {
	v, ok := ex.(*ast.SQLVal)
	if !ok {
		return ex
	}
	switch {
	case v.Type == ast.ValArg:
		return &ast.FuncExpr{Name: ast.NewColIdent(jsonTextFunction.Name), Exprs: ast.SelectExprs{&ast.AliasedExpr{Expr: v}}}
	case v.Type != ast.StrVal || json.Valid(v.Val):
		return ex
	}
	b, err := json.Marshal(string(v.Val))
	if err == nil {
		v.Val = b
	}
	return ex
}

// jsonTextFunction is credsql_json_text(v): v itself when it is JSON text (or not text), and
// otherwise the JSON string holding it: lenientJSON for a value bound to a parameter.
var jsonTextFunction = sql.Function1{Name: "credsql_json_text", Fn: func(_ *sql.Context, v sql.Expression) sql.Expression {
	return &jsonTextExpr{UnaryExpressionStub: expression.UnaryExpressionStub{Child: v}}
}}

type jsonTextExpr struct {
	expression.UnaryExpressionStub
}

var _ sql.Expression = (*jsonTextExpr)(nil)

func (j *jsonTextExpr) String() string { return fmt.Sprintf("credsql_json_text(%s)", j.Child) }

// Type is LONGTEXT for a text argument: the JSON column converts the text it is given.
func (j *jsonTextExpr) Type(ctx *sql.Context) sql.Type {
	if types.IsText(j.Child.Type(ctx)) {
		return types.LongText
	}
	return j.Child.Type(ctx)
}

func (j *jsonTextExpr) WithChildren(_ *sql.Context, c ...sql.Expression) (sql.Expression, error) {
	if len(c) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(j, len(c), 1)
	}
	return &jsonTextExpr{UnaryExpressionStub: expression.UnaryExpressionStub{Child: c[0]}}, nil
}

func (j *jsonTextExpr) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	v, err := j.Child.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	var text []byte
	switch x := v.(type) {
	case string:
		text = []byte(x)
	case []byte:
		text = x
	default:
		return v, nil
	}
	if json.Valid(text) {
		return string(text), nil
	}
	b, err := json.Marshal(string(text))
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
