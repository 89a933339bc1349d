// Batch reverse geocoding: the Korean administrative unit of many WGS84 positions at once,
// through KoreaAtlas's packed R-tree index over the shipped boundaries.
//
//   swift run batch-geocode [points.csv]
//
// points.csv: a header naming lat/lon (or x/y) columns. Prints `lat,lon,code,name` at the emd level.
// Without a file the example geocodes a few landmarks and 100,000 random positions (timed).
import Foundation
import GeoTwin

do {
    let atlas = try KoreaAtlas()
    if let path = CommandLine.arguments.dropFirst().first {
        // A CSV file (spreadsheet exports included: BOM, CRLF, quotes): streamed through the
        // library's CSV reader, located in bulk, written to standard output in input order.
        let summary = try atlas.locateCSV(input: path, options: CSVLocateOptions(level: .emd)) { problem in
            FileHandle.standardError.write(Data("\(problem)\n".utf8))
        }
        FileHandle.standardError.write(Data("\(summary.rows) rows, \(summary.located) located, \(summary.badRows) bad\n".utf8))
        exit(summary.badRows > 0 ? 1 : 0)
    }
    // 정부세종청사, 부산 강서구 명지동, 성산일출봉, 독도, and a point at sea.
    let lats = [36.504, 35.09, 33.458, 37.241, 34.0]
    let lons = [127.265, 128.905, 126.942, 131.865, 124.0]
    let regions = try atlas.locate(latitudes: lats, longitudes: lons, level: .emd)
    print("lat,lon,code,name")
    for (i, r) in regions.enumerated() { print("\(lats[i]),\(lons[i]),\(r?.code ?? ""),\(CSVWriter.field(r?.name ?? ""))") }
    do {
        let n = 100_000
        let la = (0..<n).map { _ in Double.random(in: 33.0..<38.6) }, lo = (0..<n).map { _ in Double.random(in: 124.6..<131.6) }
        let start = Date()
        let codes = try atlas.locateCodes(latitudes: la, longitudes: lo)
        let s = Date().timeIntervalSince(start)
        print(String(format: "%d random positions in %.2f s (%.0f per second), %d on land", n, s, Double(n) / s, codes.compactMap { $0 }.count))
    }
} catch {
    FileHandle.standardError.write(Data("batch-geocode: error: \(error)\n".utf8))
    exit(1)
}
