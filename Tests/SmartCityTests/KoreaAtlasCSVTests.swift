import Foundation
import GeoIndex
import GeoBenchSupport
import GeoIO
import SmartCity
import Testing

@Suite struct KoreaAtlasCSVTests {
    /// A CSV of `count` points in Korea's bounding box (6 decimals), with a bad row every 997.
    private func pointsFile(_ dir: URL, count: Int) throws -> (url: URL, lats: [Double], lons: [Double], bad: Set<Int>) {
        var rng = SplitMix64(seed: 4180)
        var text = "lat,lon\n", lats: [Double] = [], lons: [Double] = [], bad: Set<Int> = []
        for i in 0..<count {
            if i % 997 == 500 {
                text += i % 2 == 0 ? "north,127\n" : "37.5\n"
                bad.insert(i)
                lats.append(.nan)
                lons.append(.nan)
                continue
            }
            let lat = (33 + 5.6 * rng.nextUnit()) * 1e6, lon = (124.5 + 6.4 * rng.nextUnit()) * 1e6
            let latText = String(format: "%.6f", lat.rounded() / 1e6), lonText = String(format: "%.6f", lon.rounded() / 1e6)
            text += "\(latText),\(lonText)\n"
            lats.append(Double(latText)!)
            lons.append(Double(lonText)!)
        }
        let url = dir.appendingPathComponent("points.csv")
        try Data(text.utf8).write(to: url)
        return (url, lats, lons, bad)
    }

    @Test func chunksAndThreadsGiveTheBulkAnswersInInputOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-locatecsv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (input, lats, lons, bad) = try pointsFile(dir, count: 20_000)
        let regions = try atlas.locate(latitudes: lats, longitudes: lons, level: .sigungu)
        var expected = "lat,lon,code,name\n"
        let lines = try String(contentsOf: input, encoding: .utf8).split(separator: "\n").dropFirst()
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let echo = fields.count == 2 ? "\(fields[0]),\(fields[1])" : "\(fields[0]),"
            let region = bad.contains(i) ? nil : regions[i]
            expected += "\(echo),\(region?.code ?? ""),\(CSVWriter.field(region?.name ?? ""))\n"
        }
        for (threads, chunk, buffer) in [(1, 1 << 16, 1 << 20), (1, 333, 100), (2, 1000, 4096), (3, 4096 + 1, 1 << 16)] {
            let output = dir.appendingPathComponent("out-\(threads)-\(chunk).csv")
            var reported: [Int] = []
            let summary = try atlas.locateCSV(input: input.path, output: output.path,
                                              options: CSVLocateOptions(rowsPerChunk: chunk, threads: threads, bufferSize: buffer)) {
                reported.append($0.line)
            }
            #expect(summary.rows == 20_000)
            #expect(summary.badRows == bad.count)
            #expect(summary.located == regions.enumerated().filter { !bad.contains($0.offset) && $0.element != nil }.count)
            #expect(reported == bad.sorted().map { $0 + 2 })
            #expect(try String(contentsOf: output, encoding: .utf8) == expected, "threads \(threads) chunk \(chunk)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func inputErrorsLeaveNoOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-locatecsv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.csv").path
        for (name, text) in [("nolat.csv", "x,lon\n1,2\n"), ("open.csv", "lat,lon\n37,127\n\"37,127\n")] {
            let input = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: input)
            #expect(throws: KoreaAtlasError.self) {
                try atlas.locateCSV(input: input.path, output: output, options: CSVLocateOptions(threads: 2)) { _ in }
            }
        }
        #expect(throws: KoreaAtlasError.self) {
            try atlas.locateCSV(input: dir.appendingPathComponent("missing.csv").path, output: output) { _ in }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["nolat.csv", "open.csv"])
    }
}
