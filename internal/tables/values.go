package tables

import (
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// jsonOrNil returns v for a JSON column, or nil for an empty slice.
func jsonOrNil[T any](v []T) any {
	if len(v) == 0 {
		return nil
	}
	return v
}

// intArg reads an integer argument, accepting the forms SQL hands over.
func intArg(a Values, name string) (int64, error) {
	switch v := a[name].(type) {
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case uint64:
		return int64(v), nil
	case float64:
		if v == float64(int64(v)) {
			return int64(v), nil
		}
	case string:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, nil
		}
	case nil:
		return 0, fmt.Errorf("%s is required", name)
	}
	return 0, fmt.Errorf("%s must be an integer, not %v", name, a[name])
}

// mapSeq converts the items of a sequence; errors pass through.
func mapSeq[A, B any](seq iter.Seq2[A, error], f func(A) B) iter.Seq2[B, error] {
	return func(yield func(B, error) bool) {
		for a, err := range seq {
			if err != nil {
				var zero B
				yield(zero, err)
				return
			}
			if !yield(f(a), nil) {
				return
			}
		}
	}
}

// stringList reads a JSON column given to a write as a list of strings: a JSON array of
// strings, or one string (one value).
func stringList(name string, v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "[") {
			var out []string
			if err := json.Unmarshal([]byte(s), &out); err != nil {
				return nil, fmt.Errorf("%s: %q is not a JSON array of strings", name, s)
			}
			return out, nil
		}
		if s == "" {
			return nil, nil
		}
		return []string{s}, nil
	case []string:
		return x, nil
	case []any:
		out := make([]string, 0, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s[%d]: want a string, not %v", name, i, e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: want a JSON array of strings or one string, not %v", name, v)
}
