import Benchmark
import Foundation
import GeoIO
import SmartCity

/// Suite `locate`: 1,000,000 points uniform in the bounding box of South Korea (the extent of
/// the sigungu layer in Geodata/korea.gpkg, SplitMix64 seed 0x5EED, the same points as
/// Benchmarks/peers/locate_shapely.py), each located in the full-resolution sigungu layer
/// (packed R-tree over polygon parts, exact banded point-in-polygon, districts over parent cities).
/// Layers are loaded before the measurement. One core.
let benchmarks: @Sendable () -> Void = {
    let geodata: URL
    do {
        geodata = try GeodataLocation.resolve()
    } catch {
        fatalError("\(error)")
    }
    let atlas = KoreaAtlas(geodata: geodata)
    let (lats, lons) = locatePoints(count: 1_000_000, geodata: geodata)
    let clock = ContinuousClock()
    let loadStart = clock.now
    guard (try? atlas.locate(latitude: 36.504, longitude: 127.265)) != nil else { fatalError("Geodata did not load") }
    print("locate: sido, sigungu and islet layers loaded and indexed in \(clock.now - loadStart)")
    guard let warm = try? atlas.locateCodes(latitudes: lats, longitudes: lons) else { fatalError("Geodata did not load") }
    let placed = warm.compactMap { $0 }
    print("locate: \(warm.count) points, \(placed.filter { $0.count == 5 }.count) placed in a sigungu (polygon or islet), \(placed.filter { $0.count == 2 }.count) in a sido polygon only")

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 15
    )

    Benchmark("locate_1M_sigungu GeoTwin KoreaAtlas.locateCodes") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? atlas.locateCodes(latitudes: lats, longitudes: lons, level: .sigungu))
        }
    }

    Benchmark("locate_1M_sigungu GeoTwin KoreaAtlas.locate (full regions)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? atlas.locate(latitudes: lats, longitudes: lons, level: .sigungu))
        }
    }
}

/// `count` points uniform in the sigungu extent: SplitMix64 from 0x5EED, x then y per point,
/// each `(next >> 11) * 2^-53` scaled to the extent.
func locatePoints(count: Int, geodata: URL) -> (lats: [Double], lons: [Double]) {
    guard let box = try? GeoPackageReader(url: geodata.appendingPathComponent("korea.gpkg")).layer(named: "sigungu")?.bounds else {
        fatalError("no sigungu extent in korea.gpkg")
    }
    var state: UInt64 = 0x5EED
    func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
    var lats = [Double](), lons = [Double]()
    lats.reserveCapacity(count)
    lons.reserveCapacity(count)
    for _ in 0..<count {
        lons.append(box.minX + next() * (box.maxX - box.minX))
        lats.append(box.minY + next() * (box.maxY - box.minY))
    }
    return (lats, lons)
}
