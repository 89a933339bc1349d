internal import GeoCore
public import GeoIO
internal import GeoProj

extension GeoConvert {
    /// `layer` with its CRS identified by PROJ when the file gave a definition without an EPSG
    /// code (a Shapefile's ESRI `.prj`): EPSG:5186 for `PROJCS["KGD2002_Central_Belt_2010",...]`.
    /// Unchanged when the CRS has a code, none matches, or PROJ cannot read it.
    public static func identifyingCRS(_ layer: GeoDataLayer) -> GeoDataLayer {
        guard let crs = layer.crs, let identified = identify(crs) else { return layer }
        var out = layer
        out.crs = identified
        return out
    }

    /// `crs` with the EPSG code PROJ identifies for its definition, or that of the first common
    /// Korean CRS PROJ finds equivalent (`CRS.equivalentEPSG(among:)` of GeoProj); nil when neither matches.
    static func identify(_ crs: CRS) -> CRS? {
        guard crs.epsgCode == nil, crs.definition != nil else { return nil }
        if let identified = try? crs.identified(), identified.epsgCode != nil { return identified }
        return crs.equivalentEPSG()
    }
}
