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

    /// The format of `path` from its extension (case-insensitive).
    init(path: String) throws(CLIError) {
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": self = .geoJSON
        case "wkb": self = .wkbStream
        default:
            throw CLIError("\(path): unknown format (expected .geojson, .json or .wkb)")
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
        let bytes = try bytes(at: path)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do throws(GeoIOError) {
            switch format {
            case .geoJSON:
                let object = try GeoJSON.decode(bytes)
                return (format, [GeoLayer(name: name, features: object.features, crs: "EPSG:4326")])
            case .wkbStream:
                let records = try WKBStream.readWithSRID(bytes)
                let srids = Set(records.compactMap(\.srid))
                let crs = srids.count == 1 ? srids.first.map { "EPSG:\($0)" } : nil
                let features = records.map { Feature(geometry: $0.geometry) }
                return (format, [GeoLayer(name: name, features: features, crs: crs)])
            }
        } catch {
            throw CLIError("\(path): \(error)")
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
        }
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
