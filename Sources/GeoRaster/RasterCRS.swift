/// The coordinate reference system of a raster, kept as a value: an EPSG code, a WKT string, or
/// both. GeoRaster does not interpret it; GeoProj does when reprojection is needed.
public struct RasterCRS: Hashable, Sendable, CustomStringConvertible {
    /// The EPSG code (for example 5179 for Korea 2000 / Unified CS), when known.
    public var epsg: Int?
    /// The WKT text, when known.
    public var wkt: String?

    /// Creates a CRS from an EPSG code and/or WKT.
    public init(epsg: Int? = nil, wkt: String? = nil) {
        self.epsg = epsg
        self.wkt = wkt
    }

    /// A CRS known by its EPSG code.
    public static func epsg(_ code: Int) -> RasterCRS { RasterCRS(epsg: code) }

    /// True when the two values name the same EPSG code, or carry identical WKT.
    public func isEquivalent(to other: RasterCRS) -> Bool {
        if let a = epsg, let b = other.epsg { return a == b }
        if let a = wkt, let b = other.wkt { return a == b }
        return false
    }

    /// `EPSG:<code>`, else the WKT, else "unknown CRS".
    public var description: String {
        if let e = epsg { return "EPSG:\(e)" }
        return wkt ?? "unknown CRS"
    }
}
