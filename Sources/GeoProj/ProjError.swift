public import GeoCore

/// An error of GeoProj: what failed, naming the CRS and, for transforms, the point.
public enum ProjError: Error, Hashable, Sendable, CustomStringConvertible {
    /// PROJ does not know `definition` (an EPSG code, PROJ string or WKT), or it is not a CRS.
    case unknownCRS(definition: String, message: String)
    /// The CRS `definition` is of a kind GeoTwin cannot transform 2D map coordinates to or from
    /// (geocentric, vertical, temporal, engineering); `reason` says which.
    case unsupportedCRSKind(definition: String, reason: String)
    /// PROJ found no coordinate operation between the two CRSs (named by their descriptions).
    case noTransformation(from: String, to: String, message: String)
    /// `point` (in the input CRS of the transform; at `index` in a batch, `nil` for a single
    /// point) lies outside the area of use of `crs`.
    case outsideAreaOfUse(crs: String, point: Coordinate, index: Int?)
    /// PROJ could not transform `point` (input CRS units; at `index` in a batch, `nil` for a
    /// single point).
    case transformFailed(from: String, to: String, point: Coordinate, index: Int?, message: String)
    /// PROJ could not transform the bounding box `bounds`.
    case boundsTransformFailed(from: String, to: String, bounds: BoundingBox, message: String)
    /// A coordinate that cannot be used: not finite, or a latitude beyond ±90°.
    case invalidCoordinate(point: Coordinate, reason: String)
    /// Separate x and y arrays of different lengths were passed to a batch transform.
    case mismatchedLengths(x: Int, y: Int)
    /// A parameter outside its range (for example a negative densification count).
    case invalidArgument(String)
    /// PROJ could not create a context (out of memory, or no proj.db).
    case contextUnavailable(message: String)
    /// The error happened while transforming the feature at `index` of a collection.
    indirect case inFeature(index: Int, ProjError)

    /// One line naming what failed and where.
    public var description: String {
        switch self {
        case .unknownCRS(let definition, let message):
            return "unknown CRS \"\(definition)\": \(message)"
        case .unsupportedCRSKind(let definition, let reason):
            return "\(definition) is \(reason); transforms need geographic or projected CRSs"
        case .noTransformation(let from, let to, let message):
            return "no transformation from \(from) to \(to): \(message)"
        case .outsideAreaOfUse(let crs, let point, let index):
            return "\(Self.text(point, index)) is outside the area of use of \(crs)"
        case .transformFailed(let from, let to, let point, let index, let message):
            return "cannot transform \(Self.text(point, index)) from \(from) to \(to): \(message)"
        case .boundsTransformFailed(let from, let to, let b, let message):
            return "cannot transform bounds [\(b.minX), \(b.minY), \(b.maxX), \(b.maxY)] from \(from) to \(to): \(message)"
        case .invalidCoordinate(let point, let reason):
            return "invalid coordinate (\(Self.text(point))): \(reason)"
        case .mismatchedLengths(let x, let y):
            return "x has \(x) values but y has \(y)"
        case .invalidArgument(let message):
            return message
        case .contextUnavailable(let message):
            return "cannot create a PROJ context: \(message)"
        case .inFeature(let index, let error):
            return "feature \(index): \(error.description)"
        }
    }

    private static func text(_ c: Coordinate) -> String {
        "x \(c.x), y \(c.y)"
    }

    private static func text(_ c: Coordinate, _ index: Int?) -> String {
        (index.map { "point \($0) " } ?? "point ") + "(\(text(c)))"
    }
}
