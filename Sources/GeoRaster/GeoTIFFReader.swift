#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import CTIFF
import GeoCore

/// An open libtiff handle with the first error message libtiff reported on it.
final class TIFFHandle {
    let pointer: OpaquePointer
    let errors: TIFFErrorBuffer
    /// The path, or the name given to bytes read from memory.
    let path: String
    /// The size of the file (or of the bytes) in bytes.
    let fileSize: Int
    /// The bytes of a TIFF read from memory, kept alive while libtiff reads them.
    private let memory: TIFFMemoryFile?

    init(path: String, mode: String) throws(RasterError) {
        try requireLibTIFF(path: path)
        _ = geoTIFFTagsRegistered
        errors = .allocate()
        self.path = path
        memory = nil
        guard let t = tiffOpen(path, mode, errors: errors) else {
            let msg = errors.message
            errors.deallocate()
            throw .io(path: path, reason: tiffProblem(msg.replacingAll(path, with: PathText.lastComponent(path)),
                                                      fallback: "cannot open as TIFF"))
        }
        pointer = t
        fileSize = fileByteCount(path) ?? 0
    }

    /// Opens a copy of `bytes` for reading; `name` stands for the file in messages.
    init(bytes: UnsafeRawBufferPointer, name: String) throws(RasterError) {
        try requireLibTIFF(path: name)
        _ = geoTIFFTagsRegistered
        errors = .allocate()
        path = name
        let file = TIFFMemoryFile(bytes)
        memory = file
        fileSize = bytes.count
        guard let t = tiffOpenMemory(file, name: name, errors: errors) else {
            let msg = errors.message
            errors.deallocate()
            throw .io(path: name, reason: tiffProblem(msg, fallback: "cannot open as TIFF"))
        }
        pointer = t
    }

    deinit {
        TIFFClose(pointer)
        errors.deallocate()
    }

    /// The first libtiff error in a user's words (libtiff's text at the end), or `fallback`.
    /// The path is shortened to the file's name inside libtiff's text (a writer's temporary file
    /// is never shown).
    func lastError(_ fallback: String) -> String {
        let m = errors.message.replacingAll(path, with: PathText.lastComponent(path))
        return tiffProblem(m, fallback: fallback)
    }

    func u16(_ tag: UInt32, default d: UInt16) -> UInt16 { TIFFTags.u16(pointer, tag) ?? d }

    func u32(_ tag: UInt32) -> UInt32? { TIFFTags.u32(pointer, tag) }

    func doubles(_ tag: UInt32) -> [Double]? { TIFFTags.array(pointer, tag, of: Double.self) }

    func shorts(_ tag: UInt32) -> [UInt16]? { TIFFTags.array(pointer, tag, of: UInt16.self) }

    func ascii(_ tag: UInt32) -> String? { TIFFTags.ascii(pointer, tag) }
}

/// GeoTIFF reading and writing through libtiff: one band, strips or tiles, uncompressed or
/// deflate (and any codec libtiff was built with on reading), 8/16/32-bit integers and 32/64-bit
/// floats, GeoKeys for EPSG codes, the GDAL_NODATA tag, PixelIsArea and PixelIsPoint.
public enum GeoTIFF {
    static let tagPixelScale: UInt32 = 33550
    static let tagTiepoint: UInt32 = 33922
    static let tagTransformation: UInt32 = 34264
    static let tagGeoKeys: UInt32 = 34735
    static let tagNodata: UInt32 = 42113

    /// Reads the first image of a GeoTIFF. Without georeferencing tags the transform is GDAL's
    /// default (origin 0, cell size 1, rows going down in y).
    public static func read(path: String) throws(RasterError) -> AnyRaster {
        try read(opened: open(TIFFHandle(path: path, mode: "r")))
    }

    /// Reads the first image of a GeoTIFF held in memory (the bytes of a whole `.tif` file), as
    /// ``read(path:)`` reads a file: the same checks and the same errors, naming `name` where
    /// they would name the path.
    ///
    /// ```swift
    /// let raster = try GeoTIFF.read(data: try Data(contentsOf: url), name: "dem.tif")
    /// ```
    public static func read(data: Data, name: String) throws(RasterError) -> AnyRaster {
        let opened = data.withUnsafeBytes { raw in
            Result { () throws(RasterError) in try TIFFHandle(bytes: raw, name: name) }
        }
        return try read(opened: open(opened.get()))
    }

    /// The one reading path behind ``read(path:)`` and ``read(data:name:)``.
    private static func read(opened o: Opened) throws(RasterError) -> AnyRaster {
        let t = o.handle, grid = o.grid, crs = o.crs, nodata = o.nodata
        try checkPlausibleSize(t, cells: grid.cellCount, bytesPerSample: max(1, o.bits / 8))
        switch (o.format, o.bits) {
        case (Int(SAMPLEFORMAT_UINT), 8): return .uint8(try readCells(t, grid, crs, nodata))
        case (Int(SAMPLEFORMAT_UINT), 16): return .uint16(try readCells(t, grid, crs, nodata))
        case (Int(SAMPLEFORMAT_INT), 16): return .int16(try readCells(t, grid, crs, nodata))
        case (Int(SAMPLEFORMAT_INT), 32): return .int32(try readCells(t, grid, crs, nodata))
        case (Int(SAMPLEFORMAT_IEEEFP), 32): return .float32(try readCells(t, grid, crs, nodata))
        case (Int(SAMPLEFORMAT_IEEEFP), 64): return .float64(try readCells(t, grid, crs, nodata))
        default:
            throw .unsupportedFormat(format: "GeoTIFF", detail: "\(t.path): SampleFormat \(o.format) with \(o.bits) bits per sample")
        }
    }

    /// A GeoTIFF whose header and georeferencing have been read, cells not yet decoded.
    struct Opened {
        let handle: TIFFHandle
        let grid: RasterGrid
        let crs: CRS?
        let nodata: Double?
        /// TIFF SampleFormat.
        let format: Int
        let bits: Int
    }

    /// Opens `path` and reads its size, sample type, georeferencing, CRS and nodata value.
    static func open(path: String) throws(RasterError) -> Opened {
        try open(TIFFHandle(path: path, mode: "r"))
    }

    /// Reads the size, sample type, georeferencing, CRS and nodata value of an open GeoTIFF.
    static func open(_ t: TIFFHandle) throws(RasterError) -> Opened {
        let path = t.path
        guard let w32 = t.u32(UInt32(TIFFTAG_IMAGEWIDTH)), let h32 = t.u32(UInt32(TIFFTAG_IMAGELENGTH)) else {
            throw .malformed(format: "GeoTIFF", detail: "\(path): missing ImageWidth or ImageLength")
        }
        let samples = t.u16(UInt32(TIFFTAG_SAMPLESPERPIXEL), default: 1)
        guard samples == 1 else {
            throw .unsupportedFormat(format: "GeoTIFF", detail: "\(path): \(samples) samples per pixel (one band only)")
        }
        let bits = Int(t.u16(UInt32(TIFFTAG_BITSPERSAMPLE), default: 1))
        let format = t.u16(UInt32(TIFFTAG_SAMPLEFORMAT), default: UInt16(SAMPLEFORMAT_UINT))
        let transform = try georeference(t)
        let keys = try t.shorts(tagGeoKeys).map { v throws(RasterError) in try GeoKeys.parse(v) } ?? GeoKeys.Parsed()
        var gt = transform
        if keys.rasterType == .pixelIsPoint {
            let o = gt.world(col: -0.5, row: -0.5)
            gt.originX = o.x
            gt.originY = o.y
        }
        let grid = try RasterGrid(width: Int(w32), height: Int(h32), transform: gt)
        let crs = keys.epsg.map { CRS(epsg: $0) }
        let nodata = t.ascii(tagNodata).flatMap { Double($0.filter { !$0.isWhitespace }) }
        return Opened(handle: t, grid: grid, crs: crs, nodata: nodata, format: Int(format), bits: bits)
    }

    /// Refuses images whose decoded size could not come from this file: more bytes than the file
    /// holds when uncompressed, more than 1032 times the file (deflate's limit) otherwise. This
    /// keeps a small corrupt header from causing a huge allocation.
    private static func checkPlausibleSize(_ t: TIFFHandle, cells: Int, bytesPerSample: Int) throws(RasterError) {
        let (fileSize, limit) = plausibleDecodedBytes(t)
        let (needed, overflow) = cells.multipliedReportingOverflow(by: bytesPerSample)
        guard !overflow, needed <= limit else {
            throw .malformed(format: "GeoTIFF", detail: "\(t.path): \(cells) cells of \(bytesPerSample) bytes cannot come from a \(fileSize)-byte file")
        }
    }

    /// The file's size and the most decoded bytes it can hold: its size when uncompressed, 1032
    /// times its size otherwise (deflate's best ratio), saturating instead of overflowing.
    private static func plausibleDecodedBytes(_ t: TIFFHandle) -> (fileSize: Int, limit: Int) {
        let fileSize = t.fileSize
        let compression = t.u16(UInt32(TIFFTAG_COMPRESSION), default: UInt16(COMPRESSION_NONE))
        guard compression != UInt16(COMPRESSION_NONE) else { return (fileSize, fileSize) }
        let (limit, overflow) = fileSize.multipliedReportingOverflow(by: 1032)
        return (fileSize, overflow ? Int.max : limit)
    }

    /// The bytes of one `tileWidth` x `tileLength` tile, refused (before anything is allocated)
    /// when the product overflows or when the file could not hold one such tile.
    static func checkedTileBytes(_ t: TIFFHandle, tileWidth: Int, tileLength: Int, bytesPerCell: Int) throws(RasterError) -> Int {
        let (cells, o1) = tileWidth.multipliedReportingOverflow(by: tileLength)
        let (bytes, o2) = cells.multipliedReportingOverflow(by: bytesPerCell)
        let (fileSize, limit) = plausibleDecodedBytes(t)
        guard !o1, !o2, bytes <= limit else {
            throw .malformed(format: "GeoTIFF", detail: "\(t.path): TileWidth \(tileWidth) x TileLength \(tileLength) tiles of \(bytesPerCell)-byte cells cannot come from a \(fileSize)-byte file")
        }
        return bytes
    }

    private static func georeference(_ t: TIFFHandle) throws(RasterError) -> GeoTransform {
        if let m = t.doubles(tagTransformation) {
            guard m.count == 16 else {
                throw .malformed(format: "GeoTIFF", detail: "\(t.path): ModelTransformationTag has \(m.count) values, not 16")
            }
            return GeoTransform(originX: m[3], pixelWidth: m[0], rowRotation: m[1],
                                originY: m[7], colRotation: m[4], pixelHeight: m[5])
        }
        if let tie = t.doubles(tagTiepoint), let scale = t.doubles(tagPixelScale) {
            guard tie.count >= 6, scale.count >= 2 else {
                throw .malformed(format: "GeoTIFF", detail: "\(t.path): ModelTiepointTag or ModelPixelScaleTag too short")
            }
            return GeoTransform(originX: tie[3] - tie[0] * scale[0], pixelWidth: scale[0],
                                originY: tie[4] + tie[1] * scale[1], pixelHeight: -scale[1])
        }
        return GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: 1)
    }

    private static func readCells<E: RasterElement>(_ t: TIFFHandle, _ grid: RasterGrid, _ crs: CRS?,
                                                    _ nodata: Double?) throws(RasterError) -> Raster<E> {
        let w = grid.width, h = grid.height
        var cells = ContiguousArray<E>(repeating: E.zeroValue, count: w * h)
        let bytesPerCell = MemoryLayout<E>.stride
        var failure: RasterError?
        cells.withUnsafeMutableBytes { dst in
            guard let base = dst.baseAddress else { return }
            if TIFFIsTiled(t.pointer) != 0 {
                guard let tw32 = t.u32(UInt32(TIFFTAG_TILEWIDTH)), let th32 = t.u32(UInt32(TIFFTAG_TILELENGTH)),
                      tw32 > 0, th32 > 0 else {
                    failure = .malformed(format: "GeoTIFF", detail: "\(t.path): tiled image without tile size")
                    return
                }
                let tw = Int(tw32), th = Int(th32)
                let tileBytes: Int
                do throws(RasterError) {
                    tileBytes = try checkedTileBytes(t, tileWidth: tw, tileLength: th, bytesPerCell: bytesPerCell)
                } catch {
                    failure = error
                    return
                }
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: tileBytes, alignment: 16)
                defer { scratch.deallocate() }
                var ty = 0
                while ty < h {
                    var tx = 0
                    while tx < w {
                        let tile = TIFFComputeTile(t.pointer, UInt32(tx), UInt32(ty), 0, 0)
                        if TIFFReadEncodedTile(t.pointer, tile, scratch, tmsize_t(tileBytes)) < 0 {
                            failure = .malformed(format: "GeoTIFF", detail: "\(t.path): tile \(tile): " + t.lastError("the tile's data is truncated or cannot be decoded"))
                            return
                        }
                        let cols = min(tw, w - tx)
                        for r in 0..<min(th, h - ty) {
                            (base + ((ty + r) * w + tx) * bytesPerCell)
                                .copyMemory(from: scratch + r * tw * bytesPerCell, byteCount: cols * bytesPerCell)
                        }
                        tx += tw
                    }
                    ty += th
                }
            } else {
                let rps = min(Int(t.u32(UInt32(TIFFTAG_ROWSPERSTRIP)) ?? UInt32(h)), h)
                guard rps > 0 else {
                    failure = .malformed(format: "GeoTIFF", detail: "\(t.path): RowsPerStrip is 0")
                    return
                }
                var strip: UInt32 = 0
                var row = 0
                while row < h {
                    let rows = min(rps, h - row)
                    let bytes = rows * w * bytesPerCell
                    let n = TIFFReadEncodedStrip(t.pointer, strip, base + row * w * bytesPerCell, tmsize_t(bytes))
                    if n < 0 || Int(n) < bytes {
                        failure = .malformed(format: "GeoTIFF", detail: "\(t.path): strip \(strip): " + t.lastError("the strip's data is truncated or cannot be decoded"))
                        return
                    }
                    row += rows
                    strip += 1
                }
            }
        }
        if let failure { throw failure }
        var nd: E?
        if let v = nodata {
            let e = E(rasterConverting: v)
            if e.doubleValue == v || v.isNaN { nd = e }
        }
        return try Raster(grid: grid, cells: cells, crs: crs, nodata: nd)
    }
}
