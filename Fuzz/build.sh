#!/bin/sh
# Builds the libFuzzer targets of GeoTwin's readers (SwiftPM renames the fuzzer entry point, so
# they are built here with swiftc): each library module GeoCore, GeoIO, GeoRaster is compiled
# once, whole-module, with -sanitize=fuzzer,address, then each target in Fuzz/Targets/ is linked
# against them. Usage: sh Fuzz/build.sh [target...]   (default: every target)
# Output: .build-fuzz/<target>
set -eu
cd "$(dirname "$0")/.."
OUT=.build-fuzz
mkdir -p "$OUT"
SWIFTC=${SWIFTC:-swiftc}
SAN="-sanitize=fuzzer,address"
COMMON="-O -g -parse-as-library $SAN -I $OUT -I Sources/CSQLite -I Sources/CTIFF -I Sources/CLibraryLoader/include"
CC=${CC:-clang}

# A module is compiled again when one of its sources is newer than its object, or when a module
# compiled before it (which it may import) was compiled again in this run.
rebuilt=""
module() {  # name, sources...
  name=$1; shift
  if [ -n "$rebuilt" ] || [ ! -f "$OUT/$name.o" ] || [ -n "$(find Sources/$name -newer "$OUT/$name.o" -name '*.swift' | head -1)" ]; then
    rebuilt=1
    echo "compiling $name" >&2
    $SWIFTC $COMMON -module-name "$name" -wmo -num-threads 0 -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
      -c "$@" -o "$OUT/$name.o"
  fi
}

# libtiff is loaded on first use (CLibraryLoader): its forwarding functions and the loader.
for c in loader tiff; do
  if [ ! -f "$OUT/CLibraryLoader_$c.o" ] || [ "Sources/CLibraryLoader/$c.c" -nt "$OUT/CLibraryLoader_$c.o" ]; then
    $CC -O -g -fsanitize=fuzzer-no-link,address -I Sources/CLibraryLoader/include -c "Sources/CLibraryLoader/$c.c" -o "$OUT/CLibraryLoader_$c.o"
  fi
done

module GeoCore Sources/GeoCore/*.swift
module GeoIO Sources/GeoIO/*.swift
module GeoRaster Sources/GeoRaster/*.swift

targets=${*:-"geojson wkb wkt gpkg_blob gpkg_file geotiff asciigrid csv shapefile flatgeobuf"}
for t in $targets; do
  echo "linking fuzz_$t" >&2
  rm -f "$OUT/fuzz_$t"
  # ld.gold warns once per ASan symbol it cannot export; those lines are dropped.
  $SWIFTC $COMMON -module-name "fuzz_$t" Fuzz/Targets/$t.swift \
    "$OUT/GeoCore.o" "$OUT/GeoIO.o" "$OUT/GeoRaster.o" "$OUT/CLibraryLoader_loader.o" "$OUT/CLibraryLoader_tiff.o" \
    -lsqlite3 -lm -o "$OUT/fuzz_$t" 2>&1 |
    grep -v "Cannot export local symbol" >&2 || true
  [ -x "$OUT/fuzz_$t" ] || { echo "fuzz_$t: link failed" >&2; exit 1; }
done
