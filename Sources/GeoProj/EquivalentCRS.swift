public import GeoCore
internal import CPROJ

extension CRS {
    /// The CRSs Korean geodata is usually in: Korea 2000 (unified, the four belts with and
    /// without the 2010 false northing), the Bessel-based Korean 1985 belts (modified and not),
    /// WGS 84 and UTM zones 51N/52N.
    public static let commonKoreanEPSGCodes = [5179, 5186, 5185, 5187, 5188, 5181, 5180, 5182, 5183, 5184, 5174, 5173, 5175,
                                               5176, 5177, 5178, 2096, 2097, 2098, 4326, 4737, 32651, 32652, 3857]

    /// The first of `candidates` whose EPSG definition PROJ finds equivalent to this CRS's
    /// definition, or, when PROJ does not know the definition's datum by name, whose PROJ string
    /// (ellipsoid, projection and parameters) is the same; nil when none is.
    /// A fallback for ``identified()`` where PROJ's database lacks the ESRI names of a `.prj`
    /// (PROJ 9.1 does not know `KGD2002_Central_Belt_2010`, newer versions do).
    public func equivalentEPSG(among candidates: [Int] = CRS.commonKoreanEPSGCodes) -> CRS? {
        guard let definition, let context = try? ProjContext(), let own = context.create(definition) else { return nil }
        defer { proj_destroy(own) }
        let ownString = proj_as_proj_string(context.pointer, own, PJ_PROJ_5, nil).map { String(cString: $0) }
        for code in candidates {
            guard let candidate = context.create("EPSG:\(code)") else { continue }
            defer { proj_destroy(candidate) }
            if proj_is_equivalent_to_with_ctx(context.pointer, own, candidate, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) == 1 {
                return CRS(definition: definition, epsgCode: code)
            }
            if let ownString, let string = proj_as_proj_string(context.pointer, candidate, PJ_PROJ_5, nil), String(cString: string) == ownString {
                return CRS(definition: definition, epsgCode: code)
            }
        }
        return nil
    }
}
