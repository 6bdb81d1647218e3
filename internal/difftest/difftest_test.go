package difftest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// defaultSeed is the seed of the fixed run; DIFFTEST_SEED overrides it.
const defaultSeed = 20260501

func envInt(t *testing.T, name string, def uint64) uint64 {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}

// TestDifferential compares generated queries between credsql (over the simulator) and
// go-mysql-server's in-memory engine loaded with the same rows: DIFFTEST_N reads (default
// 5,000) in-process, spread over page sizes 1, 2 and 7 with writes in between, plus a few
// hundred over the MySQL wire. Any mismatch fails the test with a reproducer. DIFFTEST_SHRINKS
// sets how many distinct mismatches each run shrinks and reports (default 6). -short runs 600.
func TestDifferential(t *testing.T) {
	seed := envInt(t, "DIFFTEST_SEED", defaultSeed)
	def := uint64(5000)
	if testing.Short() {
		def = 600
	}
	n := int(envInt(t, "DIFFTEST_N", def))
	t.Logf("difftest seed %d, %d in-process queries (DIFFTEST_SEED=%d DIFFTEST_N=%d to repeat)", seed, n, seed, n)
	runs := []Options{
		{PageSize: 1, Queries: n / 3, Writes: max(n/300, 2)},
		{PageSize: 2, Queries: n / 3, Writes: max(n/300, 2)},
		{PageSize: 7, Queries: n - 2*(n/3), Writes: max(n/300, 2)},
		{PageSize: 2, Queries: max(n/16, 300), Writes: 3, Wire: true},
	}
	for _, o := range runs {
		o.Seed = seed
		o.MaxShrinks = int(envInt(t, "DIFFTEST_SHRINKS", 0))
		t.Run(fmt.Sprintf("%s/page_size=%d", o.path(), o.PageSize), func(t *testing.T) {
			t.Parallel()
			rep := Run(t, o)
			t.Log(rep.Summary())
			if rep.Writes >= 5 && rep.WritesRefused == rep.Writes {
				t.Errorf("every one of %d writes was refused: the write mode tests nothing", rep.Writes)
			}
			if rep.BothFailed > rep.Queries/10 {
				t.Errorf("%d of %d queries failed on both engines: the grammar draws invalid SQL", rep.BothFailed, rep.Queries)
			}
			for _, m := range rep.Mismatches {
				t.Error(m)
			}
			if rep.Failed > 0 {
				t.Errorf("%d of %d statements mismatched (%d distinct shown)", rep.Failed, rep.Queries, len(rep.Mismatches))
			}
		})
	}
}

// TestRepro replays one reproducer printed by TestDifferential (DIFFTEST_SQL, with
// DIFFTEST_SEED, DIFFTEST_PAGE_SIZE, DIFFTEST_WIRE, DIFFTEST_COMPARE and DIFFTEST_SETUP).
func TestRepro(t *testing.T) {
	q := os.Getenv("DIFFTEST_SQL")
	if q == "" {
		t.Skip("DIFFTEST_SQL is not set")
	}
	o := Options{Seed: envInt(t, "DIFFTEST_SEED", defaultSeed), PageSize: int(envInt(t, "DIFFTEST_PAGE_SIZE", 2)),
		Wire: os.Getenv("DIFFTEST_WIRE") == "1"}
	var setup []string
	for _, s := range strings.Split(os.Getenv("DIFFTEST_SETUP"), ";\n") {
		if s = strings.TrimSpace(s); s != "" {
			setup = append(setup, s)
		}
	}
	compare := os.Getenv("DIFFTEST_COMPARE")
	if compare == "" {
		compare = "multiset"
	}
	if m := Check(t, o, setup, q, compare); m != nil {
		t.Error(m)
	}
}
