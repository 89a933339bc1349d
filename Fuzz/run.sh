#!/bin/sh
# Runs each fuzz target in turn at the lowest priority, FUZZ_RUNS executions each (default
# 100000) or FUZZ_SECONDS seconds each when given, from its seed corpus Fuzz/corpus/<target>/.
# New inputs go to .build-fuzz/corpus/<target>/ (the committed seeds stay as they are); a crash
# is written to .build-fuzz/crash-<target>-*. The last line of each run ("Done N runs") is the
# execution count. Usage: sh Fuzz/run.sh [target...]
set -eu
cd "$(dirname "$0")/.."
OUT=.build-fuzz
targets=${*:-"geojson wkb wkt gpkg_blob gpkg_file geotiff asciigrid csv shapefile flatgeobuf"}
for t in $targets; do
  mkdir -p "$OUT/corpus/$t"
  if [ -n "${FUZZ_SECONDS:-}" ]; then limit="-max_total_time=$FUZZ_SECONDS"; else limit="-runs=${FUZZ_RUNS:-100000}"; fi
  echo "== fuzz_$t" >&2
  nice -n 19 "$OUT/fuzz_$t" "$limit" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$OUT/crash-$t-" -print_final_stats=1 "$OUT/corpus/$t" "Fuzz/corpus/$t"
done
