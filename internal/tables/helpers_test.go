package tables_test

import (
	"encoding/json"
	"testing"
)

func mustJSON(t *testing.T, v any, into any) {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("JSON value %T %v", v, v)
	}
	if err := json.Unmarshal([]byte(s), into); err != nil {
		t.Fatalf("JSON %q: %v", s, err)
	}
}
