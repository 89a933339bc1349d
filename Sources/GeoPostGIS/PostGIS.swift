import GeoCore
import GeoIO

/// PostGIS as a GeoTwin source and sink. After ``register()``, `GeoDataSource`,
/// `GeoDataSink` and `GeoDataDescription` (and so `geotwin info`, `convert` and `zonal`)
/// open `postgresql://` and `postgres://` URLs (``PostGISLocation``) like files.
///
/// ```swift
/// PostGIS.register()
/// let layer = try GeoDataSource(path: "Geodata/korea.gpkg").readLayer("emd")
/// try GeoDataSink.write([layer], to: "postgresql://twin@db.local/city?table=emd")
/// let back = try GeoDataSource(path: "postgresql://twin@db.local/city?table=emd")
///     .readLayer(nil, bbox: BoundingBox(minX: 126.9, minY: 37.4, maxX: 127.1, maxY: 37.6))
/// ```
public struct PostGIS: GeoDataProvider {
    public init() {}

    public var schemes: [String] { PostGISLocation.schemes }
    public var formatName: String { "PostGIS" }

    public func redacted(_ location: String) -> String {
        (try? PostGISLocation(location).redacted) ?? PostGISLocation.redact(location, password: nil)
    }

    public func open(_ location: String) throws(GeoDataError) -> any GeoDataProvidedSource {
        try PostGISSource(PostGISLocation(location))
    }

    public func write(_ layers: [GeoDataLayer], to location: String, options: GeoDataWriteOptions) throws(GeoDataError) {
        try PostGISWriter.write(layers, to: PostGISLocation(location), spatialIndex: options.spatialIndex)
    }

    public func write(streams: [GeoDataLayerStream], to location: String, options: GeoDataWriteOptions) throws(GeoDataError) -> Int {
        try PostGISWriter.write(streams: streams, to: PostGISLocation(location), spatialIndex: options.spatialIndex)
    }

    /// Registers PostGIS with `GeoDataProviders` for `postgresql://` and `postgres://` (once;
    /// later calls do nothing).
    public static func register() { _ = registration }

    private static let registration: Void = GeoDataProviders.register(PostGIS())
}
