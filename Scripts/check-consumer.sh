#!/bin/sh
# Builds a throw-away package outside this repository that depends on GeoTwin by path and uses
# `import GeoTwin` the way an application would, then checks its build log: no
# swift-argument-parser (not even fetched), no benchmark code, no docc plugin, no compiler
# warnings, no more of Foundation than its essentials linked (Linux), and the program runs. Usage: Scripts/check-consumer.sh [scratch-dir]   (default: a new temp dir)
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/geotwin-consumer.XXXXXX")}
swift=${SWIFT:-swift}
mkdir -p "$dir/Sources/Consumer"

cat > "$dir/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "$repo")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "GeoTwin", package: "$(basename "$repo")")]),
    ]
)
MANIFEST

cat > "$dir/Sources/Consumer/main.swift" <<'SWIFT'
import GeoTwin

let text = #"{"type":"Feature","id":"36110","properties":{"name":"세종특별자치시"},"geometry":{"type":"Polygon","coordinates":[[[127.2,36.4],[127.4,36.4],[127.4,36.6],[127.2,36.6],[127.2,36.4]]]}}"#
do {
    let feature = try GeoJSON.decodeFeature(Array(text.utf8))
    print(feature["name"]?.stringValue ?? "-", feature.geometry?.boundingBox ?? .empty)
} catch {
    print("error:", error.localizedDescription)
}
SWIFT

log="$dir/build.log"
echo "building $dir (log: $log) ..."
(cd "$dir" && "$swift" build) > "$log" 2>&1 || { tail -20 "$log"; echo "consumer build failed" >&2; exit 1; }

status=0
check() {  # check DESCRIPTION PATTERN: fails when PATTERN occurs in the build log
    count=$(grep -c -E -e "$2" "$log" || true)
    if [ "$count" -ne 0 ]; then
        echo "FAIL: $1 ($count lines)"; grep -E -e "$2" "$log" | head -5; status=1
    else
        echo "ok:   $1"
    fi
}
check "swift-argument-parser neither fetched nor built" "swift-argument-parser|ArgumentParser|GenerateManual"
check "no benchmark code compiled" "(Compiling|Emitting module) GeoBenchSupport"
check "no geotwin command-line tool compiled" "(Compiling|Emitting module) geotwin "
check "no docc plugin fetched or built" "Swift-DocC|swift-docc-plugin"
check "no compiler warnings" "warning:"
if [ "$(uname -s)" = Linux ]; then
    # Foundation's essentials only: the whole of Foundation (and ICU) stays out of a program
    # that does not import it itself.
    if readelf -d "$dir/.build/debug/Consumer" | grep -E -q "NEEDED.*lib(Foundation|FoundationInternationalization|_FoundationICU)\.so"; then
        echo "FAIL: the consumer links the whole of Foundation"; readelf -d "$dir/.build/debug/Consumer" | grep NEEDED; status=1
    else
        echo "ok:   only Foundation's essentials linked"
    fi
fi
out=$(cd "$dir" && .build/debug/Consumer)
echo "ran:  $out"
case "$out" in *세종특별자치시*) ;; *) echo "FAIL: unexpected output"; status=1 ;; esac
exit $status
