public import GeoCore
public import GeoIO
internal import GeoProj
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error of a workflow: one line naming the file and the problem.
public struct WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    public var description: String

    /// Creates an error with `message`.
    public init(_ message: String) { description = message }
}

/// Converting geodata between formats and CRSs: GeoIO reads, GeoProj reprojects, GeoIO writes.
///
/// ```swift
/// try GeoConvert.convert(input: "sigungu.geojson", output: "sigungu.gpkg", to: .korea2000Unified)
/// ```
public enum GeoConvert {
    /// Reads every layer of `input` (or the layer `layer`), reprojects it to `target` when given
    /// (from the CRS the file declares, or `source` when it declares none), and writes `output`
    /// atomically. A GeoPackage output records each layer's CRS with PROJ's WKT.
    /// Either side may be a `postgresql://` URL (GeoPostGIS).
    /// - Parameters:
    ///   - input: the file to read (GeoJSON, WKB stream or GeoPackage, by extension).
    ///   - layer: the one layer to read; nil reads every layer.
    ///   - output: the file to write (format by extension).
    ///   - source: the CRS of the input when the file declares none.
    ///   - target: the CRS to reproject to; nil keeps the input's.
    ///   - bbox: keep the features whose bounding box meets it (in the input's CRS).
    ///   - partitions: read a PostGIS input in this many strips over as many connections side by
    ///     side (the same features; with an integer key in the same order); files are read in one pass.
    ///   - allowNonWGS84GeoJSON: write GeoJSON in another CRS anyway (non-standard).
    ///   - warn: called with each change the write made to fit the output format (a GeoPackage
    ///     column renamed, mixed values stored as text).
    ///   - encoding: the text encoding of a Shapefile input (`CP949`, `UTF-8`, ...), overriding
    ///     its `.cpg` and language driver byte.
    ///   - progress: shows the features read of the input's count (when the file states it: a
    ///     GeoPackage, Shapefile or FlatGeobuf), until the output is written; it draws only when
    ///     standard error is a terminal.
    /// - Returns: the layers written.
    @discardableResult
    public static func convert(input: String, layer: String? = nil, output: String, from source: CRS? = nil, to target: CRS? = nil,
                               bbox: BoundingBox? = nil, partitions: Int = 1, allowNonWGS84GeoJSON: Bool = false,
                               encoding: String? = nil, progress: ProgressReporter? = nil,
                               warn: (GeoDataWarning) -> Void = { _ in }) throws -> [GeoDataLayer] {
        GeoDataLocations.registerProviders()
        guard partitions >= 1 else { throw WorkflowError("partitions must be at least 1 (got \(partitions))") }
        // A URL goes to its provider; a file's format comes from its extension.
        let outputFormat: GeoDataFormat? = GeoDataLocations.isURL(output) ? nil : try GeoDataFormat(path: output)
        let reader = try GeoDataSource(path: input, encoding: encoding)
        defer { progress?.finish() }
        var layers: [GeoDataLayer]
        if let progress, progress.canDraw, reader.provided == nil {
            // Files are read in one pass: count the features against the count the file states.
            let infos = try layer.map { [try reader.layer(named: $0)] } ?? reader.layers
            let counts = infos.map(reader.featureCount)
            progress.setTotal(counts.contains(nil) ? 0 : counts.reduce(0) { $0 + ($1 ?? 0) })
            let read: ((Int) -> Void)? = progress.isEnabled ? { progress.update($0) } : nil
            layers = try layer.map { [try reader.readLayer($0, bbox: bbox, read: read)] } ?? reader.readAll(bbox: bbox, read: read)
        } else {
            layers = try layer.map { [try reader.readLayer($0, bbox: bbox, partitions: partitions)] }
                ?? reader.readAll(bbox: bbox, partitions: partitions)
        }
        layers = layers.map(identifyingCRS)
        if let target {
            layers = try layers.map { try reproject($0, from: source, to: target, input: reader.path) }
        } else if let source {
            layers = layers.map { l in
                var l = l
                if l.crs == nil { l.crs = source }
                return l
            }
        }
        let warnings = try GeoDataSink.write(layers, to: output, format: outputFormat,
                                             options: writeOptions(allowNonWGS84GeoJSON: allowNonWGS84GeoJSON))
        progress?.finish()
        warnings.forEach(warn)
        return layers
    }

    /// Converts like ``convert(input:layer:output:from:to:bbox:partitions:allowNonWGS84GeoJSON:encoding:progress:warn:)``
    /// and writes the same bytes, but returns only the number of features written, so that the
    /// features can go from the input to the output as they are read, holding a few at a time
    /// instead of whole layers: any input but a WKB stream (a `postgresql://` table in one part
    /// or in `partitions` strips read side by side) to a GeoPackage, a FlatGeobuf file, a WKB
    /// stream, GeoJSON (layers in WGS 84 or without a CRS, or any CRS when allowed), a Shapefile (whose `.dbf`
    /// keeps the properties until the end) or a `postgresql://` table.
    /// Other conversions read the layers whole, as `convert` does.
    /// - Returns: the number of features written.
    @discardableResult
    public static func write(input: String, layer: String? = nil, output: String, from source: CRS? = nil, to target: CRS? = nil,
                             bbox: BoundingBox? = nil, partitions: Int = 1, allowNonWGS84GeoJSON: Bool = false,
                             encoding: String? = nil, progress: ProgressReporter? = nil,
                             warn: (GeoDataWarning) -> Void = { _ in }) throws -> Int {
        GeoDataLocations.registerProviders()
        guard partitions >= 1 else { throw WorkflowError("partitions must be at least 1 (got \(partitions))") }
        let outputFormat: GeoDataFormat? = GeoDataLocations.isURL(output) ? nil : try GeoDataFormat(path: output)
        // A database table, a GeoPackage, a FlatGeobuf file, a WKB stream, GeoJSON or a
        // Shapefile is written feature by feature while the input is read.
        if outputFormat == nil || outputFormat == .geoPackage || outputFormat == .flatGeobuf || outputFormat == .wkbStream
            || outputFormat == .geoJSON || outputFormat == .shapefile {
            let reader = try GeoDataSource(path: input, encoding: encoding)
            if reader.format != .wkbStream,
               let count = try stream(reader, layer: layer, output: output, format: outputFormat, from: source, to: target,
                                      bbox: bbox, partitions: partitions, allowNonWGS84GeoJSON: allowNonWGS84GeoJSON,
                                      progress: progress, warn: warn) {
                return count
            }
        }
        let layers = try convert(input: input, layer: layer, output: output, from: source, to: target, bbox: bbox, partitions: partitions,
                                 allowNonWGS84GeoJSON: allowNonWGS84GeoJSON, encoding: encoding, progress: progress, warn: warn)
        return layers.reduce(0) { $0 + $1.features.count }
    }

    /// Writes the layers of `reader` to `output` (a provider's location or a GeoPackage) feature
    /// by feature (``GeoDataSink/write(streams:to:format:options:warn:)``), each reprojected on the
    /// way when `target` is given: the same tables as a whole-layer write, with one feature held at
    /// a time. Nil, having written nothing, when a layer declares no CRS and `target` is given
    /// without `source` (the whole-layer write tells whether the layer is empty).
    static func stream(_ reader: GeoDataSource, layer: String?, output: String, format: GeoDataFormat?, from source: CRS?,
                       to target: CRS?, bbox: BoundingBox?, partitions: Int, allowNonWGS84GeoJSON: Bool = false,
                       progress: ProgressReporter?, warn: (GeoDataWarning) -> Void) throws -> Int? {
        let infos = try layer.map { [try reader.layer(named: $0)] } ?? reader.layers
        if target != nil, infos.contains(where: { identify($0.crs) ?? source == nil }) { return nil }
        defer { progress?.finish() }
        // The bar counts features read against the counts the input states; a pass over a layer
        // (again, should the writer start it over) counts from the layers before it.
        var offsets = Array(repeating: 0, count: infos.count)
        if let progress, progress.canDraw {
            let counts = infos.map(reader.featureCount)
            progress.setTotal(counts.contains(nil) ? 0 : counts.reduce(0) { $0 + ($1 ?? 0) })
            for k in infos.indices.dropFirst() { offsets[k] = offsets[k - 1] + (counts[k - 1] ?? 0) }
        }
        var read = 0
        // Each feature read moves the bar (while it draws).
        func counted() {
            read += 1
            if let progress, progress.isEnabled { progress.update(read) }
        }
        var projectionFailure: WorkflowError?
        let readAhead = ProcessInfo.processInfo.activeProcessorCount > 1
        let stopped = GeoDataError.unreadable(path: reader.path, reason: "reprojection failed")
        var streams: [GeoDataLayerStream] = []
        let toGeoPackage = (format ?? (try? GeoDataFormat(path: output))) == .geoPackage
        for (k, info) in infos.enumerated() {
            let declared = identify(info.crs) ?? source
            var crs = declared
            var transformer: Transformer?
            if let target {
                crs = target
                if let declared, declared != target { transformer = try Transformer(from: declared, to: target) }
            }
            let layerBBox = info.isAttributesOnly ? nil : bbox
            let name = info.name
            // A single-layer file takes no layer name.
            let named = reader.format?.isMultiLayer ?? true ? name : nil
            let offset = offsets[k]
            // A GeoPackage output plans by the count the input states (without a bbox, what the
            // stream will deliver); asked only then. A GeoPackage input states it through its
            // R-tree when it has one, which reads a few pages rather than the whole layer.
            let stated = layerBBox == nil && format == .geoPackage ? reader.featureCountHint(info) : nil
            var stream = GeoDataLayerStream(name: name, crs: crs, statedCount: stated) { body throws(GeoDataError) in
                read = offset
                try reader.forEachFeature(layer: named, bbox: layerBBox, partitions: partitions) { (f) throws(GeoDataError) in
                    counted()
                    guard let transformer, let g = f.geometry else { return try body(f) }
                    var out = f
                    do { out.geometry = try transformer.transform(g) } catch {
                        projectionFailure = WorkflowError("\(reader.path): layer \(name): \(error)")
                        throw stopped
                    }
                    try body(out)
                }
            }
            // Kept as the file holds them, a GeoPackage's geometries go to writers that copy
            // WKB's coordinates without being decoded first.
            if transformer == nil, reader.format == .geoPackage {
                stream.wkbSource = { body throws(GeoDataError) in
                    read = offset
                    try reader.forEachFeatureKeepingWKB(layer: named, bbox: layerBBox) { (f, e) throws(GeoDataError) in
                        counted()
                        try body(f, e)
                    }
                }
                // And as rows, whose values a GeoPackage output takes as they are.
                if toGeoPackage, let rows = try reader.geoPackageRows(layer: named, bbox: layerBBox) {
                    stream.geoPackageRows = GeoPackageRows(columns: rows.columns) { body throws(GeoDataError) in
                        read = offset
                        try rows.forEachRow { (r, e) throws(GeoDataError) in
                            counted()
                            try body(r, e)
                        }
                    }
                }
            }
            // With a second core the layer is read (and reprojected) on its own thread while
            // the writer encodes what is already read; the reader, its transformer and the
            // progress bar are used by that thread alone while the stream runs.
            streams.append(readAhead ? stream.readingAhead() : stream)
        }
        do {
            return try GeoDataSink.write(streams: streams, to: output, format: format,
                                         options: writeOptions(allowNonWGS84GeoJSON: allowNonWGS84GeoJSON), warn: warn)
        } catch {
            if let projectionFailure { throw projectionFailure }
            throw error
        }
    }

    /// `crs` identified as an EPSG CRS when PROJ can (as the whole-layer read does), else itself.
    static func identify(_ crs: CRS?) -> CRS? {
        guard let crs else { return nil }
        return identifyingCRS(GeoDataLayer(name: "", collection: FeatureCollection(crs: crs))).crs
    }

    /// `layer` reprojected from its CRS (or `source` when it declares none) to `target`.
    public static func reproject(_ layer: GeoDataLayer, from source: CRS? = nil, to target: CRS, input: String = "") throws -> GeoDataLayer {
        if layer.crs == nil && source == nil && layer.features.isEmpty { return layer }
        guard let from = layer.crs ?? source else {
            throw WorkflowError("\(input): layer \(layer.name) declares no CRS; give the source CRS (--from-crs)")
        }
        var out = layer
        if from == target {
            out.crs = target
            return out
        }
        let transformer = try Transformer(from: from, to: target)
        do {
            out.collection = try transformer.transform(layer.collection)
        } catch {
            throw WorkflowError("\(input): layer \(layer.name): \(error)")
        }
        out.crs = target
        return out
    }

    /// Write options whose GeoPackage CRS definitions come from PROJ (name and WKT 1; see
    /// `CRS.nameAndWKT()`).
    public static func writeOptions(allowNonWGS84GeoJSON: Bool = false) -> GeoDataWriteOptions {
        GeoDataWriteOptions(allowNonWGS84GeoJSON: allowNonWGS84GeoJSON, spatialIndex: true) { crs in
            guard let (name, wkt) = try? crs.nameAndWKT(), let wkt else { return nil }
            return (name, wkt)
        }
    }
}
