public import GeoCore
public import GeoIO
import GeoPostGIS

/// The places workflows read and write besides files: every `GeoDataProvider` GeoTwin ships
/// (PostGIS: `postgresql://` and `postgres://` URLs), registered before a workflow opens a location.
public enum GeoDataLocations {
    /// Registers GeoTwin's providers with `GeoDataProviders` (idempotent).
    public static func registerProviders() { PostGIS.register() }

    /// True when `location` is a URL (`scheme://...`) rather than a file path.
    public static func isURL(_ location: String) -> Bool { GeoDataProviders.scheme(of: location) != nil }
}

/// What `geotwin info` prints of a file or a database table.
///
/// ```swift
/// let d = try GeoInfo.describe("postgresql://twin@db.local/city?table=emd")
/// print(d.text)
/// ```
public enum GeoInfo {
    /// Summarises every layer of `location` (a file or a provider URL), counting the features
    /// whose bounding box meets `bbox` (in the layer's CRS) when given, with each layer's CRS
    /// identified by PROJ where the file gave a definition without an EPSG code (a Shapefile's
    /// `.prj`). `encoding`: a Shapefile's text encoding, overriding its `.cpg`.
    public static func describe(_ location: String, bbox: BoundingBox? = nil, encoding: String? = nil) throws -> GeoDataDescription {
        GeoDataLocations.registerProviders()
        var description = try GeoDataDescription(path: location, bbox: bbox, encoding: encoding)
        for i in description.layers.indices {
            guard let crs = description.layers[i].crs, let identified = GeoConvert.identify(crs) else { continue }
            description.layers[i].crs = identified
        }
        return description
    }
}
