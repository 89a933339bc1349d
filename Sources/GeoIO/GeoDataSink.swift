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

/// Options of ``GeoDataSink/write(_:to:format:options:)``.
public struct GeoDataWriteOptions: Sendable {
    /// Write GeoJSON even when a layer is not in WGS 84 (non-standard: RFC 7946 readers will
    /// misplace the features). Off by default: such a write is refused.
    public var allowNonWGS84GeoJSON: Bool
    /// Give GeoPackage layers an R-tree spatial index (the GeoPackage extension GDAL writes).
    public var spatialIndex: Bool
    /// The name and WKT of a CRS for a GeoPackage's `gpkg_spatial_ref_sys` (GeoProj's
    /// `ResolvedCRS` supplies them); without it a bare EPSG code is written with the definition
    /// `undefined`, which GDAL and QGIS resolve by the code.
    public var crsDefinition: (@Sendable (CRS) -> (name: String, wkt: String)?)?

    /// Creates options.
    public init(allowNonWGS84GeoJSON: Bool = false, spatialIndex: Bool = true,
                crsDefinition: (@Sendable (CRS) -> (name: String, wkt: String)?)? = nil) {
        self.allowNonWGS84GeoJSON = allowNonWGS84GeoJSON
        self.spatialIndex = spatialIndex
        self.crsDefinition = crsDefinition
    }

    /// The WKT written for `crs` in a Shapefile's `.prj` or a FlatGeobuf header: the CRS's own
    /// definition, else the one ``crsDefinition`` gives; nil without a CRS.
    func wkt(for crs: CRS?) -> String? {
        crs.flatMap { crs in crs.definition ?? crsDefinition?(crs)?.wkt }
    }
}

/// One way to write geodata: layers to a file whose format is chosen by its extension, always
/// atomically (a temporary file beside the target, renamed into place), so a failure never
/// leaves a partial file nor touches an existing one.
///
/// - GeoJSON: one FeatureCollection of every layer's features; WGS 84 only (RFC 7946) unless
///   ``GeoDataWriteOptions/allowNonWGS84GeoJSON`` is set.
/// - GeoJSONSeq: one compact Feature per line, RS-separated (RFC 8142) for `.geojsons`; WGS 84
///   only, like GeoJSON.
/// - WKB stream: one EWKB record per feature (a null geometry as an empty record), geometry only,
///   with the layers' EPSG code as SRID when they share one.
/// - GeoPackage: one table per layer with its attributes and CRS, and an R-tree index.
/// - A URL whose scheme a ``GeoDataProvider`` registered (`postgresql://...`): the provider
///   writes it, also all or nothing.
/// - Shapefile (``ShapefileWriter``) and FlatGeobuf (``FlatGeobufWriter``, with its packed
///   Hilbert R-tree unless ``GeoDataWriteOptions/spatialIndex`` is off): one layer per file.
///
/// ```swift
/// let layer = try GeoDataSource(path: "in.geojson").readLayer()
/// try GeoDataSink.write([layer], to: "out.gpkg")
/// ```
public enum GeoDataSink {
    /// Writes `layers` to `path` in `format` (nil: from the extension).
    /// - Returns: what the write changed to fit the format (GeoPackage: renamed columns, mixed
    ///   column types), for the caller to show; empty when nothing was changed.
    /// - Throws: ``GeoDataError`` naming the file and the problem.
    @discardableResult
    public static func write(_ layers: [GeoDataLayer], to path: String, format: GeoDataFormat? = nil,
                             options: GeoDataWriteOptions = GeoDataWriteOptions()) throws(GeoDataError) -> [GeoDataWarning] {
        // A URL (`postgresql://...`): the registered provider writes it.
        if format == nil, let provider = try GeoDataProviders.provider(for: path) {
            try provider.write(layers, to: path, options: options)
            return []
        }
        var warnings: [GeoDataWarning] = []
        let format: GeoDataFormat = if let format { format } else { try GeoDataFormat(path: path) }
        switch format {
        case .shapefile, .flatGeobuf:
            guard layers.count == 1, let layer = layers.first else {
                throw .unsupported(path: path, reason: "a \(format) file holds one layer, \(layers.count) given; write each to its own file")
            }
            let wkt = options.wkt(for: layer.crs)
            if format == .shapefile {
                try ShapefileWriter.write(layer, to: path, prj: wkt)
            } else {
                try FlatGeobufWriter.write(layer, wkt: wkt, to: path, spatialIndex: options.spatialIndex)
            }
        case .geoJSON, .geoJSONSeq:
            if !options.allowNonWGS84GeoJSON {
                for layer in layers where !(layer.crs?.isWGS84 ?? false) {
                    // A layer without a declared CRS is accepted when its coordinates fit degrees.
                    if layer.crs == nil, Self.fitsDegrees(layer.collection.boundingBox) { continue }
                    throw .notWGS84(path: path, layer: layer.name, crs: layer.crs)
                }
            }
            if format == .geoJSONSeq {
                let bytes: [UInt8]
                do {
                    bytes = try GeoJSONSeq.encode(layers.flatMap(\.features), recordSeparator: GeoJSONSeq.usesRecordSeparator(path: path))
                } catch { throw .malformed(path: path, error: error) }
                try AtomicFile.write(bytes, to: path)
                break
            }
            _ = try writeGeoJSONStream(streams: layers.map(GeoDataLayerStream.init), to: path, checkingDegrees: false)
        case .wkbStream:
            _ = try writeWKBStream(streams: layers.map(GeoDataLayerStream.init), to: path)
        case .geoPackage:
            do {
                let tables = try layers.map { layer throws(GeoPackageError) in
                    let kinds = Set(layer.features.compactMap { $0.geometry?.kind })
                    return try GeoPackageLayer(name: layer.name, collection: layer.collection, geometryTypeName: typeName(kinds),
                                               spatialReference: reference(layer.crs, options))
                }
                try GeoPackageWriter.write(tables, to: path, spatialIndex: options.spatialIndex)
                warnings += tables.flatMap(\.warnings).map { GeoDataWarning(path: path, $0) }
            } catch {
                throw .geoPackage(error)
            }
        }
        return warnings
    }

    /// Writes layers handed over feature by feature to `path` in `format` (nil: from the extension)
    /// and returns the number of features written. A provider's location (`postgresql://...`)
    /// receives the features while they are read (``GeoDataProvider/write(streams:to:options:)``),
    /// and so do a GeoPackage, a WKB stream, GeoJSON (layers in WGS 84, or without a CRS and in
    /// degrees) and a Shapefile's `.shp`
    /// (its `.dbf` keeps each feature's properties until the end); a FlatGeobuf file keeps only each feature's bytes until it is
    /// written (the index comes before the features). Other files are written as
    /// ``write(_:to:format:options:)`` writes the layers read whole.
    /// - Throws: ``GeoDataError`` naming the file and the problem.
    @discardableResult
    public static func write(streams: [GeoDataLayerStream], to path: String, format: GeoDataFormat? = nil,
                             options: GeoDataWriteOptions = GeoDataWriteOptions(),
                             warn: (GeoDataWarning) -> Void = { _ in }) throws(GeoDataError) -> Int {
        HugePageHeaps.adviseCallingThread()
        if format == nil, let provider = try GeoDataProviders.provider(for: path) {
            return try provider.write(streams: streams, to: path, options: options)
        }
        let format: GeoDataFormat = if let format { format } else { try GeoDataFormat(path: path) }
        if format == .wkbStream { return try writeWKBStream(streams: streams, to: path) }
        // GeoJSON streams when every layer declares WGS 84 or no CRS (or another CRS is allowed);
        // a layer without a CRS is checked to lie in degrees as it passes.
        if format == .geoJSON, options.allowNonWGS84GeoJSON || streams.allSatisfy({ $0.crs?.isWGS84 ?? true }),
           let count = try writeGeoJSONStream(streams: streams, to: path,
                                              checkingDegrees: !options.allowNonWGS84GeoJSON) {
            return count
        }
        if format == .geoPackage, let (count, warnings) = try writeGeoPackage(streams: streams, to: path, options: options) {
            warnings.forEach(warn)
            return count
        }
        if format == .flatGeobuf, streams.count == 1, let stream = streams.first {
            if let count = try FlatGeobufWriter.write(stream, wkt: options.wkt(for: stream.crs), to: path, spatialIndex: options.spatialIndex,
                                                      lookahead: flatGeobufLookahead) {
                return count
            }
        }
        if format == .shapefile, streams.count == 1, let stream = streams.first {
            if let count = try ShapefileWriter.write(stream, to: path, prj: options.wkt(for: stream.crs), lookahead: shapefileLookahead) {
                return count
            }
        }
        let layers = try streams.map { stream throws(GeoDataError) in try stream.read() }
        try write(layers, to: path, format: format, options: options).forEach(warn)
        return layers.reduce(0) { $0 + $1.features.count }
    }

    /// Writes layers to a WKB stream as they are read, through a 1 MiB buffer (every record
    /// carries the layers' EPSG code when they share one CRS). A failure removes the partial file
    /// and leaves an existing one as it was.
    static func writeWKBStream(streams: [GeoDataLayerStream], to path: String) throws(GeoDataError) -> Int {
        let crss = Set(streams.map(\.crs))
        let srid = crss.count == 1 ? crss.first.flatMap { $0?.epsgCode }.flatMap { Int32(exactly: $0) } : nil
        var count = 0
        try AtomicFile.write(to: path) { emit throws(GeoDataError) in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 65536)
            // After a failed write the rest is read but not written; AtomicFile then throws the
            // write's error and removes the partial file.
            var writing = true
            func flush() {
                if writing { writing = buffer.withUnsafeBufferPointer { emit($0) } }
                buffer.removeAll(keepingCapacity: true)
            }
            for stream in streams {
                try stream.forEachFeature { f in
                    WKBStream.append(f.geometry, to: &buffer, flavor: .extended(srid: srid))
                    count += 1
                    if buffer.count >= 1 << 20 { flush() }
                }
            }
            flush()
        }
        return count
    }

    /// Writes layers to one GeoJSON FeatureCollection as they are read, in pieces of about 1 MiB
    /// (the CRS checks of declared CRSs are the caller's). A feature it cannot write gives an
    /// error naming its place in the collection; the partial file is then removed and an existing
    /// one left as it was.
    ///
    /// With `checkingDegrees`, each layer without a CRS has its extent kept as the whole-layer
    /// write computes it and checked at the layer's end: one outside longitude and latitude
    /// gives ``GeoDataError/notWGS84(path:layer:crs:)``. Any other failure then returns nil,
    /// leaving nothing behind: the whole-layer write gives its own error, its checks coming
    /// before any feature is written.
    static func writeGeoJSONStream(streams: [GeoDataLayerStream], to path: String,
                                   checkingDegrees: Bool) throws(GeoDataError) -> Int? {
        let checked = checkingDegrees && streams.contains { $0.crs == nil }
        var outsideDegrees: GeoDataError?
        let watched = !checked ? streams : streams.map { stream in
            guard stream.crs == nil else { return stream }
            return GeoDataLayerStream(name: stream.name, crs: nil, statedCount: stream.statedCount) { body throws(GeoDataError) in
                var extent = BoundingBox.empty
                try stream.forEachFeature { (f) throws(GeoDataError) in
                    if let g = f.geometry { extent = extent.union(g.boundingBox) }
                    try body(f)
                }
                // The whole extent only: with NaN limits a partial one can say otherwise.
                if !fitsDegrees(extent) {
                    outsideDegrees = .notWGS84(path: path, layer: stream.name, crs: nil)
                    throw outsideDegrees!
                }
            }
        }
        var count = 0
        do {
            // A piece the file does not take ends the encoding; AtomicFile then throws the
            // write's error and removes the partial file.
            try AtomicFile.write(to: path) { emit throws(GeoDataError) in
                count = try GeoJSON.encode(streams: watched, path: path, pieceSize: 1 << 20, emit: emit).count
            }
        } catch {
            if let outsideDegrees { throw outsideDegrees }
            if checked { return nil }
            throw error
        }
        return count
    }

    /// The features of a streamed layer its GeoPackage table is chosen from before its rows are
    /// written: the table's declared column types are fixed when it is created, so a column null
    /// in every one of these features and typed later makes the write start over.
    public static let streamLookahead = 4096

    /// The features after which a streamed GeoPackage layer may create its table and write its
    /// rows before ``streamLookahead`` are in: when the file's page size is known (a later layer,
    /// a first layer whose rows already come to 4 MiB of geometry, or one whose source states at
    /// least ``streamLookahead`` features), every column has shown its type and the geometry type
    /// is one more rows cannot narrow (several kinds, or a multi-part kind). Waiting for 4,096
    /// features had the writer start after 80 % of the national emd layer was read.
    public static let geoPackageEarlyStart = 256

    /// The features of a streamed layer a FlatGeobuf header is chosen from before the features
    /// are encoded. Fewer than a GeoPackage's: the header is written last, so a column null so far
    /// may still take any type; only a new property or a changed value type (an integer column
    /// meeting a decimal) makes the write start over. Holding fewer features keeps the memory
    /// of the read recycled instead of paged in anew.
    public static let flatGeobufLookahead = 256

    /// The features of a streamed layer a Shapefile's shape type is chosen from before records
    /// are written; only a later geometry of another type (or with heights or measures the
    /// type lacks) makes the write start over. The `.dbf` is written last, from every
    /// feature's properties (its field widths need every value).
    public static let shapefileLookahead = 256

    /// A feature, or the GeoPackage row it is read from, waiting for its layer's table.
    fileprivate enum PendingRow {
        case feature(Feature)
        case row(GeoPackageFeature)
    }

    /// A GeoPackage's declared geometry type for geometries of `kinds`.
    static func typeName(_ kinds: Set<Geometry.Kind>) -> String {
        kinds.count == 1 ? kinds.first!.rawValue.uppercased() : "GEOMETRY"
    }

    /// The `gpkg_spatial_ref_sys` row of a layer in `crs`.
    static func reference(_ crs: CRS?, _ options: GeoDataWriteOptions) -> GeoPackageSpatialReference {
        guard let crs else { return .undefinedCartesian }
        if let (name, wkt) = options.crsDefinition?(crs) { return GeoPackageSpatialReference(crs: crs, name: name, definition: wkt) }
        return GeoPackageSpatialReference(crs: crs)
    }

    /// Writes streamed layers to a GeoPackage row by row: each table is chosen from its first
    /// ``streamLookahead`` features, then every later feature is written as it is read. Returns
    /// nil, leaving nothing behind, when a later feature does not fit the table chosen (a new
    /// property, a decimal in an integer column, another geometry type, an id out of order) or
    /// a later layer needs what the file's start lacks (JSON columns): the caller then writes
    /// the layers whole, which gives the same bytes a streamed write would have.
    static func writeGeoPackage(streams: [GeoDataLayerStream], to path: String,
                                options: GeoDataWriteOptions) throws(GeoDataError) -> (Int, [GeoDataWarning])? {
        var seen = Set<String>()
        for stream in streams where !seen.insert(stream.name.lowercased()).inserted {
            throw .geoPackage(.invalidTable(path: path, table: stream.name, reason: "duplicate layer name"))
        }
        let references = streams.map { reference($0.crs, options) }
        let session: GeoPackageWriter.Session
        do {
            session = try GeoPackageWriter.Session(path: path, spatialIndex: options.spatialIndex, lastChange: GeoPackageWriter.defaultLastChange)
        } catch { throw .geoPackage(error) }
        var warnings: [GeoDataWarning] = []
        var count = 0
        var restart = false
        let stop = GeoDataError.unsupported(path: path, reason: "restarting the write")
        do throws(GeoDataError) {
            if streams.isEmpty {
                try geoPackage { () throws(GeoPackageError) in
                    try session.prepareLayers(any: false, dataColumns: false, references: [],
                                              pageSize: GeoPackageWriter.pageSize(firstLayer: []))
                }
            }
            for (k, stream) in streams.enumerated() {
                var survey = GeoPackageTablePlan.Survey()
                // The rows of a GeoPackage read as it is, their values taken as they are.
                let rows = stream.geoPackageRows.map { GeoPackageTablePlan.RowColumns($0.columns) }
                var pending: [(PendingRow, GeoPackageWriter.PreparedGeometry?)] = []
                var admission: GeoPackageTablePlan.Admission?
                var kinds = Set<Geometry.Kind>()
                var typeName = ""
                var row = 0
                var pages = GeoPackageWriter.PageSizeSurvey()
                // The first layer's page size, once the file is begun (0 before).
                var chosenPageSize = 0
                // The file's page size and core tables, by the first layer: while its first rows
                // are read when its source states enough features to decide the page size
                // (`meanwhile` below), else when its table is settled.
                func beginFile(pageSize: Int) throws(GeoDataError) {
                    try geoPackage { () throws(GeoPackageError) in
                        try session.beginFile(any: true, references: references, pageSize: pageSize)
                    }
                    chosenPageSize = pageSize
                }
                func settled() -> Bool {
                    geoPackageSettled(rows: pending.count, firstLayer: k == 0, pages: pages, statedCount: stream.statedCount,
                                      survey: survey, kinds: kinds)
                }
                func start() throws(GeoDataError) {
                    guard let plan = GeoPackageTablePlan.Admission(table: stream.name, geometryColumn: "geom", survey: survey) else {
                        restart = true
                        throw stop
                    }
                    let json = plan.plan.columns.contains { $0.mimeType != nil }
                    if k > 0, json, !session.dataColumns {
                        restart = true
                        throw stop
                    }
                    typeName = Self.typeName(kinds)
                    let layer = GeoPackageLayer(name: stream.name, geometryTypeName: typeName, spatialReference: references[k],
                                                columns: plan.plan.columns, features: [])
                    if k == 0, chosenPageSize == 0 { try beginFile(pageSize: pages.early(statedCount: stream.statedCount) ?? pages.final) }
                    var admitted = plan
                    try geoPackage { () throws(GeoPackageError) in
                        if k == 0 { try session.declareDataColumns(json) }
                        try session.beginLayer(layer)
                        for (item, geometry) in pending {
                            switch item {
                            case .feature(let f): try session.add(try plan.plan.row(f, at: row), geometry: geometry)
                            case .row(let r): try session.add(try admitted.surveyedRow(r, columns: rows!, at: row), geometry: geometry)
                            }
                            row += 1
                        }
                    }
                    pending = []
                    admission = admitted
                    warnings += plan.plan.warnings.map { GeoDataWarning(path: path, $0) }
                }
                // A feature (or row) read after the table is settled: its geometry's kind kept
                // to the table's type, its row written when it fits the table; else the write
                // starts over.
                func keep(_ geometry: GeoPackageWriter.PreparedGeometry?) throws(GeoDataError) {
                    if k == 0 { pages.observe(positions: geometry?.positions ?? 0) }
                    if let kind = geometry?.kind, !kinds.contains(kind) {
                        kinds.insert(kind)
                        guard Self.typeName(kinds) == typeName else {
                            restart = true
                            throw stop
                        }
                    }
                }
                // One read before: surveyed, and held until the table is settled.
                func hold(_ item: PendingRow, _ geometry: GeoPackageWriter.PreparedGeometry?) throws(GeoDataError) {
                    if k == 0 { pages.observe(positions: geometry?.positions ?? 0) }
                    switch item {
                    case .feature(let f): survey.observe(f)
                    case .row(let r): survey.observe(r, columns: rows!)
                    }
                    if let kind = geometry?.kind { kinds.insert(kind) }
                    pending.append((item, geometry))
                    if pending.count >= streamLookahead || settled() { try start() }
                }
                // Each feature or row, with its geometry prepared: held, or admitted (`admit`,
                // its row or nil when it does not fit) and written. The item is made only to
                // be held.
                func take(_ item: @autoclosure () -> PendingRow, _ geometry: GeoPackageWriter.PreparedGeometry?,
                          admit: (inout GeoPackageTablePlan.Admission) throws(GeoPackageError) -> GeoPackageFeature?) throws(GeoDataError) {
                    guard admission != nil else { return try hold(item(), geometry) }
                    try keep(geometry)
                    let admitted: GeoPackageFeature?
                    do throws(GeoPackageError) { admitted = try admit(&admission!) } catch { throw .geoPackage(error) }
                    guard let admitted else {
                        restart = true
                        throw stop
                    }
                    try geoPackage { () throws(GeoPackageError) in try session.add(admitted, geometry: geometry) }
                    row += 1
                }
                // Geometries are encoded on the reading thread of a stream that reads ahead, while
                // this thread is busy; here otherwise. Those a GeoPackage holds as plain WKB come
                // still encoded and keep their WKB.
                let srsID = references[k].srsID
                let meanwhile = { () throws(GeoDataError) in
                    if k == 0, let size = pages.early(statedCount: stream.statedCount) { try beginFile(pageSize: size) }
                }
                if let rows {
                    let prepare: @Sendable (GeoPackageFeature, EncodedGeometry?) -> GeoPackageWriter.PreparedGeometry? = { r, e in
                        GeoPackageWriter.PreparedGeometry(e, r.geometry, srsID: srsID)
                    }
                    try stream.forEachGeoPackageRow(preparing: prepare, meanwhile: meanwhile) { (r, e, prepared) throws(GeoDataError) in
                        try take(.row(r), prepared ?? prepare(r, e)) { (a) throws(GeoPackageError) in try a.admittedRow(r, columns: rows, at: row) }
                    }
                } else {
                    let prepare: @Sendable (Feature, EncodedGeometry?) -> GeoPackageWriter.PreparedGeometry? = { f, e in
                        GeoPackageWriter.PreparedGeometry(e, f.geometry, srsID: srsID)
                    }
                    try stream.forEachFeatureKeepingWKB(preparing: prepare, meanwhile: meanwhile) { (f, e, prepared) throws(GeoDataError) in
                        try take(.feature(f), prepared ?? prepare(f, e)) { (a) throws(GeoPackageError) in try a.admittedRow(f, at: row) }
                    }
                }
                if admission == nil { try start() }
                // A stated count that was wrong chose a page size the rows do not give.
                if k == 0 && chosenPageSize != pages.final {
                    restart = true
                    throw stop
                }
                try geoPackage { () throws(GeoPackageError) in try session.endLayer() }
                count += row
            }
            try geoPackage { () throws(GeoPackageError) in try session.commit() }
        } catch {
            session.abandon()
            if restart { return nil }
            throw error
        }
        return (count, warnings)
    }

    /// Whether the first `rows` features of a streamed GeoPackage layer settle its table and the
    /// file (see ``geoPackageEarlyStart``): the page size known (not the first layer, or its rows
    /// or stated count decide it), every column typed, and geometries of several kinds or of one
    /// multi-part kind (one single-part kind could still widen to GEOMETRY). A row that does not
    /// fit after all still makes the write start over, so the bytes never depend on this.
    static func geoPackageSettled(rows: Int, firstLayer: Bool, pages: GeoPackageWriter.PageSizeSurvey, statedCount: Int?,
                                  survey: GeoPackageTablePlan.Survey, kinds: Set<Geometry.Kind>) -> Bool {
        guard rows >= geoPackageEarlyStart, !firstLayer || pages.early(statedCount: statedCount) != nil,
              survey.everyColumnTyped else { return false }
        return kinds.count > 1 || kinds.contains { [.multiPoint, .multiLineString, .multiPolygon, .geometryCollection].contains($0) }
    }

    /// `body`'s GeoPackage error as a ``GeoDataError``.
    private static func geoPackage(_ body: () throws(GeoPackageError) -> Void) throws(GeoDataError) {
        do { try body() } catch { throw .geoPackage(error) }
    }

    /// True when `box` lies within longitude -180...180 and latitude -90...90 (or is empty).
    static func fitsDegrees(_ box: BoundingBox) -> Bool {
        box.isEmpty || (box.minX >= -180 && box.maxX <= 180 && box.minY >= -90 && box.maxY <= 90)
    }
}

/// Writing a whole file atomically: a temporary file in the target's folder, renamed into place.
public enum AtomicFile {
    /// Writes `bytes` to `path`; on any failure the temporary file is removed and an existing
    /// file at `path` is untouched.
    /// - Throws: ``GeoDataError/writeFailed(path:reason:)``.
    public static func write(_ bytes: [UInt8], to path: String) throws(GeoDataError) {
        // Straight from the array's storage: no second copy of the bytes.
        try write(to: path, size: bytes.count) { emit throws(GeoDataError) in
            bytes.withUnsafeBufferPointer { _ = emit($0) }
        }
    }

    /// Writes the bytes `produce` hands to its argument, in order, to `path`, atomically as
    /// ``write(_:to:)`` does (the file is never held whole in memory). The argument returns false
    /// when a write failed; `produce` may then stop early, and the failure is thrown.
    ///
    /// - Parameters:
    ///   - path: the file to write (replaced only when the write succeeds).
    ///   - size: the number of bytes `produce` will hand over, when known: the file's space is
    ///     then allocated in one piece before the first byte is written.
    ///   - produce: hands the bytes, in order, to its argument (`emit`).
    public static func write(to path: String, size: Int? = nil,
                             _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Bool) throws(GeoDataError) -> Void)
        throws(GeoDataError) {
        try writeThrough(to: path, size: size, { (file: BufferedFile) throws(GeoDataError) in
            try produce { piece in
                file.append(UnsafeRawBufferPointer(piece))
                return file.isHealthy
            }
        })
    }

    /// Writes the file `produce` writes through a ``BufferedFile`` (which may take pieces to be
    /// written without copying, ``BufferedFile/append(gathering:)``), atomically as above.
    static func writeThrough(to path: String, size: Int? = nil,
                             _ produce: (BufferedFile) throws(GeoDataError) -> Void) throws(GeoDataError) {
        let directory = PathText.deletingLastComponent(path)
        var isDirectory = false
        if !directory.isEmpty, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory) {
            throw .writeFailed(path: path, reason: "folder \(directory) does not exist")
        }
        let temporary = temporaryPath(for: path)
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        // Small pieces (a FlatGeobuf's features) gather in a 1 MiB buffer; large ones go straight through.
        guard let file = BufferedFile(creating: temporary) else {
            throw .writeFailed(path: path, reason: "cannot create a file in \(directory.isEmpty ? "." : directory)")
        }
        if let size { file.reserve(total: size) }
        do {
            try produce(file)
        } catch {
            file.close()
            unlink(temporary)
            throw error
        }
        let failure = file.close() ?? FileReplacement.moveIntoPlace(temporary, at: path)
        guard failure == 0 else {
            let reason = String(cString: strerror(failure))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// `.<name>.<pid>.tmp` beside `path`.
    public static func temporaryPath(for path: String) -> String {
        let directory = PathText.deletingLastComponent(path)
        let name = PathText.lastComponent(path)
        return (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
    }
}
