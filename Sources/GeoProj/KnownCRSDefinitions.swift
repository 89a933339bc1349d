import GeoCore

extension CRS {
    /// The name and WKT 1 (GDAL flavour) PROJ gives this CRS, as ``ResolvedCRS`` has them (what
    /// GeoPackage `gpkg_spatial_ref_sys` rows, `.prj` files and FlatGeobuf headers are written
    /// with). For WGS 84 and the two CRSs of Korean national data, EPSG:4326, 5179 and 5186,
    /// they come from a table of PROJ's answers, so writing a file in them does not load PROJ (with
    /// the libraries it brings, about 10 ms of a process); any other CRS is resolved by PROJ.
    /// - Throws: ``ProjError`` when PROJ cannot resolve the CRS.
    public func nameAndWKT() throws(ProjError) -> (name: String, wkt: String?) {
        if let code = epsgCode, let known = Self.knownDefinitions[code] { return (known.name, known.wkt) }
        let resolved = try resolved()
        return (resolved.name, resolved.wkt)
    }

    /// PROJ's answers for EPSG:4326, 5179 and 5186: the name (`proj_get_name`) and the WKT 1
    /// (`proj_as_wkt` with `PJ_WKT1_GDAL`, as `projinfo -o WKT1_GDAL -q EPSG:<code>` prints it)
    /// of PROJ 9.1. The tests compare every entry with the linked PROJ's own answer.
    static let knownDefinitions: [Int: (name: String, wkt: String)] = [
        4326: (name: "WGS 84", wkt: """
        GEOGCS["WGS 84",
            DATUM["WGS_1984",
                SPHEROID["WGS 84",6378137,298.257223563,
                    AUTHORITY["EPSG","7030"]],
                AUTHORITY["EPSG","6326"]],
            PRIMEM["Greenwich",0,
                AUTHORITY["EPSG","8901"]],
            UNIT["degree",0.0174532925199433,
                AUTHORITY["EPSG","9122"]],
            AUTHORITY["EPSG","4326"]]
        """),
        5179: (name: "Korea 2000 / Unified CS", wkt: """
        PROJCS["Korea 2000 / Unified CS",
            GEOGCS["Korea 2000",
                DATUM["Geocentric_datum_of_Korea",
                    SPHEROID["GRS 1980",6378137,298.257222101,
                        AUTHORITY["EPSG","7019"]],
                    AUTHORITY["EPSG","6737"]],
                PRIMEM["Greenwich",0,
                    AUTHORITY["EPSG","8901"]],
                UNIT["degree",0.0174532925199433,
                    AUTHORITY["EPSG","9122"]],
                AUTHORITY["EPSG","4737"]],
            PROJECTION["Transverse_Mercator"],
            PARAMETER["latitude_of_origin",38],
            PARAMETER["central_meridian",127.5],
            PARAMETER["scale_factor",0.9996],
            PARAMETER["false_easting",1000000],
            PARAMETER["false_northing",2000000],
            UNIT["metre",1,
                AUTHORITY["EPSG","9001"]],
            AUTHORITY["EPSG","5179"]]
        """),
        5186: (name: "Korea 2000 / Central Belt 2010", wkt: """
        PROJCS["Korea 2000 / Central Belt 2010",
            GEOGCS["Korea 2000",
                DATUM["Geocentric_datum_of_Korea",
                    SPHEROID["GRS 1980",6378137,298.257222101,
                        AUTHORITY["EPSG","7019"]],
                    AUTHORITY["EPSG","6737"]],
                PRIMEM["Greenwich",0,
                    AUTHORITY["EPSG","8901"]],
                UNIT["degree",0.0174532925199433,
                    AUTHORITY["EPSG","9122"]],
                AUTHORITY["EPSG","4737"]],
            PROJECTION["Transverse_Mercator"],
            PARAMETER["latitude_of_origin",38],
            PARAMETER["central_meridian",127],
            PARAMETER["scale_factor",1],
            PARAMETER["false_easting",200000],
            PARAMETER["false_northing",600000],
            UNIT["metre",1,
                AUTHORITY["EPSG","9001"]],
            AUTHORITY["EPSG","5186"]]
        """),
    ]
}
