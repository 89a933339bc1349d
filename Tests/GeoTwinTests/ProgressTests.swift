import Foundation
import GeoTwin
import Testing

/// The progress bar's text, and the progress the rasterize and zonal jobs report through their
/// callbacks: counts that only grow and end at 100 %.
@Suite struct ProgressTests {
    @Test func barRendering() {
        #expect(ProgressReporter.line(label: "zonal", done: 0, total: 10) == "zonal [..............................]   0%")
        #expect(ProgressReporter.line(label: "zonal", done: 42, total: 100) == "zonal [############..................]  42%")
        #expect(ProgressReporter.line(label: "rasterize", done: 10, total: 10) == "rasterize [##############################] 100%")
        // Out-of-range counts are clamped; a zero total draws an empty bar.
        #expect(ProgressReporter.line(label: "x", done: 15, total: 10, width: 4) == "x [####] 100%")
        #expect(ProgressReporter.line(label: "x", done: -3, total: 10, width: 4) == "x [....]   0%")
        #expect(ProgressReporter.line(label: "x", done: 3, total: 0, width: 4) == "x [....]   0%")
        // A reporter that does not draw (not a terminal) is disabled and its callback is harmless.
        let quiet = ProgressReporter(label: "q", total: 100, enabled: false)
        #expect(!quiet.isEnabled)
        quiet.callback(5, 10)
        quiet.callback(10, 10)
    }

    /// The callback draws a job's counts against the job's own total, and erases the bar at the end.
    @Test func callbackDrawsTheJobsCounts() {
        final class Text: @unchecked Sendable {
            private let lock = NSLock()
            private var parts: [String] = []
            func add(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
            var all: [String] { lock.lock(); defer { lock.unlock() }; return parts }
        }
        let text = Text()
        final class Clock: @unchecked Sendable { var now: UInt64 = 0 }
        let clock = Clock()
        let bar = ProgressReporter(label: "zonal", total: 0, enabled: true, output: { text.add($0) }, clock: { clock.now })
        #expect(bar.canDraw && !bar.isEnabled)
        bar.callback(1, 4)
        #expect(bar.total == 4)
        clock.now += 200_000_000
        bar.callback(3, 4)
        bar.callback(4, 4)
        #expect(text.all == ["\r" + ProgressReporter.line(label: "zonal", done: 1, total: 4),
                             "\r" + ProgressReporter.line(label: "zonal", done: 3, total: 4),
                             "\r\u{1B}[2K"])
    }

    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(Int, Int)] = []
        func add(_ a: Int, _ b: Int) { lock.lock(); items.append((a, b)); lock.unlock() }
        var all: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return items }
    }

    static func checkMonotonicToTheEnd(_ calls: [(Int, Int)], steps: Int) {
        #expect(!calls.isEmpty)
        #expect(calls.allSatisfy { $0.1 == steps })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(calls.last?.0 == steps)
    }

    /// 12 squares as GeoJSON zones/shapes in EPSG:5179-like metres.
    static func squares(in dir: URL) throws -> String {
        var features: [String] = []
        for i in 0..<12 {
            let x = Double(i % 4) * 30, y = Double(i / 4) * 30
            features.append("""
            {"type":"Feature","properties":{"v":\(i + 1)},"geometry":{"type":"Polygon","coordinates":[[[\(x),\(y)],[\(x + 25.5),\(y)],[\(x + 25.5),\(y + 25.5)],[\(x),\(y + 25.5)],[\(x),\(y)]]]}}
            """)
        }
        let path = dir.appendingPathComponent("zones.geojson").path
        try Data(("{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [RasterizeJob.Rule.cellCenter, .allTouched, .coverageFraction])
    func rasterizeReportsEveryShapeThenTheWrite(rule: RasterizeJob.Rule) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zones = try Self.squares(in: dir)
        let calls = Calls()
        let out = dir.appendingPathComponent("r.tif").path
        try RasterizeJob(input: zones, output: out, resolution: 1, attribute: "v", rule: rule,
                         progress: { calls.add($0, $1) }).run()
        #expect(FileManager.default.fileExists(atPath: out))
        // 12 shapes, then the file.
        Self.checkMonotonicToTheEnd(calls.all, steps: 13)
        #expect(calls.all.map(\.0) == Array(1...13))
    }

    @Test func zonalReportsEveryZone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zones = try Self.squares(in: dir)
        let raster = dir.appendingPathComponent("r.tif").path
        try RasterizeJob(input: zones, output: raster, resolution: 1, attribute: "v",
                         tiffOptions: GeoTIFFWriteOptions(compression: .none)).run()
        let calls = Calls()
        let table = try ZonalJob(raster: raster, zones: zones, statistics: [.mean, .count],
                                 progress: { calls.add($0, $1) }).run()
        Self.checkMonotonicToTheEnd(calls.all, steps: 12)
        // Each square burnt its own value: its mean is that value (cell-centre rule).
        for (i, row) in table.rows.enumerated() { #expect(row[0] == Double(i + 1)) }
    }
}
