# GeoTwin: `make demo` (set-up, release build, main job) and `make test` (set-up, whole test suite).
SWIFT        ?= swift
APT_PACKAGES := pkg-config libgeos-dev libproj-dev libsqlite3-dev libtiff-dev libxml2-utils librsvg2-bin
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN          := .build/release/geotwin

.PHONY: setup demo test build clean fuzz sanitize

## Install the system libraries GeoTwin links (Debian/Ubuntu), only those missing.
setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found: install Swift 6.1 or newer" >&2; exit 1; }

build: setup
	$(SWIFT) build -c release --product geotwin

## Build in release mode and run the main job on the embedded data under Geodata/: the national
## platform coverage map, the rollout table and the two pilot city maps.
demo: build
	@mkdir -p out
	$(BIN) rollout
	$(BIN) map coverage --out out/coverage.svg
	$(BIN) map pilot sejong-5-1 --out out/sejong-5-1.svg
	$(BIN) map pilot busan-edc --out out/busan-edc.svg
	@echo "coverage map: $(CURDIR)/out/coverage.svg"
	@echo "pilot maps:   $(CURDIR)/out/sejong-5-1.svg $(CURDIR)/out/busan-edc.svg"

## Build and run the whole test suite.
test: setup
	$(SWIFT) test

## Reliability: libFuzzer targets of the readers (Fuzz/), FUZZ_RUNS executions each (or
## FUZZ_SECONDS seconds each), one target at a time at the lowest priority.
FUZZ_RUNS ?= 100000
fuzz: setup
	sh Fuzz/build.sh
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS) sh Fuzz/run.sh

## Reliability: the whole test suite under AddressSanitizer, then under ThreadSanitizer, each in
## its own scratch folder; any report fails the run. Leak detection is off: the Swift runtime's
## caches live until exit by design.
sanitize: setup
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz out
