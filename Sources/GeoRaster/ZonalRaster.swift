#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
internal import CTIFF
import GeoCore

/// A raster file opened for zonal statistics over many zones.
///
/// An uncompressed, native-byte-order GeoTIFF (strips or tiles) is memory-mapped and its cells
/// are read in place: nothing is decoded or copied, and the parts of the file no zone touches are
/// never read. Any other raster file (compressed GeoTIFF, ASCII grid) is read whole, as
/// ``RasterFile/read(path:)`` does. Both give the same statistics as
/// ``ZonalStatistics/table(_:zones:statistics:options:)`` on the read raster, to the last bit.
///
/// ```swift
/// let raster = try ZonalRaster(path: "dem.tif")
/// let rows = try raster.table(zones: polygons, statistics: [.mean, .max])
/// ```
public final class ZonalRaster: @unchecked Sendable {
    /// Size and geotransform.
    public let grid: RasterGrid
    /// The CRS, when the file says it.
    public let crs: CRS?
    /// True when the cells are read in place from a memory map (no decoded copy).
    public var isMapped: Bool { if case .mapped = storage { true } else { false } }

    private enum Storage {
        case mapped(MappedCells)
        case loaded(AnyRaster)
    }

    private let storage: Storage

    /// Opens `path`: maps an uncompressed GeoTIFF, reads any other raster file whole.
    /// - Throws: ``RasterError`` naming the file and the problem.
    public init(path: String) throws(RasterError) {
        if try RasterFormat(path: path) == .geoTIFF {
            let o = try GeoTIFF.open(path: path)
            if let m = try MappedCells(o, path: path) {
                grid = o.grid
                crs = o.crs
                storage = .mapped(m)
                return
            }
        }
        let r = try RasterFile.read(path: path)
        grid = r.grid
        crs = r.crs
        storage = .loaded(r)
    }

    /// One row per zone (in input order), one column per statistic, as
    /// ``ZonalStatistics/table(_:zones:statistics:options:)``. The zones (in the raster's CRS) are
    /// shared out over the processor's cores; `progress` is called with (zones done, zones) after
    /// each zone, with counts that only grow and end at the number of zones, never concurrently.
    public func table(zones: [Geometry], statistics: [ZonalStatistic], options: ZonalOptions = ZonalOptions(),
                      progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(RasterError) -> [[Double?]] {
        let histogram = statistics.contains { $0.needsHistogram }
        let variance = statistics.contains { $0 == .variance || $0 == .stdev }
        let summarize: @Sendable (Geometry) throws(RasterError) -> ZonalSummary
        switch storage {
        case .loaded(let r):
            summarize = { zone throws(RasterError) in try r.summarize(zone: zone, histogram: histogram, options: options) }
        case .mapped(let m):
            let grid = self.grid
            summarize = { zone throws(RasterError) in
                var summary = ZonalSummary(histogram: histogram, variance: variance)
                guard let cov = try CoverageFractions.compute(zone, grid: grid, precision: options.precision) else {
                    return summary
                }
                m.accumulate(cov, options.minimumCoverage, &summary)
                return summary
            }
        }
        let n = zones.count
        var rows = [[Double?]](repeating: [], count: n)
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, n / 8))
        let state = SharedState()
        rows.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = state.take()
                    guard i < n else { return }
                    do throws(RasterError) {
                        let s = try summarize(zones[i])
                        out[i] = statistics.map { s.value($0) }
                    } catch {
                        state.fail(i, error)
                    }
                    state.finished(total: n, progress)
                }
            }
        }
        if let failure = state.failure { throw failure.error }
        if n == 0 { progress?(0, 0) }
        return rows
    }
}

/// The zone counter, first failure and progress count shared by the workers of one table.
private final class SharedState: @unchecked Sendable {
    private let lock = Lock()
    private var next = 0
    private var done = 0
    private(set) var failure: (index: Int, error: RasterError)?

    /// The next zone to summarise.
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next - 1
    }

    /// Keeps the failure of the lowest zone index (the one a sequential run reports).
    func fail(_ i: Int, _ error: RasterError) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil || failure!.index > i { failure = (i, error) }
    }

    /// Counts a zone done and reports it, under the lock so reports are ordered.
    func finished(total: Int, _ progress: (@Sendable (Int, Int) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        progress?(done, total)
    }
}

extension AnyRaster {
    func summarize(zone: Geometry, histogram: Bool, options: ZonalOptions) throws(RasterError) -> ZonalSummary {
        switch self {
        case .uint8(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        case .uint16(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        case .int16(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        case .int32(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        case .float32(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        case .float64(let r): try ZonalStatistics.summarize(r, zone: zone, histogram: histogram, options: options)
        }
    }
}

/// The cells of an uncompressed GeoTIFF read in place from a read-only memory map of the file.
/// Blocks are tiles, or strips (one block across).
final class MappedCells: @unchecked Sendable {
    enum Kind { case uint8, uint16, int16, int32, float32, float64 }

    let kind: Kind
    let width: Int, height: Int
    let blockWidth: Int, blockHeight: Int, blocksAcross: Int
    let bytesPerCell: Int
    /// Byte offset of each block in the file.
    let offsets: [Int]
    let nodata: Double?
    private let base: UnsafeRawPointer
    private let length: Int

    /// Maps the file when its cells can be read in place (uncompressed, native byte order, a
    /// supported sample type, every block inside the file); nil otherwise.
    init?(_ o: GeoTIFF.Opened, path: String) throws(RasterError) {
        let t = o.handle
        switch (o.format, o.bits) {
        case (Int(SAMPLEFORMAT_UINT), 8): kind = .uint8
        case (Int(SAMPLEFORMAT_UINT), 16): kind = .uint16
        case (Int(SAMPLEFORMAT_INT), 16): kind = .int16
        case (Int(SAMPLEFORMAT_INT), 32): kind = .int32
        case (Int(SAMPLEFORMAT_IEEEFP), 32): kind = .float32
        case (Int(SAMPLEFORMAT_IEEEFP), 64): kind = .float64
        default: return nil
        }
        guard t.u16(UInt32(TIFFTAG_COMPRESSION), default: UInt16(COMPRESSION_NONE)) == UInt16(COMPRESSION_NONE),
              TIFFIsByteSwapped(t.pointer) == 0 else { return nil }
        width = o.grid.width
        height = o.grid.height
        bytesPerCell = o.bits / 8
        if TIFFIsTiled(t.pointer) != 0 {
            guard let tw = t.u32(UInt32(TIFFTAG_TILEWIDTH)), let th = t.u32(UInt32(TIFFTAG_TILELENGTH)),
                  tw > 0, th > 0 else { return nil }
            blockWidth = Int(tw)
            blockHeight = Int(th)
        } else {
            blockWidth = width
            blockHeight = min(Int(t.u32(UInt32(TIFFTAG_ROWSPERSTRIP)) ?? UInt32(height)), height)
            guard blockHeight > 0 else { return nil }
        }
        blocksAcross = (width + blockWidth - 1) / blockWidth
        let blocksDown = (height + blockHeight - 1) / blockHeight
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
        length = Int(st.st_size)
        // Each block must lie inside the file: a full tile, or the rows of its strip.
        var offsets: [Int] = []
        offsets.reserveCapacity(blocksAcross * blocksDown)
        for b in 0..<(blocksAcross * blocksDown) {
            let off = Int(clamping: TIFFGetStrileOffset(t.pointer, UInt32(b)))
            let count = Int(clamping: TIFFGetStrileByteCount(t.pointer, UInt32(b)))
            let rows = TIFFIsTiled(t.pointer) != 0 ? blockHeight : min(blockHeight, height - (b / blocksAcross) * blockHeight)
            let needed = rows * blockWidth * bytesPerCell
            guard off > 0, count >= needed, off <= length - needed else { return nil }
            offsets.append(off)
        }
        self.offsets = offsets
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(p)
        nodata = o.nodata
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }

    func accumulate(_ cov: CoverageFractions, _ minimum: Double, _ summary: inout ZonalSummary) {
        switch kind {
        case .uint8: accumulate(UInt8.self, cov, minimum, &summary)
        case .uint16: accumulate(UInt16.self, cov, minimum, &summary)
        case .int16: accumulate(Int16.self, cov, minimum, &summary)
        case .int32: accumulate(Int32.self, cov, minimum, &summary)
        case .float32: accumulate(Float.self, cov, minimum, &summary)
        case .float64: accumulate(Double.self, cov, minimum, &summary)
        }
    }

    /// The same loop as ``ZonalStatistics/accumulate(_:_:_:_:)`` (cells in row-major window
    /// order, the same tests and sums), with each row walked block by block.
    @_specialize(where E == Float)
    @_specialize(where E == Double)
    private func accumulate<E: RasterElement>(_: E.Type, _ cov: CoverageFractions, _ minimum: Double,
                                              _ summary: inout ZonalSummary) {
        // The nodata value as the readers keep it: only when the element type holds it exactly.
        var nd: E?
        if let v = nodata {
            let e = E(rasterConverting: v)
            if e.doubleValue == v || v.isNaN { nd = e }
        }
        let w = cov.window
        let bw = blockWidth, bh = blockHeight, bpc = bytesPerCell
        cov.fractions.withUnsafeBufferPointer { fr in
            for r in 0..<w.rows {
                let row = r + w.rowOffset
                let blockRow = row / bh, inRow = row - blockRow * bh
                let fBase = r * w.cols
                var c = 0
                while c < w.cols {
                    let col = c + w.colOffset
                    let blockCol = col / bw, inCol = col - blockCol * bw
                    let n = Swift.min(w.cols - c, bw - inCol)
                    let p = base + offsets[blockRow * blocksAcross + blockCol] + (inRow * bw + inCol) * bpc
                    for k in 0..<n {
                        let f = fr[fBase + c + k]
                        guard f > minimum else { continue }
                        let v = p.loadUnaligned(fromByteOffset: k * bpc, as: E.self)
                        if v != v || v == nd { continue }
                        summary.addCell(v.doubleValue, f, 1)
                    }
                    c += n
                }
            }
        }
    }
}
