import Foundation
import GeoIO

/// How ``KoreaAtlas/locateCSV(input:output:options:problems:)`` reads and works.
public struct CSVLocateOptions: Sendable {
    /// The administrative level of the answers.
    public var level: AdministrativeLevel
    /// The coordinate columns: `lat`/`lon` (or `latitude`/`longitude`) or `x`/`y` (x is the
    /// longitude), found in the header by default.
    public var columns: CSVCoordinateColumns
    /// Rows read, located and written per step; memory stays proportional to this, not to the file.
    public var rowsPerChunk: Int
    /// Threads that locate and format a chunk's rows (output stays in input order); 1 keeps all
    /// the work on the calling thread.
    public var threads: Int
    /// The size of the read buffer in bytes.
    public var bufferSize: Int

    public init(level: AdministrativeLevel = .sigungu, columns: CSVCoordinateColumns = .detect,
                rowsPerChunk: Int = 1 << 16, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                bufferSize: Int = 1 << 20) {
        self.level = level
        self.columns = columns
        self.rowsPerChunk = max(1, rowsPerChunk)
        self.threads = max(1, threads)
        self.bufferSize = bufferSize
    }
}

/// What ``KoreaAtlas/locateCSV(input:output:options:problems:)`` did.
public struct CSVLocateSummary: Hashable, Sendable {
    /// Data rows read (empty lines are not rows).
    public var rows = 0
    /// Rows reported as problems (written with an empty code and name).
    public var badRows = 0
    /// Rows placed in a Korean administrative unit.
    public var located = 0

    public init(rows: Int = 0, badRows: Int = 0, located: Int = 0) {
        self.rows = rows
        self.badRows = badRows
        self.located = located
    }
}

extension KoreaAtlas {
    /// Reverse-geocodes every row of a CSV point file and writes CSV `lat,lon,code,name`: one
    /// row per input row in input order, the coordinates echoed as written, the name as
    /// ``LocatedRegion/name``, an empty code and name outside Korea and for bad rows.
    ///
    /// The file is streamed: a chunk of rows is read, located in bulk and written, then the next,
    /// so memory does not grow with the file. Bad rows (wrong field count, a coordinate that is
    /// not a number or out of range) go to `problems` in line order, as
    /// `points.csv:12: column lat: "abc" is not a number`.
    ///
    /// - Parameters:
    ///   - input: the CSV file (`-` for standard input), with a header row.
    ///   - output: the file to write, atomically (it appears complete or not at all); nil for
    ///     standard output.
    /// - Throws: ``KoreaAtlasError/csv(_:)`` when the input cannot be read (no such file, no
    ///   coordinate columns, an unclosed quote) or the output cannot be written; a Geodata error.
    public func locateCSV(input: String, output: String? = nil, options: CSVLocateOptions = CSVLocateOptions(),
                          problems: (CSVRowProblem) -> Void) throws(KoreaAtlasError) -> CSVLocateSummary {
        let locator = try locator(level: options.level)
        let points: CSVPointReader
        do {
            points = try CSVPointReader(path: input, columns: options.columns, bufferSize: options.bufferSize)
        } catch {
            throw .csv(error)
        }
        let writer: CSVWriter
        if let output {
            do { writer = try CSVWriter(path: output) } catch { throw .csv(error) }
        } else {
            writer = .standardOutput()
        }
        do {
            let summary = try CSVLocation(locator: locator, options: options).run(points, writer, problems)
            try writer.commit()
            return summary
        } catch {
            writer.discard()
            throw .csv(error)
        }
    }

    /// ``locateCSV(input:output:options:problems:)`` over an open reader and writer: writes the
    /// header and every row, flushes, and leaves committing a file writer to the caller.
    public func locateCSV(_ points: CSVPointReader, to writer: CSVWriter, options: CSVLocateOptions = CSVLocateOptions(),
                          problems: (CSVRowProblem) -> Void) throws(KoreaAtlasError) -> CSVLocateSummary {
        let locator = try locator(level: options.level)
        do {
            let summary = try CSVLocation(locator: locator, options: options).run(points, writer, problems)
            try writer.flush()
            return summary
        } catch {
            throw .csv(error)
        }
    }
}

/// The streaming loop behind ``KoreaAtlas/locateCSV(input:output:options:problems:)``.
struct CSVLocation {
    let locator: RegionLocator
    let options: CSVLocateOptions
    /// Per stage, per feature: the bytes `code,name` written for a hit (nil: the hit has no region).
    let answers: [[[UInt8]?]]

    init(locator: RegionLocator, options: CSVLocateOptions) {
        self.locator = locator
        self.options = options
        answers = locator.stages.map { stage in
            (0..<locator.featureCount(stage)).map { f in
                locator.region(RegionLocator.Hit(stage: stage, feature: f)).map { region in
                    var bytes = Array(region.code.utf8)
                    bytes.append(UInt8(ascii: ","))
                    CSVWriter.appendField(region.name.utf8, to: &bytes)
                    return bytes
                }
            }
        }
    }

    func run(_ points: CSVPointReader, _ writer: CSVWriter,
             _ problems: (CSVRowProblem) -> Void) throws(GeoIOError) -> CSVLocateSummary {
        writer.write("lat,lon,code,name\n")
        var summary = CSVLocateSummary()
        var chunk = CSVPointChunk()
        var parts: [[UInt8]] = []
        var located: [Int] = []
        while try points.read(into: &chunk, maxRows: options.rowsPerChunk, problems: { problem in
            summary.badRows += 1
            problems(problem)
        }) {
            let n = chunk.count
            summary.rows += n
            // Enough rows per thread to pay for the hand-over.
            let count = min(options.threads, max(1, n / 4096))
            if parts.count != count {
                parts = Array(repeating: [], count: count)
                located = Array(repeating: 0, count: count)
            }
            if count == 1 {
                located[0] = format(chunk, 0..<n, into: &parts[0])
            } else {
                let done = chunk
                parts.withUnsafeMutableBufferPointer { parts in
                    located.withUnsafeMutableBufferPointer { located in
                        // Each thread writes only its own slot `t` of both buffers.
                        let slots = Slots(parts: parts.baseAddress!, located: located.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: count) { t in
                            let range = (n * t / count)..<(n * (t + 1) / count)
                            slots.located[t] = format(done, range, into: &slots.parts[t])
                        }
                    }
                }
            }
            for t in 0..<count {
                writer.write(parts[t])
                summary.located += located[t]
            }
            try writer.flush()
        }
        return summary
    }

    /// The per-thread output slots of one chunk, shared with the threads that fill them.
    private struct Slots: @unchecked Sendable {
        let parts: UnsafeMutablePointer<[UInt8]>
        let located: UnsafeMutablePointer<Int>
    }

    /// Locates rows `range` of `chunk` and writes their output lines into `out` (emptied first);
    /// returns how many were placed.
    private func format(_ chunk: CSVPointChunk, _ range: Range<Int>, into out: inout [UInt8]) -> Int {
        out.removeAll(keepingCapacity: true)
        let hits = locator.hits(xs: Array(chunk.xs[range]), ys: Array(chunk.ys[range]))
        var placed = 0
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        for (k, i) in range.enumerated() {
            if chunk.isValid[i] {
                out.append(contentsOf: chunk.yText(i))
                out.append(comma)
                out.append(contentsOf: chunk.xText(i))
            } else {
                CSVWriter.appendField(chunk.yText(i), to: &out)
                out.append(comma)
                CSVWriter.appendField(chunk.xText(i), to: &out)
            }
            out.append(comma)
            let s = Int(hits.stage[k])
            if s >= 0, let answer = answers[s][Int(hits.feature[k])] {
                out.append(contentsOf: answer)
                placed += 1
            } else {
                out.append(comma)
            }
            out.append(newline)
        }
        return placed
    }
}

extension RegionLocator {
    /// The number of features a stage's layer holds.
    func featureCount(_ stage: Stage) -> Int {
        switch stage {
        case .sido: provinces.provinces.count
        case .sigungu: municipalities.municipalities.count
        case .emd: emd?.codes.count ?? 0
        case .islets: islets.codes.count
        }
    }
}
