package repl

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/render"
)

// progress is the line "… 12 API calls, 40 rows, 1.4s — Ctrl-C cancels" at the bottom of
// the terminal (on standard error) while a query runs longer than ProgressAfter. Results
// written meanwhile go through output, which erases the line first and lets the next tick
// redraw it under them; it is erased for good when the query ends.
type progress struct {
	err  io.Writer
	done chan struct{}
	once sync.Once
	wg   sync.WaitGroup

	mu      sync.Mutex
	shown   bool // the line is on the screen
	midLine bool // the last result write did not end its line: drawing now would erase it
}

// eraseLine returns to the start of the line and clears it (CR, then ANSI EL 2).
const eraseLine = "\r\x1b[2K"

func (s *Shell) startProgress(st *fetch.Stats, start time.Time) *progress {
	p := &progress{err: s.cfg.Err, done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTimer(s.cfg.ProgressAfter)
		defer t.Stop()
		select {
		case <-t.C:
		case <-p.done:
			return
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			p.draw(s.progressLine(st, start))
			select {
			case <-tick.C:
			case <-p.done:
				return
			}
		}
	}()
	return p
}

func (s *Shell) progressLine(st *fetch.Stats, start time.Time) string {
	calls, rows := st.Calls.Load(), st.Rows.Load()
	line := fmt.Sprintf("… %d API %s, %d %s, %.1fs", calls, plural(uint64(calls), "call", "calls"),
		rows, plural(uint64(rows), "row", "rows"), s.cfg.Now().Sub(start).Seconds())
	if w := st.Waits.Load(); w > 0 {
		line += fmt.Sprintf(", %d rate-limit %s (%.1fs)", w, plural(uint64(w), "wait", "waits"), time.Duration(st.WaitNanos.Load()).Seconds())
	}
	line += " — Ctrl-C cancels"
	if w := s.width(); w > 1 {
		// A line longer than the terminal wraps, and the erase would clear only its end.
		line = render.Cut(line, w-1)
	}
	return line
}

func (p *progress) draw(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.midLine {
		return
	}
	fmt.Fprint(p.err, eraseLine+line)
	p.shown = true
}

// clear erases the line; p.mu is held.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.err, eraseLine)
		p.shown = false
	}
}

// stop ends the progress line, erasing it; it may be called more than once.
func (p *progress) stop() {
	p.once.Do(func() { close(p.done) })
	p.wg.Wait()
	p.mu.Lock()
	p.clear()
	p.mu.Unlock()
}

// output is the result writer while p runs: each write first erases the progress line.
func (p *progress) output(w io.Writer) io.Writer { return progressOutput{p, w} }

type progressOutput struct {
	p *progress
	w io.Writer
}

func (o progressOutput) Write(b []byte) (int, error) {
	o.p.mu.Lock()
	defer o.p.mu.Unlock()
	o.p.clear()
	n, err := o.w.Write(b)
	if len(b) > 0 {
		o.p.midLine = b[len(b)-1] != '\n'
	}
	return n, err
}
