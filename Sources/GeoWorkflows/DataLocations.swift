public import GeoCore
public import GeoIO
import GeoPostGIS

/// The places workflows read and write besides files: every ``GeoDataProvider`` GeoTwin ships
/// (PostGIS: `postgresql://` and `postgres://` URLs), registered before a workflow opens a location.
public enum GeoDataLocations {
    /// Registers GeoTwin's providers with ``GeoDataProviders`` (idempotent).
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
    /// whose bounding box meets `bbox` (in the layer's CRS) when given.
    public static func describe(_ location: String, bbox: BoundingBox? = nil) throws -> GeoDataDescription {
        GeoDataLocations.registerProviders()
        return try GeoDataDescription(path: location, bbox: bbox)
    }
}
