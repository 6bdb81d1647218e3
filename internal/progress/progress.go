// Package progress shows what a running query is doing, on standard error: API calls made,
// rows so far and time taken, and, the moment a call starts waiting for a vendor's rate-limit
// window, what it waits for and for how long, so that a query paced by a rate limit never
// looks hung. On a terminal it is one line redrawn in place; otherwise (a log, a CI job) it is
// plain lines, one per event and one every Every.
package progress

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/fetch"
)

// Options tune a Reporter.
type Options struct {
	// TTY redraws one line in place (erased when the query ends); otherwise lines are
	// appended.
	TTY bool
	// After is how long a query runs before the first periodic line (default 1s); Every the
	// interval of the next ones (default 1s on a terminal, 5s otherwise). Waits are shown at
	// once whatever these say.
	After, Every time.Duration
	// Width cuts the terminal line to this many columns (0 = no cut).
	Width int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Prefix starts every line ("credsql query: "); Suffix ends the periodic ones (the
	// shell's " — Ctrl-C cancels").
	Prefix, Suffix string
}

// Reporter reports one query's progress. Start it before the query, Stop it after.
type Reporter struct {
	w     io.Writer
	o     Options
	stats *fetch.Stats
	start time.Time
	done  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup

	mu      sync.Mutex
	shown   bool // the terminal line is on the screen
	midLine bool // the last output write did not end its line
	last    lastWait
}

// lastWait is the wait last shown, so that the calls that hit the same window together
// print it once.
type lastWait struct {
	conn, bucket string
	until        time.Time
}

// Start begins reporting the progress of the query that st counts: it sets st.OnWait, so it
// must be called before the query starts.
func Start(w io.Writer, st *fetch.Stats, o Options) *Reporter {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.After <= 0 {
		o.After = time.Second
	}
	if o.Every <= 0 {
		o.Every = time.Second
		if !o.TTY {
			o.Every = 5 * time.Second
		}
	}
	r := &Reporter{w: w, o: o, stats: st, start: o.Now(), done: make(chan struct{})}
	st.OnWait = r.waiting
	r.wg.Add(1)
	go r.loop()
	return r
}

func (r *Reporter) loop() {
	defer r.wg.Done()
	t := time.NewTimer(r.o.After)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-r.done:
			return
		}
		r.show(r.line() + r.o.Suffix)
		t.Reset(r.o.Every)
	}
}

// line is "… 12 API calls, 40 rows, 3.2s, 1 rate-limit wait (20.0s), in flight ≤ 16 of 32 (okta prod)":
// the last part is the in-flight limit each connection called has learnt (fetch/adaptive.go)
// and its ceiling.
func (r *Reporter) line() string {
	calls, rows := r.stats.Calls.Load(), r.stats.Rows.Load()
	s := fmt.Sprintf("running: %d API %s, %d %s, %.1fs", calls, plural(calls, "call", "calls"), rows, plural(rows, "row", "rows"),
		r.o.Now().Sub(r.start).Seconds())
	if n := r.stats.Waits.Load(); n > 0 {
		s += fmt.Sprintf(", %d rate-limit %s (%.1fs)", n, plural(n, "wait", "waits"), time.Duration(r.stats.WaitNanos.Load()).Seconds())
	}
	for i, l := range r.stats.Limits() {
		sep := ", in flight"
		if i > 0 {
			sep = ";"
		}
		s += fmt.Sprintf("%s ≤ %d of %d (%s %s)", sep, l.Limit, l.Ceiling, l.Vendor, l.Connection)
	}
	return s
}

// waiting is fetch.Stats.OnWait: a call is about to wait for a rate-limit window.
func (r *Reporter) waiting(w fetch.Wait) {
	until := r.o.Now().Add(w.For)
	r.mu.Lock()
	if r.last.conn == w.Connection && r.last.bucket == w.Bucket && !until.After(r.last.until.Add(time.Second)) {
		r.mu.Unlock()
		return
	}
	r.last = lastWait{w.Connection, w.Bucket, until}
	r.mu.Unlock()
	what := "rate-limit window"
	if w.After429 {
		what = "rate limit (the vendor answered 429)"
	}
	bucket := ""
	if w.Bucket != "" {
		bucket = " of " + w.Bucket
	}
	calls := r.stats.Calls.Load()
	r.show(fmt.Sprintf("waiting %s for the %s %s%s (connection %q), %d API %s so far",
		w.For.Round(100*time.Millisecond), w.Vendor.Title(), what, bucket, w.Connection, calls, plural(calls, "call", "calls")))
}

func (r *Reporter) show(line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	select {
	case <-r.done:
		return
	default:
	}
	line = r.o.Prefix + line
	if !r.o.TTY {
		fmt.Fprintln(r.w, line)
		return
	}
	if r.midLine {
		return
	}
	if r.o.Width > 1 {
		line = cut(line, r.o.Width-1)
	}
	fmt.Fprint(r.w, eraseLine+line)
	r.shown = true
}

// eraseLine returns to the start of the line and clears it (CR, then ANSI EL 2).
const eraseLine = "\r\x1b[2K"

// Stop ends the reporting and erases the terminal line. It may be called more than once.
func (r *Reporter) Stop() {
	r.once.Do(func() {
		r.mu.Lock()
		close(r.done)
		r.mu.Unlock()
	})
	r.wg.Wait()
	r.mu.Lock()
	r.clear()
	r.mu.Unlock()
}

func (r *Reporter) clear() {
	if r.shown {
		fmt.Fprint(r.w, eraseLine)
		r.shown = false
	}
}

// Output wraps the writer of results shown on the same terminal: each write first erases the
// progress line, which the next tick redraws under it.
func (r *Reporter) Output(w io.Writer) io.Writer {
	if !r.o.TTY {
		return w
	}
	return output{r, w}
}

type output struct {
	r *Reporter
	w io.Writer
}

func (o output) Write(b []byte) (int, error) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	o.r.clear()
	n, err := o.w.Write(b)
	if len(b) > 0 {
		o.r.midLine = b[len(b)-1] != '\n'
	}
	return n, err
}

func cut(s string, width int) string {
	rs := []rune(s)
	if len(rs) <= width {
		return s
	}
	return string(rs[:width-1]) + "…"
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
