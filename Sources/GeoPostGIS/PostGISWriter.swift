import Foundation
import GeoCore
import GeoIO

/// Writes layers to PostGIS tables in one transaction: each table is created under a temporary
/// name with typed columns and a `geometry(type, srid)` column, filled by a binary
/// `COPY ... FROM STDIN` of EWKB and values, given its primary key and GiST index, and analysed;
/// only then is an existing table of that name dropped and the new one renamed into place, and
/// the transaction committed. Any failure (a feature the server refuses, a lost connection)
/// rolls everything back and leaves existing tables as they were.
///
/// Column types follow the values: only integers → `bigint`, integers and doubles → `double
/// precision`, strings → `text`, booleans → `boolean`; arrays, objects and columns mixing kinds →
/// `jsonb`. Integer feature ids (unique) become the `bigint` primary key `fid`; other unique ids
/// a `text` key; without ids the rows are numbered from 1.
public enum PostGISWriter {
    /// Bytes of COPY data sent per message.
    static let chunkSize = 1 << 20

    /// Writes `layers` to `location`: to its `table=` (one layer only), else each to a table named
    /// after the layer, in its `schema=` (default: the current schema), geometry column
    /// `geometry=` (default `geom`).
    /// - Parameters:
    ///   - layers: the layers to write.
    ///   - location: the database, schema and table (or none, for a table per layer).
    ///   - spatialIndex: give each table a GiST index on its geometry column.
    /// - Throws: `GeoDataError/provider(location:reason:)` naming the table and the problem.
    public static func write(_ layers: [GeoDataLayer], to location: PostGISLocation, spatialIndex: Bool = true) throws(GeoDataError) {
        if location.table != nil, layers.count != 1 {
            throw .provider(location: location.redacted,
                            reason: "table= names one table but there are \(layers.count) layers (\(layers.map(\.name).joined(separator: ", "))); write one layer, or leave out table= to write each to a table named after it")
        }
        let connection = try PGConnection(location)
        var schema = location.schema ?? "public"
        if location.schema == nil {
            schema = try connection.strings("SELECT current_schema()", what: "reading the current schema").first?[0] ?? "public"
        }
        try connection.execute("BEGIN", what: "starting the write")
        do throws(GeoDataError) {
            for layer in layers {
                try write(layer, table: location.table ?? layer.name, schema: schema, spatialIndex: spatialIndex, connection: connection)
            }
            try connection.execute("COMMIT", what: "committing the write")
        } catch {
            connection.rollback()
            guard case .provider(let place, let reason) = error, !reason.hasSuffix("the database is unchanged") else { throw error }
            throw .provider(location: place, reason: reason + "; the database is unchanged")
        }
    }

    /// A column to write: its name, SQL type and how a value is encoded.
    struct Column {
        enum Kind { case bigint, double, text, boolean, jsonb }
        var name: String
        var kind: Kind
        var sqlType: String {
            switch kind {
            case .bigint: "bigint"
            case .double: "double precision"
            case .text: "text"
            case .boolean: "boolean"
            case .jsonb: "jsonb"
            }
        }
    }

    static func write(_ layer: GeoDataLayer, table: String, schema: String, spatialIndex: Bool, connection: PGConnection) throws(GeoDataError) {
        let location = connection.location
        func fail(_ reason: String) -> GeoDataError {
            .provider(location: location.redacted, reason: "table \(table): \(reason); the database is unchanged")
        }
        let srid: Int32
        if let crs = layer.crs {
            guard let code = crs.epsgCode, let s = Int32(exactly: code) else {
                throw fail("layer \(layer.name) is in \(crs), which has no EPSG code for a PostGIS SRID")
            }
            srid = s
        } else {
            srid = 0
        }
        let geometryName = location.geometryColumn ?? "geom"
        let columns = try columns(of: layer.features, geometryName: geometryName, fail: fail)
        let idName = ["fid", "ogc_fid", "geotwin_fid"].first { name in !columns.contains { $0.name == name } && name != geometryName } ?? "geotwin_fid"
        let ids = featureIDs(layer.features)

        // Geometry column type.
        let geometries = layer.features.compactMap(\.geometry)
        let kinds = Set(geometries.map(\.kind))
        let zs = Set(geometries.map(\.hasZ)), ms = Set(geometries.map(\.hasM))
        let geometryType: String
        if zs.count > 1 || ms.count > 1 {
            geometryType = "geometry"  // mixed dimensions: no type modifier can hold them
        } else {
            let base = kinds.count == 1 ? kinds.first!.rawValue : "Geometry"
            geometryType = "geometry(\(base)\(zs.first == true ? "Z" : "")\(ms.first == true ? "M" : ""), \(srid))"
        }

        let temporary = "geotwin_new_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let temporaryQualified = PG.qualified(schema, temporary)
        let target = PG.qualified(schema, table)
        var definitions = ["\(PG.quote(idName)) \(ids.isText ? "text" : "bigint") NOT NULL"]
        definitions += columns.map { "\(PG.quote($0.name)) \($0.sqlType)" }
        definitions.append("\(PG.quote(geometryName)) \(geometryType)")
        try connection.execute("CREATE TABLE \(temporaryQualified) (\(definitions.joined(separator: ", ")))", what: "table \(table): creating it")

        // Binary COPY.
        let names = ([idName] + columns.map(\.name) + [geometryName]).map(PG.quote).joined(separator: ", ")
        try connection.execute("COPY \(temporaryQualified) (\(names)) FROM STDIN (FORMAT binary, FREEZE)", what: "table \(table): starting COPY")
        var buffer = CopyBuffer()
        buffer.header()
        do throws(GeoDataError) {
            for (i, feature) in layer.features.enumerated() {
                buffer.int16(Int16(columns.count + 2))
                switch ids.values[i] {
                case .int(let v): buffer.field(int64: v)
                case .string(let s): buffer.field(text: s)
                }
                for column in columns {
                    try buffer.field(feature.properties[column.name] ?? .null, as: column.kind) { reason in
                        fail("feature \(i), property \(column.name): \(reason)")
                    }
                }
                if let g = feature.geometry {
                    buffer.field(geometry: g, flavor: .extended(srid: srid == 0 ? nil : srid))
                } else {
                    buffer.null()
                }
                if buffer.bytes.count >= chunkSize {
                    try connection.putCopyData(buffer.bytes)
                    buffer.bytes.removeAll(keepingCapacity: true)
                }
            }
            buffer.int16(-1)
            try connection.putCopyData(buffer.bytes)
        } catch {
            try? connection.endCopy(error: "GeoTwin stopped the write")
            throw error
        }
        do { try connection.endCopy() } catch { throw fail("the server refused the rows: \(Self.reason(error))") }

        let index = "\(temporary)_geom_idx"
        try connection.execute("ALTER TABLE \(temporaryQualified) ADD PRIMARY KEY (\(PG.quote(idName)))", what: "table \(table): adding the primary key")
        if spatialIndex {
            try connection.execute("CREATE INDEX \(PG.quote(index)) ON \(temporaryQualified) USING GIST (\(PG.quote(geometryName)))",
                                   what: "table \(table): creating the spatial index")
        }
        try connection.execute("DROP TABLE IF EXISTS \(target)", what: "table \(table): dropping the old table")
        try connection.execute("ALTER TABLE \(temporaryQualified) RENAME TO \(PG.quote(table))", what: "table \(table): renaming the new table")
        try connection.execute("ALTER INDEX \(PG.qualified(schema, "\(temporary)_pkey")) RENAME TO \(PG.quote("\(table)_pkey"))",
                               what: "table \(table): renaming the primary key")
        if spatialIndex {
            try connection.execute("ALTER INDEX \(PG.qualified(schema, index)) RENAME TO \(PG.quote("\(table)_\(geometryName)_idx"))",
                                   what: "table \(table): renaming the spatial index")
        }
        try connection.execute("ANALYZE \(target)", what: "table \(table): analysing it")
    }

    static func reason(_ error: GeoDataError) -> String {
        if case .provider(_, let reason) = error { return reason }
        return error.description
    }

    /// The attribute columns, by name, typed from their values.
    static func columns(of features: [Feature], geometryName: String, fail: (String) -> GeoDataError) throws(GeoDataError) -> [Column] {
        // The kinds seen in each column, as bits: 1 bigint, 2 double, 4 text, 8 boolean, 16 jsonb.
        var kinds: [String: UInt8] = [:]
        for f in features {
            for (key, value) in f.properties {
                let bit: UInt8 = switch value {
                case .null: 0
                case .int: 1
                case .double: 2
                case .string: 4
                case .bool: 8
                case .array, .object: 16
                }
                kinds[key, default: 0] |= bit
            }
        }
        if kinds[geometryName] != nil { throw fail("a property is named \(geometryName), like the geometry column; choose another with geometry=") }
        return kinds.keys.sorted().map { key in
            let kind: Column.Kind = switch kinds[key] ?? 0 {
            case 0: .text
            case 1: .bigint
            case 2, 3: .double
            case 4: .text
            case 8: .boolean
            default: .jsonb
            }
            return Column(name: key, kind: kind)
        }
    }

    /// The feature ids to write: the features' own when unique (integers, else text), else 1...n.
    static func featureIDs(_ features: [Feature]) -> (values: [FeatureID], isText: Bool) {
        let own = features.compactMap(\.id)
        if own.count == features.count, !own.isEmpty {
            let ints = own.compactMap { id -> Int64? in if case .int(let v) = id { v } else { nil } }
            // Increasing ids (a GeoPackage's, a table's key) are unique without a set.
            if ints.count == own.count, zip(ints, ints.dropFirst()).allSatisfy({ $0 < $1 }) || Set(ints).count == ints.count {
                return (own, false)
            }
            let texts = own.map { id -> String in
                switch id {
                case .int(let v): String(v)
                case .string(let s): s
                }
            }
            if Set(texts).count == texts.count { return (texts.map { .string($0) }, true) }
        }
        return ((0..<features.count).map { .int(Int64($0) + 1) }, false)
    }
}

/// PostgreSQL's binary COPY format: a signature, then per row a field count and each field as a
/// length and bytes (-1 for NULL), then -1.
struct CopyBuffer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(PostGISWriter.chunkSize + 65536) }

    mutating func header() {
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        int32(0)  // flags
        int32(0)  // header extension length
    }

    mutating func int16(_ v: Int16) { withUnsafeBytes(of: v.bigEndian) { bytes += $0 } }
    mutating func int32(_ v: Int32) { withUnsafeBytes(of: v.bigEndian) { bytes += $0 } }

    mutating func null() { int32(-1) }

    mutating func field(_ value: [UInt8]) {
        int32(Int32(value.count))
        bytes += value
    }

    /// A geometry as EWKB, written in place.
    mutating func field(geometry g: Geometry, flavor: WKB.Flavor) {
        let at = bytes.count
        int32(0)
        let count = WKB.encode(g, appendingTo: &bytes, flavor: flavor)
        withUnsafeBytes(of: Int32(count).bigEndian) { length in
            for i in 0..<4 { bytes[at + i] = length[i] }
        }
    }

    /// A string as UTF-8, written in place.
    mutating func field(text s: String) {
        int32(Int32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    mutating func field(int64 v: Int64) {
        int32(8)
        withUnsafeBytes(of: v.bigEndian) { bytes += $0 }
    }

    mutating func field(double v: Double) {
        int32(8)
        withUnsafeBytes(of: v.bitPattern.bigEndian) { bytes += $0 }
    }

    /// `value` encoded for a column of `kind`.
    mutating func field(_ value: PropertyValue, as kind: PostGISWriter.Column.Kind,
                        fail: (String) -> GeoDataError) throws(GeoDataError) {
        switch (kind, value) {
        case (_, .null): null()
        case (.bigint, .int(let v)): field(int64: v)
        case (.double, .int(let v)): field(double: Double(v))
        case (.double, .double(let v)): field(double: v)
        case (.text, .string(let s)): field(text: s)
        case (.boolean, .bool(let b)):
            int32(1)
            bytes.append(b ? 1 : 0)
        case (.jsonb, _):
            let text: String
            do { text = try GeoJSON.encode(value) } catch { throw fail("not representable in JSON (\(error))") }
            int32(Int32(text.utf8.count + 1))
            bytes.append(1)  // jsonb binary format version
            bytes += Array(text.utf8)
        default:
            throw fail("a \(value) in a \(kind) column")
        }
    }
}
