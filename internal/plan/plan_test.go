package plan

import (
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "1d": 24 * time.Hour, "720h": 720 * time.Hour, "90m": 90 * time.Minute} {
		if got, err := ParseWindow(in); err != nil || got != want {
			t.Errorf("ParseWindow(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0d", "-3d", "30 days", "d", "1.5d", "0h"} {
		if _, err := ParseWindow(in); err == nil {
			t.Errorf("ParseWindow(%q) took it", in)
		}
	}
}

func TestBlockMatches(t *testing.T) {
	t.Parallel()
	b := Block{Match: [][]string{{"0oa1", "kid1"}, {"kid2"}}}
	for _, tc := range []struct {
		row  []string
		want bool
	}{
		{[]string{"demo", "0oa1", "Salesforce", "kid1"}, true},
		{[]string{"demo", "0oa1/kid1"}, true},     // a slash-joined id
		{[]string{"demo", "kid2"}, true},          // the second alternative
		{[]string{"demo", "0oa1", "kid3"}, false}, // the app alone is not the key
		{[]string{"demo", "0oa1kid1"}, false},
	} {
		if got := b.Matches(tc.row); got != tc.want {
			t.Errorf("Matches(%v) = %v, want %v", tc.row, got, tc.want)
		}
	}
}
