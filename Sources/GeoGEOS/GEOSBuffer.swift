internal import CGEOS

/// How ``GeometryEngine/buffer(_:distance:style:)`` shapes a buffer (GEOS buffer parameters).
public struct BufferStyle: Hashable, Sendable {
    /// The shape at the free ends of lines.
    public enum CapStyle: Hashable, Sendable {
        /// A half circle.
        case round
        /// Cut square at the end point.
        case flat
        /// A half square extending `distance` past the end point.
        case square
    }

    /// The shape at convex corners.
    public enum JoinStyle: Hashable, Sendable {
        /// A circular arc.
        case round
        /// Sharp corners, bevelled where longer than ``BufferStyle/mitreLimit`` times the distance.
        case mitre
        /// A straight cut.
        case bevel
    }

    /// Segments used to approximate a quarter circle (GEOS and shapely default: 8); at least 1.
    public var quadrantSegments: Int
    /// End cap style for lines and points.
    public var capStyle: CapStyle
    /// Corner join style.
    public var joinStyle: JoinStyle
    /// Largest mitre length as a multiple of the distance (for ``JoinStyle/mitre``); default 5.
    public var mitreLimit: Double
    /// Buffer one side only: left for a positive distance, right for a negative one (lines only).
    public var singleSided: Bool

    /// Creates a style; the defaults are those of GEOS (round caps and joins, 8 segments).
    public init(quadrantSegments: Int = 8, capStyle: CapStyle = .round, joinStyle: JoinStyle = .round,
                mitreLimit: Double = 5, singleSided: Bool = false) {
        self.quadrantSegments = quadrantSegments
        self.capStyle = capStyle
        self.joinStyle = joinStyle
        self.mitreLimit = mitreLimit
        self.singleSided = singleSided
    }
}

extension GeometryEngine {
    /// The points within `distance` of `geometry` (units of the geometry); a negative distance
    /// erodes polygons. Curves are approximated with ``BufferStyle/quadrantSegments`` segments
    /// per quarter circle.
    public func buffer(
        _ geometry: some GEOSGeometryConvertible, distance: Double, style: BufferStyle = BufferStyle()
    ) throws(GEOSError) -> GEOSGeometryHandle {
        guard distance.isFinite else {
            throw GEOSError(operation: "buffer", message: "distance \(distance) is not a finite number")
        }
        guard let segments = Int32(exactly: style.quadrantSegments), segments >= 1 else {
            throw GEOSError(operation: "buffer", message: "quadrantSegments \(style.quadrantSegments) is not in 1...\(Int32.max)")
        }
        guard style.mitreLimit.isFinite, style.mitreLimit > 0 else {
            throw GEOSError(operation: "buffer", message: "mitreLimit \(style.mitreLimit) is not a positive number")
        }
        let g = try operand(geometry)
        let h = context.handle
        context.clearError()
        guard let params = GEOSBufferParams_create_r(h) else { throw context.failure("buffer") }
        defer { GEOSBufferParams_destroy_r(h, params) }
        let cap: GEOSBufCapStyles = switch style.capStyle {
        case .round: GEOSBUF_CAP_ROUND
        case .flat: GEOSBUF_CAP_FLAT
        case .square: GEOSBUF_CAP_SQUARE
        }
        let join: GEOSBufJoinStyles = switch style.joinStyle {
        case .round: GEOSBUF_JOIN_ROUND
        case .mitre: GEOSBUF_JOIN_MITRE
        case .bevel: GEOSBUF_JOIN_BEVEL
        }
        guard GEOSBufferParams_setEndCapStyle_r(h, params, Int32(cap.rawValue)) == 1,
              GEOSBufferParams_setJoinStyle_r(h, params, Int32(join.rawValue)) == 1,
              GEOSBufferParams_setMitreLimit_r(h, params, style.mitreLimit) == 1,
              GEOSBufferParams_setQuadrantSegments_r(h, params, segments) == 1,
              GEOSBufferParams_setSingleSided_r(h, params, style.singleSided ? 1 : 0) == 1
        else { throw context.failure("buffer parameters") }
        return try adopt("buffer", GEOSBufferWithParams_r(h, g.pointer, params, distance))
    }
}
