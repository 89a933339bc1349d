#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
internal import CTIFF

/// The size of a raster file's grid, read from its header alone (no cell is decoded), so a job can
/// tell how much memory reading the file will take before it reads it.
public struct RasterHeader: Sendable, Hashable {
    /// Number of columns.
    public var width: Int
    /// Number of rows.
    public var height: Int
    /// Bytes of one decoded cell (8 for an ASCII grid, which is read as Float64).
    public var bytesPerCell: Int
    /// Size of the file, bytes.
    public var fileSize: Int

    /// Bytes the decoded cells take, saturating at `Int.max`.
    public var cellBytes: Int {
        let (cells, o1) = width.multipliedReportingOverflow(by: height)
        let (bytes, o2) = cells.multipliedReportingOverflow(by: bytesPerCell)
        return o1 || o2 ? Int.max : bytes
    }

    /// Reads the header of a GeoTIFF or an ASCII grid.
    /// - Throws: ``RasterError`` naming the file when it cannot be opened or has no grid size.
    public init(path: String) throws(RasterError) {
        guard let size = fileByteCount(path) else {
            throw .io(path: path, reason: "no such file")
        }
        fileSize = size
        switch try RasterFormat(path: path) {
        case .geoTIFF:
            let t = try TIFFHandle(path: path, mode: "r")
            guard let w = t.u32(UInt32(TIFFTAG_IMAGEWIDTH)), let h = t.u32(UInt32(TIFFTAG_IMAGELENGTH)) else {
                throw .malformed(format: "GeoTIFF", detail: "\(path): missing ImageWidth or ImageLength")
            }
            width = Int(w)
            height = Int(h)
            bytesPerCell = max(1, Int(t.u16(UInt32(TIFFTAG_BITSPERSAMPLE), default: 1)) / 8)
        case .asciiGrid:
            guard let bytes = RawFile.prefix(path, count: 4096) else { throw .io(path: path, reason: "cannot read") }
            let head = String(decoding: bytes, as: UTF8.self)
            var fields: [String: Double] = [:]
            for line in head.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, let v = Double(parts[1]) else { break }
                fields[parts[0].lowercased()] = v
            }
            guard let c = fields["ncols"], let r = fields["nrows"], c >= 1, r >= 1,
                  c <= Double(Int32.max), r <= Double(Int32.max) else {
                throw .malformed(format: "ASCII grid", detail: "\(path): header needs positive integer ncols and nrows")
            }
            width = Int(c)
            height = Int(r)
            bytesPerCell = 8
        case .preview:
            throw .io(path: path, reason: "preview images are written, not read (use .tif or .asc)")
        }
    }
}
