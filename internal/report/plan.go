package report

import (
	"context"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/plan"
	"github.com/credsql/credsql/internal/render"
)

// planWindow is how far ahead the report's rotation plan looks: the widest window of the
// saved queries (app_keys_expiring_90d, idp_keys_expiring_90d).
const planWindow = 90 * 24 * time.Hour

// plan builds the rotation plan of the credentials in use that expire within planWindow. A
// plan that fails leaves the findings with their queries' own action, and says why.
func (inv *Inventory) plan(ctx context.Context, s *engine.Session) {
	if len(inv.Failed) > 0 {
		// A plan over the connections that answered would look complete; the failed ones are
		// named once already.
		inv.Problems = append(inv.Problems, "rotation plan: not built, a connection failed")
		return
	}
	p, err := plan.Build(ctx, s, plan.Options{Window: planWindow, Now: inv.Generated})
	if err != nil {
		inv.Problems = append(inv.Problems, "rotation plan: "+err.Error())
		return
	}
	inv.Plan = p.Blocks
}

// rowPlans finds, for each row of a result, the plan block of the credential it is about: a
// block whose credential the row names, on the row's connection when it has that column.
func rowPlans(blocks []plan.Block, r *inventory.Result) []string {
	out := make([]string, len(r.Rows)) // one per row: the page indexes it by row
	if len(blocks) == 0 {
		return out
	}
	connCol := -1
	for i, c := range r.Columns {
		if strings.EqualFold(c.Name, "connection") {
			connCol = i
		}
	}
	for i, row := range r.Rows {
		cells := make([]string, len(row))
		for j, v := range row {
			if v != nil {
				cells[j] = render.Text(v)
			}
		}
		for _, blk := range blocks {
			if connCol >= 0 && cells[connCol] != blk.Connection {
				continue
			}
			if blk.Matches(cells) {
				out[i] = blk.Text(0)
				break
			}
		}
	}
	return out
}
