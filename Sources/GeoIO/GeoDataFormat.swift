#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// The geodata formats GeoTwin opens and writes through ``GeoDataSource`` and ``GeoDataSink``,
/// chosen by file extension.
public enum GeoDataFormat: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// GeoJSON (RFC 7946), `.geojson` or `.json`: one layer, always EPSG:4326.
    case geoJSON = "GeoJSON"
    /// A stream of length-prefixed (E)WKB records (``WKBStream``), `.wkb`: one layer, geometry only.
    case wkbStream = "WKB stream"
    /// An OGC GeoPackage, `.gpkg`: several layers with attributes and a CRS each.
    case geoPackage = "GeoPackage"
    /// GeoJSON text sequences (``GeoJSONSeq``): one Feature per line, `.geojsonl` or `.ndjson`,
    /// or RS-separated records (RFC 8142), `.geojsons`; one layer, always EPSG:4326.
    case geoJSONSeq = "GeoJSONSeq"
    /// An ESRI Shapefile, `.shp` with its `.shx`, `.dbf`, `.prj` and `.cpg`: one layer of one
    /// geometry type, attributes in dBASE fields.
    case shapefile = "ESRI Shapefile"
    /// FlatGeobuf, `.fgb`: one layer with attributes, a CRS and a packed Hilbert R-tree index.
    case flatGeobuf = "FlatGeobuf"

    /// The file extensions of the format, the first being the one written by default.
    public var extensions: [String] {
        switch self {
        case .geoJSON: ["geojson", "json"]
        case .wkbStream: ["wkb"]
        case .geoPackage: ["gpkg"]
        case .geoJSONSeq: ["geojsonl", "geojsons", "ndjson"]
        case .shapefile: ["shp"]
        case .flatGeobuf: ["fgb"]
        }
    }

    /// True when the format holds several layers.
    public var isMultiLayer: Bool { self == .geoPackage }

    public var description: String { rawValue }

    /// The format of `path` from its extension (case-insensitive).
    /// - Throws: ``GeoDataError/unknownFormat(path:)``.
    public init(path: String) throws(GeoDataError) {
        let ext = PathText.pathExtension(path).lowercased()
        guard let format = Self.allCases.first(where: { $0.extensions.contains(ext) }) else {
            throw .unknownFormat(path: path)
        }
        self = format
    }
}

/// One layer of features: its name, its features (with the collection's `CRS`).
public struct GeoDataLayer: Hashable, Sendable {
    /// The layer name (the file name without its extension for single-layer formats).
    public var name: String
    /// The features in file order, with the layer's CRS when the file declares or implies one.
    public var collection: FeatureCollection

    /// Creates a layer.
    public init(name: String, collection: FeatureCollection) {
        self.name = name
        self.collection = collection
    }

    /// The features.
    public var features: [Feature] {
        get { collection.features }
        set { collection.features = newValue }
    }

    /// The layer's CRS, when known.
    public var crs: CRS? {
        get { collection.crs }
        set { collection.crs = newValue }
    }
}

/// What a layer holds, without its features: from a GeoPackage's tables, or from a read of the
/// whole layer for single-layer formats.
public struct GeoDataLayerInfo: Hashable, Sendable {
    /// The layer name.
    public var name: String
    /// The declared geometry type (`MULTIPOLYGON`, `GEOMETRY`, ...), nil when none is declared.
    public var geometryTypeName: String?
    /// The layer's CRS, when known.
    public var crs: CRS?
    /// True for a layer of attributes only (a GeoPackage `attributes` table).
    public var isAttributesOnly: Bool

    /// Creates a description.
    public init(name: String, geometryTypeName: String? = nil, crs: CRS? = nil, isAttributesOnly: Bool = false) {
        self.name = name
        self.geometryTypeName = geometryTypeName
        self.crs = crs
        self.isAttributesOnly = isAttributesOnly
    }
}

/// A summary of one layer: feature count, geometry types, CRS and extent (what `geotwin info`
/// prints), computed in one pass over the features.
public struct GeoDataLayerSummary: Hashable, Sendable {
    /// The layer name.
    public var name: String
    /// The number of features.
    public var featureCount: Int
    /// Features per geometry type (`Polygon`, `MultiPolygon`, ...).
    public var geometryTypes: [Geometry.Kind: Int]
    /// Features without a geometry.
    public var nullGeometries: Int
    /// The layer's CRS, when known.
    public var crs: CRS?
    /// The bounding box of every geometry, or `BoundingBox/empty`.
    public var extent: BoundingBox

    /// Summarises `layer`.
    public init(_ layer: GeoDataLayer) {
        name = layer.name
        featureCount = 0
        geometryTypes = [:]
        nullGeometries = 0
        crs = layer.crs
        extent = .empty
        for f in layer.features { add(f) }
    }
}

/// An error opening, reading or writing geodata through ``GeoDataSource`` / ``GeoDataSink``:
/// one line naming the file and the problem, with the place inside the file when known.
public enum GeoDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extension names no format GeoTwin knows.
    case unknownFormat(path: String)
    /// The file cannot be read (missing, a folder, no permission).
    case unreadable(path: String, reason: String)
    /// The bytes are not valid in the format (`error` says what and where).
    case malformed(path: String, error: GeoIOError)
    /// A GeoPackage error (it names the file, table, row and column).
    case geoPackage(GeoPackageError)
    /// No layer of that name; `available` lists the layers there are.
    case unknownLayer(path: String, layer: String, available: [String])
    /// A multi-layer source was asked for its only layer but has several.
    case ambiguousLayer(path: String, available: [String])
    /// A layer name was given for a single-layer format.
    case layerNameNotApplicable(path: String, format: GeoDataFormat)
    /// A WKB stream whose records declare different SRIDs (`srids` lists them, in order of appearance).
    case mixedSRIDs(path: String, srids: [Int32])
    /// GeoJSON can only hold WGS 84 longitude/latitude (RFC 7946); the layer is in `crs`.
    case notWGS84(path: String, layer: String, crs: CRS?)
    /// The output could not be written or moved into place; an existing file is untouched.
    case writeFailed(path: String, reason: String)
    /// A ``GeoDataProvider``'s location failed (`location` with its password masked).
    case provider(location: String, reason: String)
    /// A binary file (Shapefile, FlatGeobuf) is malformed; the error names the file, the place
    /// (byte, record, field) and the problem.
    case invalidFile(FileFormatError)
    /// The layers cannot be written in the format (`reason` says why, e.g. mixed geometry types
    /// in a Shapefile).
    case unsupported(path: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .unknownFormat(let p):
            let known = GeoDataFormat.allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
            return "\(p): unknown format (expected \(known))"
        case .unreadable(let p, let r): return "\(p): cannot read file (\(r))"
        case .malformed(let p, let e): return "\(p): \(e)"
        case .geoPackage(let e): return e.description
        case .unknownLayer(let p, let l, let a): return "\(p): no layer named '\(l)' (layers: \(a.joined(separator: ", ")))"
        case .ambiguousLayer(let p, let a): return "\(p): several layers, name one of \(a.joined(separator: ", "))"
        case .layerNameNotApplicable(let p, let f): return "\(p): a \(f) file has one layer; no layer name applies"
        case .mixedSRIDs(let p, let s):
            return "\(p): records declare different SRIDs (\(s.map(String.init).joined(separator: ", "))); split the stream by SRID"
        case .notWGS84(let p, let l, let c):
            return "\(p): layer \(l) is in \(c?.description ?? "an unknown CRS"), but GeoJSON holds WGS 84 longitude/latitude only "
                + "(RFC 7946): reproject to EPSG:4326 first, or write it anyway with the non-standard option"
        case .writeFailed(let p, let r): return "\(p): cannot write (\(r)); an existing file is untouched"
        case .provider(let l, let r): return "\(l): \(r)"
        case .invalidFile(let e): return e.description
        case .unsupported(let p, let r): return "\(p): \(r)"
        }
    }
}

extension GeoDataError: LocalizedError {
    /// The same text as `description`.
    public var errorDescription: String? { description }
    /// The same text as `description` (also without Foundation, which defines it for every error).
    public var localizedDescription: String { description }
}
