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
/// a `text` key; without ids the rows are numbered from 1. Values of large columns (geometries,
/// text, jsonb) are compressed with LZ4 when the server offers it (PostgreSQL 14 and later built
/// with it), else with the server's default.
///
/// Layers handed over feature by feature (``write(streams:to:spatialIndex:)``) go to the server
/// while they are read: the table's columns, key and geometry type are chosen from the first
/// ``lookahead`` features, and the COPY starts. Should a later feature not fit that choice (a
/// new property, a double in an integer column, another geometry type, an id out of order), the
/// table is dropped and the layer written again from its first feature, chosen from all of them:
/// the table is the same as a whole-layer write makes, always.
public enum PostGISWriter {
    /// Bytes of COPY data sent per message.
    static let chunkSize = 1 << 20
    /// The features of a streamed layer from which its table is chosen before the COPY starts.
    public static let lookahead = GeoDataSink.streamLookahead

    /// Writes `layers` to `location`: to its `table=` (one layer only), else each to a table named
    /// after the layer, in its `schema=` (default: the current schema), geometry column
    /// `geometry=` (default `geom`).
    /// - Parameters:
    ///   - layers: the layers to write.
    ///   - location: the database, schema and table (or none, for a table per layer).
    ///   - spatialIndex: give each table a GiST index on its geometry column.
    /// - Throws: `GeoDataError/provider(location:reason:)` naming the table and the problem.
    public static func write(_ layers: [GeoDataLayer], to location: PostGISLocation, spatialIndex: Bool = true) throws(GeoDataError) {
        _ = try write(streams: layers.map(GeoDataLayerStream.init), to: location, spatialIndex: spatialIndex, lookahead: .max)
    }

    /// Writes layers handed over feature by feature to `location` (as ``write(_:to:spatialIndex:)``
    /// names the tables), streaming each to the server while it is read: memory stays flat in
    /// layer size, and the server stores rows while the next are read.
    /// - Returns: the number of features written.
    @discardableResult
    public static func write(streams: [GeoDataLayerStream], to location: PostGISLocation, spatialIndex: Bool = true) throws(GeoDataError) -> Int {
        try write(streams: streams, to: location, spatialIndex: spatialIndex, lookahead: lookahead)
    }

    static func write(streams: [GeoDataLayerStream], to location: PostGISLocation, spatialIndex: Bool, lookahead: Int) throws(GeoDataError) -> Int {
        if location.table != nil, streams.count != 1 {
            throw .provider(location: location.redacted,
                            reason: "table= names one table but there are \(streams.count) layers (\(streams.map(\.name).joined(separator: ", "))); write one layer, or leave out table= to write each to a table named after it")
        }
        let connection = try PGConnection(location)
        var schema = location.schema ?? "public"
        if location.schema == nil {
            schema = try connection.strings("SELECT current_schema()", what: "reading the current schema").first?[0] ?? "public"
        }
        let lz4 = try connection.strings("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'",
                                         what: "reading the server's compression methods").first?[0] == "t"
        try connection.execute("BEGIN", what: "starting the write")
        var count = 0
        do throws(GeoDataError) {
            if lz4 { try connection.execute("SET LOCAL default_toast_compression = 'lz4'", what: "choosing LZ4 compression") }
            for stream in streams {
                count += try write(stream, table: location.table ?? stream.name, schema: schema, spatialIndex: spatialIndex,
                                   connection: connection, lookahead: lookahead)
            }
            try connection.execute("COMMIT", what: "committing the write")
        } catch {
            connection.rollback()
            guard case .provider(let place, let reason) = error, !reason.hasSuffix("the database is unchanged") else { throw error }
            throw .provider(location: place, reason: reason + "; the database is unchanged")
        }
        return count
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

        /// The kinds of value seen in a column, as bits: 1 bigint, 2 double, 4 text, 8 boolean, 16 jsonb.
        static func bit(_ value: PropertyValue) -> UInt8 {
            switch value {
            case .null: 0
            case .int: 1
            case .double: 2
            case .string: 4
            case .bool: 8
            case .array, .object: 16
            }
        }

        /// The column kind holding every kind of value in `bits`.
        static func kind(_ bits: UInt8) -> Kind {
            switch bits {
            case 0: .text
            case 1: .bigint
            case 2, 3: .double
            case 4: .text
            case 8: .boolean
            default: .jsonb
            }
        }
    }

    /// Where a row's key comes from.
    enum Keys {
        /// The features' own integer ids, increasing.
        case increasing
        /// The features' own ids, as listed (unique, not increasing, or text).
        case listed([FeatureID])
        /// 1, 2, 3, ... in feature order.
        case numbered
    }

    /// The table chosen for a layer from its first features (or all of them when `complete`):
    /// what a whole-layer write of those features makes. ``admit(_:)`` tells whether a later
    /// feature fits it.
    struct Plan {
        var columns: [Column]
        var bits: [UInt8]
        var index: [String: Int]
        var idName: String
        var keys: Keys
        var keysAreText: Bool
        var kinds: Set<Geometry.Kind>
        var zs: Set<Bool>
        var ms: Set<Bool>
        var srid: Int32
        var geometryType: String
        var lastID: Int64 = .min

        /// Nil when the features are not all there and their keys could still change with a later
        /// feature (text or unordered ids): such a layer is written whole.
        init?(_ features: [Feature], complete: Bool, srid: Int32, geometryName: String,
              fail: (String) -> GeoDataError) throws(GeoDataError) {
            var bits: [String: UInt8] = [:]
            for f in features {
                for (key, value) in f.properties { bits[key, default: 0] |= Column.bit(value) }
            }
            if bits[geometryName] != nil { throw fail("a property is named \(geometryName), like the geometry column; choose another with geometry=") }
            let names = bits.keys.sorted()
            columns = names.map { Column(name: $0, kind: Column.kind(bits[$0] ?? 0)) }
            self.bits = names.map { bits[$0] ?? 0 }
            index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            let columnNames = Set(names)
            idName = ["fid", "ogc_fid", "geotwin_fid"].first { !columnNames.contains($0) && $0 != geometryName } ?? "geotwin_fid"
            (keys, keysAreText) = Self.keys(features)
            if !complete, case .listed = keys { return nil }
            let geometries = features.compactMap(\.geometry)
            kinds = Set(geometries.map(\.kind))
            zs = Set(geometries.map(\.hasZ))
            ms = Set(geometries.map(\.hasM))
            self.srid = srid
            geometryType = ""
            geometryType = typeName()
            if case .increasing = keys, case .int(let last)? = features.last?.id { lastID = last }
        }

        /// The geometry column's type for the geometries seen.
        func typeName() -> String {
            if zs.count > 1 || ms.count > 1 { return "geometry" }  // mixed dimensions: no type modifier can hold them
            let base = kinds.count == 1 ? kinds.first!.rawValue : "Geometry"
            return "geometry(\(base)\(zs.first == true ? "Z" : "")\(ms.first == true ? "M" : ""), \(srid))"
        }

        /// The keys of `features`: their own when unique (integers, else text), else 1...n.
        static func keys(_ features: [Feature]) -> (Keys, isText: Bool) {
            let own = features.compactMap(\.id)
            if own.count == features.count, !own.isEmpty {
                let ints = own.compactMap { id -> Int64? in if case .int(let v) = id { v } else { nil } }
                if ints.count == own.count {
                    // Increasing ids (a GeoPackage's, a table's key) are unique without a set.
                    if zip(ints, ints.dropFirst()).allSatisfy({ $0 < $1 }) { return (.increasing, false) }
                    if Set(ints).count == ints.count { return (.listed(own), false) }
                }
                let texts = own.map { id -> String in
                    switch id {
                    case .int(let v): String(v)
                    case .string(let s): s
                    }
                }
                if Set(texts).count == texts.count { return (.listed(texts.map { .string($0) }), true) }
            }
            return (.numbered, false)
        }

        /// True when `g`, coming after the geometries the plan was chosen from, leaves the geometry
        /// column's type as it is (the plan then takes it into account).
        @inline(__always)
        mutating func admits(_ g: Geometry) -> Bool {
            if kinds.contains(g.kind), zs.contains(g.hasZ), ms.contains(g.hasM) { return true }
            var next = self
            next.kinds.insert(g.kind)
            next.zs.insert(g.hasZ)
            next.ms.insert(g.hasM)
            guard next.typeName() == geometryType else { return false }
            self = next
            return true
        }
    }

    /// A table being filled by COPY.
    final class Load {
        let connection: PGConnection
        @exclusivity(unchecked) var plan: Plan
        let fail: (String) -> GeoDataError
        @exclusivity(unchecked) var buffer = CopyBuffer()
        /// Each column's value of the feature being added (reused from feature to feature).
        @exclusivity(unchecked) var slots: [PropertyValue]
        @exclusivity(unchecked) var count = 0

        init(connection: PGConnection, plan: Plan, fail: @escaping (String) -> GeoDataError) {
            self.connection = connection
            self.plan = plan
            self.fail = fail
            slots = Array(repeating: .null, count: plan.columns.count)
            buffer.header()
        }

        /// The column of the property `key`: a scan of the names for a few columns (no hashing),
        /// the index for many.
        @inline(__always)
        func column(_ key: String) -> Int? {
            let columns = plan.columns
            if columns.count > 16 { return plan.index[key] }
            for i in columns.indices where columns[i].name == key { return i }
            return nil
        }

        /// Adds `feature` as the next row. With `checking`, first asks whether it fits the table
        /// (``Plan/admit(_:)``): false, and the row is left unfinished, when it does not.
        func add(_ feature: Feature, checking: Bool) throws(GeoDataError) -> Bool {
            if checking {
                switch plan.keys {
                case .increasing:
                    guard case .int(let v)? = feature.id, v > plan.lastID else { return false }
                    plan.lastID = v
                case .numbered: break
                case .listed: return false
                }
            }
            for (key, value) in feature.properties {
                guard let i = column(key) else {
                    if checking { return false }
                    continue
                }
                if checking {
                    let bit = Column.bit(value)
                    let bits = plan.bits[i]
                    if bits | bit != bits {
                        guard Column.kind(bits | bit) == plan.columns[i].kind else { return false }
                        plan.bits[i] = bits | bit
                    }
                }
                slots[i] = value
            }
            if checking, let g = feature.geometry, !plan.admits(g) { return false }

            buffer.int16(Int16(slots.count + 2))
            switch plan.keys {
            case .increasing:
                guard case .int(let v)? = feature.id else { throw fail("feature \(count) has no integer id") }
                buffer.field(int64: v)
            case .numbered: buffer.field(int64: Int64(count) + 1)
            case .listed(let ids):
                switch ids[count] {
                case .int(let v): buffer.field(int64: v)
                case .string(let s): buffer.field(text: s)
                }
            }
            for i in slots.indices {
                let value = slots[i]
                slots[i] = .null
                try buffer.field(value, as: plan.columns[i].kind) { reason in
                    fail("feature \(count), property \(plan.columns[i].name): \(reason)")
                }
            }
            if let g = feature.geometry {
                buffer.field(geometry: g, flavor: .extended(srid: plan.srid == 0 ? nil : plan.srid))
            } else {
                buffer.null()
            }
            count += 1
            if buffer.bytes.count >= chunkSize {
                try connection.putCopyData(buffer.bytes)
                buffer.bytes.removeAll(keepingCapacity: true)
            }
            return true
        }

        func finish() throws(GeoDataError) {
            buffer.int16(-1)
            try connection.putCopyData(buffer.bytes)
            buffer.bytes.removeAll()
        }
    }

    /// Writes one layer; returns its feature count.
    static func write(_ stream: GeoDataLayerStream, table: String, schema: String, spatialIndex: Bool,
                      connection: PGConnection, lookahead: Int) throws(GeoDataError) -> Int {
        let location = connection.location
        func fail(_ reason: String) -> GeoDataError {
            .provider(location: location.redacted, reason: "table \(table): \(reason); the database is unchanged")
        }
        let srid: Int32
        if let crs = stream.crs {
            guard let code = crs.epsgCode, let s = Int32(exactly: code) else {
                throw fail("layer \(stream.name) is in \(crs), which has no EPSG code for a PostGIS SRID")
            }
            srid = s
        } else {
            srid = 0
        }
        let geometryName = location.geometryColumn ?? "geom"
        let temporary = "geotwin_new_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let temporaryQualified = PG.qualified(schema, temporary)

        /// Creates the table of `plan` and starts its COPY.
        func start(_ plan: Plan) throws(GeoDataError) -> Load {
            var definitions = ["\(PG.quote(plan.idName)) \(plan.keysAreText ? "text" : "bigint") NOT NULL"]
            definitions += plan.columns.map { "\(PG.quote($0.name)) \($0.sqlType)" }
            definitions.append("\(PG.quote(geometryName)) \(plan.geometryType)")
            try connection.execute("CREATE TABLE \(temporaryQualified) (\(definitions.joined(separator: ", ")))", what: "table \(table): creating it")
            let names = ([plan.idName] + plan.columns.map(\.name) + [geometryName]).map(PG.quote).joined(separator: ", ")
            try connection.execute("COPY \(temporaryQualified) (\(names)) FROM STDIN (FORMAT binary, FREEZE)", what: "table \(table): starting COPY")
            return Load(connection: connection, plan: plan, fail: fail)
        }

        // The first `lookahead` features choose the table; the rest stream into it while each fits.
        try connection.execute("SAVEPOINT geotwin_layer", what: "table \(table): starting it")
        var pending: [Feature] = []
        var load: Load?
        var restart = false
        let stop = GeoDataError.provider(location: location.redacted, reason: "restarting the layer")
        do throws(GeoDataError) {
            try stream.forEachFeature { (f) throws(GeoDataError) in
                if let load {
                    guard try load.add(f, checking: true) else {
                        restart = true
                        throw stop
                    }
                    return
                }
                pending.append(f)
                guard pending.count >= lookahead else { return }
                guard let plan = try Plan(pending, complete: false, srid: srid, geometryName: geometryName, fail: fail) else {
                    restart = true
                    throw stop
                }
                let started = try start(plan)
                load = started
                for p in pending { _ = try started.add(p, checking: false) }
                pending = []
            }
            if load == nil, let plan = try Plan(pending, complete: true, srid: srid, geometryName: geometryName, fail: fail) {
                let started = try start(plan)
                load = started
                for p in pending { _ = try started.add(p, checking: false) }
                pending = []
            }
            try load?.finish()
        } catch {
            if load != nil { try? connection.endCopy(error: "GeoTwin stopped the write") }
            guard restart else { throw error }
            // A later feature did not fit the table chosen from the first ones: again, from all.
            try connection.execute("ROLLBACK TO SAVEPOINT geotwin_layer", what: "table \(table): starting it again")
            let features = try stream.read().features
            guard let plan = try Plan(features, complete: true, srid: srid, geometryName: geometryName, fail: fail) else {
                throw fail("no table fits the features")  // a complete plan always exists
            }
            let started = try start(plan)
            load = started
            do throws(GeoDataError) {
                for f in features { _ = try started.add(f, checking: false) }
                try started.finish()
            } catch {
                try? connection.endCopy(error: "GeoTwin stopped the write")
                throw error
            }
        }
        guard let load else { throw fail("no table fits the features") }
        do { try connection.endCopy() } catch { throw fail("the server refused the rows: \(Self.reason(error))") }

        let target = PG.qualified(schema, table)
        let index = "\(temporary)_geom_idx"
        try connection.execute("ALTER TABLE \(temporaryQualified) ADD PRIMARY KEY (\(PG.quote(load.plan.idName)))", what: "table \(table): adding the primary key")
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
        try connection.execute("RELEASE SAVEPOINT geotwin_layer", what: "table \(table): finishing it")
        return load.count
    }

    static func reason(_ error: GeoDataError) -> String {
        if case .provider(_, let reason) = error { return reason }
        return error.description
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

    @inline(__always)
    mutating func int16(_ v: Int16) {
        let u = UInt16(bitPattern: v)
        bytes.append(UInt8(truncatingIfNeeded: u >> 8))
        bytes.append(UInt8(truncatingIfNeeded: u))
    }

    @inline(__always)
    mutating func int32(_ v: Int32) { append(UInt64(UInt32(bitPattern: v)), bytes: 4) }

    /// The low `count` bytes of `v`, most significant first.
    @inline(__always)
    mutating func append(_ v: UInt64, bytes count: Int) {
        var shift = (count - 1) * 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift)))
            shift -= 8
        }
    }

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
        append(UInt64(bitPattern: v), bytes: 8)
    }

    mutating func field(double v: Double) {
        int32(8)
        append(v.bitPattern, bytes: 8)
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
