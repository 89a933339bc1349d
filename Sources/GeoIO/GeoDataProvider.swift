#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// A source of geodata that is not a file, opened by a URL whose scheme a ``GeoDataProvider``
/// registered (`postgresql://...` once GeoPostGIS is registered). ``GeoDataSource``,
/// ``GeoDataSink`` and ``GeoDataDescription`` hand such locations to the provider, so every
/// command that opens a file opens them too.
///
/// A provider lives in a module that depends on GeoIO (GeoIO cannot depend on it) and registers
/// itself once, before the first location of its scheme is opened:
///
/// ```swift
/// GeoDataProviders.register(MyProvider())          // schemes ["myscheme"]
/// let source = try GeoDataSource(path: "myscheme://host/data?table=roads")
/// ```
public protocol GeoDataProvider: Sendable {
    /// The URL schemes the provider opens, lowercase, without `://` (`["postgresql", "postgres"]`).
    var schemes: [String] { get }
    /// The name printed as the format of its sources (`PostGIS`).
    var formatName: String { get }
    /// `location` with every secret (a password) masked, for messages and listings.
    func redacted(_ location: String) -> String
    /// Opens `location` for reading.
    func open(_ location: String) throws(GeoDataError) -> any GeoDataProvidedSource
    /// Writes `layers` to `location`, replacing what is there only when the whole write succeeds.
    func write(_ layers: [GeoDataLayer], to location: String, options: GeoDataWriteOptions) throws(GeoDataError)
    /// Writes layers handed over feature by feature (``GeoDataLayerStream``), replacing what is
    /// there only when the whole write succeeds, and returns the number of features written. A
    /// provider that can streams them to the store while they are read; the default reads each
    /// layer whole and calls ``write(_:to:options:)``.
    func write(streams: [GeoDataLayerStream], to location: String, options: GeoDataWriteOptions) throws(GeoDataError) -> Int
}

extension GeoDataProvider {
    public func write(streams: [GeoDataLayerStream], to location: String, options: GeoDataWriteOptions) throws(GeoDataError) -> Int {
        let layers = try streams.map { stream throws(GeoDataError) in try stream.read() }
        try write(layers, to: location, options: options)
        return layers.reduce(0) { $0 + $1.features.count }
    }
}

/// A layer to write, handed over feature by feature rather than held whole: its name, its CRS,
/// and a function that streams its features, in order, to the function it is given. A writer may
/// call ``forEachFeature`` more than once (to start again from the first feature), and every call
/// must stream the same features.
///
/// ```swift
/// let source = try GeoDataSource(path: "points.gpkg")
/// let info = try source.layer(named: "points")
/// let stream = GeoDataLayerStream(name: info.name, crs: info.crs) { body throws(GeoDataError) in
///     try source.forEachFeature(layer: info.name, body)
/// }
/// try GeoDataSink.write(streams: [stream], to: "postgresql://twin@db.local/city?table=points")
/// ```
public struct GeoDataLayerStream {
    /// The layer name.
    public var name: String
    /// The CRS of every feature, when known.
    public var crs: CRS?
    /// Streams the features to the function it is given; an error it throws stops the stream.
    /// (A stream given a function of its own no longer reads ahead.)
    public var forEachFeature: (_ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void {
        didSet {
            readAhead = nil
            wkbSource = nil
            geoPackageRows = nil
        }
    }
    /// The same features with the geometries the source holds as plain WKB left encoded (see
    /// ``GeoDataSource/forEachFeatureKeepingWKB(layer:bbox:_:)``), when the source can stream
    /// them so; nil otherwise. Cleared when ``forEachFeature`` is replaced. Writers reach it
    /// through ``forEachFeatureKeepingWKB(preparing:meanwhile:_:)``.
    public var wkbSource: ((_ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void)?
    /// The same features as the rows of the GeoPackage layer they are read from, when the
    /// stream reads one as it is (see ``GeoDataSource/geoPackageRows(layer:bbox:)``); nil
    /// otherwise. Cleared when ``forEachFeature`` is replaced. A GeoPackage writer takes their
    /// values as they are instead of making properties of them and values again; writers reach
    /// them through ``forEachGeoPackageRow(preparing:meanwhile:_:)``.
    public var geoPackageRows: GeoPackageRows?
    /// The number of features the source states the layer has, when it states one: a hint a
    /// writer may plan by (a GeoPackage output starts writing rows sooner when it knows a large
    /// layer follows), never trusted over the features the stream delivers.
    public var statedCount: Int?
    /// Where and how far ahead the features are read when the stream reads on a thread of its
    /// own (``readingAhead(batchSize:batches:)``).
    var readAhead: ReadAhead?

    struct ReadAhead {
        /// The stream's features, read on the calling thread.
        var source: (_ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void
        /// The same with geometries left in WKB, when the stream has them so.
        var wkbSource: ((_ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void)?
        var batchSize: Int
        var batches: Int
    }

    /// Creates a stream.
    public init(name: String, crs: CRS?, statedCount: Int? = nil,
                forEachFeature: @escaping (_ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void) {
        self.name = name
        self.crs = crs
        self.statedCount = statedCount
        self.forEachFeature = forEachFeature
    }

    /// A layer already in memory, handed over feature by feature.
    public init(_ layer: GeoDataLayer) {
        self.init(name: layer.name, crs: layer.crs, statedCount: layer.features.count) { body throws(GeoDataError) in
            for f in layer.features { try body(f) }
        }
    }

    /// The whole layer: every feature, read into memory.
    public func read() throws(GeoDataError) -> GeoDataLayer {
        var features: [Feature] = []
        try forEachFeature { f in features.append(f) }
        return GeoDataLayer(name: name, collection: FeatureCollection(features, crs: crs))
    }
}

/// The rows of a GeoPackage layer as the file holds them: its attribute columns, and a function
/// that streams each row (its fid; its values in the order of ``columns``; its geometry decoded
/// unless it is plain WKB, which comes encoded beside it, as ``GeoDataSource/forEachFeatureKeepingWKB(layer:bbox:_:)``
/// hands it). Each row stands for the feature ``GeoDataSource`` reads from it: id the fid,
/// a property per column, its value as ``GeoPackageColumn/propertyValue(_:)`` reads it.
public struct GeoPackageRows {
    /// The layer's attribute columns.
    public var columns: [GeoPackageColumn]
    /// Streams the rows, in order, to the function it is given; an error it throws stops them.
    public var forEachRow: (_ body: (GeoPackageFeature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void

    /// Creates the rows of a layer with `columns`.
    public init(columns: [GeoPackageColumn],
                forEachRow: @escaping (_ body: (GeoPackageFeature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void) {
        self.columns = columns
        self.forEachRow = forEachRow
    }
}

/// An open location of a ``GeoDataProvider``: its layers, streamed feature by feature.
/// Like a file source it belongs to one thread at a time.
public protocol GeoDataProvidedSource: AnyObject {
    /// The layers, in the provider's order.
    var layers: [GeoDataLayerInfo] { get }
    /// Streams the features of `layer` meeting `bbox` (in the layer's CRS) to `body`.
    /// - Returns: the layer's CRS, when known.
    func forEachFeature(_ layer: GeoDataLayerInfo, bbox: BoundingBox?,
                        _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS?
    /// Reads `layer` whole, split into `partitions` parts read side by side when the provider can
    /// (the same features for any number of parts, in a stable order).
    func readLayer(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int) throws(GeoDataError) -> GeoDataLayer
    /// Streams `layer` like ``forEachFeature(_:bbox:_:)``, read in `partitions` parts side by side
    /// when the provider can (the same features in the same order for any number of parts).
    func forEachFeature(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int,
                        _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS?
    /// A summary of `layer` (count, geometry types, CRS, extent), computed where the data lives
    /// when the provider can.
    func summary(of layer: GeoDataLayerInfo, bbox: BoundingBox?) throws(GeoDataError) -> GeoDataLayerSummary
}

extension GeoDataProvidedSource {
    /// Streams the layer in one part.
    public func forEachFeature(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int,
                               _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        try forEachFeature(layer, bbox: bbox, body)
    }

    /// Reads the layer in one part.
    public func readLayer(_ layer: GeoDataLayerInfo, bbox: BoundingBox?, partitions: Int) throws(GeoDataError) -> GeoDataLayer {
        var features: [Feature] = []
        let crs = try forEachFeature(layer, bbox: bbox) { f in features.append(f) }
        return GeoDataLayer(name: layer.name, collection: FeatureCollection(features, crs: crs ?? layer.crs))
    }

    /// Summarises the layer by streaming its features.
    public func summary(of layer: GeoDataLayerInfo, bbox: BoundingBox?) throws(GeoDataError) -> GeoDataLayerSummary {
        var summary = GeoDataLayerSummary(GeoDataLayer(name: layer.name, collection: FeatureCollection()))
        let crs = try forEachFeature(layer, bbox: bbox) { f in summary.add(f) }
        summary.crs = crs ?? layer.crs
        return summary
    }
}

/// The registered ``GeoDataProvider``s, by URL scheme.
public enum GeoDataProviders {
    private final class Table: @unchecked Sendable {
        let lock = Lock()
        var providers: [String: any GeoDataProvider] = [:]
    }

    private static let table = Table()

    /// Registers `provider` for its schemes (replacing an earlier provider of the same scheme).
    public static func register(_ provider: any GeoDataProvider) {
        table.lock.lock()
        defer { table.lock.unlock() }
        for scheme in provider.schemes { table.providers[scheme.lowercased()] = provider }
    }

    /// The scheme of `location` when it is a URL (`scheme://...`), lowercase.
    public static func scheme(of location: String) -> String? {
        guard let range = location.firstRange(of: "://") else { return nil }
        let scheme = location[..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    /// The provider registered for the scheme of `location`, nil for a file path.
    /// - Throws: ``GeoDataError/unreadable(path:reason:)`` for a URL whose scheme no provider opens.
    public static func provider(for location: String) throws(GeoDataError) -> (any GeoDataProvider)? {
        guard let scheme = scheme(of: location) else { return nil }
        table.lock.lock()
        let provider = table.providers[scheme]
        table.lock.unlock()
        guard let provider else {
            throw .unreadable(path: redactingUserInfo(location),
                              reason: "no data provider is registered for \(scheme):// locations")
        }
        return provider
    }

    /// `location` for messages: the provider's redaction when one is registered, else the URL
    /// with any `user:password@` password masked.
    public static func redacted(_ location: String) -> String {
        guard let scheme = scheme(of: location) else { return location }
        table.lock.lock()
        let provider = table.providers[scheme]
        table.lock.unlock()
        return provider?.redacted(location) ?? redactingUserInfo(location)
    }

    /// `scheme://user:secret@host` → `scheme://user:***@host`.
    static func redactingUserInfo(_ location: String) -> String {
        guard let start = location.firstRange(of: "://") else { return location }
        let rest = location[start.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
              let colon = rest[..<at].firstIndex(of: ":") else { return location }
        return String(location[..<rest.index(after: colon)]) + "***" + String(rest[at...])
    }
}

extension GeoDataSource {
    /// Streams a layer like ``forEachFeature(layer:bbox:_:)``; a provider's location is read in
    /// `partitions` parts side by side when its provider can (the same features, in the same order).
    @discardableResult
    public func forEachFeature(layer name: String?, bbox: BoundingBox?, partitions: Int,
                               _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        guard let provided, partitions > 1 else { return try forEachFeature(layer: name, bbox: bbox, body) }
        return try provided.forEachFeature(layer(named: name), bbox: bbox, partitions: partitions, body)
    }

    /// Reads one layer whole like ``readLayer(_:bbox:read:)``; a provider's location is read in
    /// `partitions` parts side by side when its provider can (the same features, in a stable order).
    public func readLayer(_ name: String?, bbox: BoundingBox?, partitions: Int) throws(GeoDataError) -> GeoDataLayer {
        guard let provided, partitions > 1 else { return try readLayer(name, bbox: bbox) }
        return try provided.readLayer(layer(named: name), bbox: bbox, partitions: partitions)
    }

    /// Reads every feature layer like ``readAll(bbox:read:)``, a provider's in `partitions` parts.
    public func readAll(bbox: BoundingBox?, partitions: Int) throws(GeoDataError) -> [GeoDataLayer] {
        guard let provided, partitions > 1 else { return try readAll(bbox: bbox) }
        var out: [GeoDataLayer] = []
        for info in layers { out.append(try provided.readLayer(info, bbox: bbox, partitions: partitions)) }
        return out
    }
}
