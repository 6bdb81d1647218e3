package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// StateVersion is the version of the state file layout.
const StateVersion = 1

// State is the differential mode's memory: the last rows of each query, the way osquery keeps
// the previous results of a scheduled query. It is stored as JSON:
//
//	{"version": 1, "queries": {"apps_two_active_secrets": {"epoch": 0, "counter": 3,
//	  "updated": "2026-01-02T03:04:05Z", "rows": [{"app_id": "0oa...", "connection": "prod", ...}]}}}
type State struct {
	Version int                    `json:"version"`
	Queries map[string]*QueryState `json:"queries"`
}

// QueryState is one query's last snapshot.
type QueryState struct {
	Epoch   int64     `json:"epoch"`
	Counter int64     `json:"counter"`
	Updated time.Time `json:"updated"`
	Rows    []Row     `json:"rows"`
}

// NewState is an empty state: every query's next run is its first.
func NewState() *State {
	return &State{Version: StateVersion, Queries: map[string]*QueryState{}}
}

// LoadState reads a state file. A missing file is an empty state (the first run); a file that
// cannot be read or is not a state file is an error, never silently replaced: starting over
// would report every row as added again.
func LoadState(path string) (*State, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state file: %w", err)
	}
	s, err := parseState(b)
	if err != nil {
		return nil, fmt.Errorf("state file %s is unusable (%w); fix or move it away to start over, and the next run reports every row as added", path, err)
	}
	return s, nil
}

func parseState(b []byte) (*State, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("empty file")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s State
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("parse JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("parse JSON: data after the state object")
	}
	if s.Version != StateVersion {
		return nil, fmt.Errorf("version %d, this credsql reads version %d", s.Version, StateVersion)
	}
	if s.Queries == nil {
		s.Queries = map[string]*QueryState{}
	}
	for name, q := range s.Queries {
		if q == nil {
			return nil, fmt.Errorf("query %q has no state", name)
		}
	}
	return &s, nil
}

// Save writes the state atomically (WriteFileAtomic), readable by its owner only: it holds
// inventory data.
func (s *State) Save(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	return WriteFileAtomic(path, append(b, '\n'), 0o600)
}

// beforeRename lets tests stop a save between writing the temporary file and renaming it.
var beforeRename = func(tmp string) error { return nil }

// WriteFileAtomic replaces path with data: a temporary file in the same folder, flushed to
// disk, then renamed over path, so that a reader or a crash sees the old file or the new one,
// never a part.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		_ = f.Close()
		return fmt.Errorf("set mode of %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("flush %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := beforeRename(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	// The rename itself is durable only once the folder is flushed.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// DiffOptions describe a differential run, as osquery's log fields do.
type DiffOptions struct {
	Host  string    // hostIdentifier
	Now   time.Time // calendarTime, unixTime
	Epoch int64     // a different epoch than the stored one makes this run a first run
}

// Apply records a query's new rows and returns the differential events against its previous
// snapshot: removed rows first, then added ones. As in osquery, the first run (no snapshot,
// or another epoch) reports every row as added with counter 0; later runs count up from 1.
func (s *State) Apply(q Query, rows []Row, o DiffOptions) []Event {
	prev := s.Queries[q.Name]
	first := prev == nil || prev.Epoch != o.Epoch
	var added, removed []Row
	counter := int64(0)
	if first {
		added = rows
	} else {
		added, removed = Diff(prev.Rows, rows)
		counter = prev.Counter + 1
	}
	snap := append([]Row(nil), rows...)
	sort.Slice(snap, func(i, j int) bool { return snap[i].key() < snap[j].key() })
	s.Queries[q.Name] = &QueryState{Epoch: o.Epoch, Counter: counter, Updated: o.Now.UTC(), Rows: snap}

	now := o.Now.UTC()
	base := Event{
		Name: q.Name, HostIdentifier: o.Host, CalendarTime: now.Format("Mon Jan _2 15:04:05 2006 UTC"),
		UnixTime: now.Unix(), Epoch: o.Epoch, Counter: counter,
		Decorations: map[string]string{"severity": q.Severity, "title": q.Title},
	}
	events := make([]Event, 0, len(added)+len(removed))
	for _, set := range []struct {
		action string
		rows   []Row
	}{{"removed", removed}, {"added", added}} {
		for _, r := range set.rows {
			ev := base
			ev.Columns, ev.Action = r, set.action
			events = append(events, ev)
		}
	}
	return events
}
