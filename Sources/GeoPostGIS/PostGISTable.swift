import GeoCore
import GeoIO

/// A PostGIS table read as a layer: where it is, its geometry column and SRID, its feature id
/// column and its attribute columns with the type each is read as.
struct PostGISTable: Hashable, Sendable {
    /// How an attribute column is selected and decoded.
    enum Kind: Hashable, Sendable {
        /// `smallint`, `integer`, `bigint`: read as `bigint`.
        case integer
        /// `real`, `double precision`, `numeric`: read as `double precision`.
        case double
        /// `boolean`.
        case boolean
        /// `json`, `jsonb`: read as JSON text and parsed (arrays and objects stay structured).
        case json
        /// Anything else: its text form.
        case text
    }

    /// An attribute column.
    struct Column: Hashable, Sendable {
        var name: String
        var kind: Kind
    }

    var schema: String
    var table: String
    /// The layer name: the table, or `schema.table` outside the connection's current schema.
    var layerName: String
    var geometryColumn: String
    /// The column's SRID (0: none).
    var srid: Int32
    /// The declared geometry type (`MULTIPOLYGON`, `POINT Z`, `GEOMETRY`).
    var geometryTypeName: String
    /// The single-column primary key, read as the feature id, and whether it is text.
    var idColumn: (name: String, isText: Bool)?
    var columns: [Column]

    static func == (a: PostGISTable, b: PostGISTable) -> Bool {
        a.schema == b.schema && a.table == b.table && a.geometryColumn == b.geometryColumn
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(schema)
        hasher.combine(table)
        hasher.combine(geometryColumn)
    }

    var qualifiedName: String { PG.qualified(schema, table) }
    var quotedGeometry: String { PG.quote(geometryColumn) }
    var crs: CRS? { srid > 0 ? CRS(epsg: Int(srid)) : nil }

    var info: GeoDataLayerInfo { GeoDataLayerInfo(name: layerName, geometryTypeName: geometryTypeName, crs: crs) }

    /// The value that puts a row in a strip of a partitioned read: the x of its bounding box's
    /// centre, from the box PostGIS keeps with the geometry (NULL for a null or empty geometry).
    var partitionKey: String { "((ST_XMin(\(quotedGeometry)::box3d) + ST_XMax(\(quotedGeometry)::box3d)) / 2)" }

    /// The select list: id (when any), EWKB geometry, then the attributes.
    var selectList: String {
        var items: [String] = []
        if let id = idColumn { items.append(PG.quote(id.name) + (id.isText ? "::text" : "::bigint")) }
        items.append("ST_AsEWKB(\(quotedGeometry))")
        for c in columns {
            let q = PG.quote(c.name)
            switch c.kind {
            case .integer: items.append(q + "::bigint")
            case .double: items.append(q + "::double precision")
            case .boolean: items.append(q)
            case .json, .text: items.append(q + "::text")
            }
        }
        return items.joined(separator: ", ")
    }

    /// The SQL condition keeping rows whose geometry's bounding box meets the box bound to
    /// parameters `$first`...`$first+3` (minX, minY, maxX, maxY): the GiST-indexed `&&` on the
    /// envelope, then the exact double-precision bounds (`&&` compares float4-rounded boxes).
    func bboxCondition(firstParameter p: Int) -> String {
        let g = quotedGeometry
        return "\(g) && ST_MakeEnvelope($\(p)::float8, $\(p + 1)::float8, $\(p + 2)::float8, $\(p + 3)::float8, \(srid))"
            + " AND ST_XMin(\(g)::box3d) <= $\(p + 2)::float8 AND ST_XMax(\(g)::box3d) >= $\(p)::float8"
            + " AND ST_YMin(\(g)::box3d) <= $\(p + 3)::float8 AND ST_YMax(\(g)::box3d) >= $\(p + 1)::float8"
    }

    static func bboxParameters(_ box: BoundingBox) -> [String?] {
        [PG.parameter(box.minX), PG.parameter(box.minY), PG.parameter(box.maxX), PG.parameter(box.maxY)]
    }

    /// The feature of one fetched row.
    func feature(_ result: PGResult, row r: Int, location: PostGISLocation) throws(GeoDataError) -> Feature {
        var c = 0
        var id: FeatureID?
        if let idColumn {
            if idColumn.isText {
                id = result.text(r, 0).map { .string($0) }
            } else {
                id = result.int64(r, 0).map { .int($0) }
            }
            c = 1
        }
        var geometry: Geometry?
        if let bytes = result.bytes(r, c) {
            do { geometry = try WKB.decode(bytes) } catch {
                throw .provider(location: location.redacted, reason: "\(layerName): row \(r): bad geometry: \(error)")
            }
        }
        c += 1
        var properties = [String: PropertyValue](minimumCapacity: columns.count)
        for column in columns {
            defer { c += 1 }
            if result.isNull(r, c) {
                properties[column.name] = .null
                continue
            }
            switch column.kind {
            case .integer: properties[column.name] = result.int64(r, c).map { .int($0) } ?? .null
            case .double: properties[column.name] = result.double(r, c).map { .double($0) } ?? .null
            case .boolean: properties[column.name] = result.bool(r, c).map { .bool($0) } ?? .null
            case .text: properties[column.name] = result.text(r, c).map { .string($0) } ?? .null
            case .json: properties[column.name] = try Self.json(result.text(r, c) ?? "null", column: column.name, location: location)
            }
        }
        return Feature(id: id, geometry: geometry, properties: properties)
    }

    /// Parses a JSON value with GeoIO's JSON reader (as the one property of a feature).
    static func json(_ text: String, column: String, location: PostGISLocation) throws(GeoDataError) -> PropertyValue {
        let wrapped = #"{"type":"Feature","geometry":null,"properties":{"v":"# + text + "}}"
        do {
            return try GeoJSON.decodeFeature(Array(wrapped.utf8)).properties["v"] ?? .null
        } catch {
            throw .provider(location: location.redacted, reason: "column \(column): cannot read its JSON value: \(error)")
        }
    }

    /// The attribute kind of a PostgreSQL type name (`pg_type.typname`).
    static func kind(typeName: String) -> Kind {
        switch typeName {
        case "int2", "int4", "int8": .integer
        case "float4", "float8", "numeric": .double
        case "bool": .boolean
        case "json", "jsonb": .json
        default: .text
        }
    }
}
