internal import CPROJ
internal import CLibraryLoader
import GeoCore
import GeoProj

/// The `transform` suite: points from EPSG:4326 to EPSG:5179 (Korea 2000 unified), GeoTwin's
/// batch ``Transformer`` against a plain `proj_trans_generic` call on copies of the same
/// buffers. Every output coordinate is compared: they must agree to 1 mm.
public enum TransformSuite {
    /// Full size: 1,000,000 points; quick: 20,000.
    public static func run(_ options: BenchOptions) throws -> SuiteResult {
        let xs: [Double], ys: [Double], source: String
        if let file = options.pointsFile {
            (xs, ys) = try BenchData.csvPoints(file)
            source = "\(xs.count) points of \(file)"
        } else {
            let n = options.size(full: 1_000_000, quick: 20_000)
            (xs, ys) = BenchData.uniformPoints(n, seed: options.seed)
            source = "\(n) points uniform in 124.6-131.9 E, 33.1-38.6 N"
        }
        var result = SuiteResult(suite: "transform", data: source + ", EPSG:4326 -> EPSG:5179", runs: options.runs, seed: options.seed)
        let transformer = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179))
        let peer = options.noPeer ? nil : try PROJTransformPeer(from: "EPSG:4326", to: "EPSG:5179")
        var ox = xs, oy = ys, px = xs, py = ys
        options.progress("transform: \(xs.count) points")
        var failure: Error?
        result.measures.append(try options.timer.measure("transform \(xs.count) points", geotwin: {
            ox = xs; oy = ys
            do { try transformer.transform(x: &ox, y: &oy) } catch { failure = error }
        }, peer: "PROJ proj_trans_generic", peer.map { p in { px = xs; py = ys; p.transform(x: &px, y: &py) } }))
        if let failure { throw failure }
        for k in 0..<10 {
            let i = k * ox.count / 10
            result.digest["x@\(i)"] = ox[i]
            result.digest["y@\(i)"] = oy[i]
        }
        if peer != nil {
            var worst = 0.0
            for i in 0..<ox.count {
                if ox[i].isNaN || px[i].isNaN {
                    if ox[i].isNaN != px[i].isNaN { worst = .infinity }
                    continue
                }
                worst = max(worst, ((ox[i] - px[i]) * (ox[i] - px[i]) + (oy[i] - py[i]) * (oy[i] - py[i])).squareRoot())
            }
            result.checks.append(BenchCheck("largest coordinate difference (m, at most 0.001)", geotwin: "0",
                                            against: "PROJ", value: String(cFormat: "%.6f", worst), agrees: worst <= 0.001))
        }
        result.settleChecks()
        return result
    }
}

/// PROJ's own loop: one normalised `proj_create_crs_to_crs` operation and one
/// `proj_trans_generic` call over the whole buffers. Owns its context; one thread at a time.
public final class PROJTransformPeer {
    private let context: OpaquePointer
    private let operation: OpaquePointer

    /// Creates the operation from `source` to `target` (`EPSG:4326`, ...), axis order x/y.
    /// - Throws: ``BenchPeerError`` when PROJ cannot create it.
    public init(from source: String, to target: String) throws(BenchPeerError) {
        var message: UnsafePointer<CChar>?
        guard geotwin_load_proj(&message) != 0 else { throw BenchPeerError(message.map { String(cString: $0) } ?? "PROJ is not available") }
        guard let context = proj_context_create() else { throw BenchPeerError("no PROJ context") }
        proj_context_set_enable_network(context, 0)
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            proj_context_destroy(context)
            throw BenchPeerError("PROJ has no operation \(source) -> \(target)")
        }
        defer { proj_destroy(raw) }
        guard let op = proj_normalize_for_visualization(context, raw) else {
            proj_context_destroy(context)
            throw BenchPeerError("PROJ could not normalise \(source) -> \(target)")
        }
        self.context = context
        operation = op
    }

    deinit {
        proj_destroy(operation)
        proj_context_destroy(context)
    }

    /// Transforms the coordinates in place.
    public func transform(x: inout [Double], y: inout [Double]) {
        let n = min(x.count, y.count)
        let stride = MemoryLayout<Double>.stride
        x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                _ = proj_trans_generic(operation, PJ_FWD, xb.baseAddress, stride, n, yb.baseAddress, stride, n, nil, 0, 0, nil, 0, 0)
            }
        }
    }
}
