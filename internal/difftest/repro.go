package difftest

import (
	"testing"
)

// Check replays a reproducer: it starts the simulator of o (seed, page size, path), applies
// the setup writes through credsql, loads the oracle and runs one statement both ways. It
// returns nil when credsql and the oracle agree; compare is how results are compared
// ("ordered", "multiset", "sortkey=N", "multiset+sortkey=N", as a reproducer prints it).
func Check(t testing.TB, o Options, setup []string, q, compare string) *Mismatch {
	t.Helper()
	r := newRun(t, o)
	for _, s := range setup {
		if _, err := execSession(r.env.Session, s); err != nil {
			t.Fatalf("difftest: setup %q: %v", s, err)
		}
	}
	if len(setup) > 0 {
		r.setup = setup
		r.reload()
	}
	mode, err := parseCompareMode(compare)
	if err != nil {
		t.Fatalf("difftest: %v", err)
	}
	m := r.compare(q, mode)
	if m == nil || m.Kind == "" {
		return nil
	}
	m.Seed, m.PageSize, m.Wire, m.Setup = o.Seed, o.PageSize, o.Wire, setup
	return m
}
