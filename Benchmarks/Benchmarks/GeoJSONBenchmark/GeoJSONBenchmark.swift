import BenchCGEOS
import Benchmark
import Foundation
import GeoIO

/// Suite `geojson`: parsing South Korea's 253 sigungu boundaries (one FeatureCollection, about
/// 8.5 MB) from an in-memory buffer, GeoTwin against GEOS's GeoJSON reader in the same process.
///
/// Both parse every coordinate into full geometries and free them inside the measured loop.
/// GEOS's reader turns a FeatureCollection into a GeometryCollection (properties are parsed by
/// its JSON layer but dropped); GeoTwin builds a FeatureCollection with properties and ids.
/// Data: `python3 Benchmarks/data/make_sigungu_geojson.py` (from the repository root).
let benchmarks: @Sendable () -> Void = {
    let dataURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sigungu.geojson")
    let data: Data
    do {
        data = try Data(contentsOf: dataURL)
    } catch {
        fatalError("cannot read \(dataURL.path) (\(error)): run python3 Benchmarks/data/make_sigungu_geojson.py")
    }
    let bytes = [UInt8](data)
    let cString = bytes.map { CChar(bitPattern: $0) } + [0]

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 30
    )

    Benchmark("geojson_decode GeoTwin GeoJSON.decodeFeatureCollection") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try GeoJSON.decodeFeatureCollection(bytes))
            } catch {
                fatalError("sigungu.geojson did not parse: \(error)")
            }
        }
    }

    Benchmark("geojson_decode GEOS GEOSGeoJSONReader_readGeometry_r") { benchmark in
        let context = GEOS_init_r()
        let reader = GEOSGeoJSONReader_create_r(context)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let geometry = cString.withUnsafeBufferPointer { GEOSGeoJSONReader_readGeometry_r(context, reader, $0.baseAddress) }
            guard let geometry else { fatalError("GEOS could not read sigungu.geojson") }
            blackHole(geometry)
            GEOSGeom_destroy_r(context, geometry)
        }
        benchmark.stopMeasurement()
        GEOSGeoJSONReader_destroy_r(context, reader)
        GEOS_finish_r(context)
    }
}
