# GeoTwin: `make demo` (set-up, release build, main job) and `make test` (set-up, whole test suite).
SWIFT        ?= swift
APT_PACKAGES := pkg-config libgeos-dev libproj-dev libsqlite3-dev libtiff-dev libxml2-utils librsvg2-bin \
                libpq-dev postgresql-15-postgis-3 postgis
# The headless browser (and its WebDriver) the coverage viewer's tests run in.
APT_PACKAGES += chromium chromium-driver curl
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN          := .build/release/geotwin

.PHONY: setup demo test number-check build clean docs check-consumer bench bench-peers benchmarks fuzz sanitize

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

## The release binary links the Swift runtime and Foundation's essentials statically: every
## command starts 10-14 ms sooner (no symbol binding of the runtime's shared libraries at launch;
## measured in BENCHMARKS.md), for a larger binary (about 46 MB instead of 23 MB).
build: setup
	$(SWIFT) build -c release --product geotwin --static-swift-stdlib

## Build in release mode and run the main job on the embedded data under Geodata/: the national
## platform coverage map, the rollout table and the two pilot city maps.
demo: build
	@mkdir -p out
	$(BIN) rollout
	$(BIN) map coverage --out out/coverage.svg --html out/coverage.html
	$(BIN) map pilot sejong-5-1 --out out/sejong-5-1.svg
	$(BIN) map pilot busan-edc --out out/busan-edc.svg
	@echo "coverage map: $(CURDIR)/out/coverage.svg"
	@echo "viewer:       $(CURDIR)/out/coverage.html"
	@echo "pilot maps:   $(CURDIR)/out/sejong-5-1.svg $(CURDIR)/out/busan-edc.svg"

## Build and run the whole test suite, against a throwaway PostgreSQL 15 + PostGIS 3 cluster when
## the server is installed (Tests/postgis/with-postgis.sh starts and removes it). The suite's
## temporary files go to one folder that is removed at the end, pass or fail.
PG_INITDB    := /usr/lib/postgresql/15/bin/initdb
test: setup number-check
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/geotwin-test.XXXXXX"); chmod 755 "$$scratch"; \
	trap 'rm -rf "$$scratch"' EXIT; \
	if [ -x $(PG_INITDB) ]; then \
	  Tests/postgis/with-postgis.sh env TMPDIR="$$scratch" $(SWIFT) test; \
	else \
	  echo "PostgreSQL 15 server not installed: PostGIS tests are skipped (make setup installs it)"; \
	  TMPDIR="$$scratch" $(SWIFT) test; \
	fi

## GeoIO's decimal parser against Double(String) on 10 million random decimals (release build:
## about 15 s of CPU; the unit tests keep a 300,000-decimal version). Runs before the suite so
## that the test runner's summary stays the last line.
number-check: setup
	$(SWIFT) build -c release --product number-check --static-swift-stdlib
	.build/release/number-check 10000000

## The DocC documentation of every library module, in one combined archive with the GeoTwin
## landing page: .build/plugins/Swift-DocC/outputs/GeoTwin.doccarchive
DOC_TARGETS := GeoCore GeoIO GeoIndex GeoGEOS GeoIndexGEOS GeoProj GeoRaster GeoRender GeoPostGIS SmartCity GeoWorkflows GeoTwin
docs: setup
	$(SWIFT) package --disable-sandbox generate-documentation $(DOC_TARGETS:%=--target %) \
	  --enable-experimental-combined-documentation

## Builds a scratch package that depends on GeoTwin by path and checks its build (no argument
## parser, no benchmark code, no warnings).
check-consumer: setup
	Scripts/check-consumer.sh

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
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/geotwin-test.XXXXXX"); chmod 755 "$$scratch"; \
	trap 'rm -rf "$$scratch"' EXIT; \
	pg=""; [ -x $(PG_INITDB) ] && pg=Tests/postgis/with-postgis.sh; \
	$$pg env TMPDIR="$$scratch" ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan && \
	$$pg env TMPDIR="$$scratch" TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz out

# ---- Benchmarks: `geotwin bench` (suites in GeoBenchSupport, peers in Benchmarks/peers) ----
PYTHON ?= python3
BENCH_VENV := Benchmarks/.venv

## Every suite against its in-process peers, with a report (out/bench/report.{md,json,svg}).
bench: build
	$(BIN) bench all --report out/bench

## The out-of-process peers (shapely, pyogrio, pyproj, exactextract, geopandas, geoindex-rs) at
## the versions pinned in Benchmarks/peers/requirements.txt, in a virtual environment.
bench-peers:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q -r Benchmarks/peers/requirements.txt

## Regenerate BENCHMARKS.md and its chart from one run of every suite and every peer.
benchmarks: build bench-peers
	$(BIN) bench all --peers --report Benchmarks/report --markdown BENCHMARKS.md
