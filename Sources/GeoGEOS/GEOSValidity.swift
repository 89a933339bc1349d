public import GeoCore
internal import CGEOS

/// Whether a geometry is valid in the OGC sense, and if not, why and where.
public struct ValidityReport: Hashable, Sendable {
    /// True when the geometry is valid.
    public var isValid: Bool
    /// GEOS's reason, e.g. `"Self-intersection"` or `"Ring Self-intersection"`; `nil` when valid.
    public var reason: String?
    /// Where the problem was found (units of the geometry); `nil` when valid or unknown.
    public var location: Coordinate?

    /// Creates a report.
    public init(isValid: Bool, reason: String? = nil, location: Coordinate? = nil) {
        self.isValid = isValid
        self.reason = reason
        self.location = location
    }

    /// What is wrong, in a user's words, with the place and GEOS's own reason at the end, e.g.
    /// `"two edges of the geometry cross at 1 1 (GEOS: Self-intersection)"`; nil when valid.
    public var explanation: String? {
        guard !isValid else { return nil }
        let raw = reason ?? "Topology Validation Error"
        let words: String = switch raw.lowercased() {
        case "self-intersection": "two edges of the geometry cross"
        case "ring self-intersection": "a ring touches or crosses itself"
        case "hole lies outside shell": "a hole lies outside its polygon's outer ring"
        case "holes are nested": "a hole lies inside another hole"
        case "interior is disconnected": "the holes split the polygon's interior into pieces"
        case "nested shells": "a polygon of the multipolygon lies inside another one"
        case "duplicate rings": "two rings are the same"
        case "too few distinct points in geometry component", "too few points in geometry component":
            "a ring or line has too few distinct points"
        case "invalid coordinate": "a coordinate is not a finite number"
        case "ring is not closed": "a ring's first and last points differ"
        case "repeated point": "a point is repeated"
        default: "the geometry is not valid"
        }
        let place = location.map { " at \(Self.number($0.x)) \(Self.number($0.y))" } ?? ""
        return "\(words)\(place) (GEOS: \(raw))"
    }

    /// `v` in its shortest form (`1` rather than `1.0`).
    private static func number(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}

/// How ``GeometryEngine/makeValid(_:method:)`` repairs a geometry.
public enum MakeValidMethod: Hashable, Sendable {
    /// GEOS's original method: nodes every ring into lines and builds polygons from that linework;
    /// keeps collapsed parts as lines or points. The default of GEOS and shapely.
    case linework
    /// GEOS's structured method: makes each ring valid, then unions shells and subtracts holes.
    /// `keepCollapsed` keeps parts that collapse to lines or points.
    case structure(keepCollapsed: Bool)
}

extension GeometryEngine {
    /// True when `geometry` is valid (OGC rules as GEOS applies them). When it is not, GEOS
    /// explains why in a notice, readable as ``lastNotice``.
    public func isValid(_ geometry: some GEOSGeometryConvertible) throws(GEOSError) -> Bool {
        let g = try operand(geometry)
        context.clearError()
        return try context.check("isValid", predicate: GEOSisValid_r(context.handle, g.pointer))
    }

    /// Validity with GEOS's reason and location (`GEOSisValidDetail_r`).
    ///
    /// - Parameters:
    ///   - geometry: the geometry to check.
    ///   - allowSelfTouchingRingFormingHole: accept a ring that touches itself at a point to
    ///     enclose a hole (the ESRI convention), which OGC rules reject.
    public func validity(
        _ geometry: some GEOSGeometryConvertible,
        allowSelfTouchingRingFormingHole: Bool = false
    ) throws(GEOSError) -> ValidityReport {
        let g = try operand(geometry)
        let h = context.handle
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let flags: Int32 = allowSelfTouchingRingFormingHole
            ? Int32(GEOSVALID_ALLOW_SELFTOUCHING_RING_FORMING_HOLE.rawValue) : 0
        context.clearError()
        let result = GEOSisValidDetail_r(h, g.pointer, flags, &reason, &location)
        defer {
            if let reason { GEOSFree_r(h, reason) }
            if let location { GEOSGeom_destroy_r(h, location) }
        }
        switch result {
        case 1:
            return ValidityReport(isValid: true)
        case 0:
            let text = reason.map { String(cString: $0) }
            var point: Coordinate?
            if let location, case .point(let p) = try makeGeometry(location) { point = p.coordinate }
            return ValidityReport(isValid: false, reason: text, location: point)
        default:
            throw context.failure("validity")
        }
    }

    /// A valid geometry covering the same points as `geometry` (GEOS `MakeValid`); a valid input
    /// comes back unchanged.
    public func makeValid(
        _ geometry: some GEOSGeometryConvertible,
        method: MakeValidMethod = .linework
    ) throws(GEOSError) -> GEOSGeometryHandle {
        let g = try operand(geometry)
        let h = context.handle
        context.clearError()
        guard let params = GEOSMakeValidParams_create_r(h) else { throw context.failure("makeValid") }
        defer { GEOSMakeValidParams_destroy_r(h, params) }
        switch method {
        case .linework:
            GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_LINEWORK)
        case .structure(let keepCollapsed):
            GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
            GEOSMakeValidParams_setKeepCollapsed_r(h, params, keepCollapsed ? 1 : 0)
        }
        return try adopt("makeValid", GEOSMakeValidWithParams_r(h, g.pointer, params))
    }
}
