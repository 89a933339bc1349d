#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// Errors of the raster module. Each case says what went wrong and where.
public enum RasterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A grid of `width` x `height` cells cannot be made (zero, negative or too many cells).
    case invalidDimensions(width: Int, height: Int)
    /// The number of cell values does not match `width * height`.
    case cellCountMismatch(expected: Int, actual: Int)
    /// The geotransform cannot be inverted (zero cell size or collinear axes).
    case singularTransform
    /// Two rasters that must share a grid do not.
    case gridMismatch(String)
    /// A window reaches outside its raster.
    case windowOutOfBounds(rowOffset: Int, colOffset: Int, rows: Int, cols: Int)
    /// A geometry of this kind cannot be used here (for example a line as a zone).
    case unsupportedGeometry(String)
    /// A parameter is out of its domain (negative radius, quantile outside [0, 1], ...).
    case invalidParameter(String)
    /// A file could not be read or written; `path` names it.
    case io(path: String, reason: String)
    /// A file is not valid in its format; `detail` says what and where (line, tag, byte offset).
    case malformed(format: String, detail: String)
    /// The file is valid but uses a feature GeoTwin does not read (for example a 1-bit TIFF).
    case unsupportedFormat(format: String, detail: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .invalidDimensions(let w, let h): "invalid raster dimensions \(w) x \(h)"
        case .cellCountMismatch(let e, let a): "expected \(e) cell values, got \(a)"
        case .singularTransform: "the geotransform cannot be inverted"
        case .gridMismatch(let s): "grids do not match: \(s)"
        case .windowOutOfBounds(let r, let c, let rows, let cols):
            "window rows \(r)..<\(r + rows), cols \(c)..<\(c + cols) is outside the raster"
        case .unsupportedGeometry(let s): "unsupported geometry: \(s)"
        case .invalidParameter(let s): "invalid parameter: \(s)"
        case .io(let p, let r): "\(p): \(r)"
        case .malformed(let f, let d): "malformed \(f): \(d)"
        case .unsupportedFormat(let f, let d): "unsupported \(f): \(d)"
        }
    }
}

extension RasterError {
    /// The same error naming `path` where it named `old` (a writer's temporary file), also inside
    /// its text (the temporary file's name included).
    func replacingPath(_ old: String, with path: String) -> RasterError {
        let oldName = PathText.lastComponent(old), name = PathText.lastComponent(path)
        func fix(_ text: String) -> String {
            text.replacingAll(old, with: path).replacingAll(oldName, with: name)
        }
        switch self {
        case .io(let p, let r): return .io(path: fix(p), reason: fix(r))
        case .malformed(let f, let d): return .malformed(format: f, detail: fix(d))
        case .unsupportedFormat(let f, let d): return .unsupportedFormat(format: f, detail: fix(d))
        default: return self
        }
    }
}
