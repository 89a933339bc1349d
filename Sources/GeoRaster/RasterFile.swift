#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// The raster file formats GeoRaster reads and writes, chosen by file extension.
public enum RasterFormat: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// GeoTIFF (`.tif`, `.tiff`): any cell type GeoRaster has, strips or tiles, deflate or none.
    case geoTIFF = "GeoTIFF"
    /// ESRI ASCII grid (`.asc`): read as Float64.
    case asciiGrid = "ESRI ASCII grid"
    /// A greyscale preview (`.png`, `.pgm`) with a `.wld` world file; written, never read.
    case preview = "preview image"

    /// The file extensions of the format.
    public var extensions: [String] {
        switch self {
        case .geoTIFF: ["tif", "tiff"]
        case .asciiGrid: ["asc"]
        case .preview: ["png", "pgm"]
        }
    }

    public var description: String { rawValue }

    /// The format of `path` from its extension (case-insensitive).
    /// - Throws: ``RasterError/io(path:reason:)`` naming the file and the extensions known.
    public init(path: String) throws(RasterError) {
        let ext = PathText.pathExtension(path).lowercased()
        guard let format = Self.allCases.first(where: { $0.extensions.contains(ext) }) else {
            let known = Self.allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
            throw .io(path: path, reason: "unknown raster format (expected \(known))")
        }
        self = format
    }
}

/// Reading and writing raster files in any ``RasterFormat``, by extension.
///
/// ```swift
/// let dem = try RasterFile.read(path: "dem.tif")              // AnyRaster, its cell type kept
/// try RasterFile.write(dem.doubles(), to: "dem.asc")
/// ```
public enum RasterFile {
    /// Reads a GeoTIFF (its cell type kept) or an ASCII grid (Float64).
    /// - Throws: ``RasterError`` naming the file; a preview image cannot be read back.
    public static func read(path: String) throws(RasterError) -> AnyRaster {
        switch try RasterFormat(path: path) {
        case .geoTIFF: return try GeoTIFF.read(path: path)
        case .asciiGrid: return .float64(try ASCIIGrid.read(path: path))
        case .preview: throw .io(path: path, reason: "preview images are written, not read (use .tif or .asc)")
        }
    }

    /// Writes `raster` in the format of `path`'s extension, atomically for GeoTIFF and ASCII grids.
    public static func write<E: RasterElement>(_ raster: Raster<E>, to path: String,
                                               options: GeoTIFFWriteOptions = GeoTIFFWriteOptions()) throws(RasterError) {
        switch try RasterFormat(path: path) {
        case .geoTIFF: try GeoTIFF.write(raster, to: path, options: options)
        case .asciiGrid: try ASCIIGrid.write(raster, to: path)
        case .preview: try Preview.write(raster, to: path)
        }
    }

    /// Writes `data` to a temporary file beside `path`, then renames it into place, so a failure
    /// never leaves a partial file at the destination.
    static func writeAtomically(_ data: Data, to path: String) throws(RasterError) {
        let temp = path + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        InterruptCleanup.register(temp)
        defer { InterruptCleanup.unregister(temp) }
        guard FileManager.default.createFile(atPath: temp, contents: data) else {
            throw .io(path: path, reason: "cannot write")
        }
        if FileReplacement.moveIntoPlace(temp, at: path) != 0 {
            try? FileManager.default.removeItem(atPath: temp)
            throw .io(path: path, reason: "cannot rename the temporary file into place")
        }
    }
}
