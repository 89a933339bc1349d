import ArgumentParser
import Foundation
import GeoTwin

/// A failure the CLI reports as one line `geotwin: error: <message>` on stderr.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    var description: String

    init(_ message: String) { description = message }
}

/// Runs `body`; on any error prints one line `geotwin: error: ...` to stderr and exits with 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(error)
        throw ExitCode(1)
    }
}

/// Prints `geotwin: error: <error>` as one line on stderr.
func printError(_ error: any Error) {
    let message = String(describing: error).replacingOccurrences(of: "\n", with: " ")
    FileHandle.standardError.write(Data("geotwin: error: \(message)\n".utf8))
}

/// The geodata file formats the CLI reads and writes, chosen by file extension.
enum GeoFileFormat: String, CaseIterable {
    /// GeoJSON (RFC 7946), `.geojson` or `.json`; always EPSG:4326.
    case geoJSON = "GeoJSON"
    /// A stream of length-prefixed WKB records (``WKBStream``), `.wkb`.
    case wkbStream = "WKB stream"
    /// An OGC GeoPackage (`.gpkg`): several layers with attributes and a CRS each.
    case geoPackage = "GeoPackage"

    /// The format of `path` from its extension (case-insensitive).
    init(path: String) throws(CLIError) {
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": self = .geoJSON
        case "wkb": self = .wkbStream
        case "gpkg": self = .geoPackage
        default:
            throw CLIError("\(path): unknown format (expected .geojson, .json, .wkb or .gpkg)")
        }
    }
}

/// One layer of features read from a file.
struct GeoLayer {
    /// The layer name (the file name without extension for single-layer formats).
    var name: String
    /// The features, in file order.
    var features: [Feature]
    /// The CRS as `EPSG:<code>` when the file says or implies it, else `nil`.
    var crs: String?
}

/// Reading and writing whole files in any ``GeoFileFormat``.
enum GeoFile {
    /// The bytes of the file at `path`.
    static func bytes(at path: String) throws(CLIError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read file")
        }
        return [UInt8](data)
    }

    /// Reads every layer of the file at `path`.
    static func read(_ path: String) throws(CLIError) -> (format: GeoFileFormat, layers: [GeoLayer]) {
        let format = try GeoFileFormat(path: path)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        switch format {
        case .geoPackage:
            return (format, try readGeoPackage(path))
        case .geoJSON:
            let bytes = try bytes(at: path)
            do throws(GeoIOError) {
                let object = try GeoJSON.decode(bytes)
                return (format, [GeoLayer(name: name, features: object.features, crs: "EPSG:4326")])
            } catch {
                throw CLIError("\(path): \(error)")
            }
        case .wkbStream:
            let bytes = try bytes(at: path)
            do throws(GeoIOError) {
                let records = try WKBStream.readWithSRID(bytes)
                let srids = Set(records.compactMap(\.srid))
                let crs = srids.count == 1 ? srids.first.map { "EPSG:\($0)" } : nil
                let features = records.map { Feature(geometry: $0.geometry) }
                return (format, [GeoLayer(name: name, features: features, crs: crs)])
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
    }

    /// Encodes `layers` in `format`: GeoJSON writes one FeatureCollection of every feature; a WKB
    /// stream writes one EWKB record per feature (null geometry as an empty record), with SRID
    /// 4326 when the source CRS is EPSG:4326, and keeps geometry only.
    static func encode(_ layers: [GeoLayer], as format: GeoFileFormat) throws(CLIError) -> [UInt8] {
        let features = layers.flatMap(\.features)
        switch format {
        case .geoJSON:
            do throws(GeoIOError) {
                return Array(try GeoJSON.encode(FeatureCollection(features)).utf8) + [0x0A]
            } catch {
                throw CLIError("cannot write GeoJSON: \(error)")
            }
        case .wkbStream:
            let srid = Set(layers.map(\.crs)).count == 1 ? layers.first?.crs.flatMap(Self.epsgCode) : nil
            return WKBStream.write(features.map(\.geometry), flavor: .extended(srid: srid))
        case .geoPackage:
            throw CLIError("a GeoPackage is written in place, not encoded to bytes")
        }
    }

    /// Every layer of a GeoPackage (feature layers and attribute tables), with its CRS as
    /// `EPSG:<code>` when the layer's reference system is an EPSG one.
    static func readGeoPackage(_ path: String) throws(CLIError) -> [GeoLayer] {
        do throws(GeoPackageError) {
            let reader = try GeoPackageReader(path: path)
            return try reader.layers.map { info throws(GeoPackageError) in try geoLayer(reader, info) }
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// One layer of the file at `path`: for a GeoPackage the feature layer `name` (or its only
    /// feature layer), read alone; for single-layer formats the file's layer (`name` must be nil).
    static func readLayer(_ path: String, named name: String?) throws(CLIError) -> GeoLayer {
        guard try GeoFileFormat(path: path) == .geoPackage else {
            if name != nil { throw CLIError("--layer applies to GeoPackage files only") }
            let (_, layers) = try read(path)
            guard let only = layers.first else { throw CLIError("\(path): no layer") }
            return only
        }
        let reader: GeoPackageReader
        do { reader = try GeoPackageReader(path: path) } catch { throw CLIError("\(error)") }
        let featureLayers = reader.layers.filter { $0.dataType == "features" }
        let names = featureLayers.map(\.tableName).joined(separator: ", ")
        let info: GeoPackageLayerInfo
        if let name {
            guard let named = reader.layer(named: name) else {
                throw CLIError("\(path): no layer named '\(name)' (layers: \(names))")
            }
            info = named
        } else {
            guard featureLayers.count == 1, let only = featureLayers.first else {
                throw CLIError("\(path): give --layer, one of \(names)")
            }
            info = only
        }
        do { return try geoLayer(reader, info) } catch { throw CLIError("\(error)") }
    }

    /// A GeoPackage layer as features with its CRS as `EPSG:<code>` when it is an EPSG one.
    private static func geoLayer(_ reader: GeoPackageReader, _ info: GeoPackageLayerInfo) throws(GeoPackageError) -> GeoLayer {
        let layer = try reader.readLayer(info.tableName)
        let crs = info.spatialReference.flatMap { srs in
            srs.organization.uppercased() == "EPSG" && srs.organizationCode > 0 ? "EPSG:\(srs.organizationCode)" : nil
        }
        return GeoLayer(name: info.tableName, features: layer.featureCollection.features, crs: crs)
    }

    /// Writes `layers` to `path` in `format`, atomically (a temporary file renamed into place).
    /// A GeoPackage gets one table per layer, with the layer's CRS (an EPSG code, its WKT from
    /// PROJ) or the undefined Cartesian system when the CRS is unknown.
    static func write(_ layers: [GeoLayer], as format: GeoFileFormat, to path: String) throws(CLIError) {
        guard format == .geoPackage else {
            try writeAtomically(try encode(layers, as: format), to: path)
            return
        }
        do {
            let tables = try layers.map { layer in
                let kinds = Set(layer.features.compactMap { $0.geometry?.kind.rawValue.uppercased() })
                return try GeoPackageLayer(name: layer.name, collection: FeatureCollection(layer.features),
                                           geometryTypeName: kinds.count == 1 ? kinds.first ?? "GEOMETRY" : "GEOMETRY",
                                           spatialReference: try spatialReference(layer.crs))
            }
            try GeoPackageWriter.write(tables, to: path, spatialIndex: true)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// The GeoPackage reference system for `EPSG:<code>` (or any PROJ definition).
    static func spatialReference(_ crs: String?) throws -> GeoPackageSpatialReference {
        guard let crs else { return .undefinedCartesian }
        if crs == "EPSG:4326" { return .wgs84 }
        let resolved = try CRS(crs)
        guard let code = resolved.epsgCode, let wkt = resolved.wkt else {
            throw CLIError("CRS \(crs) has no EPSG code; a GeoPackage layer needs one")
        }
        return GeoPackageSpatialReference(srsID: Int32(code), name: resolved.name, organization: "EPSG",
                                          organizationCode: Int32(code), definition: wkt)
    }

    /// The code of an `EPSG:<code>` string.
    static func epsgCode(_ crs: String) -> Int32? {
        guard crs.hasPrefix("EPSG:") else { return nil }
        return Int32(crs.dropFirst(5))
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then a rename,
    /// so a failure never leaves a partial or stale-named output behind.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CLIError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CLIError("\(path): cannot write file")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIError("\(path): cannot move the written file into place")
        }
    }
}
