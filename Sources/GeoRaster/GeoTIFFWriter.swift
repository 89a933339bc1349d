#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
internal import CTIFF

/// How a GeoTIFF is laid out and compressed.
public struct GeoTIFFWriteOptions: Sendable, Hashable {
    /// Compression of the strips or tiles.
    public enum Compression: Sendable, Hashable {
        /// Uncompressed.
        case none
        /// Deflate (zlib), TIFF compression 8.
        case deflate
    }

    /// Strips or tiles.
    public enum Layout: Sendable, Hashable {
        /// Strips of `rowsPerStrip` rows.
        case strips(rowsPerStrip: Int)
        /// Square tiles of `size` cells (rounded up to a multiple of 16).
        case tiles(size: Int)
    }

    /// Compression (default deflate).
    public var compression: Compression
    /// Layout (default strips of 16 rows).
    public var layout: Layout
    /// Whether the tie point names the cell corner (PixelIsArea) or its centre (PixelIsPoint).
    public var rasterType: RasterType

    /// Creates options.
    public init(compression: Compression = .deflate, layout: Layout = .strips(rowsPerStrip: 16),
                rasterType: RasterType = .pixelIsArea) {
        self.compression = compression
        self.layout = layout
        self.rasterType = rasterType
    }
}

extension GeoTIFF {
    /// Writes `raster` as a one-band GeoTIFF at `path`: to a temporary file in the same
    /// directory first, renamed over `path` only when complete.
    public static func write<E: RasterElement>(_ raster: Raster<E>, to path: String,
                                               options: GeoTIFFWriteOptions = GeoTIFFWriteOptions()) throws(RasterError) {
        try checkRecordable(raster.crs, path: path)
        let temp = path + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        InterruptCleanup.register(temp)
        defer { InterruptCleanup.unregister(temp) }
        do {
            try writeFile(raster, temp, options)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error.replacingPath(temp, with: path)
        }
        if FileReplacement.moveIntoPlace(temp, at: path) != 0 {
            try? FileManager.default.removeItem(atPath: temp)
            throw .io(path: path, reason: "cannot rename the temporary file into place")
        }
    }

    /// Refuses a CRS the GeoTIFF keys cannot hold: GeoKeys are 16-bit, so only EPSG codes
    /// 1...32766 can be recorded, and a CRS known only by its definition cannot be recorded at
    /// all. Writing such a raster would silently drop its CRS, so it is an error (nil is fine).
    /// - Throws: ``RasterError/unsupportedFormat(format:detail:)`` naming `path` and the CRS.
    public static func checkRecordable(_ crs: CRS?, path: String) throws(RasterError) {
        guard let crs else { return }
        guard let code = crs.epsgCode else {
            throw .unsupportedFormat(format: "GeoTIFF", detail: "\(path): a CRS without an EPSG code cannot be recorded in GeoTIFF keys; give an EPSG code or write an ASCII grid")
        }
        guard code > 0, code < Int(GeoKeys.userDefined) else {
            throw .unsupportedFormat(format: "GeoTIFF", detail: "\(path): EPSG:\(code) cannot be recorded in GeoTIFF keys, which hold codes 1...\(Int(GeoKeys.userDefined) - 1)")
        }
    }

    private static func writeFile<E: RasterElement>(_ raster: Raster<E>, _ path: String,
                                                    _ options: GeoTIFFWriteOptions) throws(RasterError) {
        let bigTIFF = raster.cells.count * MemoryLayout<E>.stride > 4_000_000_000
        let t = try TIFFHandle(path: path, mode: bigTIFF ? "w8" : "w")
        let p = t.pointer
        let w = raster.width, h = raster.height
        let format: Int32 = switch E.sampleKind {
        case .unsignedInteger: SAMPLEFORMAT_UINT
        case .signedInteger: SAMPLEFORMAT_INT
        case .floatingPoint: SAMPLEFORMAT_IEEEFP
        }
        var ok = true
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_IMAGEWIDTH), u32: UInt32(w))
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_IMAGELENGTH), u32: UInt32(h))
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_BITSPERSAMPLE), u16: UInt16(E.bitsPerSample))
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_SAMPLEFORMAT), u16: UInt16(format))
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_SAMPLESPERPIXEL), u16: 1)
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_PLANARCONFIG), u16: UInt16(PLANARCONFIG_CONTIG))
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_PHOTOMETRIC), u16: UInt16(PHOTOMETRIC_MINISBLACK))
        let compression = options.compression == .deflate ? COMPRESSION_ADOBE_DEFLATE : COMPRESSION_NONE
        ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_COMPRESSION), u16: UInt16(compression))
        var tileSize = 0, rowsPerStrip = 0
        switch options.layout {
        case .strips(let rps):
            rowsPerStrip = max(1, min(rps, h))
            ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_ROWSPERSTRIP), u32: UInt32(rowsPerStrip))
        case .tiles(let size):
            tileSize = max(16, (size + 15) / 16 * 16)
            ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_TILEWIDTH), u32: UInt32(tileSize))
            ok = ok && TIFFTags.set(p, UInt32(TIFFTAG_TILELENGTH), u32: UInt32(tileSize))
        }
        ok = ok && writeGeoTags(raster, p, options.rasterType)
        guard ok else { throw .io(path: path, reason: t.lastError("cannot set TIFF tags")) }
        let stride = MemoryLayout<E>.stride
        var failure: String?
        raster.cells.withUnsafeBytes { src in
            guard let base = src.baseAddress else { return }
            if tileSize > 0 {
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: tileSize * tileSize * stride, alignment: 16)
                defer { scratch.deallocate() }
                var ty = 0
                while ty < h && failure == nil {
                    var tx = 0
                    while tx < w && failure == nil {
                        scratch.initializeMemory(as: UInt8.self, repeating: 0, count: tileSize * tileSize * stride)
                        let cols = min(tileSize, w - tx)
                        for r in 0..<min(tileSize, h - ty) {
                            (scratch + r * tileSize * stride).copyMemory(from: base + ((ty + r) * w + tx) * stride,
                                                                         byteCount: cols * stride)
                        }
                        let tile = TIFFComputeTile(p, UInt32(tx), UInt32(ty), 0, 0)
                        if TIFFWriteEncodedTile(p, tile, scratch, tmsize_t(tileSize * tileSize * stride)) < 0 {
                            failure = t.lastError("cannot write tile \(tile)")
                        }
                        tx += tileSize
                    }
                    ty += tileSize
                }
            } else {
                var row = 0, strip: UInt32 = 0
                while row < h && failure == nil {
                    let rows = min(rowsPerStrip, h - row)
                    let ptr = UnsafeMutableRawPointer(mutating: base + row * w * stride)
                    if TIFFWriteEncodedStrip(p, strip, ptr, tmsize_t(rows * w * stride)) < 0 {
                        failure = t.lastError("cannot write strip \(strip)")
                    }
                    row += rows
                    strip += 1
                }
            }
        }
        if let failure { throw .io(path: path, reason: failure) }
        guard TIFFWriteDirectory(p) == 1 else { throw .io(path: path, reason: t.lastError("cannot write the TIFF directory")) }
    }

    private static func writeGeoTags<E: RasterElement>(_ raster: Raster<E>, _ p: OpaquePointer,
                                                       _ rasterType: RasterType) -> Bool {
        let gt = raster.transform
        let tieCell = rasterType == .pixelIsPoint ? 0.5 : 0.0
        var ok = true
        if gt.isAxisAligned && gt.pixelWidth > 0 && gt.pixelHeight < 0 {
            let o = gt.world(col: tieCell, row: tieCell)
            let scale = [gt.pixelWidth, -gt.pixelHeight, 0]
            let tie = [0, 0, 0, o.x, o.y, 0]
            ok = ok && TIFFTags.set(p, GeoTIFF.tagPixelScale, doubles: scale)
            ok = ok && TIFFTags.set(p, GeoTIFF.tagTiepoint, doubles: tie)
        } else {
            let o = gt.world(col: tieCell, row: tieCell)
            let m: [Double] = [gt.pixelWidth, gt.rowRotation, 0, o.x,
                               gt.colRotation, gt.pixelHeight, 0, o.y,
                               0, 0, 0, 0,
                               0, 0, 0, 1]
            ok = ok && TIFFTags.set(p, GeoTIFF.tagTransformation, doubles: m)
        }
        let keys = GeoKeys.directory(epsg: raster.crs?.epsgCode, rasterType: rasterType)
        ok = ok && TIFFTags.set(p, GeoTIFF.tagGeoKeys, shorts: keys)
        if let nd = raster.nodata {
            ok = ok && TIFFTags.set(p, GeoTIFF.tagNodata, ascii: RasterText.number(nd.doubleValue))
        }
        return ok
    }
}
