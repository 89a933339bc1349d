// Suite `transform`: 1,000,000 points EPSG:4326 -> EPSG:5179, uniform in South Korea's
// bounding box (fixed seed), through GeoTwin's batch API and through a plain
// `proj_trans_generic` call in the same process, on copies of the same input buffers.
import Benchmark
import BenchCPROJ
import GeoBenchSupport
import GeoCore
import GeoProj

/// Longitudes and latitudes uniform in South Korea's box, 124.6-131.9 E, 33.1-38.6 N.
func koreanPoints(_ count: Int, seed: UInt64 = 20_190_701) -> (x: [Double], y: [Double]) {
    var random = SplitMix64(seed: seed)
    var xs = [Double](), ys = [Double]()
    xs.reserveCapacity(count)
    ys.reserveCapacity(count)
    for _ in 0..<count {
        xs.append(124.6 + random.nextUnit() * (131.9 - 124.6))
        ys.append(33.1 + random.nextUnit() * (38.6 - 33.1))
    }
    return (xs, ys)
}

let benchmarks: @Sendable () -> Void = {
    let count = 1_000_000
    let input = koreanPoints(count)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 15
    )

    Benchmark("transform 1M 4326->5179 GeoTwin Transformer.transform(x:y:)", configuration: configuration) { benchmark in
        let transformer: Transformer
        do {
            transformer = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179))
        } catch {
            fatalError("EPSG:4326 -> EPSG:5179 is not available: \(error)")
        }
        var xs = input.x, ys = input.y
        xs.withUnsafeMutableBufferPointer { _ in }  // materialise the copies before timing
        ys.withUnsafeMutableBufferPointer { _ in }
        benchmark.startMeasurement()
        do {
            try transformer.transform(x: &xs, y: &ys)
        } catch {
            fatalError("\(error)")
        }
        benchmark.stopMeasurement()
        blackHole(xs[count / 2] + ys[count / 3])
    }

    Benchmark("transform 1M 4326->5179 PROJ proj_trans_generic", configuration: configuration) { benchmark in
        guard let context = proj_context_create() else { fatalError("no PROJ context") }
        defer { proj_context_destroy(context) }
        proj_context_set_enable_network(context, 0)
        guard let raw = proj_create_crs_to_crs(context, "EPSG:4326", "EPSG:5179", nil),
              let operation = proj_normalize_for_visualization(context, raw) else { fatalError("no operation") }
        proj_destroy(raw)
        defer { proj_destroy(operation) }
        var xs = input.x, ys = input.y
        let stride = MemoryLayout<Double>.stride
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                benchmark.startMeasurement()
                _ = proj_trans_generic(operation, PJ_FWD, xb.baseAddress, stride, count, yb.baseAddress, stride, count,
                                       nil, 0, 0, nil, 0, 0)
                benchmark.stopMeasurement()
            }
        }
        blackHole(xs[count / 2] + ys[count / 3])
    }
}
