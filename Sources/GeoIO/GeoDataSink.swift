import Foundation
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
}

/// One way to write geodata: layers to a file whose format is chosen by its extension, always
/// atomically (a temporary file beside the target, renamed into place), so a failure never
/// leaves a partial file nor touches an existing one.
///
/// - GeoJSON: one FeatureCollection of every layer's features; WGS 84 only (RFC 7946) unless
///   ``GeoDataWriteOptions/allowNonWGS84GeoJSON`` is set.
/// - WKB stream: one EWKB record per feature (a null geometry as an empty record), geometry only,
///   with the layers' EPSG code as SRID when they share one.
/// - GeoPackage: one table per layer with its attributes and CRS, and an R-tree index.
///
/// ```swift
/// let layer = try GeoDataSource(path: "in.geojson").readLayer()
/// try GeoDataSink.write([layer], to: "out.gpkg")
/// ```
public enum GeoDataSink {
    /// Writes `layers` to `path` in `format` (nil: from the extension).
    /// - Throws: ``GeoDataError`` naming the file and the problem.
    public static func write(_ layers: [GeoDataLayer], to path: String, format: GeoDataFormat? = nil,
                             options: GeoDataWriteOptions = GeoDataWriteOptions()) throws(GeoDataError) {
        let format: GeoDataFormat = if let format { format } else { try GeoDataFormat(path: path) }
        switch format {
        case .geoJSON:
            if !options.allowNonWGS84GeoJSON {
                for layer in layers where !(layer.crs?.isWGS84 ?? false) {
                    // A layer without a declared CRS is accepted when its coordinates fit degrees.
                    if layer.crs == nil, Self.fitsDegrees(layer.collection.boundingBox) { continue }
                    throw .notWGS84(path: path, layer: layer.name, crs: layer.crs)
                }
            }
            let collection = FeatureCollection(layers.flatMap(\.features), crs: .wgs84)
            let text: String
            do { text = try GeoJSON.encode(collection) } catch { throw .malformed(path: path, error: error) }
            try AtomicFile.write(Array(text.utf8) + [0x0A], to: path)
        case .wkbStream:
            let crss = Set(layers.map(\.crs))
            let srid = crss.count == 1 ? crss.first.flatMap { $0?.epsgCode }.flatMap { Int32(exactly: $0) } : nil
            try AtomicFile.write(WKBStream.write(layers.flatMap(\.features).map(\.geometry), flavor: .extended(srid: srid)), to: path)
        case .geoPackage:
            do {
                let tables = try layers.map { layer throws(GeoPackageError) in
                    let kinds = Set(layer.features.compactMap { $0.geometry?.kind.rawValue.uppercased() })
                    let reference: GeoPackageSpatialReference = if let crs = layer.crs {
                        if let (name, wkt) = options.crsDefinition?(crs) {
                            GeoPackageSpatialReference(crs: crs, name: name, definition: wkt)
                        } else {
                            GeoPackageSpatialReference(crs: crs)
                        }
                    } else {
                        .undefinedCartesian
                    }
                    return try GeoPackageLayer(name: layer.name, collection: layer.collection,
                                               geometryTypeName: kinds.count == 1 ? kinds.first ?? "GEOMETRY" : "GEOMETRY",
                                               spatialReference: reference)
                }
                try GeoPackageWriter.write(tables, to: path, spatialIndex: options.spatialIndex)
            } catch {
                throw .geoPackage(error)
            }
        }
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
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw .writeFailed(path: path, reason: "folder \(directory) does not exist")
        }
        let temporary = temporaryPath(for: path)
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw .writeFailed(path: path, reason: "cannot create a file in \(directory.isEmpty ? "." : directory)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// `.<name>.<pid>.tmp` beside `path`.
    public static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
    }
}
