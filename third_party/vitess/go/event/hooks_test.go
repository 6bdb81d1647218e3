/*
Copyright 2019 The Vitess Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreedto in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package event

import (
	"testing"
)

// TestHooks checks that hooks get triggered.
func TestHooks(t *testing.T) {
	triggered1 := false
	triggered2 := false

	var hooks Hooks
	hooks.Add(func() { triggered1 = true })
	hooks.Add(func() { triggered2 = true })

	hooks.Fire()

	if !triggered1 || !triggered2 {
		t.Errorf("registered hook functions failed to trigger on Fire()")
	}
}
