package tables

import (
	"fmt"
	"strconv"
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
