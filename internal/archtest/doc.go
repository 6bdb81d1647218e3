// Package archtest holds the test that keeps the imports flowing one way (cmd → engine →
// tables → fetch/<vendor> → fetch, the simulator independent). It has no code of its own.
package archtest
