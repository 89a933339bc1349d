internal import CPROJ

/// PROJ's error numbers in words a user can act on. PROJ's own strings are kept where they are
/// specific; the generic classes (which PROJ 9 prints as "Unknown error (code 4096)") get ours.
enum ProjErrorText {
    /// The text for PROJ error number `code`, `projText` being what PROJ itself says (or nil).
    static func text(code: Int32, projText: String?) -> String {
        let ours: String? = switch code {
        case 0: "PROJ gave no reason"
        case 1024: "the coordinate operation cannot be set up"
        case 1025: "the CRS or operation definition has a syntax error"
        case 1026: "the definition lacks a parameter it needs"
        case 1027: "a parameter of the definition has an illegal value"
        case 1028: "the definition has parameters that exclude each other"
        case 1029: "a grid file the transformation needs is missing or unreadable (network grids are off)"
        case 2048: "the point cannot be transformed"
        case 2049: "the coordinate is invalid (for example a latitude beyond ±90°)"
        case 2050: "the point is outside the domain where the projection is defined"
        case 2051: "no operation can transform this point with the required accuracy"
        case 2052: "the point is outside the correction grid the transformation needs"
        case 2053: "the correction grid has no value at this point"
        case 4096: "PROJ failed for an unspecified reason (often an unusable CRS combination)"
        case 4097: "PROJ was called in a way it does not support"
        case 4098: "the operation has no inverse"
        case 4099: "a network resource could not be reached (network grids are off)"
        default: nil
        }
        if let projText, !projText.isEmpty, !projText.hasPrefix("Unknown error") {
            return projText
        }
        return ours ?? "PROJ error \(code)"
    }

    /// Why a CRS of PROJ type `type` cannot be the source or target of a 2D transform, or nil
    /// when it can (geographic, projected, compound, and bound forms of those).
    static func unsupportedKind(_ object: OpaquePointer, context: OpaquePointer) -> String? {
        var type = proj_get_type(object)
        if type == PJ_TYPE_BOUND_CRS, let base = proj_get_source_crs(context, object) {
            type = proj_get_type(base)
            proj_destroy(base)
        }
        switch type {
        case PJ_TYPE_GEOCENTRIC_CRS:
            return "a geocentric CRS (earth-centred X, Y, Z in metres), not a 2D map CRS"
        case PJ_TYPE_VERTICAL_CRS:
            return "a vertical CRS (heights only), with no horizontal position"
        case PJ_TYPE_TEMPORAL_CRS:
            return "a temporal CRS, with no horizontal position"
        case PJ_TYPE_ENGINEERING_CRS:
            return "an engineering (local) CRS, which PROJ cannot relate to the Earth"
        default:
            return nil
        }
    }
}
