#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
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
    /// When set, the codes written are today's (``CodeCrosswalk/current(_:)``) instead of the
    /// shipped boundaries' codes (base date 2023-09-15).
    public var currentCodes: CodeCrosswalk?
    /// Called on the calling thread after each chunk with the bytes of the input read so far.
    public var progress: (@Sendable (_ bytesRead: Int) -> Void)?

    public init(level: AdministrativeLevel = .sigungu, columns: CSVCoordinateColumns = .detect,
                rowsPerChunk: Int = 1 << 16, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                bufferSize: Int = 1 << 20, currentCodes: CodeCrosswalk? = nil) {
        self.currentCodes = currentCodes
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
    /// ```swift
    /// let atlas = try KoreaAtlas()
    /// let summary = try atlas.locateCSV(input: "points.csv", output: "located.csv",
    ///                                   options: CSVLocateOptions(level: .emd)) { problem in print(problem) }
    /// print(summary.rows, summary.located, summary.badRows)
    /// ```
    ///
    /// - Parameters:
    ///   - input: the CSV file (`-` for standard input), with a header row.
    ///   - output: the file to write, atomically (it appears complete or not at all); nil for
    ///     standard output.
    ///   - options: the level to locate at and how the coordinate columns are found.
    ///   - problems: called with each bad row, in line order.
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
    /// The bytes `code,name` written for each hit, back to back.
    let answerBytes: [UInt8]
    /// For stage `s` and feature `f`, at `2 * (stageBase[s] + f)`: the start and end of its
    /// answer in ``answerBytes``, or -1 and -1 when the hit has no region (written as `,`).
    let answerBounds: [Int]
    let stageBase: [Int]

    init(locator: RegionLocator, options: CSVLocateOptions) {
        self.locator = locator
        self.options = options
        var bytes: [UInt8] = [], bounds: [Int] = [], bases: [Int] = []
        for stage in locator.stages {
            bases.append(bounds.count / 2)
            for f in 0..<locator.featureCount(stage) {
                guard let region = locator.region(RegionLocator.Hit(stage: stage, feature: f)) else {
                    bounds += [-1, -1]
                    continue
                }
                let start = bytes.count
                bytes.append(contentsOf: (options.currentCodes?.current(region.code) ?? region.code).utf8)
                bytes.append(UInt8(ascii: ","))
                CSVWriter.appendField(region.name.utf8, to: &bytes)
                bounds += [start, bytes.count]
            }
        }
        answerBytes = bytes
        answerBounds = bounds
        stageBase = bases
    }

    /// One chunk of rows and its output lines, in as many parts as threads formatted it.
    final class Batch: @unchecked Sendable {
        var chunk = CSVPointChunk()
        var parts: [[UInt8]] = []
        var located: [Int] = []
    }

    /// Streams `points` to `writer`. With one thread everything runs on the calling thread;
    /// with more, the calling thread reads chunk k + 1 while the others locate and format
    /// chunk k, and chunks are written in order.
    func run(_ points: CSVPointReader, _ writer: CSVWriter,
             _ problems: (CSVRowProblem) -> Void) throws(GeoIOError) -> CSVLocateSummary {
        writer.write("lat,lon,code,name\n")
        var summary = CSVLocateSummary()
        let pipelined = options.threads > 1
        let workers = max(1, options.threads - 1)
        let queue = DispatchQueue(label: "GeoTwin.locateCSV")
        let group = DispatchGroup()
        // Never leave a chunk being formatted behind, even when reading fails.
        defer { group.wait() }
        var current = Batch(), spare = Batch()
        var pending: Batch?
        func emit(_ batch: Batch) throws(GeoIOError) {
            for t in batch.parts.indices {
                writer.write(batch.parts[t])
                summary.located += batch.located[t]
            }
            try writer.flush()
        }
        while try points.read(into: &current.chunk, maxRows: options.rowsPerChunk, problems: { problem in
            summary.badRows += 1
            problems(problem)
        }) {
            summary.rows += current.chunk.count
            options.progress?(points.csv.bytesRead)
            guard pipelined else {
                format(current, threads: 1)
                try emit(current)
                continue
            }
            group.wait()
            if let pending { try emit(pending) }
            let batch = current
            queue.async(group: group) { self.format(batch, threads: workers) }
            pending = batch
            (current, spare) = (spare, batch)
        }
        group.wait()
        if let pending { try emit(pending) }
        return summary
    }

    /// Locates and formats `batch.chunk` into `batch.parts`, split over up to `threads` threads.
    private func format(_ batch: Batch, threads: Int) {
        let n = batch.chunk.count
        // Enough rows per thread to pay for the hand-over.
        let count = min(threads, max(1, n / 4096))
        if batch.parts.count != count {
            batch.parts = Array(repeating: [], count: count)
            batch.located = Array(repeating: 0, count: count)
        }
        if count == 1 {
            batch.located[0] = format(batch.chunk, 0..<n, into: &batch.parts[0])
            return
        }
        let chunk = batch.chunk
        batch.parts.withUnsafeMutableBufferPointer { parts in
            batch.located.withUnsafeMutableBufferPointer { located in
                // Each thread writes only its own slot `t` of both buffers.
                let slots = Slots(parts: parts.baseAddress!, located: located.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: count) { t in
                    let range = (n * t / count)..<(n * (t + 1) / count)
                    slots.located[t] = format(chunk, range, into: &slots.parts[t])
                }
            }
        }
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
        chunk.text.withUnsafeBufferPointer { text in
            chunk.textEnds.withUnsafeBufferPointer { ends in
                answerBytes.withUnsafeBufferPointer { answerBytes in
                    answerBounds.withUnsafeBufferPointer { answerBounds in
                        for (k, i) in range.enumerated() {
                            let xStart = i == 0 ? 0 : ends[2 * i - 1], xEnd = ends[2 * i], yEnd = ends[2 * i + 1]
                            let x = UnsafeBufferPointer(rebasing: text[xStart..<xEnd])
                            let y = UnsafeBufferPointer(rebasing: text[xEnd..<yEnd])
                            if chunk.isValid[i] {
                                // A valid number needs no quotes.
                                out.append(contentsOf: y)
                                out.append(comma)
                                out.append(contentsOf: x)
                            } else {
                                CSVWriter.appendField(y, to: &out)
                                out.append(comma)
                                CSVWriter.appendField(x, to: &out)
                            }
                            out.append(comma)
                            let s = Int(hits.stage[k])
                            let a = s < 0 ? -1 : 2 * (stageBase[s] + Int(hits.feature[k]))
                            if a >= 0 && answerBounds[a] >= 0 {
                                out.append(contentsOf: UnsafeBufferPointer(rebasing: answerBytes[answerBounds[a]..<answerBounds[a + 1]]))
                                placed += 1
                            } else {
                                out.append(comma)
                            }
                            out.append(newline)
                        }
                    }
                }
            }
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
