package inventory

import (
	"fmt"
	"strings"
)

// Summary is what a pack run found and what it could not check. Its Line never reads as an
// all-clear when something was not checked.
type Summary struct {
	Queries int // queries run (not those skipped for a vendor without a connection)
	// Failed are the queries that failed; Connections the connections that failed.
	Failed      []string
	Connections []string
	// Findings counts the findings per severity of the queries that ran.
	Findings map[string]int
	// Differential mode: rows added and removed.
	Diff           bool
	Added, Removed int
	// Other failures (the credential listing of the metrics output), named.
	Other []string
}

// Count adds a query's findings.
func (s *Summary) Count(severity string, n int) {
	if s.Findings == nil {
		s.Findings = map[string]int{}
	}
	s.Findings[severity] += n
}

// Total is the number of findings.
func (s *Summary) Total() int {
	n := 0
	for _, c := range s.Findings {
		n += c
	}
	return n
}

// OK reports whether everything was checked.
func (s *Summary) OK() bool {
	return len(s.Failed) == 0 && len(s.Connections) == 0 && len(s.Other) == 0
}

// Line is the summary as one line: "284 findings: 1 critical, 17 high, 135 medium, 131 low",
// or, when something failed, "FAILED: 1 connection (prod) and 6 of 16 queries failed; 12
// findings from the other 10: 2 high, 10 medium".
func (s *Summary) Line() string {
	found := s.found()
	if s.OK() {
		if s.Diff {
			return fmt.Sprintf("%s from %d %s", found, s.Queries, plural(s.Queries, "query", "queries"))
		}
		if s.Total() == 0 {
			return fmt.Sprintf("0 findings from %d %s", s.Queries, plural(s.Queries, "query", "queries"))
		}
		return found
	}
	var what []string
	if n := len(s.Connections); n > 0 {
		what = append(what, fmt.Sprintf("%d %s (%s)", n, plural(n, "connection", "connections"), strings.Join(s.Connections, ", ")))
	}
	if n := len(s.Failed); n > 0 {
		what = append(what, fmt.Sprintf("%d of %d %s", n, s.Queries, plural(s.Queries, "query", "queries")))
	}
	what = append(what, s.Other...)
	line := "FAILED: " + strings.Join(what, " and ") + " failed"
	ran := s.Queries - len(s.Failed)
	switch {
	case ran <= 0:
		return line + "; nothing was checked, findings unknown"
	case !s.Diff && s.Total() == 0:
		return fmt.Sprintf("%s; the other %d %s found nothing", line, ran, plural(ran, "query", "queries"))
	}
	return fmt.Sprintf("%s; %s from the other %d", line, found, ran)
}

// found is "N findings: 1 critical, 2 high" or "N added, M removed".
func (s *Summary) found() string {
	if s.Diff {
		return fmt.Sprintf("%d added, %d removed", s.Added, s.Removed)
	}
	total := s.Total()
	out := fmt.Sprintf("%d %s", total, plural(total, "finding", "findings"))
	var parts []string
	for _, sev := range Severities {
		if n := s.Findings[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	if len(parts) > 0 {
		out += ": " + strings.Join(parts, ", ")
	}
	return out
}
