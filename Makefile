# credsql is always built without cgo and with the pure-Go regex of go-mysql-server.
export CGO_ENABLED := 0
GOFLAGS_TAGS := -tags gms_pure_go
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: build demo test test-short docs docs-check bench bench-short vet fmt clean

build:
	$(GO) build $(GOFLAGS_TAGS) -trimpath -ldflags "$(LDFLAGS)" -o bin/credsql ./cmd/credsql

# The main job on the simulator: the inventory of every credential.
demo: build
	./bin/credsql --demo run queries
	@echo
	@echo "Next: ./bin/credsql --demo shell    (an interactive SQL shell on the same simulated vendors)"

# Tests that need a program not installed here (mariadb, node, python3 PyMySQL, chromium,
# promtool) skip, and say so below; with CI=true they fail instead (.ci/run installs them).
test:
	@for p in mariadb node chromium promtool; do command -v $$p >/dev/null 2>&1 || \
		echo "make test: $$p is not installed: the tests that need it $$( [ -n "$$CI" ] && echo fail || echo 'are skipped (CI=true makes them fail)')"; done
	$(GO) vet $(GOFLAGS_TAGS) ./...
	$(GO) test $(GOFLAGS_TAGS) -count=1 ./...

test-short:
	$(GO) test $(GOFLAGS_TAGS) -short -count=1 ./...

docs:
	$(GO) run $(GOFLAGS_TAGS) ./cmd/credsql docs --out docs/tables

docs-check:
	$(GO) run $(GOFLAGS_TAGS) ./cmd/credsql docs --out docs/tables --check

bench: build
	$(GO) run $(GOFLAGS_TAGS) ./internal/bench/cmd/benchreport -out docs/benchmarks.md

bench-short:
	$(GO) test $(GOFLAGS_TAGS) -count=1 -run TestBenchmarkSuiteShort ./internal/bench/...

vet:
	$(GO) vet $(GOFLAGS_TAGS) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
