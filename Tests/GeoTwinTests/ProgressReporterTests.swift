import Foundation
import GeoTwin
import Testing

/// The progress bar's text and its pacing, driven by a clock the test steps by hand (no timing),
/// and `GeoConvert.convert` reporting the features it reads against the count the file states.
@Suite struct ProgressReporterTests {
    /// A clock the test sets, and the text a reporter wrote.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var now: UInt64 = 0
        private var texts: [String] = []
        /// Nanoseconds added on each reading of the clock (0: the clock stands still).
        var step: UInt64 = 0

        func set(_ t: UInt64) { lock.withLock { now = t } }
        func tick() -> UInt64 { lock.withLock { now += step; return now } }
        func write(_ text: String) { lock.withLock { texts.append(text) } }
        var written: [String] { lock.withLock { texts } }

        func reporter(label: String, total: Int, enabled: Bool = true) -> ProgressReporter {
            ProgressReporter(label: label, total: total, enabled: enabled, output: { self.write($0) }, clock: { self.tick() })
        }
    }

    static let erase = "\r\u{1B}[2K"

    @Test func lineText() {
        #expect(ProgressReporter.line(label: "convert", done: 0, total: 10)
                == "convert [..............................]   0%")
        #expect(ProgressReporter.line(label: "convert", done: 1, total: 3)
                == "convert [##########....................]  33%")
        #expect(ProgressReporter.line(label: "x", done: 5, total: 10, width: 4) == "x [##..]  50%")
        #expect(ProgressReporter.line(label: "x", done: 10, total: 10, width: 4) == "x [####] 100%")
        // Clamped to 0...total.
        #expect(ProgressReporter.line(label: "x", done: 25, total: 10, width: 4) == "x [####] 100%")
        #expect(ProgressReporter.line(label: "x", done: -3, total: 10, width: 4) == "x [....]   0%")
    }

    @Test func redrawsAtMostEveryTenthOfASecondAndErasesAtTheEnd() {
        let r = Recorder()
        let p = r.reporter(label: "read", total: 4)
        #expect(p.isEnabled)
        r.set(1_000_000_000)
        p.update(1)                       // first update: drawn
        r.set(1_050_000_000)
        p.update(2)                       // 50 ms later: skipped
        r.set(1_100_000_000)
        p.update(3)                       // 100 ms after the last draw: drawn
        r.set(1_150_000_000)
        p.update(4)                       // skipped
        p.finish()
        p.finish()                        // nothing more to erase
        #expect(r.written == [
            "\r" + ProgressReporter.line(label: "read", done: 1, total: 4),
            "\r" + ProgressReporter.line(label: "read", done: 3, total: 4),
            Self.erase,
        ])
    }

    @Test func drawsNothingWhenDisabledOrWithoutATotal() {
        let r = Recorder()
        r.step = 1_000_000_000
        let off = r.reporter(label: "a", total: 10, enabled: false)
        off.update(5)
        off.finish()
        #expect(!off.isEnabled)
        #expect(!off.canDraw)
        #expect(r.written.isEmpty)
        let unknown = r.reporter(label: "b", total: 0)
        unknown.update(5)
        unknown.finish()
        #expect(!unknown.isEnabled)
        #expect(unknown.canDraw)
        #expect(r.written.isEmpty)
        // A total set later turns it on.
        unknown.setTotal(10)
        #expect(unknown.isEnabled)
        unknown.update(5)
        unknown.finish()
        #expect(r.written == ["\r" + ProgressReporter.line(label: "b", done: 5, total: 10), Self.erase])
    }

    /// Converting a GeoPackage of 4 features with a clock that moves a second per reading: every
    /// feature read is drawn, against the file's count, and the bar is erased at the end; the
    /// output holds the same features.
    @Test func convertReportsTheFeaturesRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-progress-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let features = (0..<4).map { i in
            Feature(geometry: .point(Point(x: 127 + Double(i), y: 37)), properties: ["n": .int(Int64(i))])
        }
        let layer = GeoDataLayer(name: "pts", collection: FeatureCollection(features, crs: .wgs84))
        try GeoDataSink.write([layer], to: dir + "/in.gpkg")

        let r = Recorder()
        r.step = 1_000_000_000
        let progress = r.reporter(label: "convert", total: 0)
        try GeoConvert.convert(input: dir + "/in.gpkg", output: dir + "/out.fgb", progress: progress)
        #expect(progress.total == 4)
        #expect(r.written == (1...4).map { "\r" + ProgressReporter.line(label: "convert", done: $0, total: 4) } + [Self.erase])
        let back = try GeoDataSource(path: dir + "/out.fgb").readLayer()
        #expect(back.features.count == 4)
        #expect(Set(back.features.compactMap { $0.properties["n"]?.intValue }) == [0, 1, 2, 3])

        // A reporter that cannot draw is not given a total (the input's features are not counted).
        let off = r.reporter(label: "convert", total: 0, enabled: false)
        try GeoConvert.convert(input: dir + "/in.gpkg", output: dir + "/out3.fgb", progress: off)
        #expect(off.total == 0)
        #expect(try GeoDataSource(path: dir + "/out3.fgb").readLayer().features.count == 4)

        // GeoJSON states no count: nothing is drawn, and the conversion is the same.
        try GeoDataSink.write([layer], to: dir + "/in.geojson")
        let quiet = Recorder()
        quiet.step = 1_000_000_000
        try GeoConvert.convert(input: dir + "/in.geojson", output: dir + "/out2.fgb", progress: quiet.reporter(label: "convert", total: 0))
        #expect(quiet.written.isEmpty)
        #expect(try GeoDataSource(path: dir + "/out2.fgb").readLayer().features.count == 4)
    }
}
