#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore

/// One way to open geodata: a file whose format is chosen by its extension (``GeoDataFormat``),
/// or a URL a registered ``GeoDataProvider`` opens (`postgresql://...` with GeoPostGIS), with its
/// layers listed and read whole or streamed feature by feature.
///
/// GeoPackage rows stream from SQLite one at a time; WKB streams, Shapefiles (through the `.shx`
/// offsets) and FlatGeobuf files (through their R-tree for a bbox) are read record by record from
/// memory-mapped files; a GeoJSON FeatureCollection and a GeoJSON text sequence are read one
/// feature at a time through a fixed buffer (``GeoJSONFileReader``, ``GeoJSONSeq``). So
/// ``forEachFeature(layer:bbox:_:)`` holds one feature at a time.
/// A source owns its open file (for a GeoPackage, one SQLite connection): use it from one thread
/// at a time, and open it once per command.
///
/// ```swift
/// let source = try GeoDataSource(path: "Geodata/korea.gpkg")
/// print(source.layers.map(\.name))                  // ["sido", "sigungu", "emd", ...]
/// let sigungu = try source.readLayer("sigungu")      // features + CRS (EPSG:4326)
/// try source.forEachFeature(layer: "emd", bbox: BoundingBox(minX: 127, minY: 36.4, maxX: 127.4, maxY: 36.7)) { f in
///     print(f["name_ko"]?.stringValue ?? "")
/// }
/// ```
public final class GeoDataSource {
    /// The path as given (a URL with its password masked).
    public let path: String
    /// The format, from the extension; nil for a location a ``GeoDataProvider`` opens.
    public let format: GeoDataFormat?
    /// The layers: a GeoPackage's feature and attribute tables; the one layer of other formats
    /// (named after the file, its CRS EPSG:4326 for GeoJSON, unknown for a WKB stream until read).
    public let layers: [GeoDataLayerInfo]
    /// The open GeoPackage, for GeoPackage sources (its tables can be read directly).
    public let geoPackage: GeoPackageReader?
    /// The open location, for a URL a registered ``GeoDataProvider`` opens (`postgresql://...`).
    public let provided: (any GeoDataProvidedSource)?
    /// The format's name: the file format's, or the provider's (`PostGIS`).
    public let formatName: String
    /// The open Shapefile, for Shapefile sources.
    public private(set) var shapefile: ShapefileReader?
    /// The open FlatGeobuf file, for FlatGeobuf sources.
    public private(set) var flatGeobuf: FlatGeobufReader?

    /// Opens the file at `path`.
    /// - Parameters:
    ///   - path: the file to open, or a URL a registered provider opens (`postgresql://...`).
    ///   - format: the format, when the extension does not say it.
    ///   - encoding: the text encoding of a Shapefile's attributes (`CP949`, `UTF-8`, ...),
    ///     overriding its `.cpg` and language driver byte.
    /// - Throws: ``GeoDataError`` naming the file and the problem.
    public init(path: String, format: GeoDataFormat? = nil, encoding: String? = nil) throws(GeoDataError) {
        // A URL (`postgresql://...`): the registered provider opens it.
        if format == nil, let provider = try GeoDataProviders.provider(for: path) {
            let opened = try provider.open(path)
            self.path = provider.redacted(path)
            self.format = nil
            formatName = provider.formatName
            geoPackage = nil
            provided = opened
            layers = opened.layers
            return
        }
        provided = nil
        self.path = path
        let format: GeoDataFormat = if let format { format } else { try GeoDataFormat(path: path) }
        self.format = format
        formatName = format.rawValue
        let name = PathText.deletingExtension(PathText.lastComponent(path))
        switch format {
        case .geoPackage:
            let reader: GeoPackageReader
            do { reader = try GeoPackageReader(path: path) } catch { throw .geoPackage(error) }
            geoPackage = reader
            layers = reader.layers.map {
                GeoDataLayerInfo(name: $0.tableName, geometryTypeName: $0.geometryTypeName, crs: $0.spatialReference?.crs,
                                 isAttributesOnly: $0.dataType != .features)
            }
        case .geoJSON, .geoJSONSeq:
            try Self.checkReadable(path)
            geoPackage = nil
            layers = [GeoDataLayerInfo(name: name, crs: .wgs84)]
        case .wkbStream:
            try Self.checkReadable(path)
            geoPackage = nil
            layers = [GeoDataLayerInfo(name: name)]
        case .shapefile:
            try Self.checkReadable(path)
            geoPackage = nil
            let reader: ShapefileReader
            do { reader = try ShapefileReader(path: path, encoding: encoding) } catch { throw .invalidFile(error) }
            shapefile = reader
            layers = [reader.layerInfo]
        case .flatGeobuf:
            try Self.checkReadable(path)
            geoPackage = nil
            let reader: FlatGeobufReader
            do { reader = try FlatGeobufReader(path: path) } catch { throw .invalidFile(error) }
            flatGeobuf = reader
            layers = [reader.layerInfo(name: name)]
        }
    }

    /// The feature layers (attribute-only tables left out).
    public var featureLayers: [GeoDataLayerInfo] { layers.filter { !$0.isAttributesOnly } }

    /// The layer named `name` (exact, then case-insensitive), or the only feature layer when
    /// `name` is nil.
    /// - Throws: ``GeoDataError/unknownLayer(path:layer:available:)``,
    ///   ``GeoDataError/ambiguousLayer(path:available:)`` or
    ///   ``GeoDataError/layerNameNotApplicable(path:format:)``.
    public func layer(named name: String?) throws(GeoDataError) -> GeoDataLayerInfo {
        let names = featureLayers.map(\.name)
        guard let name else {
            guard featureLayers.count == 1, let only = featureLayers.first else {
                throw .ambiguousLayer(path: path, available: names)
            }
            return only
        }
        if let format, !format.isMultiLayer { throw .layerNameNotApplicable(path: path, format: format) }
        if let exact = layers.first(where: { $0.name == name }) { return exact }
        if let folded = layers.first(where: { $0.name.lowercased() == name.lowercased() }) { return folded }
        throw .unknownLayer(path: path, layer: name, available: names)
    }

    /// Reads one layer whole: `name` (nil: the only feature layer), keeping the features whose
    /// geometry's bounding box meets `bbox` (in the layer's CRS) when given.
    /// `read` is called after each feature read with the number read so far.
    public func readLayer(_ name: String? = nil, bbox: BoundingBox? = nil,
                          read: ((Int) -> Void)? = nil) throws(GeoDataError) -> GeoDataLayer {
        let info = try layer(named: name)
        var features: [Feature] = []
        let crs = try forEach(info, bbox: bbox) { f in
            features.append(f)
            read?(features.count)
        }
        return GeoDataLayer(name: info.name, collection: FeatureCollection(features, crs: crs))
    }

    /// Reads every layer (for a GeoPackage, attribute tables too), in table order. `read` is
    /// called after each feature read with the number read so far (over every layer).
    public func readAll(bbox: BoundingBox? = nil, read: ((Int) -> Void)? = nil) throws(GeoDataError) -> [GeoDataLayer] {
        var out: [GeoDataLayer] = []
        var count = 0
        for info in layers {
            var features: [Feature] = []
            let crs = try forEach(info, bbox: info.isAttributesOnly ? nil : bbox) { f in
                features.append(f)
                count += 1
                read?(count)
            }
            out.append(GeoDataLayer(name: info.name, collection: FeatureCollection(features, crs: crs)))
        }
        return out
    }

    /// Streams the features of a layer (nil: the only feature layer) to `body`, in file order.
    /// - Returns: the layer's CRS, when known (for a WKB stream: the SRID its records declare).
    @discardableResult
    public func forEachFeature(layer name: String? = nil, bbox: BoundingBox? = nil,
                               _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        try forEach(try layer(named: name), bbox: bbox, body)
    }

    /// Streams the features of a layer like ``forEachFeature(layer:bbox:_:)``, each geometry the
    /// file holds as plain WKB (a GeoPackage's, of the shape ``EncodedGeometry`` keeps) left
    /// encoded: such a feature comes without its geometry and the encoded geometry beside it;
    /// every other feature comes whole, with nil beside it. Writers that copy WKB's coordinates
    /// (``GeoDataLayerStream/wkbSource``) save decoding them.
    @discardableResult
    public func forEachFeatureKeepingWKB(layer name: String? = nil, bbox: BoundingBox? = nil,
                                         _ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        let info = try layer(named: name)
        if format == .geoPackage { return try forEachGeoPackageRow(info, bbox: bbox, keepingWKB: true, body) }
        return try forEach(info, bbox: bbox) { (f) throws(GeoDataError) in try body(f, nil) }
    }

    /// The rows of a GeoPackage layer as the file holds them (``GeoPackageRows``): the features
    /// ``forEachFeatureKeepingWKB(layer:bbox:_:)`` streams, before their values become
    /// properties; nil when the source is not a GeoPackage. Read, like the source, by one thread
    /// at a time.
    public func geoPackageRows(layer name: String? = nil, bbox: BoundingBox? = nil) throws(GeoDataError) -> GeoPackageRows? {
        guard format == .geoPackage, let reader = geoPackage else { return nil }
        let info = try layer(named: name)
        // Read once: the rows' columns now, and each pass's statement from the same schema.
        let schema: GeoPackageReader.TableSchema
        do { schema = try reader.tableSchema(info.name) } catch { throw .geoPackage(error) }
        return GeoPackageRows(columns: schema.columns) { body throws(GeoDataError) in
            try Self.forEachRow(of: reader, info.name, bbox: bbox, keepingWKB: true, schema: schema) { (row, encoded, _) throws(GeoDataError) in
                try body(row, encoded)
            }
        }
    }

    /// The rows of the GeoPackage layer `name` (``GeoPackageReader/forEachRow(_:where:bbox:geometry:keepingWKB:schema:_:)``)
    /// to `body`, with the layer's columns; an error `body` throws stops them and is rethrown.
    private static func forEachRow(of reader: GeoPackageReader, _ name: String, bbox: BoundingBox?, keepingWKB: Bool,
                                   schema: GeoPackageReader.TableSchema? = nil, _ body: (GeoPackageFeature, EncodedGeometry?, [GeoPackageColumn]) throws(GeoDataError) -> Void)
        throws(GeoDataError) {
        var failure: GeoDataError?
        do throws(GeoPackageError) {
            _ = try reader.forEachRow(name, where: nil, bbox: bbox, geometry: true, keepingWKB: keepingWKB, schema: schema) { row, encoded, columns in
                do throws(GeoDataError) { try body(row, encoded, columns) } catch {
                    failure = error
                    return false
                }
                return true
            }
        } catch {
            throw .geoPackage(error)
        }
        if let failure { throw failure }
    }

    /// The number of features of the layer `info` when the file says it without reading them
    /// (a GeoPackage's row count, a Shapefile's index, a FlatGeobuf header); nil otherwise.
    public func featureCount(_ info: GeoDataLayerInfo) -> Int? {
        switch format {
        case .geoPackage: try? geoPackage?.rowCount(info.name)
        case .shapefile: shapefile?.recordCount
        case .flatGeobuf: (flatGeobuf?.featureCount).flatMap { $0 > 0 ? $0 : nil }
        default: nil
        }
    }

    /// The number of features the file's index or header states for the layer `info`, read
    /// without touching its rows: for a GeoPackage with an R-tree, the index's entries (features
    /// without a geometry are not among them, so it may fall short), else ``featureCount(_:)``.
    /// A hint to plan by (``GeoDataLayerStream/statedCount``), not a count to report.
    public func featureCountHint(_ info: GeoDataLayerInfo) -> Int? {
        if format == .geoPackage, let indexed = try? geoPackage?.indexedRowCount(info.name) { return indexed }
        return featureCount(info)
    }

    /// Summaries of every layer (count, geometry types, CRS, extent) in one pass each.
    public func summaries() throws(GeoDataError) -> [GeoDataLayerSummary] {
        try readAll().map(GeoDataLayerSummary.init)
    }

    /// Streams the rows of a GeoPackage layer as features; with `keepingWKB`, a geometry of the
    /// plain WKB shape ``EncodedGeometry`` holds comes beside its feature (whose geometry is then nil).
    private func forEachGeoPackageRow(_ info: GeoDataLayerInfo, bbox: BoundingBox?, keepingWKB: Bool,
                                      _ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        guard let reader = geoPackage else { return nil }
        // How each column reads (boolean, JSON), found at the first row rather than per value;
        // and a dictionary holding every column's name, whose copy each row fills through the
        // names' indices, found once: no hashing of the names per row. (Columns of one name
        // would share a slot, the later value kept, as assigning by name would.)
        var kinds: [(isBoolean: Bool, isJSON: Bool)] = []
        var template: [String: PropertyValue] = [:]
        var slots: [Dictionary<String, PropertyValue>.Index] = []
        try Self.forEachRow(of: reader, info.name, bbox: bbox, keepingWKB: keepingWKB) { (row, encoded, columns) throws(GeoDataError) in
            if kinds.count != columns.count {
                kinds = columns.map { ($0.isBoolean, $0.isJSON) }
                template = [String: PropertyValue](minimumCapacity: columns.count)
                for c in columns { template[c.name] = .null }
                slots = columns.map { template.index(forKey: $0.name)! }
            }
            var props = template
            for i in columns.indices {
                props.values[slots[i]] = GeoPackageColumn.propertyValue(row.values[i], isBoolean: kinds[i].isBoolean,
                                                                        isJSON: kinds[i].isJSON)
            }
            try body(Feature(id: .int(row.fid), geometry: row.geometry, properties: props), encoded)
        }
        return info.crs
    }

    private func forEach(_ info: GeoDataLayerInfo, bbox: BoundingBox?,
                         _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        guard let format else { return try provided?.forEachFeature(info, bbox: bbox, body) ?? nil }
        switch format {
        case .geoPackage:
            return try forEachGeoPackageRow(info, bbox: bbox, keepingWKB: false) { (f, _) throws(GeoDataError) in try body(f) }
        case .geoJSON:
            // Files up to 64 MiB are parsed whole from their memory map (the byte parser's fast
            // path); larger ones stream through a 1 MiB buffer, one feature at a time
            // (GeoJSONFileReader), so memory stays flat in file size. Both give the same features.
            if Self.fileSize(path) <= Self.wholeGeoJSONLimit {
                let object = try Self.decodeGeoJSON(path)
                for f in object.features where Self.meets(f, bbox) { try body(f) }
                return .wgs84
            }
            try GeoJSONFileReader.forEachFeature(path: path) { (f) throws(GeoDataError) in
                if Self.meets(f, bbox) { try body(f) }
            }
            return .wgs84
        case .geoJSONSeq:
            try GeoJSONSeq.forEachFeature(path: path) { (f) throws(GeoDataError) in
                if Self.meets(f, bbox) { try body(f) }
            }
            return .wgs84
        case .wkbStream:
            return try forEachWKBRecord(bbox: bbox, body)
        case .shapefile:
            try shapefile?.forEachFeature(bbox: bbox, body)
            return info.crs
        case .flatGeobuf:
            var failure: GeoDataError?
            do throws(FileFormatError) {
                try flatGeobuf?.forEachFeature(bbox: bbox) { f in
                    do throws(GeoDataError) { try body(f) } catch {
                        failure = error
                        return false
                    }
                    return true
                }
            } catch {
                throw .invalidFile(error)
            }
            if let failure { throw failure }
            return info.crs
        }
    }

    /// Walks the records of a memory-mapped WKB stream. Every record must declare the same SRID
    /// (or none); SRID 0 means no CRS declared.
    private func forEachWKBRecord(bbox: BoundingBox?, _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) -> CRS? {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .unreadable(path: path, reason: fileErrorText(error))
        }
        var srids: [Int32] = []
        var failure: GeoDataError?
        let walk = data.withUnsafeBytes { raw in
            Result<Void, GeoIOError> { () throws(GeoIOError) in
                try WKBStream.forEachRecord(raw) { geometry, srid in
                    if let declared = srid, declared != 0, !srids.contains(declared) {
                        srids.append(declared)
                        if srids.count > 1 {
                            failure = .mixedSRIDs(path: path, srids: srids)
                            return false
                        }
                    }
                    if let bbox, !(geometry.map { $0.boundingBox.intersects(bbox) } ?? false) { return true }
                    do throws(GeoDataError) { try body(Feature(geometry: geometry)) } catch {
                        failure = error
                        return false
                    }
                    return true
                }
            }
        }
        if let failure { throw failure }
        if case .failure(let e) = walk { throw .malformed(path: path, error: e) }
        return srids.first.map { CRS(epsg: Int($0)) }
    }

    /// True when there is no `bbox` or the feature's geometry box meets it.
    private static func meets(_ f: Feature, _ bbox: BoundingBox?) -> Bool {
        guard let bbox else { return true }
        return f.geometry.map { $0.boundingBox.intersects(bbox) } ?? false
    }

    static func checkReadable(_ path: String) throws(GeoDataError) {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if isDirectory { throw .unreadable(path: path, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path: path, reason: "permission denied") }
    }

    /// Parses the GeoJSON file at `path` straight from its memory map (no copy of the bytes).
    /// GeoJSON files up to this size are parsed whole; larger ones are streamed.
    static let wholeGeoJSONLimit = 64 << 20

    /// The size of the file at `path` in bytes, or `Int.max` when it cannot be read (streamed).
    static func fileSize(_ path: String) -> Int {
        fileByteCount(path) ?? Int.max
    }

    static func decodeGeoJSON(_ path: String) throws(GeoDataError) -> GeoJSONObject {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .unreadable(path: path, reason: fileErrorText(error))
        }
        let result = data.withUnsafeBytes { raw in
            Result<GeoJSONObject, GeoIOError> { () throws(GeoIOError) in try GeoJSON.decode(raw) }
        }
        switch result {
        case .success(let object): return object
        case .failure(let error): throw .malformed(path: path, error: error)
        }
    }
}
