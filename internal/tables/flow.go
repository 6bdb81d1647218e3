package tables

import (
	"context"
	"fmt"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
)

// StepsColumn is the result column in which a procedure that makes several calls lists what
// it did, one numbered line per step; the engine also shows each line as a note.
const StepsColumn = "steps"

var stepsExtra = ExtraColumn{Name: StepsColumn, Type: Text, Doc: "What the procedure did, one numbered line per step (in a dry run: what it would do)."}

// flow records the steps of a multi-call procedure. When a step fails, the error says which
// step, and what state the earlier steps left (which new credential exists, what still points
// at the old one), so that the user can finish or undo by hand.
type flow struct {
	proc  string
	dry   bool
	steps []string
}

func newFlow(ctx context.Context, proc string) *flow {
	return &flow{proc: proc, dry: fetch.IsDryRun(ctx)}
}

// did records a completed step.
func (f *flow) did(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if f.dry {
		s = "(dry run) " + s
	}
	f.steps = append(f.steps, fmt.Sprintf("%d. %s", len(f.steps)+1, s))
}

// fail stops the flow at the step being attempted: the error names it, wraps err, and
// describes the state left.
func (f *flow) fail(step string, err error, state string) error {
	done := "nothing was changed"
	if len(f.steps) > 0 {
		done = "done before: " + strings.Join(f.steps, " ")
	}
	return fmt.Errorf("%s stopped at step %d (%s), %s. State left: %s: %w", f.proc, len(f.steps)+1, step, done, state, err)
}

// text is the steps, one per line.
func (f *flow) text() string { return strings.Join(f.steps, "\n") }
