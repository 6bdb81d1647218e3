//go:build !gms_pure_go

package main

// credsql must be built with -tags gms_pure_go (and CGO_ENABLED=0): without the tag,
// go-mysql-server links ICU through cgo. Use the Makefile: make build.
var _ = credsql_must_be_built_with_tags_gms_pure_go
