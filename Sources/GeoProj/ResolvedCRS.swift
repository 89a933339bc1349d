public import GeoCore
internal import CPROJ

/// A ``GeoCore/CRS`` as PROJ knows it: validated, with its name, EPSG code, axis kind, area of
/// use, ellipsoid and WKT.
///
/// A `ResolvedCRS` is a plain `Sendable` value: PROJ validates the definition and reports its
/// metadata once, at creation, in a private PROJ context; each ``Transformer`` then rebuilds the
/// CRS in its own context. Resolving reads PROJ's database (about a millisecond): resolve once and
/// reuse the value.
///
/// ```swift
/// let unified = try CRS(epsg: 5179).resolved()
/// print(unified.name)                     // Korea 2000 / Unified CS
/// print(unified.areaOfUse?.name ?? "")    // Republic of Korea (South Korea) - onshore and offshore.
/// ```
public struct ResolvedCRS: Hashable, Sendable, CustomStringConvertible {
    /// The CRS value (with the EPSG code PROJ identified, when the definition had none).
    public let crs: CRS
    /// The definition given to PROJ (a PROJ string gains `+type=crs` when it lacked it).
    public let definition: String
    /// PROJ's name, e.g. "Korea 2000 / Unified CS".
    public let name: String
    /// The EPSG code when PROJ identifies the CRS as an EPSG one.
    public let epsgCode: Int?
    /// True for a geographic (longitude/latitude) CRS; GeoProj always orders its axes x = longitude.
    public let isGeographic: Bool
    /// Where the CRS is meant to be used, when PROJ knows it (PROJ strings have none).
    public let areaOfUse: AreaOfUse?
    /// The ellipsoid of the CRS's datum, when it has one.
    public let ellipsoid: Ellipsoid?
    /// The CRS as WKT 1 in GDAL's dialect (what GeoPackage's `gpkg_spatial_ref_sys` and most GIS
    /// readers expect), when PROJ can express it so.
    public let wkt: String?

    /// Resolves the CRS `EPSG:<code>`.
    public init(epsg code: Int) throws(ProjError) {
        try self.init("EPSG:\(code)")
    }

    /// Resolves `crs`.
    public init(_ crs: CRS) throws(ProjError) {
        try self.init(crs.projDefinition)
    }

    /// Resolves any definition PROJ accepts: `"EPSG:5179"`, a PROJ string
    /// (`"+proj=tmerc +lat_0=38 ..."`), WKT 1 or 2, or PROJJSON.
    public init(_ definition: String) throws(ProjError) {
        let context = try ProjContext()
        var text = definition
        var object = context.create(text)
        if let created = object, proj_is_crs(created) == 0, text.contains("+proj="), !text.contains("+type=crs") {
            proj_destroy(created)
            text += " +type=crs"
            object = context.create(text)
        }
        guard let crs = object else {
            throw .unknownCRS(definition: definition, message: "not in PROJ's database nor a valid definition (\(context.errorMessage))")
        }
        defer { proj_destroy(crs) }
        guard proj_is_crs(crs) == 1 else {
            throw .unknownCRS(definition: definition, message: "PROJ reads it as an operation, not a coordinate reference system")
        }
        self.definition = text
        self.name = proj_get_name(crs).map { String(cString: $0) } ?? definition
        self.epsgCode = Self.epsgCode(of: crs) ?? Self.identify(crs, context)
        let given = CRS(definition)
        self.crs = given.epsgCode != nil || self.epsgCode == nil ? given : CRS(definition: given.definition ?? definition, epsgCode: self.epsgCode)
        self.areaOfUse = Self.areaOfUse(of: crs, context)
        self.wkt = proj_as_wkt(context.pointer, crs, PJ_WKT1_GDAL, nil).map { String(cString: $0) }
        let geodetic = proj_crs_get_geodetic_crs(context.pointer, crs)
        defer { if let geodetic { proj_destroy(geodetic) } }
        self.ellipsoid = geodetic.flatMap { Self.ellipsoid(of: $0, context) }
        let base = proj_get_type(crs) == PJ_TYPE_BOUND_CRS ? proj_get_source_crs(context.pointer, crs) : nil
        defer { if let base { proj_destroy(base) } }
        let type = proj_get_type(base ?? crs)
        self.isGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
    }

    /// `"EPSG:5179 (Korea 2000 / Unified CS)"`, or the name alone without an EPSG code.
    public var description: String {
        epsgCode.map { "EPSG:\($0) (\(name))" } ?? name
    }

    /// The EPSG code PROJ identifies with full confidence (100 %) for a definition without one.
    private static func identify(_ crs: OpaquePointer, _ context: ProjContext) -> Int? {
        var confidence: UnsafeMutablePointer<Int32>?
        guard let list = proj_identify(context.pointer, crs, "EPSG", nil, &confidence) else { return nil }
        defer {
            proj_list_destroy(list)
            proj_int_list_destroy(confidence)
        }
        guard proj_list_get_count(list) >= 1, let confidence, confidence[0] == 100,
              let best = proj_list_get(context.pointer, list, 0) else { return nil }
        defer { proj_destroy(best) }
        return epsgCode(of: best)
    }

    private static func epsgCode(of crs: OpaquePointer) -> Int? {
        guard let authority = proj_get_id_auth_name(crs, 0), String(cString: authority) == "EPSG",
              let code = proj_get_id_code(crs, 0) else { return nil }
        return Int(String(cString: code))
    }

    private static func areaOfUse(of crs: OpaquePointer, _ context: ProjContext) -> AreaOfUse? {
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var name: UnsafePointer<CChar>?
        guard proj_get_area_of_use(context.pointer, crs, &west, &south, &east, &north, &name) == 1,
              west != -1000, south != -1000, east != -1000, north != -1000 else { return nil }
        return AreaOfUse(west: west, south: south, east: east, north: north,
                         name: name.map { String(cString: $0) } ?? "")
    }

    private static func ellipsoid(of geodetic: OpaquePointer, _ context: ProjContext) -> Ellipsoid? {
        guard let ellipsoid = proj_get_ellipsoid(context.pointer, geodetic) else { return nil }
        defer { proj_destroy(ellipsoid) }
        var a = 0.0, b = 0.0, inverseFlattening = 0.0
        var computed: Int32 = 0
        guard proj_ellipsoid_get_parameters(context.pointer, ellipsoid, &a, &b, &computed, &inverseFlattening) == 1 else { return nil }
        return Ellipsoid(semiMajorAxis: a, inverseFlattening: a == b ? 0 : inverseFlattening)
    }
}


extension CRS {
    /// This CRS as PROJ knows it (name, area of use, WKT, ...).
    /// - Throws: ``ProjError/unknownCRS(definition:message:)`` when PROJ cannot read it.
    public func resolved() throws(ProjError) -> ResolvedCRS {
        try ResolvedCRS(self)
    }

    /// This CRS with the EPSG code PROJ identifies for it when its definition (e.g. a WKT or an
    /// ESRI `.prj` without an authority) names none; unchanged when it has one or none matches.
    public func identified() throws(ProjError) -> CRS {
        guard epsgCode == nil else { return self }
        return try resolved().crs
    }
}
