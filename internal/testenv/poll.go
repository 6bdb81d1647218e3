package testenv

import "time"

// PollInterval is how often Poll checks its condition.
const PollInterval = 20 * time.Millisecond

// Poll checks done every PollInterval until it returns true or timeout has passed, and
// reports whether it returned true.
//
// It is the suite's one polling loop, and it is for conditions no event announces: mainly
// goroutines ending (a leak check: the runtime tells no one when a goroutine exits, and the
// goroutines of a cancelled call unwind on their own after the call has returned). A test
// waiting for something the code under test does or can signal (a server listening, a call
// reaching the simulator, a context cancelled) waits on that signal, not with Poll.
func Poll(timeout time.Duration, done func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if done() {
			return true
		}
		if !time.Now().Before(deadline) {
			return false
		}
		time.Sleep(PollInterval)
	}
}
