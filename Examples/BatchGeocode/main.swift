// Batch reverse geocoding: the Korean administrative unit of many WGS84 positions at once,
// through KoreaAtlas's packed R-tree index over the shipped boundaries.
//
//   swift run batch-geocode [points.csv]
//
// points.csv: a header `lat,lon` then one position per line. Prints `lat,lon,code,name`.
// Without a file the example geocodes a few landmarks and 100,000 random positions (timed).
import Foundation
import GeoTwin

do {
    let atlas = try KoreaAtlas()
    var lats: [Double] = [], lons: [Double] = []
    if let path = CommandLine.arguments.dropFirst().first {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (i, line) in text.split(separator: "\n").enumerated() where i > 0 {
            let f = line.split(separator: ",")
            guard f.count >= 2, let lat = Double(f[0].trimmingCharacters(in: .whitespaces)),
                  let lon = Double(f[1].trimmingCharacters(in: .whitespaces)) else {
                FileHandle.standardError.write(Data("line \(i + 1): not lat,lon\n".utf8))
                continue
            }
            lats.append(lat)
            lons.append(lon)
        }
    } else {
        // 정부세종청사, 부산 강서구 명지동, 성산일출봉, 독도, and a point at sea.
        lats = [36.504, 35.09, 33.458, 37.241, 34.0]
        lons = [127.265, 128.905, 126.942, 131.865, 124.0]
    }
    let regions = try atlas.locate(latitudes: lats, longitudes: lons, level: .emd)
    print("lat,lon,code,name")
    for (i, r) in regions.enumerated() { print("\(lats[i]),\(lons[i]),\(r?.code ?? ""),\(r?.name ?? "")") }
    if CommandLine.arguments.count < 2 {
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
