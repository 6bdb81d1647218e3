package inventory

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/credsql/credsql/internal/render"
)

// Row is a finding as the differential log carries it: column name to value as text, the way
// osquery logs columns with "numerics": false. NULL is the empty string, times are RFC 3339
// in UTC, booleans true/false, JSON columns their JSON text.
type Row map[string]string

// key identifies a row by its content: JSON with the keys sorted.
func (r Row) key() string {
	b, _ := json.Marshal(map[string]string(r)) // maps marshal with sorted keys; strings cannot fail
	return string(b)
}

// Event is one line of the differential log, in the shape of osquery's event-format result log
// (https://osquery.readthedocs.io/en/stable/deployment/logging/), so that pipelines that
// ingest osquery results take it as is. Decorations carry the query's severity and title.
type Event struct {
	Name           string            `json:"name"`
	HostIdentifier string            `json:"hostIdentifier"`
	CalendarTime   string            `json:"calendarTime"`
	UnixTime       int64             `json:"unixTime"`
	Epoch          int64             `json:"epoch"`
	Counter        int64             `json:"counter"`
	Numerics       bool              `json:"numerics"`
	Decorations    map[string]string `json:"decorations"`
	Columns        Row               `json:"columns"`
	Action         string            `json:"action"` // added or removed
}

// Diff compares two snapshots as multisets: a row present twice before and once now is
// removed once. Added rows keep cur's order, removed rows prev's.
func Diff(prev, cur []Row) (added, removed []Row) {
	left := map[string]int{}
	for _, r := range prev {
		left[r.key()]++
	}
	for _, r := range cur {
		k := r.key()
		if left[k] > 0 {
			left[k]--
			continue
		}
		added = append(added, r)
	}
	for _, r := range prev {
		k := r.key()
		if left[k] > 0 {
			left[k]--
			removed = append(removed, r)
		}
	}
	return added, removed
}

// LogRows converts the result's rows for the differential log. Column names must be distinct:
// two columns named alike would collide in the log.
func (r *Result) LogRows() ([]Row, error) {
	if err := r.checkColumnNames(); err != nil {
		return nil, err
	}
	out := make([]Row, len(r.Rows))
	for i, vals := range r.Rows {
		row := make(Row, len(r.Columns))
		for j, c := range r.Columns {
			row[c.Name] = text(c, vals[j])
		}
		out[i] = row
	}
	return out, nil
}

func (r *Result) checkColumnNames() error {
	seen := map[string]bool{}
	for _, c := range r.Columns {
		if seen[c.Name] {
			return fmt.Errorf("column %q appears twice: name the columns apart (AS ...)", c.Name)
		}
		seen[c.Name] = true
	}
	return nil
}

func text(c render.Column, v any) string {
	switch x := render.JSONValue(c, v).(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case json.RawMessage:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	default:
		return fmt.Sprint(x)
	}
}

// Finding is one row of a pack's JSON or NDJSON output outside differential mode: the row as
// `credsql query --format json` gives it, under the query's name and severity.
type Finding struct {
	Name     string
	Title    string
	Severity string
	Columns  []render.Column
	Values   []any
}

// MarshalJSON writes {"name", "title", "severity", "columns": {...}} with the columns in the
// query's order and typed as in JSON output (numbers, booleans, null, embedded JSON).
func (f Finding) MarshalJSON() ([]byte, error) {
	b := []byte(`{"name":`)
	for _, kv := range []struct{ k, v string }{{"", f.Name}, {"title", f.Title}, {"severity", f.Severity}} {
		if kv.k != "" {
			b = append(b, `,"`+kv.k+`":`...)
		}
		s, _ := json.Marshal(kv.v)
		b = append(b, s...)
	}
	b = append(b, `,"columns":{`...)
	for i, c := range f.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(c.Name)
		v, err := json.Marshal(render.JSONValue(c, f.Values[i]))
		if err != nil {
			return nil, fmt.Errorf("encode column %s: %w", c.Name, err)
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, "}}"...), nil
}
