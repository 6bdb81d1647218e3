package inventory

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/render"
)

func sampleResult() *Result {
	return &Result{
		Query:   Query{Name: "apps_two_active_secrets", Title: "Two secrets", Severity: "high", Action: "Deactivate one."},
		Columns: []render.Column{{Name: "connection"}, {Name: "app_id"}, {Name: "active_secrets"}, {Name: "in_use", Bool: true}, {Name: "created"}, {Name: "meta", JSON: true}},
		Rows: [][]any{
			{"prod", "0oa1", int64(2), int8(1), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), `{"a":1}`},
			{"stage", "0oa2", int64(3), nil, nil, nil},
		},
	}
}

func TestWriterJSONCarriesTheQuery(t *testing.T) {
	t.Parallel()
	for _, f := range []render.Format{render.JSON, render.NDJSON} {
		var b strings.Builder
		w := NewWriter(&b, f, WriterOptions{})
		if err := w.Result(sampleResult()); err != nil {
			t.Fatal(err)
		}
		if err := w.Result(&Result{Query: Query{Name: "empty"}}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(Summary{}); err != nil {
			t.Fatal(err)
		}
		var recs []map[string]any
		if f == render.JSON {
			if err := json.Unmarshal([]byte(b.String()), &recs); err != nil {
				t.Fatalf("%s: %v\n%s", f, err, b.String())
			}
		} else {
			for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatalf("%s line %q: %v", f, line, err)
				}
				recs = append(recs, m)
			}
		}
		want := []map[string]any{
			{"name": "apps_two_active_secrets", "title": "Two secrets", "severity": "high", "columns": map[string]any{
				"connection": "prod", "app_id": "0oa1", "active_secrets": float64(2), "in_use": true, "created": "2026-01-02T03:04:05Z", "meta": map[string]any{"a": float64(1)}}},
			{"name": "apps_two_active_secrets", "title": "Two secrets", "severity": "high", "columns": map[string]any{
				"connection": "stage", "app_id": "0oa2", "active_secrets": float64(3), "in_use": nil, "created": nil, "meta": nil}},
		}
		if d := cmp.Diff(want, recs); d != "" {
			t.Errorf("%s (-want +got):\n%s", f, d)
		}
	}
}

func TestLogRowsAreOsqueryText(t *testing.T) {
	t.Parallel()
	got, err := sampleResult().LogRows()
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{"connection": "prod", "app_id": "0oa1", "active_secrets": "2", "in_use": "true", "created": "2026-01-02T03:04:05Z", "meta": `{"a":1}`},
		{"connection": "stage", "app_id": "0oa2", "active_secrets": "3", "in_use": "", "created": "", "meta": ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	r := sampleResult()
	r.Columns[1].Name = "connection"
	if _, err := r.LogRows(); err == nil || !strings.Contains(err.Error(), `"connection" appears twice`) {
		t.Errorf("duplicate columns: %v", err)
	}
}

func TestWriterTablesShowTheQueryAndTheAction(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	w := NewWriter(&b, render.Table, WriterOptions{})
	r := sampleResult()
	evs := NewState().Apply(r.Query, []Row{{"connection": "prod", "app_id": "0oa1"}}, DiffOptions{Now: time.Now()})
	if err := w.Events(r, evs); err != nil {
		t.Fatal(err)
	}
	if err := w.Result(r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"## Two secrets [high] — 1 added, 0 removed", "| action |", "| added  | prod", "## Two secrets [high] — 2 findings", "Action: Deactivate one."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

func TestSummaryLine(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		s    Summary
		want string
	}{
		"findings":     {Summary{Queries: 16, Findings: map[string]int{"critical": 1, "high": 17, "medium": 135, "low": 131}}, "284 findings: 1 critical, 17 high, 135 medium, 131 low"},
		"none":         {Summary{Queries: 16}, "0 findings from 16 queries"},
		"one failed":   {Summary{Queries: 16, Failed: []string{"a"}, Findings: map[string]int{"high": 2}}, "FAILED: 1 of 16 queries failed; 2 findings: 2 high from the other 15"},
		"nothing":      {Summary{Queries: 2, Failed: []string{"a", "b"}, Connections: []string{"prod"}}, "FAILED: 1 connection (prod) and 2 of 2 queries failed; nothing was checked, findings unknown"},
		"others clean": {Summary{Queries: 3, Failed: []string{"a"}}, "FAILED: 1 of 3 queries failed; the other 2 queries found nothing"},
		"diff":         {Summary{Queries: 3, Diff: true, Added: 2, Removed: 1}, "2 added, 1 removed from 3 queries"},
	} {
		if got := tc.s.Line(); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

func TestWriterCSVIsOneTable(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	w := NewWriter(&b, render.CSV, WriterOptions{})
	if err := w.Result(sampleResult()); err != nil {
		t.Fatal(err)
	}
	other := &Result{Query: Query{Name: "other", Severity: "low"}, Columns: []render.Column{{Name: "app_id"}, {Name: "note"}},
		Rows: [][]any{{"0oa3", "a, \"quoted\"\nnote"}}}
	if err := w.Result(other); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(Summary{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := [][]string{
		{"query", "severity", "connection", "app_id", "active_secrets", "in_use", "created", "meta", "note"},
		{"apps_two_active_secrets", "high", "prod", "0oa1", "2", "true", "2026-01-02 03:04:05", `{"a":1}`, ""},
		{"apps_two_active_secrets", "high", "stage", "0oa2", "3", "", "", "", ""},
		{"other", "low", "", "0oa3", "", "", "", "", "a, \"quoted\"\nnote"},
	}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
