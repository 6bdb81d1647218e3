package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ServeProcess measures `SELECT kid FROM idps_keys` through a separate `credsql serve`
// process (bin) configured from the environment to use e's simulator, so that the peak RSS
// reported is credsql's alone, not the simulator's.
func ServeProcess(ctx context.Context, e *Env, bin string) Result {
	r := ServeQuery(ctx, e, bin, "SELECT kid FROM idps_keys")
	r.MinCalls = pages(e.Sizes.IdPKeys, 200)
	r.Pass = r.Err == nil && r.Rows == e.Sizes.IdPKeys && r.Calls == r.MinCalls && r.RowsPerSec >= 20000 && r.PeakRSS <= 150<<20
	return r
}

// ServeQuery runs q through a separate `credsql serve` process (bin, with args after the
// command) configured from the environment to use e's simulator, reading every row over the
// MySQL protocol; PeakRSS is the process's. Pass is left to the caller.
func ServeQuery(ctx context.Context, e *Env, bin, q string, args ...string) Result {
	dir, err := os.MkdirTemp("", "credsql-bench")
	if err != nil {
		return Result{Err: err}
	}
	defer os.RemoveAll(dir)
	ready := filepath.Join(dir, "ready")
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--cache-ttl", "0s"}, args...)...)
	cmd.Env = append(os.Environ(),
		"CREDSQL_READY_FILE="+ready,
		"OKTA_ORG_URL="+e.Sim.URL(), "OKTA_API_TOKEN="+e.Sim.Options().OktaToken,
		"XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return Result{Err: err}
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	var addr string
	for i := 0; i < 400 && addr == ""; i++ {
		if b, err := os.ReadFile(ready); err == nil {
			addr = strings.TrimSpace(string(b))
		}
		time.Sleep(25 * time.Millisecond)
	}
	if addr == "" {
		return Result{Err: fmt.Errorf("credsql serve did not start: %s", stderr.String())}
	}
	base := peakRSS(cmd.Process.Pid)
	r := readRows(ctx, e, "bench:x@tcp("+addr+")/credsql", q)
	r.PeakRSS = peakRSS(cmd.Process.Pid)
	r.Notes = fmt.Sprintf("peak RSS %.0f MB (%.0f MB before the query)", float64(r.PeakRSS)/1e6, float64(base)/1e6)
	return r
}

// peakRSS reads a process's high-water resident set size (VmHWM) from /proc.
func peakRSS(pid int) uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
