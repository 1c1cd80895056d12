# Thin aliases for go commands; see README.md.
GO ?= go

.PHONY: all build test lint fuzz bench integration ci demo

all: build

build:
	CGO_ENABLED=0 $(GO) build -o chronicle ./cmd/chronicle

test:
	$(GO) test -race -count=1 -timeout 30m ./...

lint:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	$(GO) vet ./...

fuzz:
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzReadJSONL -fuzztime=20s
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzReadWARC -fuzztime=20s
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzReadFeed -fuzztime=20s
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzExtractHTML -fuzztime=20s
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzClean -fuzztime=20s
	$(GO) test ./internal/ingest -run='^$$' -fuzz=FuzzRepairMojibake -fuzztime=20s
	$(GO) test ./internal/extract -run='^$$' -fuzz=FuzzSentences -fuzztime=20s

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# demo ingests the bundled examples into chronicle.db and shows what was found.
demo:
	$(GO) run ./cmd/chronicle ingest examples/
	$(GO) run ./cmd/chronicle export --what events --format csv

ci: lint test
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/chronicle
