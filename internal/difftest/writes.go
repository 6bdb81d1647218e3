package difftest

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/tables"
)

// write applies one drawn write through credsql (in-process), compares the rows an UPDATE or
// DELETE affected with the same statement on the oracle, and reloads the oracle from full
// scans. A write the vendor refuses (a DELETE of an active secret, a third secret) is counted
// and changes nothing.
func (r *run) write() {
	stmt := ""
	for range 8 {
		if s, ok := r.drawWrite(); ok {
			stmt = s
			break
		}
	}
	if stmt == "" {
		return
	}
	r.rep.Writes++
	got, err := execSession(r.env.Session, stmt)
	if err != nil {
		r.rep.WritesRefused++
		r.reload()
		return
	}
	if !strings.HasPrefix(stmt, "INSERT") {
		want, werr := r.oracle.exec(r.oracleWrite(stmt))
		if werr != nil || got != want {
			r.rep.Failed++
			m := &Mismatch{Kind: "write", SQL: stmt, Note: fmt.Sprintf("rows affected: credsql %d, oracle %d", got, want)}
			if werr != nil {
				m.WantErr = werr.Error()
			}
			r.record(m)
		}
	}
	r.setup = append(r.setup, stmt)
	r.reload()
}

// oracleWrite is the oracle's form of a write. A table whose DELETE is the vendor's soft
// delete (a status set to DELETED, the row still listed) deletes a row already in that
// status as a no-op, 0 rows affected; the oracle's DELETE says so with a condition.
func (r *run) oracleWrite(stmt string) string {
	if !strings.HasPrefix(stmt, "DELETE FROM ") {
		return stmt
	}
	for _, m := range r.models {
		if !strings.HasPrefix(stmt, "DELETE FROM "+m.name()+" ") || !softDelete(m.meta) {
			continue
		}
		return stmt + " AND NOT (status <=> 'DELETED')"
	}
	return stmt
}

func softDelete(m *tables.Meta) bool {
	i := m.Column("status")
	return m.CanDelete && i >= 0 && slices.Contains(m.Columns[i].Domain, "DELETED")
}

// drawWrite draws an INSERT, UPDATE or DELETE on a table that supports it, from the table
// definition (InsertNeeds, UpdateCols, Keys, Parent) and the loaded rows. Every write names
// its connection and pins every key, one row at a time.
func (r *run) drawWrite() (string, bool) {
	m := pick(r.gen, r.queryable())
	if m.meta.Singleton {
		return "", false
	}
	switch r.rng.IntN(3) {
	case 0:
		if m.meta.CanInsert {
			return r.insert(m)
		}
	case 1:
		if m.meta.CanUpdate {
			return r.update(m)
		}
	default:
		if m.meta.CanDelete {
			return r.delete(m)
		}
	}
	return "", false
}

func (r *run) insert(m *tableModel) (string, bool) {
	conns := m.col(tables.ConnectionColumn).vals
	if len(conns) == 0 {
		return "", false // every row deleted: no connection to draw from
	}
	conn := canon(pick(r.gen, conns))
	cols, vals := []string{tables.ConnectionColumn}, []string{quote(conn)}
	for _, need := range m.meta.InsertNeeds {
		c := m.col(need)
		switch {
		case m.parent != nil && need == m.meta.Parent.Column:
			p, ok := r.parentRow(m)
			if !ok {
				return "", false
			}
			vals[0] = quote(canon(p[0]))
			vals = append(vals, quote(canon(p[m.parent.meta.Column(m.meta.Parent.Key)])))
		case c.typ == tables.String:
			r.seq++
			vals = append(vals, quote(fmt.Sprintf("difftest-%d-%d", r.o.Seed%10000, r.seq)))
		default:
			return "", false // a certificate or JSON value: not drawn
		}
		cols = append(cols, c.ident)
	}
	for _, name := range m.meta.InsertCols {
		c := m.col(name)
		if contains(cols, c.ident) || !r.gen.pct(40) {
			continue
		}
		if dom := domain(m.meta, c); len(dom) > 0 {
			cols, vals = append(cols, c.ident), append(vals, quote(pick(r.gen, dom)))
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", m.name(), strings.Join(cols, ", "), strings.Join(vals, ", ")), true
}

// parentRow picks a parent row a child may be created under (Parent.Only: an OIDC app for
// a secret), not protected.
func (r *run) parentRow(m *tableModel) (sql.Row, bool) {
	var ok []sql.Row
	for _, p := range m.parent.rows {
		match := !r.protected(m.parent, p)
		for col := range m.meta.Parent.Only {
			match = match && canon(p[m.parent.meta.Column(col)]) == m.meta.Parent.Only.Str(col)
		}
		if match {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return nil, false
	}
	return pick(r.gen, ok), true
}

func (r *run) update(m *tableModel) (string, bool) {
	row, ok := r.target(m)
	if !ok {
		return "", false
	}
	var sets []string
	for _, name := range m.meta.UpdateCols {
		c := m.col(name)
		dom := domain(m.meta, c)
		if len(dom) == 0 {
			continue
		}
		sets = append(sets, fmt.Sprintf("%s = %s", c.ident, quote(pick(r.gen, dom))))
	}
	if len(sets) == 0 {
		return "", false
	}
	return fmt.Sprintf("UPDATE %s SET %s WHERE %s", m.name(), sets[r.rng.IntN(len(sets))], r.pin(m, row)), true
}

func (r *run) delete(m *tableModel) (string, bool) {
	row, ok := r.target(m)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("DELETE FROM %s WHERE %s", m.name(), r.pin(m, row)), true
}

// pin is the WHERE of a one-row write: the connection and every key, sometimes with a
// condition on another column too (credsql then scans before it writes).
func (r *run) pin(m *tableModel, row sql.Row) string {
	var conds []string
	for _, c := range m.keyCols() {
		conds = append(conds, fmt.Sprintf("%s = %s", c.ident, literal(c.typ, row[m.meta.Column(c.name)])))
	}
	if r.gen.pct(30) {
		for _, c := range m.stable() {
			if c.enumish() && !c.key {
				conds = append(conds, fmt.Sprintf("%s = %s", c.ident, literal(c.typ, row[m.meta.Column(c.name)])))
				break
			}
		}
	}
	return strings.Join(conds, " AND ")
}

// target picks a row to update or delete, not protected, preferring inactive ones (a vendor
// deletes an inactive secret, not an active one).
func (r *run) target(m *tableModel) (sql.Row, bool) {
	var all, inactive []sql.Row
	for _, row := range m.rows {
		if r.protected(m, row) {
			continue
		}
		all = append(all, row)
		for _, v := range row {
			if canon(v) == "INACTIVE" || canon(v) == "DISABLED" {
				inactive = append(inactive, row)
				break
			}
		}
	}
	if len(inactive) > 0 && r.gen.pct(70) {
		return pick(r.gen, inactive), true
	}
	if len(all) == 0 {
		return nil, false
	}
	return pick(r.gen, all), true
}

// protected reports whether a row holds, or is the parent of a row holding, a credential a
// connection authenticates with: writing it would lock credsql out of the simulator.
func (r *run) protected(m *tableModel, row sql.Row) bool {
	secrets := r.credentials()
	for _, v := range row {
		if secrets[canon(v)] {
			return true
		}
	}
	return false
}

// credentials are the simulator's login identifiers, and the parent keys of the rows that
// hold them (the service user owning credsql's OPA key).
func (r *run) credentials() map[string]bool {
	o := r.env.Sim.Options()
	set := map[string]bool{o.OPAKeyID: true, o.ZitiUsername: true}
	for _, m := range r.models {
		if m.parent == nil {
			continue
		}
		pi := m.meta.Column(m.meta.Parent.Column)
		for _, row := range m.rows {
			for _, v := range row {
				if v != nil && (canon(v) == o.OPAKeyID || canon(v) == o.ZitiUsername) {
					set[canon(row[pi])] = true
				}
			}
		}
	}
	return set
}

var upperWord = regexp.MustCompile(`\b[A-Z][A-Z0-9_]{2,}\b`)

// sqlWords are upper-case words of column docs that are SQL, not values.
var sqlWords = map[string]bool{"UPDATE": true, "SET": true, "INSERT": true, "DELETE": true, "SELECT": true, "WHERE": true, "NULL": true, "JSON": true, "API": true, "PEM": true, "UTC": true}

// domain is the values a short string column may be set to: those its Doc names in upper case
// ("ACTIVE or INACTIVE") and those the data holds. Empty for other columns.
func domain(meta *tables.Meta, c *column) []string {
	if c.typ != tables.String {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	doc := meta.Columns[meta.Column(c.name)].Doc
	for _, w := range upperWord.FindAllString(doc, -1) {
		if !sqlWords[w] {
			add(w)
		}
	}
	if len(out) == 0 && !c.enumish() {
		return nil
	}
	for _, v := range c.vals {
		add(canon(v))
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// execSession runs a write in an in-process credsql session and returns the rows affected.
func execSession(s *engine.Session, q string) (uint64, error) {
	res, err := s.Query(context.Background(), q)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	var n uint64
	for row, err := range res.Rows() {
		if err != nil {
			return 0, err
		}
		if a, ok := engine.RowsAffected(row); ok {
			n += a
		}
	}
	return n, nil
}

// exec runs a write on the oracle and returns the rows affected.
func (o *oracle) exec(q string) (uint64, error) {
	_, iter, _, err := o.eng.Query(o.ctx, q)
	if err != nil {
		return 0, err
	}
	defer iter.Close(o.ctx)
	var n uint64
	for {
		row, err := iter.Next(o.ctx)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		if a, ok := engine.RowsAffected(row); ok {
			n += a
		}
	}
}
