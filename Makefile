# credsql is always built without cgo and with the pure-Go regex of go-mysql-server.
export CGO_ENABLED := 0
GOFLAGS_TAGS := -tags gms_pure_go
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: build demo test test-race test-short docs docs-check bench bench-short difftest vet fmt clean

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

# The race detector needs cgo (and a C compiler); the build is otherwise the same.
RACE_PKGS ?= ./internal/engine/... ./internal/fetch/... ./internal/tables/... ./internal/inventory/...
test-race:
	CGO_ENABLED=1 $(GO) test $(GOFLAGS_TAGS) -race -count=1 $(RACE_PKGS)

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

# Differential campaigns: generated queries through credsql (over the simulator, at page sizes
# 1, 2 and 7, in-process and over the wire) and through go-mysql-server's in-memory engine loaded
# with the same rows (docs/testing.md). make difftest SEED="1 2 3" N=60000; one new seed by default.
SEED ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
N ?= 30000
SHRINKS ?= 12
DIFFTEST_LOGS := bin/difftest

difftest:
	@mkdir -p $(DIFFTEST_LOGS); status=0; \
	for s in $(SEED); do \
		log=$(DIFFTEST_LOGS)/seed-$$s.log; \
		DIFFTEST_SEED=$$s DIFFTEST_N=$(N) DIFFTEST_SHRINKS=$(SHRINKS) \
			$(GO) test $(GOFLAGS_TAGS) -run '^TestDifferential$$' -count=1 -timeout 0 -v ./internal/difftest >$$log 2>&1 || status=1; \
		grep -h 'difftest summary' $$log | sed 's/^.*difftest summary: /difftest: /'; \
		grep -q -- '--- FAIL' $$log && echo "seed $$s: mismatches, reproducers in $$log" || echo "seed $$s: clean"; \
	done; exit $$status

vet:
	$(GO) vet $(GOFLAGS_TAGS) ./...

fmt:
	gofmt -w $$(git ls-files '*.go' ':!third_party')

clean:
	rm -rf bin
