#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// A row of `gpkg_spatial_ref_sys`: the coordinate reference system of a layer.
public struct GeoPackageSpatialReference: Hashable, Sendable {
    /// The key used by `gpkg_contents` and `gpkg_geometry_columns` (often the EPSG code).
    public var srsID: Int32
    /// A human-readable name (e.g. `WGS 84 geodetic`).
    public var name: String
    /// The defining organisation (`EPSG`, `NONE`, ...).
    public var organization: String
    /// The code within that organisation (4326, 5179, ...).
    public var organizationCode: Int32
    /// The WKT definition, or `undefined`.
    public var definition: String

    /// Creates a reference.
    public init(srsID: Int32, name: String, organization: String, organizationCode: Int32, definition: String) {
        self.srsID = srsID
        self.name = name
        self.organization = organization
        self.organizationCode = organizationCode
        self.definition = definition
    }

    /// EPSG:4326, WGS 84 longitude/latitude in degrees (the definition GDAL writes).
    public static let wgs84 = GeoPackageSpatialReference(
        srsID: 4326, name: "WGS 84 geodetic", organization: "EPSG", organizationCode: 4326,
        definition: """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
        UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],\
        AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
        """)

    /// The two entries every GeoPackage must have besides EPSG:4326: undefined Cartesian (-1)
    /// and undefined geographic (0).
    public static let undefinedCartesian = GeoPackageSpatialReference(
        srsID: -1, name: "Undefined cartesian SRS", organization: "NONE", organizationCode: -1, definition: "undefined")
    public static let undefinedGeographic = GeoPackageSpatialReference(
        srsID: 0, name: "Undefined geographic SRS", organization: "NONE", organizationCode: 0, definition: "undefined")
}

/// The `data_type` of a `gpkg_contents` row.
public enum GeoPackageDataType: Hashable, Sendable, CustomStringConvertible {
    /// A feature table (geometry and attributes).
    case features
    /// An attributes table (no geometry).
    case attributes
    /// Any other type an extension defines (tiles are not listed by the reader).
    case other(String)

    /// The type of the `data_type` text.
    public init(_ text: String) {
        switch text {
        case "features": self = .features
        case "attributes": self = .attributes
        default: self = .other(text)
        }
    }

    /// The `data_type` text.
    public var rawValue: String {
        switch self {
        case .features: "features"
        case .attributes: "attributes"
        case .other(let t): t
        }
    }

    public var description: String { rawValue }
}

/// A layer listed in `gpkg_contents`, with its geometry column when it is a feature layer.
public struct GeoPackageLayerInfo: Hashable, Sendable {
    /// The table name (the layer name).
    public var tableName: String
    /// `features` or `attributes` (tile layers are not listed).
    public var dataType: GeoPackageDataType
    /// The `identifier` (often the layer name).
    public var identifier: String?
    /// The `description`.
    public var description: String?
    /// The extent recorded in `gpkg_contents`, in layer units, or nil when not recorded.
    public var bounds: BoundingBox?
    /// The geometry column, nil for an attributes table.
    public var geometryColumn: String?
    /// The declared geometry type (`MULTIPOLYGON`, `GEOMETRY`, ...).
    public var geometryTypeName: String?
    /// The layer's reference system, nil when the layer has none.
    public var spatialReference: GeoPackageSpatialReference?
}

/// A stored value: one of SQLite's five storage classes.
public enum GeoPackageValue: Hashable, Sendable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A 64-bit IEEE float.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// The value as a feature property. A BLOB becomes an array of its bytes (as integers 0-255):
    /// `PropertyValue` holds what GeoJSON holds and has no binary case, so written back through
    /// ``GeoPackageLayer/init(name:collection:geometryTypeName:spatialReference:)`` such a value is
    /// a JSON array; keep BLOBs as ``GeoPackageValue/blob(_:)`` in a ``GeoPackageLayer`` to copy
    /// them unchanged. See ``GeoPackageColumn/propertyValue(_:)`` for BOOLEAN and JSON columns.
    public var propertyValue: PropertyValue {
        switch self {
        case .null: .null
        case .integer(let i): .int(i)
        case .real(let d): .double(d)
        case .text(let s): .string(s)
        case .blob(let b): .array(b.map { .int(Int64($0)) })
        }
    }
}

/// An attribute column of a feature table.
public struct GeoPackageColumn: Hashable, Sendable {
    /// The column name.
    public var name: String
    /// The declared type (`INTEGER`, `REAL`, `TEXT`, `BLOB`, `BOOLEAN`, `MEDIUMINT`, `TEXT(5)`, ...).
    public var declaredType: String
    /// The column's `gpkg_data_columns.mime_type` (``jsonMimeType`` for a JSON column), when declared.
    public var mimeType: String?

    /// Creates a column.
    public init(name: String, declaredType: String, mimeType: String? = nil) {
        self.name = name
        self.declaredType = declaredType
        self.mimeType = mimeType
    }
}

/// One row of a feature table.
public struct GeoPackageFeature: Hashable, Sendable {
    /// The feature id (the integer primary key).
    public var fid: Int64
    /// The geometry, nil when the column is NULL.
    public var geometry: Geometry?
    /// The attribute values, in the order of ``GeoPackageLayer/columns``.
    public var values: [GeoPackageValue]

    /// Creates a feature.
    public init(fid: Int64, geometry: Geometry?, values: [GeoPackageValue]) {
        self.fid = fid
        self.geometry = geometry
        self.values = values
    }
}

/// A whole feature layer in memory: what ``GeoPackageReader/readLayer(_:)`` returns and
/// ``GeoPackageWriter`` writes.
public struct GeoPackageLayer: Hashable, Sendable {
    /// The table name.
    public var name: String
    /// The name of the geometry column (`geom` by default).
    public var geometryColumn: String
    /// The declared geometry type (`GEOMETRY`, `POINT`, `MULTIPOLYGON`, ...).
    public var geometryTypeName: String
    /// The layer's reference system.
    public var spatialReference: GeoPackageSpatialReference
    /// The attribute columns (the primary key and the geometry column are not included).
    public var columns: [GeoPackageColumn]
    /// The rows in `fid` order.
    public var features: [GeoPackageFeature]

    /// Creates a layer.
    public init(name: String, geometryColumn: String = "geom", geometryTypeName: String = "GEOMETRY",
                spatialReference: GeoPackageSpatialReference = .wgs84,
                columns: [GeoPackageColumn], features: [GeoPackageFeature]) {
        self.name = name
        self.geometryColumn = geometryColumn
        self.geometryTypeName = geometryTypeName
        self.spatialReference = spatialReference
        self.columns = columns
        self.features = features
    }

    /// What ``init(name:collection:geometryTypeName:spatialReference:)`` changed to fit the
    /// features into a table (renamed columns, mixed types); empty for a layer built from columns.
    public var warnings: [GeoPackageWarning] = []

    /// Builds a layer from features, deciding as GDAL does when it copies GeoJSON into a
    /// GeoPackage: one column per property key (sorted), typed `BOOLEAN`, `INTEGER` (64-bit,
    /// exact), `REAL`, `TEXT`, or JSON (`TEXT` declared `application/json`, for arrays and
    /// objects); mixed columns fall back to `REAL` or `TEXT`; names that clash with `fid`, `geom`
    /// or each other (ignoring case) get a numeric suffix. Integer ids that are all present and
    /// distinct become the `fid`; other ids (strings) go to an `id` column. Each such change is
    /// listed in ``warnings``.
    /// - Throws: ``GeoPackageError/unsupportedValue(table:row:column:kind:)`` for an array or
    ///   object holding a non-finite number (JSON has none).
    public init(name: String, collection: FeatureCollection, geometryTypeName: String = "GEOMETRY",
                spatialReference: GeoPackageSpatialReference = .wgs84) throws(GeoPackageError) {
        let plan = try GeoPackageTablePlan(table: name, geometryColumn: "geom", collection: collection)
        self.init(name: name, geometryTypeName: geometryTypeName, spatialReference: spatialReference,
                  columns: plan.columns, features: plan.features)
        warnings = plan.warnings
    }

    /// The layer as features: `id` is the fid, properties hold every column (NULL as `.null`,
    /// read as each column declares: see ``GeoPackageColumn/propertyValue(_:)``).
    public var featureCollection: FeatureCollection {
        let kinds = columns.map { (isBoolean: $0.isBoolean, isJSON: $0.isJSON) }
        return FeatureCollection(features.map { f in
            var props = [String: PropertyValue](minimumCapacity: columns.count)
            for (i, v) in f.values.enumerated() where i < columns.count {
                props[columns[i].name] = GeoPackageColumn.propertyValue(v, isBoolean: kinds[i].isBoolean, isJSON: kinds[i].isJSON)
            }
            return Feature(id: .int(f.fid), geometry: f.geometry, properties: props)
        }, crs: spatialReference.crs)
    }

    /// The index of the column named `name`, or nil.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

extension GeoPackageSpatialReference {
    /// The reference system as GeoTwin's `CRS`: the EPSG code when the organisation is EPSG,
    /// else the WKT definition; nil for the undefined systems.
    public var crs: CRS? {
        if organization.uppercased() == "EPSG", organizationCode > 0 { return CRS(epsg: Int(organizationCode)) }
        let text = definition.trimmingWhitespacesAndNewlines()
        guard !text.isEmpty, text.lowercased() != "undefined" else { return nil }
        return CRS(text)
    }

    /// The row for `crs`: EPSG codes keep their code as `srs_id`; `definition` is its WKT
    /// (GeoProj's `ResolvedCRS.wkt`), else the CRS's own definition text, else `undefined`.
    /// A CRS without an EPSG code gets `srs_id` 100000 (the first id GDAL uses for custom systems).
    public init(crs: CRS, name: String? = nil, definition: String? = nil) {
        if crs.isWGS84 && definition == nil {
            self = .wgs84
            return
        }
        let code = crs.epsgCode.flatMap { Int32(exactly: $0) }
        self.init(srsID: code ?? 100_000, name: name ?? crs.description, organization: code == nil ? "NONE" : "EPSG",
                  organizationCode: code ?? 100_000, definition: definition ?? crs.definition ?? "undefined")
    }
}
